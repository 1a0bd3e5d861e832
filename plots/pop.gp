# pop.gp -- why one kernel's configurations fall below ideal at one thread count: for each
# schedule,chunk a group of bars with its POP efficiency factors (load balance, OpenMP runtime
# efficiency, parallel efficiency = their product, computation scalability, global efficiency =
# parallel efficiency x computation scalability), and 1.0, where nothing is lost, marked.
# Set with -e before the script (`ompscale plot` does, from the run's results.json):
#   csv      efficiency.csv of one run;  out  output path without extension (writes .png, .svg)
#   kernel   the kernel;  threads  the thread count shown;  class  the problem class
#   series   the kernel's schedule,chunk labels with factors at that thread count, space-separated
#            ("static" = the default chunk), in the order of efficiency.csv
#   ymax     top of the y axis (above 1 and above every factor shown)
#   one_rank (optional) 1 for a hybrid MPI run's CSV: only its rows of one rank are drawn

set datafile separator comma
set datafile columnheaders
set datafile missing NaN
factors = "load_balance comm_efficiency parallel_efficiency computation_scalability global_efficiency"
title_of(j) = j == 1 ? "load balance" : j == 2 ? "OpenMP runtime efficiency" : j == 3 ? "parallel efficiency" : \
              j == 4 ? "computation scalability" : "global efficiency"
colour_of(j) = j == 1 ? "#1f77b4" : j == 2 ? "#ff7f0e" : j == 3 ? "#9edae5" : j == 4 ? "#2ca02c" : "#7b3294"
key_of(x) = strcol("schedule") . (strcol("chunk_label") eq "default" ? "" : "," . strcol("chunk_label"))
# the position of series label s in the list, from i on; NaN when it is not there
pos(s, i) = i > words(series) ? NaN : (word(series, i) eq s ? i : pos(s, i + 1))
if (!exists("one_rank")) one_rank = 0
mine(x) = strcol("kernel") eq kernel && column("threads") == threads && (!one_rank || column("ranks") == 1)
bar = 0.15  # width of one bar; five bars and a gap make a group of width 1

n = words(series)
width = 300 + 70 * n < 640 ? 640 : 300 + 70 * n
set xrange [0.4 : n + 0.6]
set yrange [0 : ymax]
set xtics () nomirror rotate by -30 font ",9" noenhanced
do for [i = 1 : n] { set xtics add (word(series, i) i) }
set ytics nomirror
set grid ytics lc rgb "#dddddd"
set boxwidth bar
set style fill solid 0.9 noborder
set key outside bottom center horizontal maxrows 2 font ",9"
set ylabel "factor  (1 = nothing lost)"
set title sprintf("%s: POP efficiency factors at %d threads, class %s\n{/*0.8 global = load balance x runtime efficiency x computation scalability}", \
    kernel, threads, class) font ",12"

# formats (optional, set with -e): the files to write, "png svg" by default (the report asks for "svg")
do for [fmt in (exists("formats") ? formats : "png svg")] {
    if (fmt eq "png") {
        set terminal pngcairo size width, 480 enhanced font "Sans,10" linewidth 1.5
    } else {
        set terminal svg size width, 480 dynamic enhanced font "Sans,10" linewidth 1.5
    }
    set output out . "." . fmt
    plot for [j = 1 : 5] csv using (mine(0) ? pos(key_of(0), 1) + (j - 3) * bar : NaN):(mine(0) ? column(word(factors, j)) : NaN) \
             with boxes lc rgb colour_of(j) title title_of(j), \
         1 with lines dt 2 lw 1.5 lc rgb "#333333" title "1.0: nothing lost"
    unset output
}
