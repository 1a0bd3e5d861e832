#!/usr/bin/env bash
# bench.sh OMPSCALE [RUN OPTIONS] -- what `make bench` runs: the default suite, then the charts
# (`ompscale plot`, from the run's results.json), and the speed-up chart as text when there is no
# display (DISPLAY and WAYLAND_DISPLAY unset: a Raspberry Pi over ssh).
# Extra run options also come from OMPSCALE_BENCH_ARGS (make bench ARGS="--class A").
set -uo pipefail
bin=$1
shift
read -r -a env_args <<< "${OMPSCALE_BENCH_ARGS:-}"
args=("${env_args[@]}" "$@")

# Where the results will be: --out DIR, or results/latest once the run is done.
out=""
for ((i = 0; i < ${#args[@]}; i++)); do
    case ${args[i]} in
    --out) out=${args[i + 1]:-} ;;
    --out=*) out=${args[i]#--out=} ;;
    esac
done

start=$(date +%s)
"$bin" run "${args[@]}"
rc=$?
# 3: a verification failed; the results are written and worth a chart. Anything else: stop.
if [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ]; then
    exit "$rc"
fi
if [ -z "$out" ]; then
    out="results/$(readlink results/latest)"
fi

echo
echo "Charts:"
"$bin" plot "$out"
prc=$?
if [ "$prc" -eq 4 ]; then
    echo "  (none: gnuplot is missing; the CSV files are complete)"
elif [ "$prc" -ne 0 ]; then
    echo "bench.sh: drawing the charts failed (ompscale plot exit $prc); the CSV files are complete" >&2
    rc=1
elif [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    # No display to open the PNGs on (a Raspberry Pi over ssh): the speed-up chart as text.
    echo
    "$bin" plot "$out" --chart ascii || rc=1
fi
echo
echo "Results in $out/ (make bench took $(($(date +%s) - start)) s)"
exit "$rc"
