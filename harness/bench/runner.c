/* runner.c -- executes the plan's jobs: time, verify, record.
 *
 * The plan lists jobs in instances (plan_jobs_build): one kernel state set up once, its serial
 * baseline and every configuration on it. Only the kernel's run function is inside the timed
 * region, on the clock the caller gives (a test's fake, or the monotonic one). reset() before a
 * parallel sample and verify() after it happen outside, so a run that skips work cannot pass and
 * checking costs no time. A run that fails on its own (a file it writes: a full disk) stops the
 * whole run at once: that is a runtime failure, not a verification failure. Warm-up runs are
 * discarded; the last one also sizes `inner`, the number of runs repeated back to back in one
 * sample so that a sample lasts at least RUNNER_MIN_SAMPLE_S, far above the clock's granularity.
 * Right before each parallel sample an empty parallel region wakes the team, since idle OpenMP
 * workers go to sleep (how soon depends on OMP_WAIT_POLICY, which meta.json records).
 *
 * Order. Interleaved (the default): after every configuration's warm-up, the instance is sampled
 * in rounds; a round takes one sample of every configuration still running, in a fresh random
 * order drawn from (seed, instance, round) alone, so a seed repeats the schedule whatever the
 * timings were. The serial baseline takes part in every round while any configuration runs, so
 * each parallel sample has a serial partner of its own round (results_paired_speedup). Drift of
 * the machine (heat, other programs) then slows both partners alike (Google Benchmark's random
 * interleaving; Hoefler and Belli, SC15). Sequential: each configuration's samples back to back,
 * the serial baseline first, as before rounds existed; a sample's round is then its index.
 *
 * Adaptive stopping (unless --reps fixes the count): a configuration takes samples past --reps
 * while its CI is wider than ci_target x its median, up to max_reps and RUNNER_ADAPTIVE_BUDGET_S,
 * and while the instance's configurations together have added less than RUNNER_INSTANCE_BUDGET_S
 * (Phoronix's dynamic run count, with caps). The CI is the paired speed-up's in an interleaved
 * run, the time's in a sequential one and for the serial baseline.
 *
 * With --serial-fraction F, every timed run (serial and parallel) of the main or weak-scaling run
 * also spins for a fixed time on one thread, outside any parallel region: F T / (1 - F), where T
 * is the kernel's serial run time calibrated before its first instance, so that F of the serial
 * time is serial (Amdahl's model). The size scan measures the kernel alone.
 *
 * Copies. A kernel with run_copy (sqrtmap) also has a STREAM-style copy over the instance's own
 * arrays timed at each thread count of the instance's jobs, --reps samples with inner repetitions
 * sized as a warm-up does: one sample per thread count at the end of each of the first --reps
 * rounds (interleaved), so the copy sees the machine its kernel saw, or after the instance's
 * configurations (sequential). The copy writes only the parallel output, which reset() poisons
 * before every parallel sample, so verification is untouched.
 *
 * Ranks. In a hybrid MPI run a configuration with ranks > 1 has its loop split over the first
 * ranks ranks of the job (split.h): its warm-up and samples are steps that every rank takes, timed
 * on each rank's monotonic clock (not the caller's), the slowest rank's time the sample's; rank 0
 * gathers the outputs after each sample and verifies them as here. The serial baseline, the
 * one-rank configurations, the copies and the size scan run on rank 0 alone, as before.
 *
 * Shares. Every parallel run of the main and weak-scaling instances records each thread's share of
 * the loop (kernels/share.h: its useful time, iterations and chunks) into slots the runner clears
 * before each sample; the sample keeps them per run, as it keeps its time, for the POP factors
 * (pop.h). The size scan records none, so its shortest runs time the kernel alone. A configuration
 * split over ranks records ranks x threads workers, rank-major: each rank's threads record on
 * that rank's clock and the step brings their slots back with its status (split.h).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "overhead.h"
#include "runner.h"
#include "split.h"
#include "stats.h"
#include "text.h"

#define RUNNER_MAX_INNER 1000000L

struct context {
    const struct plan *p;
    const struct plan_jobs *jobs;
    struct results *r;
    const struct runner_hooks *h;
    struct clock_source clock;
    double t_start;                   /* on clock */
    int done;                         /* configurations finished */
    int jobs_before;                  /* jobs of the instances before the current one */
    double serial_section_s;          /* the current instance's injected serial part per run */
    double extra_s;                   /* the current instance's samples beyond --reps, timed */
    char *err;
    size_t err_size;
    int stopped;                      /* should_stop said so: unwind with RUNNER_INTERRUPTED */
    int first_copy, n_copies;         /* the current instance's copies in r->copies; 0: none */
    int split;                        /* the current instance is set up on the other ranks too */
    struct split_result split_res;    /* the last split step's: gather time, summed metrics */
    struct share_team team;           /* slots for the largest team of the plan (ranks x threads), on
                                         the runner's clock */
};

