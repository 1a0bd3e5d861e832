/* sysinfo.c -- facts about this machine and process that results depend on, and samples of its
 * temperature, clock and throttling.
 *
 * Linux-first, with portable fallbacks (OpenMP's processor count, POSIX sysconf). Every source is
 * optional: a file that is missing or unreadable leaves its field unknown (0 or ""), never an
 * error, because a Raspberry Pi, a laptop and a virtual machine each lack different files. The
 * topology comes from hwloc when built with it (OMPSCALE_HAVE_HWLOC), else from sysfs: a physical
 * core is a distinct set of thread siblings, so SMT machines and odd core numberings count right.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <unistd.h>
#ifdef __linux__
#include <sched.h>
#endif
#ifdef OMPSCALE_HAVE_HWLOC
#include <hwloc.h>
#if HWLOC_API_VERSION >= 0x00020000
#define USE_HWLOC 1  /* hwloc 1.x numbers caches differently: it is left to sysfs */
#endif
#endif

#include "placement.h"
#include "sysinfo.h"

extern char **environ;

#define CPU_SYSFS "/sys/devices/system/cpu"

/* Reads the first line of a file into buf, without its newline. Returns 0, or -1. */
static int read_line(const char *path, char *buf, size_t size)
{
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return -1;
    char *got = fgets(buf, (int)size, f);
    fclose(f);
    if (got == NULL)
        return -1;
    buf[strcspn(buf, "\n")] = '\0';
    return 0;
}

/* Reads a file holding one integer. Returns 0, or -1 when missing or not a number. */
static int read_ll(const char *path, long long *value)
{
    char buf[64], *end;
    if (read_line(path, buf, sizeof buf) != 0)
        return -1;
    errno = 0;
    long long v = strtoll(buf, &end, 10);
    while (isspace((unsigned char)*end))
        end++;
    if (end == buf || *end != '\0' || errno != 0)
        return -1;
    *value = v;
    return 0;
}

static int count_set(const unsigned char *set, int n)
{
    int count = 0;
    for (int i = 0; i < n; i++)
        count += set[i] != 0;
    return count;
}

/* Marks the online CPUs in set[SYSINFO_CPUS_MAX]. Returns how many, or -1. */
static int online_cpus(unsigned char *set)
{
    char buf[1024];
    if (read_line(CPU_SYSFS "/online", buf, sizeof buf) != 0)
        return -1;
    return sysinfo_parse_cpulist(buf, set, SYSINFO_CPUS_MAX);
}

int sysinfo_parse_cpulist(const char *text, unsigned char *set, int n_max)
{
    memset(set, 0, (size_t)n_max);
    const char *p = text;
    while (isspace((unsigned char)*p))
        p++;
    if (*p == '\0')
        return 0;
    for (;;) {
        char *end;
        if (!isdigit((unsigned char)*p))
            return -1;
        long lo = strtol(p, &end, 10), hi = lo;
        p = end;
        if (*p == '-') {
            if (!isdigit((unsigned char)p[1]))
                return -1;
            hi = strtol(p + 1, &end, 10);
            p = end;
        }
        if (hi < lo || hi >= n_max)
            return -1;
        for (long c = lo; c <= hi; c++)
            set[c] = 1;
        if (*p != ',')
            break;
        p++;
    }
    while (isspace((unsigned char)*p))
        p++;
    return *p == '\0' ? count_set(set, n_max) : -1;
}

int sysinfo_parse_size(const char *text, long long *bytes)
{
    char *end;
    errno = 0;
    if (!isdigit((unsigned char)*text))
        return -1;
    long long v = strtoll(text, &end, 10);
    long long unit = 1;
    switch (*end) {
    case 'K': unit = 1LL << 10; end++; break;
    case 'M': unit = 1LL << 20; end++; break;
    case 'G': unit = 1LL << 30; end++; break;
    default: break;
    }
    while (isspace((unsigned char)*end))
        end++;
    if (*end != '\0' || errno != 0 || v > (1LL << 62) / unit)
        return -1;
    *bytes = v * unit;
    return 0;
}

