/* test_runner.c -- the runner through its seam: a plan of jobs on a fake kernel whose runs move
 * a fake clock, so order, inner repetitions, adaptive stopping, verification and run failures,
 * interleaved rounds, pairing, the seed, the suspect flags, the copies beside a kernel, and each
 * thread's share with the POP factors from it are asserted without real timing.
 *
 * The fake world is one static struct: a kernel's state comes from setup(), which cannot be told
 * about the test, and this file is its own main. A serial run costs serial_s x the clock's speed
 * factor at the time; a parallel run at p threads (omp_get_max_threads, as the runner sets it)
 * costs parallel_factor x serial_s / p x the factor, and reports thread t busy busy[t] of it (its
 * useful time, as kernels/share.h records it). */
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "runner.h"

enum { LOG_MAX = 8192 };

struct fake {
    double now_s;              /* the fake clock */
    double serial_s;           /* a serial run's cost at speed factor 1 */
    double parallel_factor;    /* a parallel run's cost over the ideal serial_s / p */
    double switch_at_s;        /* from this time on the speed factor is after, before it before */
    double before, after;
    double jitter;             /* runs cost 1 - jitter, 1, 1 + jitter in turn */
    double busy[4];            /* share of a parallel run each thread spends in its share of the loop */
    long chunks;               /* chunks each thread reports per run; -1: not counted */
    double tick_s;             /* each read of the clock moves it on by this much */
    long runs;                 /* runs so far, serial and parallel */
    long fail_at_run;          /* this run fails as a full disk would; 0: none */
    long wrong_at_run;         /* this parallel run writes a wrong output; 0: none */
    int ref, out;              /* the outputs verify compares */
    char log[LOG_MAX];         /* one letter per run: 's' serial, '1'.. '9' threads */
    int n_log;
    int verify_failures;       /* calls of the verify_failed hook */
    int bad_pointers;          /* hook calls whose measurement was not inside r->m */
    int done_calls;
};

static struct fake fake;

static double fake_now(void *ctx)
{
    struct fake *f = ctx;
    f->now_s += f->tick_s;
    return f->now_s;
}

/* Advances the clock by a run of cost seconds at speed factor 1, and logs it. Returns the
 * seconds the run took. */
static double spend(double cost, char letter)
{
    double factor = fake.now_s < fake.switch_at_s ? fake.before : fake.after;
    double jitter = fake.jitter * (double)(fake.runs % 3 - 1);
    fake.now_s += cost * factor * (1 + jitter);
    fake.runs++;
    if (fake.n_log < LOG_MAX - 1)
        fake.log[fake.n_log++] = letter;
    return cost * factor * (1 + jitter);
}

static int fake_setup(void **state, const double *values, const char *dir)
{
    (void)values;
    (void)dir;
    *state = &fake;
    return 0;
}

static int fail_now(char *why, size_t why_size)
{
    if (fake.runs != fake.fail_at_run)
        return 0;
    snprintf(why, why_size, "/full/disk/plot-0003.png: write failed: No space left on device");
    return -1;
}

static int fake_serial(void *state, char *why, size_t why_size)
{
    (void)state;
    spend(fake.serial_s, 's');
    fake.ref = 42;
    return fail_now(why, why_size);
}

static int fake_parallel(void *state, const struct share_team *team, char *why, size_t why_size)
{
    (void)state;
    int p = omp_get_max_threads();
    double run_s = spend(fake.parallel_factor * fake.serial_s / p, (char)('0' + (p < 9 ? p : 9)));
    for (int t = 0; team != NULL && t < p && t < team->n_slots && t < 4; t++) {
        struct share_slot *slot = &team->slots[t];
        slot->useful_s += fake.busy[t] * run_s;
        slot->iterations += 100 / p;
        slot->chunks = fake.chunks < 0 || slot->chunks < 0 ? -1 : slot->chunks + fake.chunks;
    }
    fake.out = fake.runs == fake.wrong_at_run ? 7 : 42;
    return fail_now(why, why_size);
}

static void fake_reset(void *state)
{
    (void)state;
    fake.out = -1;
}

static int fake_verify(const void *state, char *why, size_t why_size)
{
    (void)state;
    if (fake.out == fake.ref)
        return 0;
    snprintf(why, why_size, "output %d, serial %d", fake.out, fake.ref);
    return -1;
}

static long fake_n_iterations(const void *state)
{
    (void)state;
    return 100;
}

static double fake_work(const void *state)
{
    (void)state;
    return 100;
}

static void fake_teardown(void *state)
{
    (void)state;
}

