# scaling.gp -- speed-up or efficiency against threads, with each point's confidence interval as
# an error bar and oversubscribed thread counts shaded. The default chart has a panel per kernel
# with the best series of each schedule kind, the ideal, the Amdahl curve fitted to the kernel's
# best series and the upper bounds known for it (Hoefler and Belli: show the bound): Amdahl's
# ceiling 1/f and, for a kernel that timed a copy over its own arrays, the memory roof. The
# detail chart has every series: a panel per kernel and schedule kind, a line per chunk.
# Series are told apart by colour (Okabe and Ito's colour-blind-safe palette), marker and dash,
# so that they read in grey print too; a series' neighbours at one thread count are nudged
# sideways so that their error bars do not hide each other.
# Set with -e before the script (`ompscale plot` does, from the run's results.json):
#   csv      speedup.csv or efficiency.csv of one run;  roofcsv  speedup.csv (the memory roof)
#   out      output path without extension; writes out.png and out.svg
#   metric   "speedup" or "efficiency"
#   weak     1 for a weak-scaling run: plots the scaled speed-up and weak-scaling efficiency
#            (the *_vs_1thread columns, which have no interval), 0 otherwise
#   detail   1: the detail chart; 0 (default): the default chart
#   kernels  kernel names, space-separated;  class  problem class, for the titles
#   tmax     largest thread count; cpus: CPUs available (threads above are oversubscribed)
#   shown_<kernel>   default chart: its best series of each kind ("static,row dynamic,1 auto")
#   series_<kernel>  detail chart: every series of the kernel ("static" = the default chunk), and
#   styles_<kernel>  for each, its chunk's position in the kernel's chunk list (1, 2, ...)
#   kinds    detail chart: the schedule kinds of the run, a column of panels each
#   note_<kernel>  (optional) a second title line, e.g. a SIMD kernel's gain over its scalar twin
#   fitzero_<kernel>, ceil_<kernel>  (optional) 1 when f's interval holds 0; 1 when a ceiling 1/f
#                means something (f above 0 beyond noise, two or more thread counts above 1)
#   fit_<kernel>, best_<kernel>  (optional) the Amdahl serial fraction fitted to the kernel's best
#            series and that series' label
#   kf_<kernel>  (optional) 1 when the best series has Karp-Flatt e(p) at two or more thread
#            counts that are not oversubscribed: drawn there on the efficiency chart's right axis
#            (one value is no trend)
#   roof_<kernel>  (optional) 1 when the kernel timed a copy over its own arrays: the speed-up it
#            would have at the copy's bandwidth (speedup / bandwidth_of_copy) is its memory roof
#   flagged_<kernel>  (optional) 1 when some drawn point has a reason in the CSV's suspect column:
#            those points are hollow, the others filled, and the key (the detail chart's title)
#            says so
#   one_rank (optional) 1 for a hybrid MPI run's CSV: only its rows of one rank are drawn

set datafile separator comma
set datafile columnheaders
set datafile missing NaN  # rows of other series are skipped without breaking a line
amdahl(p, f) = 1 / (f + (1 - f) / p)
if (!exists("weak")) weak = 0
if (!exists("detail")) detail = 0
col = weak ? metric . "_vs_1thread" : metric
ylabel = weak ? (metric eq "speedup" ? "scaled speed-up  (throughput / 1-thread throughput)" : "weak-scaling efficiency  (scaled speed-up / threads)") \
              : (metric eq "speedup" ? "speed-up  (serial time / parallel time)" : "efficiency  (speed-up / threads)")
if (!exists("one_rank")) one_rank = 0
key_of(k) = strcol("kernel") eq k && (!one_rank || column("ranks") == 1) ? strcol("schedule") . (strcol("chunk_label") eq "default" ? "" : "," . strcol("chunk_label")) : ""
kind_of(s) = strstrt(s, ",") ? s[1 : strstrt(s, ",") - 1] : s
kind_no(s) = kind_of(s) eq "static" ? 1 : kind_of(s) eq "dynamic" ? 2 : kind_of(s) eq "guided" ? 3 : 4
chunk_of(s) = strstrt(s, ",") ? s[strstrt(s, ",") + 1 :] : "default"

# Style n (a schedule kind in the default chart, a chunk in the detail chart): colour, filled and
# hollow marker (circle, square, triangle, diamond, inverted triangle, pentagon), dash.
colours = "#0072B2 #D55E00 #009E73 #CC79A7 #E69F00 #56B4E9 #000000 #999999"
style(n) = (int(n) - 1) % 8 + 1
colour(n) = word(colours, style(n))
filled_pt(n) = int(word("7 5 9 13 11 15 7 5", style(n)))
hollow_pt(n) = int(word("6 4 8 12 10 14 6 4", style(n)))
dash(n) = int(word("1 2 4 5 3 1 2 4", style(n)))
bound = "#7b3294"   # Amdahl's curve and ceiling, Karp-Flatt
roof_colour = "#555555"