int sysinfo_parse_throttled(const char *text, unsigned long *flags)
{
    const char *p = text;
    while (isspace((unsigned char)*p))
        p++;
    if (strncmp(p, "throttled=", 10) == 0)
        p += 10;
    if (!isxdigit((unsigned char)*p))
        return -1;
    char *end;
    errno = 0;
    unsigned long v = strtoul(p, &end, 16);  /* the firmware prints hex, with or without 0x */
    while (isspace((unsigned char)*end))
        end++;
    if (*end != '\0' || errno != 0)
        return -1;
    *flags = v;
    return 0;
}

int sysinfo_parse_pretty_name(const char *line, char *buf, size_t size)
{
    static const char key[] = "PRETTY_NAME=";
    if (strncmp(line, key, sizeof key - 1) != 0 || size == 0)
        return -1;
    const char *p = line + sizeof key - 1;
    char quote = (*p == '"' || *p == '\'') ? *p++ : '\0';
    size_t n = 0;
    for (; *p && *p != '\n' && *p != quote; p++) {
        if (quote == '"' && *p == '\\' && p[1] != '\0')
            p++;  /* shell-style escape inside double quotes: \" \\ \$ \` */
        if (n + 1 < size)
            buf[n++] = *p;
    }
    while (quote == '\0' && n > 0 && isspace((unsigned char)buf[n - 1]))
        n--;
    buf[n] = '\0';
    return 0;
}

const char *sysinfo_arm_core_name(unsigned implementer, unsigned part)
{
    /* Arm Ltd's part numbers (MIDR), as util-linux's lscpu lists them: the Raspberry Pi cores
     * (ARM1176, A7, A53, A72, A76) and common boards and servers. */
    static const struct {
        unsigned part;
        const char *name;
    } arm[] = {
        {0xb76, "ARM1176"},     {0xc07, "Cortex-A7"},   {0xc08, "Cortex-A8"},    {0xc09, "Cortex-A9"},
        {0xc0f, "Cortex-A15"},  {0xd03, "Cortex-A53"},  {0xd04, "Cortex-A35"},   {0xd05, "Cortex-A55"},
        {0xd07, "Cortex-A57"},  {0xd08, "Cortex-A72"},  {0xd09, "Cortex-A73"},   {0xd0a, "Cortex-A75"},
        {0xd0b, "Cortex-A76"},  {0xd0c, "Neoverse-N1"}, {0xd0d, "Cortex-A77"},   {0xd40, "Neoverse-V1"},
        {0xd41, "Cortex-A78"},  {0xd46, "Cortex-A510"}, {0xd47, "Cortex-A710"},  {0xd49, "Neoverse-N2"},
        {0xd4f, "Neoverse-V2"},
    };
    if (implementer != 0x41)
        return NULL;
    for (size_t i = 0; i < sizeof arm / sizeof arm[0]; i++)
        if (arm[i].part == part)
            return arm[i].name;
    return NULL;
}

/* Value after the colon of a /proc/cpuinfo line whose key is key, or NULL. */
static char *cpuinfo_value(char *line, const char *key)
{
    size_t len = strlen(key);
    if (strncmp(line, key, len) != 0 || (line[len] != ' ' && line[len] != '\t' && line[len] != ':'))
        return NULL;
    char *colon = strchr(line, ':');
    if (colon == NULL)
        return NULL;
    colon++;
    while (isspace((unsigned char)*colon))
        colon++;
    colon[strcspn(colon, "\n")] = '\0';
    return colon;
}

/* Names Arm cores from their part numbers, e.g. "ARM Cortex-A53", or "ARM 4x Cortex-A55 + 4x
 * Cortex-A76" on big.LITTLE. Returns 0, or -1 when a part is unknown or there is none. */
static int arm_model(const unsigned *parts, const int *counts, int n_parts, char *buf, size_t size)
{
    size_t len = (size_t)snprintf(buf, size, "ARM");
    for (int i = 0; i < n_parts && len < size; i++) {
        const char *name = sysinfo_arm_core_name(0x41, parts[i]);
        if (name == NULL)
            return -1;
        if (n_parts == 1)
            len += (size_t)snprintf(buf + len, size - len, " %s", name);
        else
            len += (size_t)snprintf(buf + len, size - len, "%s %dx %s", i ? " +" : "", counts[i], name);
    }
    return n_parts > 0 ? 0 : -1;
}

