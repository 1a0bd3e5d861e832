#!/usr/bin/env bash
# reproducibility.sh [RUN OPTIONS] -- runs the suite twice (ompscale run RUN OPTIONS, e.g. --class S
# for a quick check) and prints, per kernel, the share of speed-up rows that agree within 3% and
# within 5% between the two runs, and how many rows either run flagged (speedup.csv's `suspect`
# column non-empty; no such column: no flags). A benchmark of the machine and the method, not a
# test. The binary is build/ompscale, or $OMPSCALE; the runs go to results/reproducibility-<time>/.
#
# Rows are matched by kernel, scaling, size, schedule, chunk_label and threads, read by column
# name, so new columns in speedup.csv change nothing. Agreement is |a - b| / ((a + b) / 2).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${OMPSCALE:-$here/build/ompscale}
for a in "$@"; do
    case $a in
    --out | --out=*) echo "reproducibility.sh: --out is chosen here (results/reproducibility-<time>/)" >&2; exit 2 ;;
    --dry-run) echo "reproducibility.sh: --dry-run measures nothing to compare" >&2; exit 2 ;;
    esac
done
if [ ! -x "$bin" ]; then
    echo "reproducibility.sh: $bin: not built (make, or set OMPSCALE)" >&2
    exit 1
fi
dir=results/reproducibility-$(date +%Y%m%d-%H%M%S)
mkdir -p results
for run in 1 2; do
    echo "== run $run of 2: $bin run $* --out $dir/run$run" >&2
    # 3 (a verification failed) still writes speedup.csv; its rows count like the others.
    rc=0
    "$bin" run "$@" --out "$dir/run$run" > "$dir.run$run.log" 2>&1 || rc=$?
    if [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ]; then
        echo "reproducibility.sh: run $run failed (exit $rc):" >&2
        tail -n 5 "$dir.run$run.log" >&2
        exit 1
    fi
    mv "$dir.run$run.log" "$dir/run$run/stdout.log"
done

awk -F, '
# The columns this needs, by name; suspect is optional.
FNR == 1 {
    delete col
    for (i = 1; i <= NF; i++) col[$i] = i
    split("kernel scaling size schedule chunk_label threads speedup", need, " ")
    for (i in need) if (!(need[i] in col)) { printf "reproducibility.sh: %s has no %s column\n", FILENAME, need[i] > "/dev/stderr"; bad = 1; exit 2 }
    file++
    next
}
{
    key = $col["kernel"] SUBSEP $col["scaling"] SUBSEP $col["size"] SUBSEP $col["schedule"] SUBSEP $col["chunk_label"] SUBSEP $col["threads"]
    flag = ("suspect" in col) && $col["suspect"] != ""
    if (file == 1) { first[key] = $col["speedup"]; flag1[key] = flag; kernel[key] = $col["kernel"]; order[++n] = key }
    else { second[key] = $col["speedup"]; flag2[key] = flag }
}
END {
    if (bad) exit 2
    printf "%-12s %6s %10s %10s %8s\n", "kernel", "rows", "within 3%", "within 5%", "flagged"
    for (i = 1; i <= n; i++) {
        key = order[i]; k = kernel[key]
        if (!(k in rows)) names[++nk] = k
        if (!(key in second) || first[key] == "" || second[key] == "") { unmatched[k]++; rows[k] += 0; continue }
        a = first[key] + 0; b = second[key] + 0
        d = (a + b > 0) ? 2 * (a > b ? a - b : b - a) / (a + b) : 0
        rows[k]++; w3[k] += d <= 0.03; w5[k] += d <= 0.05; flagged[k] += flag1[key] || flag2[key]
    }
    for (j = 1; j <= nk; j++) {
        k = names[j]
        if (rows[k] == 0) { printf "%-12s %6d %10s %10s %8s\n", k, 0, "-", "-", "-"; continue }
        printf "%-12s %6d %9.0f%% %9.0f%% %8d", k, rows[k], 100 * w3[k] / rows[k], 100 * w5[k] / rows[k], flagged[k] + 0
        if (unmatched[k]) printf "   (%d rows without a match or speed-up)", unmatched[k]
        printf "\n"
    }
}' "$dir/run1/speedup.csv" "$dir/run2/speedup.csv"
echo "runs: $dir/run1 and $dir/run2" >&2
