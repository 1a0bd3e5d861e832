/* test_sysinfo.c -- machine facts: the sysfs, os-release and vcgencmd parsers on fixed text, the
 * JSON keys and types, the info screen, and what this machine reports. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __linux__
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

#include "check.h"
#include "info.h"
#include "machine_json.h"
#include "sysinfo.h"

static void check_cpulist(void)
{
    unsigned char set[16];
    CHECK_INT(sysinfo_parse_cpulist("0-3,6\n", set, 16), 5);
    CHECK(set[0] && set[1] && set[2] && set[3] && !set[4] && !set[5] && set[6] && !set[7]);
    CHECK_INT(sysinfo_parse_cpulist("5", set, 16), 1);
    CHECK(set[5] && !set[4] && !set[6]);
    CHECK_INT(sysinfo_parse_cpulist("0,2,4-5,15", set, 16), 5);
    CHECK_INT(sysinfo_parse_cpulist("\n", set, 16), 0);  /* cpu/offline when none is offline */
    CHECK_INT(sysinfo_parse_cpulist("", set, 16), 0);
    CHECK_INT(sysinfo_parse_cpulist("16", set, 16), -1);  /* beyond the set */
    CHECK_INT(sysinfo_parse_cpulist("3-1", set, 16), -1);
    CHECK_INT(sysinfo_parse_cpulist("1,,2", set, 16), -1);
    CHECK_INT(sysinfo_parse_cpulist("1-", set, 16), -1);
    CHECK_INT(sysinfo_parse_cpulist("-1", set, 16), -1);
    CHECK_INT(sysinfo_parse_cpulist("0-1x", set, 16), -1);
}

static void check_size(void)
{
    long long b = -1;
    CHECK(sysinfo_parse_size("48K\n", &b) == 0);
    CHECK_INT(b, 48 * 1024);
    CHECK(sysinfo_parse_size("491520K", &b) == 0);
    CHECK_INT(b, 491520LL * 1024);
    CHECK(sysinfo_parse_size("8M", &b) == 0);
    CHECK_INT(b, 8LL << 20);
    CHECK(sysinfo_parse_size("1G", &b) == 0);
    CHECK_INT(b, 1LL << 30);
    CHECK(sysinfo_parse_size("512", &b) == 0);
    CHECK_INT(b, 512);
    CHECK(sysinfo_parse_size("", &b) == -1);
    CHECK(sysinfo_parse_size("K", &b) == -1);
    CHECK(sysinfo_parse_size("12Q", &b) == -1);
    CHECK(sysinfo_parse_size("-4K", &b) == -1);
}

static void check_throttled(void)
{
    unsigned long f = 0;
    CHECK(sysinfo_parse_throttled("throttled=0x50005\n", &f) == 0);
    CHECK_INT(f, 0x50005);
    CHECK(f & SYSINFO_THR_UNDERVOLT && f & SYSINFO_THR_THROTTLED && !(f & SYSINFO_THR_FREQ_CAPPED));
    CHECK_INT(f >> SYSINFO_THR_BOOT_SHIFT, 0x5);
    CHECK(sysinfo_parse_throttled("throttled=0x0", &f) == 0);
    CHECK_INT(f, 0);
    CHECK(sysinfo_parse_throttled("80008", &f) == 0);  /* bare hex */
    CHECK_INT(f, 0x80008);
    CHECK(sysinfo_parse_throttled("", &f) == -1);
    CHECK(sysinfo_parse_throttled("throttled=", &f) == -1);
    CHECK(sysinfo_parse_throttled("throttled=0x5g", &f) == -1);
    CHECK(sysinfo_parse_throttled("error=1 error_msg=\"Command not registered\"", &f) == -1);

    char words[160];
    sysinfo_throttle_describe(0x50005, words, sizeof words);
    CHECK_STR(words, "under-voltage, throttled now; under-voltage, throttled since boot");
    sysinfo_throttle_describe(0, words, sizeof words);
    CHECK_STR(words, "none");
    sysinfo_throttle_describe(0x80000, words, sizeof words);
    CHECK_STR(words, "soft temperature limit since boot");
    sysinfo_throttle_describe(0x2, words, sizeof words);
    CHECK_STR(words, "frequency capped now");
    sysinfo_throttle_describe(0xf000f, words, 12);  /* truncated, still terminated */
    CHECK_INT(strlen(words), 11);
}