static const struct kernel fake_kernel = {
    .name = "fake",
    .summary = "a kernel that only moves the test's clock",
    .iteration = "item",
    .work_unit = "items",
    .default_chunks = "default",
    .setup = fake_setup,
    .run_serial = fake_serial,
    .run_parallel = fake_parallel,
    .reset = fake_reset,
    .verify = fake_verify,
    .n_iterations = fake_n_iterations,
    .work = fake_work,
    .teardown = fake_teardown,
};

/* A copy at p threads costs half a parallel run and scribbles on the output, as a real copy
 * over the same arrays does: reset() before each parallel sample must undo it. */
static int fake_copy(void *state, char *why, size_t why_size)
{
    (void)state;
    spend(0.5 * fake.serial_s / omp_get_max_threads(), 'c');
    fake.out = 0;
    return fail_now(why, why_size);
}

static double fake_bytes(const void *state)
{
    (void)state;
    return 1600;
}

/* The fake kernel with bytes and a copy over its arrays. */
static const struct kernel fake_copy_kernel = {
    .name = "fake",
    .summary = "a kernel that only moves the test's clock, with a copy",
    .iteration = "item",
    .work_unit = "items",
    .default_chunks = "default",
    .setup = fake_setup,
    .run_serial = fake_serial,
    .run_parallel = fake_parallel,
    .reset = fake_reset,
    .verify = fake_verify,
    .n_iterations = fake_n_iterations,
    .work = fake_work,
    .bytes = fake_bytes,
    .run_copy = fake_copy,
    .teardown = fake_teardown,
};

/* A fake world whose runs last serial_s at speed 1, the clock at 0. */
static void fake_reset_world(double serial_s)
{
    memset(&fake, 0, sizeof fake);
    fake.serial_s = serial_s;
    fake.parallel_factor = 1;
    fake.before = fake.after = 1;
    fake.switch_at_s = 1e300;
    for (int t = 0; t < 4; t++)
        fake.busy[t] = 1;
    fake.chunks = 1;
}

/* One fake kernel, static schedule with the default chunk, at 1 and 2 threads. */
static void make_plan(struct plan *p, enum plan_order order, long reps, long max_reps)
{
    memset(p, 0, sizeof *p);
    p->n_kernels = 1;
    p->kernels[0].kernel = &fake_kernel;
    p->kernels[0].chunks[0] = (struct plan_chunk){0, "default"};
    p->kernels[0].n_chunks = 1;
    p->threads[0] = 1;
    p->threads[1] = 2;
    p->n_threads = 2;
    p->schedules[0] = SCHED_STATIC;
    p->n_schedules = 1;
    p->reps = reps;
    p->max_reps = max_reps;
    p->warmup = 1;
    p->ci_target = 0.05;
    p->class = CLASS_S;
    p->cpus_available = 64;
    p->order = order;
    p->seed = 1;
}

static int inside(const struct results *r, const struct measurement *m)
{
    return m >= r->m && m < r->m + r->n;
}

static void on_done(void *ctx, const struct results *r, const struct measurement *m, const struct runner_progress *pr)
{
    (void)ctx;
    fake.done_calls++;
    fake.bad_pointers += !inside(r, m) || pr->done < 1 || pr->done > pr->total;
}

static void on_verify_failed(void *ctx, const struct results *r, const struct measurement *m, const char *why)
{
    (void)ctx;
    fake.verify_failures++;
    fake.bad_pointers += !inside(r, m) || strstr(why, "output 7") == NULL;
}

static const struct runner_hooks hooks = {.done = on_done, .verify_failed = on_verify_failed};

/* Runs plan p on the fake clock into r (initialised here). Returns runner_run's status. */
static int run(const struct plan *p, struct results *r, char *err, size_t err_size)
{
    struct clock_source clock = {fake_now, &fake};
    results_init(r, p);
    int rc = runner_run(p, "/nonexistent", &clock, r, &hooks, err, err_size);
    memset(r->samples, 0, sizeof r->samples);  /* the real machine's throttling is not this test's */
    return rc;
}

static unsigned suspect_of(const struct results *r, int i)
{
    struct derived d;
    results_derive(r, &r->m[i], &d);
    return d.suspect;
}

/* Sequential order: serial first, then each configuration, each with its warm-up then its
 * samples back to back; rounds are sample indices; work comes from the serial run. */
