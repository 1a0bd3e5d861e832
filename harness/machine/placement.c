/* placement.c -- where OpenMP threads run: the runtime's binding and one team's CPUs.
 * sched_getcpu() and the affinity calls are Linux's (glibc, musl); elsewhere the CPUs are recorded
 * as unknown (-1) and the mask is left alone. */
#define _GNU_SOURCE  /* sched_getcpu */
#include <omp.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "placement.h"

static int current_cpu(void)
{
#if defined(__linux__)
    return sched_getcpu();
#else
    return -1;
#endif
}

static const char *proc_bind_name(omp_proc_bind_t b)
{
    switch (b) {
    case omp_proc_bind_false: return "false";
    case omp_proc_bind_true: return "true";
    case omp_proc_bind_master: return "primary";
    case omp_proc_bind_close: return "close";
    case omp_proc_bind_spread: return "spread";
    }
    return "unknown";
}

int placement_read(struct placement *p, int threads)
{
    const char *places = getenv("OMP_PLACES");
    snprintf(p->proc_bind, sizeof p->proc_bind, "%s", proc_bind_name(omp_get_proc_bind()));
    snprintf(p->places, sizeof p->places, "%s", places ? places : "");
    p->n_places = omp_get_num_places();
    p->n_thread_cpus = 0;
    if (threads < 1 || threads > THREADS_MAX)
        return 0;
    for (int i = 0; i < threads; i++)
        p->thread_cpus[i] = -1;
    int team = 0;
#pragma omp parallel num_threads(threads)
    {
        int t = omp_get_thread_num();
        p->thread_cpus[t] = current_cpu();
#pragma omp single
        team = omp_get_num_threads();
    }
    p->n_thread_cpus = team;
    return team;
}

int placement_unpin(void)
{
#if defined(__linux__)
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) != 0)
        return -1;
    int ids[CPU_SETSIZE];
    for (int p = 0; p < omp_get_num_places(); p++) {
        int n = omp_get_place_num_procs(p);
        if (n < 1 || n > CPU_SETSIZE)
            continue;
        omp_get_place_proc_ids(p, ids);
        for (int i = 0; i < n; i++)
            if (ids[i] >= 0 && ids[i] < CPU_SETSIZE)
                CPU_SET(ids[i], &set);
    }
    return sched_setaffinity(0, sizeof set, &set) == 0 ? 0 : -1;
#else
    return -1;
#endif
}

int placement_bound(const struct placement *p)
{
    return strcmp(p->proc_bind, "false") != 0 && strcmp(p->proc_bind, "unknown") != 0;
}
