/* results.c -- the one results struct and the figures derived from it. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "results.h"

void results_init(struct results *r, const struct plan *p)
{
    memset(r, 0, sizeof *r);
    r->plan = p;
}

struct measurement *results_add(struct results *r, int kernel, enum sched_kind schedule,
                                const struct plan_chunk *chunk, int threads, int n)
{
    if (r->n == r->cap) {
        int cap = r->cap ? 2 * r->cap : 64;
        struct measurement *m = realloc(r->m, (size_t)cap * sizeof *m);
        if (m == NULL)
            return NULL;
        r->m = m;
        r->cap = cap;
    }
    struct measurement *m = &r->m[r->n];
    memset(m, 0, sizeof *m);
    m->elapsed_s = calloc((size_t)n, sizeof *m->elapsed_s);
    m->verified = calloc((size_t)n, sizeof *m->verified);
    if (m->elapsed_s == NULL || m->verified == NULL) {
        free(m->elapsed_s);
        free(m->verified);
        return NULL;
    }
    r->n++;
    m->kernel = kernel;
    m->schedule = schedule;
    m->chunk = chunk ? chunk->iterations : 0;
    strcpy(m->chunk_label, chunk ? chunk->label : "");
    m->threads = threads;
    m->n = n;
    m->oversubscribed = threads > r->plan->cpus_available;
    return m;
}

int results_summarize(struct measurement *m)
{
    return stats_summarize(m->elapsed_s, m->n, &m->summary);
}

const struct measurement *results_serial(const struct results *r, int kernel)
{
    for (int i = 0; i < r->n; i++)
        if (r->m[i].kernel == kernel && r->m[i].schedule == SCHED_SERIAL)
            return &r->m[i];
    return NULL;
}

/* The 1-thread measurement with m's kernel, schedule and chunk, or NULL. */
static const struct measurement *one_thread(const struct results *r, const struct measurement *m)
{
    for (int i = 0; i < r->n; i++) {
        const struct measurement *o = &r->m[i];
        if (o->kernel == m->kernel && o->schedule == m->schedule && o->chunk == m->chunk && o->threads == 1 &&
            strcmp(o->chunk_label, m->chunk_label) == 0)
            return o;
    }
    return NULL;
}

void results_derive(const struct results *r, const struct measurement *m, struct derived *d)
{
    const struct measurement *serial = results_serial(r, m->kernel);
    const struct measurement *one = m->schedule == SCHED_SERIAL ? NULL : one_thread(r, m);
    double t = m->summary.median;
    d->speedup = serial ? serial->summary.median / t : NAN;
    d->speedup_1thread = one ? one->summary.median / t : NAN;
    d->efficiency = d->speedup / m->threads;
    d->efficiency_1thread = d->speedup_1thread / m->threads;
    d->throughput = m->work / t;
    d->verified = 1;
    for (int i = 0; i < m->n; i++)
        d->verified &= m->verified[i];
}

void results_free(struct results *r)
{
    for (int i = 0; i < r->n; i++) {
        free(r->m[i].elapsed_s);
        free(r->m[i].verified);
    }
    free(r->m);
    r->m = NULL;
    r->n = r->cap = 0;
}
