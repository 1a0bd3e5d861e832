/* clock.c -- the one clock every measurement uses: monotonic, in seconds. */
#define _POSIX_C_SOURCE 200809L
#include <time.h>

#include "clock.h"

double clock_now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

double clock_granularity_s(void)
{
    double best = 1.0;
    for (int i = 0; i < 1000; i++) {
        double t0 = clock_now_s(), t1;
        while ((t1 = clock_now_s()) == t0)
            ;
        if (t1 - t0 < best)
            best = t1 - t0;
    }
    return best;
}
