# compare.gp -- several machines side by side: per kernel, speed-up (left) and efficiency (right)
# against threads, one line per machine along its best schedule,chunk; PNG and SVG.
# Set with -e before the script (ompscale compare does):
#   csv       compare-series.csv of a compare directory
#   out       output path without extension; writes out.png and out.svg
#   kernels   kernel names, space-separated
#   n_runs    number of machines; label_1 .. label_<n_runs> their titles in the key
#   tmax      largest thread count; any_over: 1 when some point is oversubscribed (ringed)
#   subtitle  the class, and a warning when the runs differ

set datafile separator comma
set datafile columnheaders
# Colour, point and (past eight machines) dash type all change per machine, so that lines stay
# apart in grey print too.
colours = "#1f77b4 #d62728 #2ca02c #ff7f0e #9467bd #8c564b #e377c2 #17becf"
points = "7 5 9 11 13 15 4 6"
colour(i) = word(colours, (i - 1) % 8 + 1)
ptype(i) = int(word(points, (i - 1) % 8 + 1))
dash(i) = int((i - 1) / 8) % 5 + 1
mine(k, i) = strcol("kernel") eq k && column("run") == i
over(k) = strcol("kernel") eq k && column("oversubscribed") == 1

n = words(kernels)

do for [fmt in "png svg"] {
    if (fmt eq "png") {
        set terminal pngcairo size 1400, 460 * n + 40 enhanced font "Sans,10" linewidth 1.5
    } else {
        set terminal svg size 1400, 460 * n + 40 dynamic enhanced font "Sans,10" linewidth 1.5
    }
    set output out . "." . fmt
    set multiplot layout n, 2 title "ompscale compare (each machine's best schedule,chunk): " . subtitle font ",13"
    do for [k in kernels] {
        do for [metric in "speedup efficiency"] {
            set xlabel "threads"
            set xrange [0.8 : tmax + 0.2]
            set xtics 1
            if (tmax > 16) { set xtics autofreq }
            set grid ytics lc rgb "#dddddd"
            if (metric eq "speedup") {
                set title k . ": speed-up" noenhanced font ",12"
                set ylabel "speed-up  (serial time / parallel time)"
                set yrange [0 : *]
                set key top left Left reverse opaque box lc rgb "#cccccc" font ",9" spacing 1.1 noenhanced
                ideal(x) = x
            } else {
                set title k . ": efficiency" noenhanced font ",12"
                set ylabel "efficiency  (speed-up / threads)"
                set yrange [0 : 1.1 < *]
                unset key
                ideal(x) = 1
            }
            plot ideal(x) with lines dt 2 lc rgb "#555555" title "ideal", \
                 for [i = 1 : n_runs] csv using "threads":(mine(k, i) ? column(metric) : NaN) \
                     with linespoints lc rgb colour(i) dt dash(i) pt ptype(i) ps 0.8 title value("label_" . i), \
                 csv using "threads":(over(k) ? column(metric) : NaN) with points pt 6 ps 2 lc rgb "#777777" \
                     title (any_over ? "oversubscribed (threads > CPUs)" : "")
        }
    }
    unset multiplot
    unset output
}
