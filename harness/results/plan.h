/* plan.h -- what a run will measure, resolved and validated before anything runs:
 * kernels with their parameter values, chunk sizes in iterations, thread counts, schedules. */
#ifndef OMPSCALE_PLAN_H
#define OMPSCALE_PLAN_H

#include <stddef.h>

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
};

/* The chunks a kernel runs under schedule kind: auto takes no chunk, so it has one, the
 * runtime's default. */
int plan_n_chunks(const struct plan_kernel *pk, enum sched_kind kind);
const struct plan_chunk *plan_chunk_at(const struct plan_kernel *pk, enum sched_kind kind, int c);
/* 1 when a team of threads has more threads than the CPUs this process may use (they share
 * cores): the one definition every writer and chart uses. */
int plan_oversubscribed(const struct plan *p, int threads);
/* Number of measurements the plan makes (serial baselines and size scans included). */
int plan_n_measurements(const struct plan *p);
/* Formats kernel parameter i's value for display. */
void plan_format_value(const struct kernel_param *param, double value, char *buf, size_t size);

#endif
