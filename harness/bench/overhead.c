/* overhead.c -- EPCC-style micro-benchmark of OpenMP's own costs: a parallel region (fork/join),
 * a barrier, and the per-iteration cost of schedule(static|dynamic|guided, chunk).
 *
 * Method (Bull's syncbench and schedbench, with two changes that make it sound). Every construct
 * wraps a delay: a busy loop whose length is calibrated once to last about delay_ns. A test is
 *   parallel   inner x { #pragma omp parallel: delay }
 *   barrier    one region: inner x { delay; #pragma omp barrier }
 *   schedule   one region: inner x { omp for schedule(runtime) over iters_per_thread x threads
 *              iterations, each a delay }; the kind and chunk come from omp_set_schedule
 * and its reference is the same delays each thread runs in it, run by the same team in one
 * parallel region with nothing between them: inner x per_rep delays per thread, per_rep being 1,
 * or iters_per_thread for a schedule test. What the test takes beyond its
 * reference is the construct's cost, per construct; a schedule test counts inner x
 * iters_per_thread "constructs": its figure is the cost per iteration a thread runs (chunk
 * hand-out, plus the loop's closing barrier shared over the iterations); times iters_per_thread
 * it is EPCC's overhead per loop.
 * 1. The delays of one thread form a single dependency chain through memory: each call starts
 *    from the value the previous call stored in a volatile object and stores its own result
 *    there. A call therefore cannot begin before the one before it has finished, so back-to-back
 *    delays do not overlap in the pipeline, and a delay lasts the same in the reference as
 *    between the constructs of a test. Without the chain, calls overlap by an amount that depends
 *    on what surrounds them (the first version's delay took 60 to 85 ns of a nominal 100 back to
 *    back), and subtracting such a reference from a test skewed the schedule rows by tens of ns.
 *    Plain C: a volatile load after a volatile store, on every compiler and architecture. Each
 *    thread's chain is a slot of one heap array, CHAIN_STRIDE doubles (two cache lines) apart so
 *    that threads share no line; not an automatic variable, because gcc 12 drops the accesses to
 *    a volatile local declared inside a parallel region, and the delay with them.
 * 2. The reference runs on the team, not on one thread (EPCC runs it serially). Both last as
 *    long as their slowest thread, so a CPU slower than its sibling (a VM's vCPUs that change
 *    speed independently, a core shared with another process) slows reference and test alike,
 *    and its lag is not counted as the construct's cost. With a serial reference it was: static,8
 *    at 2 threads read 1.9, 18.6 and 6.6 ns per iteration in three runs on a 2-vCPU VM.
 *    (Under dynamic and guided a fast thread takes more of the iterations than its share, and
 *    the test can then beat the reference; such a row shows a cost below 0 or within noise.)
 * 3. The reference is timed with the tests, not once: each outer repetition times the reference
 *    and then the test, back to back, and its sample is (test - reference) / constructs. A drift
 *    in clock speed or load between repetitions moves both alike and cancels in the difference.
 * Inner repetitions start at 1 and double until the faster of two test runs lasts target_s (so
 * one run preempted by another process cannot stop the doubling); these sizing runs warm the
 * team and are discarded. median, min and sd are over the outer samples, with the distribution-
 * free interval for the median from stats_summarize; a row whose interval includes 0 is
 * within_noise: its cost could not be told apart from zero.
 *
 * CSV columns (overhead.csv), one row per construct x schedule x chunk x thread count:
 *   construct       parallel, barrier or schedule
 *   schedule        static, dynamic or guided; empty unless construct is schedule
 *   chunk           chunk size in loop iterations, given to omp_set_schedule; empty unless schedule
 *   threads         OpenMP team size
 *   oversubscribed  1 when threads exceeds the CPUs available (omp_get_num_procs())
 *   inner_reps      constructs (schedule: whole loops) timed back to back in one outer repetition
 *   outer_reps      timed outer repetitions: the samples the statistics are over
 *   median_s        overhead in seconds per construct (schedule: per iteration per thread)
 *   min_s           smallest sample of the same (the best case; may be below 0 within noise)
 *   sd_s            sample standard deviation of the samples
 *   reference_s     median seconds per delay of the row's reference runs (slowest thread): the work subtracted
 *   ci_low_s        lower end of the distribution-free interval for median_s
 *   ci_high_s       upper end of the same
 *   ci_level        the interval's actual coverage (>= 0.95 with 6 or more outer repetitions)
 *   within_noise    1 when the interval includes 0 (no cost told apart from noise), else 0
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "overhead.h"
#include "schedule.h"
#include "stats.h"

#define INNER_MAX (1L << 30)  /* stops the doubling should a test take no measurable time */
#define THREADS_LIMIT 4096
#define ITERS_LIMIT (1 << 24)
#define DELAY_NS_LIMIT 1000000
#define DELAY_LEN_MAX (1L << 26)  /* far more than 1 ms of real work: reaching it means no work */
#define CHAIN_STRIDE 16           /* doubles between two threads' chains: 128 bytes */

