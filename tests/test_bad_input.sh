#!/usr/bin/env bash
# test_bad_input.sh OMPSCALE -- input refused before anything is created: every --set checked
# against its kernel whether selected or not, a parameter set twice, options a command does not
# take, --max-reps against --reps, sizes beyond the memory the process may use, and control bytes
# in a value escaped so that the error stays one line. Each case: exit 2, one stderr line
# "ompscale: ..." naming the value, nothing on stdout, nothing left in the directory.
set -u
bin=("${@:2}" "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")")   # a cross build passes its emulator
work=$(mktemp -d /tmp/ompscale-badinput-XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
passed=0 failed=0

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

# refused NEEDLE ARGS...
refused() {
    local needle=$1; shift
    "${bin[@]}" "$@" > out.txt 2> err.txt
    local rc=$?
    local shown
    shown=$(printf '%q ' "$@")
    if [ "$rc" -ne 2 ]; then bad "$shown-> exit $rc, want 2: $(cat err.txt)"; return; fi
    if [ "$(wc -l < err.txt)" -ne 1 ]; then bad "$shown-> stderr is not one line: $(cat err.txt)"; return; fi
    if ! grep -q '^ompscale: ' err.txt; then bad "$shown-> stderr not 'ompscale: ...'"; return; fi
    if ! grep -qF -- "$needle" err.txt; then bad "$shown-> stderr does not name '$needle': $(cat err.txt)"; return; fi
    if [ -s out.txt ]; then bad "$shown-> wrote to stdout"; return; fi
    if [ -n "$(ls -A | grep -v -x -e out.txt -e err.txt)" ]; then bad "$shown-> left files: $(ls -A)"; return; fi
    ok
}

# --set on a kernel that is not selected is still checked.
refused "bogus" run --kernel mandelbrot --set sweep.bogus=1
refused "99999" run --kernel mandelbrot --set sweep.angles=99999
refused "abc" run --kernel mandelbrot --set sqrtmap.n=abc
refused "1.5" run --kernel mandelbrot --set sweep.angles=1.5
# The same parameter twice, in one list or in two options.
refused "set twice" run --set mandelbrot.maxiter=5,mandelbrot.maxiter=6
refused "set twice" run --set mandelbrot.maxiter=5 --set mandelbrot.maxiter=6
# Options a command does not use.
refused "--reps" list --reps 3
refused "--threads" list --threads 2
refused "--class" overhead --class S
refused "--serial-fraction" overhead --serial-fraction 0.1
refused "--kernel" overhead --kernel mandelbrot
refused "--set" overhead --set mandelbrot.maxiter=5
refused "--reps" info --reps 2
# --max-reps with a fixed --reps, or below the adaptive start.
refused "--max-reps 10" run --reps 3 --max-reps 10
refused "--max-reps 2" run --max-reps 2
# More memory than the process may use: refused from the parameters, before any allocation.
refused "sqrtmap" run --kernel sqrtmap --set sqrtmap.n=2e9
# (Not under an emulator, whose own address space the limit would count, nor under
# AddressSanitizer, whose shadow memory needs terabytes of address space.)
if [ "$(ulimit -v)" = unlimited ] && [ ${#bin[@]} -eq 1 ] && [ -z "${ASAN_OPTIONS:-}" ] &&
    ! ldd "${bin[0]}" 2> /dev/null | grep -q libasan; then
    if (ulimit -v 400000; f0=$failed; refused "RLIMIT_AS" run --kernel sqrtmap --set sqrtmap.n=5e7; [ "$failed" -eq "$f0" ])
    then ok; else bad "the RLIMIT_AS case failed"; fi
fi
# Weak scaling beyond a parameter's maximum: found in the plan.
refused "maximum" run --kernel mandelbrot --scaling weak --threads 1,4 --set mandelbrot.height=65536
# Control bytes are escaped: the message stays one line and shows them.
refused 'a\nb' run --kernel "$(printf 'a\nb')"
refused '1\n2' run --threads "$(printf '1\n2')"
refused '\x01' run --set "$(printf 'mandelbrot.maxiter=5\001')"
refused '\t' run --schedule "$(printf 'static\tx')"

echo "test_bad_input: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
