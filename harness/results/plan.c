/* plan.c -- questions about a plan: its chunks per schedule kind, its size, its values. */
#include <stdio.h>

#include "plan.h"

void plan_format_value(const struct kernel_param *param, double value, char *buf, size_t size)
{
    if (param->type == PARAM_REAL)
        snprintf(buf, size, "%.17g", value);
    else
        snprintf(buf, size, "%.0f", value);
}

/* Applies one --set to the kernel's values. Returns 0, or -1 with err set. */
int plan_oversubscribed(const struct plan *p, int threads)
{
    return threads > p->cpus_available;
}

int plan_n_chunks(const struct plan_kernel *pk, enum sched_kind kind)
{
    return kind == SCHED_AUTO ? 1 : pk->n_chunks;
}

const struct plan_chunk *plan_chunk_at(const struct plan_kernel *pk, enum sched_kind kind, int c)
{
    static const struct plan_chunk runtime_default = {0, "default"};
    return kind == SCHED_AUTO ? &runtime_default : &pk->chunks[c];
}

int plan_n_measurements(const struct plan *p)
{
    int n = 0;
    for (int i = 0; i < p->n_kernels; i++) {
        n += p->weak ? p->n_threads : 1;  /* serial baselines: one per size in weak scaling */
        for (int s = 0; s < p->n_schedules; s++)
            n += plan_n_chunks(&p->kernels[i], p->schedules[s]) * p->n_threads;
        n += p->kernels[i].n_scan * (1 + p->n_threads);
    }
    return n;
}
