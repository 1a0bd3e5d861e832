/* clock.h -- the one clock every measurement uses: monotonic, in seconds. */
#ifndef OMPSCALE_CLOCK_H
#define OMPSCALE_CLOCK_H

#define CLOCK_SOURCE_NAME "clock_gettime(CLOCK_MONOTONIC)"

double clock_now_s(void);
/* Measures the smallest step the clock shows between two reads, in seconds. */
double clock_granularity_s(void);

#endif
