/* mandelbrot.h -- the Mandelbrot problem that mandelbrot.c and mandelbrot_simd.c share: the
 * parameters, the problem instance, the pixel centres, verification, work and the picture.
 *
 * Both kernels fill the same counts for the same parameters, pixel for pixel; they differ only in
 * how they iterate (one pixel at a time, or many pixels in vector lanes). mandelbrot.c owns
 * everything declared here; mandelbrot_simd.c adds only its own run functions.
 */
#ifndef OMPSCALE_MANDELBROT_H
#define OMPSCALE_MANDELBROT_H

#include <stddef.h>
#include <stdint.h>

#include "kernel.h"

enum { MANDELBROT_N_PARAMS = 9 };

/* width, height, maxiter, the box, png, pgm: in this order, indexed by the values arrays. */
extern const struct kernel_param mandelbrot_params[MANDELBROT_N_PARAMS];

struct mandelbrot {
    long width, height, n_pixels;
    uint32_t maxiter;
    double xmin, xmax, ymin, ymax;
    int png, pgm;
    uint32_t *ref;   /* serial counts, row-major, row 0 at the top */
    uint32_t *out;   /* parallel counts */
};

/* The real part of the centres of column col; the expression (and so the rounding) is the one
 * place both kernels take it from. */
static inline double mandelbrot_cx(const struct mandelbrot *m, long col)
{
    return m->xmin + (col + 0.5) * (m->xmax - m->xmin) / m->width;
}

/* The imaginary part of the centres of row row (row 0 at the top). */
static inline double mandelbrot_cy(const struct mandelbrot *m, long row)
{
    return m->ymax - (row + 0.5) * (m->ymax - m->ymin) / m->height;
}

/* Escape-time count of c = cx + i cy: the smallest k >= 1 with |z_k|^2 > 4, where z_0 = 0
 * and z_{k+1} = z_k^2 + c; maxiter when there is none. */
uint32_t mandelbrot_escape_count(double cx, double cy, uint32_t maxiter);

/* The kernel functions both kernels use, as in struct kernel (kernel.h). */
int mandelbrot_check(const double *values, char *why, size_t why_size);
double mandelbrot_memory_bytes(const double *values, int threads);
int mandelbrot_setup(void **state, const double *values, const char *dir);
void mandelbrot_reset(void *state);
int mandelbrot_verify(const void *state, char *why, size_t why_size);
double mandelbrot_work(const void *state);
void mandelbrot_teardown(void *state);

/* Writes the picture as dir/STEM.png (when png=1) and the counts as dir/STEM.pgm (when pgm=1),
 * from the serial counts; stem is the kernel's name. Returns 0, or -1 with the reason in why. */
int mandelbrot_save(const struct mandelbrot *m, const char *dir, const char *stem, char *why, size_t why_size);

#endif
