/* csv.h -- writes the run's CSV files from the results. */
#ifndef OMPSCALE_CSV_H
#define OMPSCALE_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "results.h"

/* Writes raw.csv, speedup.csv, efficiency.csv and, when there is something to put in them,
 * metrics.csv, crossover.csv and each kernel data table as <name>.csv into dir.
 * Returns 0, or -1 with err set. */
int csv_write_all(const struct results *r, const char *dir, char *err, size_t err_size);

/* Writes v with printf format fmt as one CSV field; nothing (an empty field) when v is not finite. */
void csv_put_number(FILE *f, const char *fmt, double v);
/* Writes s as one CSV field, quoted (RFC 4180) when it holds a comma, a quote or a line break. */
void csv_put_text(FILE *f, const char *s);

#endif
