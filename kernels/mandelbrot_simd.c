/* mandelbrot_simd.c -- the mandelbrot kernel's problem, iterated in SIMD lanes: same parameters,
 * same counts pixel for pixel, same picture; the serial path is the same vector code on one
 * thread, so the speed-up is threading alone and the gain over mandelbrot's serial loop is SIMD.
 *
 * A group of VECS x LANES neighbouring pixels of one row is iterated together: a vector is the
 * target's widest register of doubles (GCC/Clang vector extensions, no intrinsics: 8 lanes with
 * AVX-512, 4 with AVX2, 2 with SSE2 or NEON, plain scalar code on armhf), and VECS independent
 * vectors are in flight so that the 3-4 cycle latency of each multiply and add is hidden behind
 * the other vectors' work (four fill AVX-512's and NEON's 32 registers; AVX2 spills a little).
 * Each lane runs the scalar kernel's arithmetic in the same order (x^2 and y^2 kept, no fused
 * multiply-add: the file is built with -ffp-contract=off), so its values are bit for bit the
 * scalar ones. A lane mask records which pixels are still running: a lane's count grows while its
 * mask is set, and the mask clears for good at the first |z|^2 > 4, so later values (inf, NaN)
 * never matter. Lanes past the end of a row start cleared. The group stops when every lane has
 * escaped, tested every CHECK_EVERY iterations, or at maxiter. The parallel loop runs over rows;
 * work() is the sum of the counts, as in mandelbrot, so the two throughputs compare directly.
 */
#include <stdint.h>

#include "kernel.h"
#include "mandelbrot.h"

/* The target's widest vector of doubles, in bytes: 64 with AVX-512, 32 with AVX, else 16 (SSE2,
 * NEON; plain scalar code where there is none, as on armhf). A vector type wider than the
 * hardware's is split by the compiler through memory, which is as slow as the scalar loop. */
#if defined(__AVX512F__)
#define VECTOR_BYTES 64
#elif defined(__AVX__)
#define VECTOR_BYTES 32
#else
#define VECTOR_BYTES 16
#endif

enum {
    LANES = VECTOR_BYTES / sizeof(double),  /* doubles to a vector */
    VECS = 4,                 /* independent vectors in flight */
    GROUP = LANES * VECS,     /* pixels iterated together */
    CHECK_EVERY = 8,          /* iterations between tests for a group that has finished */
};

typedef double vdouble __attribute__((vector_size(VECTOR_BYTES)));
typedef int64_t vmask __attribute__((vector_size(VECTOR_BYTES)));  /* -1: running */

/* Fills counts[0, n) with the counts of pixels col0 .. col0 + n - 1 of row row (n <= GROUP). */
static void group_counts(const struct mandelbrot *m, long row, long col0, int n, uint32_t *counts)
{
    vdouble cx[VECS], cy[VECS], x[VECS], y[VECS], x2[VECS], y2[VECS];
    vmask run[VECS], count[VECS];
    const double cy_row = mandelbrot_cy(m, row);
    for (int v = 0; v < VECS; v++) {
        /* whole vectors first: lane by lane alone, gcc for arm64 takes them for uninitialised */
        cx[v] = cy[v] = (vdouble){0};
        run[v] = (vmask){0};
        for (int l = 0; l < LANES; l++) {
            int i = v * LANES + l;
            cx[v][l] = i < n ? mandelbrot_cx(m, col0 + i) : 0;
            cy[v][l] = cy_row;
            run[v][l] = i < n ? -1 : 0;
        }
        x[v] = y[v] = x2[v] = y2[v] = (vdouble){0};
        count[v] = (vmask){0};
    }
    for (uint32_t k = 0; k < m->maxiter;) {
        uint32_t steps = m->maxiter - k < CHECK_EVERY ? m->maxiter - k : CHECK_EVERY;
        for (uint32_t s = 0; s < steps; s++) {
#pragma GCC unroll 4
            for (int v = 0; v < VECS; v++) {
                y[v] = 2 * x[v] * y[v] + cy[v];
                x[v] = x2[v] - y2[v] + cx[v];
                x2[v] = x[v] * x[v];
                y2[v] = y[v] * y[v];
                count[v] -= run[v];
                run[v] &= ~(vmask)(x2[v] + y2[v] > 4.0);
            }
        }
        k += steps;
        vmask any = run[0];
        for (int v = 1; v < VECS; v++)
            any |= run[v];
        int64_t running = 0;
        for (int l = 0; l < LANES; l++)
            running |= any[l];
        if (running == 0)
            break;
    }
    for (int i = 0; i < n; i++)
        counts[i] = (uint32_t)count[i / LANES][i % LANES];
}

/* Fills counts[0, width) with the counts of row row. */
static void row_counts(const struct mandelbrot *m, long row, uint32_t *counts)
{
    for (long col = 0; col < m->width; col += GROUP) {
        long left = m->width - col;
        group_counts(m, row, col, left < GROUP ? (int)left : GROUP, counts + col);
    }
}

/* Cannot fail: no I/O. */
static int run_serial(void *state, char *why, size_t why_size)
{
    (void)why;
    (void)why_size;
    struct mandelbrot *m = state;
    for (long row = 0; row < m->height; row++)
        row_counts(m, row, m->ref + row * m->width);
    return 0;
}

static int run_range(void *state, const struct share_team *team, long begin, long end, char *why,
                     size_t why_size)
{
    (void)why;
    (void)why_size;
    struct mandelbrot *m = state;
#pragma omp parallel
    {
        struct share_mark mark = share_begin(team);
#pragma omp for schedule(runtime) nowait
        for (long row = begin; row < end; row++) {
            share_iteration(&mark);
            row_counts(m, row, m->out + row * m->width);
        }
        share_end(team, &mark);
    }
    return 0;
}

static int run_parallel(void *state, const struct share_team *team, char *why, size_t why_size)
{
    return run_range(state, team, 0, ((struct mandelbrot *)state)->height, why, why_size);
}

/* Iterations are rows. */
static void *output_range(void *state, long begin, long end, size_t *bytes)
{
    struct mandelbrot *m = state;
    *bytes = (size_t)(end - begin) * (size_t)m->width * sizeof *m->out;
    return m->out + begin * m->width;
}

static long n_iterations(const void *state)
{
    return ((const struct mandelbrot *)state)->height;
}

static int save(const void *state, const char *dir, char *why, size_t why_size)
{
    return mandelbrot_save(state, dir, "mandelbrot_simd", why, why_size);
}

const struct kernel mandelbrot_simd_kernel = {
    .name = "mandelbrot_simd",
    .summary = "mandelbrot's problem in SIMD lanes, identical counts; speed-up is threading, gain is SIMD",
    .iteration = "row",
    .work_unit = "iterations",
    .default_chunks = "1,4,16,default",
    .params = mandelbrot_params,
    .n_params = MANDELBROT_N_PARAMS,
    .weak_param = "height",
    .check = mandelbrot_check,
    .memory_bytes = mandelbrot_memory_bytes,
    .setup = mandelbrot_setup,
    .run_serial = run_serial,
    .run_parallel = run_parallel,
    .run_range = run_range,
    .output_range = output_range,
    .reset = mandelbrot_reset,
    .verify = mandelbrot_verify,
    .n_iterations = n_iterations,
    .work = mandelbrot_work,
    .save = save,
    .teardown = mandelbrot_teardown,
};
