/* test_kernels.c -- every kernel in the table, at class S: the parallel output equals the serial
 * output at 1, 2 and 3 threads under every schedule and several chunks (one iteration, an odd
 * size, each kernel unit such as a row, and the runtime's default); a poisoned output fails
 * verification, so verification can fail; each run's recorded shares (kernels/share.h) account
 * for every iteration, as the schedule deals them; work, bytes and loop iterations are what the
 * parameters imply; metrics are as many as their names, and seconds are spent inside the run. A kernel that
 * writes files reports a file it cannot write as a run failure naming the file and the error,
 * never as wrong output.
 * usage: test_kernels [KERNEL]   (default: all kernels) */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "clock.h"
#include "kernel.h"
#include "mandelbrot.h"
#include "schedule.h"

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static double param(const struct kernel *k, const double *values, const char *name)
{
    int i = kernel_param_index(k, name);
    CHECK(i >= 0);
    return i >= 0 ? values[i] : NAN;
}

/* What one run of k at parameter values v does, by each kernel's definition (kernels/NAME.c):
 * work in k->work_unit, bytes moved (-1: not counted, k->bytes is NULL) and iterations of the
 * parallel loop. Returns 0, or -1 for a kernel this test does not know yet. */
static int expected_counts(const struct kernel *k, const double *v, double *work, double *bytes, long *n_iterations)
{
    *bytes = -1;
    if (strcmp(k->name, "mandelbrot") == 0 || strcmp(k->name, "mandelbrot_simd") == 0) {
        /* One iteration per z -> z^2 + c update: the escape counts summed over pixel centres;
         * the SIMD kernel's parallel loop is over rows, the scalar one's over pixels. */
        long width = (long)param(k, v, "width"), height = (long)param(k, v, "height");
        double xmin = param(k, v, "xmin"), xmax = param(k, v, "xmax");
        double ymin = param(k, v, "ymin"), ymax = param(k, v, "ymax");
        uint32_t maxiter = (uint32_t)param(k, v, "maxiter");
        *work = 0;
        for (long row = 0; row < height; row++)
            for (long col = 0; col < width; col++)
                *work += mandelbrot_escape_count(xmin + (col + 0.5) * (xmax - xmin) / width,
                                                 ymax - (row + 0.5) * (ymax - ymin) / height, maxiter);
        *n_iterations = strcmp(k->name, "mandelbrot") == 0 ? width * height : height;
    } else if (strcmp(k->name, "sqrtmap") == 0) {
        double n = param(k, v, "n");
        *work = n;
        *bytes = 16 * n;  /* an 8-byte read of x and an 8-byte write of y per element */
        *n_iterations = (long)n;
    } else if (strcmp(k->name, "scatter") == 0) {
        *work = param(k, v, "plots");
        *n_iterations = (long)*work;
    } else if (strcmp(k->name, "sweep") == 0) {
        /* Bonds grown: samples chains at each angle for each length; lengths spaced
         * geometrically from n_min to n_max and rounded (class S: 8, 13, 20, 32). */
        long angles = (long)param(k, v, "angles"), lengths = (long)param(k, v, "lengths");
        double n_min = param(k, v, "n_min"), n_max = param(k, v, "n_max"), bonds = 0;
        for (long j = 0; j < lengths; j++)
            bonds += (double)lround(n_min * pow(n_max / n_min, lengths > 1 ? (double)j / (double)(lengths - 1) : 0));
        *work = bonds * (double)angles * param(k, v, "samples");
        *n_iterations = angles * lengths;
    } else {
        return -1;
    }
    return 0;
}

static void check_counts(const struct kernel *k, const double *values, void *state)
{
    double work, bytes;
    long n_iterations;
    if (expected_counts(k, values, &work, &bytes, &n_iterations) != 0) {
        /* A new kernel passes the generic checks; its exact figures belong here once it stays. */
        fprintf(stderr, "%s: no expected work, bytes and iterations in test_kernels.c: only generic checks\n",
                k->name);
        CHECK(k->work(state) > 0 && k->n_iterations(state) > 0);
        if (k->bytes != NULL)
            CHECK(k->bytes(state) > 0);
        return;
    }
    CHECK(work > 0 && n_iterations > 0);
    CHECK_NEAR(k->work(state), work, 0);
    CHECK_INT(k->n_iterations(state), n_iterations);
    CHECK_INT(k->bytes != NULL, bytes >= 0);
    if (k->bytes != NULL)
        CHECK_NEAR(k->bytes(state), bytes, 0);
}

/* Metric names: as many as n_metrics, each a non-empty CSV field, all distinct. */
static void check_metric_names(const struct kernel *k)
{
    CHECK(k->n_metrics >= 0 && k->n_metrics <= 64);
    if (k->n_metrics == 0)
        return;
    CHECK(k->metric_names != NULL && k->metrics != NULL);
    if (k->metric_names == NULL)
        return;
    for (int i = 0; i < k->n_metrics; i++) {
        const char *name = k->metric_names[i];
        CHECK(name != NULL && name[0] != '\0' && strpbrk(name, ",\"\n") == NULL);
        for (int j = 0; name != NULL && j < i; j++)
            CHECK(strcmp(name, k->metric_names[j]) != 0);
    }
    if (strcmp(k->name, "scatter") == 0) {  /* documented in the README's metrics.csv columns */
        CHECK_INT(k->n_metrics, 3);
        CHECK_STR(k->metric_names[0], "draw_s");
        CHECK_STR(k->metric_names[1], "encode_s");
        CHECK_STR(k->metric_names[2], "write_s");
    }
}

