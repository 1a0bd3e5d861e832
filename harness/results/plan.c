/* plan.c -- questions about a plan: its chunks per schedule kind, its size, its values, and the
 * list of jobs it makes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"

void plan_format_value(const struct kernel_param *param, double value, char *buf, size_t size)
{
    if (param->type == PARAM_REAL)
        snprintf(buf, size, "%.17g", value);
    else
        snprintf(buf, size, "%.0f", value);
}

int plan_name_width(const struct plan *p)
{
    int width = 0;
    for (int k = 0; k < p->n_kernels; k++)
        if ((int)strlen(p->kernels[k].kernel->name) > width)
            width = (int)strlen(p->kernels[k].kernel->name);
    return width;
}

int plan_oversubscribed(const struct plan *p, int threads)
{
    return threads > p->cpus_available;
}

int plan_oversubscribed_at(const struct plan *p, int ranks, int threads)
{
    const struct hosts *h = p->hosts;
    if (ranks <= 1 || h == NULL || ranks > h->n_ranks)
        return plan_oversubscribed(p, threads);
    for (int host = 0; host < h->n_hosts; host++) {
        long load = 0, cpus = 0;  /* threads the ranks on host run, CPUs their masks allow in all */
        for (int q = 0; q < ranks; q++) {
            if (h->rank_host[q] != host)
                continue;
            if (threads > h->rank_cpus[q])
                return 1;
            load += threads;
            cpus += h->rank_cpus[q];
        }
        if (load > (cpus < h->cpus_online[host] ? cpus : h->cpus_online[host]))
            return 1;
    }
    return 0;
}

int plan_n_ranks(const struct plan *p)
{
    return p->n_ranks > 0 ? p->n_ranks : 1;
}

int plan_ranks_at(const struct plan *p, int i)
{
    return p->n_ranks > 0 ? p->ranks[i] : 1;
}

/* 1 when chunk c says again what another chunk of the list says under kind: for dynamic and
 * guided the runtime's default chunk is 1 (OpenMP 5.2, 11.5.3), so "default" beside "1" would
 * measure the same loop twice. */
static int redundant(const struct plan_kernel *pk, enum sched_kind kind, int c)
{
    if ((kind != SCHED_DYNAMIC && kind != SCHED_GUIDED) || pk->chunks[c].iterations != 0)
        return 0;
    for (int i = 0; i < pk->n_chunks; i++)
        if (pk->chunks[i].iterations == 1)
            return 1;
    return 0;
}

int plan_n_chunks(const struct plan_kernel *pk, enum sched_kind kind)
{
    if (kind == SCHED_AUTO)
        return 1;
    int n = 0;
    for (int c = 0; c < pk->n_chunks; c++)
        n += !redundant(pk, kind, c);
    return n;
}

const struct plan_chunk *plan_chunk_at(const struct plan_kernel *pk, enum sched_kind kind, int c)
{
    static const struct plan_chunk runtime_default = {0, "default"};
    if (kind == SCHED_AUTO)
        return &runtime_default;
    for (int i = 0; i < pk->n_chunks; i++)
        if (!redundant(pk, kind, i) && c-- == 0)
            return &pk->chunks[i];
    return NULL;
}

int plan_n_measurements(const struct plan *p)
{
    int n = 0;
    for (int i = 0; i < p->n_kernels; i++) {
        n += p->weak ? p->n_threads : 1;  /* serial baselines: one per size in weak scaling */
        for (int s = 0; s < p->n_schedules; s++)
            n += plan_n_chunks(&p->kernels[i], p->schedules[s]) * p->n_threads * plan_n_ranks(p);
        n += p->kernels[i].n_scan * (1 + p->n_threads);
    }
    return n;
}

/* Appends an instance of kernel ki whose parameter at index pi (-1: none) is value; counts only
 * when j->instances is NULL. Returns the instance's index. */
