/* test_csv.c -- the CSV writers on synthetic results with known figures: the documented
 * columns, one row per run or configuration, and speed-up / efficiency computed from medians;
 * amdahl.csv's fit of exact Amdahl times and its best series, crossover.csv's break-even sizes
 * and the ones a chart marks, the best series of each schedule kind, and metrics.csv's rows per
 * sample and metric. */
#define _XOPEN_SOURCE 700
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "csv.h"
#include "series.h"

enum { MAX_ROWS = 64, MAX_COLS = 64 };

struct table {
    char cells[MAX_ROWS][MAX_COLS][64];
    int n_rows, n_cols;  /* row 0 is the header */
};

static int read_table(const char *path, struct table *t)
{
    FILE *f = fopen(path, "r");
    char line[4096];
    if (f == NULL)
        return -1;
    t->n_rows = 0;
    while (t->n_rows < MAX_ROWS && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        int c = 0;
        char *p = line;
        for (;;) {
            size_t len = strcspn(p, ",");
            snprintf(t->cells[t->n_rows][c], 64, "%.*s", (int)len, p);
            c++;
            if (p[len] == '\0' || c == MAX_COLS)
                break;
            p += len + 1;
        }
        if (t->n_rows == 0)
            t->n_cols = c;
        else
            CHECK_INT(c, t->n_cols);  /* every row has as many fields as the header */
        t->n_rows++;
    }
    fclose(f);
    return 0;
}

static const char *cell(const struct table *t, int row, const char *column)
{
    for (int c = 0; c < t->n_cols; c++)
        if (strcmp(t->cells[0][c], column) == 0)
            return t->cells[row][c];
    fprintf(stderr, "no column %s\n", column);
    return "";
}

/* Adds a verified measurement of kernel 0 with the given sample times, work 1000 per run. */
static struct measurement *add(struct results *r, enum sched_kind kind, const struct plan_chunk *chunk, int threads,
                               const double *times, int n)
{
    struct measurement *m = results_add(r, 0, kind, chunk, threads, n, 0);
    for (int i = 0; i < n; i++) {
        m->elapsed_s[i] = times[i];
        m->verified[i] = 1;
    }
    m->work = 1000;
    results_summarize(m);
    return m;
}

/* Gives m each thread's useful time per sample: useful holds m->n x threads values, sample-major. */
static void set_team(struct measurement *m, const double *useful)
{
    CHECK_INT(results_add_team(m, m->threads), 0);
    for (int i = 0; i < m->n * m->threads; i++) {
        m->useful_s[i] = useful[i];
        m->iterations[i] = 10;
        m->chunks[i] = NAN;
    }
}

/* Reads dir/name into t and removes the file. Returns 0, or -1 when it is not there. */
static int take_table(const char *dir, const char *name, struct table *t)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int rc = read_table(path, t);
    CHECK(rc == 0);
    if (rc != 0)
        fprintf(stderr, "  %s was not written\n", path);
    unlink(path);
    return rc;
}

/* Weak scaling: each thread count has its own size and serial baseline; the scaled speed-up is
 * a throughput ratio against 1 thread on the base size. */
static void test_weak(const char *dir)
{
    static struct plan plan;
    static struct results r;
    static struct table t;
    char err[256], path[512];
    const struct plan_chunk row = {256, "row"};
    plan.n_kernels = 1;
    plan.kernels[0].kernel = kernel_find("mandelbrot");
    plan.class = CLASS_S;
    plan.cpus_available = 2;
    plan.weak = 1;
    results_init(&r, &plan);
    struct measurement *m;
    m = add(&r, SCHED_SERIAL, NULL, 1, (double[]){2.0}, 1);
    m->weak_size = 100;
    m = add(&r, SCHED_STATIC, &row, 1, (double[]){2.5}, 1);
    m->weak_size = 100;
    set_team(m, (double[]){2.4});
    m = add(&r, SCHED_SERIAL, NULL, 1, (double[]){4.0}, 1);
    m->weak_size = 200;
    m->work = 2000;
    m = add(&r, SCHED_STATIC, &row, 2, (double[]){2.75}, 1);
    m->weak_size = 200;
    m->work = 2000;
    set_team(m, (double[]){2.5, 2.5});
    CHECK(results_fit_all(&r) == 0);
    CHECK_INT(r.n_fits, 0);  /* no Amdahl fit of a growing problem */
    CHECK(csv_write_all(&r, dir, err, sizeof err) == 0);
    snprintf(path, sizeof path, "%s/speedup.csv", dir);
    CHECK(read_table(path, &t) == 0);
    CHECK_INT(t.n_rows, 3);
    CHECK_STR(cell(&t, 2, "scaling"), "weak");
    CHECK_STR(cell(&t, 2, "size_param"), "height");
    CHECK_STR(cell(&t, 2, "size"), "200");
    CHECK_STR(cell(&t, 2, "serial_median_s"), "4");  /* the serial run of the same size */
    CHECK_NEAR(atof(cell(&t, 2, "speedup")), 4.0 / 2.75, 1e-5);
    CHECK_NEAR(atof(cell(&t, 2, "speedup_vs_1thread")), (2000 / 2.75) / (1000 / 2.5), 1e-5);
    unlink(path);
    snprintf(path, sizeof path, "%s/efficiency.csv", dir);
    CHECK(read_table(path, &t) == 0);
    CHECK_NEAR(atof(cell(&t, 2, "efficiency_vs_1thread")), (2000 / 2.75) / (1000 / 2.5) / 2, 1e-5);
    /* twice the work in 5.0 s of useful time where 1 thread took 2.4 s for the base work */
    CHECK_NEAR(atof(cell(&t, 2, "computation_scalability")), (2.4 / 1000) / (5.0 / 2000), 1e-4);
    unlink(path);
    snprintf(path, sizeof path, "%s/raw.csv", dir);
    unlink(path);
    results_free(&r);
}