static void test_sequential_order(void)
{
    static struct plan p;
    static struct results r;
    char err[256] = "";
    fake_reset_world(0.01);
    make_plan(&p, PLAN_ORDER_SEQUENTIAL, 3, 3);
    CHECK_INT(run(&p, &r, err, sizeof err), 0);
    fake.log[fake.n_log] = '\0';
    CHECK_STR(fake.log, "ssss11112222");
    CHECK_INT(r.n, 3);
    CHECK_INT(r.m[0].schedule, SCHED_SERIAL);
    CHECK_INT(r.m[1].threads, 1);
    CHECK_INT(r.m[2].threads, 2);
    for (int i = 0; i < r.n; i++) {
        CHECK_INT(r.m[i].n, 3);
        CHECK_INT(r.m[i].round[2], 2);
        CHECK_NEAR(r.m[i].work, 100, 0);
        CHECK_INT(r.m[i].inner, 1);  /* 10 ms runs: no inner repetitions */
    }
    CHECK_NEAR(r.m[2].elapsed_s[0], 0.005, 1e-12);
    CHECK_INT(fake.done_calls, 3);
    CHECK_INT(plan_n_measurements(&p), 3);
    results_free(&r);
}

static int stop_after(void *ctx)
{
    int *samples_left = ctx;
    return --*samples_left < 0;
}

/* A stop request (SIGINT) ends the run after the current sample: the instance cut short is
 * dropped, every earlier one is whole, and a second runner_run on the same results (--resume)
 * measures only what was left. */
static void test_interrupt_and_resume(void)
{
    static struct plan p;
    static struct results r;
    char err[256] = "";
    int samples_left = 12;  /* the first kernel takes 3 x 3 samples; stop inside the second */
    struct runner_hooks stopping = {.should_stop = stop_after, .ctx = &samples_left};
    struct clock_source clock = {fake_now, &fake};
    fake_reset_world(0.01);
    make_plan(&p, PLAN_ORDER_SEQUENTIAL, 3, 3);
    p.kernels[1] = p.kernels[0];
    p.n_kernels = 2;
    results_init(&r, &p);
    CHECK_INT(runner_run(&p, "/nonexistent", &clock, &r, &stopping, err, sizeof err), RUNNER_INTERRUPTED);
    CHECK_INT(r.interrupted, 1);
    CHECK_INT(r.instances_done, 1);
    CHECK_INT(r.n, 3);
    for (int i = 0; i < r.n; i++) {
        CHECK_INT(r.m[i].kernel, 0);
        CHECK_INT(r.m[i].n, 3);
    }
    int log_before = fake.n_log;
    r.interrupted = 0;
    CHECK_INT(runner_run(&p, "/nonexistent", &clock, &r, &hooks, err, sizeof err), 0);
    CHECK_INT(r.instances_done, 2);
    CHECK_INT(r.n, 6);
    for (int i = 3; i < r.n; i++) {
        CHECK_INT(r.m[i].kernel, 1);
        CHECK_INT(r.m[i].n, 3);
    }
    CHECK_INT(fake.n_log - log_before, 12);  /* only the second kernel ran again: 4 runs x 3 configurations */
    results_free(&r);
}

/* Short runs are repeated inside a sample until it lasts 2 ms; elapsed_s is per run. */
static void test_inner(void)
{
    static struct plan p;
    static struct results r;
    char err[256];
    fake_reset_world(1.5e-4);
    make_plan(&p, PLAN_ORDER_SEQUENTIAL, 3, 3);
    CHECK_INT(run(&p, &r, err, sizeof err), 0);
    for (int i = 0; i < r.n; i++) {
        double cost = i == 2 ? 7.5e-5 : 1.5e-4;
        CHECK(r.m[i].inner > 1);
        CHECK(r.m[i].inner * cost >= 2e-3 * (1 - 1e-9));
        CHECK((r.m[i].inner - 1) * cost < 2e-3);
        CHECK_NEAR(r.m[i].elapsed_s[1], cost, 1e-12);
    }
    results_free(&r);
}

/* Adaptive stopping: steady runs stop at --reps; runs that vary go on to the cap; slow runs that
 * vary stop at the time budget; in interleaved order the same holds for the paired speed-up. */
