/* compare.h -- `ompscale compare DIR DIR [DIR...]`: the same kernels measured on several
 * machines, read back from their run directories, side by side. */
#ifndef OMPSCALE_COMPARE_H
#define OMPSCALE_COMPARE_H

#include <stddef.h>

/* Runs the compare command; argv[0] is "compare", then run directories and the options
 * --out DIR and --allow-mismatch. Reads each directory's meta.json, speedup.csv,
 * efficiency.csv and amdahl.csv (the last two when present), prints a table per kernel, and
 * writes compare.csv, compare-series.csv, compare.md and, with gnuplot, compare.png/.svg into a
 * new directory (default results/compare-<YYYYmmdd-HHMMSS>/), staged and renamed into place.
 * Returns 0; 2 on a usage error (bad option, missing or foreign directory, runs of different
 * classes or kernel parameters without --allow-mismatch) and 1 on a runtime failure, both with
 * a one-line message in err. A missing gnuplot is a warning on stderr, not a failure. */
int compare_main(int argc, char **argv, char *err, size_t err_size);

#endif