/* One job while its instance is sampled. */
struct slot {
    int index;                        /* into r->m: an index, since results_add may move r->m */
    int parallel;
    int running;
    double spent_s, fixed_s;          /* timed so far; of that, the first --reps samples */
};

static double now_s(const struct context *cx)
{
    return cx->clock.now_s(cx->clock.ctx);
}

/* The team slots for m's runs (cleared, m->team_size of them), or NULL when m records no shares. */
static const struct share_team *team_for(struct context *cx, const struct measurement *m)
{
    if (m->team_size <= 0 || m->team_size > cx->team.n_slots)
        return NULL;
    static const struct share_slot zero;
    for (int t = 0; t < m->team_size; t++)
        cx->team.slots[t] = zero;
    return &cx->team;
}

/* Runs the kernel inner times back to back, each with the serial section, and stores the
 * seconds per run in *per_run_s; a parallel run records its threads' shares into team (may be
 * NULL). Returns 0, or -1 with cx->err set when a run failed. */
static int time_runs(struct context *cx, const struct kernel *k, void *state, int parallel,
                     const struct share_team *team, long inner, double section_s, double *per_run_s)
{
    char why[512] = "";
    if (parallel) {
        k->reset(state);
        schedule_wake_team();
    }
    double t0 = now_s(cx);
    for (long i = 0; i < inner; i++) {
        if (section_s > 0)
            clock_spin(&cx->clock, section_s);
        int rc = parallel ? k->run_parallel(state, team, why, sizeof why) : k->run_serial(state, why, sizeof why);
        if (rc != 0) {
            snprintf(cx->err, cx->err_size, "%s: %s", k->name, why[0] ? why : "run failed");
            return -1;
        }
    }
    *per_run_s = (now_s(cx) - t0) / (double)inner;
    return 0;
}

/* Times inner runs of a slot, as time_runs does: on this process, or as a step split over its
 * ranks (gather: the outputs come to rank 0 afterwards, for verify; the step's gather time and
 * summed metrics are kept in cx->split_res). Either way the workers' shares land in cx->team's
 * slots, rank-major when split, when m records them. Returns 0, or -1 with cx->err set. */
static int time_slot(struct context *cx, const struct kernel *k, void *state, const struct slot *s, long inner,
                     int gather, double *per_run_s)
{
    const struct measurement *m = &cx->r->m[s->index];
    const struct share_team *team = s->parallel ? team_for(cx, m) : NULL;
    if (m->ranks <= 1)
        return time_runs(cx, k, state, s->parallel, team, inner, cx->serial_section_s, per_run_s);
    struct split_run run = {m->schedule, m->chunk, m->threads, m->ranks, inner, cx->serial_section_s, gather,
                            team != NULL};
    if (split_time(cx->p->hosts, k, state, &run, team ? team->slots : NULL, &cx->split_res, cx->err,
                   cx->err_size) != 0)
        return -1;
    *per_run_s = cx->split_res.per_run_s;
    return 0;
}

/* Runs back to back in one sample so that it lasts RUNNER_MIN_SAMPLE_S, for runs of run_s. */
static long inner_for(double run_s)
{
    double inner = ceil(RUNNER_MIN_SAMPLE_S / (run_s > 1e-9 ? run_s : 1e-9));
    return inner > RUNNER_MAX_INNER ? RUNNER_MAX_INNER : (long)inner;
}

