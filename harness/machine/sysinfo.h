/* sysinfo.h -- facts about this machine and process that results depend on, read once, and
 * samples of its changing state (temperature, clock, throttling) taken around each measurement. */
#ifndef OMPSCALE_SYSINFO_H
#define OMPSCALE_SYSINFO_H

#include <stddef.h>

enum {
    SYSINFO_ENV_MAX = 64,
    SYSINFO_CPUS_MAX = 1024  /* CPU numbers the sysfs topology reader handles (glibc's CPU_SETSIZE) */
};

struct sysinfo {
    char host[256];
    char os[128], os_release[128], arch[128];  /* uname: "Linux", kernel release, "x86_64" */
    char os_pretty[256];             /* PRETTY_NAME of os-release: "Debian GNU/Linux 12 (bookworm)" */
    char board[256];                 /* device-tree model or DMI vendor and product: "Raspberry Pi 3 Model B Rev 1.2" */
    char cpu_model[256];             /* "model name" of /proc/cpuinfo; on Arm the core: "ARM Cortex-A53" */
    int cpus_online;                 /* logical CPUs (hardware threads) the OS has online */
    int cpus_available;              /* CPUs this process may run on (affinity mask) */
    char affinity[512];              /* the mask as a list: "0-3,6" */
    int cores_physical;              /* physical cores online; cpus_online when unknown */
    int cores_available;             /* physical cores with a CPU in the affinity mask; 0 unknown */
    int packages;                    /* sockets; 0 unknown */
    int numa_nodes;                  /* 0 unknown */
    char topology_source[8];         /* where the four counts come from: "hwloc", "sysfs" or "none" */
    long long cache_l1d_bytes;       /* size of one cache of each level, the one CPU 0 uses; 0 unknown */
    long long cache_l2_bytes, cache_l3_bytes;
    double mem_total_bytes;
    double cpufreq_min_mhz, cpufreq_max_mhz;  /* hardware limits over all CPUs (cpuinfo_*_freq); 0 unknown */
    char cpufreq_governor[32];       /* of the first CPU with cpufreq: "ondemand"; "" unknown */
    char cpufreq_driver[32];         /* "intel_pstate", "cpufreq-dt"; "" unknown */
    int cpufreq_boost;               /* turbo or boost: 1 enabled, 0 disabled, -1 unknown */
    char *omp_env[SYSINFO_ENV_MAX];  /* OMP_* and runtime (GOMP_, KMP_) variables, "NAME=value" */
    int n_omp_env;
};

/* Raspberry Pi firmware flags as `vcgencmd get_throttled` reports them: the low four bits say
 * what holds now, the same four shifted by 16 what has happened since boot. */
enum {
    SYSINFO_THR_UNDERVOLT = 1 << 0,     /* under-voltage */
    SYSINFO_THR_FREQ_CAPPED = 1 << 1,   /* Arm frequency capped */
    SYSINFO_THR_THROTTLED = 1 << 2,     /* throttled */
    SYSINFO_THR_SOFT_TEMP = 1 << 3,     /* soft temperature limit active */
    SYSINFO_THR_NOW = 0xf,
    SYSINFO_THR_BOOT_SHIFT = 16,
    SYSINFO_THR_SINCE_BOOT = SYSINFO_THR_NOW << SYSINFO_THR_BOOT_SHIFT
};

/* Which fields of a sample could be read. */
enum {
    SYSINFO_HAVE_TEMP = 1 << 0,
    SYSINFO_HAVE_MHZ = 1 << 1,
    SYSINFO_HAVE_THROTTLED = 1 << 2,       /* Raspberry Pi firmware flags */
    SYSINFO_HAVE_THROTTLE_COUNT = 1 << 3   /* x86 thermal_throttle counters */
};

struct sysinfo_sample {
    int have;                  /* SYSINFO_HAVE_* bits; a field without its bit is 0 */
    double temp_c;             /* hottest thermal zone (else CPU hwmon sensor), degrees C */
    double cpu_mhz;            /* mean current frequency of the CPUs with cpufreq */
    unsigned long throttled;   /* SYSINFO_THR_* flags */
    long long throttle_count;  /* sum of the x86 throttle counters; only a difference means anything */
};

/* Fills s from the OS; fields that cannot be read are left empty, 0, or as their comments say. */
void sysinfo_read(struct sysinfo *s);
/* The host name reduced to characters safe in a directory name. */
void sysinfo_host_slug(const struct sysinfo *s, char *buf, size_t size);
/* Value of an OMP variable recorded in s, or NULL. */
const char *sysinfo_omp_env(const struct sysinfo *s, const char *name);

/* Reads temperature, frequency and throttling into s: a few sysfs files and, on a Raspberry Pi,
 * one run of vcgencmd (milliseconds). Call it outside parallel regions. Returns s->have, 0 when
 * nothing could be read. */
int sysinfo_sample(struct sysinfo_sample *s);
/* Whether the machine was held back between two samples: an x86 throttle counter grew, or the Pi
 * firmware reports a condition now (in after) or one that first happened since before. Returns 1
 * yes, 0 no, -1 when the samples cannot tell. */
int sysinfo_throttled_between(const struct sysinfo_sample *before, const struct sysinfo_sample *after);
/* Writes the Pi flags in words: "none", or e.g. "under-voltage, throttled now; under-voltage,
 * throttled since boot". */
void sysinfo_throttle_describe(unsigned long flags, char *buf, size_t size);

/* Parsers of the formats read above, separate so that tests can feed them fixed text. */

/* Marks the CPUs of a kernel list such as "0-3,6\n" in set[0..n_max-1] (cleared first). Returns
 * how many, 0 for an empty list, or -1 when the text is malformed or names a CPU >= n_max. */
int sysinfo_parse_cpulist(const char *text, unsigned char *set, int n_max);
/* Parses a sysfs cache size such as "48K\n", "8M" or "512". Returns 0, or -1 when malformed. */
int sysinfo_parse_size(const char *text, long long *bytes);
/* Parses "throttled=0x50005" from vcgencmd, or the bare hex number. Returns 0, or -1 when
 * malformed (such as vcgencmd's "error=..." answer). */
int sysinfo_parse_throttled(const char *text, unsigned long *flags);
/* When line is an os-release PRETTY_NAME= line, copies its value, unquoted, to buf and returns
 * 0; otherwise returns -1. */
int sysinfo_parse_pretty_name(const char *line, char *buf, size_t size);
/* Name of an Arm core from /proc/cpuinfo's "CPU implementer" and "CPU part", such as
 * "Cortex-A53" for 0x41, 0xd03, or NULL when not in the table. */
const char *sysinfo_arm_core_name(unsigned implementer, unsigned part);

/* Bytes of memory this process may still allocate: the least of MemAvailable, the cgroup's
 * limit less its usage, and RLIMIT_AS; source names which one. -1 when none can be read. */
double sysinfo_memory_limit(char *source, size_t source_size);

#endif
