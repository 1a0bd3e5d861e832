# overhead.gp -- OpenMP's own costs from overhead.csv: left, a parallel region (fork/join) and a
# barrier against threads; right, the per-iteration cost of each schedule against chunk size at
# the largest thread count (log-log).
# Set with -e before the script:
#   csv   overhead.csv of one run;  out  output path without extension (writes out.png, out.svg)
# Overheads are test time less a serial reference, so noise can make one zero or negative: the
# log-scale panel leaves those points out, says how many, and draws the typical sd as a noise line. Oversubscribed thread counts
# (more threads than CPUs) are shaded.

set encoding utf8
set datafile separator comma
set datafile columnheaders
set datafile missing NaN  # rows filtered out below are skipped, not breaks in the lines

stats csv using "threads" nooutput
tmax = STATS_max
tmin = STATS_min
# Counts are sums of 0/1 so that a count of none is 0 rather than a failed stats command.
stats csv using (column("oversubscribed") == 1 ? column("threads") : tmax + 1) nooutput
over_from = STATS_min <= tmax ? STATS_min : 0
stats csv using (strcol("construct") ne "schedule" ? column("median_s") * 1e6 : NaN) nooutput
sync_hi = STATS_max
# The lowest of the medians and the best runs (drawn too), which noise can make negative.
stats csv using (strcol("construct") ne "schedule" ? column("min_s") * 1e6 : NaN) nooutput
sync_lo = STATS_min
stats csv using "reference_s" nooutput
delay_us = STATS_median * 1e6
stats csv using (strcol("construct") eq "schedule" && column("threads") == tmax ? 1 : 0) nooutput
n_sched = int(STATS_sum)
stats csv using (strcol("construct") eq "schedule" && column("threads") == tmax && column("median_s") <= 0 ? 1 : 0) nooutput
n_sched_low = int(STATS_sum)
stats csv using (strcol("construct") eq "schedule" && column("threads") == tmax ? column("sd_s") * 1e9 : NaN) nooutput
noise_ns = STATS_median
stats csv using "outer_reps" nooutput
outer = int(STATS_max)

is_sync(c) = strcol("construct") eq c
is_sched(s) = strcol("construct") eq "schedule" && strcol("schedule") eq s && column("threads") == tmax
positive(v) = v > 0 ? v : NaN
kinds = "static dynamic guided"
colours = "#1b9e77 #d95f02 #7570b3"

# formats (optional, set with -e): the files to write, "png svg" by default (the report asks for "svg")
do for [fmt in (exists("formats") ? formats : "png svg")] {
    if (fmt eq "png") {
        set terminal pngcairo size 1400, 600 enhanced font "Sans,11" linewidth 1.5
    } else {
        set terminal svg size 1400, 600 dynamic enhanced font "Sans,11" linewidth 1.5
    }
    set output out . "." . fmt
    set multiplot layout 1, 2 title sprintf("OpenMP overheads (EPCC method: test time - serial reference; delay %.3g µs, median of %d runs)", \
        delay_us, outer) font ",14"
    set grid xtics ytics mxtics mytics lc rgb "#dddddd"

    # Panel 1: fork/join and barrier against threads.
    set title "Parallel region and barrier cost" font ",12"
    set xlabel "threads"
    set ylabel "overhead per construct (µs)"
    set xrange [tmin - 0.5 : tmax + 0.5]
    if (tmax - tmin <= 16) { set xtics 1 } else { set xtics auto }
    unset logscale
    if (sync_lo > 0 && sync_hi / sync_lo > 50) {
        set logscale y
        set yrange [*:*]
    } else {
        set yrange [(sync_lo < 0 ? sync_lo * 1.1 : 0) : *]
    }
    set key top left opaque box lc rgb "#cccccc"
    if (over_from > 0) {
        set object 1 rect from over_from - 0.5, graph 0 to graph 1, graph 1 fc rgb "#eeeeee" fs solid 1.0 noborder behind
        set label 1 "oversubscribed" at over_from - 0.4, graph 0.96 left tc rgb "#777777" font ",10"
    }
    plot csv using "threads":(is_sync("parallel") ? column("median_s") * 1e6 : NaN) smooth unique \
             with linespoints pt 7 ps 0.8 lc rgb "#1f78b4" title "parallel, median", \
         csv using "threads":(is_sync("parallel") ? column("min_s") * 1e6 : NaN) smooth unique \
             with lines dt 2 lc rgb "#1f78b4" title "parallel, best run", \
         csv using "threads":(is_sync("barrier") ? column("median_s") * 1e6 : NaN) smooth unique \
             with linespoints pt 5 ps 0.8 lc rgb "#e31a1c" title "barrier, median", \
         csv using "threads":(is_sync("barrier") ? column("min_s") * 1e6 : NaN) smooth unique \
             with lines dt 2 lc rgb "#e31a1c" title "barrier, best run"
    unset object 1
    unset label 1

    # Panel 2: per-iteration scheduling cost against chunk at the largest thread count.
    set title sprintf("Scheduling cost per iteration, %d thread%s", tmax, tmax == 1 ? "" : "s") font ",12"
    set arrow 3 from graph 0, first noise_ns to graph 1, first noise_ns nohead dt 3 lc rgb "#888888"
    set label 3 "typical sd (noise)" at graph 0.98, first noise_ns right offset 0, 0.6 tc rgb "#777777" font ",10"
    if (n_sched_low > 0) {
        set label 2 sprintf("%d of %d points ≤ 0 (within noise) not drawn", n_sched_low, n_sched) \
            at graph 0.02, graph 0.04 left tc rgb "#777777" font ",10"
    }
    set xlabel "chunk size (loop iterations)"
    set ylabel "overhead per iteration per thread (ns)"
    set logscale x 2
    set logscale y
    set xrange [*:*]
    set yrange [*:*]
    set xtics auto
    set format y "%g"
    set key top right opaque box lc rgb "#cccccc"
    plot for [i = 1 : 3] csv using "chunk":(is_sched(word(kinds, i)) ? positive(column("median_s") * 1e9) : NaN) \
             with linespoints pt int(word("7 5 9", i)) ps 0.8 lc rgb word(colours, i) title word(kinds, i)
    unset format y
    unset label 2
    unset label 3
    unset arrow 3
    unset multiplot
    unset output
}
