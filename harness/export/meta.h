/* meta.h -- writes meta.json: what was measured, on what, with which compiler and settings. */
#ifndef OMPSCALE_META_H
#define OMPSCALE_META_H

#include <stddef.h>
#include <time.h>

#include "results.h"

/* Writes dir/meta.json. Returns 0, or -1 with err set. */
int meta_write(const struct results *r, const char *dir, char *err, size_t err_size);

#endif
