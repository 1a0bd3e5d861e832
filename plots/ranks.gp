# ranks.gp -- a hybrid MPI + OpenMP run: speed-up or efficiency against cores (ranks x threads),
# one panel per kernel, one line per rank count, for the kernel's best schedule,chunk series; the
# ideal dashed and, on the speed-up chart, Amdahl's law fitted over the cores. A point with a
# reason in the suspect column (oversubscribed: ranks' threads sharing cores) is drawn hollow.
# Set with -e before the script (`ompscale plot` does, from the run's results.json):
#   csv      speedup.csv or efficiency.csv of one run (with its ranks and cores columns)
#   out      output path without extension; writes out.png and out.svg
#   metric   "speedup" or "efficiency"
#   kernels  kernel names, space-separated;  class  problem class, for the titles
#   ranks    the rank counts, space-separated;  cmax  the most cores a configuration ran on
#   line_<kernel>  the series drawn, as the CSV writes it: "static,row" ("static" = default chunk)
#   fit_<kernel>   (optional) the Amdahl serial fraction fitted over cores to that series

set datafile separator comma
set datafile columnheaders
set datafile missing NaN  # rows of other lines are skipped without breaking a line
amdahl(p, f) = 1 / (f + (1 - f) / p)
key_of(k) = strcol("kernel") eq k ? strcol("schedule") . (strcol("chunk_label") eq "default" ? "" : "," . strcol("chunk_label")) : ""
on_line(k, r) = key_of(k) eq line && column("ranks") == r
palette = "#1f77b4 #d62728 #2ca02c #ff7f0e #9467bd #8c564b #e377c2 #17becf"
colour(i) = word(palette, (i - 1) % 8 + 1)
rank_title(i) = word(ranks, i) . (word(ranks, i) eq "1" ? " rank" : " ranks")

lines = 'for [i = 1 : words(ranks)] csv using "cores":(on_line(k, word(ranks, i) + 0) ? column(metric) : NaN) \
                 with lines lc rgb colour(i) notitle, \
             for [i = 1 : words(ranks)] csv using "cores":(on_line(k, word(ranks, i) + 0) && strcol("suspect") eq "" ? column(metric) : NaN) \
                 with points lc rgb colour(i) pt 7 ps 0.8 notitle, \
             for [i = 1 : words(ranks)] csv using "cores":(on_line(k, word(ranks, i) + 0) && strcol("suspect") ne "" ? column(metric) : NaN) \
                 with points lc rgb colour(i) pt 6 ps 0.9 notitle, \
             for [i = 1 : words(ranks)] keyentry with linespoints lc rgb colour(i) pt 7 ps 0.8 title rank_title(i), \
             keyentry with points pt 6 ps 0.9 lc rgb "#555555" title "hollow: flagged (see suspect column)"'

n = words(kernels)
cols = n > 1 ? 2 : 1
rows = int((n + cols - 1) / cols)

# formats (optional, set with -e): the files to write, "png svg" by default (the report asks for "svg")
do for [fmt in (exists("formats") ? formats : "png svg")] {
    if (fmt eq "png") {
        set terminal pngcairo size 720 * cols, 480 * rows enhanced font "Sans,10" linewidth 1.5
    } else {
        set terminal svg size 720 * cols, 480 * rows dynamic enhanced font "Sans,10" linewidth 1.5
    }
    set output out . "." . fmt
    set multiplot layout rows, cols title sprintf("ompscale %s against cores (MPI ranks x OpenMP threads), class %s", \
        metric eq "speedup" ? "speed-up" : "efficiency", class) font ",13"
    do for [k in kernels] {
        line = value("line_" . k)
        set title k . "  (" . line . ")" font ",12" noenhanced
        set xlabel "cores  (ranks x threads)"
        set ylabel metric eq "speedup" ? "speed-up  (serial time / parallel time)" : "efficiency  (speed-up / cores)"
        set xrange [0.8 : cmax + 0.2]
        set xtics 1
        if (cmax > 16) { set xtics autofreq }
        set grid ytics lc rgb "#dddddd"
        set key outside right top font ",9" title "MPI ranks"
        if (metric eq "speedup") {
            set yrange [0 : *]
            ideal(x) = x
        } else {
            set yrange [0 : 1.2]
            ideal(x) = 1
        }
        has_fit = exists("fit_" . k) && metric eq "speedup"
        f = has_fit ? value("fit_" . k) + 0 : 0
        if (has_fit) {
            plot ideal(x) with lines dt 2 lc rgb "#555555" title "ideal", \
                 amdahl(x, f) with lines lw 2.5 lc rgb "#7b3294" title sprintf("Amdahl fit over cores, f = %.3g", f), \
                 @lines
        } else {
            plot ideal(x) with lines dt 2 lc rgb "#555555" title "ideal", @lines
        }
    }
    unset multiplot
    unset output
}