static void test_adaptive(void)
{
    static struct plan p;
    static struct results r;
    char err[256];
    fake_reset_world(0.01);
    make_plan(&p, PLAN_ORDER_SEQUENTIAL, 5, 15);
    CHECK_INT(run(&p, &r, err, sizeof err), 0);
    for (int i = 0; i < r.n; i++)
        CHECK_INT(r.m[i].n, 5);
    results_free(&r);

    fake_reset_world(0.01);
    fake.jitter = 0.2;
    CHECK_INT(run(&p, &r, err, sizeof err), 0);
    for (int i = 0; i < r.n; i++)
        CHECK_INT(r.m[i].n, 15);
    results_free(&r);

    fake_reset_world(1.0);  /* 1 s runs: 2 s of extra time is spent after 3 more samples */
    fake.jitter = 0.2;
    CHECK_INT(run(&p, &r, err, sizeof err), 0);
    CHECK(r.m[0].n > 5 && r.m[0].n < 15);
    results_free(&r);

    fake_reset_world(0.01);
    make_plan(&p, PLAN_ORDER_INTERLEAVED, 5, 15);
    CHECK_INT(run(&p, &r, err, sizeof err), 0);
    for (int i = 0; i < r.n; i++)
        CHECK_INT(r.m[i].n, 5);
    results_free(&r);

    /* Many configurations of 0.5 s runs that vary: each may add 2 s, but together they stop once
     * the instance has added RUNNER_INSTANCE_BUDGET_S beyond --reps (plus the sample under way). */
    fake_reset_world(0.5);
    fake.jitter = 0.2;
    make_plan(&p, PLAN_ORDER_SEQUENTIAL, 5, 15);
    p.threads[2] = 3, p.threads[3] = 4, p.threads[4] = 5, p.threads[5] = 6;
    p.n_threads = 6;
    CHECK_INT(run(&p, &r, err, sizeof err), 0);
    double extra_s = 0;
    for (int i = 0; i < r.n; i++)
        for (int j = 5; j < r.m[i].n; j++)
            extra_s += r.m[i].elapsed_s[j] * (double)r.m[i].inner;
    CHECK(extra_s > RUNNER_ADAPTIVE_BUDGET_S);                /* more than one configuration's share */
    CHECK(extra_s <= RUNNER_INSTANCE_BUDGET_S + 2 * 0.5 * 1.2);  /* and no more than the instance's */
    results_free(&r);
}

/* A wrong output is recorded and reported once, its configuration stops, and the run goes on; a run that fails on its own
 * (a full disk) stops everything at once with the path and the error. */
static void test_failures(void)
{
    static struct plan p;
    static struct results r;
    char err[256] = "";
    fake_reset_world(0.01);
    make_plan(&p, PLAN_ORDER_SEQUENTIAL, 3, 3);
    fake.wrong_at_run = 7;  /* ssss then 1 warm-up and samples: run 7 is the 1-thread's 2nd sample */
    CHECK_INT(run(&p, &r, err, sizeof err), 0);
    CHECK_INT(r.n_verify_failed, 1);
    CHECK_INT(fake.verify_failures, 1);
    CHECK_INT(r.m[1].verified[1], 0);
    CHECK_INT(r.m[1].verified[0], 1);
    CHECK_INT(r.m[1].n, 2);   /* a wrong configuration is not timed further */
    CHECK(r.n > 2);
    CHECK(r.m[2].n >= 3);     /* the others are, in full */
    CHECK_INT(fake.bad_pointers, 0);
    results_free(&r);

    for (int order = 0; order < 2; order++) {
        fake_reset_world(0.01);
        make_plan(&p, order ? PLAN_ORDER_INTERLEAVED : PLAN_ORDER_SEQUENTIAL, 3, 3);
        fake.fail_at_run = 6;
        err[0] = '\0';
        CHECK_INT(run(&p, &r, err, sizeof err), -1);
        CHECK_INT(fake.runs, 6);  /* stopped at once */
        CHECK_INT(r.n_verify_failed, 0);  /* a run failure is not a verification failure */
        CHECK(strstr(err, "/full/disk/plot-0003.png") != NULL);
        CHECK(strstr(err, "No space left on device") != NULL);
        CHECK(strchr(err, '\n') == NULL);
        results_free(&r);
    }
}

/* Many configurations: results grow (and move) while the runner holds on to indices, so every
 * hook sees a measurement inside r->m and every sample lands where it belongs. */
static void test_growth(void)
{
    static struct plan p;
    static struct results r;
    char err[256];
    fake_reset_world(0.01);
    make_plan(&p, PLAN_ORDER_INTERLEAVED, 3, 3);
    p.n_kernels = 2;
    p.kernels[1] = p.kernels[0];
    for (int c = 0; c < 8; c++)
        p.kernels[0].chunks[c] = p.kernels[1].chunks[c] = (struct plan_chunk){c + 1, "n"};
    p.kernels[0].n_chunks = p.kernels[1].n_chunks = 8;
    p.schedules[1] = SCHED_DYNAMIC;
    p.schedules[2] = SCHED_GUIDED;
    p.n_schedules = 3;
    for (int t = 0; t < 6; t++)
        p.threads[t] = t + 1;
    p.n_threads = 6;
    CHECK_INT(run(&p, &r, err, sizeof err), 0);
    CHECK_INT(r.n, 2 * (1 + 3 * 8 * 6));
    CHECK_INT(r.n, plan_n_measurements(&p));
    CHECK(r.cap > 64);  /* it did grow */
    CHECK_INT(fake.bad_pointers, 0);
    CHECK_INT(fake.done_calls, r.n);
    int all = 1;
    for (int i = 0; i < r.n; i++) {
        const struct measurement *m = &r.m[i];
        all &= m->n == 3 && m->kernel == (i >= r.n / 2);
        if (m->schedule != SCHED_SERIAL)
            all &= fabs(m->elapsed_s[0] - 0.01 / m->threads) < 1e-12;
    }
    CHECK(all);
    results_free(&r);
}

