/* clock.h -- the one clock every measurement uses: monotonic, in seconds; and the seam through
 * which a test gives the runner a clock of its own. */
#ifndef OMPSCALE_CLOCK_H
#define OMPSCALE_CLOCK_H

#define CLOCK_SOURCE_NAME "clock_gettime(CLOCK_MONOTONIC)"

/* A clock the runner reads: now_s(ctx) in seconds, never decreasing. */
struct clock_source {
    double (*now_s)(void *ctx);
    void *ctx;
};

double clock_now_s(void);
/* The monotonic clock as a clock_source (clock_now_s). */
struct clock_source clock_monotonic(void);
/* Measures the smallest step c shows between two reads, in seconds; 0 when it did not move
 * within a million reads (a clock that moves only when told to, as in tests). */
double clock_granularity_s(const struct clock_source *c);
/* Busy-waits on this thread for seconds, read on c: a serial section of known length. */
void clock_spin(const struct clock_source *c, double seconds);

#endif
