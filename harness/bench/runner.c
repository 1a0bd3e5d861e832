/* runner.c -- runs a plan: time, verify, record.
 *
 * Only the kernel's run function is inside the timed region. reset() before a parallel
 * sample and verify() after it happen outside, so a run that skips work cannot pass and
 * checking costs no time. Warm-up runs are discarded; the last one also sizes `inner`, the
 * number of runs repeated back to back in one sample so that a sample lasts at least
 * RUNNER_MIN_SAMPLE_S, far above the clock's granularity. Unless --reps fixes the count,
 * samples are added past --reps while the median's 95% CI is wider than ci_target x median,
 * up to max_reps and RUNNER_ADAPTIVE_BUDGET_S (Phoronix's dynamic run count, with a cap).
 * Right before each parallel sample an
 * empty parallel region wakes the team, since idle OpenMP workers go to sleep (how soon
 * depends on OMP_WAIT_POLICY, which meta.json records): samples time a warm team.
 *
 * With --serial-fraction F, every timed run (serial and parallel) also spins for a fixed time
 * on one thread, outside any parallel region: F T / (1 - F), where T is the kernel's serial run
 * time calibrated before its baseline, so that F of the serial time is serial (Amdahl's model).
 *
 * Per kernel: the serial baseline, every schedule x chunk x thread count, then, for kernels
 * with a scan parameter, a size scan (serial and static at each thread count per size).
 */
#include <math.h>
#include <stdio.h>

#include "clock.h"
#include "overhead.h"
#include "runner.h"
#include "stats.h"

#define RUNNER_MAX_INNER 1000000L

struct context {
    const struct plan *p;
    struct results *r;
    const struct runner_hooks *h;
    int index, total;
    double serial_section_s;  /* the current kernel's injected serial part per run */
};

static void warm_team(void)
{
#pragma omp parallel
    {
        /* nothing: waking the team is the point */
    }
}

/* Busy-waits on this thread for seconds: a serial section of known length. */
static void serial_section(double seconds)
{
    double end = clock_now_s() + seconds;
    while (clock_now_s() < end)
        ;
}

/* Runs the kernel inner times back to back, each with the serial section; returns the seconds
 * per run. */
static double time_runs(const struct kernel *k, void *state, int parallel, long inner, double section_s)
{
    if (parallel) {
        k->reset(state);
        warm_team();
    }
    double t0 = clock_now_s();
    for (long i = 0; i < inner; i++) {
        if (section_s > 0)
            serial_section(section_s);
        if (parallel)
            k->run_parallel(state);
        else
            k->run_serial(state);
    }
    return (clock_now_s() - t0) / (double)inner;
}

/* Returns 1 when n samples are enough: the count is fixed, the cap or the time budget is
 * reached, or the median's CI is narrower than the target. */
static int precise_enough(const struct plan *p, const double *x, int n, double extra_s)
{
    struct stats_summary s;
    if (n >= p->max_reps || extra_s > RUNNER_ADAPTIVE_BUDGET_S || stats_summarize(x, n, &s) != 0)
        return 1;
    return 2 * stats_ci_halfwidth_rel(&s) <= p->ci_target;  /* the whole width against the target */
}

static void measure(struct context *cx, const struct kernel *k, void *state, struct measurement *m)
{
    int parallel = m->schedule != SCHED_SERIAL;
    if (parallel)
        schedule_apply(m->schedule, m->chunk, m->threads);
    double t = 0;
    for (long w = 0; w < cx->p->warmup; w++)
        t = time_runs(k, state, parallel, 1, cx->serial_section_s);
    if (cx->p->warmup > 0 && t < RUNNER_MIN_SAMPLE_S) {
        double inner = ceil(RUNNER_MIN_SAMPLE_S / (t > 1e-9 ? t : 1e-9));
        m->inner = inner > RUNNER_MAX_INNER ? RUNNER_MAX_INNER : (long)inner;
    }
    double spent_s = 0, fixed_s = 0;  /* timed so far; of that, the first --reps samples */
    int n = 0;
    while (n < m->n) {
        int i = n++;
        m->elapsed_s[i] = time_runs(k, state, parallel, m->inner, cx->serial_section_s);
        spent_s += m->elapsed_s[i] * (double)m->inner;
        m->verified[i] = 1;  /* the serial output is the reference */
        char why[512];
        if (parallel && k->verify(state, why, sizeof why) != 0) {
            m->verified[i] = 0;
            cx->r->n_verify_failed++;
            if (cx->h && cx->h->verify_failed)
                cx->h->verify_failed(cx->h->ctx, cx->r, m, why);
        }
        if (k->n_metrics > 0)
            k->metrics(state, &m->metrics[i * k->n_metrics]);
        if (n == cx->p->reps)
            fixed_s = spent_s;
        if (n >= cx->p->reps && precise_enough(cx->p, m->elapsed_s, n, spent_s - fixed_s))
            break;
    }
    m->n = n;
    if (m->elapsed_s[0] * (double)m->inner < 100 * cx->r->clock_granularity_s)
        warnings_add(&cx->r->warnings,
                     "%s: runs of %.3g s are under 100 clock ticks (%.3g s): use --warmup 1 or more so that short "
                     "runs are repeated inside each sample",
                     k->name, m->elapsed_s[0], cx->r->clock_granularity_s);
}

