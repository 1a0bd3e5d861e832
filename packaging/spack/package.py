# Spack recipe for ompscale: copy this directory into a Spack package repository as
# packages/ompscale/ (spack repo create, then spack repo add), set `git` below to where the
# repository is published, then: spack install ompscale (or ompscale+native on the machine that
# will run it).
from spack.package import *


class Ompscale(CMakePackage):
    """OpenMP scaling benchmark suite: scientific kernels run serially and with OpenMP at 1..N
    threads under every schedule kind and several chunk sizes, each parallel result verified
    against the serial one; speed-up and efficiency tables, an Amdahl fit, and gnuplot charts."""

    # Where this repository is published; a local checkout works with `spack dev-build`.
    git = "https://example.org/ompscale.git"

    license("BSD-3-Clause")

    version("main", branch="main")

    # The default build of the source tree targets the machine that builds it (-march=native or
    # -mcpu=native): right for a benchmark built where it runs, wrong for a package built once
    # and run elsewhere, so it is off here.
    variant("native", default=False, description="Build for the build machine's CPU (-march=native)")
    # MPI runs across nodes are being added; the variant is declared now so that specs can name it.
    variant("mpi", default=False, description="MPI support (passes OMPSCALE_MPI to CMake)")

    depends_on("c", type="build")
    depends_on("cmake@3.16:", type="build")
    depends_on("pkgconfig", type="build")
    depends_on("cairo")
    depends_on("json-c")
    depends_on("hwloc@2:")
    depends_on("gnuplot", type="run")  # ompscale plot and compare draw with it
    depends_on("mpi", when="+mpi")
    depends_on("llvm-openmp", when="%apple-clang")  # clang without its own OpenMP runtime

    def cmake_args(self):
        return [
            self.define_from_variant("OMPSCALE_NATIVE", "native"),
            self.define_from_variant("OMPSCALE_MPI", "mpi"),
            self.define("BUILD_TESTING", self.run_tests),
        ]
