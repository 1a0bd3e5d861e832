/* mandelbrot.c -- escape-time Mandelbrot over a grid of pixel centres: the granularity lesson.
 *
 * The parallel loop runs over pixels (row-major, row 0 at the top), so a chunk can be one
 * pixel or many rows; the cost of a pixel ranges from 1 to maxiter iterations, which is what
 * makes the schedule matter. Serial and parallel paths call the same escape_count(), and the
 * file is built with -ffp-contract=off, so both produce identical counts on every machine.
 * The work count is the sum of the counts: one iteration is one z -> z^2 + c update.
 */
#include <cairo.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel.h"
#include "mandelbrot.h"

enum { P_WIDTH, P_HEIGHT, P_MAXITER, P_XMIN, P_XMAX, P_YMIN, P_YMAX, P_PNG, P_PGM, P_COUNT };
_Static_assert((int)P_COUNT == (int)MANDELBROT_N_PARAMS, "mandelbrot.h counts the parameters");

const struct kernel_param mandelbrot_params[MANDELBROT_N_PARAMS] = {
    [P_WIDTH]   = {"width", PARAM_INT, 1, 65536, {256, 768, 1536, 3072}, "image width in pixels"},
    [P_HEIGHT]  = {"height", PARAM_INT, 1, 65536, {256, 768, 1536, 3072}, "image height in pixels"},
    [P_MAXITER] = {"maxiter", PARAM_INT, 1, 1e8, {256, 800, 1500, 3000}, "iteration cap per pixel"},
    [P_XMIN]    = {"xmin", PARAM_REAL, -1e3, 1e3, {-2, -2, -2, -2}, "left edge of the box (real part)"},
    [P_XMAX]    = {"xmax", PARAM_REAL, -1e3, 1e3, {1, 1, 1, 1}, "right edge of the box"},
    [P_YMIN]    = {"ymin", PARAM_REAL, -1e3, 1e3, {-1.5, -1.5, -1.5, -1.5}, "bottom edge (imaginary part)"},
    [P_YMAX]    = {"ymax", PARAM_REAL, -1e3, 1e3, {1.5, 1.5, 1.5, 1.5}, "top edge"},
    [P_PNG]     = {"png", PARAM_BOOL, 0, 1, {1, 1, 1, 1}, "save the picture as <kernel>.png"},
    [P_PGM]     = {"pgm", PARAM_BOOL, 0, 1, {0, 0, 0, 0}, "save raw counts as 16-bit <kernel>.pgm"},
};

static const struct kernel_unit units[] = {
    {"row", "width"},
};

uint32_t mandelbrot_escape_count(double cx, double cy, uint32_t maxiter)
{
    double x = 0, y = 0, x2 = 0, y2 = 0;
    for (uint32_t k = 1; k <= maxiter; k++) {
        y = 2 * x * y + cy;
        x = x2 - y2 + cx;
        x2 = x * x;
        y2 = y * y;
        if (x2 + y2 > 4.0)
            return k;
    }
    return maxiter;
}

static inline uint32_t pixel_count(const struct mandelbrot *m, long i)
{
    return mandelbrot_escape_count(mandelbrot_cx(m, i % m->width), mandelbrot_cy(m, i / m->width), m->maxiter);
}

int mandelbrot_check(const double *v, char *why, size_t why_size)
{
    if (v[P_XMIN] >= v[P_XMAX]) {
        snprintf(why, why_size, "xmin (%g) must be below xmax (%g)", v[P_XMIN], v[P_XMAX]);
        return -1;
    }
    if (v[P_YMIN] >= v[P_YMAX]) {
        snprintf(why, why_size, "ymin (%g) must be below ymax (%g)", v[P_YMIN], v[P_YMAX]);
        return -1;
    }
    if (v[P_PGM] != 0 && v[P_MAXITER] > 65535) {
        snprintf(why, why_size, "pgm=1 needs maxiter <= 65535 (16-bit PGM), not %.0f", v[P_MAXITER]);
        return -1;
    }
    return 0;
}

/* The reference and parallel counts, and the picture cairo draws when saving (4 bytes a pixel). */
double mandelbrot_memory_bytes(const double *v, int threads)
{
    (void)threads;
    double pixels = v[P_WIDTH] * v[P_HEIGHT];
    return pixels * (2 * sizeof(uint32_t) + 4);
}