static void check_header(const struct table *t, const char *expected)
{
    char header[2048] = "";
    for (int c = 0; c < t->n_cols; c++)
        snprintf(header + strlen(header), sizeof header - strlen(header), "%s%s", c ? "," : "", t->cells[0][c]);
    CHECK_STR(header, expected);
}

/* overhead.csv: exact text for rows with known figures, empty schedule and chunk where they do
 * not apply; a record without kernel measurements (ompscale overhead) writes no raw.csv. */
static void test_overhead_csv(const char *dir)
{
    static struct plan plan;
    static struct results r;
    static const struct overhead_row rows[] = {
        {.construct = "parallel", .threads = 2, .inner_reps = 4096, .outer_reps = 20, .median_s = 1.5e-6,
         .min_s = 1.25e-6, .sd_s = 2e-7, .reference_s = 1e-7, .ci_low_s = 1.375e-6, .ci_high_s = 1.625e-6,
         .ci_level = 0.958611, .within_noise = 0},
        {.construct = "schedule", .schedule = "dynamic", .chunk = 64, .threads = 3, .oversubscribed = 1,
         .inner_reps = 8, .outer_reps = 20, .median_s = 2.5e-8, .min_s = -1e-9, .sd_s = 3e-9,
         .reference_s = 1.0000001e-7, .ci_low_s = -5e-10, .ci_high_s = 4e-8, .ci_level = 0.958611,
         .within_noise = 1},
    };
    char path[512], err[256], buf[4096];
    results_init(&r, &plan);
    r.overhead = malloc(sizeof rows);
    if (r.overhead == NULL)
        return;
    memcpy(r.overhead, rows, sizeof rows);
    r.n_overhead = 2;
    CHECK_INT(csv_write_all(&r, dir, err, sizeof err), 0);
    snprintf(path, sizeof path, "%s/raw.csv", dir);
    CHECK(access(path, F_OK) != 0);
    snprintf(path, sizeof path, "%s/overhead.csv", dir);
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    buf[n] = '\0';
    if (f)
        fclose(f);
    CHECK_STR(buf, "construct,schedule,chunk,threads,oversubscribed,inner_reps,outer_reps,median_s,min_s,sd_s,"
                   "reference_s,ci_low_s,ci_high_s,ci_level,within_noise\n"
                   "parallel,,,2,0,4096,20,1.5e-06,1.25e-06,2e-07,1e-07,1.375e-06,1.625e-06,0.958611,0\n"
                   "schedule,dynamic,64,3,1,8,20,2.5e-08,-1e-09,3e-09,1e-07,-5e-10,4e-08,0.958611,1\n");
    unlink(path);

    char missing[600];
    snprintf(missing, sizeof missing, "%s/no/such/dir", dir);
    CHECK_INT(csv_write_all(&r, missing, err, sizeof err), -1);
    CHECK(strstr(err, missing) != NULL && strstr(err, "No such file") != NULL);  /* path and errno */
    results_free(&r);
}

/* amdahl.csv, one row per series of the main run, on exact times T_p = T1 (f + (1 - f) / p)
 * with T1 = 10 and 4 CPUs, so 8 threads are oversubscribed:
 *   static,row   f = 0.1: 10, 5.5, 3.25 at p = 1, 2, 4; 20 at p = 8 (must not enter the fit)
 *   guided,1     f = 0: 10, 5, 2.5; the highest speed-up (4) at p = 4, the largest thread
 *                count that is not oversubscribed: the best series (neither first nor last)
 *   dynamic,1    Karp-Flatt e = 0.1 at p = 2, 0.3 at p = 4 (5.5, 4.75: rising, overhead);
 *                0.5 at p = 8, the highest speed-up of all, but oversubscribed
 *   auto,default one point, 2 s at p = 2 (speed-up 5, the highest at p = 2): no fit */