/* Interleaved rounds: after the warm-ups, each round runs every configuration once, in an order
 * that the seed alone decides; samples are recorded with their round. */
static void test_rounds_and_seed(void)
{
    static struct plan p;
    static struct results r;
    static char first[LOG_MAX];
    char err[256];
    fake_reset_world(0.01);
    make_plan(&p, PLAN_ORDER_INTERLEAVED, 10, 10);
    p.seed = 7;
    CHECK_INT(run(&p, &r, err, sizeof err), 0);
    fake.log[fake.n_log] = '\0';
    CHECK_INT(fake.n_log, 3 + 3 * 10);
    CHECK(strncmp(fake.log, "s12", 3) == 0);  /* warm-ups in job order */
    int permutations = 1, varied = 0;
    for (int k = 0; k < 10; k++) {
        const char *g = fake.log + 3 + 3 * k;
        permutations &= memchr(g, 's', 3) && memchr(g, '1', 3) && memchr(g, '2', 3);
        varied |= strncmp(g, fake.log + 3, 3) != 0;
    }
    CHECK(permutations);
    CHECK(varied);  /* a fresh order each round */
    for (int i = 0; i < r.n; i++)
        for (int k = 0; k < r.m[i].n; k++)
            CHECK_INT(r.m[i].round[k], k);
    snprintf(first, sizeof first, "%s", fake.log);
    results_free(&r);

    fake_reset_world(0.02);  /* other timings: the same seed gives the same schedule */
    CHECK_INT(run(&p, &r, err, sizeof err), 0);
    fake.log[fake.n_log] = '\0';
    CHECK_STR(fake.log, first);
    results_free(&r);

    fake_reset_world(0.01);
    p.seed = 8;
    CHECK_INT(run(&p, &r, err, sizeof err), 0);
    fake.log[fake.n_log] = '\0';
    CHECK(strcmp(fake.log, first) != 0);
    results_free(&r);
}

/* Pairing: a parallel sample goes with the serial sample of its own round, and only those. */
static void test_pairing(void)
{
    static struct plan p;
    static struct results r;
    struct stats_summary s;
    make_plan(&p, PLAN_ORDER_INTERLEAVED, 5, 5);
    results_init(&r, &p);
    struct measurement *serial = results_add(&r, 0, SCHED_SERIAL, NULL, 1, 5, 0);
    double st[5] = {1, 2, 3, 4, 5};
    for (int i = 0; i < 5; i++)
        serial->elapsed_s[i] = st[i];
    const struct plan_chunk chunk = {0, "default"};
    struct measurement *m = results_add(&r, 0, SCHED_STATIC, &chunk, 2, 2, 0);
    serial = &r.m[0];  /* results_add may have moved it */
    m->elapsed_s[0] = 1;
    m->elapsed_s[1] = 2;
    m->round[0] = 1;  /* with serial 2 */
    m->round[1] = 3;  /* with serial 4 */
    CHECK_INT(results_paired_speedup(serial, m, &s), 0);
    CHECK_INT(s.n, 2);
    CHECK_NEAR(s.median, (2.0 / 1 + 4.0 / 2) / 2, 1e-12);
    m->round[1] = 9;  /* no serial sample in round 9: left out */
    CHECK_INT(results_paired_speedup(serial, m, &s), 0);
    CHECK_INT(s.n, 1);
    results_free(&r);
}

/* A machine that runs at half speed for the first part of the run: measured one configuration
 * after another, the serial baseline gets the slow part and the speed-up looks superlinear;
 * interleaved, each pair shares its speed and the speed-up is the true one, and the baseline's
 * drift is flagged instead. */