static void apply_schedule(const struct measurement *m)
{
    if (m->schedule != SCHED_SERIAL)
        schedule_apply(m->schedule, m->chunk, m->threads);
}

/* The warm-up runs of a slot, which size its inner repetitions. Returns 0, or -1 (cx->err). */
static int warm_up(struct context *cx, const struct kernel *k, void *state, const struct slot *s)
{
    struct measurement *m = &cx->r->m[s->index];
    double t = 0, t0 = now_s(cx);
    apply_schedule(m);
    for (long w = 0; w < cx->p->warmup; w++)
        if (time_slot(cx, k, state, s, 1, 0, &t) != 0)
            return -1;
    if (cx->p->warmup > 0 && t < RUNNER_MIN_SAMPLE_S)
        m->inner = inner_for(t);
    cx->r->time[m->kernel].warmup_s += now_s(cx) - t0;
    return 0;
}

/* Keeps the shares the team slots hold after sample i of m, per run. */
static void keep_shares(const struct context *cx, struct measurement *m, int i)
{
    for (int t = 0; t < m->team_size; t++) {
        const struct share_slot *slot = &cx->team.slots[t];
        size_t at = (size_t)i * (size_t)m->team_size + (size_t)t;
        m->useful_s[at] = slot->useful_s / (double)m->inner;
        m->iterations[at] = (double)slot->iterations / (double)m->inner;
        m->chunks[at] = slot->chunks < 0 ? NAN : (double)slot->chunks / (double)m->inner;
    }
}

/* Takes one timed sample of a slot in round, verifies it and keeps the kernel's metrics.
 * Returns 0, RUNNER_INTERRUPTED when asked to stop, or -1 (cx->err). */
static int take_sample(struct context *cx, const struct kernel *k, void *state, struct slot *s, int round)
{
    struct measurement *m = &cx->r->m[s->index];
    struct results_time *tm = &cx->r->time[m->kernel];
    double t, around_t0 = now_s(cx);
    apply_schedule(m);
    if (time_slot(cx, k, state, s, m->inner, 1, &t) != 0)
        return -1;
    /* A warm-up slowed by first touches (page faults, cold caches) sizes inner too small: the
     * first sample shows it; grow inner and time that sample again. */
    while (m->n == 0 && cx->p->warmup > 0 && t * (double)m->inner < RUNNER_MIN_SAMPLE_S / 2 &&
           m->inner < RUNNER_MAX_INNER) {
        m->inner = inner_for(t);
        if (time_slot(cx, k, state, s, m->inner, 1, &t) != 0)
            return -1;
    }
    int i = m->n++;
    m->elapsed_s[i] = t;
    m->gather_s[i] = m->ranks > 1 ? cx->split_res.gather_s : 0;
    keep_shares(cx, m, i);
    m->round[i] = round;
    m->verified[i] = 1;  /* the serial output is the reference */
    s->spent_s += t * (double)m->inner;
    if (m->n > cx->p->reps)
        cx->extra_s += t * (double)m->inner;
    char why[512];
    if (s->parallel && k->verify(state, why, sizeof why) != 0) {
        m->verified[i] = 0;
        cx->r->n_verify_failed++;
        if (cx->h && cx->h->verify_failed)
            cx->h->verify_failed(cx->h->ctx, cx->r, m, why);
    }
    if (k->n_metrics > 0 && m->ranks > 1)  /* each rank's are of its own block */
        memcpy(&m->metrics[i * k->n_metrics], cx->split_res.metrics, (size_t)k->n_metrics * sizeof *m->metrics);
    else if (k->n_metrics > 0)
        k->metrics(state, &m->metrics[i * k->n_metrics]);
    double around_s = now_s(cx) - around_t0;
    tm->timed_s += t * (double)m->inner;
    tm->harness_s += around_s - t * (double)m->inner;
    tm->samples++;
    if (m->n == cx->p->reps)
        s->fixed_s = s->spent_s;
    if (cx->h && cx->h->should_stop && cx->h->should_stop(cx->h->ctx)) {
        cx->stopped = 1;
        return RUNNER_INTERRUPTED;
    }
    return 0;
}

