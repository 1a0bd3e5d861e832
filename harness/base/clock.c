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

static double monotonic_now_s(void *ctx)
{
    (void)ctx;
    return clock_now_s();
}

struct clock_source clock_monotonic(void)
{
    struct clock_source c = {monotonic_now_s, 0};
    return c;
}

double clock_granularity_s(const struct clock_source *c)
{
    double best = 1.0;
    long budget = 1000000;  /* reads in all: a clock that never moves on its own must not hang us */
    for (int i = 0; i < 1000; i++) {
        double t0 = c->now_s(c->ctx), t1;
        while ((t1 = c->now_s(c->ctx)) == t0)
            if (--budget <= 0)
                return i == 0 ? 0 : best;
        if (t1 - t0 < best)
            best = t1 - t0;
    }
    return best;
}

void clock_spin(const struct clock_source *c, double seconds)
{
    double end = c->now_s(c->ctx) + seconds;
    while (c->now_s(c->ctx) < end)
        ;
}
