#!/usr/bin/env bash
# test_compare.sh OMPSCALE -- `ompscale compare` through the real binary, on the results.json
# of real runs made here: the numbers in its tables (serial ratio, best speed-up, best series,
# efficiency at all CPUs, f) on runs whose sample times are rewritten to known values, the
# files it writes, refusal of runs that differ or records that are not right (exit 2, one
# line), --allow-mismatch saying so, and real runs read back as they are.
set -u
bin=("${@:2}" "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")")   # a cross build passes its emulator
here=$(cd "$(dirname "$0")" && pwd)
export OMPSCALE_PLOTS_DIR=$here/../plots
[ $# -gt 1 ] && export OMPSCALE_NO_REEXEC=1   # an emulated binary does not re-execute itself (cli.sh)
work=$(mktemp -d /tmp/ompscale-compare-XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
passed=0 failed=0

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

# field FILE KERNEL RUN COLUMN: the value of COLUMN in FILE's row for KERNEL and run number RUN,
# found by column name. Prints "absent" when there is no such row. (No quoted commas: the
# labels here have none.)
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
    if [ -e outdir ] || [ -e results ] || ls -a | grep -q partial; then
        bad "compare $* -> left an output directory"; rm -rf outdir results .*partial*; return
    fi
    ok
}

# edit DIR PYTHON [DIR PYTHON...]: rewrites each DIR/results.json, loaded as d, with the
# statements PYTHON (one python for all: it is slow to start on a small machine).
edit() {
    python3 - "$@" << 'EOF' || bad "edit $*: python failed"
import json, sys
args = sys.argv[1:]
for dir, code in zip(args[0::2], args[1::2]):
    path = dir + "/results.json"
    with open(path) as f:
        d = json.load(f)
    exec(code)
    with open(path, "w") as f:
        json.dump(d, f, indent=1)
EOF
}

# Real runs, tiny: two kernels, threads 1,2,4,8, two schedules x two chunks, samples back to
# back (--order sequential: the speed-up is the ratio of medians, as worked out below).
run_s() {
    "${bin[@]}" run --class S --kernel mandelbrot,sqrtmap --threads 1,2,4,8 --schedule static,dynamic \
        --chunk 1,default --reps 3 --warmup 0 --no-overhead --order sequential --set mandelbrot.png=0 "$@" \
        > /dev/null 2> run-err.txt
}
# The first with the default --out, in its own directory, to see that compare leaves
# results/latest alone.
mkdir home
if ! (cd home && run_s) || ! run_s --out real2; then
    bad "real runs failed: $(cat run-err.txt home/run-err.txt 2> /dev/null)"
    echo "test_compare: $passed passed, $failed failed"
    exit 1
fi
latest=$(readlink home/results/latest)
real1=$work/home/results/$latest

# ---- Known figures ----
# set_times MACHINE TIMES: the statements for edit by which the machine becomes MACHINE (host,
# CPU model, CPUs) and every sample of each configuration of TIMES ({kernel: {"serial": t,
# "schedule,chunk": {threads: t}}}) takes its time, so that medians are those times and each
# speed-up (sequential order) is serial / t. Entries of "unverified", [kernel, config,
# threads], have their first sample fail its check. Every configuration must be given; the
# scan measurements (scan_size > 0) are left as measured: compare does not read them. The fits
# are recomputed on load.
set_times() {
    echo "
machine, times = $1, $2
assert d['run']['order'] == 'sequential', d['run']['order']
d['machine'].update(machine)
d['machine']['cpus_online'] = machine['cpus_available']
unverified = times.pop('unverified', [])
for m in d['measurements']:
    if m['scan_size'] != 0:
        continue
    t = times[m['kernel']]
    if m['schedule'] == 'serial':
        value = t['serial']
    else:
        value = t[m['schedule'] + ',' + m['chunk_label']][m['threads']]
    m['oversubscribed'] = m['threads'] > machine['cpus_available']
    for s in m['samples']:
        s['elapsed_s'] = value
        s['verified'] = True
    if [m['kernel'], m['schedule'] + ',' + m['chunk_label'], m['threads']] in unverified:
        m['samples'][0]['verified'] = False
"
}
cp -r "$real1" pi
cp -r real2 laptop
# A 4-CPU Pi. mandelbrot: serial 1 s; dynamic,1 follows Amdahl with f = 0.2 exactly (T_p =
# f + (1 - f)/p: 0.6 s at 2, 0.4 s at 4: speed-up 2.5, efficiency 0.625) and is the best
# series and the best configuration; its 0.1 s at 8 threads (speed-up 10) is oversubscribed,
# and dynamic,default's 0.25 s at 2 (speed-up 4) failed its check: neither counts.
# sqrtmap: serial 0.01 s; static,default follows f = 0.5 (speed-up 1.6 at 4) and is the best
# series, but the best configuration is static,1 at 2 threads (speed-up 2).
pi=$(set_times "{'host': 'pi3', 'cpu_model': 'ARMv7 Processor rev 4 (v7l)', 'cpus_available': 4}" "{
  'mandelbrot': {'serial': 1.0,
                 'dynamic,1':       {1: 1.0, 2: 0.6,  4: 0.4, 8: 0.1},
                 'dynamic,default': {1: 1.0, 2: 0.25, 4: 0.5, 8: 0.5},
                 'static,1':        {1: 1.0, 2: 0.8,  4: 0.5, 8: 0.5},
                 'static,default':  {1: 1.0, 2: 0.8,  4: 0.8, 8: 0.8}},
  'sqrtmap':    {'serial': 0.01,
                 'static,default':  {1: 0.01, 2: 0.0075, 4: 0.00625, 8: 0.001},
                 'static,1':        {1: 0.01, 2: 0.005,  4: 0.008,   8: 0.008},
                 'dynamic,1':       {1: 0.02, 2: 0.02,   4: 0.02,    8: 0.02},
                 'dynamic,default': {1: 0.02, 2: 0.02,   4: 0.02,    8: 0.02}},
  'unverified': [['mandelbrot', 'dynamic,default', 2]]}")
# A 2-CPU laptop. mandelbrot: serial 0.25 s (0.25 of the Pi's); static,default follows f = 0.1
# (0.1375 s at 2: speed-up 1.81818, efficiency 0.909091); 4 and 8 threads (speed-up 10) are
# oversubscribed, and static,1's 0.1 s at 1 thread failed its check. sqrtmap: serial 0.02 s
# (2 times the Pi's); static,default follows f = 0.5 (speed-up 1.33333 at 2).
laptop=$(set_times "{'host': 'laptop', 'cpu_model': 'Intel(R) Core(TM) i5-8250U CPU @ 1.60GHz', 'cpus_available': 2}" "{
  'mandelbrot': {'serial': 0.25,
                 'static,default':  {1: 0.25, 2: 0.1375, 4: 0.025, 8: 0.025},
                 'static,1':        {1: 0.1,  2: 0.2,    4: 0.2,   8: 0.2},
                 'dynamic,1':       {1: 0.25, 2: 0.2,    4: 0.2,   8: 0.2},
                 'dynamic,default': {1: 0.25, 2: 0.2,    4: 0.2,   8: 0.2}},
  'sqrtmap':    {'serial': 0.02,
                 'static,default':  {1: 0.02, 2: 0.015,  4: 0.001, 8: 0.001},
                 'static,1':        {1: 0.03, 2: 0.03,   4: 0.03,  8: 0.03},
                 'dynamic,1':       {1: 0.03, 2: 0.03,   4: 0.03,  8: 0.03},
                 'dynamic,default': {1: 0.03, 2: 0.03,   4: 0.03,  8: 0.03}},
  'unverified': [['mandelbrot', 'static,1', 1]]}")
edit pi "$pi" laptop "$laptop"

"${bin[@]}" compare pi laptop --out cmp > out.txt 2> err.txt
rc=$?
if [ "$rc" -eq 0 ]; then ok; else bad "compare pi laptop exited $rc: $(cat err.txt)"; fi
for f in compare.csv compare-series.csv compare.md compare.html; do
    if [ -s "cmp/$f" ]; then ok; else bad "cmp/$f missing"; fi
done
if ls -a . | grep -q partial; then bad "staging directory left behind"; else ok; fi
csv=cmp/compare.csv
expect_field $csv mandelbrot 1 machine "pi3 (ARMv7 Processor rev 4 (v7l); 4 CPUs)"
expect_field $csv mandelbrot 1 cpus_available 4
expect_field $csv mandelbrot 1 class S
expect_field $csv mandelbrot 1 params_match 1
expect_field $csv mandelbrot 1 serial_median_s 1
expect_field $csv mandelbrot 1 serial_ratio 1
expect_field $csv mandelbrot 1 best_speedup 2.5
expect_field $csv mandelbrot 1 best_threads 4
expect_field $csv mandelbrot 1 best_schedule dynamic
expect_field $csv mandelbrot 1 best_chunk_label 1
expect_field $csv mandelbrot 1 series_schedule dynamic
expect_field $csv mandelbrot 1 series_chunk_label 1
expect_field $csv mandelbrot 1 efficiency_all_cpus 0.625
expect_field $csv mandelbrot 1 f 0.2
expect_field $csv mandelbrot 1 f_ci_low 0.2
expect_field $csv mandelbrot 1 f_ci_high 0.2
expect_field $csv mandelbrot 2 machine "laptop (Intel Core i5-8250U CPU @ 1.60GHz; 2 CPUs)"
expect_field $csv mandelbrot 2 run_dir laptop
expect_field $csv mandelbrot 2 cpus_available 2
expect_field $csv mandelbrot 2 params_match 1
expect_field $csv mandelbrot 2 serial_median_s 0.25
expect_field $csv mandelbrot 2 serial_ratio 0.25
expect_field $csv mandelbrot 2 best_speedup 1.81818
expect_field $csv mandelbrot 2 best_threads 2
expect_field $csv mandelbrot 2 best_schedule static
expect_field $csv mandelbrot 2 best_chunk_label default
expect_field $csv mandelbrot 2 series_schedule static
expect_field $csv mandelbrot 2 series_chunk_label default
expect_field $csv mandelbrot 2 efficiency_all_cpus 0.909091
expect_field $csv mandelbrot 2 f 0.1
expect_field $csv sqrtmap 1 serial_median_s 0.01
expect_field $csv sqrtmap 1 best_speedup 2
expect_field $csv sqrtmap 1 best_threads 2
expect_field $csv sqrtmap 1 best_schedule static
expect_field $csv sqrtmap 1 best_chunk_label 1
expect_field $csv sqrtmap 1 series_schedule static
expect_field $csv sqrtmap 1 series_chunk_label default
expect_field $csv sqrtmap 1 efficiency_all_cpus 0.4
expect_field $csv sqrtmap 1 f 0.5
expect_field $csv sqrtmap 2 serial_ratio 2
expect_field $csv sqrtmap 2 best_speedup 1.33333
expect_field $csv sqrtmap 2 efficiency_all_cpus 0.666667
expect_field $csv sqrtmap 2 f 0.5
rows=$(($(wc -l < $csv) - 1))
if [ "$rows" -eq 4 ]; then ok; else bad "compare.csv has $rows rows, want 4 (2 kernels x 2 machines)"; fi
# The chart's data: each machine's best series, every thread count, oversubscribed flagged.
series() {  # series KERNEL RUN: "threads:oversubscribed:speedup ..." of the series, with its schedule,chunk
    awk -F, -v k="$1" -v r="$2" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
        $c["kernel"] == k && $c["run"] == r { s = s $c["schedule"] "," $c["chunk_label"] ":" $c["threads"] ":" \
                                              $c["oversubscribed"] ":" $c["speedup"] " " }
        END { print s }' cmp/compare-series.csv
}
want="dynamic,1:1:0:1 dynamic,1:2:0:1.66667 dynamic,1:4:0:2.5 dynamic,1:8:1:10 "
if [ "$(series mandelbrot 1)" = "$want" ]; then ok; else bad "compare-series.csv, Pi mandelbrot: '$(series mandelbrot 1)', want '$want'"; fi
want="static,default:1:0:1 static,default:2:0:1.81818 static,default:4:1:10 static,default:8:1:10 "
if [ "$(series mandelbrot 2)" = "$want" ]; then ok; else bad "compare-series.csv, laptop mandelbrot: '$(series mandelbrot 2)', want '$want'"; fi
# The printed table and compare.md: the same numbers.
if grep -E '^\s+\[2\] laptop\s+0\.25\s+0\.250\s+1\.82\s+2\s+static\s+static\s+0\.909\s+0\.100\s' out.txt > /dev/null
then ok; else bad "printed table lacks the laptop's mandelbrot row: $(grep -F '[2] laptop' out.txt | head -1)"; fi
if grep -qF '| [1] pi3 (ARMv7 Processor rev 4 (v7l); 4 CPUs) | 1 | 1.00 | 2.50 | 4 | dynamic,1 | dynamic,1 | 0.625 | 0.200 | 0.200-0.200 |' cmp/compare.md
then ok; else bad "compare.md lacks the Pi's mandelbrot row: $(grep -F '[1] pi3' cmp/compare.md | head -1)"; fi
if grep -q '^## sqrtmap' cmp/compare.md; then ok; else bad "compare.md has no sqrtmap table"; fi
if grep -q 'Warning' cmp/compare.md; then bad "compare.md warns about runs that match"; else ok; fi
if grep -q 'cmp/' out.txt; then ok; else bad "compare does not print where its files are"; fi
if command -v gnuplot > /dev/null; then
    if [ -s cmp/compare.png ] && [ -s cmp/compare.svg ]; then ok; else bad "compare.png/.svg not drawn: $(cat err.txt)"; fi
    if grep -q '<svg' cmp/compare.html; then ok; else bad "compare.html does not inline the chart"; fi
fi
# compare.html: the same cells as compare.md, escaped, and nothing fetched from elsewhere.
if grep -qF '<td>[1] pi3 (ARMv7 Processor rev 4 (v7l); 4 CPUs)</td><td class="n">1</td><td class="n">1.00</td><td class="n">2.50</td>' cmp/compare.html
then ok; else bad "compare.html lacks the Pi's mandelbrot row"; fi
if grep -oE '(src|href)="[^"#][^"]*"' cmp/compare.html | grep -v '="data:'; then bad "compare.html refers outside itself"; else ok; fi

# Without gnuplot: the tables still, and the package to install.
PATH=/nonexistent "${bin[@]}" compare pi laptop --out nognuplot > out.txt 2> err.txt
rc=$?
if [ "$rc" -eq 0 ] && [ -s nognuplot/compare.csv ] && [ ! -e nognuplot/compare.png ]; then ok
else bad "without gnuplot: exit $rc, files $(ls nognuplot 2> /dev/null | tr '\n' ' ')"; fi
if grep -q 'gnuplot-nox' err.txt; then ok; else bad "without gnuplot: no word of gnuplot-nox: $(cat err.txt)"; fi
if grep -q 'No chart: gnuplot not found' nognuplot/compare.html; then ok; else bad "without gnuplot: compare.html does not say why it has no chart"; fi

# ---- Runs that differ: refused with one line naming what differs, unless --allow-mismatch ----
for d in wclass maxiter shape future; do cp -r laptop $d; done
edit wclass "d['class'] = 'W'" maxiter "d['kernels'][0]['params']['maxiter'] = 300" \
    shape "d['measurements'] = 5" future "d['format_version'] = 999"
expect_usage class S W "'pi'" "'wclass'" allow-mismatch -- pi wclass --out outdir
expect_usage mandelbrot maxiter 256 300 "'pi'" "'maxiter'" -- pi maxiter --out outdir
"${bin[@]}" compare pi wclass --allow-mismatch --out mixed > out.txt 2> err.txt
rc=$?
if [ "$rc" -eq 0 ]; then ok; else bad "--allow-mismatch exited $rc: $(cat err.txt)"; fi
if grep -q 'MISMATCH' out.txt && grep -q 'class differs: S' out.txt; then ok; else bad "--allow-mismatch: stdout does not say the runs differ"; fi
if grep -qE '^\s+\[2\] laptop \*\s' out.txt; then ok; else bad "--allow-mismatch: the printed table does not mark run 2 with *"; fi
if grep -q '^> \*\*Warning' mixed/compare.md && grep -q 'class differs' mixed/compare.md; then ok
else bad "--allow-mismatch: compare.md does not say the runs differ"; fi
if grep -q 'class="alert"' mixed/compare.html && grep -q 'class differs' mixed/compare.html; then ok
else bad "--allow-mismatch: compare.html does not say the runs differ"; fi
expect_field mixed/compare.csv mandelbrot 2 params_match 0
expect_field mixed/compare.csv mandelbrot 2 class W
expect_field mixed/compare.csv mandelbrot 1 params_match 1

# ---- Bad input ----
mkdir notarun && echo x > notarun/readme.txt
mkdir notjson && echo 'this is not JSON' > notjson/results.json
mkdir truncated && head -c 2000 pi/results.json > truncated/results.json
expect_usage "at least two" -- pi
expect_usage nosuchdir -- pi nosuchdir
expect_usage notarun/results.json "not an ompscale run directory" -- pi notarun
expect_usage notjson/results.json -- pi notjson
expect_usage truncated/results.json -- pi truncated
expect_usage shape/results.json measurements -- pi shape
expect_usage future/results.json format_version 999 -- pi future
expect_usage --bogus -- pi laptop --bogus
expect_usage --out -- pi laptop --out
mkdir keep
expect_usage keep -- pi laptop --out keep
if [ -z "$(ls -A keep)" ]; then ok; else bad "compare wrote into the existing --out directory"; fi
rmdir keep

# ---- Real runs read back, as they are ----
# One machine twice: the labels stay apart. The default --out: results/compare-<stamp>/, and
# results/latest still names the run.
(cd home && "${bin[@]}" compare "$real1" ../real2 > ../out.txt 2> ../err.txt)
rc=$?
if [ "$rc" -eq 0 ]; then ok; else bad "compare of two real runs exited $rc: $(cat err.txt)"; fi
n_dirs=$(find home/results -mindepth 1 -maxdepth 1 -type d -name 'compare-*' | wc -l)
if [ "$n_dirs" -eq 1 ]; then ok; else bad "compare with the default --out made $n_dirs results/compare-* directories"; fi
if [ "$(readlink home/results/latest)" = "$latest" ]; then ok; else bad "compare moved results/latest to '$(readlink home/results/latest)'"; fi
if grep -q 'results/compare-' out.txt; then ok; else bad "compare does not print where its files are"; fi
realcsv=$(find home/results -path '*/compare-*/compare.csv' | head -1)
if [ -n "$realcsv" ]; then
    ratio=$(field "$realcsv" mandelbrot 2 serial_ratio)
    if awk -v r="$ratio" 'BEGIN { exit !(r + 0 > 0) }'; then ok; else bad "real runs: serial_ratio '$ratio'"; fi
    l1=$(field "$realcsv" mandelbrot 1 machine) l2=$(field "$realcsv" mandelbrot 2 machine)
    if [ "$l1" != "$l2" ] && [[ "$l1" == *"#1" ]] && [[ "$l2" == *"#2" ]]; then ok
    else bad "one machine twice: labels '$l1' and '$l2', want them apart (#1, #2)"; fi
else
    bad "compare with the default --out wrote no compare.csv"
fi
# A run directory copied elsewhere still compares.
mkdir elsewhere && cp -r real2 elsewhere/moved
"${bin[@]}" compare elsewhere/moved "$real1" --out movedcmp > out.txt 2> err.txt
rc=$?
if [ "$rc" -eq 0 ]; then ok; else bad "compare of a copied run directory exited $rc: $(cat err.txt)"; fi
expect_field movedcmp/compare.csv mandelbrot 1 run_dir elsewhere/moved
expect_field movedcmp/compare.csv sqrtmap 2 params_match 1

echo "test_compare: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