/* The metrics of the last run, which took elapsed_s on at most threads threads: metrics()
 * writes n_metrics finite values and no more; a metric in seconds (name ending in _s) was
 * spent inside the run, so it is >= 0 and the seconds add up to at most threads x elapsed_s
 * (scatter's phases are timed one after another within each task). scatter's run wrote its
 * files, so each of its phases took some time. */
static void check_metrics(const struct kernel *k, const void *state, double elapsed_s, int threads)
{
    enum { SENTINEL = -12345 };
    double m[64], seconds = 0;
    if (k->n_metrics <= 0 || k->n_metrics > 64 || k->metrics == NULL)
        return;
    for (int i = 0; i < 64; i++)
        m[i] = SENTINEL;
    k->metrics(state, m);
    for (int i = 0; i < 64; i++) {
        if (i >= k->n_metrics) {
            CHECK_NEAR(m[i], SENTINEL, 0);  /* not written past n_metrics */
            continue;
        }
        CHECK(isfinite(m[i]));
        size_t len = strlen(k->metric_names[i]);
        if (len > 2 && strcmp(k->metric_names[i] + len - 2, "_s") == 0) {
            CHECK(m[i] >= 0);
            seconds += m[i];
        }
        if (strcmp(k->name, "scatter") == 0)
            CHECK(m[i] > 0);
    }
    CHECK(seconds <= threads * elapsed_s);
    if (!(seconds <= threads * elapsed_s))
        fprintf(stderr, "%s: metrics add up to %g s, the run took %g s on %d threads\n", k->name, seconds, elapsed_s,
                threads);
}

/* The shares a parallel run recorded in slots (kernels/share.h) at threads under schedule kind s
 * with chunk (0: the default) over n iterations, in a run of elapsed_s: every iteration in one
 * thread's share; each thread's time within the run; chunks as the schedule fixes them: static
 * with a chunk deals chunk j to thread j mod threads (the OpenMP rule), so each thread's
 * iterations are known exactly; dynamic hands out ceil(n / chunk) chunks in all (chunk 1 by
 * default); static by default one block per thread that has iterations; guided and auto are not
 * counted. Returns the number of failed checks. */
static int check_shares(const struct share_slot *slots, int threads, enum sched_kind s, long chunk, long n,
                        double elapsed_s)
{
    int before = check_failures;
    long long iterations = 0, chunks = 0, busy = 0;
    for (int t = 0; t < threads; t++) {
        iterations += slots[t].iterations;
        chunks += slots[t].chunks;
        busy += slots[t].iterations > 0;
        CHECK(slots[t].useful_s >= 0 && slots[t].useful_s <= elapsed_s);
        if (s == SCHED_GUIDED || s == SCHED_AUTO)
            CHECK_INT(slots[t].chunks, -1);
        if (s == SCHED_STATIC && chunk > 0) {
            long own = 0;
            for (long j = t; j * chunk < n; j += threads)
                own += n - j * chunk < chunk ? n - j * chunk : chunk;
            CHECK_INT(slots[t].iterations, own);
        }
    }
    CHECK_INT(iterations, n);
    if (s == SCHED_STATIC && chunk == 0)
        CHECK_INT(chunks, busy);
    else if (s == SCHED_STATIC || s == SCHED_DYNAMIC)
        CHECK_INT(chunks, (n + (chunk > 0 ? chunk : 1) - 1) / (chunk > 0 ? chunk : 1));
    return check_failures - before;
}

static double test_now_s(void *ctx)
{
    (void)ctx;
    return clock_now_s();
}

/* scatter writes one file per plot into DIR/scatter-plots and, unless keep is set, removes
 * them and the folder at teardown. */
static void check_scatter_files(const char *dir, long plots, int after_teardown)
{
    char path[4096];
    struct stat st;
    for (long i = 0; i < plots; i++) {
        snprintf(path, sizeof path, "%s/scatter-plots/plot-%04ld.png", dir, i);
        int exists = stat(path, &st) == 0;
        CHECK_INT(exists, !after_teardown);
        if (exists)
            CHECK(st.st_size > 0);
    }
    snprintf(path, sizeof path, "%s/scatter-plots", dir);
    CHECK_INT(stat(path, &st) == 0, !after_teardown);
}

