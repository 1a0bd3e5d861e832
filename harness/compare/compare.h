/* compare.h -- `ompscale compare DIR DIR [DIR...]`: the same kernels measured on several
 * machines (or builds), read back from their run directories' results.json, side by side. */
#ifndef OMPSCALE_COMPARE_H
#define OMPSCALE_COMPARE_H

#include <stddef.h>

enum { COMPARE_RUNS_MAX = 64 };

struct compare_args {
    const char *dirs[COMPARE_RUNS_MAX];  /* run directories (or results.json files), in order */
    int n_dirs;
    const char *out;                     /* --out; NULL: results/compare-<YYYYmmdd-HHMMSS>/ */
    int allow_mismatch;                  /* --allow-mismatch: runs of other classes or parameters */
};

/* Reads every run, prints a table per kernel, and writes compare.csv, compare-series.csv,
 * compare.md, compare.html and, with gnuplot, compare.png/.svg into a new directory, staged and renamed into
 * place. Returns 0; 2 on a usage error (a directory without a readable results.json, runs of
 * different classes or kernel parameters without allow_mismatch) and 1 on a runtime failure,
 * both with a one-line message in err. A chart not drawn is a warning on stderr. */
int compare_run(const struct compare_args *a, char *err, size_t err_size);

#endif
