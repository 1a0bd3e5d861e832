/* test_mandelbrot_simd.c -- mandelbrot_simd gives mandelbrot's counts pixel for pixel, serial and
 * parallel, on boxes that reach every path of the lanes: whole groups and ragged ones, lanes that
 * escape at once or never, |z|^2 = 4 exactly, maxiter 1; and it saves the same counts. */
#define _XOPEN_SOURCE 700
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "kernel.h"
#include "mandelbrot.h"
#include "schedule.h"

struct box {
    const char *what;
    double width, height, maxiter, xmin, xmax, ymin, ymax;
};

enum { BOX_RAGGED = 4, BOX_INSIDE = 6, BOX_OUTSIDE = 7 };

static const struct box boxes[] = {
    {"default box", 256, 256, 256, -2, 1, -1.5, 1.5},
    {"deep zoom near the boundary", 40, 30, 3000, -0.74364388705715 - 2e-11, -0.74364388705715 + 2e-11,
     0.13182590421 - 1.5e-11, 0.13182590421 + 1.5e-11},
    {"maxiter 1", 64, 16, 1, -2, 1, -1.5, 1.5},
    {"1 x 1", 1, 1, 100, -2, 1, -1.5, 1.5},
    [BOX_RAGGED] = {"7 x 5 (ragged lanes)", 7, 5, 100, -2, 1, -1.5, 1.5},
    {"33 x 3 (whole groups and one lane)", 33, 3, 100, -2, 1, -1.5, 1.5},
    [BOX_INSIDE] = {"inside the set (main cardioid)", 37, 9, 500, -0.4, -0.1, -0.2, 0.2},
    [BOX_OUTSIDE] = {"far outside (escape at once)", 19, 4, 100, 100, 1000, -500, 500},
    {"|z|^2 = 4 exactly (c = -2, c = 2)", 5, 3, 100, -2.5, 2.5, -1.5, 1.5},
};

static void values_for(const struct kernel *k, const struct box *b, double *v)
{
    for (int i = 0; i < k->n_params; i++)
        v[i] = k->params[i].by_class[CLASS_S];
    const char *names[] = {"width", "height", "maxiter", "xmin", "xmax", "ymin", "ymax", "png"};
    const double values[] = {b->width, b->height, b->maxiter, b->xmin, b->xmax, b->ymin, b->ymax, 0};
    for (int i = 0; i < 8; i++) {
        int p = kernel_param_index(k, names[i]);
        CHECK(p >= 0);
        if (p >= 0)
            v[p] = values[i];
    }
}

/* Returns the pixels where a and b differ, printing the first. */
static long n_differ(const char *what, const char *which, const struct mandelbrot *m, const uint32_t *a,
                     const uint32_t *b)
{
    long n = 0;
    for (long i = 0; i < m->n_pixels; i++) {
        if (a[i] != b[i] && n++ == 0)
            fprintf(stderr, "%s, %s: column %ld, row %ld: mandelbrot_simd %u, mandelbrot %u\n", what, which,
                    i % m->width, i / m->width, a[i], b[i]);
    }
    return n;
}

static void test_box(const struct box *b, const char *dir)
{
    const struct kernel *scalar = kernel_find("mandelbrot"), *simd = kernel_find("mandelbrot_simd");
    double vs[KERNEL_MAX_PARAMS], vv[KERNEL_MAX_PARAMS];
    char why[256];
    void *ss = NULL, *sv = NULL;
    values_for(scalar, b, vs);
    values_for(simd, b, vv);
    CHECK(simd->check(vv, why, sizeof why) == 0);
    CHECK(scalar->setup(&ss, vs, dir) == 0);
    CHECK(simd->setup(&sv, vv, dir) == 0);
    if (ss == NULL || sv == NULL)
        return;
    struct mandelbrot *ms = ss, *mv = sv;
    CHECK(scalar->run_serial(ss, why, sizeof why) == 0);
    CHECK(simd->run_serial(sv, why, sizeof why) == 0);
    CHECK_INT(n_differ(b->what, "serial", ms, mv->ref, ms->ref), 0);
    CHECK_NEAR(simd->work(sv), scalar->work(ss), 0);

    schedule_apply(SCHED_DYNAMIC, 1, 3);
    simd->reset(sv);
    CHECK(simd->run_parallel(sv, NULL, why, sizeof why) == 0);
    CHECK_INT(n_differ(b->what, "3 threads", ms, mv->out, ms->ref), 0);
    CHECK(simd->verify(sv, why, sizeof why) == 0);
    scalar->teardown(ss);
    simd->teardown(sv);
}

static void test_inside_and_outside(const char *dir)
{
    const struct kernel *k = kernel_find("mandelbrot_simd");
    const struct box *in = &boxes[BOX_INSIDE], *out = &boxes[BOX_OUTSIDE];
    double v[KERNEL_MAX_PARAMS];
    char why[256];
    void *state = NULL;
    values_for(k, in, v);
    CHECK(k->setup(&state, v, dir) == 0);
    if (state == NULL)
        return;
    CHECK(k->run_serial(state, why, sizeof why) == 0);
    CHECK_NEAR(k->work(state), in->width * in->height * in->maxiter, 0);  /* every pixel runs to maxiter */
    k->teardown(state);
    values_for(k, out, v);
    CHECK(k->setup(&state, v, dir) == 0);
    if (state == NULL)
        return;
    CHECK(k->run_serial(state, why, sizeof why) == 0);
    CHECK_NEAR(k->work(state), out->width * out->height, 0);  /* every pixel escapes at 1 */
    k->teardown(state);
}

/* Reads a whole file into buf; returns its size, or -1. */
static long slurp(const char *path, unsigned char *buf, long size)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return -1;
    long n = (long)fread(buf, 1, (size_t)size, f);
    fclose(f);
    return n;
}

/* Both kernels save the same counts, each under its own name. */
static void test_save(const char *dir)
{
    unsigned char a[4096], b[4096];
    char why[256], path[512];
    const char *names[] = {"mandelbrot", "mandelbrot_simd"};
    for (int i = 0; i < 2; i++) {
        const struct kernel *k = kernel_find(names[i]);
        double v[KERNEL_MAX_PARAMS];
        void *state = NULL;
        values_for(k, &boxes[BOX_RAGGED], v);
        v[kernel_param_index(k, "pgm")] = 1;
        CHECK(k->setup(&state, v, dir) == 0);
        if (state == NULL)
            return;
        CHECK(k->run_serial(state, why, sizeof why) == 0);
        CHECK(k->save(state, dir, why, sizeof why) == 0);
        k->teardown(state);
    }
    snprintf(path, sizeof path, "%s/mandelbrot.pgm", dir);
    long na = slurp(path, a, sizeof a);
    unlink(path);
    snprintf(path, sizeof path, "%s/mandelbrot_simd.pgm", dir);
    long nb = slurp(path, b, sizeof b);
    unlink(path);
    CHECK_INT(na, (long)strlen("P5\n7 5\n65535\n") + 7 * 5 * 2);
    CHECK_INT(nb, na);
    CHECK(na > 0 && nb == na && memcmp(a, b, (size_t)na) == 0);
}

int main(void)
{
    char dir[] = "/tmp/ompscale-mandel-simd-XXXXXX";
    if (mkdtemp(dir) == NULL)
        return 1;
    for (size_t i = 0; i < sizeof boxes / sizeof boxes[0]; i++)
        test_box(&boxes[i], dir);
    test_inside_and_outside(dir);
    test_save(dir);
    rmdir(dir);
    return check_report("test_mandelbrot_simd");
}
