/* dry_run.h -- --dry-run: what a plan would measure and about how long it would take. */
#ifndef OMPSCALE_DRY_RUN_H
#define OMPSCALE_DRY_RUN_H

#include <stddef.h>
#include <stdio.h>

#include "binding.h"
#include "plan.h"
#include "sysinfo.h"

/* Prints every configuration p would measure, per kernel (serial baseline, schedule x chunk x
 * threads, scan sizes), the overhead table, the binding, and an estimate of the time, calibrated
 * by one quick serial run of each kernel in a scratch directory that is removed. Writes nothing
 * else. Returns 0, or -1 with err (a kernel could not be set up, no scratch directory). */
int dry_run_print(FILE *out, const struct plan *p, const struct sysinfo *si, const struct binding_state *bs,
                  char *err, size_t err_size);

#endif