# A point's value, and its interval's ends (the value itself where the CSV has none).
ci_lo = metric . "_ci_low"
ci_hi = metric . "_ci_high"
or_value(v) = v == v ? v : column(col)
# Series i of n at one thread count sits dx * (i - (n + 1) / 2) threads off its x.
dx = 0.012 * (tmax - 0.2)  # of an x range tmax - 0.2 wide
nudge(i, n) = column("threads") + (i - (n + 1) / 2.0) * dx
pt_of(st) = strcol("suspect") eq "" ? filled_pt(st) : hollow_pt(st)

# The plot command of a panel is assembled as text and run with eval, each part only where it has
# points: gnuplot warns of a data file with no valid points, and an empty `for` over a data file
# followed by another part is read once all the same (gnuplot 5.4). The parts use ser (labels),
# sty (their styles) and k, set in the loop below. Each series is its line, its points with error
# bars (hollow where flagged; plain points where the column has no interval) and a key entry.
series_lines = 'for [i = 1 : words(ser)] csv using (nudge(i, words(ser))):((key_of(k) eq word(ser, i)) ? column(col) : NaN) \
        with lines lc rgb colour(word(sty, i)) dt dash(word(sty, i)) notitle'
series_bars = 'for [i = 1 : words(ser)] csv using (nudge(i, words(ser))):((key_of(k) eq word(ser, i)) ? column(col) : NaN): \
        (or_value(column(ci_lo))):(or_value(column(ci_hi))):(pt_of(word(sty, i))) \
        with yerrorbars lc rgb colour(word(sty, i)) pt variable ps 0.8 notitle'
series_points = 'for [i = 1 : words(ser)] csv using (nudge(i, words(ser))):((key_of(k) eq word(ser, i)) ? column(col) : NaN): \
        (pt_of(word(sty, i))) with points lc rgb colour(word(sty, i)) pt variable ps 0.8 notitle'
series_keys = 'for [i = 1 : words(ser)] keyentry with linespoints lc rgb colour(word(sty, i)) dt dash(word(sty, i)) \
        pt filled_pt(word(sty, i)) ps 0.8 title (detail ? "chunk " . chunk_of(word(ser, i)) : word(ser, i) . (word(ser, i) eq best ? " (fit)" : ""))'
far_key = 'keyentry with lines lc rgb "#ffffff" title far_title'  # named, not drawn
flagged_key = 'keyentry with points pt 6 ps 0.8 lc rgb "#555555" title "hollow: flagged"'
# The ideal over the thread counts measured (across the panel when that is one).
ideal_line = '(tmax == 1 || (x >= 1 && x <= tmax) ? ideal(x) : NaN) with lines dt 2 lc rgb "#555555" title "ideal"'
fit_line = 'fit_curve(x) with lines lw 2 lc rgb bound title fit_title'
ceiling_line = 'ceiling with lines dt 3 lc rgb bound title sprintf("ceiling 1/f = %.3g", ceiling)'
roof_line = 'roofcsv using "threads":((key_of(k) eq word(ser, 1)) ? roof_of(column("threads")) : NaN) \
        with linespoints dt 4 pt 1 ps 1.2 lc rgb roof_colour title "memory roof (copy)"'
kf_line = 'csv using "threads":((key_of(k) eq best && column("oversubscribed") == 0) ? column("karp_flatt") : NaN) axes x1y2 \
        with linespoints lw 1.5 dt 3 pt 2 lc rgb bound title "Karp-Flatt e(p), right axis"'

n = words(kernels)
if (detail) {
    cols = words(kinds)
    rows = n
    width = 460
    height = 380
} else {
    cols = n > 1 ? 2 : 1
    rows = int((n + cols - 1) / cols)
    width = 700
    height = 480
}
any_flagged = 0
do for [k in kernels] {
    if (exists("flagged_" . k)) { any_flagged = any_flagged || value("flagged_" . k) }
}
what = metric eq "speedup" ? "speed-up" : "efficiency"
head = sprintf("%s, class %s: %s%s%s", what, class, detail ? "every series" : "best series of each schedule kind", \
    weak ? "\nweak scaling: the problem grows with the threads" : " (bars: 95% CI)", \
    detail && any_flagged ? "; hollow: flagged (suspect column)" : "")