int mandelbrot_setup(void **state, const double *v, const char *dir)
{
    (void)dir;
    struct mandelbrot *m = calloc(1, sizeof *m);
    if (m == NULL)
        return -1;
    m->width = (long)v[P_WIDTH];
    m->height = (long)v[P_HEIGHT];
    m->n_pixels = m->width * m->height;
    m->maxiter = (uint32_t)v[P_MAXITER];
    m->xmin = v[P_XMIN];
    m->xmax = v[P_XMAX];
    m->ymin = v[P_YMIN];
    m->ymax = v[P_YMAX];
    m->png = v[P_PNG] != 0;
    m->pgm = v[P_PGM] != 0;
    m->ref = calloc((size_t)m->n_pixels, sizeof *m->ref);
    m->out = calloc((size_t)m->n_pixels, sizeof *m->out);
    if (m->ref == NULL || m->out == NULL) {
        free(m->ref);
        free(m->out);
        free(m);
        return -1;
    }
    *state = m;
    return 0;
}

/* Cannot fail: no I/O. */
static int run_serial(void *state, char *why, size_t why_size)
{
    (void)why;
    (void)why_size;
    struct mandelbrot *m = state;
    for (long i = 0; i < m->n_pixels; i++)
        m->ref[i] = pixel_count(m, i);
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
        for (long i = begin; i < end; i++) {
            share_iteration(&mark);
            m->out[i] = pixel_count(m, i);
        }
        share_end(team, &mark);
    }
    return 0;
}

static int run_parallel(void *state, const struct share_team *team, char *why, size_t why_size)
{
    return run_range(state, team, 0, ((struct mandelbrot *)state)->n_pixels, why, why_size);
}

/* Iterations are pixels. */
static void *output_range(void *state, long begin, long end, size_t *bytes)
{
    struct mandelbrot *m = state;
    *bytes = (size_t)(end - begin) * sizeof *m->out;
    return m->out + begin;
}

void mandelbrot_reset(void *state)
{
    struct mandelbrot *m = state;
    memset(m->out, 0, (size_t)m->n_pixels * sizeof *m->out);  /* 0 is never a valid count */
}

int mandelbrot_verify(const void *state, char *why, size_t why_size)
{
    const struct mandelbrot *m = state;
    long n_diff = 0, first = -1;
    for (long i = 0; i < m->n_pixels; i++) {
        if (m->out[i] != m->ref[i]) {
            if (first < 0)
                first = i;
            n_diff++;
        }
    }
    if (n_diff == 0)
        return 0;
    snprintf(why, why_size, "%ld of %ld pixels differ; first at column %ld, row %ld: parallel %u, serial %u",
             n_diff, m->n_pixels, first % m->width, first / m->width, m->out[first], m->ref[first]);
    return -1;
}

static long n_iterations(const void *state)
{
    return ((const struct mandelbrot *)state)->n_pixels;
}

double mandelbrot_work(const void *state)
{
    const struct mandelbrot *m = state;
    double sum = 0;
    for (long i = 0; i < m->n_pixels; i++)
        sum += m->ref[i];
    return sum;
}

/* Maps t in [0, 1] onto a deep-blue -> white -> orange -> dark gradient, as 0x00RRGGBB. */
static uint32_t palette(double t)
{
    static const double stops[][4] = {
        {0.00, 0, 7, 100},   {0.16, 32, 107, 203}, {0.42, 237, 255, 255},
        {0.64, 255, 170, 0}, {0.86, 0, 2, 0},      {1.00, 0, 7, 100},
    };
    int s = 0;
    while (s < 4 && t > stops[s + 1][0])
        s++;
    double u = (t - stops[s][0]) / (stops[s + 1][0] - stops[s][0]);
    uint32_t rgb = 0;
    for (int c = 1; c <= 3; c++) {
        double x = stops[s][c] + u * (stops[s + 1][c] - stops[s][c]);
        rgb = (rgb << 8) | (uint32_t)lround(x);
    }
    return rgb;
}

/* A continuous escape value for colouring only (the benchmark keeps integer counts): iterating
 * to a larger radius makes k + 1 - log2(log |z|) smooth across the count bands. */
