/* fuzz_record.c -- libFuzzer target: the results.json reader (record_load), which compare, plot
 * and --resume use on files that may be damaged, truncated or not ompscale's at all. Any input
 * must load or give a one-line error naming the file; never a crash or a sanitizer report. */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    static struct plan p;
    static struct results r;
    char err[1024];
    if (path[0] == '\0')
        snprintf(path, sizeof path, "/tmp/ompscale-fuzz-record-%ld.json", (long)getpid());
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    err[0] = '\0';
    int rc = record_load(path, &p, &r, err, sizeof err);
    if (rc != 0)
        assert(err[0] != '\0' && strchr(err, '\n') == NULL);
    results_free(&r);
    return 0;
}