/* Reads the CPU model from /proc/cpuinfo: x86 says "model name", Arm boards "Model" (the board)
 * or "Hardware"; on Arm Ltd cores the core names from "CPU part" are more telling than either. */
static void read_cpu_model(char *buf, size_t size)
{
    static const char *const keys[] = {"model name", "Model", "Hardware", "cpu model", "Processor"};
    enum { KINDS_MAX = 8 };
    unsigned parts[KINDS_MAX], implementer = 0;
    int counts[KINDS_MAX], n_parts = 0, all_arm = 1;
    FILE *f = fopen("/proc/cpuinfo", "r");
    buf[0] = '\0';
    if (f == NULL)
        return;
    char line[512], *v;
    int best = (int)(sizeof keys / sizeof keys[0]);
    while (fgets(line, sizeof line, f)) {
        if ((v = cpuinfo_value(line, "CPU implementer")) != NULL) {
            implementer = (unsigned)strtoul(v, NULL, 0);
            all_arm &= implementer == 0x41;
            continue;
        }
        if ((v = cpuinfo_value(line, "CPU part")) != NULL) {
            unsigned part = (unsigned)strtoul(v, NULL, 0);
            int i = 0;
            while (i < n_parts && parts[i] != part)
                i++;
            if (i == n_parts && n_parts < KINDS_MAX) {
                parts[n_parts] = part;
                counts[n_parts++] = 0;
            }
            if (i < n_parts)
                counts[i]++;
            continue;
        }
        for (int k = 0; k < best; k++) {
            if ((v = cpuinfo_value(line, keys[k])) != NULL) {
                snprintf(buf, size, "%s", v);
                best = k;
                break;
            }
        }
    }
    fclose(f);
    char arm[256];
    if (all_arm && arm_model(parts, counts, n_parts, arm, sizeof arm) == 0)
        snprintf(buf, size, "%s", arm);
}

/* DMI strings that firmware leaves as placeholders. */
static int placeholder(const char *s)
{
    static const char *const junk[] = {"", "To Be Filled By O.E.M.", "System manufacturer", "System Product Name",
                                       "Default string", "Not Applicable", "None"};
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++)
        if (strcmp(s, junk[i]) == 0)
            return 1;
    return 0;
}

/* The board or system: the device-tree model on Arm boards, DMI vendor and product on PCs. */
static void read_board(char *buf, size_t size)
{
    char vendor[128], product[128];
    if ((read_line("/proc/device-tree/model", buf, size) == 0 ||
         read_line("/sys/firmware/devicetree/base/model", buf, size) == 0) && buf[0] != '\0')
        return;
    buf[0] = '\0';
    if (read_line("/sys/class/dmi/id/product_name", product, sizeof product) != 0 || placeholder(product))
        return;
    if (read_line("/sys/class/dmi/id/sys_vendor", vendor, sizeof vendor) != 0 || placeholder(vendor) ||
        strncmp(product, vendor, strlen(vendor)) == 0)
        snprintf(buf, size, "%s", product);
    else
        snprintf(buf, size, "%s %s", vendor, product);
}

static void read_os_pretty(char *buf, size_t size)
{
    static const char *const paths[] = {"/etc/os-release", "/usr/lib/os-release"};
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        FILE *f = fopen(paths[i], "r");
        if (f == NULL)
            continue;
        char line[512];
        int found = 0;
        while (!found && fgets(line, sizeof line, f))
            found = sysinfo_parse_pretty_name(line, buf, size) == 0;
        fclose(f);
        if (found)
            return;
    }
}

/* Sets cpus_available and affinity from the process's CPUs (its mask, with the OpenMP places
 * when the runtime has bound this thread), and marks them in avail (all 0 when the OS cannot
 * say). */
