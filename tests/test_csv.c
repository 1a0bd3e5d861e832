/* test_csv.c -- the CSV writers on synthetic results with known figures: the documented
 * columns, one row per run or configuration, and speed-up / efficiency computed from medians. */
#define _XOPEN_SOURCE 700
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "csv.h"

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
    m = add(&r, SCHED_SERIAL, NULL, 1, (double[]){4.0}, 1);
    m->weak_size = 200;
    m->work = 2000;
    m = add(&r, SCHED_STATIC, &row, 2, (double[]){2.75}, 1);
    m->weak_size = 200;
    m->work = 2000;
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
         .min_s = 1.25e-6, .sd_s = 2e-7, .reference_s = 1e-7},
        {.construct = "schedule", .schedule = "dynamic", .chunk = 64, .threads = 3, .oversubscribed = 1,
         .inner_reps = 8, .outer_reps = 20, .median_s = 2.5e-8, .min_s = -1e-9, .sd_s = 3e-9,
         .reference_s = 1.0000001e-7},
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
                   "reference_s\n"
                   "parallel,,,2,0,4096,20,1.5e-06,1.25e-06,2e-07,1e-07\n"
                   "schedule,dynamic,64,3,1,8,20,2.5e-08,-1e-09,3e-09,1e-07\n");
    unlink(path);

    char missing[600];
    snprintf(missing, sizeof missing, "%s/no/such/dir", dir);
    CHECK_INT(csv_write_all(&r, missing, err, sizeof err), -1);
    CHECK(strstr(err, missing) != NULL && strstr(err, "No such file") != NULL);  /* path and errno */
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
    add(&r, SCHED_STATIC, &row, 4, (double[]){0.8, 0.9, 0.8}, 3);
    add(&r, SCHED_DYNAMIC, &one, 2, (double[]){4.0, 4.0, 4.0}, 3);  /* no 1-thread baseline */
    r.m[4].verified[1] = 0;
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
                     "speedup_of_medians_ci_low,speedup_of_medians_ci_high,suspect");
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
                     "karp_flatt_ci_high,suspect");
    CHECK_NEAR(atof(cell(&t, 2, "efficiency")), 2.0 / 1.1 / 2, 1e-5);
    CHECK_NEAR(atof(cell(&t, 3, "efficiency")), 2.0 / 0.8 / 4, 1e-5);
    CHECK_NEAR(atof(cell(&t, 3, "efficiency_vs_1thread")), 2.2 / 0.8 / 4, 1e-5);
    CHECK_STR(cell(&t, 1, "karp_flatt"), "");  /* undefined at 1 thread */
    CHECK_NEAR(atof(cell(&t, 2, "karp_flatt")), (1.1 / 2.0 - 0.5) / 0.5, 1e-5);
    unlink(path);

    snprintf(path, sizeof path, "%s/amdahl.csv", dir);
    unlink(path);
    results_free(&r);
    test_weak(dir);
    test_overhead_csv(dir);
    CHECK(rmdir(dir) == 0);  /* every file written was checked and removed */
    return check_report("test_csv");
}