/* Runs the kernel's copy inner times back to back at threads and stores the seconds per copy in
 * *per_run_s. Returns 0, or -1 with cx->err set when a copy failed. */
static int time_copies(struct context *cx, const struct kernel *k, void *state, int threads, long inner,
                       double *per_run_s)
{
    char why[512] = "";
    schedule_apply(SCHED_STATIC, 0, threads);
    schedule_wake_team();
    double t0 = now_s(cx);
    for (long i = 0; i < inner; i++) {
        if (k->run_copy(state, why, sizeof why) != 0) {
            snprintf(cx->err, cx->err_size, "%s: copy: %s", k->name, why[0] ? why : "run failed");
            return -1;
        }
    }
    *per_run_s = (now_s(cx) - t0) / (double)inner;
    return 0;
}

/* Takes one sample of each of the instance's copies; before a copy's first, one untimed copy sizes
 * its inner repetitions. Returns 0, or -1 (cx->err). */
static int sample_copies_once(struct context *cx, const struct kernel *k, void *state)
{
    for (int j = 0; j < cx->n_copies; j++) {
        struct results_copy *c = &cx->r->copies[cx->first_copy + j];
        double t;
        if (c->n == 0) {
            if (time_copies(cx, k, state, c->threads, 1, &t) != 0)
                return -1;
            c->inner = t < RUNNER_MIN_SAMPLE_S ? inner_for(t) : 1;
        }
        if (time_copies(cx, k, state, c->threads, c->inner, &t) != 0)
            return -1;
        while (c->n == 0 && t * (double)c->inner < RUNNER_MIN_SAMPLE_S / 2 && c->inner < RUNNER_MAX_INNER) {
            c->inner = inner_for(t);  /* as take_sample does */
            if (time_copies(cx, k, state, c->threads, c->inner, &t) != 0)
                return -1;
        }
        c->elapsed_s[c->n++] = t;
        c->bytes = k->bytes ? k->bytes(state) : 0;
        if (stats_summarize(c->elapsed_s, c->n, &c->summary) != 0) {
            snprintf(cx->err, cx->err_size, "out of memory");
            return -1;
        }
    }
    return 0;
}

/* sample_copies_once, its time kept as the kernel's copy_s. */
static int sample_copies(struct context *cx, const struct kernel *k, void *state)
{
    double t0 = now_s(cx);
    int rc = sample_copies_once(cx, k, state);
    if (cx->n_copies > 0)
        cx->r->time[cx->r->copies[cx->first_copy].kernel].copy_s += now_s(cx) - t0;
    return rc;
}

/* Returns 1 when a slot has samples enough: --reps reached and the cap, the time budget or the
 * CI target too (the paired speed-up's CI for a parallel slot of an interleaved run, else the
 * time's). serial is the instance's baseline slot. */
static int enough(const struct context *cx, const struct slot *s, const struct slot *serial)
{
    const struct plan *p = cx->p;
    const struct measurement *m = &cx->r->m[s->index];
    struct stats_summary sum;
    if (s->parallel && m->n > 0 && !m->verified[m->n - 1])
        return 1;  /* a wrong result is reported once; timing it further means nothing */
    if (m->n < p->reps)
        return 0;
    if (m->n >= p->max_reps || s->spent_s - s->fixed_s > RUNNER_ADAPTIVE_BUDGET_S ||
        cx->extra_s > RUNNER_INSTANCE_BUDGET_S)
        return 1;
    int rc = p->order == PLAN_ORDER_INTERLEAVED && s->parallel
                 ? results_paired_speedup(&cx->r->m[serial->index], m, &sum)
                 : stats_summarize(m->elapsed_s, m->n, &sum);
    if (rc != 0)
        return 1;
    return 2 * stats_ci_halfwidth_rel(&sum) <= p->ci_target;  /* the whole width against the target */
}