/* Adds, measures and reports one configuration. Returns 0, or -1 when out of memory. */
static int one(struct context *cx, int ki, void *state, enum sched_kind kind, const struct plan_chunk *chunk,
               int threads, double scan_size, double weak_size, int serial_index)
{
    const struct kernel *k = cx->p->kernels[ki].kernel;
    struct measurement *m = results_add(cx->r, ki, kind, chunk, threads, (int)cx->p->max_reps, k->n_metrics);
    if (m == NULL)
        return -1;
    m->scan_size = scan_size;
    m->weak_size = weak_size;
    m->n_iterations = k->n_iterations(state);
    if (cx->h && cx->h->before)
        cx->h->before(cx->h->ctx, cx->r, m, cx->index, cx->total);
    measure(cx, k, state, m);
    /* The serial run defines the work. An index, not a pointer: results_add may move r->m. */
    m->work = serial_index >= 0 ? cx->r->m[serial_index].work : k->work(state);
    m->bytes = k->bytes ? k->bytes(state) : 0;
    if (results_summarize(m) != 0)
        return -1;
    if (cx->h && cx->h->after)
        cx->h->after(cx->h->ctx, cx->r, m, cx->index, cx->total);
    cx->index++;
    return 0;
}

/* Sizes the injected serial section from the median of three untimed serial runs. */
static double calibrate_section(const struct plan *p, const struct kernel *k, void *state)
{
    double t[3];
    if (p->serial_fraction <= 0)
        return 0;
    for (int i = 0; i < 3; i++)
        t[i] = time_runs(k, state, 0, 1, 0);
    return p->serial_fraction * stats_median_inplace(t, 3) / (1 - p->serial_fraction);
}

/* The main run of one kernel: serial, then every schedule x chunk x thread count. */
static int run_main(struct context *cx, int ki, void *state)
{
    const struct plan *p = cx->p;
    const struct plan_kernel *pk = &p->kernels[ki];
    int serial_index = cx->r->n;
    cx->serial_section_s = cx->r->serial_section_s[ki] = calibrate_section(p, pk->kernel, state);
    if (one(cx, ki, state, SCHED_SERIAL, NULL, 1, 0, 0, -1) != 0)
        return -1;
    for (int s = 0; s < p->n_schedules; s++)
        for (int c = 0; c < plan_n_chunks(pk, p->schedules[s]); c++)
            for (int t = 0; t < p->n_threads; t++)
                if (one(cx, ki, state, p->schedules[s], plan_chunk_at(pk, p->schedules[s], c), p->threads[t], 0, 0,
                        serial_index) != 0)
                    return -1;
    return 0;
}

/* Saves a kernel's artefacts and keeps its data table; failures become warnings. */
static void keep_outputs(struct results *r, const struct kernel *k, void *state, const char *dir)
{
    char why[512];
    struct kernel_data data;
    if (k->save != NULL && k->save(state, dir, why, sizeof why) != 0)
        warnings_add(&r->warnings, "%s: could not save its output: %s", k->name, why);
    if (k->data != NULL && (k->data(state, &data) != 0 || results_keep_table(r, &data) != 0))
        warnings_add(&r->warnings, "%s: no data table: the kernel could not produce it", k->name);
}

/* Weak scaling: at each thread count p, a problem p times larger (the weak parameter times p),
 * with its own serial baseline and every schedule x chunk at p threads. The artefacts come
 * from the base size. */
static int run_weak(struct context *cx, int ki, const char *dir, char *err, size_t err_size)
{
    const struct plan *p = cx->p;
    const struct plan_kernel *pk = &p->kernels[ki];
    const struct kernel *k = pk->kernel;
    int wi = kernel_param_index(k, k->weak_param);
    for (int t = 0; t < p->n_threads; t++) {
        double values[KERNEL_MAX_PARAMS];
        void *state = NULL;
        for (int j = 0; j < k->n_params; j++)
            values[j] = pk->values[j];
        values[wi] *= p->threads[t];
        if (values[wi] > k->params[wi].max || k->setup(&state, values, dir) != 0) {
            snprintf(err, err_size, "%s: setup failed at %s=%.0f (weak scaling at %d threads): out of memory or range",
                     k->name, k->weak_param, values[wi], p->threads[t]);
            return -1;
        }
        if (t == 0)
            cx->serial_section_s = cx->r->serial_section_s[ki] = calibrate_section(p, k, state);
        int serial_index = cx->r->n;
        int rc = one(cx, ki, state, SCHED_SERIAL, NULL, 1, 0, values[wi], -1);
        for (int s = 0; s < p->n_schedules && rc == 0; s++)
            for (int c = 0; c < plan_n_chunks(pk, p->schedules[s]) && rc == 0; c++)
                rc = one(cx, ki, state, p->schedules[s], plan_chunk_at(pk, p->schedules[s], c), p->threads[t], 0,
                         values[wi], serial_index);
        if (rc == 0 && t == 0)
            keep_outputs(cx->r, k, state, dir);
        k->teardown(state);
        if (rc != 0) {
            snprintf(err, err_size, "out of memory");
            return -1;
        }
    }
    return 0;
}

