/* wrong_libm.c -- a test-only LD_PRELOAD library that makes libm's sine slightly wrong inside
 * active OpenMP parallel regions, so a real kernel (sweep) produces a parallel result that
 * differs from its serial one and the exit-3 path can be tested end to end through the real
 * binary, with no fault hook in the product. Serial code and 1-thread teams are left exact.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <math.h>
#include <omp.h>

static double wrong(double exact)
{
    return omp_in_parallel() ? exact + 1e-9 : exact;
}

double sin(double x)
{
    static double (*real)(double);
    if (!real)
        real = (double (*)(double))dlsym(RTLD_NEXT, "sin");
    return wrong(real(x));
}

void sincos(double x, double *s, double *c)
{
    static void (*real)(double, double *, double *);
    if (!real)
        real = (void (*)(double, double *, double *))dlsym(RTLD_NEXT, "sincos");
    real(x, s, c);
    *s = wrong(*s);
}