static void check_throttled_between(void)
{
    struct sysinfo_sample a = {0}, b = {0};
    CHECK_INT(sysinfo_throttled_between(&a, &b), -1);  /* nothing read */
    a.have = b.have = SYSINFO_HAVE_THROTTLE_COUNT;
    a.throttle_count = b.throttle_count = 7;
    CHECK_INT(sysinfo_throttled_between(&a, &b), 0);
    b.throttle_count = 8;
    CHECK_INT(sysinfo_throttled_between(&a, &b), 1);

    a.have = b.have = SYSINFO_HAVE_THROTTLED;
    a.throttled = b.throttled = 0x50000;  /* happened before the run, not during it */
    CHECK_INT(sysinfo_throttled_between(&a, &b), 0);
    b.throttled = 0x50005;  /* holds now */
    CHECK_INT(sysinfo_throttled_between(&a, &b), 1);
    a.throttled = 0;
    b.throttled = 0x40000;  /* came and went during the run */
    CHECK_INT(sysinfo_throttled_between(&a, &b), 1);
    a.have = 0;  /* without a before, a sticky bit could be old */
    CHECK_INT(sysinfo_throttled_between(&a, &b), 0);
}

static void check_pretty_name(void)
{
    char buf[64];
    CHECK(sysinfo_parse_pretty_name("PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n", buf, sizeof buf) == 0);
    CHECK_STR(buf, "Debian GNU/Linux 12 (bookworm)");
    CHECK(sysinfo_parse_pretty_name("PRETTY_NAME='Raspbian GNU/Linux 11'", buf, sizeof buf) == 0);
    CHECK_STR(buf, "Raspbian GNU/Linux 11");
    CHECK(sysinfo_parse_pretty_name("PRETTY_NAME=Arch Linux \n", buf, sizeof buf) == 0);
    CHECK_STR(buf, "Arch Linux");
    CHECK(sysinfo_parse_pretty_name("PRETTY_NAME=\"A \\\"B\\\" \\\\C\"", buf, sizeof buf) == 0);
    CHECK_STR(buf, "A \"B\" \\C");
    CHECK(sysinfo_parse_pretty_name("PRETTY_NAME=\"Ubuntu 22.04.4 LTS\"", buf, 7) == 0);
    CHECK_STR(buf, "Ubuntu");
    CHECK(sysinfo_parse_pretty_name("NAME=\"Debian GNU/Linux\"", buf, sizeof buf) == -1);
    CHECK(sysinfo_parse_pretty_name("# PRETTY_NAME=x", buf, sizeof buf) == -1);
}

static void check_arm_names(void)
{
    CHECK_STR(sysinfo_arm_core_name(0x41, 0xd03), "Cortex-A53");  /* Raspberry Pi 3 */
    CHECK_STR(sysinfo_arm_core_name(0x41, 0xd08), "Cortex-A72");  /* Raspberry Pi 4 */
    CHECK_STR(sysinfo_arm_core_name(0x41, 0xd0b), "Cortex-A76");  /* Raspberry Pi 5 */
    CHECK_STR(sysinfo_arm_core_name(0x41, 0xb76), "ARM1176");     /* Raspberry Pi 1 and Zero */
    CHECK(sysinfo_arm_core_name(0x41, 0xfff) == NULL);
    CHECK(sysinfo_arm_core_name(0x51, 0xd03) == NULL);  /* same number, another implementer */
}

