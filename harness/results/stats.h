/* stats.h -- summary statistics of repeated timings: location, spread, a confidence interval
 * for the median, and outliers. */
#ifndef OMPSCALE_STATS_H
#define OMPSCALE_STATS_H

struct stats_summary {
    int n;
    double median, min, max, mean, sd;  /* sd: sample standard deviation (n - 1); 0 when n < 2 */
    double cv;                          /* sd / mean; 0 when mean is 0 */
    double ci_low, ci_high;             /* distribution-free interval for the median */
    double ci_level;                    /* its actual coverage: >= 0.95 when n >= 6 */
    double mad;                         /* median absolute deviation from the median, unscaled */
    int n_outliers;                     /* samples with |x - median| / mad > STATS_OUTLIER_Z */
};

/* Modified z-score above which a sample is an outlier (hyperfine's threshold, see stats.c). */
#define STATS_OUTLIER_Z (1.4826 * 10.0)

/* Summarises x[0..n-1] (n >= 1); x is left unchanged. The median interval is [x(k), x(n+1-k)]
 * in order statistics, k the largest rank whose coverage under binomial(n, 1/2) is >= 95%; for
 * n < 6 no pair reaches 95% and it is [min, max], with ci_level 1 - 2^(1-n) (0.9375 at n = 5,
 * 0 at n = 1). Returns 0, or -1 when out of memory. */
int stats_summarize(const double *x, int n, struct stats_summary *s);
/* Median of x[0..n-1]; sorts x in place. */
double stats_median_inplace(double *x, int n);
/* Sets is_outlier[i] to 1 when x[i] is an outlier by the rule of n_outliers, else 0 (is_outlier
 * may be NULL). None is an outlier when the MAD is 0. Returns the count, or -1 when out of
 * memory. */
int stats_outliers(const double *x, int n, int *is_outlier);
/* Interval for num.median / den.median, e.g. a speed-up T_serial / T_p, from the two medians'
 * intervals: [num.ci_low / den.ci_high, num.ci_high / den.ci_low]. Conservative: by Bonferroni
 * its coverage is at least about 90% when both have 95%. The times must be positive. */
void stats_ratio_interval(const struct stats_summary *num, const struct stats_summary *den,
                          double *lo, double *hi);
/* Half-width of the median interval relative to the median, (ci_high - ci_low) / 2 / median:
 * the precision that adaptive repetitions compare with a target such as 0.05. Returns 0 when
 * the interval has no width, HUGE_VAL when the median is not positive. */
double stats_ci_halfwidth_rel(const struct stats_summary *s);

#endif
