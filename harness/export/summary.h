/* summary.h -- the run's summary for people, printed at the end of a run. */
#ifndef OMPSCALE_SUMMARY_H
#define OMPSCALE_SUMMARY_H

#include <stddef.h>

#include "results.h"

/* Prints each kernel's figures and what explains them to stdout. */
void summary_print(const struct results *r);

/* Prints the overhead table alone (ompscale overhead). */
void summary_print_overhead_table(const struct results *r);

/* Formats a rate with an SI prefix: "454 M iterations/s", "266 plots/s". */
void summary_format_rate(double per_s, const char *unit, char *buf, size_t size);
/* Formats a serial fraction with its interval so that nothing impossible reads as a number:
 * "0.0812 [95% CI 0.0189, 0.1440]", "0 within noise [95% CI 0, 0.0500]", or "none: ..." when the
 * speed-up is above linear beyond noise (results_fraction_kind). */
void summary_format_fraction(double value, double low, double high, char *buf, size_t size);

#endif
