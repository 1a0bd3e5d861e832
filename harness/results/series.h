/* series.h -- a kernel's series (one schedule,chunk over the thread counts) and the best of
 * them: the one definition the summary, the charts and compare use. */
#ifndef OMPSCALE_SERIES_H
#define OMPSCALE_SERIES_H

#include "results.h"

/* Index of the kernel called name in r's plan, or -1. */
int series_kernel_index(const struct results *r, const char *name);
/* The kernel's best series: the fit marked best (highest speed-up at the largest thread count
 * that is not oversubscribed), or NULL when there is none (weak scaling, one thread count). */
const struct results_fit *series_best(const struct results *r, int kernel);
/* The kernel's best series of one schedule kind (SCHED_COUNT: of any kind), by the rule that marks
 * the best fit: the main-run configuration with the highest speed-up at the kernel's most cores
 * (ranks x threads; threads on one rank) not oversubscribed, its runs all verified. Returns that configuration (its
 * schedule and chunk_label name the series), or NULL when the kind has none there. */
const struct measurement *series_best_of_kind(const struct results *r, int kernel, enum sched_kind kind);
/* The verified configuration of the kernel's main run with the highest speed-up among thread
 * counts that are not oversubscribed, with its figures in d; NULL when there is none. These three
 * look at one process: a hybrid MPI run's configurations on one rank. */
const struct measurement *series_best_config(const struct results *r, int kernel, struct derived *d);
/* The main-run configuration of fit's series at threads (on one rank), or NULL. */
const struct measurement *series_point(const struct results *r, const struct results_fit *fit, int threads);
/* The verified configuration of fit's series with the most threads that are not oversubscribed,
 * or NULL. */
const struct measurement *series_top(const struct results *r, const struct results_fit *fit);
/* The thread counts above 1 that fit's series has in its Amdahl fit (verified, not
 * oversubscribed): with fewer than two, the one speed-up fixes f exactly and nothing tests the
 * law, so R^2 and the ceiling mean nothing. */
int series_fit_points_above_one(const struct results *r, const struct results_fit *fit);
/* A kernel NAME_simd beside a kernel NAME: the SIMD kernel's serial throughput over the scalar
 * kernel's (its gain before any thread), with the scalar kernel's index in *base; NAN when kernel
 * is no such pair or a serial baseline is missing. */
double series_simd_gain(const struct results *r, int kernel, int *base);
/* "schedule,chunk" as people read it: just the schedule for the runtime's default chunk. */
void series_name(enum sched_kind schedule, const char *chunk_label, char *buf, size_t size);

#endif
