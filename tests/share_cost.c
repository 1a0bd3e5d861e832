/* share_cost.c -- what recording each thread's share (kernels/share.h) costs a kernel's parallel
 * run: a benchmark of the method, not a test (no timing is asserted), run by hand.
 *
 * For each kernel, at class W (or the class given) and 2 threads (or the count given), under
 * static (default chunk) and dynamic,1, the same binary runs run_parallel without a team (nothing
 * recorded: no clock read, no slot written) and with one, side by side: each round times a batch
 * of runs each way (at least 20 ms a batch), in an order that alternates from round to round, so
 * both see the same machine. It prints the median time per run each way, the median over rounds
 * of (with / without - 1) with its range, the fastest run with over the fastest without, and the
 * recording's own cost (below) over the run. The per-iteration counter is in both (it is in the loop's code either way); what it costs
 * shows against a build without it (compare `ompscale run` of the two builds).
 * First it isolates the recording itself: share_begin and share_end, with a team and without,
 * many times side by side on one thread; the difference is what each thread adds to every run,
 * whatever the kernel (threads pay it at once), and each kernel's row relates it to that
 * kernel's run time. On a busy machine the kernels' rows vary by far more than the cost: their
 * spread says how far to trust them.
 * usage: share_cost [CLASS [THREADS [ROUNDS]]]   e.g. share_cost W 2 9
 */
#define _POSIX_C_SOURCE 200809L  /* mkdtemp */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "kernel.h"
#include "schedule.h"
#include "stats.h"

enum { ROUNDS_MAX = 64, THREADS_CAP = 256 };

static double now_s(void *ctx)
{
    (void)ctx;
    return clock_now_s();
}

/* Times runs of k's parallel path, with team (or NULL), and returns seconds per run; -1 on failure. */
static double time_batch(const struct kernel *k, void *state, const struct share_team *team, long runs)
{
    char why[512];
    if (team != NULL)
        memset(team->slots, 0, (size_t)team->n_slots * sizeof *team->slots);
    double t0 = clock_now_s();
    for (long i = 0; i < runs; i++)
        if (k->run_parallel(state, team, why, sizeof why) != 0) {
            fprintf(stderr, "share_cost: %s: %s\n", k->name, why);
            return -1;
        }
    return (clock_now_s() - t0) / (double)runs;
}

/* Seconds per share_begin / share_end pair on this thread, reps pairs, into team (or none, NULL):
 * what one thread pays per run. Threads pay it side by side, so it is also what a run pays. */
static double pairs_s(const struct share_team *team, long reps)
{
    double t0 = clock_now_s();
    for (long r = 0; r < reps; r++) {
        struct share_mark mark = share_begin(team);
        share_iteration(&mark);
        share_end(team, &mark);
    }
    return (clock_now_s() - t0) / (double)reps;
}

/* The recording's own cost per run and thread: median over rounds of (pairs with a team - pairs
 * without), on one thread, alternating, 100000 pairs a round. */
static double recording_s(int threads, int rounds)
{
    static struct share_slot slots[THREADS_CAP];
    const struct share_team team = {slots, threads, now_s, NULL};
    double diff[ROUNDS_MAX], low = HUGE_VAL;
    schedule_apply(SCHED_STATIC, 0, threads);
    for (int r = 0; r < rounds; r++) {
        double a = pairs_s(r % 2 ? &team : NULL, 100000);
        double b = pairs_s(r % 2 ? NULL : &team, 100000);
        diff[r] = r % 2 ? a - b : b - a;
        low = fmin(low, diff[r]);
    }
    double cost_s = stats_median_inplace(diff, rounds);
    printf("recording one thread's share: %.3g s per run (median of %d rounds of 100000; least %.3g s)\n", cost_s,
           rounds, low);
    return cost_s;
}