static void test_speed_change(void)
{
    static struct plan p;
    static struct results r;
    char err[256];
    /* Sequential: serial (warm-up and 10 samples, 20 ms each at half speed) ends at 0.22 s. */
    fake_reset_world(0.01);
    fake.before = 2;
    fake.switch_at_s = 0.25;
    make_plan(&p, PLAN_ORDER_SEQUENTIAL, 10, 10);
    CHECK_INT(run(&p, &r, err, sizeof err), 0);
    struct derived d;
    results_derive(&r, &r.m[2], &d);
    CHECK_NEAR(d.speedup, 4, 1e-9);
    CHECK(d.efficiency_ci_low > 1);
    CHECK(isnan(d.speedup_paired));  /* no pairs in sequential order */
    CHECK((suspect_of(&r, 2) & RESULTS_SUSPECT_SUPERLINEAR) != 0);
    CHECK((suspect_of(&r, 2) & RESULTS_SUSPECT_DRIFT) == 0);  /* the baseline itself was steady */
    results_free(&r);

    /* Interleaved: warm-ups take 50 ms, a round 50 ms at half speed: the switch comes after
     * round 5 of 10. */
    fake_reset_world(0.01);
    fake.before = 2;
    fake.switch_at_s = 0.299;  /* just before round 6 starts, whatever the rounding */
    make_plan(&p, PLAN_ORDER_INTERLEAVED, 10, 10);
    CHECK_INT(run(&p, &r, err, sizeof err), 0);
    results_derive(&r, &r.m[2], &d);
    CHECK_NEAR(d.speedup, 2, 1e-9);
    CHECK_NEAR(d.speedup_paired, 2, 1e-9);
    CHECK_NEAR(d.speedup_medians, 2, 1e-9);
    CHECK(!(d.efficiency_ci_low > 1));
    CHECK((suspect_of(&r, 2) & RESULTS_SUSPECT_SUPERLINEAR) == 0);
    CHECK((suspect_of(&r, 2) & RESULTS_SUSPECT_DRIFT) != 0);
    CHECK((suspect_of(&r, 1) & RESULTS_SUSPECT_DRIFT) != 0);
    results_free(&r);
}

/* The other flags, each from the situation that calls for it, and their names. */
static void test_flags(void)
{
    static struct plan p;
    static struct results r;
    char err[256], names[128];

    /* A steady, fair run: nothing to flag. */
    fake_reset_world(0.01);
    make_plan(&p, PLAN_ORDER_INTERLEAVED, 10, 10);
    CHECK_INT(run(&p, &r, err, sizeof err), 0);
    CHECK_INT(suspect_of(&r, 1), 0);
    CHECK_INT(suspect_of(&r, 2), 0);
    /* throttled: the kernel's machine samples say so */
    r.samples[0][0].have = r.samples[0][1].have = SYSINFO_HAVE_THROTTLE_COUNT;
    r.samples[0][1].throttle_count = 3;
    CHECK_INT(suspect_of(&r, 2), RESULTS_SUSPECT_THROTTLED);
    results_free(&r);

    /* slow-serial: the parallel code at 1 thread is 10% slower than the serial code, so the
     * whole series is flagged. */
    fake_reset_world(0.01);
    fake.parallel_factor = 1.1;
    CHECK_INT(run(&p, &r, err, sizeof err), 0);
    CHECK_INT(suspect_of(&r, 1), RESULTS_SUSPECT_SLOW_SERIAL);
    CHECK_INT(suspect_of(&r, 2), RESULTS_SUSPECT_SLOW_SERIAL);
    results_free(&r);
    fake_reset_world(0.01);
    fake.parallel_factor = 1.02;  /* within 3%: fine */
    CHECK_INT(run(&p, &r, err, sizeof err), 0);
    CHECK_INT(suspect_of(&r, 2), 0);
    results_free(&r);

    /* noisy: runs vary by 20%, and 10 samples (the cap) cannot narrow the CI to 5% */
    fake_reset_world(0.01);
    fake.jitter = 0.2;
    CHECK_INT(run(&p, &r, err, sizeof err), 0);
    CHECK((suspect_of(&r, 2) & RESULTS_SUSPECT_NOISY) != 0);
    results_free(&r);

    /* oversubscribed: 2 threads on 1 CPU */
    fake_reset_world(0.01);
    p.cpus_available = 1;
    CHECK_INT(run(&p, &r, err, sizeof err), 0);
    CHECK_INT(suspect_of(&r, 2), RESULTS_SUSPECT_OVERSUBSCRIBED);
    CHECK_INT(suspect_of(&r, 1), 0);
    results_free(&r);

    results_suspect_format(0, names, sizeof names);
    CHECK_STR(names, "");
    results_suspect_format(RESULTS_SUSPECT_SUPERLINEAR | RESULTS_SUSPECT_DRIFT, names, sizeof names);
    CHECK_STR(names, "superlinear;drift");
    results_suspect_format(~0u, names, sizeof names);
    CHECK_STR(names, "superlinear;slow-serial;noisy;drift;oversubscribed;throttled");
    for (int i = 0; i < RESULTS_SUSPECT_COUNT; i++)
        CHECK(strlen(results_suspect_advice(i)) > 20);
}