static void read_affinity(struct sysinfo *s, unsigned char *avail)
{
    memset(avail, 0, SYSINFO_CPUS_MAX);
#ifdef __linux__
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0) {
        /* With OMP_PROC_BIND or OMP_PLACES set, libgomp pins this (the initial) thread to the
         * first place before main runs, and libomp at its first call: the thread's mask then
         * shows one place. The places together still cover the process's CPUs. */
        unsigned char places[CPU_SETSIZE];
        placement_places_cpus(places, CPU_SETSIZE);
        for (int c = 0; c < CPU_SETSIZE; c++)
            if (places[c])
                CPU_SET(c, &set);
        s->cpus_available = CPU_COUNT(&set);
        for (int c = 0; c < CPU_SETSIZE && c < SYSINFO_CPUS_MAX; c++)
            avail[c] = CPU_ISSET(c, &set) != 0;
        size_t len = 0;
        for (int c = 0; c < CPU_SETSIZE; c++) {
            if (!CPU_ISSET(c, &set))
                continue;
            int e = c;
            while (e + 1 < CPU_SETSIZE && CPU_ISSET(e + 1, &set))
                e++;
            char range[24];
            if (e > c)
                snprintf(range, sizeof range, "%s%d-%d", len ? "," : "", c, e);
            else
                snprintf(range, sizeof range, "%s%d", len ? "," : "", c);
            memcpy(s->affinity + len, range, strlen(range) + 1);
            len += strlen(range);
            if (len + 24 >= sizeof s->affinity)
                break;  /* list truncated; cpus_available still counts every CPU */
            c = e;
        }
        return;
    }
#endif
    s->cpus_available = omp_get_num_procs();
}

#ifdef USE_HWLOC
/* Counts from hwloc's view of the whole machine, including CPUs outside this process's mask.
 * Returns 0, or -1 when hwloc fails or finds no cores. */
static int topology_hwloc(struct sysinfo *s, const unsigned char *avail)
{
    hwloc_topology_t t;
    if (hwloc_topology_init(&t) != 0)
        return -1;
#if HWLOC_API_VERSION >= 0x00020100
    hwloc_topology_set_flags(t, HWLOC_TOPOLOGY_FLAG_INCLUDE_DISALLOWED);
#else
    hwloc_topology_set_flags(t, HWLOC_TOPOLOGY_FLAG_WHOLE_SYSTEM);
#endif
    int cores = -1;
    if (hwloc_topology_load(t) == 0)
        cores = hwloc_get_nbobjs_by_type(t, HWLOC_OBJ_CORE);
    if (cores <= 0) {
        hwloc_topology_destroy(t);
        return -1;
    }
    s->cores_physical = cores;
    s->packages = hwloc_get_nbobjs_by_type(t, HWLOC_OBJ_PACKAGE);
    s->numa_nodes = hwloc_get_nbobjs_by_type(t, HWLOC_OBJ_NUMANODE);
    for (int i = 0; i < cores; i++) {
        hwloc_const_cpuset_t set = hwloc_get_obj_by_type(t, HWLOC_OBJ_CORE, (unsigned)i)->cpuset;
        for (int c = hwloc_bitmap_first(set); c >= 0; c = hwloc_bitmap_next(set, c)) {
            if (c < SYSINFO_CPUS_MAX && avail[c]) {
                s->cores_available++;
                break;
            }
        }
    }
    for (hwloc_obj_t o = hwloc_get_obj_by_type(t, HWLOC_OBJ_PU, 0); o != NULL; o = o->parent) {
        if (o->type == HWLOC_OBJ_L1CACHE)
            s->cache_l1d_bytes = (long long)o->attr->cache.size;  /* L1i is a type of its own */
        else if (o->type == HWLOC_OBJ_L2CACHE)
            s->cache_l2_bytes = (long long)o->attr->cache.size;
        else if (o->type == HWLOC_OBJ_L3CACHE)
            s->cache_l3_bytes = (long long)o->attr->cache.size;
    }
    hwloc_topology_destroy(t);
    snprintf(s->topology_source, sizeof s->topology_source, "hwloc");
    return 0;
}
#endif

/* Counts from sysfs: a core is represented by the lowest CPU in its thread-sibling list. Returns
 * 0, or -1 when the files are missing. */