static void test_amdahl_csv(const char *dir)
{
    static struct plan plan;
    static struct results r;
    static struct table t;
    char err[256];
    const struct plan_chunk row = {256, "row"}, one = {1, "1"}, deflt = {0, "default"};
    plan.n_kernels = 1;
    plan.kernels[0].kernel = kernel_find("mandelbrot");
    plan.class = CLASS_S;
    plan.cpus_available = 4;
    results_init(&r, &plan);
    add(&r, SCHED_SERIAL, NULL, 1, (double[]){10}, 1);
    const int p[] = {1, 2, 4, 8};
    const double t_static[] = {10, 5.5, 3.25, 20}, t_dynamic[] = {10, 5.5, 4.75, 0.5}, t_guided[] = {10, 5, 2.5};
    for (int i = 0; i < 4; i++)
        add(&r, SCHED_STATIC, &row, p[i], &t_static[i], 1);
    for (int i = 0; i < 3; i++)
        add(&r, SCHED_GUIDED, &one, p[i], &t_guided[i], 1);
    for (int i = 0; i < 4; i++)
        add(&r, SCHED_DYNAMIC, &one, p[i], &t_dynamic[i], 1);
    add(&r, SCHED_AUTO, &deflt, 2, (double[]){2}, 1);
    CHECK_INT(results_fit_all(&r), 0);
    /* The best of each kind, at 4 threads (the charts' series): auto has no point there. */
    const struct measurement *best_static = series_best_of_kind(&r, 0, SCHED_STATIC);
    CHECK(best_static != NULL && best_static->threads == 4 && strcmp(best_static->chunk_label, "row") == 0);
    const struct measurement *best_dynamic = series_best_of_kind(&r, 0, SCHED_DYNAMIC);
    CHECK(best_dynamic != NULL && best_dynamic->threads == 4 && best_dynamic->schedule == SCHED_DYNAMIC);
    CHECK(series_best_of_kind(&r, 0, SCHED_AUTO) == NULL);
    const struct measurement *best_any = series_best_of_kind(&r, 0, SCHED_COUNT);
    CHECK(best_any != NULL && best_any->schedule == SCHED_GUIDED && best_any->threads == 4);
    CHECK_INT(csv_write_all(&r, dir, err, sizeof err), 0);
    const char *others[] = {"raw.csv", "speedup.csv", "efficiency.csv"};
    for (int i = 0; i < 3; i++)
        take_table(dir, others[i], &t);

    if (take_table(dir, "amdahl.csv", &t) != 0)
        return;
    check_header(&t, "kernel,class,schedule,chunk,chunk_label,n_points,f,f_ci_low,f_ci_high,r2,ceiling,"
                     "karp_flatt_trend,best");
    CHECK_INT(t.n_rows, 1 + 4);  /* one per series; the serial baseline is none */
    for (int i = 1; i < t.n_rows; i++) {
        CHECK_STR(cell(&t, i, "kernel"), "mandelbrot");
        CHECK_STR(cell(&t, i, "class"), "S");
    }

    CHECK_STR(cell(&t, 1, "schedule"), "static");
    CHECK_STR(cell(&t, 1, "chunk"), "256");
    CHECK_STR(cell(&t, 1, "chunk_label"), "row");
    CHECK_STR(cell(&t, 1, "n_points"), "3");   /* p = 8 left out */
    CHECK_NEAR(atof(cell(&t, 1, "f")), 0.1, 1e-6);
    CHECK_NEAR(atof(cell(&t, 1, "f_ci_low")), 0.1, 1e-6);   /* exact data: no width */
    CHECK_NEAR(atof(cell(&t, 1, "f_ci_high")), 0.1, 1e-6);
    CHECK_NEAR(atof(cell(&t, 1, "r2")), 1, 1e-6);
    CHECK_NEAR(atof(cell(&t, 1, "ceiling")), 10, 1e-4);     /* 1 / f */
    CHECK_STR(cell(&t, 1, "karp_flatt_trend"), "0");        /* e = f at every p */
    CHECK_STR(cell(&t, 1, "best"), "0");

    CHECK_STR(cell(&t, 2, "schedule"), "guided");
    CHECK_STR(cell(&t, 2, "n_points"), "3");
    CHECK_STR(cell(&t, 2, "f"), "0");
    CHECK_STR(cell(&t, 2, "f_ci_low"), "0");
    CHECK_STR(cell(&t, 2, "f_ci_high"), "0");
    CHECK_STR(cell(&t, 2, "r2"), "1");
    CHECK_STR(cell(&t, 2, "ceiling"), "");                  /* f = 0: no ceiling */
    CHECK_STR(cell(&t, 2, "karp_flatt_trend"), "0");
    CHECK_STR(cell(&t, 2, "best"), "1");

    /* The fit of exactly the three points that are not oversubscribed. */
    struct amdahl_fit want;
    CHECK_INT(amdahl_fit((double[]){1, 2, 4}, (double[]){1, 10 / 5.5, 10 / 4.75}, 3, &want), 0);
    CHECK_STR(cell(&t, 3, "schedule"), "dynamic");
    CHECK_STR(cell(&t, 3, "chunk_label"), "1");
    CHECK_STR(cell(&t, 3, "n_points"), "3");
    CHECK_NEAR(atof(cell(&t, 3, "f")), want.f, 1e-5 * want.f);
    CHECK_NEAR(atof(cell(&t, 3, "f_ci_low")), want.f_low, 1e-5 * want.f);
    CHECK_NEAR(atof(cell(&t, 3, "f_ci_high")), want.f_high, 1e-5 * want.f);
    CHECK_NEAR(atof(cell(&t, 3, "r2")), want.r2, 1e-5);
    CHECK(atof(cell(&t, 3, "r2")) < 0.999);                 /* not Amdahl's shape */
    CHECK_STR(cell(&t, 3, "karp_flatt_trend"), "1");
    CHECK_STR(cell(&t, 3, "best"), "0");                    /* 20x at 8 threads does not count */

    CHECK_STR(cell(&t, 4, "schedule"), "auto");
    CHECK_STR(cell(&t, 4, "chunk"), "0");
    CHECK_STR(cell(&t, 4, "chunk_label"), "default");
    CHECK_STR(cell(&t, 4, "n_points"), "1");
    const char *empty[] = {"f", "f_ci_low", "f_ci_high", "r2", "ceiling"};
    for (int i = 0; i < 5; i++)
        CHECK_STR(cell(&t, 4, empty[i]), "");
    CHECK_STR(cell(&t, 4, "karp_flatt_trend"), "0");
    CHECK_STR(cell(&t, 4, "best"), "0");
    results_free(&r);
}