static double smooth_escape(double cx, double cy, uint32_t maxiter)
{
    double x = 0, y = 0, x2 = 0, y2 = 0;
    for (uint32_t k = 1; k <= maxiter + 64; k++) {
        y = 2 * x * y + cy;
        x = x2 - y2 + cx;
        x2 = x * x;
        y2 = y * y;
        if (x2 + y2 > 1e6)
            return k + 1 - log2(0.5 * log(x2 + y2));
    }
    return maxiter;
}

/* Saves the picture: escaping pixels coloured by their smooth escape value on a log scale,
 * so detail shows near the set at any maxiter; points that never escape are black. Costs
 * about one serial run, once, outside every timed region. */
static int save_png(const struct mandelbrot *m, const char *path, char *why, size_t why_size)
{
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)m->width, (int)m->height);
    if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
        snprintf(why, why_size, "cairo: %s", cairo_status_to_string(cairo_surface_status(img)));
        cairo_surface_destroy(img);
        return -1;
    }
    unsigned char *data = cairo_image_surface_get_data(img);
    int stride = cairo_image_surface_get_stride(img);
    double log_max = log(m->maxiter + 1.0);
    cairo_surface_flush(img);
    for (long r = 0; r < m->height; r++) {
        uint32_t *px = (uint32_t *)(void *)(data + r * stride);
        double cy = mandelbrot_cy(m, r);
        for (long c = 0; c < m->width; c++) {
            if (m->ref[r * m->width + c] >= m->maxiter) {
                px[c] = 0;
                continue;
            }
            double mu = smooth_escape(mandelbrot_cx(m, c), cy, m->maxiter);
            double t = log(mu > 1 ? mu : 1) / log_max;
            px[c] = palette(t > 1 ? 1 : t);
        }
    }
    cairo_surface_mark_dirty(img);
    cairo_status_t st = cairo_surface_write_to_png(img, path);
    cairo_surface_destroy(img);
    if (st != CAIRO_STATUS_SUCCESS) {
        snprintf(why, why_size, "%s: %s", path, cairo_status_to_string(st));
        return -1;
    }
    return 0;
}

/* Writes the counts as a binary 16-bit PGM (P5, maxval 65535, big-endian samples). */
static int save_pgm(const struct mandelbrot *m, const char *path, char *why, size_t why_size)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL) {
        snprintf(why, why_size, "%s: %s", path, strerror(errno));
        return -1;
    }
    fprintf(f, "P5\n%ld %ld\n65535\n", m->width, m->height);
    for (long i = 0; i < m->n_pixels; i++) {
        unsigned char be[2] = {(unsigned char)(m->ref[i] >> 8), (unsigned char)(m->ref[i] & 0xff)};
        fwrite(be, 1, 2, f);
    }
    if (ferror(f) | fclose(f)) {
        snprintf(why, why_size, "%s: write failed", path);
        return -1;
    }
    return 0;
}

int mandelbrot_save(const struct mandelbrot *m, const char *dir, const char *stem, char *why, size_t why_size)
{
    char path[4096];
    if (m->png) {
        snprintf(path, sizeof path, "%s/%s.png", dir, stem);
        if (save_png(m, path, why, why_size) != 0)
            return -1;
    }
    if (m->pgm) {
        snprintf(path, sizeof path, "%s/%s.pgm", dir, stem);
        if (save_pgm(m, path, why, why_size) != 0)
            return -1;
    }
    return 0;
}

static int save(const void *state, const char *dir, char *why, size_t why_size)
{
    return mandelbrot_save(state, dir, "mandelbrot", why, why_size);
}

void mandelbrot_teardown(void *state)
{
    struct mandelbrot *m = state;
    free(m->ref);
    free(m->out);
    free(m);
}

const struct kernel mandelbrot_kernel = {
    .name = "mandelbrot",
    .summary = "escape-time Mandelbrot set; per-pixel cost varies (granularity, load balance)",
    .iteration = "pixel",
    .work_unit = "iterations",
    .default_chunks = "1,row,16row,default",
    .params = mandelbrot_params,
    .n_params = P_COUNT,
    .weak_param = "height",
    .units = units,
    .n_units = 1,
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
