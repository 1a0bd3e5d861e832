/* machine_json.h -- the machine facts and state samples of sysinfo as json-c objects, for
 * results.json and meta.json, and read back from them. */
#ifndef OMPSCALE_MACHINE_JSON_H
#define OMPSCALE_MACHINE_JSON_H

#include <json-c/json.h>

#include "sysinfo.h"

/* A new object with one key per field of si; a value that is unknown (0 or "" where a real
 * value cannot be 0 or "") is null. The caller owns it. */
json_object *machine_json(const struct sysinfo *si);
/* A new object {temp_c, cpu_mhz, throttled, throttle_count}; what s lacks is null. throttled is
 * {raw: "0x50005", now: [...], since_boot: [...]} with the names under_voltage, freq_capped,
 * throttled and soft_temp_limit. The caller owns it. */
json_object *machine_sample_json(const struct sysinfo_sample *s);

/* Fills si from an object machine_json wrote (si->omp_env stays empty: it is not part of it);
 * where names o in messages. Returns 0, or -1 with "WHERE.KEY: why" in why. */
int machine_from_json(json_object *o, const char *where, struct sysinfo *si, char *why, size_t why_size);
/* Fills s from an object machine_sample_json wrote. Returns 0, or -1 with why set. */
int machine_sample_from_json(json_object *o, const char *where, struct sysinfo_sample *s, char *why,
                             size_t why_size);

#endif
