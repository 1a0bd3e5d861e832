/* share.h -- each thread's share of a kernel's parallel loop, recorded the same way in every
 * kernel: the time from its entry into the parallel region to the end of its last chunk (its
 * "useful" time, as the POP metrics call it), and the iterations and chunks it took.
 *
 * The runner passes a share_team to run_parallel; NULL records nothing. A kernel's loop becomes
 * a parallel region whose loop has `nowait`, so a thread's time ends with its last chunk and
 * not with the wait at the closing barrier:
 *
 *     #pragma omp parallel
 *     {
 *         struct share_mark mark = share_begin(team);
 *     #pragma omp for schedule(runtime) nowait
 *         for (long i = 0; i < n; i++) {
 *             share_iteration(&mark);
 *             ...
 *         }
 *         share_end(team, &mark);
 *     }
 *
 * Cost: two clock reads and one write of its slot per thread per run, and a counter increment
 * per iteration (a local that compilers keep in a register; loops still vectorise). The scheduler's
 * hand-out between a thread's chunks falls inside its useful time: telling it apart would take a
 * clock read per chunk. Chunks are counted from the iterations, exactly, where the schedule fixes
 * the chunk size (static and dynamic: every chunk holds `chunk` iterations but the loop's last one;
 * static with the default chunk gives each thread one block); guided and auto hand out chunks of
 * varying size, so their chunks are not counted (-1). Portable OpenMP only: no OMPT, which libgomp
 * lacks. With MPI ranks, each rank's team records its own threads.
 */
#ifndef OMPSCALE_SHARE_H
#define OMPSCALE_SHARE_H

#include <omp.h>

/* One thread's share, summed over the runs since the runner cleared it. Written once per run, at
 * the thread's end, so neighbouring slots in one cache line cost nothing measurable. */
struct share_slot {
    double useful_s;        /* region entry to the end of its last chunk */
    long long iterations;   /* loop iterations it ran (64 bits: summed over runs, also on armhf) */
    long long chunks;       /* chunks it took; -1: not counted (guided, auto) */
};

/* What the runner hands run_parallel: a slot per thread and the clock it times samples with. */
struct share_team {
    struct share_slot *slots;    /* n_slots of them, thread t in slots[t] */
    int n_slots;
    double (*now_s)(void *ctx);  /* the runner's clock, in seconds */
    void *clock_ctx;
};

/* One thread's bookkeeping during a run: a local of the parallel region. */
struct share_mark {
    double t0_s;                 /* when the thread entered the region */
    long iterations;
    long chunk;                  /* iterations per chunk; 0: one block; -1: chunks not counted */
};

/* Starts a thread's share: call first thing in the parallel region. */
static inline struct share_mark share_begin(const struct share_team *team)
{
    struct share_mark mark = {0, 0, -1};
    if (team == NULL || team->slots == NULL)
        return mark;
    omp_sched_t kind;
    int chunk;
    omp_get_schedule(&kind, &chunk);
    switch ((int)((unsigned)kind & ~(unsigned)omp_sched_monotonic)) {
    case omp_sched_static: mark.chunk = chunk > 0 ? chunk : 0; break;
    case omp_sched_dynamic: mark.chunk = chunk > 0 ? chunk : 1; break;  /* the default dynamic chunk is 1 */
    default: break;
    }
    mark.t0_s = team->now_s(team->clock_ctx);
    return mark;
}

/* Counts one iteration of the thread's share. */
static inline void share_iteration(struct share_mark *mark)
{
    mark->iterations++;
}

/* Ends a thread's share after its last chunk (the loop has `nowait`) and adds it to its slot. */
static inline void share_end(const struct share_team *team, const struct share_mark *mark)
{
    if (team == NULL || team->slots == NULL)
        return;
    double t1_s = team->now_s(team->clock_ctx);
    int t = omp_get_thread_num();
    if (t >= team->n_slots)
        return;
    struct share_slot *slot = &team->slots[t];
    long chunks = mark->chunk < 0    ? -1
                  : mark->chunk == 0 ? (mark->iterations > 0)
                                     : (mark->iterations + mark->chunk - 1) / mark->chunk;
    slot->useful_s += t1_s - mark->t0_s;
    slot->iterations += mark->iterations;
    slot->chunks = slot->chunks < 0 || chunks < 0 ? -1 : slot->chunks + chunks;
}

#endif
