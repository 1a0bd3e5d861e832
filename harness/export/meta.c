/* meta.c -- writes meta.json: the description part of the run's record (record.c), what was
 * measured, on what machine, built how; results.json holds it too, with the measurements. */
#include <stdio.h>

#include "meta.h"
#include "record.h"

int meta_write(const struct results *r, const char *dir, char *err, size_t err_size)
{
    char path[4096];
    snprintf(path, sizeof path, "%.4000s/meta.json", dir);
    return record_write_meta(r, path, err, err_size);
}
