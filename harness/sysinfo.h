/* sysinfo.h -- facts about this machine and process that results depend on. */
#ifndef OMPSCALE_SYSINFO_H
#define OMPSCALE_SYSINFO_H

#include <stddef.h>

enum { SYSINFO_ENV_MAX = 64 };

struct sysinfo {
    char host[256];
    char os[128], os_release[128], arch[128];
    char cpu_model[256];
    int cpus_online;                 /* logical CPUs the OS has online */
    int cpus_available;              /* CPUs this process may run on (affinity mask) */
    char affinity[512];              /* the mask as a list: "0-3,6" */
    double mem_total_bytes;
    char *omp_env[SYSINFO_ENV_MAX];  /* OMP_* and runtime (GOMP_, KMP_) variables, "NAME=value" */
    int n_omp_env;
};

/* Fills s from the OS; fields that cannot be read are left empty or 0. */
void sysinfo_read(struct sysinfo *s);
/* The host name reduced to characters safe in a directory name. */
void sysinfo_host_slug(const struct sysinfo *s, char *buf, size_t size);
/* Value of an OMP variable recorded in s, or NULL. */
const char *sysinfo_omp_env(const struct sysinfo *s, const char *name);

#endif