/* What this machine reports: only what holds everywhere. */
static void check_read(void)
{
    struct sysinfo si;
    unsigned char set[SYSINFO_CPUS_MAX];
    sysinfo_read(&si);
    CHECK(si.host[0] != '\0');
    CHECK(si.cpus_online >= 1);
    CHECK(si.cpus_available >= 1);
    CHECK(si.cores_physical >= 1 && si.cores_physical <= si.cpus_online);
    CHECK(si.cores_available >= 0 && si.cores_available <= si.cores_physical);
    CHECK(si.cores_available <= si.cpus_available);
    CHECK(strcmp(si.topology_source, "hwloc") == 0 || strcmp(si.topology_source, "sysfs") == 0 ||
          strcmp(si.topology_source, "none") == 0);
    if (strcmp(si.topology_source, "none") == 0)
        CHECK_INT(si.cores_physical, si.cpus_online);
    else
        CHECK(si.packages >= 1 && si.packages <= si.cores_physical && si.cores_available >= 1);
    CHECK(si.numa_nodes >= 0);
    CHECK(si.cache_l1d_bytes >= 0 && si.cache_l2_bytes >= 0 && si.cache_l3_bytes >= 0);
    CHECK(si.cpufreq_min_mhz >= 0 && (si.cpufreq_max_mhz == 0 || si.cpufreq_min_mhz <= si.cpufreq_max_mhz));
    CHECK(si.cpufreq_boost >= -1 && si.cpufreq_boost <= 1);
    CHECK(si.mem_total_bytes > 0);
#ifdef __linux__
    CHECK_INT(sysinfo_parse_cpulist(si.affinity, set, SYSINFO_CPUS_MAX), si.cpus_available);
#else
    (void)set;
#endif
}

#ifdef __linux__
/* Runs this program again as "--expect N LIST" (see main), the way a user starts it: with its
 * mask set to cpus before it starts, and with OMP_PROC_BIND and OMP_PLACES when bind is set.
 * Returns the child's exit status, or -1. */
static int run_child(const cpu_set_t *cpus, int bind, int n_expected, const char *list)
{
    fflush(NULL);  /* nothing buffered is written twice */
    pid_t pid = fork();
    if (pid == 0) {
        char n[16];
        snprintf(n, sizeof n, "%d", n_expected);
        if (bind) {
            setenv("OMP_PROC_BIND", "close", 1);
            setenv("OMP_PLACES", "threads", 1);
        } else {
            unsetenv("OMP_PROC_BIND");
            unsetenv("OMP_PLACES");
        }
        char *const args[] = {"test_sysinfo", "--expect", n, (char *)list, NULL};
        if (sched_setaffinity(0, sizeof *cpus, cpus) == 0)
            execv("/proc/self/exe", args);
        _exit(errno == ENOEXEC ? 126 : 127);  /* 126: under qemu-user a foreign binary cannot exec */
    }
    int status;
    if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
}

/* cpus_available and affinity follow the mask the process starts with (taskset), also when the
 * OpenMP runtime pins the initial thread to one place (OMP_PROC_BIND). */
static void check_affinity(void)
{
    static unsigned char set[SYSINFO_CPUS_MAX];
    struct sysinfo si;
    cpu_set_t all, one;
    sysinfo_read(&si);
    int n = sysinfo_parse_cpulist(si.affinity, set, SYSINFO_CPUS_MAX), first = -1;
    CHECK(n >= 1);
    if (n < 1)
        return;
    CPU_ZERO(&all);  /* the process's CPUs: this thread's own mask may be one place */
    for (int c = SYSINFO_CPUS_MAX - 1; c >= 0; c--) {
        if (set[c]) {
            CPU_SET(c, &all);
            first = c;
        }
    }
    CPU_ZERO(&one);
    CPU_SET(first, &one);
    char list[16];
    snprintf(list, sizeof list, "%d", first);
    int rc = run_child(&one, 0, 1, list);
    if (rc == 126) {
        printf("test_sysinfo: affinity checks skipped: cannot re-exec itself (emulated)\n");
        return;
    }
    CHECK_INT(rc, 0);
    CHECK_INT(run_child(&one, 1, 1, list), 0);
    CHECK_INT(run_child(&all, 1, si.cpus_available, si.affinity), 0);
}

/* The child's half of check_affinity. Returns the exit status. */
static int expect_affinity(const char *n, const char *list)
{
    struct sysinfo si;
    sysinfo_read(&si);
    CHECK_INT(si.cpus_available, atoi(n));
    CHECK_STR(si.affinity, list);
    if (strcmp(si.topology_source, "none") != 0 && atoi(n) == 1)
        CHECK_INT(si.cores_available, 1);
    return check_report("test_sysinfo --expect");
}
#endif