/* The size scan: at each size, serial and the plain parallel loop (static, default chunk)
 * at each thread count. */
static int run_scan(struct context *cx, int ki, const char *dir, char *err, size_t err_size)
{
    static const struct plan_chunk plain = {0, "default"};
    const struct plan *p = cx->p;
    const struct plan_kernel *pk = &p->kernels[ki];
    const struct kernel *k = pk->kernel;
    int pi = kernel_param_index(k, k->scan_param);
    for (int z = 0; z < pk->n_scan; z++) {
        double values[KERNEL_MAX_PARAMS];
        void *state = NULL;
        for (int j = 0; j < k->n_params; j++)
            values[j] = pk->values[j];
        values[pi] = pk->scan_sizes[z];
        if (k->setup(&state, values, dir) != 0) {
            snprintf(err, err_size, "%s: setup failed at %s=%.0f: out of memory", k->name, k->scan_param,
                     values[pi]);
            return -1;
        }
        int serial_index = cx->r->n;
        int rc = one(cx, ki, state, SCHED_SERIAL, NULL, 1, values[pi], 0, -1);
        for (int t = 0; t < p->n_threads && rc == 0; t++)
            rc = one(cx, ki, state, SCHED_STATIC, &plain, p->threads[t], values[pi], 0, serial_index);
        k->teardown(state);
        if (rc != 0) {
            snprintf(err, err_size, "out of memory");
            return -1;
        }
    }
    return 0;
}

int runner_run(const struct plan *p, const char *dir, struct results *r, const struct runner_hooks *h, char *err,
               size_t err_size)
{
    struct context cx = {p, r, h, 0, plan_n_measurements(p), 0};
    double t_start = clock_now_s();
    r->clock_granularity_s = clock_granularity_s();

    for (int ki = 0; ki < p->n_kernels; ki++) {
        const struct kernel *k = p->kernels[ki].kernel;
        void *state = NULL;
        sysinfo_sample(&r->samples[ki][0]);  /* temperature, clock, throttling: outside timing */
        if (p->weak) {
            if (run_weak(&cx, ki, dir, err, err_size) != 0)
                return -1;
        } else {
            if (k->setup(&state, p->kernels[ki].values, dir) != 0) {
                snprintf(err, err_size, "%s: setup failed: out of memory or files (try a smaller --class)", k->name);
                return -1;
            }
            if (run_main(&cx, ki, state) != 0) {
                k->teardown(state);
                snprintf(err, err_size, "out of memory");
                return -1;
            }
            keep_outputs(r, k, state, dir);
            k->teardown(state);  /* before the scan, so only one instance is in memory */
        }
        cx.serial_section_s = 0;  /* the scan measures the kernel alone */
        if (p->kernels[ki].n_scan > 0 && run_scan(&cx, ki, dir, err, err_size) != 0)
            return -1;
        sysinfo_sample(&r->samples[ki][1]);
        if (sysinfo_throttled_between(&r->samples[ki][0], &r->samples[ki][1]) == 1)
            warnings_add(&r->warnings,
                         "%s: the CPU was throttled during its runs (heat or power), so its times are slower "
                         "than the machine can do: cool it (a heatsink or fan on a Pi) and run again",
                         k->name);
    }
    r->wall_s = clock_now_s() - t_start;
    return 0;
}

struct overhead_progress {
    void (*progress)(void *ctx);
    void *ctx;
};

static void on_overhead_row(void *ctx, const struct overhead_row *row)
{
    const struct overhead_progress *op = ctx;
    (void)row;
    if (op->progress)
        op->progress(op->ctx);
}

int runner_overhead(const struct plan *p, struct results *r, void (*progress)(void *ctx), void *ctx, char *err,
                    size_t err_size)
{
    struct overhead_config c;
    struct overhead_progress op = {progress, ctx};
    overhead_config_defaults(&c);
    c.threads = p->threads;
    c.n_threads = p->overhead_n_threads;
    if (p->n_kernels == 0)  /* the overhead command: --reps sets the samples */
        c.outer = (int)p->reps;
    int rc = overhead_run(&c, &r->overhead, &r->n_overhead, on_overhead_row, &op);
    if (rc != 0) {
        snprintf(err, err_size, "overhead: %s", overhead_strerror(rc));
        return -1;
    }
    for (int i = 0; i < r->n_overhead; i++)
        r->overhead[i].oversubscribed = plan_oversubscribed(p, r->overhead[i].threads);
    return 0;
}