/* Serial fractions are never shown negative: an interval through 0 reads "0 within noise". */
static void test_fractions(void)
{
    CHECK_INT(results_fraction_kind(0.1, 0.05, 0.2), RESULTS_FRACTION_PLAIN);
    CHECK_INT(results_fraction_kind(-0.02, -0.1, 0.05), RESULTS_FRACTION_ZERO);
    CHECK_INT(results_fraction_kind(0.02, 0, 0.05), RESULTS_FRACTION_ZERO);
    CHECK_INT(results_fraction_kind(-0.2, -0.3, -0.1), RESULTS_FRACTION_IMPOSSIBLE);
    CHECK_INT(results_fraction_kind(NAN, NAN, NAN), RESULTS_FRACTION_UNKNOWN);
    CHECK_INT(results_fraction_kind(-0.1, NAN, NAN), RESULTS_FRACTION_IMPOSSIBLE);
}

/* Copies: one per thread count, --reps samples after a sizing run; sequential, after the
 * configurations; interleaved, at the end of each of the first --reps rounds. copy_gbs is the
 * copy's bandwidth at the measurement's threads, and the copy's writes fail no verification. */
static void test_copies(void)
{
    static struct plan p;
    static struct results r;
    char err[256] = "";
    fake_reset_world(0.01);
    make_plan(&p, PLAN_ORDER_SEQUENTIAL, 3, 3);
    p.kernels[0].kernel = &fake_copy_kernel;
    CHECK_INT(run(&p, &r, err, sizeof err), 0);
    fake.log[fake.n_log] = '\0';
    CHECK_STR(fake.log, "ssss11112222cccccccc");
    CHECK_INT(r.n_copies, 2);
    CHECK_INT(r.n_verify_failed, 0);
    for (int i = 0; i < r.n_copies; i++) {
        CHECK_INT(r.copies[i].threads, i + 1);
        CHECK_INT(r.copies[i].n, 3);
        CHECK_INT(r.copies[i].inner, 1);
        CHECK_NEAR(r.copies[i].bytes, 1600, 0);
        CHECK_NEAR(r.copies[i].summary.median, 0.005 / (i + 1), 1e-12);
    }
    struct derived d;
    results_derive(&r, &r.m[2], &d);  /* 2 threads: 5 ms a run, its copy 2.5 ms */
    CHECK_NEAR(d.bandwidth_gbs, 1600 / 0.005 / 1e9, 1e-15);
    CHECK_NEAR(d.copy_gbs, 1600 / 0.0025 / 1e9, 1e-15);
    CHECK_NEAR(d.bandwidth_of_copy, 0.5, 1e-12);
    results_free(&r);

    fake_reset_world(0.01);
    make_plan(&p, PLAN_ORDER_INTERLEAVED, 3, 3);
    p.kernels[0].kernel = &fake_copy_kernel;
    CHECK_INT(run(&p, &r, err, sizeof err), 0);
    fake.log[fake.n_log] = '\0';
    CHECK_INT(r.n_copies, 2);
    CHECK_INT(r.n_verify_failed, 0);
    CHECK_INT(r.copies[0].n + r.copies[1].n, 6);
    int n_c = 0;
    for (int i = 0; i < fake.n_log; i++)
        n_c += fake.log[i] == 'c';
    CHECK_INT(n_c, 8);
    CHECK(strchr(fake.log, 'c') < strrchr(fake.log, '2'));  /* between rounds, not after them all */
    results_free(&r);

    fake_reset_world(0.01);  /* a kernel without a copy has none */
    make_plan(&p, PLAN_ORDER_INTERLEAVED, 3, 3);
    CHECK_INT(run(&p, &r, err, sizeof err), 0);
    CHECK_INT(r.n_copies, 0);
    results_derive(&r, &r.m[2], &d);
    CHECK(isnan(d.copy_gbs));
    results_free(&r);
}

/* Each thread's share: recorded per sample and per run (inner repetitions averaged), none for
 * the serial baseline; the POP factors from it: thread 0 busy 90% of a run, thread 1 45%. */
