# ascii.gp -- the speed-up chart as text on the terminal (gnuplot's dumb terminal), for a machine
# without a display such as a Raspberry Pi over ssh, 80 columns wide: a panel per kernel, the best
# series of each schedule kind marked with its initial (S static, D dynamic, G guided, A auto),
# the ideal as a line of *.
# Set with -e before the script (`ompscale plot DIR --chart ascii` does):
#   csv      speedup.csv of one run;  kernels  kernel names, space-separated;  class  the class
#   shown_<kernel>  its best series of each kind, as scaling.gp takes them
#   tmax     largest thread count;  weak  1: the scaled speed-up (speedup_vs_1thread)
#   one_rank (optional) 1 for a hybrid MPI run's CSV: only its rows of one rank are drawn

set datafile separator comma
set datafile columnheaders
set datafile missing NaN
if (!exists("weak")) weak = 0
col = weak ? "speedup_vs_1thread" : "speedup"
if (!exists("one_rank")) one_rank = 0
key_of(k) = strcol("kernel") eq k && (!one_rank || column("ranks") == 1) ? strcol("schedule") . (strcol("chunk_label") eq "default" ? "" : "," . strcol("chunk_label")) : ""
initial(s) = s[1:1] eq "s" ? "S" : s[1:1] eq "d" ? "D" : s[1:1] eq "g" ? "G" : "A"
# The series of a panel; left out where there are none (an empty `for` over a data file warns).
series = 'for [i = 1 : words(ser)] csv using "threads":((key_of(k) eq word(ser, i)) ? column(col) : NaN) \
    with linespoints pt initial(word(ser, i)) title word(ser, i)'

n = words(kernels)
set terminal dumb size 80, 20 * n + 2 mono
set output
set multiplot layout n, 1 title sprintf("ompscale %s, class %s: best series of each schedule kind", \
    weak ? "scaled speed-up" : "speed-up", class)
set xrange [0.8 : tmax + 0.2]
set xtics 1
if (tmax > 16) { set xtics autofreq }
set yrange [0 : *]
set key outside right top Left reverse noenhanced
set xlabel "threads"
do for [k in kernels] {
    ser = value("shown_" . k)
    set title k noenhanced
    if (words(ser) > 0) {
        plot (tmax == 1 || (x >= 1 && x <= tmax) ? x : NaN) with lines title "ideal", @series
    } else {
        plot (tmax == 1 || (x >= 1 && x <= tmax) ? x : NaN) with lines title "ideal"
    }
}
unset multiplot
