# sweep.gp -- heat maps of the sweep kernel's grid: left, <R^2>/n of the freely rotating chain
# (stiffness rising with the valence angle and the chain length); right, the Monte Carlo's
# z-score against the closed form (noise with no pattern when the simulation is right).
# Set with -e before the script:
#   csv   sweep.csv of one run (theta_deg,n_bonds,samples,r2_mean,r2_stderr,r2_exact,z_score)
#   out   output path without extension; writes out.png and out.svg
# Cells are drawn as boxes, so the geometric spacing of chain lengths sits on a log axis.

set encoding utf8
set datafile separator comma
set datafile columnheaders

stats csv using "theta_deg" nooutput
n_points = STATS_records
theta_lo = STATS_min
theta_hi = STATS_max
stats csv using "n_bonds" nooutput
n_lo = STATS_min
n_hi = STATS_max
# Rows are length-major; rounded chain lengths may repeat, so count rows by the first angle.
stats csv using (column("theta_deg") == theta_lo ? column("n_bonds") : NaN) nooutput
n_lengths = STATS_records
n_angles = int(n_points / n_lengths)
stats csv using "samples" nooutput
samples = STATS_max
stats csv using (abs(column("z_score")) < 2 ? 1 : 0) nooutput
within2 = int(STATS_sum)
stats csv using (abs(column("z_score"))) nooutput
zmax = STATS_max

# Half a cell: along theta in degrees, along n as a factor (half a geometric step). Rows are
# placed at their unrounded geometric lengths (row k of the length-major file at n_lo * step^k)
# so that cells tile the log axis; 1% overlap hides anti-aliasing seams.
dtheta = 1.01 * (n_angles > 1 ? (theta_hi - theta_lo) / (n_angles - 1) / 2 : 5)
step = n_lengths > 1 && n_hi > n_lo ? (n_hi / n_lo) ** (1.0 / (n_lengths - 1)) : 2
nstep = sqrt(step) ** 1.01
row_n(k) = n_lo * step ** k
row = "int(column(0) / n_angles)"

# formats (optional, set with -e): the files to write, "png svg" by default (the report asks for "svg")
do for [fmt in (exists("formats") ? formats : "png svg")] {
    if (fmt eq "png") {
        set terminal pngcairo size 1400, 620 enhanced font "Sans,11"
    } else {
        set terminal svg size 1400, 620 dynamic enhanced font "Sans,11"
    }
    set output out . "." . fmt
    set multiplot layout 1, 2 title sprintf("Freely rotating chain sweep: %d angles x %d lengths, %d chains per point", \
        n_angles, n_lengths, samples) font ",14"

    set xlabel "valence angle θ (degrees; 180 = straight)"
    set ylabel "chain length n (bonds)"
    set xrange [theta_lo - dtheta : theta_hi + dtheta]
    set yrange [n_lo / nstep : n_hi * nstep]
    set logscale y 2
    set xtics 30 out nomirror
    set ytics out nomirror
    set mxtics 3
    set border lw 1
    set tics front
    unset key
    set bmargin 6
    set label 10 "One grid point is one iteration of the parallel loop and costs n bonds per chain; rows run short chains first, so a static split gives the last thread most of the work." \
        at screen 0.5, screen 0.03 center font ",10" tc rgb "#444444"
    set colorbox vertical user origin graph 1.03, graph 0 size graph 0.04, graph 1
    set rmargin 12

    set title "Monte Carlo <R²>/n  (log colour scale)" font ",12"
    set logscale cb
    set cbrange [*:*]
    set cbtics auto
    set format cb "%g"
    set cblabel "<R²> / n" offset 1
    set palette defined (0 "#440154", 1 "#3b528b", 2 "#21918c", 3 "#5ec962", 4 "#fde725")
    plot csv using "theta_deg":(row_n(@row)):(column("theta_deg") - dtheta):(column("theta_deg") + dtheta): \
        (row_n(@row) / nstep):(row_n(@row) * nstep):(column("r2_mean") / column("n_bonds")) \
        with boxxyerror fs solid 1.0 noborder lc palette

    set title sprintf("z = (mean - closed form) / std. error:  |z| < 2 at %d of %d points, max |z| %.2f", \
        within2, n_points, zmax) font ",12"
    unset logscale cb
    set cbrange [-4:4]
    set cbtics 1
    set cblabel "z-score (clipped at ±4)" offset 1
    set palette defined (-4 "#053061", -2 "#4393c3", 0 "#f7f7f7", 2 "#d6604d", 4 "#67001f")
    plot csv using "theta_deg":(row_n(@row)):(column("theta_deg") - dtheta):(column("theta_deg") + dtheta): \
        (row_n(@row) / nstep):(row_n(@row) * nstep):(column("z_score")) \
        with boxxyerror fs solid 1.0 noborder lc palette

    unset multiplot
    unset output
}
