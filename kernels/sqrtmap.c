/* sqrtmap.c -- y[i] = sqrt(x[i]) over n doubles: overhead beats small work, then memory bandwidth.
 *
 * One square root per element is almost no arithmetic, so a small n shows the cost of starting
 * a parallel region and handing out chunks, and a large n shows the memory bus: two cores
 * share it, so the second thread adds little once the arrays live in DRAM. All three arrays
 * are first touched in setup by a static parallel loop, so each page lands near the thread
 * that uses it under a static schedule. sqrt() is correctly rounded (IEEE 754), so the
 * vector and scalar instructions give the same bits and verify() compares bit for bit.
 * The file is built with -fno-math-errno: without it, sqrt() of a negative must set errno,
 * so compilers keep a scalar call and neither loop vectorises.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel.h"

enum { P_N, P_COUNT };

/* Memory is 24 bytes per element (x and two outputs): W holds 96 MB, of which a run streams
 * 64 MB. n max: n_iterations() returns long, which is 32 bits on armhf (LONG_MAX = 2^31 - 1);
 * on 64-bit machines 2e9 elements already need 48 GB, so setup's malloc is the real limit. */
static const struct kernel_param params[P_COUNT] = {
    [P_N] = {"n", PARAM_INT, 1, 2e9, {1e5, 4e6, 1.6e7, 3.2e7}, "elements of x and y (24 bytes each in memory)"},
};

/* A quiet NaN with a recognisable payload: sqrt(x) for x >= 10 is never a NaN. */
static const uint64_t poison_bits = UINT64_C(0x7ff8dead0000beef);

struct sqrtmap {
    long n;
    double *x;    /* input, x[i] = 10 + i; read-only after setup */
    double *ref;  /* serial output */
    double *out;  /* parallel output */
};

static void free_state(struct sqrtmap *s)
{
    free(s->x);
    free(s->ref);
    free(s->out);
    free(s);
}

/* x, the reference and the parallel output: 24 bytes an element. */
static double memory_bytes(const double *v, int threads)
{
    (void)threads;
    return v[P_N] * 3 * sizeof(double);
}

/* Returns 0, or -1 when memory fails (n * 8 bytes overflowing size_t included). */
static int setup(void **state, const double *v, const char *dir)
{
    (void)dir;
    struct sqrtmap *s = calloc(1, sizeof *s);
    if (s == NULL)
        return -1;
    s->n = (long)v[P_N];
    const long n = s->n;
    if ((size_t)n > SIZE_MAX / sizeof(double)) {
        free(s);
        return -1;
    }
    /* malloc, not calloc: the pages must stay untouched until the parallel loop below. */
    s->x = malloc((size_t)n * sizeof(double));
    s->ref = malloc((size_t)n * sizeof(double));
    s->out = malloc((size_t)n * sizeof(double));
    if (s->x == NULL || s->ref == NULL || s->out == NULL) {
        free_state(s);
        return -1;
    }
    double *x = s->x, *ref = s->ref, *out = s->out;
    /* First touch with the same static split that schedule(static) gives run_parallel. */
#pragma omp parallel for schedule(static)
    for (long i = 0; i < n; i++) {
        x[i] = 10.0 + (double)i;
        ref[i] = 0;
        out[i] = 0;
    }
    *state = s;
    return 0;
}

/* Writes y[i] = sqrt(x[i]) for i < n. restrict on the parameters tells gcc and clang that x
 * and y do not overlap, so the loop vectorises (sqrtpd on x86-64, fsqrt v.2d on arm64; armhf
 * NEON has no double lanes, so scalar vsqrt.f64 there) with no run-time overlap test. */
static void sqrt_range(const double *restrict x, double *restrict y, long n)
{
    for (long i = 0; i < n; i++)
        y[i] = sqrt(x[i]);
}

/* Cannot fail: no I/O. */
static int run_serial(void *state, char *why, size_t why_size)
{
    (void)why;
    (void)why_size;
    struct sqrtmap *s = state;
    sqrt_range(s->x, s->ref, s->n);
    return 0;
}

/* Vectorises too, but the outlined loop body loses restrict, so gcc adds a run-time overlap
 * test per chunk: two compares, noise beside the dispatch of even a one-element chunk. */