static int topology_sysfs(struct sysinfo *s, const unsigned char *avail)
{
    static const char *const sibling_files[] = {"core_cpus_list", "thread_siblings_list"};
    unsigned char online[SYSINFO_CPUS_MAX], siblings[SYSINFO_CPUS_MAX];
    unsigned char core[SYSINFO_CPUS_MAX] = {0}, core_avail[SYSINFO_CPUS_MAX] = {0};
    long long package_ids[64];
    int n_packages = 0;
    if (online_cpus(online) <= 0)
        return -1;
    for (int c = 0; c < SYSINFO_CPUS_MAX; c++) {
        if (!online[c])
            continue;
        char path[128], list[1024];
        int n = -1;
        for (size_t k = 0; k < sizeof sibling_files / sizeof sibling_files[0] && n <= 0; k++) {
            snprintf(path, sizeof path, CPU_SYSFS "/cpu%d/topology/%s", c, sibling_files[k]);
            if (read_line(path, list, sizeof list) == 0)
                n = sysinfo_parse_cpulist(list, siblings, SYSINFO_CPUS_MAX);
        }
        if (n <= 0)
            return -1;
        int first = 0;
        while (!siblings[first])
            first++;
        core[first] = 1;
        if (avail[c])
            core_avail[first] = 1;
        long long id;
        snprintf(path, sizeof path, CPU_SYSFS "/cpu%d/topology/physical_package_id", c);
        if (read_ll(path, &id) == 0) {
            int i = 0;
            while (i < n_packages && package_ids[i] != id)
                i++;
            if (i == n_packages && n_packages < (int)(sizeof package_ids / sizeof package_ids[0]))
                package_ids[n_packages++] = id;
        }
    }
    s->cores_physical = count_set(core, SYSINFO_CPUS_MAX);
    s->cores_available = count_set(core_avail, SYSINFO_CPUS_MAX);
    s->packages = n_packages;
    snprintf(s->topology_source, sizeof s->topology_source, "sysfs");
    return 0;
}

/* Cache sizes of CPU 0 from sysfs: index0..N, each with a level, a type and a size. */
static void caches_sysfs(struct sysinfo *s)
{
    for (int i = 0; i < 16; i++) {
        char path[128], type[32], size[32];
        long long level, bytes;
        snprintf(path, sizeof path, CPU_SYSFS "/cpu0/cache/index%d/level", i);
        if (read_ll(path, &level) != 0)
            break;
        snprintf(path, sizeof path, CPU_SYSFS "/cpu0/cache/index%d/type", i);
        if (read_line(path, type, sizeof type) != 0 || strcmp(type, "Instruction") == 0)
            continue;
        snprintf(path, sizeof path, CPU_SYSFS "/cpu0/cache/index%d/size", i);
        if (read_line(path, size, sizeof size) != 0 || sysinfo_parse_size(size, &bytes) != 0)
            continue;
        if (level == 1)
            s->cache_l1d_bytes = bytes;
        else if (level == 2)
            s->cache_l2_bytes = bytes;
        else if (level == 3)
            s->cache_l3_bytes = bytes;
    }
}

static void read_topology(struct sysinfo *s, const unsigned char *avail)
{
    int done = 0;
#ifdef USE_HWLOC
    done = topology_hwloc(s, avail) == 0;
#endif
    if (!done && topology_sysfs(s, avail) != 0) {
        s->cores_physical = s->cpus_online;  /* nothing better is known: one thread per core */
        snprintf(s->topology_source, sizeof s->topology_source, "none");
    }
    if (s->numa_nodes == 0) {
        unsigned char nodes[SYSINFO_CPUS_MAX];
        char list[256];
        if (read_line("/sys/devices/system/node/online", list, sizeof list) == 0) {
            int n = sysinfo_parse_cpulist(list, nodes, SYSINFO_CPUS_MAX);
            s->numa_nodes = n > 0 ? n : 0;
        }
    }
    if (s->cache_l1d_bytes == 0 && s->cache_l2_bytes == 0 && s->cache_l3_bytes == 0)
        caches_sysfs(s);
}

