/* runner.h -- executes a plan's measurement jobs (plan_jobs_build): per instance, the serial
 * baseline and every configuration on one kernel state, sampled in interleaved rounds or one
 * after the other, each run timed on a clock the caller may supply and verified against serial. */
#ifndef OMPSCALE_RUNNER_H
#define OMPSCALE_RUNNER_H

#include <stddef.h>

#include "clock.h"
#include "plan.h"
#include "results.h"

#define RUNNER_MIN_SAMPLE_S 2e-3      /* a timed sample repeats a short run until it lasts this long */
#define RUNNER_ADAPTIVE_BUDGET_S 2.0  /* time an adaptive configuration may add beyond --reps */
#define RUNNER_INSTANCE_BUDGET_S 8.0  /* ... and all of a kernel instance's configurations together,
                                         so that a noisy machine cannot stretch a run without bound */


/* Where a run stands, for a progress line. */
struct runner_progress {
    int instance, n_instances;       /* the instance being measured (plan_jobs) */
    int done, total;                 /* configurations finished, of all the plan's */
    int round;                       /* rounds of this instance so far (sequential: samples of the
                                        configuration just finished) */
    int running;                     /* configurations of this instance still sampling */
    double elapsed_s;                /* since runner_run started, on its clock */
    double left_s;                   /* estimate of the time left; NAN until one is done */
};

/* Progress reports; any pointer may be NULL. */
struct runner_hooks {
    /* An instance is about to be sampled: its jobs are r->m[first .. first + n - 1]. */
    void (*instance)(void *ctx, const struct results *r, int first, int n, const struct runner_progress *pr);
    /* Configuration m has its last sample (its serial baseline may still take more). */
    void (*done)(void *ctx, const struct results *r, const struct measurement *m, const struct runner_progress *pr);
    void (*verify_failed)(void *ctx, const struct results *r, const struct measurement *m, const char *why);
    /* An instance is measured whole (r->instances_done counts it): a moment to keep the work. */
    void (*checkpoint)(void *ctx, const struct results *r);
    /* Asked after every sample: nonzero stops the run there (a signal arrived). */
    int (*should_stop)(void *ctx);
    void *ctx;
};

enum { RUNNER_INTERRUPTED = 1 };

/* Runs the plan into r, from instance r->instances_done on (0, or where an interrupted run
 * stopped); kernels save their artefacts into dir. clock times every run (NULL: the monotonic
 * clock). A failed verification is recorded in r (n_verify_failed), not an error. Returns 0;
 * RUNNER_INTERRUPTED when hooks->should_stop asked to stop: the instance being measured is
 * dropped from r, every earlier one is whole, r->interrupted is set; or -1 with a one-line err
 * when a kernel cannot be set up, a kernel run fails on its own (a file it writes: err names the
 * path and errno) or memory runs out; the run stops there. */
int runner_run(const struct plan *p, const char *dir, const struct clock_source *clock, struct results *r,
               const struct runner_hooks *hooks, char *err, size_t err_size);

/* Measures OpenMP's own costs (overhead.csv) at the plan's first overhead_n_threads thread
 * counts into r->overhead; progress (may be NULL) is called per row. Returns 0, or -1 with err. */
int runner_overhead(const struct plan *p, struct results *r, void (*progress)(void *ctx), void *ctx, char *err,
                    size_t err_size);

#endif
