#!/usr/bin/env bash
# cross.sh arm64|armhf -- build for Raspberry Pi OS 64-bit or 32-bit with Debian's cross gcc and
# run the tests under qemu-user, in build-ARCH, with the ARCH preset of CMakePresets.json (which
# reads the sysroot from OMPSCALE_SYSROOT in the environment).
#
# The target's libraries are Debian's ARCH packages, unpacked into build-ARCH/sysroot by a private
# apt (its own lists, cache and empty status; the host's sources): no foreign architecture is added
# to the host. Multiarch would tie each shared library to the host's exact version, and breaks when
# the mirror's ARCH index of a suite fails or lags (bookworm-security for armhf, seen here); the
# private apt just skips that suite and takes the versions of the others, which is fine for linking
# and testing. Only the cross compiler and qemu go on the host (scripts/deps.sh: as root, through
# sudo, or else it says what to install).
set -euo pipefail
cd "$(dirname "$0")/.."

arch=${1:-}
case "$arch" in
    arm64) triplet=aarch64-linux-gnu; qemu="qemu-aarch64" ;;
    armhf) triplet=arm-linux-gnueabihf; qemu="qemu-arm" ;;
    *) echo "usage: $0 arm64|armhf" >&2; exit 2 ;;
esac
build=build-$arch
sysroot=$PWD/$build/sysroot
target_packages=(libc6-dev libgomp1 libcairo2-dev libjson-c-dev libhwloc-dev)
host_packages=("gcc-$triplet" qemu-user)  # besides what scripts/deps.sh installs for every build
jobs=$(nproc 2> /dev/null || echo 2)
start=$SECONDS
phase() { echo "== $arch: $* ($((SECONDS - start)) s) =="; }

phase "host packages"
scripts/deps.sh "${host_packages[@]}"

# The stamp names the packages, so a changed list makes a new sysroot.
stamp="$sysroot/.ompscale-packages"
if [ "$(cat "$stamp" 2> /dev/null)" != "${target_packages[*]}" ]; then
    phase "target packages into $sysroot"
    apt_dir=$PWD/$build/apt
    rm -rf "$sysroot" "$apt_dir"
    mkdir -p "$sysroot" "$apt_dir/lists/partial" "$apt_dir/archives/partial"
    : > "$apt_dir/status"
    apt_opts=(-q -o "APT::Architecture=$arch" -o "APT::Architectures=$arch"
        -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::State::Status=$apt_dir/status"
        -o "Dir::Cache=$apt_dir" -o "Dir::Cache::Archives=$apt_dir/archives"
        -o Acquire::Languages=none -o APT::Sandbox::User=root)
    # A suite whose index fails to download is skipped (install then says if anything is missing).
    if ! apt-get "${apt_opts[@]}" update > "$apt_dir/update.log" 2>&1; then
        echo "cross.sh: some $arch package lists failed to download; using the others:" >&2
        grep -E '^(E|W):' "$apt_dir/update.log" >&2 || true
    fi
    apt-get "${apt_opts[@]}" install -y -qq --download-only --no-install-recommends \
        "${target_packages[@]}" > /dev/null
    for deb in "$apt_dir"/archives/*.deb; do
        dpkg-deb -x "$deb" "$sysroot"
    done
    # Absolute links (libm.so -> /lib/...) would point at the host: make them point inside.
    find "$sysroot" -type l -lname '/*' | while read -r link; do
        ln -sfnr "$sysroot$(readlink "$link")" "$link"
    done
    rm -rf "$apt_dir"
    echo "${target_packages[*]}" > "$stamp"
fi

phase "configure (preset $arch)"
OMPSCALE_SYSROOT=$sysroot cmake --preset "$arch"
phase "build"
cmake --build --preset "$arch" -j "$jobs"
phase "test under $qemu"
ctest --preset "$arch" -j "$jobs"
phase "done"