static void test_kernel(const struct kernel *k, const char *dir)
{
    double values[KERNEL_MAX_PARAMS];
    char why[512];
    void *state = NULL;
    for (int i = 0; i < k->n_params; i++)
        values[i] = k->params[i].by_class[CLASS_S];
    if (k->check)
        CHECK(k->check(values, why, sizeof why) == 0);
    CHECK(k->setup(&state, values, dir) == 0);
    if (state == NULL)
        return;

    check_metric_names(k);
    double t0 = clock_now_s();
    CHECK(k->run_serial(state, why, sizeof why) == 0);
    double serial_s = clock_now_s() - t0;
    check_counts(k, values, state);
    check_metrics(k, state, serial_s, 1);
    int scatter = strcmp(k->name, "scatter") == 0;
    if (scatter)
        check_scatter_files(dir, (long)param(k, values, "plots"), 0);

    /* Chunks: 1, an odd size, each unit once and three times, and the default (0). */
    long chunks[16] = {1, 7, 0};
    int n_chunks = 3;
    for (int u = 0; u < k->n_units && n_chunks + 2 <= 16; u++) {
        long size = (long)values[kernel_param_index(k, k->units[u].param)];
        chunks[n_chunks++] = size;
        chunks[n_chunks++] = 3 * size;
    }
    int n_runs = 0, n_ok = 0;
    struct share_slot slots[3];
    const struct share_team team = {slots, 3, test_now_s, NULL};
    for (int threads = 1; threads <= 3; threads++) {
        for (int s = 0; s < SCHED_COUNT; s++) {
            for (int c = 0; c < n_chunks; c++) {
                schedule_apply((enum sched_kind)s, chunks[c], threads);
                k->reset(state);
                memset(slots, 0, sizeof slots);
                t0 = clock_now_s();
                CHECK(k->run_parallel(state, &team, why, sizeof why) == 0);
                if (check_shares(slots, threads, (enum sched_kind)s, chunks[c], k->n_iterations(state),
                                 clock_now_s() - t0) != 0)
                    fprintf(stderr, "%s: shares of %s chunk %ld, %d threads\n", k->name,
                            schedule_name((enum sched_kind)s), chunks[c], threads);
                n_runs++;
                if (k->verify(state, why, sizeof why) == 0)
                    n_ok++;
                else
                    fprintf(stderr, "%s: %s chunk %ld, %d threads: %s\n", k->name, schedule_name((enum sched_kind)s),
                            chunks[c], threads, why);
            }
        }
    }
    CHECK_INT(n_ok, n_runs);

    /* The metrics of a parallel run: of that run, over its 3 threads. */
    schedule_apply(SCHED_DYNAMIC, 1, 3);
    t0 = clock_now_s();
    CHECK(k->run_parallel(state, NULL, why, sizeof why) == 0);
    check_metrics(k, state, clock_now_s() - t0, 3);

    /* A poisoned output must not pass: verify can fail. */
    k->reset(state);
    CHECK(k->verify(state, why, sizeof why) != 0);
    CHECK(strlen(why) > 0);

    if (k->data) {
        struct kernel_data t;
        CHECK(k->data(state, &t) == 0);
        CHECK(t.n_rows > 0 && t.n_columns > 0 && t.values != NULL && t.name != NULL);
    }
    k->teardown(state);
    if (scatter && param(k, values, "keep") == 0)
        check_scatter_files(dir, (long)param(k, values, "plots"), 1);
    printf("%s: %d parallel runs verified\n", k->name, n_ok);
}

/* scatter's folder replaced by a file: every open fails, so both runs fail with the path. */
static void test_scatter_write_failure(const char *dir)
{
    const struct kernel *k = kernel_find("scatter");
    double values[KERNEL_MAX_PARAMS];
    char why[512] = "", folder[512];
    void *state = NULL;
    if (k == NULL)
        return;
    for (int i = 0; i < k->n_params; i++)
        values[i] = k->params[i].by_class[CLASS_S];
    CHECK(k->setup(&state, values, dir) == 0);
    if (state == NULL)
        return;
    snprintf(folder, sizeof folder, "%s/scatter-plots", dir);
    CHECK(rmdir(folder) == 0);
    FILE *f = fopen(folder, "w");
    CHECK(f != NULL);
    if (f)
        fclose(f);
    CHECK_INT(k->run_serial(state, why, sizeof why), -1);
    CHECK(strstr(why, folder) != NULL && strstr(why, "open failed") != NULL && strstr(why, "Not a directory") != NULL);
    why[0] = '\0';
    schedule_apply(SCHED_STATIC, 0, 2);
    CHECK_INT(k->run_parallel(state, NULL, why, sizeof why), -1);
    CHECK(strstr(why, folder) != NULL);
    k->teardown(state);
    unlink(folder);
}

int main(int argc, char **argv)
{
    char dir[] = "/tmp/ompscale-test-XXXXXX";
    if (mkdtemp(dir) == NULL) {
        perror("mkdtemp");
        return 1;
    }
    int tested = 0;
    for (int i = 0; i < kernel_count; i++) {
        if (argc > 1 && strcmp(argv[1], kernel_table[i]->name) != 0)
            continue;
        test_kernel(kernel_table[i], dir);
        tested++;
    }
    CHECK(tested > 0);
    if (argc < 2 || strcmp(argv[1], "scatter") == 0)
        test_scatter_write_failure(dir);
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    return check_report("test_kernels");
}
