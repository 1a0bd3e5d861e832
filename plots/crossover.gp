# crossover.gp -- a size scan: time per loop iteration against problem size, log-log, for the
# serial run and each thread count, with the break-even sizes that mean something marked.
# Set with -e before the script (`ompscale plot` does, from the run's results.json):
#   csv      crossover.csv of one run;  out  output path without extension (writes .png, .svg)
#   kernel   the scanned kernel;  param  the scanned parameter;  class  the problem class
#   threads  thread counts, space-separated;  breakeven  their break-even sizes, "-" where none is
#            worth marking (one thread, or no speed-up beyond noise at the largest size)
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
set key inside right top Left reverse opaque box lc rgb "#cccccc" font ",9" samplen 2.5
set title sprintf("%s: where parallel starts to pay (class %s)", kernel, class) font ",12"

if (!exists("copy")) copy = 0
is(k, s, t) = strcol("kernel") eq k && strcol("schedule") eq s && (t == 0 || column("threads") == t)
threads_title(t) = sprintf("%s thread%s", t, t eq "1" ? "" : "s")
# Thread count i: colour (Okabe and Ito's colour-blind-safe palette) and marker; serial is black.
colours = "#0072B2 #D55E00 #009E73 #CC79A7 #E69F00 #56B4E9"
colour(i) = word(colours, (i - 1) % 6 + 1)
marker(i) = int(word("5 9 13 11 15 7", (i - 1) % 6 + 1))
n = words(threads)
# A break-even size is marked only where it means something (results_break_even_clear): a line at
# the size and, along it, which thread count wins from there.
do for [i = 1 : n] {
    be = word(breakeven, i)
    if (be ne "-") {
        set arrow i from be + 0, graph 0 to be + 0, graph 1 nohead dt 3 lw 1.5 lc rgb colour(i)
        set label i sprintf("%s win from %s = %s", threads_title(word(threads, i)), param, be) at be + 0, graph 0.45 \
            rotate by 90 left offset -1, 0 tc rgb colour(i) font ",9"
    }
}
# The plot command, assembled so that the copy part is there only when the run timed copies.
cmd = 'plot csv using "size":(is(kernel, "serial", 0) ? column("time_per_iteration_s") : NaN) \
           with linespoints pt 7 ps 0.6 lc rgb "#000000" title "serial", \
       for [i = 1 : n] csv using "size":(is(kernel, "static", word(threads, i) + 0) ? column("time_per_iteration_s") : NaN) \
           with linespoints pt marker(i) ps 0.7 lc rgb colour(i) title threads_title(word(threads, i))'
if (copy) {
    cmd = cmd . ', for [i = 1 : n] csv using "size":(is(kernel, "static", word(threads, i) + 0) ? \
                   column("time_per_iteration_s") / column("bandwidth_of_copy") : NaN) \
               with lines dt 2 lc rgb colour(i) title sprintf("copy, %s (bound)", threads_title(word(threads, i)))'
}

# formats (optional, set with -e): the files to write, "png svg" by default (the report asks for "svg")
do for [fmt in (exists("formats") ? formats : "png svg")] {
    if (fmt eq "png") {
        set terminal pngcairo size 860, 520 enhanced font "Sans,10" linewidth 1.5
    } else {
        set terminal svg size 860, 520 dynamic enhanced font "Sans,10" linewidth 1.5
    }
    set output out . "." . fmt
    eval cmd
    unset output
}