static void progress(const struct context *cx, int instance, int round, int running, struct runner_progress *pr)
{
    pr->instance = instance;
    pr->n_instances = cx->jobs->n_instances;
    pr->done = cx->done;
    pr->total = cx->jobs->n_jobs;
    pr->round = round;
    pr->running = running;
    pr->elapsed_s = now_s(cx) - cx->t_start;
    /* Interleaved, an instance's configurations finish together near its end: count the whole
     * instance as done from its first completion, else the first estimate is far too long. */
    int done = cx->done;
    if (cx->p->order == PLAN_ORDER_INTERLEAVED && cx->done > cx->jobs_before)
        done = cx->jobs_before + cx->jobs->instances[instance].n_jobs;
    pr->left_s = done > 0 ? pr->elapsed_s / done * (cx->jobs->n_jobs - done) : NAN;
}

/* Closes a slot: its summary, work and bytes, a warning for runs too short for the clock, and
 * the done report. Returns 0, or -1 when out of memory. */
static int finish(struct context *cx, const struct kernel *k, void *state, struct slot *s, int instance, int round,
                  int running)
{
    struct measurement *m = &cx->r->m[s->index];
    s->running = 0;
    m->work = k->work(state);  /* of the serial run, which has run by now: every job's work */
    m->bytes = k->bytes ? k->bytes(state) : 0;
    if (m->n == 0 || results_summarize(m) != 0) {
        snprintf(cx->err, cx->err_size, "out of memory");
        return -1;
    }
    if (m->elapsed_s[0] * (double)m->inner < 100 * cx->r->clock_granularity_s) {
        char run[32], tick[32];
        text_seconds(m->elapsed_s[0], run, sizeof run);
        text_seconds(cx->r->clock_granularity_s, tick, sizeof tick);
        warnings_add(&cx->r->warnings,
                     "%s: runs of %s are under 100 clock ticks (%s): use --warmup 1 or more so that short runs are "
                     "repeated inside each sample",
                     k->name, run, tick);
    }
    cx->done++;
    if (cx->h && cx->h->done) {
        struct runner_progress pr;
        progress(cx, instance, round, running, &pr);
        cx->h->done(cx->h->ctx, cx->r, m, &pr);
    }
    return 0;
}

static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* Shuffles order[0..n-1] (Fisher-Yates) with SplitMix64 numbers keyed by (seed, instance,
 * round) alone: the same seed gives the same order whatever ran before. */