enum construct { C_PARALLEL, C_BARRIER, C_SCHEDULE };

static const char *const construct_names[] = {"parallel", "barrier", "schedule"};

struct test {
    enum construct construct;
    long delay_len;  /* delay() loop length */
    int n_iters;     /* schedule: loop length, iters_per_thread x threads */
    int per_rep;     /* constructs one inner repetition counts as, and the delays a thread runs in
                        it: 1, or iters_per_thread */
    volatile double *chains;  /* thread i's delay chain is chains[i * CHAIN_STRIDE] */
};

void overhead_config_defaults(struct overhead_config *c)
{
    *c = (struct overhead_config){.threads = NULL, .n_threads = 0, .outer = 20, .target_s = 1e-3,
                                  .delay_ns = 100, .iters_per_thread = 1024, .max_chunk = 1024};
}

static int n_chunks(int max_chunk)
{
    int n = 0;
    for (long chunk = 1; chunk <= max_chunk; chunk *= 2)
        n++;
    return n;
}

int overhead_n_rows(const struct overhead_config *c)
{
    return c->n_threads * (2 + (SCHED_GUIDED - SCHED_STATIC + 1) * n_chunks(c->max_chunk));
}

const char *overhead_strerror(int status)
{
    switch (status) {
    case 0: return "ok";
    case OVERHEAD_EINVAL:
        return "invalid configuration: needs threads 1..4096, outer >= 1, target_s > 0, delay_ns 0..1000000, "
               "iters_per_thread and max_chunk 1..16777216";
    case OVERHEAD_ENOMEM: return "out of memory";
    case OVERHEAD_ETEAM: return "the OpenMP runtime gave a smaller team than asked for (thread limit?)";
    case OVERHEAD_EDELAY: return "the delay loop takes no time: the compiler removed it (built with -ffast-math?)";
    default: return "unknown error";
    }
}

static int config_ok(const struct overhead_config *c)
{
    if (c->threads == NULL || c->n_threads < 1 || c->outer < 1 || !(c->target_s > 0) || !isfinite(c->target_s) ||
        c->delay_ns < 0 || c->delay_ns > DELAY_NS_LIMIT || c->iters_per_thread < 1 ||
        c->iters_per_thread > ITERS_LIMIT || c->max_chunk < 1 || c->max_chunk > ITERS_LIMIT)
        return 0;
    for (int i = 0; i < c->n_threads; i++)
        if (c->threads[i] < 1 || c->threads[i] > THREADS_LIMIT ||
            (long long)c->threads[i] * c->iters_per_thread > INT_MAX)
            return 0;
    return 1;
}

/* Busy work: n dependent floating-point additions, which the compiler may neither reorder (so no
 * vectorising) nor hoist out of a caller's loop. The additions start from *chain and the sum is
 * stored back there: calls on one chain form one dependency chain through memory, so a call
 * cannot start its additions before the previous call has finished (see the file comment). No
 * other memory traffic, so a call lasts the same in every thread. */
static void delay(long n, volatile double *chain)
{
    double a = *chain;
    for (long i = 0; i < n; i++)
        a += 1.0;
    *chain = a;
}

