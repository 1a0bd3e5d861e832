/* summary.h -- the run's summary for people (the console and summary.txt, one text) and for
 * programs (--format json), both from the results alone. */
#ifndef OMPSCALE_SUMMARY_H
#define OMPSCALE_SUMMARY_H

#include <json-c/json.h>
#include <stddef.h>

#include "results.h"

#define SUMMARY_FILE "summary.txt"

/* The summary as text, lines within TEXT_WIDTH columns: for a run, each kernel's figures and what
 * explains them; for `ompscale overhead` (no kernels), the overhead table. When with_warnings,
 * the run's warnings follow under "Warnings:". Returns a malloc'd string, or NULL when out of
 * memory. */
char *summary_text(const struct results *r, int with_warnings);

/* Writes dir/summary.txt: summary_text with the warnings. Returns 0, or -1 with err set. */
int summary_save(const struct results *r, const char *dir, char *err, size_t err_size);

/* Formats a rate with an SI prefix: "454 M iterations/s", "266 plots/s". */
void summary_format_rate(double per_s, const char *unit, char *buf, size_t size);
/* Formats a serial fraction with its interval so that nothing impossible reads as a number:
 * "0.0812 [95% CI 0.0189, 0.1440]", "0 within noise [95% CI 0, 0.0500]", or "none: ..." when the
 * speed-up is above linear beyond noise (results_fraction_kind). */
void summary_format_fraction(double value, double low, double high, char *buf, size_t size);

/* The summary's figures as a new JSON object ("format": "ompscale-summary"), numbers as jsonio
 * writes them, null where a figure does not exist. The caller owns it; NULL when out of memory. */
json_object *summary_json(const struct results *r);
/* One sentence on kernel k's losses by the POP factors at the largest thread count that is not
 * oversubscribed: its weakest configuration, what it loses most with the figures behind it, and
 * the best one's figure. Returns 0, or -1 (buf empty) when the kernel has no factors. */
int summary_pop_sentence(const struct results *r, int k, char *buf, size_t size);

#endif
