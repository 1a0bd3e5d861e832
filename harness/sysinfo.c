/* sysinfo.c -- facts about this machine and process that results depend on.
 * Linux-first, with portable fallbacks (OpenMP's processor count, POSIX sysconf). */
#define _GNU_SOURCE
#include <ctype.h>
#include <omp.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>
#ifdef __linux__
#include <sched.h>
#endif

#include "sysinfo.h"

extern char **environ;

/* Reads the CPU model name from /proc/cpuinfo: x86 says "model name", Arm boards "Model"
 * (the board) or "Hardware". */
static void read_cpu_model(char *buf, size_t size)
{
    static const char *const keys[] = {"model name", "Model", "Hardware", "cpu model", "Processor"};
    FILE *f = fopen("/proc/cpuinfo", "r");
    buf[0] = '\0';
    if (f == NULL)
        return;
    char line[512];
    int best = (int)(sizeof keys / sizeof keys[0]);
    while (fgets(line, sizeof line, f)) {
        for (int k = 0; k < best; k++) {
            size_t len = strlen(keys[k]);
            if (strncmp(line, keys[k], len) == 0 && (line[len] == ' ' || line[len] == '\t' || line[len] == ':')) {
                char *colon = strchr(line, ':');
                if (colon == NULL)
                    continue;
                colon++;
                while (isspace((unsigned char)*colon))
                    colon++;
                colon[strcspn(colon, "\n")] = '\0';
                snprintf(buf, size, "%s", colon);
                best = k;
            }
        }
    }
    fclose(f);
}

static void read_affinity(struct sysinfo *s)
{
#ifdef __linux__
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0) {
        s->cpus_available = CPU_COUNT(&set);
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

void sysinfo_read(struct sysinfo *s)
{
    memset(s, 0, sizeof *s);
    if (gethostname(s->host, sizeof s->host - 1) != 0)
        strcpy(s->host, "unknown");
    struct utsname u;
    if (uname(&u) == 0) {
        snprintf(s->os, sizeof s->os, "%s", u.sysname);
        snprintf(s->os_release, sizeof s->os_release, "%s", u.release);
        snprintf(s->arch, sizeof s->arch, "%s", u.machine);
    }
    read_cpu_model(s->cpu_model, sizeof s->cpu_model);
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    s->cpus_online = online > 0 ? (int)online : omp_get_num_procs();
    read_affinity(s);
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
