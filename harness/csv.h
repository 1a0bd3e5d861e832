/* csv.h -- writes raw.csv, speedup.csv and efficiency.csv from the results. */
#ifndef OMPSCALE_CSV_H
#define OMPSCALE_CSV_H

#include <stddef.h>

#include "results.h"

/* Writes the three CSV files into dir. Returns 0, or -1 with err set. */
int csv_write_all(const struct results *r, const char *dir, char *err, size_t err_size);

#endif