# formats (optional, set with -e): the files to write, "png svg" by default (the report asks for "svg")
do for [fmt in (exists("formats") ? formats : "png svg")] {
    if (fmt eq "png") {
        set terminal pngcairo size width * cols, height * rows + 30 enhanced font "Sans,10" linewidth 1.5
    } else {
        set terminal svg size width * cols, height * rows + 30 dynamic enhanced font "Sans,10" linewidth 1.5
    }
    set output out . "." . fmt
    set multiplot layout rows, cols title head font ",13"
    do for [k in kernels] {
        do for [c = 1 : (detail ? cols : 1)] {
            # The series of this panel and their styles.
            ser = ""
            sty = ""
            if (detail) {
                all = value("series_" . k)
                all_styles = value("styles_" . k)
                kind = word(kinds, c)
                do for [i = 1 : words(all)] {
                    if (kind_of(word(all, i)) eq kind) {
                        ser = ser . " " . word(all, i)
                        sty = sty . " " . word(all_styles, i)
                    }
                }
            } else {
                ser = value("shown_" . k)
                do for [i = 1 : words(ser)] {
                    sty = sty . " " . kind_no(word(ser, i))
                }
            }
            if (detail && words(ser) == 0) {
                set multiplot next   # this kernel did not run this kind
            } else {
                has_fit = !detail && exists("fit_" . k)
                f = has_fit ? value("fit_" . k) + 0 : 0
                best = has_fit ? value("best_" . k) : ""
                kf = !weak && has_fit && metric eq "efficiency" && exists("kf_" . k) ? value("kf_" . k) + 0 : 0
                roof = !weak && !detail && exists("roof_" . k) ? value("roof_" . k) + 0 : 0
                flagged = exists("flagged_" . k) ? value("flagged_" . k) + 0 : 0
                if (detail) {
                    set title k . ": " . kind font ",11" noenhanced
                } else {
                    set title k . (exists("note_" . k) ? "\n" . value("note_" . k) : "") font ",12" noenhanced
                }
                set xlabel "threads"
                set ylabel (detail ? what : ylabel)
                set xrange [0.6 : tmax + 0.4]
                set xtics 1
                if (tmax > 16) { set xtics autofreq }
                set grid ytics lc rgb "#dddddd"
                # The key beside the plot, where it hides no point; its entries are kept short.
                set key outside right top Left reverse font ",9" samplen 2 spacing 1.1 noenhanced
                unset object
                unset label
                if (tmax > cpus) {
                    set object 1 rect from cpus + 0.5, graph 0 to graph 1, graph 1 behind fc rgb "#eeeeee" fs solid noborder
                    set label 1 "oversubscribed" at cpus + 0.6, graph 0.95 left tc rgb "#888888" font ",9"
                }
                set offsets 0, 0, graph 0.05, 0  # headroom: no bar or bound touches the top
                if (metric eq "speedup") {
                    set yrange [0 : *]
                    ideal(x) = x
                } else {
                    set yrange [0 : 1.1 < *]
                    ideal(x) = 1
                }
                if (kf) {
                    set y2tics nomirror tc rgb bound
                    set y2range [0 : 0.05 < *]
                    set y2label "Karp-Flatt serial fraction e(p)" tc rgb bound
                    set ytics nomirror
                } else {
                    unset y2tics
                    unset y2label
                    set ytics mirror
                }
                # The Amdahl ceiling 1/f: drawn where it is near the measured range, else named.
                fit_zero = has_fit && exists("fitzero_" . k) ? value("fitzero_" . k) + 0 : 0
                ceiling_known = has_fit && exists("ceil_" . k) ? value("ceil_" . k) + 0 : f > 0
                ceiling = ceiling_known && f > 0 ? 1 / f : 0
                near = metric eq "speedup" && ceiling > 0 && ceiling <= 1.25 * tmax
                fit_title = fit_zero ? "Amdahl fit, f = 0 within noise" : sprintf("Amdahl fit, f = %.2g", f)
                far_title = ceiling > 0 ? sprintf("(ceiling 1/f = %.3g)", ceiling) : "(no ceiling shown)"
                fit_curve(x) = x < 1 || x > tmax ? NaN : metric eq "speedup" ? amdahl(x, f) : amdahl(x, f) / x
                roof_of(p) = metric eq "speedup" ? column("speedup") / column("bandwidth_of_copy") \
                                                 : column("speedup") / column("bandwidth_of_copy") / p
                cmd = "plot " . ideal_line
                if (has_fit) { cmd = cmd . ", " . fit_line }
                if (near) { cmd = cmd . ", " . ceiling_line }
                if (has_fit && !near && metric eq "speedup") { cmd = cmd . ", " . far_key }
                if (roof && words(ser) > 0) { cmd = cmd . ", " . roof_line }
                if (kf) { cmd = cmd . ", " . kf_line }
                if (words(ser) > 0) {
                    cmd = cmd . ", " . series_lines . ", " . (weak ? series_points : series_bars) . ", " . series_keys
                }
                if (flagged && !detail) { cmd = cmd . ", " . flagged_key }
                eval cmd
            }
        }
    }
    unset multiplot
    unset output
}
