# chunks.gp -- the "bunch them up" lesson as a heat map: speed-up of every schedule kind (rows)
# and chunk (columns) at one thread count, a panel per kernel, each cell coloured by its speed-up
# and labelled with it (a * where the suspect column gives a reason). The colour scale is shared
# by the panels and runs from 0 to the ideal (or the largest speed-up, if above it); the palette
# (viridis) reads for colour-blind eyes and in grey. Empty cells were not run (auto has one chunk).
# Set with -e before the script (`ompscale plot` does, from the run's results.json):
#   csv      speedup.csv of one run;  out  output path without extension (writes .png, .svg)
#   kernels  kernel names, space-separated;  threads  the thread count shown;  class  the class
#   kinds    the schedule kinds with a point there, the rows
#   chunks_<kernel>  that kernel's chunk labels with a point there, the columns
#   cbmax    top of the colour scale
#   one_rank (optional) 1 for a hybrid MPI run's CSV: only its rows of one rank are drawn

set datafile separator comma
set datafile columnheaders
set datafile missing NaN
set encoding utf8
idx(list, w) = sum [i = 1 : words(list)] (word(list, i) eq w ? i : 0)
if (!exists("one_rank")) one_rank = 0
here(k) = strcol("kernel") eq k && column("threads") == threads && strcol("schedule") ne "serial" && \
          (!one_rank || column("ranks") == 1)
# Where a row of the CSV goes: column by chunk, row by kind (the first kind on top).
cell_x(k) = here(k) ? idx(value("chunks_" . k), strcol("chunk_label")) : NaN
cell_y = "(words(kinds) + 1 - idx(kinds, strcol(\"schedule\")))"
cell_text = "(sprintf(\"%.2f%s\", column(\"speedup\"), strcol(\"suspect\") eq \"\" ? \"\" : \"*\"))"
# Dark text on the light end of the palette, white on the dark end.
ink(v) = v / cbmax > 0.55 ? 0x000000 : 0xffffff

n = words(kernels)
cols = n > 1 ? 2 : 1
rows = int((n + cols - 1) / cols)
# formats (optional, set with -e): the files to write, "png svg" by default (the report asks for "svg")
do for [fmt in (exists("formats") ? formats : "png svg")] {
    if (fmt eq "png") {
        set terminal pngcairo size 620 * cols, 330 * rows + 60 enhanced font "Sans,10"
    } else {
        set terminal svg size 620 * cols, 330 * rows + 60 dynamic enhanced font "Sans,10"
    }
    set output out . "." . fmt
    set multiplot layout rows, cols title sprintf("speed-up by schedule and chunk at %d thread%s, class %s (* flagged: see the suspect column)", \
        threads, threads == 1 ? "" : "s", class) font ",13"
    set palette defined (0 "#440154", 1 "#3b528b", 2 "#21918c", 3 "#5ec962", 4 "#fde725")
    set cbrange [0 : cbmax]
    set cblabel "speed-up"
    set style fill solid 1.0 noborder
    set tics scale 0
    unset key
    do for [k in kernels] {
        chunks = value("chunks_" . k)
        nc = words(chunks)
        nk = words(kinds)
        set title k font ",12" noenhanced
        set xrange [0.5 : nc + 0.5]
        set yrange [0.5 : nk + 0.5]
        set xtics () noenhanced
        set ytics () noenhanced
        do for [i = 1 : nc] { set xtics add (word(chunks, i) i) }
        do for [i = 1 : nk] { set ytics add (word(kinds, i) nk + 1 - i) }
        set xlabel "chunk"
        set ylabel "schedule"
        set object 1 rect from graph 0, graph 0 to graph 1, graph 1 behind fc rgb "#eeeeee" fs solid noborder
        plot csv using (cell_x(k)):@cell_y:(cell_x(k) - 0.505):(cell_x(k) + 0.505):(@cell_y - 0.505):(@cell_y + 0.505):"speedup" \
                 with boxxyerror lc palette, \
             csv using (cell_x(k)):@cell_y:@cell_text:(ink(column("speedup"))) with labels tc rgb variable font ",11"
        unset object 1
    }
    unset multiplot
    unset output
}
