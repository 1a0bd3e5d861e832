#!/usr/bin/env bash
# test_compare.sh OMPSCALE -- `ompscale compare` through the real binary: the numbers in its
# tables (serial ratio, best speed-up, efficiency at all CPUs, f) on hand-made run directories
# in tests/data/compare, the files it writes, refusal of runs that differ (exit 2, one line),
# --allow-mismatch saying so, and real runs made here read back.
set -u
bin=("${@:2}" "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")")   # a cross build passes its emulator
here=$(cd "$(dirname "$0")" && pwd)
data=$here/data/compare
export OMPSCALE_PLOTS_DIR=$here/../plots
[ $# -gt 1 ] && export OMPSCALE_NO_REEXEC=1   # an emulated binary does not re-execute itself (cli.sh)
work=$(mktemp -d /tmp/ompscale-compare-XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
passed=0 failed=0

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

# field FILE KERNEL RUN COLUMN: the value of COLUMN in FILE's row for KERNEL and run number RUN,
# found by column name. Prints "absent" when there is no such row.
field() {
    awk -F, -v k="$2" -v r="$3" -v name="$4" '
        NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
        $c["kernel"] == k && $c["run"] == r { print $c[name]; found = 1; exit }
        END { if (!found) print "absent" }' "$1"
}

# expect_field FILE KERNEL RUN COLUMN WANT: the field equals WANT as a number (or as text).
expect_field() {
    local got
    got=$(field "$1" "$2" "$3" "$4")
    if awk -v a="$got" -v b="$5" 'BEGIN { exit !(a == b || (a != "" && b != "" && a + 0 == b + 0 && a ~ /^[-0-9.e+]+$/)) }'
    then ok; else bad "$1: $2 run $3 $4 = '$got', want '$5'"; fi
}

# expect_usage NEEDLE... -- ARGS...: exit 2, one stderr line "ompscale: ..." holding every
# NEEDLE, nothing on stdout, no output directory.
expect_usage() {
    local needles=()
    while [ "$1" != "--" ]; do needles+=("$1"); shift; done
    shift
    "${bin[@]}" compare "$@" > out.txt 2> err.txt
    local rc=$? lines
    lines=$(wc -l < err.txt)
    if [ "$rc" -ne 2 ]; then bad "compare $* -> exit $rc, want 2: $(cat err.txt)"; return; fi
    if [ "$lines" -ne 1 ]; then bad "compare $* -> $lines stderr lines, want 1: $(cat err.txt)"; return; fi
    if ! grep -q '^ompscale: ' err.txt; then bad "compare $* -> stderr not 'ompscale: ...'"; return; fi
    for n in "${needles[@]}"; do
        if ! grep -qF -- "$n" err.txt; then bad "compare $* -> stderr does not name '$n': $(cat err.txt)"; return; fi
    done
    if [ -s out.txt ]; then bad "compare $* -> wrote to stdout"; return; fi
    if [ -e outdir ] || [ -e results ]; then bad "compare $* -> left an output directory"; rm -rf outdir results; return; fi
    ok
}

# The fixtures: a 4-CPU Pi with amdahl.csv, and a 2-CPU laptop whose speedup.csv has its
# columns in another order, an unknown column, and no efficiency.csv or amdahl.csv.
"${bin[@]}" compare "$data/pi" "$data/laptop" --out cmp > out.txt 2> err.txt
rc=$?
if [ "$rc" -eq 0 ]; then ok; else bad "compare pi laptop exited $rc: $(cat err.txt)"; fi
for f in compare.csv compare-series.csv compare.md; do
    if [ -s "cmp/$f" ]; then ok; else bad "cmp/$f missing"; fi
done
if ls -a . | grep -q partial; then bad "staging directory left behind"; else ok; fi
csv=cmp/compare.csv
# mandelbrot on the Pi: the oversubscribed 3.9 at 8 threads and the unverified 3.6 do not count.
expect_field $csv mandelbrot 1 serial_median_s 0.8
expect_field $csv mandelbrot 1 serial_ratio 1
expect_field $csv mandelbrot 1 best_speedup 3.5
expect_field $csv mandelbrot 1 best_threads 4
expect_field $csv mandelbrot 1 best_schedule dynamic
expect_field $csv mandelbrot 1 best_chunk_label 1
expect_field $csv mandelbrot 1 series_schedule dynamic
expect_field $csv mandelbrot 1 efficiency_all_cpus 0.875
expect_field $csv mandelbrot 1 f 0.04
expect_field $csv mandelbrot 1 f_ci_low 0.03
expect_field $csv mandelbrot 1 f_ci_high 0.05
expect_field $csv mandelbrot 1 cpus_available 4
expect_field $csv mandelbrot 1 params_match 1
# mandelbrot on the laptop: 0.1 s against the Pi's 0.8 s; 2.1 at 4 threads is oversubscribed.
expect_field $csv mandelbrot 2 serial_median_s 0.1
expect_field $csv mandelbrot 2 serial_ratio 0.125
expect_field $csv mandelbrot 2 best_speedup 1.95
expect_field $csv mandelbrot 2 best_threads 2
expect_field $csv mandelbrot 2 best_schedule static
expect_field $csv mandelbrot 2 best_chunk_label row
expect_field $csv mandelbrot 2 series_chunk_label row
expect_field $csv mandelbrot 2 efficiency_all_cpus 0.975
expect_field $csv mandelbrot 2 f ""
expect_field $csv mandelbrot 2 machine "laptop (Intel Core i5-8250U CPU @ 1.60GHz; 2 CPUs)"
expect_field $csv sweep 1 best_speedup 3.96
expect_field $csv sweep 1 f 0.003
expect_field $csv sweep 2 serial_ratio 0.2
expect_field $csv sweep 2 efficiency_all_cpus 0.99
# scatter is only on the Pi: left out, and said so.
expect_field $csv scatter 1 kernel absent
if grep -q 'left out: scatter' out.txt; then ok; else bad "stdout does not say scatter was left out"; fi
rows=$(($(wc -l < $csv) - 1))
if [ "$rows" -eq 4 ]; then ok; else bad "compare.csv has $rows rows, want 4 (2 kernels x 2 machines)"; fi
# The chart's data: each machine's best series, oversubscribed points flagged.
if awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
        $c["kernel"] == "mandelbrot" && $c["run"] == 1 { n++; if ($c["schedule"] != "dynamic") e = 1
                                                          if ($c["threads"] == 8 && $c["oversubscribed"] != 1) e = 1 }
        END { exit e || n != 4 }' cmp/compare-series.csv; then ok; else bad "compare-series.csv: Pi mandelbrot series"; fi
# The printed table: aligned rows with the same numbers.
if grep -E '^\s+\[2\] laptop\s+0\.1\s+0\.125\s+1\.95\s+2\s+static,row' out.txt > /dev/null; then ok
else bad "printed table lacks the laptop's mandelbrot row: $(grep -F '[2] laptop' out.txt | head -1)"; fi
if grep -qF '| [1] pi3 (ARMv7 Processor rev 4 (v7l); 4 CPUs) | 0.8 | 1.00 | 3.50 | 4 | dynamic,1 |' cmp/compare.md
then ok; else bad "compare.md lacks the Pi's mandelbrot row"; fi
if grep -q '^## sweep' cmp/compare.md; then ok; else bad "compare.md has no sweep table"; fi
if command -v gnuplot > /dev/null; then
    if [ -s cmp/compare.png ] && [ -s cmp/compare.svg ]; then ok; else bad "compare.png/.svg not drawn: $(cat err.txt)"; fi
fi

# Without gnuplot: the tables still, and the package to install.
PATH=/nonexistent "${bin[@]}" compare "$data/pi" "$data/laptop" --out nognuplot > out.txt 2> err.txt
rc=$?
if [ "$rc" -eq 0 ] && [ -s nognuplot/compare.csv ] && [ ! -e nognuplot/compare.png ]; then ok
else bad "without gnuplot: exit $rc, files $(ls nognuplot 2> /dev/null | tr '\n' ' ')"; fi
if grep -q 'gnuplot-nox' err.txt; then ok; else bad "without gnuplot: no word of gnuplot-nox: $(cat err.txt)"; fi

# Default location: results/compare-<stamp>/, never overwritten; results/latest untouched.
"${bin[@]}" compare "$data/pi" "$data/laptop" > out.txt 2> err.txt || bad "compare with the default --out"
"${bin[@]}" compare "$data/pi" "$data/laptop" > out.txt 2> err.txt || bad "compare with the default --out, again"
n_dirs=$(find results -mindepth 1 -maxdepth 1 -type d -name 'compare-*' 2> /dev/null | wc -l)
if [ "$n_dirs" -eq 2 ]; then ok; else bad "two compares made $n_dirs results/compare-* directories"; fi
if [ -e results/latest ]; then bad "compare moved results/latest"; else ok; fi
if grep -q 'results/compare-' out.txt; then ok; else bad "compare does not print where its files are"; fi
rm -rf results

# Runs that differ: refused with one line naming what differs, unless --allow-mismatch.
mkdir -p wclass maxiter
cp "$data"/laptop/* wclass/ && sed -i 's/"class":"S"/"class":"W"/' wclass/meta.json
cp "$data"/laptop/* maxiter/ && sed -i 's/"maxiter":256/"maxiter":300/' maxiter/meta.json
expect_usage class S W "$data/pi" wclass allow-mismatch -- "$data/pi" wclass --out outdir
expect_usage mandelbrot maxiter 256 300 -- "$data/pi" maxiter --out outdir
"${bin[@]}" compare "$data/pi" wclass --allow-mismatch --out mixed > out.txt 2> err.txt
rc=$?
if [ "$rc" -eq 0 ]; then ok; else bad "--allow-mismatch exited $rc: $(cat err.txt)"; fi
if grep -q 'MISMATCH' out.txt && grep -q 'class differs: S' out.txt; then ok; else bad "--allow-mismatch: stdout does not say the runs differ"; fi
if grep -q '^> \*\*Warning' mixed/compare.md && grep -q 'class differs' mixed/compare.md; then ok
else bad "--allow-mismatch: compare.md does not say the runs differ"; fi
expect_field mixed/compare.csv mandelbrot 2 params_match 0
expect_field mixed/compare.csv mandelbrot 2 class W
expect_field mixed/compare.csv mandelbrot 1 params_match 1

# Bad input.
mkdir -p notarun && echo x > notarun/readme.txt
expect_usage nosuchdir -- "$data/pi" nosuchdir
expect_usage notarun "not a run directory" -- "$data/pi" notarun
expect_usage "two run directories" -- "$data/pi"
expect_usage --bogus -- "$data/pi" "$data/laptop" --bogus
expect_usage --out -- "$data/pi" "$data/laptop" --out
mkdir keep
expect_usage keep -- "$data/pi" "$data/laptop" --out keep
rmdir keep
mkdir -p badnum && cp "$data"/pi/* badnum/ && sed -i 's/,3\.5,1$/,3.5x,1/' badnum/speedup.csv
expect_usage speedup.csv 3.5x -- "$data/pi" badnum

# Real runs made here read back: same class and parameters compare; another maxiter does not.
run_s() { "${bin[@]}" run --class S --kernel mandelbrot --threads 1 --schedule static --chunk row --reps 1 --warmup 0 "$@" > /dev/null 2> run-err.txt; }
if run_s --out real1 && run_s --out real2 && run_s --set mandelbrot.maxiter=300 --out real3; then
    "${bin[@]}" compare real1 real2 --out realcmp > out.txt 2> err.txt
    rc=$?
    if [ "$rc" -eq 0 ]; then ok; else bad "compare of two real runs exited $rc: $(cat err.txt)"; fi
    ratio=$(field realcmp/compare.csv mandelbrot 2 serial_ratio)
    if awk -v r="$ratio" 'BEGIN { exit !(r + 0 > 0) }'; then ok; else bad "real runs: serial_ratio '$ratio'"; fi
    expect_field realcmp/compare.csv mandelbrot 1 best_threads 1
    expect_field realcmp/compare.csv mandelbrot 1 best_chunk_label row
    expect_usage maxiter 256 300 -- real1 real3 --out outdir
else
    bad "real runs failed: $(cat run-err.txt)"
fi

echo "test_compare: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
