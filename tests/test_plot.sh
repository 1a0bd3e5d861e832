#!/usr/bin/env bash
# test_plot.sh OMPSCALE -- `ompscale plot` through the real binary: a run's charts (the POP factors'
# among them) drawn again from a copy of its directory, from another working directory, with the
# CSV files unchanged; the chunk and POP charts of an oversubscribed run; runs with one thread
# count, one chunk and sqrtmap alone drawn without a warning from gnuplot, every chart there; what
# the default, detail, efficiency and crossover charts show; --chart ascii; one-line errors for a
# directory without results.json (exit 2) and for a missing gnuplot (exit 4).
set -u
bin=("${@:2}" "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")")   # a cross build passes its emulator
[ $# -gt 1 ] && export OMPSCALE_NO_REEXEC=1   # an emulated binary does not re-execute itself (cli.sh)
work=$(mktemp -d /tmp/ompscale-plot-XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
passed=0 failed=0

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

if ! command -v gnuplot > /dev/null; then
    echo "test_plot: gnuplot is not installed: skipped (apt-get install gnuplot-nox)"
    exit 77
fi

"${bin[@]}" run --class S --kernel mandelbrot --threads 1,2 --reps 2 --no-overhead --out run1 > out.txt 2> err.txt \
    || bad "run1: $(cat err.txt)"
if [ -s run1/results.json ]; then ok; else bad "run1/results.json missing"; fi
mkdir -p copies/elsewhere
cp -r run1 copies/run1
(cd copies/elsewhere && "${bin[@]}" plot ../run1 > ../plot-out.txt 2> ../plot-err.txt)
rc=$?
if [ "$rc" -eq 0 ]; then ok; else bad "plot exited $rc: $(cat copies/plot-err.txt)"; fi
if [ -s copies/plot-err.txt ]; then bad "plot wrote to stderr: $(cat copies/plot-err.txt)"; else ok; fi
for chart in speedup efficiency chunks pop-mandelbrot; do
    for ext in png svg; do
        if [ -s "copies/run1/$chart.$ext" ]; then ok; else bad "copies/run1/$chart.$ext missing or empty"; fi
    done
done
if grep -q 'speedup.png' copies/plot-out.txt; then ok; else bad "plot does not list the charts it drew"; fi
for f in raw.csv speedup.csv efficiency.csv amdahl.csv; do
    if cmp -s "run1/$f" "copies/run1/$f"; then ok; else bad "$f redrawn from results.json differs from the run's"; fi
done
if [ -e run1/speedup.png ]; then bad "plot of the copy wrote into the original"; else ok; fi

# Oversubscribed: the chunk chart is drawn at the largest thread count that has CPUs to itself.
ncpu=$(nproc)
over=$((ncpu * 2 + 2))
top=$(( ncpu >= 2 ? 2 : 1 ))
"${bin[@]}" run --class S --kernel mandelbrot --threads "1,2,$over" --schedule static,dynamic --chunk 1,row \
    --reps 1 --warmup 0 --no-overhead --out run2 > out.txt 2> err.txt || bad "run2: $(cat err.txt)"
"${bin[@]}" plot run2 > out.txt 2> err.txt || bad "plot run2: $(cat err.txt)"
for ext in png svg; do
    if [ -s "run2/chunks.$ext" ]; then ok; else bad "run2/chunks.$ext missing (oversubscribed run)"; fi
done
if grep -q "at $top threads" run2/chunks.svg; then ok; else bad "chunks.svg is not drawn at $top threads"; fi
if grep -q "factors at $top threads" run2/pop-mandelbrot.svg; then ok; else
    bad "pop-mandelbrot.svg is not drawn at $top threads"; fi

# Edge cases, drawn through a gnuplot that keeps a copy of what it says: one thread count (and a
# scan at one thread), one chunk, sqrtmap alone (its memory roof and break-even). gnuplot must not
# warn about any chart (an empty series, an empty range), and each chart must be there.
real_gnuplot=$(command -v gnuplot)
mkdir -p bin
cat > bin/gnuplot << EOF
#!/usr/bin/env bash
echo "\$*" >> "$work/gnuplot-calls"
said=\$(mktemp)
"$real_gnuplot" "\$@" 2> "\$said"
rc=\$?
cat "\$said" >> "$work/gnuplot-said"
cat "\$said" >&2
rm -f "\$said"
exit \$rc
EOF
chmod +x bin/gnuplot
: > gnuplot-said
"${bin[@]}" run --class S --kernel mandelbrot,sqrtmap --threads 1 --reps 2 --warmup 0 --no-overhead --out one-thread \
    > out.txt 2> err.txt || bad "one-thread run: $(cat err.txt)"
"${bin[@]}" run --class S --kernel mandelbrot --threads 1,2 --chunk 16 --reps 2 --warmup 0 --no-overhead \
    --out one-chunk > out.txt 2> err.txt || bad "one-chunk run: $(cat err.txt)"
"${bin[@]}" run --class S --kernel sqrtmap --threads 1,2 --reps 3 --warmup 0 --no-overhead --out sqrtmap \
    > out.txt 2> err.txt || bad "sqrtmap run: $(cat err.txt)"
for dir in one-thread one-chunk sqrtmap copies/run1 run2; do
    PATH="$work/bin:$PATH" "${bin[@]}" plot "$dir" > out.txt 2> err.txt
    rc=$?
    if [ "$rc" -eq 0 ] && [ ! -s err.txt ]; then ok; else bad "plot $dir: exit $rc: $(cat err.txt)"; fi
    charts="speedup efficiency speedup-detail chunks"
    case $dir in one-thread | sqrtmap) charts="$charts crossover" ;; esac
    for chart in $charts; do
        for ext in png svg; do
            if [ -s "$dir/$chart.$ext" ]; then ok; else bad "plot $dir: no $chart.$ext"; fi
        done
    done
done
if [ -s gnuplot-calls ]; then ok; else bad "the charts were not drawn through bin/gnuplot"; fi
if [ -s gnuplot-said ]; then bad "gnuplot warned: $(sort -u gnuplot-said | head -5)"; else ok; fi

# What the charts show. speedup: a key entry for the best series of each schedule kind, no more;
# speedup-detail: one for every series of speedup.csv; efficiency: no Karp-Flatt axis for the one
# value a run at 1 and 2 threads has; crossover: no break-even marked for one thread.
kinds=$(grep -cE '<title>(static|dynamic|guided|auto)([, ][^<]*)?</title>' copies/run1/speedup.svg)
if [ "$kinds" -eq 4 ]; then ok; else bad "speedup.svg: $kinds series in the key, want the best of each of 4 kinds"; fi
series=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    { s[$c["schedule"] "," $c["chunk_label"]] = 1 } END { print length(s) }' copies/run1/speedup.csv)
detail=$(grep -cE '<title>chunk [^<]*</title>' copies/run1/speedup-detail.svg)
if [ "$detail" -eq "$series" ] && [ "$series" -gt 4 ]; then ok
else bad "speedup-detail.svg: $detail series in the keys, speedup.csv has $series"; fi
if grep -q 'Karp-Flatt' copies/run1/efficiency.svg; then bad "efficiency.svg: a Karp-Flatt axis for one value"
else ok; fi
if grep -q 'Amdahl fit' copies/run1/speedup.svg; then ok; else bad "speedup.svg: no Amdahl fit"; fi
if grep -q 'memory roof' sqrtmap/speedup.svg; then ok; else bad "sqrtmap's speedup.svg: no memory roof"; fi
if grep -q '1 thread win' one-thread/crossover.svg sqrtmap/crossover.svg; then
    bad "crossover.svg marks a break-even for one thread"; else ok; fi

# --chart ascii: the speed-up chart as text on stdout, no chart file.
cp -r run1 ascii
"${bin[@]}" plot ascii --chart ascii > out.txt 2> err.txt
rc=$?
if [ "$rc" -eq 0 ] && [ ! -s err.txt ]; then ok; else bad "plot --chart ascii: exit $rc: $(cat err.txt)"; fi
if grep -q 'mandelbrot' out.txt && grep -q 'ideal' out.txt && grep -qE 'S.*static' out.txt; then ok
else bad "plot --chart ascii printed no speed-up chart: $(head -5 out.txt)"; fi
if [ -e ascii/speedup.png ] || [ -e ascii/speedup.svg ]; then bad "plot --chart ascii drew chart files"; else ok; fi

# Errors: one line naming the directory; exit 2 without results.json, 4 without gnuplot.
mkdir notarun
"${bin[@]}" plot notarun > out.txt 2> err.txt
rc=$?
if [ "$rc" -eq 2 ]; then ok; else bad "plot notarun exited $rc, want 2"; fi
if [ "$(wc -l < err.txt)" -eq 1 ] && grep -q '^ompscale: .*notarun' err.txt; then ok; else
    bad "plot notarun: want one 'ompscale:' line naming it: $(cat err.txt)"; fi
"${bin[@]}" plot > out.txt 2> err.txt
if [ $? -eq 2 ] && grep -q '^ompscale: plot' err.txt; then ok; else bad "plot without a directory"; fi
PATH=/nonexistent "${bin[@]}" plot copies/run1 > out.txt 2> err.txt
rc=$?
if [ "$rc" -eq 4 ]; then ok; else bad "plot without gnuplot exited $rc, want 4"; fi
if [ "$(wc -l < err.txt)" -eq 1 ] && grep -q '^ompscale: gnuplot not found' err.txt; then ok; else
    bad "plot without gnuplot: $(cat err.txt)"; fi
if "${bin[@]}" --help | grep -q 'plot DIR'; then ok; else bad "--help does not list plot"; fi

echo "plot: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
