/* machine_json.c -- the machine facts and state samples of sysinfo as json-c objects, and back.
 * Every key is always present, so that scripts comparing runs from different machines need
 * no guesses: what a machine cannot tell is null, not 0. Reading turns null back into the
 * empty value (0, "", -1 for cpufreq_boost) that sysinfo uses for "unknown". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonio.h"
#include "machine_json.h"

enum { MACHINE_CPUS_MAX = 1 << 20 };  /* a sanity bound for counts read back */

static void add_str_or_null(json_object *o, const char *key, const char *value)
{
    json_object_object_add(o, key, value[0] ? json_object_new_string(value) : NULL);
}

static void add_int_or_null(json_object *o, const char *key, long long value)
{
    json_object_object_add(o, key, value > 0 ? json_object_new_int64(value) : NULL);
}

static void add_num_or_null(json_object *o, const char *key, double value)
{
    json_object_object_add(o, key, value > 0 ? jsonio_number(value) : NULL);
}

json_object *machine_json(const struct sysinfo *si)
{
    json_object *m = json_object_new_object();
    jsonio_add_str(m, "host", si->host);
    jsonio_add_str(m, "os", si->os);
    jsonio_add_str(m, "os_release", si->os_release);
    add_str_or_null(m, "os_pretty", si->os_pretty);
    jsonio_add_str(m, "arch", si->arch);
    add_str_or_null(m, "board", si->board);
    jsonio_add_str(m, "cpu_model", si->cpu_model);
    json_object_object_add(m, "cpus_online", json_object_new_int(si->cpus_online));
    json_object_object_add(m, "cpus_available", json_object_new_int(si->cpus_available));
    jsonio_add_str(m, "affinity", si->affinity);
    json_object_object_add(m, "cores_physical", json_object_new_int(si->cores_physical));
    add_int_or_null(m, "cores_available", si->cores_available);
    add_int_or_null(m, "packages", si->packages);
    add_int_or_null(m, "numa_nodes", si->numa_nodes);
    jsonio_add_str(m, "topology_source", si->topology_source);
    add_int_or_null(m, "cache_l1d_bytes", si->cache_l1d_bytes);
    add_int_or_null(m, "cache_l2_bytes", si->cache_l2_bytes);
    add_int_or_null(m, "cache_l3_bytes", si->cache_l3_bytes);
    json_object_object_add(m, "mem_total_bytes", jsonio_number(si->mem_total_bytes));
    add_num_or_null(m, "cpufreq_min_mhz", si->cpufreq_min_mhz);
    add_num_or_null(m, "cpufreq_max_mhz", si->cpufreq_max_mhz);
    add_str_or_null(m, "cpufreq_governor", si->cpufreq_governor);
    add_str_or_null(m, "cpufreq_driver", si->cpufreq_driver);
    json_object_object_add(m, "cpufreq_boost",
                           si->cpufreq_boost < 0 ? NULL : json_object_new_boolean(si->cpufreq_boost));
    return m;
}

/* The names of the four Pi conditions set in bits (SYSINFO_THR_NOW positions). */
static json_object *flag_names(unsigned long bits)
{
    static const char *const names[] = {"under_voltage", "freq_capped", "throttled", "soft_temp_limit"};
    json_object *a = json_object_new_array();
    for (int b = 0; b < 4; b++)
        if ((bits >> b) & 1)
            json_object_array_add(a, json_object_new_string(names[b]));
    return a;
}

json_object *machine_sample_json(const struct sysinfo_sample *s)
{
    json_object *o = json_object_new_object(), *thr = NULL;
    json_object_object_add(o, "temp_c", s->have & SYSINFO_HAVE_TEMP ? jsonio_number(s->temp_c) : NULL);
    json_object_object_add(o, "cpu_mhz", s->have & SYSINFO_HAVE_MHZ ? jsonio_number(s->cpu_mhz) : NULL);
    if (s->have & SYSINFO_HAVE_THROTTLED) {
        char raw[32];
        snprintf(raw, sizeof raw, "0x%lx", s->throttled);
        thr = json_object_new_object();
        jsonio_add_str(thr, "raw", raw);
        json_object_object_add(thr, "now", flag_names(s->throttled & SYSINFO_THR_NOW));
        json_object_object_add(thr, "since_boot", flag_names(s->throttled >> SYSINFO_THR_BOOT_SHIFT));
    }
    json_object_object_add(o, "throttled", thr);
    json_object_object_add(o, "throttle_count",
                           s->have & SYSINFO_HAVE_THROTTLE_COUNT ? json_object_new_int64(s->throttle_count) : NULL);
    return o;
}

/* Reads an integer that may be null (then 0). */
static int int_or_null(json_object *o, const char *where, const char *key, long long max, long long *out, char *why,
                       size_t why_size)
{
    *out = 0;
    return jsonio_is_null(o, key) ? 0 : jsonio_int(o, where, key, 0, max, out, why, why_size);
}