/* Adds a size-scan measurement of kernel 0 (sqrtmap) at n = size: one sample, size
 * iterations and work, 16 bytes per element, 100 runs per sample below 10000. */
static void add_scan(struct results *r, enum sched_kind kind, int threads, double size, double time_s)
{
    static const struct plan_chunk plain = {0, "default"};
    struct measurement *m = add(r, kind, kind == SCHED_SERIAL ? NULL : &plain, threads, &time_s, 1);
    m->scan_size = size;
    m->n_iterations = (long)size;
    m->work = size;
    m->bytes = 16 * size;
    m->inner = size < 10000 ? 100 : 1;
}

/* crossover.csv: a size scan of sqrtmap at n = 100 .. 100000 after a main run, 4 CPUs. Serial
 * takes 2e-6 .. 2e-3 s. Break-even, the smallest size from which the thread count is faster
 * than serial at every larger size:
 *   1 thread   slower everywhere: never (empty)
 *   2 threads  faster at 1000, slower at 10000, faster at 100000: 100000, not 1000
 *   4 threads  as fast at 100 (a tie does not beat serial), faster from 1000 on: 1000
 *   8 threads  (oversubscribed) faster everywhere: 100, the smallest size
 * The main run is exact Amdahl data with f = 0.1; the scan must stay out of speedup.csv and of
 * the fit. */
