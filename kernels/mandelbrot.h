/* mandelbrot.h -- what the Mandelbrot kernel shares beyond the kernel table (for tests). */
#ifndef OMPSCALE_MANDELBROT_H
#define OMPSCALE_MANDELBROT_H

#include <stdint.h>

/* Escape-time count of c = cx + i cy: the smallest k >= 1 with |z_k|^2 > 4, where z_0 = 0
 * and z_{k+1} = z_k^2 + c; maxiter when there is none. */
uint32_t mandelbrot_escape_count(double cx, double cy, uint32_t maxiter);

#endif
