/* placement.h -- where OpenMP threads run: the binding the runtime applies and the CPU each
 * thread of one team was on. */
#ifndef OMPSCALE_PLACEMENT_H
#define OMPSCALE_PLACEMENT_H

#include "parse.h"

struct placement {
    char bind[16];                   /* what the run asked for: close, spread, none (--bind), or env:
                                        OMP_PROC_BIND and OMP_PLACES as the user set them */
    char proc_bind[16];              /* the runtime's bind-var (omp_get_proc_bind): false, true,
                                        primary, close, spread */
    char places[128];                /* OMP_PLACES; "" when unset */
    int n_places;                    /* omp_get_num_places(); 0 when the runtime has none */
    int thread_cpus[THREADS_MAX];    /* CPU each thread of the team was on (sched_getcpu); -1 unknown */
    int n_thread_cpus;               /* the team's size */
};

/* Reads the runtime's binding into p (all but bind) and runs one parallel region of threads
 * threads, recording where each ran. Call it outside parallel regions. Returns the team size the
 * runtime gave, 0 when threads is out of range (1..THREADS_MAX). */
int placement_read(struct placement *p, int threads);
/* Widens this thread's CPU mask to every CPU of the OpenMP places as well: the process's CPUs
 * before a binding runtime pinned the initial thread to its first place (a mask execv would
 * pass on). A runtime that pinned the thread to GOMP_CPU_AFFINITY's or OMP_PLACES' list leaves
 * only those CPUs known. Returns 0, or -1 when the mask cannot be read or set (nothing to do off Linux). */
int placement_unpin(void);
/* Marks in cpus[0, n) (1: in some place) every CPU of the OpenMP runtime's places, which together
 * cover the process's CPUs even when the runtime has pinned the initial thread to the first place.
 * Returns how many it marked: 0 without places (or before OpenMP 4.5). */
int placement_places_cpus(unsigned char *cpus, int n);
/* 1 when the runtime binds threads to places (proc_bind is neither false nor unknown). */
int placement_bound(const struct placement *p);

#endif