static void check_sample(void)
{
    struct sysinfo_sample s;
    int have = sysinfo_sample(&s);
    CHECK_INT(have, s.have);
    CHECK((have & ~(SYSINFO_HAVE_TEMP | SYSINFO_HAVE_MHZ | SYSINFO_HAVE_THROTTLED | SYSINFO_HAVE_THROTTLE_COUNT)) == 0);
    if (have & SYSINFO_HAVE_TEMP)
        CHECK(s.temp_c > -40 && s.temp_c < 150);
    else
        CHECK_NEAR(s.temp_c, 0, 0);
    if (have & SYSINFO_HAVE_MHZ)
        CHECK(s.cpu_mhz > 0);
    else
        CHECK_NEAR(s.cpu_mhz, 0, 0);
    if (have & SYSINFO_HAVE_THROTTLE_COUNT)
        CHECK(s.throttle_count >= 0);
    if (have & SYSINFO_HAVE_THROTTLED)
        CHECK((s.throttled & ~(unsigned long)(SYSINFO_THR_NOW | SYSINFO_THR_SINCE_BOOT)) == 0);
}

/* The member key of o, checked to have type t (json_type_null: absent value). */
static json_object *member(json_object *o, const char *key, json_type t)
{
    json_object *v = NULL;
    int found = json_object_object_get_ex(o, key, &v);
    CHECK(found);
    if (!found)
        fprintf(stderr, "  missing key %s\n", key);
    else if (json_object_get_type(v) != t)
        fprintf(stderr, "  key %s: type %s, want %s\n", key, json_type_to_name(json_object_get_type(v)),
                json_type_to_name(t));
    CHECK(found && json_object_get_type(v) == t);
    return v;
}