static void test_shares(void)
{
    static struct plan p;
    static struct results r;
    char err[256];
    for (int short_runs = 0; short_runs < 2; short_runs++) {
        double serial_s = short_runs ? 1.5e-4 : 0.01;  /* 1.5e-4: several runs in one sample */
        fake_reset_world(serial_s);
        fake.busy[0] = 0.9, fake.busy[1] = 0.45;
        fake.chunks = short_runs ? -1 : 3;
        make_plan(&p, PLAN_ORDER_SEQUENTIAL, 3, 3);
        CHECK_INT(run(&p, &r, err, sizeof err), 0);
        CHECK_INT(r.m[0].team_size, 0);
        CHECK_INT(r.m[1].team_size, 1);
        CHECK_INT(r.m[2].team_size, 2);
        CHECK_INT(r.m[2].inner > 1, short_runs);
        for (int i = 0; i < r.m[2].n; i++) {
            CHECK_NEAR(r.m[2].useful_s[2 * i], 0.9 * serial_s / 2, 1e-15);
            CHECK_NEAR(r.m[2].useful_s[2 * i + 1], 0.45 * serial_s / 2, 1e-15);
            CHECK_NEAR(r.m[2].iterations[2 * i + 1], 50, 0);
            if (short_runs)
                CHECK(isnan(r.m[2].chunks[2 * i]));
            else
                CHECK_NEAR(r.m[2].chunks[2 * i], 3, 0);
        }
        CHECK_NEAR(pop_useful_median(&r.m[1], 0), 0.9 * serial_s, 1e-15);
        struct derived d;
        results_derive(&r, &r.m[0], &d);
        CHECK(isnan(d.pop.load_balance) && isnan(d.pop.global_efficiency));
        results_derive(&r, &r.m[1], &d);
        CHECK_NEAR(d.pop.load_balance, 1, 1e-12);
        CHECK_NEAR(d.pop.comm_efficiency, 0.9, 1e-12);
        CHECK_NEAR(d.pop.computation_scalability, 1, 1e-12);
        results_derive(&r, &r.m[2], &d);
        CHECK_NEAR(d.pop.load_balance, 0.675 / 0.9, 1e-12);
        CHECK_NEAR(d.pop.comm_efficiency, 0.9, 1e-12);
        CHECK_NEAR(d.pop.parallel_efficiency, 0.675, 1e-12);
        /* 0.9 s of useful time per second of serial work at 1 thread, 1.35 / 2 at 2 threads */
        CHECK_NEAR(d.pop.computation_scalability, 0.9 / (1.35 / 2), 1e-12);
        CHECK_NEAR(d.pop.global_efficiency, 0.675 * 0.9 / (1.35 / 2), 1e-12);
        double value;
        CHECK_INT(pop_dominant_loss(&d.pop, &value), POP_LOSS_LOAD_BALANCE);
        CHECK_NEAR(value, 0.75, 1e-12);
        results_free(&r);
    }
}

/* --serial-fraction F: the injected section is nobody's useful time, so load balance stays put
 * while runtime efficiency, and with it global efficiency, fall as Amdahl's law says: at p
 * threads the run takes F/(1-F) T + T/p for 1-thread useful time T, so global efficiency is
 * (1 - F) / (1 + (p - 1) F), and efficiency against the serial run (which has the section too)
 * 1 / (1 + (p - 1) F). The section spins on the clock, which moves 0.1 us a read here. */
static void test_serial_fraction_shares(void)
{
    static struct plan p;
    static struct results r;
    char err[256];
    double lb[2];
    for (int with = 0; with < 2; with++) {
        fake_reset_world(0.01);
        fake.tick_s = 1e-7;
        fake.busy[0] = 0.9, fake.busy[1] = 0.45;
        make_plan(&p, PLAN_ORDER_INTERLEAVED, 5, 5);
        p.serial_fraction = with ? 0.3 : 0;
        CHECK_INT(run(&p, &r, err, sizeof err), 0);
        struct derived d;
        results_derive(&r, &r.m[2], &d);
        lb[with] = d.pop.load_balance;
        double f = p.serial_fraction, global = 0.9 * (1 - f) / (1 + f);  /* thread 0 busy 90% */
        CHECK_NEAR(d.pop.global_efficiency, global, 1e-3);
        CHECK_NEAR(d.efficiency, 1 / (1 + f), 1e-3);
        CHECK_NEAR(d.pop.comm_efficiency, 0.9 * 0.005 / (f / (1 - f) * 0.01 + 0.005), 1e-3);
        results_free(&r);
    }
    CHECK_NEAR(lb[1], lb[0], 1e-9);
    CHECK_NEAR(lb[0], 0.75, 1e-9);
}

int main(void)
{
    test_sequential_order();
    test_interrupt_and_resume();
    test_inner();
    test_adaptive();
    test_failures();
    test_growth();
    test_rounds_and_seed();
    test_pairing();
    test_speed_change();
    test_flags();
    test_fractions();
    test_copies();
    test_shares();
    test_serial_fraction_shares();
    return check_report("test_runner");
}
