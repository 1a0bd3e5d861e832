/* charts.h -- the chart driver: a run's charts (PNG and SVG) drawn with gnuplot from the results
 * record, for `ompscale plot` and `make bench`. */
#ifndef OMPSCALE_CHARTS_H
#define OMPSCALE_CHARTS_H

#include <stddef.h>

#include "results.h"

/* What charts_draw returns besides 0. */
enum { CHARTS_FAILED = -1,       /* a data file could not be written, or gnuplot failed */
       CHARTS_NO_GNUPLOT = -2,   /* gnuplot is not installed: nothing was drawn */
       CHARTS_NO_SCRIPTS = -3 }; /* the gnuplot scripts (share/ompscale/plots) were not found */

/* Finds the directory of the gnuplot scripts: $OMPSCALE_PLOTS_DIR when set, else next to the
 * binary (/proc/self/exe): share/ompscale/plots in the build tree, ../share/ompscale/plots in an
 * install prefix. Returns 0 with the path in buf, or CHARTS_NO_SCRIPTS with err naming where it
 * looked. */
int charts_find_scripts(char *buf, size_t size, char *err, size_t err_size);

/* Draws r's charts into dir: speedup, efficiency and chunks (when the run measured kernels),
 * crossover (per size scan), overhead (when measured) and sweep (when the sweep kernel ran), each
 * as .png and .svg, after writing the CSV files they read (csv_write_all). Every fact a chart
 * needs beyond the CSV (CPUs available, series, best series and fit, break-even sizes) comes from
 * r. drawn(ctx, path) is called with each chart's path without extension (drawn may be NULL).
 * gnuplot's messages are kept from the terminal; when it fails, they are in log (may be NULL).
 * Returns 0, or a CHARTS_* code with err set. */
int charts_draw(const struct results *r, const char *dir, void (*drawn)(void *ctx, const char *path), void *ctx,
                char *err, size_t err_size, char *log, size_t log_size);

#endif
