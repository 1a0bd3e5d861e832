/* overhead_row.h -- one measured OpenMP cost (overhead.csv row), as the results record keeps it. */
#ifndef OMPSCALE_OVERHEAD_ROW_H
#define OMPSCALE_OVERHEAD_ROW_H

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

#endif
