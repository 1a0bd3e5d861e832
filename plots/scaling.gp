# scaling.gp -- speed-up or efficiency against threads: one panel per kernel, one line per
# schedule,chunk, the ideal as a dashed line and oversubscribed thread counts shaded.
# Set with -e before the script (`ompscale plot` does, from the run's results.json):
#   csv      speedup.csv or efficiency.csv of one run
#   out      output path without extension; writes out.png and out.svg
#   metric   "speedup" or "efficiency"
#   weak     1 for a weak-scaling run: plots the scaled speed-up and weak-scaling efficiency
#            (the *_vs_1thread columns, throughput ratios), 0 otherwise
#   kernels  kernel names, space-separated
#   series_<kernel>  that kernel's schedule,chunk labels, space-separated ("static" = default chunk)
#   styles_<kernel>  for each series, its chunk's position in the kernel's chunk list (1, 2, ...):
#                    colour tells the schedule, dash and point type tell the chunk
#   tmax     largest thread count; cpus: CPUs available (threads above are oversubscribed)
#   note_<kernel>  (optional) a second title line, e.g. a SIMD kernel's gain over its scalar twin
#   fit_<kernel>, best_<kernel>  (optional) the Amdahl serial fraction fitted to the kernel's best
#            series and that series' label: drawn on the speed-up chart; its Karp-Flatt e(p) goes
#            on the efficiency chart's right axis
#   class    problem class, for the titles
#   flagged_<kernel>  (optional) 1 when some of that kernel's points have a reason in the CSV's suspect
#            column: those points are drawn hollow, the others filled, and the key says so

set datafile separator comma
set datafile columnheaders
set datafile missing NaN  # rows of other series are skipped without breaking a line
amdahl(p, f) = 1 / (f + (1 - f) / p)
if (!exists("weak")) weak = 0
col = weak ? metric . "_vs_1thread" : metric
ylabel = weak ? (metric eq "speedup" ? "scaled speed-up  (throughput / 1-thread throughput)" : "weak-scaling efficiency  (scaled speed-up / threads)") \
              : (metric eq "speedup" ? "speed-up  (serial time / parallel time)" : "efficiency  (speed-up / threads)")
sched_colour(s) = strstrt(s, "static") == 1 ? 0x1f77b4 : strstrt(s, "dynamic") == 1 ? 0xd62728 : \
                  strstrt(s, "guided") == 1 ? 0x2ca02c : 0x7f7f7f
key_of(k) = strcol("kernel") eq k ? strcol("schedule") . (strcol("chunk_label") eq "default" ? "" : "," . strcol("chunk_label")) : ""

# A chunk's marker shape (square, circle, triangle, inverted triangle, diamond, pentagon): filled,
# or hollow for a point whose suspect column is not empty (flagged: not to be taken at face value).
shape(s) = (int(s) - 1) % 6
filled_pt(s) = 5 + 2 * shape(s)
hollow_pt(s) = 4 + 2 * shape(s)
ok_point(s) = strcol("suspect") eq "" && key_of(k) eq s
flagged_point(s) = strcol("suspect") ne "" && key_of(k) eq s
colour(s) = sprintf("#%06x", sched_colour(s))

# The measured series, as macro text: it is expanded inside the loop below, where series, styles
# and k are set (a macro must exist before the block that uses it is read). Each series is its line
# through every point, its filled and its hollow points, and a key entry of line and filled marker.
lines = 'for [i = 1 : words(series)] csv using "threads":((key_of(k) eq word(series, i)) ? column(col) : NaN) \
                 with lines lc rgb colour(word(series, i)) dt int(word(styles, i) + 0) notitle, \
             for [i = 1 : words(series)] csv using "threads":(ok_point(word(series, i)) ? column(col) : NaN) \
                 with points lc rgb colour(word(series, i)) pt filled_pt(word(styles, i)) ps 0.7 notitle, \
             for [i = 1 : words(series)] csv using "threads":(flagged_point(word(series, i)) ? column(col) : NaN) \
                 with points lc rgb colour(word(series, i)) pt hollow_pt(word(styles, i)) ps 0.9 notitle, \
             for [i = 1 : words(series)] keyentry with linespoints lc rgb colour(word(series, i)) \
                 dt int(word(styles, i) + 0) pt filled_pt(word(styles, i)) ps 0.7 title word(series, i), \
             for [i = 1 : (flagged ? 1 : 0)] keyentry with points pt 6 ps 0.9 lc rgb "#555555" \
                 title "hollow: flagged (see suspect column)"'

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
    set multiplot layout rows, cols title sprintf("ompscale %s%s, class %s", metric eq "speedup" ? "speed-up" : "efficiency", \
        weak ? " (weak scaling: the problem grows with the threads)" : "", class) font ",13"
    do for [k in kernels] {
        set title k . (exists("note_" . k) ? "\n" . value("note_" . k) : "") font ",12" noenhanced
        set xlabel "threads"
        set ylabel ylabel
        set xrange [0.8 : tmax + 0.2]
        set xtics 1
        if (tmax > 16) { set xtics autofreq }
        set grid ytics lc rgb "#dddddd"
        set key outside right top font ",9" title "schedule,chunk"
        unset object
        if (tmax > cpus) {
            set object 1 rect from cpus + 0.5, graph 0 to graph 1, graph 1 behind fc rgb "#eeeeee" fs solid noborder
            set label 1 "oversubscribed" at cpus + 0.6, graph 0.95 left tc rgb "#888888" font ",9"
        } else {
            unset label 1
        }
        if (metric eq "speedup") {
            set yrange [0 : *]
            ideal(x) = x
        } else {
            set yrange [0 : 1.2]
            ideal(x) = 1
        }
        series = value("series_" . k)
        styles = value("styles_" . k)
        has_fit = exists("fit_" . k)
        f = has_fit ? value("fit_" . k) + 0 : 0
        best = has_fit ? value("best_" . k) : ""
        flagged = exists("flagged_" . k) ? value("flagged_" . k) + 0 : 0
        if (metric eq "efficiency" && has_fit) {
            set y2tics nomirror
            set y2range [-0.05 : 1]  # a serial fraction; it dips below 0 when the speed-up is superlinear
            set y2label "Karp-Flatt serial fraction e(p)" tc rgb "#7b3294"
            set ytics nomirror
        } else {
            unset y2tics
            unset y2label
            set ytics mirror
        }
        if (!has_fit) {
            plot ideal(x) with lines dt 2 lc rgb "#555555" title "ideal", @lines
        } else {
            if (metric eq "speedup") {
                plot ideal(x) with lines dt 2 lc rgb "#555555" title "ideal", \
                     amdahl(x, f) with lines lw 2.5 lc rgb "#7b3294" title sprintf("Amdahl fit, f = %.3g (%s)", f, best), \
                     @lines
            } else {
                plot ideal(x) with lines dt 2 lc rgb "#555555" title "ideal", \
                     csv using "threads":((key_of(k) eq best) ? column("karp_flatt") : NaN) axes x1y2 \
                         with linespoints lw 2 dt 3 pt 2 lc rgb "#7b3294" title sprintf("Karp-Flatt e (%s)", best), \
                     @lines
            }
        }
    }
    unset multiplot
    unset output
}