static void check_machine_json(void)
{
    static const struct {
        const char *key;
        json_type type;
    } want[] = {
        {"host", json_type_string},         {"os", json_type_string},
        {"os_release", json_type_string},   {"os_pretty", json_type_string},
        {"arch", json_type_string},         {"board", json_type_string},
        {"cpu_model", json_type_string},    {"cpus_online", json_type_int},
        {"cpus_available", json_type_int},  {"affinity", json_type_string},
        {"cores_physical", json_type_int},  {"cores_available", json_type_int},
        {"packages", json_type_int},        {"numa_nodes", json_type_int},
        {"topology_source", json_type_string}, {"cache_l1d_bytes", json_type_int},
        {"cache_l2_bytes", json_type_int},  {"cache_l3_bytes", json_type_int},
        {"mem_total_bytes", json_type_double}, {"cpufreq_min_mhz", json_type_double},
        {"cpufreq_max_mhz", json_type_double}, {"cpufreq_governor", json_type_string},
        {"cpufreq_driver", json_type_string},  {"cpufreq_boost", json_type_boolean},
    };
    const size_t n_want = sizeof want / sizeof want[0];

    /* A made-up Raspberry Pi 3: every field known. */
    struct sysinfo pi;
    memset(&pi, 0, sizeof pi);
    strcpy(pi.host, "pi3");
    strcpy(pi.os, "Linux");
    strcpy(pi.os_release, "6.1.21-v8+");
    strcpy(pi.os_pretty, "Debian GNU/Linux 11 (bullseye)");
    strcpy(pi.arch, "aarch64");
    strcpy(pi.board, "Raspberry Pi 3 Model B Rev 1.2");
    strcpy(pi.cpu_model, "ARM Cortex-A53");
    pi.cpus_online = pi.cpus_available = pi.cores_physical = pi.cores_available = 4;
    strcpy(pi.affinity, "0-3");
    pi.packages = pi.numa_nodes = 1;
    strcpy(pi.topology_source, "sysfs");
    pi.cache_l1d_bytes = 32768;
    pi.cache_l2_bytes = 524288;
    pi.cache_l3_bytes = 1;  /* stands in for a size, so that every key has a value */
    pi.mem_total_bytes = 948000768.0;
    pi.cpufreq_min_mhz = 600;
    pi.cpufreq_max_mhz = 1200;
    strcpy(pi.cpufreq_governor, "ondemand");
    strcpy(pi.cpufreq_driver, "cpufreq-dt");
    pi.cpufreq_boost = 0;
    json_object *m = machine_json(&pi);
    CHECK_INT(json_object_object_length(m), (long long)n_want);
    for (size_t i = 0; i < n_want; i++)
        member(m, want[i].key, want[i].type);
    CHECK_INT(json_object_get_int(member(m, "cores_physical", json_type_int)), 4);
    CHECK_INT(json_object_get_int64(member(m, "cache_l2_bytes", json_type_int)), 524288);
    CHECK_NEAR(json_object_get_double(member(m, "cpufreq_max_mhz", json_type_double)), 1200, 0);
    CHECK_STR(json_object_get_string(member(m, "board", json_type_string)), "Raspberry Pi 3 Model B Rev 1.2");
    CHECK_INT(json_object_get_boolean(member(m, "cpufreq_boost", json_type_boolean)), 0);
    json_object_put(m);

    /* A virtual machine that knows little: the unknowns are null, the counts still there. */
    pi.os_pretty[0] = pi.board[0] = pi.cpufreq_governor[0] = pi.cpufreq_driver[0] = '\0';
    pi.cores_available = pi.packages = pi.numa_nodes = 0;
    pi.cache_l1d_bytes = pi.cache_l2_bytes = pi.cache_l3_bytes = 0;
    pi.cpufreq_min_mhz = pi.cpufreq_max_mhz = 0;
    pi.cpufreq_boost = -1;
    strcpy(pi.topology_source, "none");
    m = machine_json(&pi);
    CHECK_INT(json_object_object_length(m), (long long)n_want);
    static const char *const nulls[] = {"os_pretty", "board", "cores_available", "packages", "numa_nodes",
                                        "cache_l1d_bytes", "cache_l2_bytes", "cache_l3_bytes", "cpufreq_min_mhz",
                                        "cpufreq_max_mhz", "cpufreq_governor", "cpufreq_driver", "cpufreq_boost"};
    for (size_t i = 0; i < sizeof nulls / sizeof nulls[0]; i++)
        member(m, nulls[i], json_type_null);
    CHECK_INT(json_object_get_int(member(m, "cpus_available", json_type_int)), 4);
    json_object_put(m);

    /* This machine: the types of what is known, and the counts as read. */
    struct sysinfo si;
    sysinfo_read(&si);
    m = machine_json(&si);
    CHECK_INT(json_object_object_length(m), (long long)n_want);
    for (size_t i = 0; i < n_want; i++) {
        json_object *v = NULL;
        CHECK(json_object_object_get_ex(m, want[i].key, &v));
        CHECK(v == NULL || json_object_get_type(v) == want[i].type);
    }
    CHECK_INT(json_object_get_int(member(m, "cpus_available", json_type_int)), si.cpus_available);
    CHECK_STR(json_object_get_string(member(m, "affinity", json_type_string)), si.affinity);
    json_object_put(m);
}

static void check_sample_json(void)
{
    struct sysinfo_sample s = {0};
    s.have = SYSINFO_HAVE_TEMP | SYSINFO_HAVE_THROTTLED;
    s.temp_c = 61.2;
    s.throttled = 0x50005;
    json_object *o = machine_sample_json(&s);
    CHECK_INT(json_object_object_length(o), 4);
    CHECK_NEAR(json_object_get_double(member(o, "temp_c", json_type_double)), 61.2, 0);
    member(o, "cpu_mhz", json_type_null);
    member(o, "throttle_count", json_type_null);
    json_object *t = member(o, "throttled", json_type_object);
    CHECK_STR(json_object_get_string(member(t, "raw", json_type_string)), "0x50005");
    json_object *now = member(t, "now", json_type_array), *boot = member(t, "since_boot", json_type_array);
    CHECK_INT(json_object_array_length(now), 2);
    CHECK_STR(json_object_get_string(json_object_array_get_idx(now, 0)), "under_voltage");
    CHECK_STR(json_object_get_string(json_object_array_get_idx(now, 1)), "throttled");
    CHECK_INT(json_object_array_length(boot), 2);
    json_object_put(o);

    s.have = SYSINFO_HAVE_MHZ | SYSINFO_HAVE_THROTTLE_COUNT;
    s.cpu_mhz = 2400;
    s.throttle_count = 12;
    o = machine_sample_json(&s);
    member(o, "temp_c", json_type_null);
    member(o, "throttled", json_type_null);
    CHECK_NEAR(json_object_get_double(member(o, "cpu_mhz", json_type_double)), 2400, 0);
    CHECK_INT(json_object_get_int64(member(o, "throttle_count", json_type_int)), 12);
    json_object_put(o);
}

