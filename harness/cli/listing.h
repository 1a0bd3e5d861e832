/* listing.h -- `ompscale list` (the kernels and their parameters) and `ompscale info` (this
 * machine and build), as text for people or as JSON (--format json). */
#ifndef OMPSCALE_LISTING_H
#define OMPSCALE_LISTING_H

#include <stdio.h>

#include "plan.h"

/* Writes the kernels of p (p->kernels, as plan_build_kernels selected them) with every
 * parameter's value in each class, class marked, to out. Returns 0, or -1 when out of memory. */
int listing_kernels(FILE *out, const struct plan *p, enum kernel_class marked, int json);

/* Writes this machine's facts, its state now and how this binary was built to out. Returns 0, or
 * -1 when out of memory. */
int listing_info(FILE *out, int json);

#endif