static void test_crossover_csv(const char *dir)
{
    static struct plan plan;
    static struct results r;
    static struct table t;
    char err[256];
    enum { SIZES = 4, THREADS = 4 };
    const double size[SIZES] = {100, 1000, 10000, 100000}, serial[SIZES] = {2e-6, 2e-5, 2e-4, 2e-3};
    const int threads[THREADS] = {1, 2, 4, 8};
    const double times[THREADS][SIZES] = {
        {3e-6, 2.5e-5, 2.2e-4, 2.1e-3},
        {5e-6, 1.6e-5, 2.4e-4, 1.2e-3},
        {2e-6, 1e-5, 8e-5, 6e-4},
        {1e-6, 1e-5, 1e-4, 1e-3},
    };
    const char *break_even[THREADS] = {"", "100000", "1000", "100"};
    const struct plan_chunk plain = {0, "default"};
    plan.n_kernels = 1;
    plan.kernels[0].kernel = kernel_find("sqrtmap");
    plan.class = CLASS_S;
    plan.cpus_available = 4;
    results_init(&r, &plan);
    add(&r, SCHED_SERIAL, NULL, 1, (double[]){1}, 1);
    add(&r, SCHED_STATIC, &plain, 1, (double[]){1}, 1);
    add(&r, SCHED_STATIC, &plain, 2, (double[]){0.55}, 1);
    add(&r, SCHED_STATIC, &plain, 4, (double[]){0.325}, 1);
    for (int z = 0; z < SIZES; z++) {  /* as the runner orders them: by size, serial first */
        add_scan(&r, SCHED_SERIAL, 1, size[z], serial[z]);
        for (int j = 0; j < THREADS; j++)
            add_scan(&r, SCHED_STATIC, threads[j], size[z], times[j][z]);
    }
    CHECK(isnan(results_break_even(&r, 0, 1)));
    CHECK_NEAR(results_break_even(&r, 0, 2), 100000, 0);
    CHECK_NEAR(results_break_even(&r, 0, 4), 1000, 0);
    CHECK_NEAR(results_break_even(&r, 0, 8), 100, 0);
    CHECK_INT(results_fit_all(&r), 0);
    CHECK_INT(csv_write_all(&r, dir, err, sizeof err), 0);

    if (take_table(dir, "crossover.csv", &t) == 0) {
        check_header(&t, "kernel,class,size_param,size,schedule,threads,oversubscribed,inner_reps,n,median_s,min_s,"
                         "time_per_iteration_s,serial_median_s,speedup,bandwidth_gbs,break_even_size,verified,copy_gbs,bandwidth_of_copy");
        CHECK_INT(t.n_rows, 1 + SIZES * (1 + THREADS));  /* scan rows only, serial included */
        for (int z = 0; z < SIZES; z++) {
            for (int j = -1; j < THREADS; j++) {  /* -1: the serial row */
                int i = 1 + z * (1 + THREADS) + j + 1;
                double time_s = j < 0 ? serial[z] : times[j][z];
                char text[32];
                CHECK_STR(cell(&t, i, "kernel"), "sqrtmap");
                CHECK_STR(cell(&t, i, "size_param"), "n");
                snprintf(text, sizeof text, "%.0f", size[z]);
                CHECK_STR(cell(&t, i, "size"), text);
                CHECK_STR(cell(&t, i, "schedule"), j < 0 ? "serial" : "static");
                CHECK_INT(atoi(cell(&t, i, "threads")), j < 0 ? 1 : threads[j]);
                CHECK_STR(cell(&t, i, "oversubscribed"), j == 3 ? "1" : "0");
                CHECK_STR(cell(&t, i, "inner_reps"), size[z] < 10000 ? "100" : "1");
                CHECK_STR(cell(&t, i, "n"), "1");
                CHECK_NEAR(atof(cell(&t, i, "median_s")), time_s, 1e-9 * time_s);
                CHECK_NEAR(atof(cell(&t, i, "min_s")), time_s, 1e-9 * time_s);
                CHECK_NEAR(atof(cell(&t, i, "time_per_iteration_s")), time_s / size[z], 1e-5 * time_s / size[z]);
                CHECK_NEAR(atof(cell(&t, i, "serial_median_s")), serial[z], 1e-9 * serial[z]);  /* same size */
                CHECK_NEAR(atof(cell(&t, i, "speedup")), serial[z] / time_s, 1e-5 * serial[z] / time_s);
                CHECK_NEAR(atof(cell(&t, i, "bandwidth_gbs")), 16 * size[z] / time_s / 1e9,
                           1e-5 * 16 * size[z] / time_s / 1e9);
                CHECK_STR(cell(&t, i, "break_even_size"), j < 0 ? "" : break_even[j]);
                CHECK_STR(cell(&t, i, "verified"), "1");
            }
        }
    }
    if (take_table(dir, "speedup.csv", &t) == 0) {
        CHECK_INT(t.n_rows, 1 + 3);  /* the main run only */
        for (int i = 1; i < t.n_rows; i++) {
            CHECK_STR(cell(&t, i, "size"), "");
            CHECK_STR(cell(&t, i, "serial_median_s"), "1");  /* the main run's serial, not a scan's */
        }
    }
    if (take_table(dir, "amdahl.csv", &t) == 0) {
        CHECK_INT(t.n_rows, 1 + 1);
        CHECK_STR(cell(&t, 1, "n_points"), "3");
        CHECK_NEAR(atof(cell(&t, 1, "f")), 0.1, 1e-6);
        CHECK_STR(cell(&t, 1, "best"), "1");
    }
    take_table(dir, "raw.csv", &t);
    take_table(dir, "efficiency.csv", &t);
    results_free(&r);
}

/* The break-even size a chart marks (results_break_even_clear), on a scan of five samples per
 * configuration at n = 100, 1000, 10000, serial taking 1e-6 n s give or take 1%:
 *   1 thread   2% faster everywhere: break-even 100, but one thread is not parallel work
 *   2 threads  slower at 100, 1.8x faster from 1000 on: 1000, and clear
 *   4 threads  slower below 10000, its median 3% faster at 10000 with samples 20% either
 *              side: break-even 10000, not beyond noise, so not marked */
