/* runner.h -- runs a plan: for each kernel, the serial baseline, then every schedule x chunk
 * x thread count, timing each run and verifying its output against the serial one. */
#ifndef OMPSCALE_RUNNER_H
#define OMPSCALE_RUNNER_H

#include <stddef.h>

#include "plan.h"
#include "results.h"

#define RUNNER_MIN_SAMPLE_S 2e-3      /* a timed sample repeats a short run until it lasts this long */
#define RUNNER_ADAPTIVE_BUDGET_S 2.0  /* time an adaptive configuration may add beyond --reps */

/* Progress reports; any pointer may be NULL. index counts measurements from 0 to total - 1. */
struct runner_hooks {
    void (*before)(void *ctx, const struct results *r, const struct measurement *m, int index, int total);
    void (*after)(void *ctx, const struct results *r, const struct measurement *m, int index, int total);
    void (*verify_failed)(void *ctx, const struct results *r, const struct measurement *m, const char *why);
    void *ctx;
};

/* Runs the plan into r; kernels save their artefacts into dir. A failed verification is
 * recorded in r (n_verify_failed), not an error. Returns 0, or -1 with err set when a
 * kernel cannot be set up (out of memory). */
int runner_run(const struct plan *p, const char *dir, struct results *r, const struct runner_hooks *hooks,
               char *err, size_t err_size);

/* Measures OpenMP's own costs (overhead.csv) at the plan's first overhead_n_threads thread
 * counts into r->overhead; progress (may be NULL) is called per row. Returns 0, or -1 with err. */
int runner_overhead(const struct plan *p, struct results *r, void (*progress)(void *ctx), void *ctx, char *err,
                    size_t err_size);

#endif
