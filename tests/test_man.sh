#!/usr/bin/env bash
# test_man.sh OMPSCALE [EMULATOR...] -- docs/ompscale.1: it renders without a warning with groff
# -ww and with man -l, and names every option every command's help lists; and the Spack recipe
# compiles. (That the man page and docs/columns.md name every file and column a run writes is
# cli.sh's, which has a run at hand.)
set -u
bin=("${@:2}" "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")")   # a cross build passes its emulator
src=$(cd "$(dirname "$0")/.." && pwd)
page=$src/docs/ompscale.1
passed=0 failed=0

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

if ! command -v groff > /dev/null; then
    echo "test_man: groff is not installed: skipped (apt-get install groff-base)"
    exit 77
fi
warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
if [ -z "$warnings" ]; then ok; else bad "groff -ww: $warnings"; fi
if command -v man > /dev/null; then
    out=$(MANWIDTH=80 man --warnings -l "$page" 2>&1 > /dev/null)
    if [ -z "$out" ]; then ok; else bad "man --warnings -l: $out"; fi
    if MANWIDTH=80 man -l "$page" 2> /dev/null | grep -q 'OpenMP scaling benchmark suite'; then ok
    else bad "man -l does not render the NAME line"; fi
fi

# Every option of every command, as its help lists it, is in the man page (as \-\-name).
for cmd in run overhead list info plot report compare; do
    for opt in $("${bin[@]}" "$cmd" --help | sed -n 's/^  --\([a-z-]*\).*/\1/p'); do
        [ "$opt" = help ] && continue
        if grep -qF -- "\\-\\-${opt//-/\\-}" "$page"; then ok; else bad "man page lacks --$opt (of $cmd)"; fi
    done
done

# The Spack recipe is valid Python (nothing is written: no __pycache__ in the source tree) and
# declares what the README says it does.
recipe=$src/packaging/spack/package.py
if command -v python3 > /dev/null; then
    if python3 -c 'import sys; compile(open(sys.argv[1]).read(), sys.argv[1], "exec")' "$recipe"; then ok
    else bad "packaging/spack/package.py does not compile"; fi
    for needle in 'class Ompscale(CMakePackage)' 'variant("native", default=False' 'variant("mpi", default=False' \
        'depends_on("cairo")' 'depends_on("json-c")' 'depends_on("hwloc' 'depends_on("gnuplot", type="run")'; do
        if grep -qF "$needle" "$recipe"; then ok; else bad "the Spack recipe lacks $needle"; fi
    done
fi

echo "test_man: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
