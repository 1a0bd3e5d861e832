#!/usr/bin/env bash
# test_plot.sh OMPSCALE -- `ompscale plot` through the real binary: a run's charts (the POP factors'
# among them) drawn again from a copy of its directory, from another working directory, with the
# CSV files unchanged; the chunk and POP charts of an oversubscribed run; one-line errors for a
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