/* Seconds one delay(len) call takes chained to others: the fastest of three timings of calls
 * calls, so that a preempted timing does not count. */
static double delay_call_s(long len, int calls, volatile double *chain)
{
    double best_s = HUGE_VAL;
    for (int k = 0; k < 3; k++) {
        double t0 = clock_now_s();
        for (int i = 0; i < calls; i++)
            delay(len, chain);
        best_s = fmin(best_s, (clock_now_s() - t0) / calls);
    }
    return best_s;
}

/* delay() length whose chained calls last about delay_ns here, or -1 when no length does (the
 * loop was folded away). Calibrated on short calls as the tests make them, since the cost per
 * step of a short loop differs from a long one's: the length is doubled until a call lasts
 * delay_ns, then bisected. */
static long calibrate_delay(int delay_ns, volatile double *chain)
{
    const double want_s = delay_ns * 1e-9;
    const int calls = want_s < 1e-7 ? 1000 : (int)ceil(1e-4 / want_s);  /* a timing lasts >= 0.1 ms */
    if (delay_ns == 0)
        return 0;
    long hi = 1;
    while (delay_call_s(hi, calls, chain) < want_s)
        if ((hi *= 2) > DELAY_LEN_MAX)
            return -1;
    long lo = hi / 2;  /* lo calls are shorter than wanted, hi calls are not */
    while (hi - lo > 1 && hi - lo > hi / 64) {
        long mid = lo + (hi - lo) / 2;
        if (delay_call_s(mid, calls, chain) < want_s)
            lo = mid;
        else
            hi = mid;
    }
    return hi;
}

/* Runs t's reference on the current team: one parallel region in which every thread runs
 * n_delays delays on its own chain, the delays it runs in the test, with no construct between
 * them. Returns the elapsed seconds: the slowest thread's, and one fork and join. */
static double run_reference(const struct test *t, long n_delays)
{
    const long len = t->delay_len;
    double t0 = clock_now_s();
#pragma omp parallel
    {
        volatile double *chain = &t->chains[omp_get_thread_num() * CHAIN_STRIDE];
        for (long j = 0; j < n_delays; j++)
            delay(len, chain);
    }
    return clock_now_s() - t0;
}

/* Runs t inner times back to back on the current team, each thread's delays on its own chain;
 * returns the elapsed seconds. */
static double run_test(const struct test *t, long inner)
{
    const long len = t->delay_len;
    const int n = t->n_iters;
    double t0 = clock_now_s();
    switch (t->construct) {
    case C_PARALLEL:
        for (long j = 0; j < inner; j++) {
#pragma omp parallel
            delay(len, &t->chains[omp_get_thread_num() * CHAIN_STRIDE]);
        }
        break;
    case C_BARRIER:
#pragma omp parallel
        {
            volatile double *chain = &t->chains[omp_get_thread_num() * CHAIN_STRIDE];
            for (long j = 0; j < inner; j++) {
                delay(len, chain);
#pragma omp barrier
            }
        }
        break;
    case C_SCHEDULE:
#pragma omp parallel
        {
            volatile double *chain = &t->chains[omp_get_thread_num() * CHAIN_STRIDE];
            for (long j = 0; j < inner; j++) {
#pragma omp for schedule(runtime)
                for (int i = 0; i < n; i++)
                    delay(len, chain);
            }
        }
        break;
    }
    return clock_now_s() - t0;
}

/* Doubles the inner repetitions until a run of t lasts target_s, then times outer repetitions of
 * the reference and t back to back: x[k] gets repetition k's overhead per construct, test less
 * reference, and ref[k] its reference seconds per delay. Returns the inner repetitions used. */
static long measure(const struct test *t, const struct overhead_config *c, double *x, double *ref)
{
    long inner = 1;
    while (fmin(run_test(t, inner), run_test(t, inner)) < c->target_s && inner < INNER_MAX)
        inner *= 2;
    const double constructs = (double)inner * t->per_rep;
    for (int k = 0; k < c->outer; k++) {
        double ref_s = run_reference(t, inner * t->per_rep);
        double test_s = run_test(t, inner);
        x[k] = (test_s - ref_s) / constructs;
        ref[k] = ref_s / constructs;
    }
    return inner;
}

