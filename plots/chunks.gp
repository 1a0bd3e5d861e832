# chunks.gp -- the "bunch them up" lesson: speed-up against chunk size (log x) at one thread
# count, one panel per kernel, one line per schedule. The runtime's default chunk (0) has no
# place on a log axis and is left out.
# Set with -e before the script (`ompscale plot` does, from the run's results.json):
#   csv      speedup.csv of one run;  out  output path without extension (writes .png, .svg)
#   kernels  kernel names, space-separated;  threads  the thread count shown;  class  the class
#   one_rank (optional) 1 for a hybrid MPI run's CSV: only its rows of one rank are drawn

set datafile separator comma
set datafile columnheaders
set datafile missing NaN
set logscale x 2
set grid xtics ytics lc rgb "#dddddd"
set key bottom right font ",9"
colour(s) = s eq "static" ? 0x1f77b4 : s eq "dynamic" ? 0xd62728 : 0x2ca02c
if (!exists("one_rank")) one_rank = 0
pick(k, s) = (strcol("kernel") eq k && strcol("schedule") eq s && column("threads") == threads && \
              column("chunk") > 0 && (!one_rank || column("ranks") == 1)) ? column("speedup") : NaN

n = words(kernels)
cols = n > 1 ? 2 : 1
rows = int((n + cols - 1) / cols)
do for [fmt in "png svg"] {
    if (fmt eq "png") {
        set terminal pngcairo size 620 * cols, 420 * rows enhanced font "Sans,10" linewidth 1.5
    } else {
        set terminal svg size 620 * cols, 420 * rows dynamic enhanced font "Sans,10" linewidth 1.5
    }
    set output out . "." . fmt
    set multiplot layout rows, cols title sprintf("speed-up against chunk size at %d threads, class %s", threads, class) font ",13"
    do for [k in kernels] {
        set title k font ",12"
        set xlabel "chunk (loop iterations, log scale)"
        set ylabel "speed-up"
        set yrange [0 : threads * 1.15]
        plot for [s in "static dynamic guided"] csv using "chunk":(pick(k, s)) \
                 with linespoints pt 7 ps 0.7 lc rgb sprintf("#%06x", colour(s)) title s, \
             threads with lines dt 2 lc rgb "#555555" title "ideal"
    }
    unset multiplot
    unset output
}
