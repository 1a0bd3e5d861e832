/* compare_model.h -- what compare works out from the runs, shared by its two halves:
 * compare.c (reading, checking, computing) and compare_report.c (tables and files). */
#ifndef OMPSCALE_COMPARE_MODEL_H
#define OMPSCALE_COMPARE_MODEL_H

#include <stdio.h>

#include "compare.h"
#include "results.h"
#include "series.h"

enum { COMPARE_KERNELS_MAX = 64, COMPARE_LABEL_LEN = 256, COMPARE_MISMATCH_MAX = 32, COMPARE_MSG_LEN = 512 };

/* One run directory, read whole. */
struct compare_run {
    const char *dir;
    struct plan plan;
    struct results results;
    char label[COMPARE_LABEL_LEN];   /* "host (cpu; N CPUs)", unique among the runs */
    int matches;                     /* class and kernel parameters equal the first run's */
};

/* What is reported for one kernel on one machine; pointers into the run's results. */
struct compare_entry {
    double serial_s, serial_ratio;   /* ratio: serial_s / the first run's; NAN if unknown */
    const struct measurement *best;  /* highest speed-up within the CPUs, verified; NULL: none */
    struct derived best_d;
    const struct results_fit *fit;   /* the best series (its Amdahl fit); NULL: none */
    const struct measurement *top;   /* best series at its largest thread count within the CPUs */
    const struct measurement *full;  /* best series at threads == CPUs available; NULL: not run */
    struct derived full_d;
};

struct comparison {
    struct compare_run *runs[COMPARE_RUNS_MAX];
    int n_runs;
    char kernels[COMPARE_KERNELS_MAX][64];  /* in every run, in the first run's order */
    int n_kernels;
    char skipped[COMPARE_LABEL_LEN];         /* kernels not in every run, space-separated */
    char mismatch[COMPARE_MISMATCH_MAX][COMPARE_MSG_LEN];  /* how runs differ from the first */
    int n_mismatch;
    struct compare_entry *entries;           /* n_kernels x n_runs */
};

static inline const struct compare_entry *compare_entry_at(const struct comparison *c, int k, int i)
{
    return &c->entries[k * c->n_runs + i];
}

/* Prints the comparison as aligned tables, one per kernel. */
void compare_print(const struct comparison *c, FILE *out);
/* Writes compare.csv, compare-series.csv and compare.md into dir; draws compare.png/.svg when it
 * can (else a warning in why); then compare.html, with the chart inlined when it was drawn.
 * Returns 0, or -1 with err set. */
int compare_write(const struct comparison *c, const char *dir, char *why, size_t why_size, char *err,
                  size_t err_size);

#endif