/* Frequency limits over the online CPUs, and the policy of the first one with cpufreq. */
static void read_cpufreq(struct sysinfo *s)
{
    unsigned char online[SYSINFO_CPUS_MAX];
    long long v;
    s->cpufreq_boost = -1;
    if (online_cpus(online) <= 0)
        return;
    for (int c = 0; c < SYSINFO_CPUS_MAX; c++) {
        char path[128];
        if (!online[c])
            continue;
        snprintf(path, sizeof path, CPU_SYSFS "/cpu%d/cpufreq/cpuinfo_min_freq", c);
        if (read_ll(path, &v) == 0 && v > 0 && (s->cpufreq_min_mhz == 0 || v / 1e3 < s->cpufreq_min_mhz))
            s->cpufreq_min_mhz = (double)v / 1e3;  /* sysfs says kHz */
        snprintf(path, sizeof path, CPU_SYSFS "/cpu%d/cpufreq/cpuinfo_max_freq", c);
        if (read_ll(path, &v) == 0 && v / 1e3 > s->cpufreq_max_mhz)
            s->cpufreq_max_mhz = (double)v / 1e3;
        if (s->cpufreq_governor[0] == '\0') {
            snprintf(path, sizeof path, CPU_SYSFS "/cpu%d/cpufreq/scaling_governor", c);
            if (read_line(path, s->cpufreq_governor, sizeof s->cpufreq_governor) != 0)
                s->cpufreq_governor[0] = '\0';
            snprintf(path, sizeof path, CPU_SYSFS "/cpu%d/cpufreq/scaling_driver", c);
            if (read_line(path, s->cpufreq_driver, sizeof s->cpufreq_driver) != 0)
                s->cpufreq_driver[0] = '\0';
        }
    }
    /* acpi-cpufreq and amd-pstate say "boost"; intel_pstate says the opposite, "no_turbo" */
    if (read_ll(CPU_SYSFS "/cpufreq/boost", &v) == 0)
        s->cpufreq_boost = v != 0;
    else if (read_ll(CPU_SYSFS "/intel_pstate/no_turbo", &v) == 0)
        s->cpufreq_boost = v == 0;
}

void sysinfo_read(struct sysinfo *s)
{
    unsigned char avail[SYSINFO_CPUS_MAX];
    memset(s, 0, sizeof *s);
    if (gethostname(s->host, sizeof s->host - 1) != 0)
        strcpy(s->host, "unknown");
    struct utsname u;
    if (uname(&u) == 0) {
        snprintf(s->os, sizeof s->os, "%s", u.sysname);
        snprintf(s->os_release, sizeof s->os_release, "%s", u.release);
        snprintf(s->arch, sizeof s->arch, "%s", u.machine);
    }
    read_os_pretty(s->os_pretty, sizeof s->os_pretty);
    read_board(s->board, sizeof s->board);
    read_cpu_model(s->cpu_model, sizeof s->cpu_model);
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    s->cpus_online = online > 0 ? (int)online : omp_get_num_procs();
    read_affinity(s, avail);
    read_topology(s, avail);
    read_cpufreq(s);
    long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    if (pages > 0 && page > 0)
        s->mem_total_bytes = (double)pages * (double)page;
    for (char **e = environ; *e && s->n_omp_env < SYSINFO_ENV_MAX; e++)
        if (strncmp(*e, "OMP_", 4) == 0 || strncmp(*e, "GOMP_", 5) == 0 || strncmp(*e, "KMP_", 4) == 0)
            s->omp_env[s->n_omp_env++] = *e;
}

void sysinfo_host_slug(const struct sysinfo *s, char *buf, size_t size)
{
    size_t n = 0;
    for (const char *p = s->host; *p && *p != '.' && n + 1 < size; p++)
        buf[n++] = (isalnum((unsigned char)*p) || *p == '-' || *p == '_') ? *p : '_';
    if (n == 0 && size > 4)
        n = (size_t)snprintf(buf, size, "host");
    buf[n] = '\0';
}

const char *sysinfo_omp_env(const struct sysinfo *s, const char *name)
{
    size_t len = strlen(name);
    for (int i = 0; i < s->n_omp_env; i++)
        if (strncmp(s->omp_env[i], name, len) == 0 && s->omp_env[i][len] == '=')
            return s->omp_env[i] + len + 1;
    return NULL;
}

/* A plausible temperature in millidegrees C: sensors that are off report 0 or garbage. */
static int plausible_mc(long long mc)
{
    return mc > -40000 && mc < 150000 && mc != 0;
}

/* Hottest thermal zone; without any, the hottest CPU sensor under hwmon (AMD's k10temp has no
 * thermal zone). Returns 0, or -1. */
