# crossover.gp -- a size scan: time per loop iteration against problem size, log-log, for the
# serial run and each thread count, with each thread count's break-even size marked.
# Set with -e before the script (`ompscale plot` does, from the run's results.json):
#   csv      crossover.csv of one run;  out  output path without extension (writes .png, .svg)
#   kernel   the scanned kernel;  param  the scanned parameter;  class  the problem class
#   threads  thread counts, space-separated;  breakeven  their break-even sizes ("-" for never)
#   copy     (optional) 1 when the run timed a copy over the same arrays (copy_gbs): each thread
#            count's copy is drawn dashed, as the time per element it takes (the memory bound)

set datafile separator comma
set datafile columnheaders
set datafile missing NaN  # rows of other series are skipped without breaking a series' line
set logscale xy
set format x "10^{%T}"
set format y "10^{%T}"
set xlabel sprintf("problem size (%s)", param)
set ylabel "time per element (s)"
set grid xtics ytics mxtics lc rgb "#dddddd"
set key outside right top title "run"
set title sprintf("%s: where parallel starts to pay (class %s)", kernel, class) font ",12"

if (!exists("copy")) copy = 0
is(k, s, t) = strcol("kernel") eq k && strcol("schedule") eq s && (t == 0 || column("threads") == t)
n = words(threads)
do for [i = 1 : n] {
    be = word(breakeven, i)
    if (be ne "-") {
        set arrow i from be + 0, graph 0 to be + 0, graph 1 nohead dt 3 lc i + 1
        set label i sprintf("%sT: %s", word(threads, i), be) at be + 0, graph 0.97 - 0.06 * i left offset 0.5, 0 tc lt i + 1 font ",9"
    }
}

# formats (optional, set with -e): the files to write, "png svg" by default (the report asks for "svg")
do for [fmt in (exists("formats") ? formats : "png svg")] {
    if (fmt eq "png") {
        set terminal pngcairo size 860, 520 enhanced font "Sans,10" linewidth 1.5
    } else {
        set terminal svg size 860, 520 dynamic enhanced font "Sans,10" linewidth 1.5
    }
    set output out . "." . fmt
    plot csv using "size":(is(kernel, "serial", 0) ? column("time_per_iteration_s") : NaN) \
             with linespoints pt 7 ps 0.6 lc rgb "#000000" title "serial", \
         for [i = 1 : n] csv using "size":(is(kernel, "static", word(threads, i) + 0) ? column("time_per_iteration_s") : NaN) \
             with linespoints pt 7 ps 0.6 lc i + 1 title sprintf("%s thread%s", word(threads, i), word(threads, i) eq "1" ? "" : "s"), \
         for [i = 1 : (copy ? n : 0)] csv using "size":(is(kernel, "static", word(threads, i) + 0) ? column("time_per_iteration_s") / column("bandwidth_of_copy") : NaN) \
             with lines dt 2 lc i + 1 title sprintf("copy, %s thread%s (bound)", word(threads, i), word(threads, i) eq "1" ? "" : "s")
    unset output
}
