/* results.h -- the one results struct: every timed sample of every configuration, and the
 * figures derived from them. The writers (CSV, JSON) and the summary read only this. */
#ifndef OMPSCALE_RESULTS_H
#define OMPSCALE_RESULTS_H

#include "plan.h"
#include "schedule.h"
#include "stats.h"
#include "warnings.h"

struct measurement {
    int kernel;                      /* index into plan->kernels */
    enum sched_kind schedule;        /* SCHED_SERIAL for the serial baseline */
    long chunk;                      /* iterations; 0: the runtime's default */
    char chunk_label[CHUNK_LABEL_MAX];
    int threads;                     /* 1 for the serial baseline */
    int oversubscribed;              /* threads > CPUs available */
    double *elapsed_s;               /* one per timed run */
    int *verified;                   /* one per timed run: 1 if the output matched serial */
    int n;
    double work;                     /* per run, in the kernel's work unit */
    struct stats_summary summary;    /* of elapsed_s */
};

/* Figures relative to the baselines; NAN where a baseline was not measured. */
struct derived {
    double speedup;                  /* T_serial / T_p, medians */
    double speedup_1thread;          /* T_1thread / T_p, same schedule and chunk */
    double efficiency;               /* speedup / p */
    double efficiency_1thread;       /* speedup_1thread / p */
    double throughput;               /* work / median time, per second */
    int verified;                    /* every timed run verified */
};

struct results {
    const struct plan *plan;
    struct measurement *m;
    int n, cap;
    double clock_granularity_s;
    int n_verify_failed;             /* timed runs whose output differed from serial */
    double wall_s;                   /* the whole run, setup and saving included */
    struct warnings warnings;
};

void results_init(struct results *r, const struct plan *p);
/* Appends a measurement with room for n samples. Returns it, or NULL when out of memory. */
struct measurement *results_add(struct results *r, int kernel, enum sched_kind schedule,
                                const struct plan_chunk *chunk, int threads, int n);
/* Fills m->summary from its samples. Returns 0, or -1 when out of memory. */
int results_summarize(struct measurement *m);
const struct measurement *results_serial(const struct results *r, int kernel);
void results_derive(const struct results *r, const struct measurement *m, struct derived *d);
void results_free(struct results *r);

#endif
