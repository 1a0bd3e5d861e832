/* runner.c -- runs a plan: time, verify, record.
 *
 * Only the kernel's run function is inside the timed region. reset() before a parallel run
 * and verify() after it happen outside, so a run that skips work cannot pass and checking
 * costs no time. Warm-up runs wake the thread team at its new size and are discarded.
 */
#include <stdio.h>

#include "clock.h"
#include "runner.h"

/* Times one run of the kernel, serial or under the schedule already applied. */
static double time_run(const struct kernel *k, void *state, int parallel)
{
    if (parallel)
        k->reset(state);
    double t0 = clock_now_s();
    if (parallel)
        k->run_parallel(state);
    else
        k->run_serial(state);
    return clock_now_s() - t0;
}

static void measure(const struct plan *p, const struct kernel *k, void *state, struct results *r,
                    struct measurement *m, const struct runner_hooks *h)
{
    int parallel = m->schedule != SCHED_SERIAL;
    if (parallel)
        schedule_apply(m->schedule, m->chunk, m->threads);
    for (long w = 0; w < p->warmup; w++)
        time_run(k, state, parallel);
    for (int i = 0; i < m->n; i++) {
        m->elapsed_s[i] = time_run(k, state, parallel);
        m->verified[i] = 1;  /* the serial output is the reference */
        char why[512];
        if (parallel && k->verify(state, why, sizeof why) != 0) {
            m->verified[i] = 0;
            r->n_verify_failed++;
            if (h && h->verify_failed)
                h->verify_failed(h->ctx, r, m, why);
        }
    }
}

int runner_run(const struct plan *p, const char *dir, struct results *r, const struct runner_hooks *h, char *err,
               size_t err_size)
{
    int total = plan_n_measurements(p), index = 0;
    double t_start = clock_now_s();
    r->clock_granularity_s = clock_granularity_s();

    for (int ki = 0; ki < p->n_kernels; ki++) {
        const struct plan_kernel *pk = &p->kernels[ki];
        const struct kernel *k = pk->kernel;
        void *state = NULL;
        if (k->setup(&state, pk->values, dir) != 0) {
            snprintf(err, err_size, "%s: setup failed: out of memory or files (try a smaller --class)", k->name);
            return -1;
        }
        int first = r->n;
        for (int s = -1; s < p->n_schedules; s++) {
            enum sched_kind kind = s < 0 ? SCHED_SERIAL : p->schedules[s];
            int n_chunks = s < 0 ? 1 : plan_n_chunks(pk, kind);
            for (int c = 0; c < n_chunks; c++) {
                const struct plan_chunk *chunk = s < 0 ? NULL : plan_chunk_at(pk, kind, c);
                int n_threads = s < 0 ? 1 : p->n_threads;
                for (int t = 0; t < n_threads; t++) {
                    struct measurement *m =
                        results_add(r, ki, kind, chunk, s < 0 ? 1 : p->threads[t], (int)p->reps);
                    if (m == NULL) {
                        k->teardown(state);
                        snprintf(err, err_size, "out of memory");
                        return -1;
                    }
                    if (h && h->before)
                        h->before(h->ctx, r, m, index, total);
                    measure(p, k, state, r, m, h);
                    if (s < 0)
                        m->work = k->work(state);
                    else
                        m->work = r->m[first].work;
                    if (results_summarize(m) != 0) {
                        k->teardown(state);
                        snprintf(err, err_size, "out of memory");
                        return -1;
                    }
                    if (h && h->after)
                        h->after(h->ctx, r, m, index, total);
                    index++;
                }
            }
        }
        char why[512];
        if (k->save != NULL && k->save(state, dir, why, sizeof why) != 0)
            warnings_add(&r->warnings, "%s: could not save its output: %s", k->name, why);
        k->teardown(state);
    }
    r->wall_s = clock_now_s() - t_start;
    return 0;
}