static int sample_temp(double *temp_c)
{
    static const char *const cpu_sensors[] = {"coretemp", "k10temp", "zenpower", "cpu_thermal", "soc_thermal"};
    long long best = 0, mc;
    int found = 0;
    char path[512];
    DIR *d = opendir("/sys/class/thermal");
    for (struct dirent *e; d != NULL && (e = readdir(d)) != NULL;) {
        if (strncmp(e->d_name, "thermal_zone", 12) != 0)
            continue;
        snprintf(path, sizeof path, "/sys/class/thermal/%s/temp", e->d_name);
        if (read_ll(path, &mc) == 0 && plausible_mc(mc) && (!found || mc > best)) {
            best = mc;
            found = 1;
        }
    }
    if (d != NULL)
        closedir(d);
    d = found ? NULL : opendir("/sys/class/hwmon");
    for (struct dirent *e; d != NULL && (e = readdir(d)) != NULL;) {
        char name[64];
        size_t k = 0;
        snprintf(path, sizeof path, "/sys/class/hwmon/%s/name", e->d_name);
        if (e->d_name[0] == '.' || read_line(path, name, sizeof name) != 0)
            continue;
        while (k < sizeof cpu_sensors / sizeof cpu_sensors[0] && strcmp(name, cpu_sensors[k]) != 0)
            k++;
        for (int i = 1; k < sizeof cpu_sensors / sizeof cpu_sensors[0] && i < 64; i++) {
            snprintf(path, sizeof path, "/sys/class/hwmon/%s/temp%d_input", e->d_name, i);
            if (read_ll(path, &mc) == 0 && plausible_mc(mc) && (!found || mc > best)) {
                best = mc;
                found = 1;
            }
        }
    }
    if (d != NULL)
        closedir(d);
    *temp_c = (double)best / 1e3;
    return found ? 0 : -1;
}

/* Whether an executable named name is on PATH. */
static int on_path(const char *name)
{
    const char *path = getenv("PATH");
    while (path != NULL && *path) {
        size_t len = strcspn(path, ":");
        char file[1024];
        if (len > 0 && len + strlen(name) + 2 <= sizeof file) {
            snprintf(file, sizeof file, "%.*s/%s", (int)len, path, name);
            if (access(file, X_OK) == 0)
                return 1;
        }
        path += len + (path[len] == ':');
    }
    return 0;
}

/* The Raspberry Pi firmware's flags, from vcgencmd when it is installed. Returns 0, or -1. */
static int sample_pi_throttled(unsigned long *flags)
{
    if (!on_path("vcgencmd"))
        return -1;
    FILE *p = popen("vcgencmd get_throttled 2>/dev/null", "r");
    if (p == NULL)
        return -1;
    char line[128], rest[128];
    int ok = fgets(line, sizeof line, p) != NULL;
    while (ok && fgets(rest, sizeof rest, p) != NULL)
        ;  /* drain, so that vcgencmd never blocks on a full pipe */
    int status = pclose(p);
    return ok && status == 0 ? sysinfo_parse_throttled(line, flags) : -1;
}

int sysinfo_sample(struct sysinfo_sample *s)
{
    unsigned char online[SYSINFO_CPUS_MAX];
    long long khz_sum = 0, v;
    int n_khz = 0, n_counts = 0;
    memset(s, 0, sizeof *s);
    if (sample_temp(&s->temp_c) == 0)
        s->have |= SYSINFO_HAVE_TEMP;
    if (online_cpus(online) <= 0)
        memset(online, 0, sizeof online);
    for (int c = 0; c < SYSINFO_CPUS_MAX; c++) {
        char path[128];
        if (!online[c])
            continue;
        snprintf(path, sizeof path, CPU_SYSFS "/cpu%d/cpufreq/scaling_cur_freq", c);
        if (read_ll(path, &v) == 0 && v > 0) {
            khz_sum += v;
            n_khz++;
        }
        snprintf(path, sizeof path, CPU_SYSFS "/cpu%d/thermal_throttle/core_throttle_count", c);
        if (read_ll(path, &v) == 0) {
            s->throttle_count += v;
            n_counts++;
        }
        snprintf(path, sizeof path, CPU_SYSFS "/cpu%d/thermal_throttle/package_throttle_count", c);
        if (read_ll(path, &v) == 0) {
            s->throttle_count += v;
            n_counts++;
        }
    }
    if (n_khz > 0) {
        s->cpu_mhz = (double)khz_sum / n_khz / 1e3;
        s->have |= SYSINFO_HAVE_MHZ;
    }
    if (n_counts > 0)
        s->have |= SYSINFO_HAVE_THROTTLE_COUNT;
    if (sample_pi_throttled(&s->throttled) == 0)
        s->have |= SYSINFO_HAVE_THROTTLED;
    return s->have;
}