/* One kernel under one schedule: rounds of both batches; prints a row. Returns 0, or -1. */
static int measure(const struct kernel *k, void *state, enum sched_kind kind, long chunk, int threads, int rounds,
                   double record_s)
{
    static struct share_slot slots[THREADS_CAP];
    const struct share_team team = {slots, threads, now_s, NULL};
    double off[ROUNDS_MAX], on[ROUNDS_MAX], ratio[ROUNDS_MAX];
    schedule_apply(kind, chunk, threads);
    double t = time_batch(k, state, &team, 1);  /* warm-up, and the batch size */
    if (t < 0)
        return -1;
    long runs = t > 0.02 ? 1 : (long)ceil(0.02 / (t > 1e-7 ? t : 1e-7));
    for (int r = 0; r < rounds; r++) {
        int team_first = r % 2;
        double a = time_batch(k, state, team_first ? &team : NULL, runs);
        double b = time_batch(k, state, team_first ? NULL : &team, runs);
        if (a < 0 || b < 0)
            return -1;
        on[r] = team_first ? a : b;
        off[r] = team_first ? b : a;
        ratio[r] = on[r] / off[r] - 1;
    }
    double low = ratio[0], high = ratio[0];
    for (int r = 1; r < rounds; r++) {
        low = fmin(low, ratio[r]);
        high = fmax(high, ratio[r]);
    }
    double min_off = off[0], min_on = on[0];
    for (int r = 1; r < rounds; r++) {
        min_off = fmin(min_off, off[r]);
        min_on = fmin(min_on, on[r]);
    }
    double cost = stats_median_inplace(ratio, rounds), t_off = stats_median_inplace(off, rounds);
    printf("%-16s %-10s %5ld %11.4g %11.4g %+8.2f%% [%+.0f%%, %+.0f%%] %+9.2f%% %10.4f%%\n", k->name,
           kind == SCHED_STATIC ? "static" : "dynamic,1", runs, t_off, stats_median_inplace(on, rounds), 100 * cost,
           100 * low, 100 * high, 100 * (min_on / min_off - 1), 100 * record_s / t_off);
    return 0;
}

int main(int argc, char **argv)
{
    enum kernel_class cls = CLASS_W;
    int threads = argc > 2 ? atoi(argv[2]) : 2, rounds = argc > 3 ? atoi(argv[3]) : 9;
    if ((argc > 1 && kernel_class_parse(argv[1], &cls) != 0) || threads < 1 || threads > THREADS_CAP || rounds < 1 ||
        rounds > ROUNDS_MAX) {
        fprintf(stderr, "usage: share_cost [S|W|A|B [THREADS (1..%d) [ROUNDS (1..%d)]]]\n", THREADS_CAP, ROUNDS_MAX);
        return 2;
    }
    double t0 = clock_now_s();
    for (int i = 0; i < 100000; i++)
        (void)clock_now_s();
    double read_s = (clock_now_s() - t0) / 100001;
    printf("class %s, %d threads, %d rounds; one clock read %.3g s\n", kernel_class_name(cls), threads, rounds, read_s);
    double record_s = recording_s(threads, rounds);
    printf("%-16s %-10s %5s %11s %11s %9s %16s %10s %11s\n", "kernel", "schedule", "runs", "without_s", "with_s",
           "cost", "[min, max]", "min/min", "recording");
    char dir[] = "/tmp/ompscale-share-cost-XXXXXX";
    if (mkdtemp(dir) == NULL) {
        perror("share_cost: mkdtemp");
        return 1;
    }
    int rc = 0;
    for (int i = 0; i < kernel_count && rc == 0; i++) {
        const struct kernel *k = kernel_table[i];
        double values[KERNEL_MAX_PARAMS];
        char why[512];
        void *state = NULL;
        for (int j = 0; j < k->n_params; j++)
            values[j] = k->params[j].by_class[cls];
        if (k->setup(&state, values, dir) != 0 || k->run_serial(state, why, sizeof why) != 0) {
            fprintf(stderr, "share_cost: %s: setup or serial run failed\n", k->name);
            rc = 1;
            break;
        }
        if (measure(k, state, SCHED_STATIC, 0, threads, rounds, record_s) != 0 ||
            measure(k, state, SCHED_DYNAMIC, 1, threads, rounds, record_s) != 0)
            rc = 1;
        k->teardown(state);
    }
    if (remove(dir) != 0)
        fprintf(stderr, "share_cost: %s left behind\n", dir);
    return rc;
}