/* Prints to a temporary file and reads it back into buf. Returns the number of lines, or -1. */
static int print_lines(const struct sysinfo *si, const struct sysinfo_sample *s, char *buf, size_t size)
{
    FILE *f = tmpfile();
    if (f == NULL)
        return -1;
    info_print(f, si, s);
    rewind(f);
    size_t n = fread(buf, 1, size - 1, f);
    fclose(f);
    buf[n] = '\0';
    int lines = 0;
    for (size_t i = 0; i < n; i++)
        lines += buf[i] == '\n';
    CHECK(n > 0 && buf[n - 1] == '\n');
    return lines;
}

static void check_info(void)
{
    static char buf[16384];
    struct sysinfo si;
    struct sysinfo_sample s;
    sysinfo_read(&si);
    sysinfo_sample(&s);
    int lines = print_lines(&si, &s, buf, sizeof buf);
    CHECK(lines >= 8 && lines <= 30);
    CHECK(strstr(buf, si.host) != NULL);
    CHECK(strstr(buf, "topology") != NULL);
    fputs(buf, stdout);  /* what this machine shows, for the log */

    /* Everything known, many OMP variables: still one screen, and the words are there. */
    static char envs[SYSINFO_ENV_MAX][32];
    for (int i = 0; i < SYSINFO_ENV_MAX; i++) {
        snprintf(envs[i], sizeof envs[i], "OMP_VAR%d=1", i);
        si.omp_env[i] = envs[i];
    }
    si.n_omp_env = SYSINFO_ENV_MAX;
    strcpy(si.board, "Raspberry Pi 3 Model B Rev 1.2");
    si.cpufreq_min_mhz = 600;
    si.cpufreq_max_mhz = 1200;
    strcpy(si.cpufreq_governor, "ondemand");
    si.cache_l2_bytes = 524288;
    s.have = SYSINFO_HAVE_TEMP | SYSINFO_HAVE_MHZ | SYSINFO_HAVE_THROTTLED;
    s.temp_c = 81.5;
    s.cpu_mhz = 600;
    s.throttled = 0x50005;
    lines = print_lines(&si, &s, buf, sizeof buf);
    CHECK(lines >= 8 && lines <= 30);
    CHECK(strstr(buf, "Raspberry Pi 3 Model B Rev 1.2") != NULL);
    CHECK(strstr(buf, "600-1200 MHz, governor ondemand") != NULL);
    CHECK(strstr(buf, "L2 512 KiB") != NULL);
    CHECK(strstr(buf, "81.5 C") != NULL);
    CHECK(strstr(buf, "under-voltage, throttled now; under-voltage, throttled since boot (Pi firmware 0x50005)") != NULL);
    CHECK(strstr(buf, "OMP_VAR63=1") != NULL);

    int without_sample = print_lines(&si, NULL, buf, sizeof buf);
    CHECK_INT(without_sample, lines - 3);
    CHECK(strstr(buf, "temperature") == NULL);
}

int main(int argc, char **argv)
{
#ifdef __linux__
    if (argc == 4 && strcmp(argv[1], "--expect") == 0)
        return expect_affinity(argv[2], argv[3]);
#else
    (void)argc;
    (void)argv;
#endif
    check_cpulist();
    check_size();
    check_throttled();
    check_throttled_between();
    check_pretty_name();
    check_arm_names();
    check_read();
#ifdef __linux__
    check_affinity();
#endif
    check_sample();
    check_machine_json();
    check_sample_json();
    check_info();
    return check_report("test_sysinfo");
}
