/* estimate.h -- how long a plan will take, for --dry-run: a quick serial calibration of each
 * kernel and a model of the runner's loop over the plan. */
#ifndef OMPSCALE_ESTIMATE_H
#define OMPSCALE_ESTIMATE_H

#include <stddef.h>

#include "plan.h"

struct estimate_kernel {
    double setup_s;                  /* one setup at the plan's values (scaled up when timed smaller) */
    double serial_s;                 /* one serial run at the plan's values (likewise) */
    double timed_value;              /* the weak parameter's value timed; the plan's own when timed in full */
    double main_s, main_max_s;       /* the main run: --reps samples; adaptive samples at their cap */
    double scan_s, scan_max_s;       /* the size scan, likewise */
};

struct estimate {
    struct estimate_kernel k[PLAN_KERNELS_MAX];
    double overhead_s;               /* the overhead table */
    double total_s, total_max_s;     /* everything: with --reps samples; adaptive samples at their cap */
    double calibration_s;            /* what estimate_calibrate took */
};

/* Times one setup and one serial run of each kernel of p at its values, or, when a run would take
 * long, at a smaller value of the kernel's weak parameter (work is proportional to it), scaled up
 * to the plan's. dir is a scratch directory for kernels that write files. Returns 0, or -1 with
 * err when a kernel cannot be set up. */
int estimate_calibrate(const struct plan *p, const char *dir, struct estimate *e, char *err, size_t err_size);
/* Fills the modelled times of e from its setup_s and serial_s: every measurement is its warm-up
 * runs plus its timed samples (each at least RUNNER_MIN_SAMPLE_S), a parallel run lasts the serial
 * run / min(threads, CPUs available) (ideal speed-up), size scans scale with the size. */
void estimate_model(const struct plan *p, struct estimate *e);

#endif
