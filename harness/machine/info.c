/* info.c -- `ompscale info`: the machine facts in one screen, for people. The same facts go to
 * meta.json through machine_json.c; this is their readable form, one line per subject. */
#include <stdarg.h>
#include <string.h>

#include "info.h"

/* Prints "label       value\n". */
static void row(FILE *f, const char *label, const char *fmt, ...)
{
    va_list ap;
    fprintf(f, "%-12s ", label);
    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
    fputc('\n', f);
}

/* Writes a size in binary units: "48 KiB", "2 MiB", "3.8 GiB". */
static void format_bytes(double bytes, char *buf, size_t size)
{
    static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    int u = 0;
    while (bytes >= 1024 && u < 4) {
        bytes /= 1024;
        u++;
    }
    if (bytes == (double)(long long)bytes)
        snprintf(buf, size, "%lld %s", (long long)bytes, units[u]);
    else
        snprintf(buf, size, "%.1f %s", bytes, units[u]);
}

/* "1 package" or "2 packages"; "? packages" when n is 0 (unknown). */
static void count_noun(char *buf, size_t size, int n, const char *noun)
{
    if (n <= 0)
        snprintf(buf, size, "? %ss", noun);
    else
        snprintf(buf, size, "%d %s%s", n, noun, n == 1 ? "" : "s");
}

static void print_caches(FILE *f, const struct sysinfo *si)
{
    const long long sizes[] = {si->cache_l1d_bytes, si->cache_l2_bytes, si->cache_l3_bytes};
    const char *const names[] = {"L1d", "L2", "L3"};
    char line[128] = "", b[32];
    size_t len = 0;
    for (int i = 0; i < 3; i++) {
        if (sizes[i] <= 0)
            continue;
        format_bytes((double)sizes[i], b, sizeof b);
        len += (size_t)snprintf(line + len, sizeof line - len, "%s%s %s", len ? ", " : "", names[i], b);
    }
    row(f, "caches", "%s", len ? line : "not reported");
}

static void print_cpufreq(FILE *f, const struct sysinfo *si)
{
    char line[256];
    size_t len = 0;
    if (si->cpufreq_max_mhz <= 0 && si->cpufreq_governor[0] == '\0') {
        row(f, "cpufreq", "not reported (fixed clock, or a virtual machine)");
        return;
    }
    if (si->cpufreq_max_mhz > 0)
        len += (size_t)snprintf(line, sizeof line, "%.0f-%.0f MHz", si->cpufreq_min_mhz, si->cpufreq_max_mhz);
    if (si->cpufreq_governor[0])
        len += (size_t)snprintf(line + len, sizeof line - len, "%sgovernor %s", len ? ", " : "",
                                si->cpufreq_governor);
    if (si->cpufreq_driver[0] && len < sizeof line)
        len += (size_t)snprintf(line + len, sizeof line - len, ", driver %s", si->cpufreq_driver);
    if (si->cpufreq_boost >= 0 && len < sizeof line)
        snprintf(line + len, sizeof line - len, ", boost %s", si->cpufreq_boost ? "on" : "off");
    row(f, "cpufreq", "%s", line);
}

static void print_sample(FILE *f, const struct sysinfo_sample *s)
{
    char words[160];
    if (s->have & SYSINFO_HAVE_MHZ)
        row(f, "clock now", "%.0f MHz (mean over CPUs)", s->cpu_mhz);
    else
        row(f, "clock now", "not reported");
    if (s->have & SYSINFO_HAVE_TEMP)
        row(f, "temperature", "%.1f C", s->temp_c);
    else
        row(f, "temperature", "not reported");
    if (s->have & SYSINFO_HAVE_THROTTLED) {
        sysinfo_throttle_describe(s->throttled, words, sizeof words);
        row(f, "throttling", "%s (Pi firmware 0x%lx)", words, s->throttled);
    } else if (s->have & SYSINFO_HAVE_THROTTLE_COUNT) {
        row(f, "throttling", "%lld thermal throttle events since boot (CPU counters)", s->throttle_count);
    } else {
        row(f, "throttling", "not reported");
    }
}

void info_print(FILE *f, const struct sysinfo *si, const struct sysinfo_sample *now)
{
    char a[48], b[48], c[48], d[48];
    row(f, "host", "%s", si->host);
    if (si->board[0])
        row(f, "board", "%s", si->board);
    row(f, "cpu", "%s%s%s", si->cpu_model[0] ? si->cpu_model : "unknown model", si->arch[0] ? ", " : "", si->arch);
    row(f, "os", "%s%s%s %s", si->os_pretty, si->os_pretty[0] ? "; " : "", si->os, si->os_release);
    count_noun(a, sizeof a, si->packages, "package");
    count_noun(b, sizeof b, si->cores_physical, "core");
    count_noun(c, sizeof c, si->cpus_online, "logical CPU");
    count_noun(d, sizeof d, si->numa_nodes, "NUMA node");
    row(f, "topology", "%s, %s, %s, %s (from %s)", a, b, c, d, si->topology_source);
    count_noun(a, sizeof a, si->cpus_available, "CPU");
    count_noun(b, sizeof b, si->cores_available, "core");
    row(f, "available", "%s (%s) on %s: the process's affinity mask", a, si->affinity[0] ? si->affinity : "?", b);
    print_caches(f, si);
    format_bytes(si->mem_total_bytes, a, sizeof a);
    row(f, "memory", "%s", si->mem_total_bytes > 0 ? a : "not reported");
    print_cpufreq(f, si);
    if (now != NULL)
        print_sample(f, now);
    fprintf(f, "%-12s ", "OMP env");
    for (int i = 0; i < si->n_omp_env; i++)
        fprintf(f, "%s%s", i ? " " : "", si->omp_env[i]);
    fputs(si->n_omp_env ? "\n" : "none set\n", f);
}