/* Reads a number that may be null (then 0). */
static int num_or_null(json_object *o, const char *where, const char *key, double *out, char *why, size_t why_size)
{
    if (jsonio_double(o, where, key, 1, out, why, why_size) != 0)
        return -1;
    if (*out != *out)  /* NAN: null */
        *out = 0;
    return 0;
}

#define STR(key, nullable) jsonio_string(o, where, #key, nullable, si->key, sizeof si->key, why, why_size)

int machine_from_json(json_object *o, const char *where, struct sysinfo *si, char *why, size_t why_size)
{
    long long online, avail, phys, cores, packages, numa, l1, l2, l3;
    memset(si, 0, sizeof *si);
    if (STR(host, 0) || STR(os, 0) || STR(os_release, 0) || STR(os_pretty, 1) || STR(arch, 0) || STR(board, 1) ||
        STR(cpu_model, 0) || STR(affinity, 0) || STR(topology_source, 0) || STR(cpufreq_governor, 1) ||
        STR(cpufreq_driver, 1) ||
        jsonio_int(o, where, "cpus_online", 1, MACHINE_CPUS_MAX, &online, why, why_size) ||
        jsonio_int(o, where, "cpus_available", 1, MACHINE_CPUS_MAX, &avail, why, why_size) ||
        jsonio_int(o, where, "cores_physical", 0, MACHINE_CPUS_MAX, &phys, why, why_size) ||
        int_or_null(o, where, "cores_available", MACHINE_CPUS_MAX, &cores, why, why_size) ||
        int_or_null(o, where, "packages", MACHINE_CPUS_MAX, &packages, why, why_size) ||
        int_or_null(o, where, "numa_nodes", MACHINE_CPUS_MAX, &numa, why, why_size) ||
        int_or_null(o, where, "cache_l1d_bytes", 1LL << 50, &l1, why, why_size) ||
        int_or_null(o, where, "cache_l2_bytes", 1LL << 50, &l2, why, why_size) ||
        int_or_null(o, where, "cache_l3_bytes", 1LL << 50, &l3, why, why_size) ||
        jsonio_double(o, where, "mem_total_bytes", 0, &si->mem_total_bytes, why, why_size) ||
        num_or_null(o, where, "cpufreq_min_mhz", &si->cpufreq_min_mhz, why, why_size) ||
        num_or_null(o, where, "cpufreq_max_mhz", &si->cpufreq_max_mhz, why, why_size))
        return -1;
    si->cpus_online = (int)online;
    si->cpus_available = (int)avail;
    si->cores_physical = (int)phys;
    si->cores_available = (int)cores;
    si->packages = (int)packages;
    si->numa_nodes = (int)numa;
    si->cache_l1d_bytes = l1;
    si->cache_l2_bytes = l2;
    si->cache_l3_bytes = l3;
    si->cpufreq_boost = -1;
    if (jsonio_is_null(o, "cpufreq_boost"))
        return 0;
    return jsonio_bool(o, where, "cpufreq_boost", &si->cpufreq_boost, why, why_size);
}

int machine_sample_from_json(json_object *o, const char *where, struct sysinfo_sample *s, char *why,
                             size_t why_size)
{
    json_object *thr;
    memset(s, 0, sizeof *s);
    if (jsonio_object(o, where, NULL, 0, &o, why, why_size) != 0 ||
        jsonio_double(o, where, "temp_c", 1, &s->temp_c, why, why_size) != 0 ||
        jsonio_double(o, where, "cpu_mhz", 1, &s->cpu_mhz, why, why_size) != 0 ||
        jsonio_object(o, where, "throttled", 1, &thr, why, why_size) != 0)
        return -1;
    if (s->temp_c == s->temp_c)
        s->have |= SYSINFO_HAVE_TEMP;
    else
        s->temp_c = 0;
    if (s->cpu_mhz == s->cpu_mhz)
        s->have |= SYSINFO_HAVE_MHZ;
    else
        s->cpu_mhz = 0;
    if (thr != NULL) {
        char raw[32], sub[256], *end;
        snprintf(sub, sizeof sub, "%s%sthrottled", where, where[0] ? "." : "");
        if (jsonio_string(thr, sub, "raw", 0, raw, sizeof raw, why, why_size) != 0)
            return -1;
        s->throttled = strtoul(raw, &end, 16);
        if (strncmp(raw, "0x", 2) != 0 || end <= raw + 2 || *end != '\0') {
            snprintf(why, why_size, "%s.raw: want a hexadecimal number such as 0x50005", sub);
            return -1;
        }
        s->have |= SYSINFO_HAVE_THROTTLED;
    }
    if (!jsonio_is_null(o, "throttle_count")) {
        if (jsonio_int(o, where, "throttle_count", 0, 1LL << 62, &s->throttle_count, why, why_size) != 0)
            return -1;
        s->have |= SYSINFO_HAVE_THROTTLE_COUNT;
    }
    return 0;
}