static void test_break_even_clear(void)
{
    static struct plan plan;
    static struct results r;
    enum { SIZES = 3, THREADS = 3 };
    const double size[SIZES] = {100, 1000, 10000}, spread[5] = {0.99, 1.0, 1.01, 1.0, 1.0};
    const double noisy[5] = {0.8, 0.95, 0.97, 1.1, 1.2};
    const int threads[THREADS] = {1, 2, 4};
    const double factor[THREADS][SIZES] = {{0.98, 0.98, 0.98}, {1.5, 0.55, 0.55}, {2, 2, 1}};
    static const struct plan_chunk plain = {0, "default"};
    plan.n_kernels = 1;
    plan.kernels[0].kernel = kernel_find("sqrtmap");
    plan.class = CLASS_S;
    plan.cpus_available = 4;
    results_init(&r, &plan);
    for (int z = 0; z < SIZES; z++) {
        for (int j = -1; j < THREADS; j++) {  /* -1: serial */
            double times[5];
            const double *shape = j == 2 && z == 2 ? noisy : spread;  /* 4 threads at the largest size */
            for (int s = 0; s < 5; s++)
                times[s] = 1e-6 * size[z] * (j < 0 ? spread[s] : factor[j][z] * shape[s]);
            struct measurement *m = add(&r, j < 0 ? SCHED_SERIAL : SCHED_STATIC, j < 0 ? NULL : &plain,
                                        j < 0 ? 1 : threads[j], times, 5);
            m->scan_size = size[z];
            m->n_iterations = (long)size[z];
        }
    }
    CHECK_NEAR(results_break_even(&r, 0, 1), 100, 0);
    CHECK(isnan(results_break_even_clear(&r, 0, 1)));
    CHECK_NEAR(results_break_even(&r, 0, 2), 1000, 0);
    CHECK_NEAR(results_break_even_clear(&r, 0, 2), 1000, 0);
    CHECK_NEAR(results_break_even(&r, 0, 4), 10000, 0);
    CHECK(isnan(results_break_even_clear(&r, 0, 4)));
    results_free(&r);
}

/* metrics.csv: one row per sample per metric, for kernels that have metrics (scatter: draw_s,
 * encode_s, write_s); mandelbrot, measured in the same run, has none and gives no row. Sample
 * s of measurement i holds metric k = 10 (i + 1) + (s + 1) + (k + 1) / 8, exact in %.9g. */
static void test_metrics_csv(const char *dir)
{
    static struct plan plan;
    static struct results r;
    static struct table t;
    char err[256], text[32];
    const struct plan_chunk one = {1, "1"};
    const char *names[] = {"draw_s", "encode_s", "write_s"};
    plan.n_kernels = 2;
    plan.kernels[0].kernel = kernel_find("mandelbrot");
    plan.kernels[1].kernel = kernel_find("scatter");
    plan.class = CLASS_S;
    plan.cpus_available = 2;
    results_init(&r, &plan);
    add(&r, SCHED_SERIAL, NULL, 1, (double[]){1}, 1);
    add(&r, SCHED_STATIC, &one, 2, (double[]){0.5}, 1);
    CHECK_INT(plan.kernels[1].kernel->n_metrics, 3);
    for (int i = 0; i < 2; i++) {
        struct measurement *m = results_add(&r, 1, i ? SCHED_DYNAMIC : SCHED_SERIAL, i ? &one : NULL, i ? 2 : 1, 2, 3);
        for (int s = 0; s < 2; s++) {
            m->elapsed_s[s] = 1;
            m->verified[s] = 1;
            for (int k = 0; k < 3; k++)
                m->metrics[s * 3 + k] = 10 * (i + 1) + (s + 1) + (k + 1) / 8.0;
        }
        m->work = 8;
        results_summarize(m);
    }
    CHECK_INT(csv_write_all(&r, dir, err, sizeof err), 0);
    take_table(dir, "raw.csv", &t);
    take_table(dir, "speedup.csv", &t);
    take_table(dir, "efficiency.csv", &t);
    if (take_table(dir, "metrics.csv", &t) != 0)
        return;
    check_header(&t, "kernel,class,scaling,size_param,size,schedule,chunk,chunk_label,threads,oversubscribed,rep,"
                     "metric,value");
    CHECK_INT(t.n_rows, 1 + 2 * 2 * 3);  /* scatter only: 2 measurements x 2 samples x 3 metrics */
    for (int i = 0, row = 1; i < 2; i++) {
        for (int s = 0; s < 2; s++) {
            for (int k = 0; k < 3; k++, row++) {
                CHECK_STR(cell(&t, row, "kernel"), "scatter");
                CHECK_STR(cell(&t, row, "schedule"), i ? "dynamic" : "serial");
                CHECK_STR(cell(&t, row, "threads"), i ? "2" : "1");
                snprintf(text, sizeof text, "%d", s + 1);
                CHECK_STR(cell(&t, row, "rep"), text);
                CHECK_STR(cell(&t, row, "metric"), names[k]);
                CHECK_NEAR(atof(cell(&t, row, "value")), 10 * (i + 1) + (s + 1) + (k + 1) / 8.0, 0);
            }
        }
    }
    results_free(&r);
}

