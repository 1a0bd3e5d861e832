/* charts.h -- the chart driver: a run's charts (PNG and SVG, or text on the terminal) drawn with
 * gnuplot from the results record, for `ompscale plot` and `make bench`. */
#ifndef OMPSCALE_CHARTS_H
#define OMPSCALE_CHARTS_H

#include <stddef.h>

#include "results.h"

/* What charts_draw returns besides 0. */
enum { CHARTS_FAILED = -1,       /* a data file could not be written, or gnuplot failed */
       CHARTS_NO_GNUPLOT = -2,   /* gnuplot is not installed: nothing was drawn */
       CHARTS_NO_SCRIPTS = -3 }; /* the gnuplot scripts (share/ompscale/plots) were not found */

/* The files charts_draw writes for each chart, as bits. */
enum { CHARTS_PNG = 1 << 0, CHARTS_SVG = 1 << 1 };

/* Finds the directory of the gnuplot scripts: $OMPSCALE_PLOTS_DIR when set, else next to the
 * binary (/proc/self/exe): share/ompscale/plots in the build tree, ../share/ompscale/plots in an
 * install prefix. Returns 0 with the path in buf, or CHARTS_NO_SCRIPTS with err naming where it
 * looked. */
int charts_find_scripts(char *buf, size_t size, char *err, size_t err_size);

/* Draws r's charts into dir: speedup and efficiency (the best series of each schedule kind),
 * speedup-detail (every series), chunks (a schedule x chunk heat map) and pop-<kernel> (the POP
 * factors, for kernels that have them) when the run measured kernels, crossover (per size scan),
 * overhead (when measured) and sweep (when the sweep kernel ran), each as .png and/or .svg
 * (formats: CHARTS_* bits), after writing the CSV files they read (csv_write_all). Every fact a chart
 * needs beyond the CSV (CPUs available, series, best series and fit, break-even sizes) comes from
 * r. drawn(ctx, path) is called with each chart's path without extension (drawn may be NULL).
 * gnuplot's messages are kept from the terminal; when it fails, they are in log (may be NULL).
 * Returns 0, or a CHARTS_* code with err set. */
int charts_draw(const struct results *r, const char *dir, unsigned formats,
                void (*drawn)(void *ctx, const char *path), void *ctx, char *err, size_t err_size, char *log,
                size_t log_size);

/* Prints r's speed-up chart (the best series of each schedule kind) on stdout as text, with
 * gnuplot's dumb terminal: for a terminal without a display. Writes the CSV files into dir first,
 * as charts_draw does, and draws no other file. Returns 0, or a CHARTS_* code with err set (and
 * gnuplot's messages in log, which may be NULL). */
int charts_print_ascii(const struct results *r, const char *dir, char *err, size_t err_size, char *log,
                       size_t log_size);

/* gnuplot variables for one chart, as the -e text "name='value'; name=number; ". */
struct charts_vars {
    char *s;
    size_t len, cap;
    int failed;  /* out of memory: the text is incomplete, and charts_gnuplot refuses it */
};

void charts_vars_init(struct charts_vars *v);
/* Adds name='value' (quotes in value escaped for gnuplot). */
void charts_vars_string(struct charts_vars *v, const char *name, const char *value);
void charts_vars_number(struct charts_vars *v, const char *name, double value);
void charts_vars_free(struct charts_vars *v);
/* Runs one of the gnuplot scripts (script: "compare.gp") with v, its messages kept off the
 * terminal. Returns 0, or a CHARTS_* code with err set. */
int charts_gnuplot(const char *script, struct charts_vars *v, char *err, size_t err_size);

#endif
