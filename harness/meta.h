/* meta.h -- writes meta.json: what was measured, on what, with which compiler and settings. */
#ifndef OMPSCALE_META_H
#define OMPSCALE_META_H

#include <stddef.h>
#include <time.h>

#include "options.h"
#include "results.h"
#include "sysinfo.h"

/* Writes dir/meta.json. Returns 0, or -1 with err set. */
int meta_write(const struct results *r, const struct options *o, const struct sysinfo *si, time_t started,
               const char *dir, char *err, size_t err_size);

#endif