int main(void)
{
    static struct plan plan;
    static struct results r;
    static struct table t;
    char dir[] = "/tmp/ompscale-csv-XXXXXX", err[256], path[512];
    if (mkdtemp(dir) == NULL)
        return 1;

    plan.n_kernels = 1;
    plan.kernels[0].kernel = kernel_find("mandelbrot");
    plan.class = CLASS_W;
    plan.cpus_available = 2;
    plan.reps = 3;
    results_init(&r, &plan);
    const struct plan_chunk row = {256, "row"}, one = {1, "1"};
    add(&r, SCHED_SERIAL, NULL, 1, (double[]){2.0, 2.1, 1.9}, 3);
    add(&r, SCHED_STATIC, &row, 1, (double[]){2.2, 2.2, 2.3}, 3);
    add(&r, SCHED_STATIC, &row, 2, (double[]){1.1, 1.0, 1.2}, 3);
    add(&r, SCHED_STATIC, &row, 4, (double[]){0.8, 0.9, 0.8}, 3);  /* no team: no POP factors */
    add(&r, SCHED_DYNAMIC, &one, 2, (double[]){4.0, 4.0, 4.0}, 3);  /* no 1-thread baseline */
    r.m[4].verified[1] = 0;
    /* Useful times: static,row at 1 thread 2.0, 2.0, 2.1 s of 2.2, 2.2, 2.3; at 2 threads
     * (1.0, 0.5), (0.9, 0.6), (1.1, 0.55) of 1.1, 1.0, 1.2 s. */
    set_team(&r.m[1], (double[]){2.0, 2.0, 2.1});
    set_team(&r.m[2], (double[]){1.0, 0.5, 0.9, 0.6, 1.1, 0.55});
    set_team(&r.m[4], (double[]){3.0, 3.0, 3.0, 3.0, 3.0, 3.0});
    CHECK(csv_write_all(&r, dir, err, sizeof err) == 0);

    snprintf(path, sizeof path, "%s/raw.csv", dir);
    CHECK(read_table(path, &t) == 0);
    check_header(&t, "kernel,class,scaling,size_param,size,schedule,chunk,chunk_label,threads,oversubscribed,rep,inner_reps,elapsed_s,"
                     "outlier,verified,work,work_unit,round");
    CHECK_INT(t.n_rows, 1 + 5 * 3);
    CHECK_STR(cell(&t, 1, "schedule"), "serial");
    CHECK_STR(cell(&t, 1, "scaling"), "strong");
    CHECK_STR(cell(&t, 1, "size"), "");
    CHECK_STR(cell(&t, 1, "chunk"), "");
    CHECK_STR(cell(&t, 2, "elapsed_s"), "2.1");
    CHECK_STR(cell(&t, 14, "verified"), "0");
    unlink(path);

    snprintf(path, sizeof path, "%s/speedup.csv", dir);
    CHECK(read_table(path, &t) == 0);
    check_header(&t, "kernel,class,scaling,size_param,size,schedule,chunk,chunk_label,threads,oversubscribed,n,median_s,ci_low_s,ci_high_s,"
                     "ci_level,min_s,mean_s,sd_s,cv,n_outliers,serial_median_s,speedup,speedup_ci_low,"
                     "speedup_ci_high,speedup_vs_1thread,throughput,throughput_unit,bandwidth_gbs,verified,"
                     "speedup_paired,speedup_paired_ci_low,speedup_paired_ci_high,speedup_of_medians,"
                     "speedup_of_medians_ci_low,speedup_of_medians_ci_high,suspect,copy_gbs,bandwidth_of_copy");
    CHECK_INT(t.n_rows, 1 + 4);  /* serial rows are not configurations */
    CHECK_STR(cell(&t, 2, "kernel"), "mandelbrot");
    CHECK_STR(cell(&t, 2, "class"), "W");
    CHECK_STR(cell(&t, 2, "chunk"), "256");
    CHECK_STR(cell(&t, 2, "chunk_label"), "row");
    CHECK_STR(cell(&t, 2, "median_s"), "1.1");
    CHECK_STR(cell(&t, 2, "serial_median_s"), "2");
    CHECK_NEAR(atof(cell(&t, 2, "speedup")), 2.0 / 1.1, 1e-5);
    CHECK_NEAR(atof(cell(&t, 2, "speedup_vs_1thread")), 2.2 / 1.1, 1e-5);
    /* n = 3: each median's interval is [min, max] (coverage 0.75), so the speed-up's is
     * [1.9 / 1.2, 2.1 / 1.0]. */
    CHECK_STR(cell(&t, 2, "ci_low_s"), "1");
    CHECK_STR(cell(&t, 2, "ci_high_s"), "1.2");
    CHECK_STR(cell(&t, 2, "ci_level"), "0.75");
    CHECK_NEAR(atof(cell(&t, 2, "speedup_ci_low")), 1.9 / 1.2, 1e-5);
    CHECK_NEAR(atof(cell(&t, 2, "speedup_ci_high")), 2.1 / 1.0, 1e-5);
    CHECK_NEAR(atof(cell(&t, 2, "cv")), 0.1 / 1.1, 1e-3);
    CHECK_STR(cell(&t, 2, "n_outliers"), "0");
    CHECK_NEAR(atof(cell(&t, 2, "throughput")), 1000 / 1.1, 1e-3);
    CHECK_STR(cell(&t, 2, "throughput_unit"), "iterations/s");
    CHECK_STR(cell(&t, 2, "bandwidth_gbs"), "");  /* mandelbrot counts no bytes */
    CHECK_STR(cell(&t, 2, "oversubscribed"), "0");
    CHECK_STR(cell(&t, 3, "oversubscribed"), "1");
    CHECK_STR(cell(&t, 4, "speedup_vs_1thread"), "");  /* no baseline: empty, not a number */
    CHECK_STR(cell(&t, 4, "verified"), "0");
    CHECK_STR(cell(&t, 2, "verified"), "1");
    unlink(path);

    snprintf(path, sizeof path, "%s/efficiency.csv", dir);
    CHECK(read_table(path, &t) == 0);
    check_header(&t, "kernel,class,scaling,size_param,size,schedule,chunk,chunk_label,threads,oversubscribed,n,median_s,ci_low_s,ci_high_s,"
                     "ci_level,min_s,mean_s,sd_s,cv,n_outliers,serial_median_s,efficiency,efficiency_vs_1thread,"
                     "karp_flatt,verified,efficiency_ci_low,efficiency_ci_high,karp_flatt_ci_low,"
                     "karp_flatt_ci_high,suspect,load_balance,comm_efficiency,parallel_efficiency,"
                     "computation_scalability,global_efficiency");
    CHECK_NEAR(atof(cell(&t, 2, "efficiency")), 2.0 / 1.1 / 2, 1e-5);
    /* POP factors, medians over samples: at 1 thread load balance 1, runtime efficiency
     * median(2/2.2, 2/2.2, 2.1/2.3); at 2 threads load balance median(0.75/1, 0.75/0.9, 0.825/1.1),
     * runtime efficiency median(1/1.1, 0.9/1, 1.1/1.2), computation scalability median useful at
     * 1 thread over at 2 threads (2.0 / 1.5); the products of those. */
    CHECK_NEAR(atof(cell(&t, 1, "load_balance")), 1, 1e-4);
    CHECK_NEAR(atof(cell(&t, 1, "comm_efficiency")), 2 / 2.2, 1e-4);
    CHECK_NEAR(atof(cell(&t, 1, "computation_scalability")), 1, 1e-4);
    CHECK_NEAR(atof(cell(&t, 1, "global_efficiency")), 2 / 2.2, 1e-4);
    CHECK_NEAR(atof(cell(&t, 2, "load_balance")), 0.75, 1e-4);
    CHECK_NEAR(atof(cell(&t, 2, "comm_efficiency")), 1 / 1.1, 1e-4);
    CHECK_NEAR(atof(cell(&t, 2, "parallel_efficiency")), 0.75 / 1.1, 1e-4);
    CHECK_NEAR(atof(cell(&t, 2, "computation_scalability")), 2.0 / 1.5, 1e-4);
    CHECK_NEAR(atof(cell(&t, 2, "global_efficiency")), 0.75 / 1.1 * 2.0 / 1.5, 1e-4);
    CHECK_STR(cell(&t, 3, "load_balance"), "");  /* no team recorded */
    CHECK_STR(cell(&t, 3, "global_efficiency"), "");
    CHECK_NEAR(atof(cell(&t, 4, "load_balance")), 1, 1e-4);  /* balanced, 3 of 4 s */
    CHECK_NEAR(atof(cell(&t, 4, "comm_efficiency")), 0.75, 1e-4);
    CHECK_STR(cell(&t, 4, "computation_scalability"), "");  /* no 1-thread reference */
    CHECK_STR(cell(&t, 4, "global_efficiency"), "");
    CHECK_NEAR(atof(cell(&t, 3, "efficiency")), 2.0 / 0.8 / 4, 1e-5);
    CHECK_NEAR(atof(cell(&t, 3, "efficiency_vs_1thread")), 2.2 / 0.8 / 4, 1e-5);
    CHECK_STR(cell(&t, 1, "karp_flatt"), "");  /* undefined at 1 thread */
    CHECK_NEAR(atof(cell(&t, 2, "karp_flatt")), (1.1 / 2.0 - 0.5) / 0.5, 1e-5);
    unlink(path);

    results_free(&r);
    test_weak(dir);
    test_overhead_csv(dir);
    test_amdahl_csv(dir);
    test_crossover_csv(dir);
    test_break_even_clear();
    test_metrics_csv(dir);
    CHECK(rmdir(dir) == 0);  /* every file written was checked and removed */
    return check_report("test_csv");
}
