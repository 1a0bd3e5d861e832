/* overhead.h -- EPCC-style micro-benchmark of OpenMP's own costs: a parallel region (fork/join),
 * a barrier, and the per-iteration cost of schedule(static|dynamic|guided, chunk). */
#ifndef OMPSCALE_OVERHEAD_H
#define OMPSCALE_OVERHEAD_H

#include <stddef.h>

enum {
    OVERHEAD_EINVAL = -1,  /* a config value out of range */
    OVERHEAD_ENOMEM = -2,  /* out of memory */
    OVERHEAD_ETEAM = -3,   /* the runtime gave a team smaller than asked for */
    OVERHEAD_EDELAY = -4,  /* the delay loop takes no time: the compiler removed it */
};

struct overhead_config {
    const int *threads;    /* team sizes to measure, each >= 1 */
    int n_threads;
    int outer;             /* timed outer repetitions per test (>= 1); statistics are over these */
    double target_s;       /* inner repetitions double until one outer repetition lasts this long */
    int delay_ns;          /* busy work per region, barrier interval or loop iteration (>= 0) */
    int iters_per_thread;  /* loop iterations per thread in the schedule tests (EPCC: 1024) */
    int max_chunk;         /* schedule tests use chunks 1, 2, 4, ... up to max_chunk */
};

struct overhead_row {
    char construct[16];    /* "parallel", "barrier" or "schedule" */
    char schedule[16];     /* "static", "dynamic", "guided"; "" unless construct is "schedule" */
    int chunk;             /* chunk in iterations; 0 unless construct is "schedule" */
    int threads;           /* team size */
    int oversubscribed;    /* 1 when threads > omp_get_num_procs() */
    long inner_reps;       /* constructs (or loops) timed back to back in one outer repetition */
    int outer_reps;
    double median_s, min_s, sd_s;  /* overhead per construct, or per iteration per thread */
    double reference_s;    /* median time of one delay in this row's reference runs: the work subtracted */
    double ci_low_s, ci_high_s;  /* distribution-free interval for median_s (stats_summarize) */
    double ci_level;       /* its actual coverage: >= 0.95 when outer_reps >= 6 */
    int within_noise;      /* 1 when the interval includes 0: no cost told apart from the noise */
};

/* Fills c with the defaults: outer 20, target 1 ms, delay 100 ns, 1024 iterations per thread,
 * chunks up to 1024; threads is left NULL for the caller. */
void overhead_config_defaults(struct overhead_config *c);
/* Rows overhead_run gives for c: per thread count, parallel, barrier, then each schedule x chunk. */
int overhead_n_rows(const struct overhead_config *c);
/* Measures every construct at every thread count in c->threads, in that order; progress (may be
 * NULL) is called with each row once it is complete. Leaves the team size and schedule changed.
 * Returns 0 and a malloc'd array in *rows (the caller frees it) with *n_rows entries, or an
 * OVERHEAD_E* status with *rows untouched. */
int overhead_run(const struct overhead_config *c, struct overhead_row **rows, int *n_rows,
                 void (*progress)(void *ctx, const struct overhead_row *row), void *ctx);
/* One line naming what an OVERHEAD_E* status means. */
const char *overhead_strerror(int status);
/* Writes rows as CSV to path. Returns 0, or -1 with err set. */
int overhead_write_csv(const struct overhead_row *rows, int n, const char *path, char *err, size_t err_size);

#endif