static int run_range(void *state, const struct share_team *team, long begin, long end, char *why,
                     size_t why_size)
{
    (void)why;
    (void)why_size;
    struct sqrtmap *s = state;
    const double *x = s->x;
    double *y = s->out;
#pragma omp parallel
    {
        struct share_mark mark = share_begin(team);
#pragma omp for schedule(runtime) nowait
        for (long i = begin; i < end; i++) {
            share_iteration(&mark);
            y[i] = sqrt(x[i]);
        }
        share_end(team, &mark);
    }
    return 0;
}

static int run_parallel(void *state, const struct share_team *team, char *why, size_t why_size)
{
    return run_range(state, team, 0, ((struct sqrtmap *)state)->n, why, why_size);
}

/* Iterations are elements. */
static void *output_range(void *state, long begin, long end, size_t *bytes)
{
    struct sqrtmap *s = state;
    *bytes = (size_t)(end - begin) * sizeof *s->out;
    return s->out + begin;
}

/* STREAM's Copy over the same arrays: out[i] = x[i] with the static split that setup's first
 * touch used, so each thread copies the pages it placed. Through pointers that may overlap, gcc
 * keeps this a vectorised load/store loop (STREAM's copy between global arrays becomes a memcpy,
 * which may store around the cache), so the copy stores as run_parallel does: the bound for the
 * same code path. Writes only out, which reset() poisons. */
static int run_copy(void *state, char *why, size_t why_size)
{
    (void)why;
    (void)why_size;
    struct sqrtmap *s = state;
    const double *x = s->x;
    double *y = s->out;
    const long n = s->n;
#pragma omp parallel for schedule(static)
    for (long i = 0; i < n; i++)
        y[i] = x[i];
    return 0;
}

static void reset(void *state)
{
    struct sqrtmap *s = state;
    double poison;
    memcpy(&poison, &poison_bits, sizeof poison);
    for (long i = 0; i < s->n; i++)
        s->out[i] = poison;
}

static int verify(const void *state, char *why, size_t why_size)
{
    const struct sqrtmap *s = state;
    long n_diff = 0, first = -1;
    for (long i = 0; i < s->n; i++) {
        if (memcmp(&s->out[i], &s->ref[i], sizeof(double)) != 0) {
            if (first < 0)
                first = i;
            n_diff++;
        }
    }
    if (n_diff == 0)
        return 0;
    uint64_t out_bits, ref_bits;
    memcpy(&out_bits, &s->out[first], sizeof out_bits);
    memcpy(&ref_bits, &s->ref[first], sizeof ref_bits);
    snprintf(why, why_size,
             "%ld of %ld elements differ; first at %ld: parallel %.17g (0x%016llx), serial %.17g (0x%016llx)%s",
             n_diff, s->n, first, s->out[first], (unsigned long long)out_bits, s->ref[first],
             (unsigned long long)ref_bits, out_bits == poison_bits ? " (never written)" : "");
    return -1;
}

static long n_iterations(const void *state)
{
    return ((const struct sqrtmap *)state)->n;
}

static double work(const void *state)
{
    return (double)((const struct sqrtmap *)state)->n;
}

/* One 8-byte read of x and one 8-byte write of y per element, as STREAM counts; the extra
 * read of y that write-allocate caches do before the write is not counted. */
static double bytes(const void *state)
{
    return 16.0 * (double)((const struct sqrtmap *)state)->n;
}

static void teardown(void *state)
{
    free_state(state);
}

const struct kernel sqrtmap_kernel = {
    .name = "sqrtmap",
    .summary = "y = sqrt(x) over n doubles; tiny work per element (overhead, memory bandwidth)",
    .iteration = "element",
    .work_unit = "elements",
    .default_chunks = "1,1024,default",
    .params = params,
    .n_params = P_COUNT,
    .weak_param = "n",
    .scan_param = "n",  /* the size scan: where parallel starts to beat serial */
    .scan_min = 100,
    .memory_bytes = memory_bytes,
    .setup = setup,
    .run_serial = run_serial,
    .run_parallel = run_parallel,
    .run_range = run_range,
    .output_range = output_range,
    .reset = reset,
    .verify = verify,
    .n_iterations = n_iterations,
    .work = work,
    .bytes = bytes,
    .run_copy = run_copy,
    .teardown = teardown,
};
