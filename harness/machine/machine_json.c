/* machine_json.c -- the machine facts and state samples of sysinfo as json-c objects.
 * Every key is always present, so that scripts comparing runs from different machines need
 * no guesses: what a machine cannot tell is null, not 0. */
#include <stdio.h>

#include "machine_json.h"

static void add_str(json_object *o, const char *key, const char *value)
{
    json_object_object_add(o, key, json_object_new_string(value));
}

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
    json_object_object_add(o, key, value > 0 ? json_object_new_double(value) : NULL);
}

json_object *machine_json(const struct sysinfo *si)
{
    json_object *m = json_object_new_object();
    add_str(m, "host", si->host);
    add_str(m, "os", si->os);
    add_str(m, "os_release", si->os_release);
    add_str_or_null(m, "os_pretty", si->os_pretty);
    add_str(m, "arch", si->arch);
    add_str_or_null(m, "board", si->board);
    add_str(m, "cpu_model", si->cpu_model);
    json_object_object_add(m, "cpus_online", json_object_new_int(si->cpus_online));
    json_object_object_add(m, "cpus_available", json_object_new_int(si->cpus_available));
    add_str(m, "affinity", si->affinity);
    json_object_object_add(m, "cores_physical", json_object_new_int(si->cores_physical));
    add_int_or_null(m, "cores_available", si->cores_available);
    add_int_or_null(m, "packages", si->packages);
    add_int_or_null(m, "numa_nodes", si->numa_nodes);
    add_str(m, "topology_source", si->topology_source);
    add_int_or_null(m, "cache_l1d_bytes", si->cache_l1d_bytes);
    add_int_or_null(m, "cache_l2_bytes", si->cache_l2_bytes);
    add_int_or_null(m, "cache_l3_bytes", si->cache_l3_bytes);
    json_object_object_add(m, "mem_total_bytes", json_object_new_double(si->mem_total_bytes));
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
    json_object_object_add(o, "temp_c", s->have & SYSINFO_HAVE_TEMP ? json_object_new_double(s->temp_c) : NULL);
    json_object_object_add(o, "cpu_mhz", s->have & SYSINFO_HAVE_MHZ ? json_object_new_double(s->cpu_mhz) : NULL);
    if (s->have & SYSINFO_HAVE_THROTTLED) {
        char raw[32];
        snprintf(raw, sizeof raw, "0x%lx", s->throttled);
        thr = json_object_new_object();
        add_str(thr, "raw", raw);
        json_object_object_add(thr, "now", flag_names(s->throttled & SYSINFO_THR_NOW));
        json_object_object_add(thr, "since_boot", flag_names(s->throttled >> SYSINFO_THR_BOOT_SHIFT));
    }
    json_object_object_add(o, "throttled", thr);
    json_object_object_add(o, "throttle_count",
                           s->have & SYSINFO_HAVE_THROTTLE_COUNT ? json_object_new_int64(s->throttle_count) : NULL);
    return o;
}
