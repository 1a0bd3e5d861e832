/* report.h -- report.html: a whole run on one self-contained page, to open in a browser or send
 * as one file. */
#ifndef OMPSCALE_REPORT_H
#define OMPSCALE_REPORT_H

#include <stddef.h>

#include "results.h"

#define REPORT_FILE "report.html"

/* Writes dir/report.html from r: a headline per kernel (best speed-up and efficiency with their
 * intervals, the fitted serial fraction, flags), the charts as inline SVG, the pictures kernels
 * saved in dir (<kernel>.png) as data URIs, the tables, what each flag and warning means, and the
 * machine and build; an interrupted or unfinished run says so at the top. The file is replaced
 * atomically. A chart that cannot be drawn (no gnuplot) is said in the page and in note (one
 * line, "" when all were drawn; note may be NULL), and is not an error. Returns 0, or -1 with err
 * set when the page cannot be written. */
int report_write(const struct results *r, const char *dir, char *note, size_t note_size, char *err,
                 size_t err_size);

#endif