/* Whether a parallel region now gets a team of exactly threads; also wakes that team. */
static int team_ok(int threads)
{
    int got = 0;
#pragma omp parallel
    {
#pragma omp single
        got = omp_get_num_threads();
    }
    return got == threads;
}

/* Measures t and fills row from the samples (x and ref: outer doubles each, scratch). Returns 0
 * or OVERHEAD_ENOMEM. */
static int measure_row(const struct test *t, const struct overhead_config *c, int threads, double *x,
                       double *ref, struct overhead_row *row)
{
    memset(row, 0, sizeof *row);
    snprintf(row->construct, sizeof row->construct, "%s", construct_names[t->construct]);
    row->threads = threads;
    row->oversubscribed = threads > omp_get_num_procs();
    row->outer_reps = c->outer;
    row->inner_reps = measure(t, c, x, ref);
    struct stats_summary s;
    if (stats_summarize(x, c->outer, &s) != 0)
        return OVERHEAD_ENOMEM;
    row->median_s = s.median;
    row->min_s = s.min;
    row->sd_s = s.sd;
    row->ci_low_s = s.ci_low;
    row->ci_high_s = s.ci_high;
    row->ci_level = s.ci_level;
    row->within_noise = s.ci_low <= 0 && s.ci_high >= 0;
    row->reference_s = stats_median_inplace(ref, c->outer);
    return 0;
}

int overhead_run(const struct overhead_config *c, struct overhead_row **rows, int *n_rows,
                 void (*progress)(void *ctx, const struct overhead_row *row), void *ctx)
{
    if (!config_ok(c))
        return OVERHEAD_EINVAL;
    int total = overhead_n_rows(c);
    struct overhead_row *out = malloc((size_t)total * sizeof *out);
    double *x = malloc((size_t)c->outer * 2 * sizeof *x);  /* samples, then reference times */
    int max_threads = 1;
    for (int i = 0; i < c->n_threads; i++)
        if (c->threads[i] > max_threads)
            max_threads = c->threads[i];
    double *chains = calloc((size_t)max_threads * CHAIN_STRIDE, sizeof *chains);
    if (out == NULL || x == NULL || chains == NULL) {
        free(out);
        free(x);
        free(chains);
        return OVERHEAD_ENOMEM;
    }
    double *ref = x + c->outer;
    long delay_len = calibrate_delay(c->delay_ns, chains);
    int n = 0, status = delay_len < 0 ? OVERHEAD_EDELAY : 0;
    for (int ti = 0; ti < c->n_threads && status == 0; ti++) {
        int threads = c->threads[ti];
        schedule_apply(SCHED_STATIC, 0, threads);
        if (!team_ok(threads)) {
            status = OVERHEAD_ETEAM;
            break;
        }
        const struct test sync_tests[] = {{C_PARALLEL, delay_len, 0, 1, chains},
                                          {C_BARRIER, delay_len, 0, 1, chains}};
        for (int i = 0; i < 2; i++) {
            if ((status = measure_row(&sync_tests[i], c, threads, x, ref, &out[n])) != 0)
                break;
            if (progress)
                progress(ctx, &out[n]);
            n++;
        }
        const struct test loop = {C_SCHEDULE, delay_len, c->iters_per_thread * threads, c->iters_per_thread,
                                  chains};
        for (int kind = SCHED_STATIC; kind <= SCHED_GUIDED && status == 0; kind++) {
            for (long chunk = 1; chunk <= c->max_chunk; chunk *= 2) {
                schedule_apply((enum sched_kind)kind, chunk, threads);
                if ((status = measure_row(&loop, c, threads, x, ref, &out[n])) != 0)
                    break;
                snprintf(out[n].schedule, sizeof out[n].schedule, "%s", schedule_name((enum sched_kind)kind));
                out[n].chunk = (int)chunk;
                if (progress)
                    progress(ctx, &out[n]);
                n++;
            }
        }
    }
    free(x);
    free(chains);
    if (status != 0) {
        free(out);
        return status;
    }
    *rows = out;
    *n_rows = n;
    return 0;
}

