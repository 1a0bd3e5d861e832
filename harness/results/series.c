/* series.c -- best series and points of a series, found in the results. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "series.h"

int series_kernel_index(const struct results *r, const char *name)
{
    for (int k = 0; k < r->plan->n_kernels; k++)
        if (strcmp(r->plan->kernels[k].kernel->name, name) == 0)
            return k;
    return -1;
}

const struct results_fit *series_best(const struct results *r, int kernel)
{
    for (int i = 0; i < r->n_fits; i++)
        if (r->fits[i].kernel == kernel && r->fits[i].best)
            return &r->fits[i];
    return NULL;
}

static int verified(const struct measurement *m)
{
    for (int i = 0; i < m->n; i++)
        if (!m->verified[i])
            return 0;
    return 1;
}

const struct measurement *series_best_of_kind(const struct results *r, int kernel, enum sched_kind kind)
{
    int top = 0;
    for (int i = 0; i < r->n; i++)
        if (r->m[i].kernel == kernel && !r->m[i].oversubscribed && results_cores(&r->m[i]) > top)
            top = results_cores(&r->m[i]);
    const struct measurement *best = NULL;
    double best_speedup = 0;
    for (int i = 0; i < r->n; i++) {
        const struct measurement *m = &r->m[i];
        struct derived d;
        if (m->kernel != kernel || results_cores(m) != top || m->schedule == SCHED_SERIAL || m->scan_size != 0 ||
            (kind != SCHED_COUNT && m->schedule != kind))
            continue;
        results_derive(r, m, &d);
        if (d.verified && d.speedup > best_speedup) {
            best_speedup = d.speedup;
            best = m;
        }
    }
    return best;
}

const struct measurement *series_best_config(const struct results *r, int kernel, struct derived *d)
{
    const struct measurement *best = NULL;
    for (int i = 0; i < r->n; i++) {
        const struct measurement *m = &r->m[i];
        struct derived md;
        if (m->kernel != kernel || m->schedule == SCHED_SERIAL || m->scan_size != 0 || m->oversubscribed ||
            m->ranks > 1 || !verified(m))
            continue;
        results_derive(r, m, &md);
        if (md.speedup == md.speedup && (best == NULL || md.speedup > d->speedup)) {
            best = m;
            *d = md;
        }
    }
    return best;
}

const struct measurement *series_point(const struct results *r, const struct results_fit *fit, int threads)
{
    for (int i = 0; i < r->n; i++) {
        const struct measurement *m = &r->m[i];
        if (m->kernel == fit->kernel && m->schedule == fit->schedule && m->chunk == fit->chunk &&
            m->scan_size == 0 && m->threads == threads && m->ranks <= 1 && strcmp(m->chunk_label, fit->chunk_label) == 0)
            return m;
    }
    return NULL;
}

const struct measurement *series_top(const struct results *r, const struct results_fit *fit)
{
    const struct measurement *top = NULL;
    for (int t = 0; t < r->plan->n_threads; t++) {
        const struct measurement *m = series_point(r, fit, r->plan->threads[t]);
        if (m != NULL && !m->oversubscribed && verified(m) && (top == NULL || m->threads > top->threads))
            top = m;
    }
    return top;
}

int series_fit_points_above_one(const struct results *r, const struct results_fit *fit)
{
    int n = 0;
    for (int t = 0; t < r->plan->n_threads; t++) {
        const struct measurement *m = series_point(r, fit, r->plan->threads[t]);
        n += m != NULL && m->threads > 1 && !m->oversubscribed && verified(m);
    }
    return n;
}

void series_name(enum sched_kind schedule, const char *chunk_label, char *buf, size_t size)
{
    if (chunk_label[0] == '\0' || strcmp(chunk_label, "default") == 0)
        snprintf(buf, size, "%s", schedule_name(schedule));
    else
        snprintf(buf, size, "%s,%s", schedule_name(schedule), chunk_label);
}

double series_simd_gain(const struct results *r, int kernel, int *base)
{
    const struct plan *p = r->plan;
    const char *name = p->kernels[kernel].kernel->name, *suffix = "_simd";
    size_t n = strlen(name), n_suffix = strlen(suffix);
    if (n <= n_suffix || strcmp(name + n - n_suffix, suffix) != 0)
        return NAN;
    for (int j = 0; j < p->n_kernels; j++) {
        const char *scalar_name = p->kernels[j].kernel->name;
        const struct measurement *simd = results_serial(r, kernel, 0), *scalar = results_serial(r, j, 0);
        if (strlen(scalar_name) != n - n_suffix || strncmp(scalar_name, name, n - n_suffix) != 0 || simd == NULL ||
            scalar == NULL)
            continue;
        struct derived ds, dc;
        results_derive(r, simd, &ds);
        results_derive(r, scalar, &dc);
        *base = j;
        return ds.throughput / dc.throughput;  /* throughput: right even when --set gave other sizes */
    }
    return NAN;
}
