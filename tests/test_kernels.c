/* test_kernels.c -- every kernel in the table, at class S: the parallel output equals the serial
 * output at 1, 2 and 3 threads under every schedule and several chunks (one iteration, an odd
 * size, each kernel unit such as a row, and the runtime's default); and a poisoned output
 * fails verification, so verification can fail. A kernel that writes files reports a file it
 * cannot write as a run failure naming the file and the error, never as wrong output.
 * usage: test_kernels [KERNEL]   (default: all kernels) */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "kernel.h"
#include "schedule.h"

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
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

    CHECK(k->run_serial(state, why, sizeof why) == 0);
    CHECK(k->n_iterations(state) > 0);
    CHECK(k->work(state) > 0);
    if (k->bytes)
        CHECK(k->bytes(state) > 0);

    /* Chunks: 1, an odd size, each unit once and three times, and the default (0). */
    long chunks[16] = {1, 7, 0};
    int n_chunks = 3;
    for (int u = 0; u < k->n_units && n_chunks + 2 <= 16; u++) {
        long size = (long)values[kernel_param_index(k, k->units[u].param)];
        chunks[n_chunks++] = size;
        chunks[n_chunks++] = 3 * size;
    }
    int n_runs = 0, n_ok = 0;
    for (int threads = 1; threads <= 3; threads++) {
        for (int s = 0; s < SCHED_COUNT; s++) {
            for (int c = 0; c < n_chunks; c++) {
                schedule_apply((enum sched_kind)s, chunks[c], threads);
                k->reset(state);
                CHECK(k->run_parallel(state, why, sizeof why) == 0);
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

    /* A poisoned output must not pass: verify can fail. */
    k->reset(state);
    CHECK(k->verify(state, why, sizeof why) != 0);
    CHECK(strlen(why) > 0);

    if (k->n_metrics > 0) {
        double m[64];
        CHECK(k->n_metrics <= 64 && k->metrics != NULL);
        k->metrics(state, m);
    }
    if (k->data) {
        struct kernel_data t;
        CHECK(k->data(state, &t) == 0);
        CHECK(t.n_rows > 0 && t.n_columns > 0 && t.values != NULL && t.name != NULL);
    }
    k->teardown(state);
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
    CHECK_INT(k->run_parallel(state, why, sizeof why), -1);
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
