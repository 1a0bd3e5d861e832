/* machine_json.h -- the machine facts and state samples of sysinfo as json-c objects, for
 * meta.json. */
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

#endif
