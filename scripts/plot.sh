#!/usr/bin/env bash
# plot.sh RUN_DIR -- draws a run's charts with gnuplot: speed-up and efficiency, and where the
# run has them, the size scan (crossover) and the sweep heat map; PNG and SVG.
# Exit status: 0 drawn, 1 gnuplot failed, 2 usage error, 4 gnuplot not installed.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-}
if [ -z "$dir" ] || { [ ! -f "$dir/speedup.csv" ] && [ ! -f "$dir/overhead.csv" ]; }; then
    echo "plot.sh: '${dir}': not a run directory (no speedup.csv or overhead.csv); usage: scripts/plot.sh RUN_DIR" >&2
    exit 2
fi
if ! command -v gnuplot > /dev/null; then
    echo "plot.sh: gnuplot not found: charts not drawn. Install it (Debian, Ubuntu, Raspberry Pi OS:" \
         "sudo apt-get install gnuplot-nox), then run: scripts/plot.sh $dir" >&2
    exit 4
fi

# Kernels, their schedule,chunk series in file order, the thread range and CPUs available,
# read by column name so the CSV may gain columns.
read_series() {
    awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
        { k = $c["kernel"]; s = $c["schedule"] ($c["chunk_label"] == "default" ? "" : "," $c["chunk_label"])
          if (!(k in seenk)) { seenk[k] = 1; kernels = kernels (kernels ? " " : "") k }
          if (!((k, s) in seen)) { seen[k, s] = 1; series[k] = series[k] (series[k] ? " " : "") s
              if (!((k, $c["chunk_label"]) in chunkno)) chunkno[k, $c["chunk_label"]] = ++nchunks[k]
              styles[k] = styles[k] (styles[k] ? " " : "") chunkno[k, $c["chunk_label"]] }
          if ($c["threads"] > tmax) tmax = $c["threads"]
          if ($c["oversubscribed"] == 1 && (minover == "" || $c["threads"] < minover)) minover = $c["threads"]
          class = $c["class"]; weak = ($c["scaling"] == "weak") }
        END { cpus = minover == "" ? tmax : minover - 1
              printf "kernels=\"%s\"; tmax=%d; cpus=%d; class=\"%s\"; weak=%d", kernels, tmax, cpus, class, weak
              for (k in series) printf "; series_%s=\"%s\"; styles_%s=\"%s\"", k, series[k], k, styles[k] }' "$1"
}

# For one scanned kernel: its parameter, thread counts and their break-even sizes ("-": never).
read_scan() {
    awk -F, -v k="$2" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
        $c["kernel"] == k { param = $c["size_param"]; class = $c["class"]
          if ($c["schedule"] != "serial" && !($c["threads"] in seen)) {
              seen[$c["threads"]] = 1; threads = threads (threads ? " " : "") $c["threads"]
              be = be (be ? " " : "") ($c["break_even_size"] == "" ? "-" : $c["break_even_size"]) } }
        END { printf "kernel=\"%s\"; param=\"%s\"; class=\"%s\"; threads=\"%s\"; breakeven=\"%s\"",
                     k, param, class, threads, be }' "$1"
}

# Each kernel's best series and its fitted serial fraction, from amdahl.csv.
read_fits() {
    awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
        $c["best"] == 1 && $c["f"] != "" {
            s = $c["schedule"] ($c["chunk_label"] == "default" ? "" : "," $c["chunk_label"])
            printf "; fit_%s=\"%s\"; best_%s=\"%s\"", $c["kernel"], $c["f"], $c["kernel"], s }' "$1"
}

if [ -f "$dir/speedup.csv" ]; then
    vars=$(read_series "$dir/speedup.csv")
    [ -f "$dir/amdahl.csv" ] && vars="$vars$(read_fits "$dir/amdahl.csv")"
    for metric in speedup efficiency; do
        gnuplot -e "csv='$dir/$metric.csv'; out='$dir/$metric'; metric='$metric'; $vars" "$here/plots/scaling.gp"
        echo "  $dir/$metric.png  $dir/$metric.svg"
    done
    # the schedule x chunk chart at the largest thread count that is not oversubscribed
    gnuplot -e "csv='$dir/speedup.csv'; out='$dir/chunks'; $vars; threads=(tmax < cpus ? tmax : cpus)" \
        "$here/plots/chunks.gp"
    echo "  $dir/chunks.png  $dir/chunks.svg"
fi
if [ -f "$dir/crossover.csv" ]; then
    for k in $(awk -F, 'NR > 1 { print $1 }' "$dir/crossover.csv" | sort -u); do
        name=crossover
        [ "$(awk -F, 'NR > 1 { print $1 }' "$dir/crossover.csv" | sort -u | wc -l)" -gt 1 ] && name=crossover-$k
        gnuplot -e "csv='$dir/crossover.csv'; out='$dir/$name'; $(read_scan "$dir/crossover.csv" "$k")" \
            "$here/plots/crossover.gp"
        echo "  $dir/$name.png  $dir/$name.svg"
    done
fi
if [ -f "$dir/overhead.csv" ]; then
    gnuplot -e "csv='$dir/overhead.csv'; out='$dir/overhead'" "$here/plots/overhead.gp"
    echo "  $dir/overhead.png  $dir/overhead.svg"
fi
if [ -f "$dir/sweep.csv" ] && [ -f "$here/plots/sweep.gp" ]; then
    gnuplot -e "csv='$dir/sweep.csv'; out='$dir/sweep'" "$here/plots/sweep.gp"
    echo "  $dir/sweep.png  $dir/sweep.svg"
fi