static int add_instance(const struct plan *p, struct plan_jobs *j, int ki, int pi, double value)
{
    int i = j->n_instances++;
    if (j->instances == NULL)
        return i;
    struct plan_instance *in = &j->instances[i];
    memset(in, 0, sizeof *in);
    in->kernel = ki;
    for (int v = 0; v < p->kernels[ki].kernel->n_params; v++)
        in->values[v] = p->kernels[ki].values[v];
    if (pi >= 0)
        in->values[pi] = value;
    in->first_job = j->n_jobs;
    return i;
}

static void add_job(struct plan_jobs *j, int instance, enum sched_kind kind, const struct plan_chunk *chunk,
                    int threads, int ranks)
{
    int i = j->n_jobs++;
    if (j->jobs == NULL)
        return;
    struct plan_job *job = &j->jobs[i];
    memset(job, 0, sizeof *job);
    job->instance = instance;
    job->schedule = kind;
    if (chunk != NULL)
        job->chunk = *chunk;
    job->threads = threads;
    job->ranks = ranks;
    j->instances[instance].n_jobs++;
}

/* Lists (or, with NULL arrays, counts) the instances and jobs of plan p into j. */
static void list_jobs(const struct plan *p, struct plan_jobs *j)
{
    static const struct plan_chunk plain = {0, "default"};  /* the scan's plain parallel loop */
    for (int ki = 0; ki < p->n_kernels; ki++) {
        const struct plan_kernel *pk = &p->kernels[ki];
        const struct kernel *k = pk->kernel;
        int wi = p->weak ? kernel_param_index(k, k->weak_param) : -1;
        for (int t = 0; t < (p->weak ? p->n_threads : 1); t++) {
            /* weak: at p threads a problem p times larger, with its own baseline, at p threads only */
            double size = wi >= 0 ? pk->values[wi] * p->threads[t] : 0;
            int in = add_instance(p, j, ki, wi, size);
            if (j->instances != NULL) {
                j->instances[in].weak_size = size;
                j->instances[in].threads = wi >= 0 ? p->threads[t] : 0;
                j->instances[in].serial_section = 1;
                j->instances[in].keep_outputs = t == 0;  /* weak: the artefacts of the base size */
            }
            add_job(j, in, SCHED_SERIAL, NULL, 1, 1);
            for (int q = 0; q < plan_n_ranks(p); q++)  /* one rank first: the jobs of a plan without ranks */
                for (int s = 0; s < p->n_schedules; s++)
                    for (int c = 0; c < plan_n_chunks(pk, p->schedules[s]); c++)
                        for (int u = 0; u < p->n_threads; u++)
                            if (wi < 0 || u == t)
                                add_job(j, in, p->schedules[s], plan_chunk_at(pk, p->schedules[s], c),
                                        p->threads[u], plan_ranks_at(p, q));
        }
        int si = pk->n_scan > 0 ? kernel_param_index(k, k->scan_param) : -1;
        for (int z = 0; z < pk->n_scan; z++) {
            int in = add_instance(p, j, ki, si, pk->scan_sizes[z]);
            if (j->instances != NULL)
                j->instances[in].scan_size = pk->scan_sizes[z];
            add_job(j, in, SCHED_SERIAL, NULL, 1, 1);
            for (int u = 0; u < p->n_threads; u++)  /* the scan is OpenMP's break-even: one rank */
                add_job(j, in, SCHED_STATIC, &plain, p->threads[u], 1);
        }
    }
}

int plan_jobs_build(const struct plan *p, struct plan_jobs *out)
{
    struct plan_jobs count = {0};
    memset(out, 0, sizeof *out);
    list_jobs(p, &count);
    out->instances = calloc((size_t)count.n_instances + 1, sizeof *out->instances);
    out->jobs = calloc((size_t)count.n_jobs + 1, sizeof *out->jobs);
    if (out->instances == NULL || out->jobs == NULL) {
        plan_jobs_free(out);
        return -1;
    }
    list_jobs(p, out);
    return 0;
}

void plan_jobs_free(struct plan_jobs *j)
{
    free(j->instances);
    free(j->jobs);
    memset(j, 0, sizeof *j);
}