int sysinfo_throttled_between(const struct sysinfo_sample *before, const struct sysinfo_sample *after)
{
    int known = 0;
    if ((before->have & after->have & SYSINFO_HAVE_THROTTLE_COUNT) != 0) {
        known = 1;
        if (after->throttle_count > before->throttle_count)
            return 1;
    }
    if ((after->have & SYSINFO_HAVE_THROTTLED) != 0) {
        unsigned long boot = after->throttled & (unsigned long)SYSINFO_THR_SINCE_BOOT;
        known = 1;
        if ((after->throttled & SYSINFO_THR_NOW) != 0)
            return 1;
        if ((before->have & SYSINFO_HAVE_THROTTLED) != 0 && (boot & ~before->throttled) != 0)
            return 1;
    }
    return known ? 0 : -1;
}

/* Appends to buf[size] at *len, as far as it fits. */
static void append(char *buf, size_t size, size_t *len, const char *a, const char *b)
{
    int n = snprintf(buf + *len, size - *len, "%s%s", a, b);
    if (n > 0)
        *len = *len + (size_t)n < size ? *len + (size_t)n : size - 1;
}

void sysinfo_throttle_describe(unsigned long flags, char *buf, size_t size)
{
    static const char *const names[] = {"under-voltage", "frequency capped", "throttled", "soft temperature limit"};
    static const char *const when[] = {" now", " since boot"};
    size_t len = 0;
    if (size == 0)
        return;
    buf[0] = '\0';
    for (int w = 0; w < 2; w++) {
        unsigned long bits = (flags >> (w * SYSINFO_THR_BOOT_SHIFT)) & SYSINFO_THR_NOW;
        if (bits == 0)
            continue;
        const char *sep = len ? "; " : "";
        for (int b = 0; b < 4; b++) {
            if ((bits >> b) & 1) {
                append(buf, size, &len, sep, names[b]);
                sep = ", ";
            }
        }
        append(buf, size, &len, when[w], "");
    }
    if (len == 0)
        snprintf(buf, size, "none");
}

/* The value of field (e.g. "MemAvailable:") in /proc/meminfo, in bytes; -1 when absent. */
static double meminfo_bytes(const char *field)
{
    FILE *f = fopen("/proc/meminfo", "r");
    char line[256];
    double kib = -1;
    size_t len = strlen(field);
    while (f != NULL && fgets(line, sizeof line, f) != NULL)
        if (strncmp(line, field, len) == 0) {
            kib = strtod(line + len, NULL);
            break;
        }
    if (f != NULL)
        fclose(f);
    return kib < 0 ? -1 : kib * 1024;
}

double sysinfo_memory_limit(char *source, size_t source_size)
{
    double limit = meminfo_bytes("MemAvailable:");
    snprintf(source, source_size, "MemAvailable in /proc/meminfo");
    /* cgroup v2 then v1: what the container may still use */
    char buf[64];
    long long max = -1, current = 0;
    if (read_line("/sys/fs/cgroup/memory.max", buf, sizeof buf) == 0 && strcmp(buf, "max") != 0) {
        max = strtoll(buf, NULL, 10);
        read_ll("/sys/fs/cgroup/memory.current", &current);
    } else if (read_ll("/sys/fs/cgroup/memory/memory.limit_in_bytes", &max) == 0) {
        read_ll("/sys/fs/cgroup/memory/memory.usage_in_bytes", &current);
        if (max >= (1LL << 60))
            max = -1;  /* v1 writes a huge number for "no limit" */
    }
    if (max > 0 && (limit < 0 || (double)(max - current) < limit)) {
        limit = (double)(max - current);
        snprintf(source, source_size, "the cgroup's memory limit");
    }
    struct rlimit rl;
    if (getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY && (limit < 0 || (double)rl.rlim_cur < limit)) {
        limit = (double)rl.rlim_cur;
        snprintf(source, source_size, "RLIMIT_AS (ulimit -v)");
    }
    if (limit < 0)
        snprintf(source, source_size, "unknown");
    return limit;
}