static void shuffle(int *order, int n, uint64_t seed, int instance, int round)
{
    const uint64_t golden = UINT64_C(0x9e3779b97f4a7c15);
    uint64_t key = mix64(seed ^ mix64(((uint64_t)(unsigned)instance << 32 | (unsigned)round) + golden));
    for (int i = n - 1; i > 0; i--) {
        key += golden;
        int j = (int)(mix64(key) % (uint64_t)(i + 1));  /* bias below 2^-58 for these n */
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
}

/* Sequential order: each slot's warm-up and samples back to back. Returns 0, or -1 (cx->err). */
static int run_sequential(struct context *cx, const struct kernel *k, void *state, struct slot *slots, int n,
                          int instance)
{
    for (int j = 0; j < n; j++) {
        if (warm_up(cx, k, state, &slots[j]) != 0)
            return -1;
        while (slots[j].running) {
            if (take_sample(cx, k, state, &slots[j], cx->r->m[slots[j].index].n) != 0)
                return -1;
            if (enough(cx, &slots[j], &slots[0]) &&
                finish(cx, k, state, &slots[j], instance, cx->r->m[slots[j].index].n, n - 1 - j) != 0)
                return -1;
        }
    }
    for (long i = 0; i < cx->p->reps; i++)
        if (sample_copies(cx, k, state) != 0)
            return -1;
    return 0;
}

/* Interleaved order: every slot's warm-up, then rounds. Slot 0, the serial baseline, runs while
 * any other does. Returns 0, or -1 (cx->err). */
static int run_interleaved(struct context *cx, const struct kernel *k, void *state, struct slot *slots, int n,
                           int instance)
{
    int *order = malloc((size_t)n * sizeof *order);
    if (order == NULL) {
        snprintf(cx->err, cx->err_size, "out of memory");
        return -1;
    }
    int rc = 0;
    double t;
    for (int j = 0; j < n && rc == 0; j++)
        rc = warm_up(cx, k, state, &slots[j]);
    if (rc == 0 && cx->p->warmup == 0)  /* without warm-up, a parallel sample may come first: the */
        rc = time_runs(cx, k, state, 0, NULL, 1, 0, &t);  /* reference output verify() needs, untimed */
    for (int round = 0, running = n; rc == 0 && running > 0; round++) {
        int m = 0;
        for (int j = 0; j < n; j++)
            if (slots[j].running)
                order[m++] = j;
        shuffle(order, m, cx->p->seed, instance, round);
        for (int i = 0; i < m && rc == 0; i++)
            rc = take_sample(cx, k, state, &slots[order[i]], round);
        if (rc == 0 && round < cx->p->reps)
            rc = sample_copies(cx, k, state);
        if (rc != 0)
            break;
        if (results_summarize(&cx->r->m[slots[0].index]) != 0) {  /* the baseline so far, for reports */
            snprintf(cx->err, cx->err_size, "out of memory");
            rc = -1;
            break;
        }
        running = 0;
        for (int j = 1; j < n; j++)
            running += slots[j].running;
        for (int j = 1; j < n && rc == 0; j++)
            if (slots[j].running && enough(cx, &slots[j], &slots[0]))
                rc = finish(cx, k, state, &slots[j], instance, round + 1, --running);
        if (rc == 0 && running == 0 && enough(cx, &slots[0], &slots[0]))
            rc = finish(cx, k, state, &slots[0], instance, round + 1, 0);
        running += slots[0].running;
    }
    free(order);
    return rc;
}

/* Adds the instance's copies to r, one per thread count of its parallel jobs, when the kernel has
 * run_copy. Returns 0, or -1 (cx->err). */
static int add_copies(struct context *cx, const struct plan_instance *in, const struct kernel *k)
{
    cx->first_copy = cx->r->n_copies;
    cx->n_copies = 0;
    for (int j = 0; k->run_copy != NULL && j < in->n_jobs; j++) {
        const struct plan_job *job = &cx->jobs->jobs[in->first_job + j];
        int seen = job->schedule == SCHED_SERIAL || job->ranks > 1;  /* a copy is one rank's bound */
        for (int q = cx->first_copy; q < cx->r->n_copies && !seen; q++)
            seen = cx->r->copies[q].threads == job->threads;
        if (seen)
            continue;
        struct results_copy *c = results_add_copy(cx->r, in->kernel, job->threads, (int)cx->p->reps);
        if (c == NULL) {
            snprintf(cx->err, cx->err_size, "out of memory");
            return -1;
        }
        c->scan_size = in->scan_size;
        c->weak_size = in->weak_size;
        c->n = 0;  /* room for reps; sample_copies counts */
        cx->n_copies++;
    }
    return 0;
}

/* Adds the instance's measurements to r and samples them. Returns 0, or -1 (cx->err). */
static int run_instance(struct context *cx, int ii, void *state)
{
    const struct plan_instance *in = &cx->jobs->instances[ii];
    const struct kernel *k = cx->p->kernels[in->kernel].kernel;
    int n = in->n_jobs, first = cx->r->n;
    struct slot *slots = calloc((size_t)n, sizeof *slots);
    cx->extra_s = 0;
    if (slots == NULL) {
        snprintf(cx->err, cx->err_size, "out of memory");
        return -1;
    }
    for (int j = 0; j < n; j++) {
        const struct plan_job *job = &cx->jobs->jobs[in->first_job + j];
        int parallel = job->schedule != SCHED_SERIAL;
        struct measurement *m = results_add(cx->r, in->kernel, job->schedule, parallel ? &job->chunk : NULL,
                                            job->threads, (int)cx->p->max_reps, k->n_metrics);
        if (m == NULL) {
            free(slots);
            snprintf(cx->err, cx->err_size, "out of memory");
            return -1;
        }
        m->scan_size = in->scan_size;
        m->weak_size = in->weak_size;
        m->ranks = job->ranks > 1 ? job->ranks : 1;
        m->oversubscribed = plan_oversubscribed_at(cx->p, m->ranks, job->threads);
        m->n_iterations = k->n_iterations(state);
        /* a split configuration records when each rank's team fits a step's status (split.h) */
        int team_size = m->ranks <= 1 ? job->threads : job->threads <= SPLIT_TEAM_MAX ? m->ranks * job->threads : 0;
        if (parallel && in->scan_size == 0 && team_size > 0 && results_add_team(m, team_size) != 0) {
            free(slots);
            snprintf(cx->err, cx->err_size, "out of memory");
            return -1;
        }
        m->n = 0;  /* room for max_reps; take_sample counts */
        slots[j] = (struct slot){first + j, parallel, 1, 0, 0};
    }
    if (add_copies(cx, in, k) != 0) {
        free(slots);
        return -1;
    }
    if (cx->h && cx->h->instance) {
        struct runner_progress pr;
        progress(cx, ii, 0, n, &pr);
        cx->h->instance(cx->h->ctx, cx->r, first, n, &pr);
    }
    int rc = cx->p->order == PLAN_ORDER_INTERLEAVED ? run_interleaved(cx, k, state, slots, n, ii)
                                                    : run_sequential(cx, k, state, slots, n, ii);
    free(slots);
    return rc;
}

/* Sizes the injected serial section from the median of three untimed serial runs. Returns 0, or
 * -1 (cx->err). */
static int calibrate_section(struct context *cx, const struct kernel *k, void *state, double *section_s)
{
    double t[3];
    *section_s = 0;
    if (cx->p->serial_fraction <= 0)
        return 0;
    for (int i = 0; i < 3; i++)
        if (time_runs(cx, k, state, 0, NULL, 1, 0, &t[i]) != 0)
            return -1;
    *section_s = cx->p->serial_fraction * stats_median_inplace(t, 3) / (1 - cx->p->serial_fraction);
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

/* 1 when one of instance in's jobs is split over ranks. */
static int splits(const struct plan_jobs *jobs, const struct plan_instance *in)
{
    for (int j = 0; j < in->n_jobs; j++)
        if (jobs->jobs[in->first_job + j].ranks > 1)
            return 1;
    return 0;
}

/* Sets up instance ii's state, and on the other ranks too when its jobs are split over them.
 * Returns 0, or -1 with cx->err saying which size (or which rank) failed. */
static int set_up(struct context *cx, int ii, const char *dir, void **state)
{
    const struct plan_instance *in = &cx->jobs->instances[ii];
    const struct kernel *k = cx->p->kernels[in->kernel].kernel;
    cx->split = splits(cx->jobs, in);
    if (cx->split && split_setup(cx->p->hosts, k, in->values, cx->err, cx->err_size) != 0)
        return -1;  /* the ranks that did set up tear down when the run stops */
    if (k->setup(state, in->values, dir) == 0)
        return 0;
    if (cx->split)
        split_teardown();
    cx->split = 0;
    if (in->weak_size > 0)
        snprintf(cx->err, cx->err_size, "%s: setup failed at %s=%.0f (weak scaling at %d threads): out of memory",
                 k->name, k->weak_param, in->weak_size, in->threads);
    else if (in->scan_size > 0)
        snprintf(cx->err, cx->err_size, "%s: setup failed at %s=%.0f: out of memory", k->name, k->scan_param,
                 in->scan_size);
    else
        snprintf(cx->err, cx->err_size, "%s: setup failed: out of memory or files (try a smaller --class)", k->name);
    return -1;
}

int runner_run(const struct plan *p, const char *dir, const struct clock_source *clock, struct results *r,
               const struct runner_hooks *h, char *err, size_t err_size)
{
    struct plan_jobs jobs;
    struct context cx = {.p = p, .jobs = &jobs, .r = r, .h = h, .clock = clock ? *clock : clock_monotonic(),
                         .err = err, .err_size = err_size};
    int max_threads = 1, max_ranks = 1;
    for (int t = 0; t < p->n_threads; t++)
        if (p->threads[t] > max_threads)
            max_threads = p->threads[t];
    for (int q = 0; q < p->n_ranks; q++)
        if (p->ranks[q] > max_ranks)
            max_ranks = p->ranks[q];
    int max_team = max_ranks * max_threads;
    cx.team = (struct share_team){calloc((size_t)max_team, sizeof *cx.team.slots), max_team, cx.clock.now_s,
                                  cx.clock.ctx};
    if (cx.team.slots == NULL || plan_jobs_build(p, &jobs) != 0) {
        free(cx.team.slots);
        snprintf(err, err_size, "out of memory");
        return -1;
    }
    r->clock_granularity_s = clock_granularity_s(&cx.clock);
    double read_t0 = now_s(&cx);
    for (int i = 0; i < 1000; i++)
        (void)now_s(&cx);
    r->clock_read_s = (now_s(&cx) - read_t0) / 1001;
    cx.t_start = now_s(&cx);
    int rc = 0;
    for (int ii = 0; ii < r->instances_done && ii < jobs.n_instances; ii++) {  /* measured before a resume */
        cx.jobs_before += jobs.instances[ii].n_jobs;
        cx.done += jobs.instances[ii].n_jobs;
    }
    for (int ii = r->instances_done; ii < jobs.n_instances && rc == 0; ii++) {
        const struct plan_instance *in = &jobs.instances[ii];
        const struct kernel *k = p->kernels[in->kernel].kernel;
        int ki = in->kernel, first_of_kernel = ii == 0 || jobs.instances[ii - 1].kernel != ki;
        void *state = NULL;
        double instance_t0 = now_s(&cx);
        if (first_of_kernel)
            sysinfo_sample(&r->samples[ki][0]);  /* temperature, clock, throttling: outside timing */
        if (set_up(&cx, ii, dir, &state) != 0) {
            rc = -1;
            break;
        }
        r->time[ki].setup_s += now_s(&cx) - instance_t0;
        if (in->serial_section && first_of_kernel)
            rc = calibrate_section(&cx, k, state, &r->serial_section_s[ki]);
        cx.serial_section_s = in->serial_section ? r->serial_section_s[ki] : 0;
        int first = r->n, first_copy = r->n_copies;
        if (rc == 0)
            rc = run_instance(&cx, ii, state);
        if (cx.stopped) {  /* the instance's configurations are cut short: keep the whole ones only */
            results_truncate(r, first, first_copy);
            r->interrupted = 1;
            k->teardown(state);
            if (cx.split)
                split_teardown();
            rc = RUNNER_INTERRUPTED;
            break;
        }
        if (rc == 0) {
            r->instances_done = ii + 1;
            if (h && h->checkpoint)
                h->checkpoint(h->ctx, r);
        }
        cx.jobs_before += in->n_jobs;
        if (rc == 0 && in->keep_outputs)
            keep_outputs(r, k, state, dir);
        k->teardown(state);  /* before the next instance, so only one is in memory */
        if (cx.split)
            split_teardown();
        cx.split = 0;
        r->time[ki].total_s += now_s(&cx) - instance_t0;
        if (rc == 0 && (ii + 1 == jobs.n_instances || jobs.instances[ii + 1].kernel != ki)) {
            sysinfo_sample(&r->samples[ki][1]);
            if (sysinfo_throttled_between(&r->samples[ki][0], &r->samples[ki][1]) == 1)
                warnings_add(&r->warnings,
                             "%s: the CPU was throttled during its runs (heat or power), so its times are slower "
                             "than the machine can do: cool it (a heatsink or fan on a Pi) and run again",
                             k->name);
        }
    }
    r->wall_s = now_s(&cx) - cx.t_start;
    plan_jobs_free(&jobs);
    free(cx.team.slots);
    return rc;
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
