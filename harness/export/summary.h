/* summary.h -- the run's summary for people, printed at the end of a run. */
#ifndef OMPSCALE_SUMMARY_H
#define OMPSCALE_SUMMARY_H

#include "results.h"

/* Prints each kernel's figures and what explains them to stdout. */
void summary_print(const struct results *r);

/* Prints the overhead table alone (ompscale overhead). */
void summary_print_overhead_table(const struct results *r);

#endif
