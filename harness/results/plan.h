/* plan.h -- what a run will measure, resolved and validated before anything runs:
 * kernels with their parameter values, chunk sizes in iterations, thread counts, schedules;
 * and the list of measurement jobs the runner executes.
 *
 * Jobs come in instances: one kernel state set up once and shared by its jobs, the serial
 * baseline first. A kernel's main run is one instance; weak scaling has one per thread count,
 * the size scan one per size. The runner samples an instance's jobs in rounds (interleaved) or
 * one after the other (sequential), one instance at a time, so one state is in memory. */
#ifndef OMPSCALE_PLAN_H
#define OMPSCALE_PLAN_H

#include <stddef.h>

#include "hosts.h"
#include "kernel.h"
#include "parse.h"
#include "schedule.h"
#include "warnings.h"

enum { PLAN_KERNELS_MAX = 32, PLAN_SCAN_MAX = 64, PLAN_SCAN_PER_DECADE = 4 };

struct plan_chunk {
    long iterations;                 /* 0: the implementation's default chunk */
    char label[CHUNK_LABEL_MAX];     /* as written: "1", "row", "4row", "default" */
};

struct plan_kernel {
    const struct kernel *kernel;
    double values[KERNEL_MAX_PARAMS];
    struct plan_chunk chunks[LIST_MAX];
    int n_chunks;
    double scan_sizes[PLAN_SCAN_MAX];  /* the kernel's scan_param values, ascending; none: no scan */
    int n_scan;
};

/* The order in which an instance's configurations are sampled. The zero value is sequential, so
 * a plan made by hand measures as ompscale did before rounds; plan_build defaults to interleaved. */
enum plan_order {
    PLAN_ORDER_SEQUENTIAL,           /* each configuration's samples back to back, one after another */
    PLAN_ORDER_INTERLEAVED,          /* rounds: one sample of every configuration still running, in a
                                        fresh random order from the seed */
};

struct plan {
    struct plan_kernel kernels[PLAN_KERNELS_MAX];
    int n_kernels;
    int threads[THREADS_MAX];
    int n_threads;
    enum sched_kind schedules[SCHED_COUNT];
    int n_schedules;
    long reps, warmup;
    long max_reps;                   /* == reps when fixed; else the adaptive cap */
    double ci_target;                /* adaptive: CI width / median to reach */
    double serial_fraction;          /* injected serial part of each kernel's serial time */
    int weak;                        /* weak scaling: each thread count p runs a problem p times larger */
    enum kernel_class class;
    int cpus_available;
    int overhead;                    /* measure OpenMP's own costs (overhead.csv) after the kernels */
    int overhead_n_threads;          /* ... at the first this many thread counts */
    enum plan_order order;           /* --order */
    unsigned long long seed;         /* --seed: the rounds' random orders; recorded so a run repeats */
    /* A hybrid MPI run (an MPI build under mpirun or srun): the rank counts each parallel
     * configuration runs at, its loop split over the first r ranks; and where the ranks run. A plan
     * without them (n_ranks 0, hosts NULL) is one process, as every plan was before MPI. */
    int ranks[THREADS_MAX];
    int n_ranks;
    const struct hosts *hosts;
};

/* A set-up kernel state and the jobs that share it (jobs[first_job .. first_job + n_jobs - 1],
 * the serial baseline first). */
struct plan_instance {
    int kernel;                      /* index into plan->kernels */
    double values[KERNEL_MAX_PARAMS];  /* setup's parameter values */
    double scan_size;                /* size-scan value of scan_param; 0: not the scan */
    double weak_size;                /* weak scaling: weak_param's value; 0: strong */
    int threads;                     /* weak scaling: the thread count the size is for; else 0 */
    int first_job, n_jobs;
    int serial_section;              /* 1: --serial-fraction applies (main and weak runs, not the scan) */
    int keep_outputs;                /* 1: save the kernel's artefacts and data table from this one */
};

/* One configuration to measure: schedule x chunk x threads on an instance. */
struct plan_job {
    int instance;                    /* index into plan_jobs.instances */
    enum sched_kind schedule;        /* SCHED_SERIAL: the instance's baseline */
    struct plan_chunk chunk;         /* empty label for the serial baseline */
    int threads;                     /* 1 for the serial baseline */
    int ranks;                       /* ranks the loop is split over; 1 for the serial baseline */
};

struct plan_jobs {
    struct plan_instance *instances;
    int n_instances;
    struct plan_job *jobs;
    int n_jobs;
};

/* Lists the jobs of plan p, per kernel: its main run (or weak-scaling sizes), then its size scan.
 * Returns 0, or -1 when out of memory (*out is then empty). */
int plan_jobs_build(const struct plan *p, struct plan_jobs *out);
void plan_jobs_free(struct plan_jobs *j);

/* The chunks a kernel runs under schedule kind: auto takes no chunk, so it has one, the
 * runtime's default; dynamic and guided skip "default" when the list has 1, which is their
 * default chunk. */
int plan_n_chunks(const struct plan_kernel *pk, enum sched_kind kind);
const struct plan_chunk *plan_chunk_at(const struct plan_kernel *pk, enum sched_kind kind, int c);
/* 1 when a team of threads has more threads than the CPUs this process may use (they share
 * cores): the one definition every writer and chart uses. */
int plan_oversubscribed(const struct plan *p, int threads);
/* The same for a loop split over the first ranks ranks with a team of threads each: 1 when a
 * rank's team has more threads than its CPUs, or the teams on one host more threads than that
 * host's CPUs (its CPUs online, or fewer when the ranks' affinity masks allow fewer in all). At
 * one rank it is plan_oversubscribed. */
int plan_oversubscribed_at(const struct plan *p, int ranks, int threads);
/* The rank counts of the plan: p->ranks, or the one rank of a plan without them. */
int plan_n_ranks(const struct plan *p);
int plan_ranks_at(const struct plan *p, int i);
/* The longest kernel name of the plan, for aligned columns. */
int plan_name_width(const struct plan *p);
/* Number of measurements the plan makes (serial baselines and size scans included): the
 * number of jobs plan_jobs_build lists. */
int plan_n_measurements(const struct plan *p);
/* Formats kernel parameter i's value for display. */
void plan_format_value(const struct kernel_param *param, double value, char *buf, size_t size);

#endif
