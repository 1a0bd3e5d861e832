#!/usr/bin/env bash
# test_verify_fail.sh OMPSCALE WRONG_LIBM -- the exit-3 path end to end: a real kernel whose parallel
# result is wrong (sweep, with a sine made slightly wrong inside parallel regions by LD_PRELOAD)
# must fail verification loudly, exit 3, keep every row with verified=0, and never be called best.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shim=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
work=$(mktemp -d /tmp/ompscale-verify-XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
failed=0
bad() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

# Under ASan the preload comes before the sanitizer's runtime, which it would refuse.
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
LD_PRELOAD=$shim "$bin" run --class S --kernel sweep,mandelbrot --threads 1,2 --schedule static,dynamic \
    --no-overhead --out run > out.txt 2> err.txt
rc=$?
[ "$rc" -eq 3 ] || bad "exit $rc, want 3: $(tail -3 err.txt)"

# Loud: one line per failed configuration (sweep at 2 threads only), naming it and the difference.
n_sweep2=$(awk -F, 'NR > 1 && $1 == "sweep" && $9 == 2 && $6 != "serial"' run/speedup.csv | wc -l)
n_lines=$(grep -c '^ompscale: verification failed: sweep .* 2T: .* differ' err.txt)
[ "$n_sweep2" -gt 0 ] || bad "no 2-thread sweep rows in speedup.csv"
[ "$n_lines" -eq "$n_sweep2" ] || bad "$n_lines verification lines for $n_sweep2 failed configurations"
grep -q 'verification failed: mandelbrot' err.txt && bad "mandelbrot (no sine) failed verification"
grep -q "FAILED verification: see verified=0 rows in .*raw.csv" err.txt || bad "no closing count on stderr"

# Every row kept, and marked: sweep at 2 threads unverified, everything else verified.
[ -f run/results.json ] || bad "no results.json"
bad_rows=$(awk -F, 'NR > 1 && $15 == 0 && !($1 == "sweep" && $9 == 2)' run/raw.csv | wc -l)
[ "$bad_rows" -eq 0 ] || bad "$bad_rows raw.csv rows unverified that should verify"
unverified=$(awk -F, 'NR > 1 && $15 == 0' run/raw.csv | wc -l)
[ "$unverified" -ge "$n_sweep2" ] || bad "only $unverified unverified raw.csv rows"
col=$(head -1 run/speedup.csv | tr ',' '\n' | grep -nx verified | cut -d: -f1)
wrong=$(awk -F, -v c="$col" 'NR > 1 && $1 == "sweep" && $9 == 2 && $6 != "serial" && $c != 0' run/speedup.csv | wc -l)
[ "$wrong" -eq 0 ] || bad "$wrong failed sweep rows in speedup.csv say verified"

# The summary warns, and never calls a failed configuration sweep's best.
grep -q 'VERIFICATION FAILED in [0-9]* of [0-9]* parallel configurations' out.txt || bad "summary does not warn"
grep -E '^  sweep .*best [a-z]+,[^ ]* at 2 threads' out.txt && bad "summary calls a failed configuration best"

if [ "$failed" -ne 0 ]; then
    echo "--- stderr"; cat err.txt; echo "--- stdout"; tail -20 out.txt
    exit 1
fi
echo "verify_fail: exit 3, $n_lines loud failures, $unverified unverified rows kept, summary warns"
