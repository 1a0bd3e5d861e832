/* stats.h -- summary statistics of repeated timings. */
#ifndef OMPSCALE_STATS_H
#define OMPSCALE_STATS_H

struct stats_summary {
    int n;
    double median, min, max, mean, sd;  /* sd: sample standard deviation (n - 1); 0 when n < 2 */
};

/* Summarises x[0..n-1] (n >= 1); x is left unchanged. Returns 0, or -1 when out of memory. */
int stats_summarize(const double *x, int n, struct stats_summary *s);
/* Median of x[0..n-1]; sorts x in place. */
double stats_median_inplace(double *x, int n);

#endif
