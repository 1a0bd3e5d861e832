/* plan_build.h -- the plan from the command line's options, checked before anything runs. */
#ifndef OMPSCALE_PLAN_BUILD_H
#define OMPSCALE_PLAN_BUILD_H

#include <stddef.h>

#include "options.h"
#include "plan.h"
#include "warnings.h"

/* Builds the plan from options. Returns 0, or -1 with "what: why" in err (a usage error).
 * Notes for the user (skipped chunks, oversubscription) go to w. */
int plan_build(const struct options *o, int cpus_available, struct plan *p, struct warnings *w, char *err,
               size_t err_size);
/* Selects the kernels --kernel names into p->kernels, in the order given, each once (every kernel
 * without --kernel). Returns 0, or -1 with err naming an unknown kernel and the valid ones. */
int plan_build_kernels(const struct options *o, struct plan *p, char *err, size_t err_size);

/* The ranks of a plan that plan_build made: for a hybrid MPI run (h with n_ranks > 0) the rank
 * counts (--ranks, or 1, 2, 4, ... and the job's ranks) and p->hosts = h; for one process (h NULL
 * or without ranks) none, and --ranks above 1 is refused. Returns 0, or -1 with "what: why" in err
 * (a usage error). Notes for the user go to w. */
int plan_build_ranks(const struct options *o, const struct hosts *h, struct plan *p, struct warnings *w, char *err,
                     size_t err_size);
#endif
