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

int placement_places_cpus(unsigned char *cpus, int n)
{
    memset(cpus, 0, (size_t)n);
    int marked = 0;
#if _OPENMP >= 201511
    int *ids = malloc((size_t)n * sizeof *ids);
    for (int p = 0; ids != NULL && p < omp_get_num_places(); p++) {
        int k = omp_get_place_num_procs(p);
        if (k < 1 || k > n)
            continue;
        omp_get_place_proc_ids(p, ids);
        for (int i = 0; i < k; i++)
            if (ids[i] >= 0 && ids[i] < n && !cpus[ids[i]]) {
                cpus[ids[i]] = 1;
                marked++;
            }
    }
    free(ids);
#endif
    return marked;
}

int placement_unpin(void)
{
#if defined(__linux__)
    cpu_set_t set;
    unsigned char places[CPU_SETSIZE];
    if (sched_getaffinity(0, sizeof set, &set) != 0)
        return -1;
    placement_places_cpus(places, CPU_SETSIZE);
    for (int c = 0; c < CPU_SETSIZE; c++)
        if (places[c])
            CPU_SET(c, &set);
    return sched_setaffinity(0, sizeof set, &set) == 0 ? 0 : -1;
#else
    return -1;
#endif
}

int placement_bound(const struct placement *p)
{
    return strcmp(p->proc_bind, "false") != 0 && strcmp(p->proc_bind, "unknown") != 0;
}
