/* stats.c -- summary statistics of repeated timings.
 *
 * Timings are skewed (a run can be slowed, never sped up, by the rest of the machine), so the
 * summary leans on order statistics: the median, an interval for it that assumes nothing of the
 * distribution, and the MAD. The interval [x(k), x(n+1-k)] holds the true median with probability
 * P(k <= B <= n-k), B ~ binomial(n, 1/2), because each sample falls below the median with
 * probability 1/2; k is chosen as large as the 95% target allows, and the coverage it really
 * has is reported, since with few samples it is a coarse step away from 95%.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"

#define CI_TARGET 0.95

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double stats_median_inplace(double *x, int n)
{
    qsort(x, (size_t)n, sizeof *x, cmp_double);
    return n % 2 ? x[n / 2] : 0.5 * (x[n / 2 - 1] + x[n / 2]);
}

/* Lower rank k (1-based) of the median interval [x(k), x(n+1-k)] for n >= 1, and its coverage
 * 1 - 2 P(B <= k-1) in *level. The binomial terms are carried as logarithms so that 2^-n
 * cannot underflow the sum for large n. */
static int median_ci_rank(int n, double *level)
{
    double log_pmf = -n * log(2.0); /* log P(B = k - 1) */
    double cdf = exp(log_pmf);      /* P(B <= k - 1) */
    int k = 1;

    *level = 1 - 2 * cdf;
    while (2 * (k + 1) <= n + 1) {
        double next_log_pmf = log_pmf + log((double)(n - k + 1) / k);
        double next_cdf = cdf + exp(next_log_pmf);
        if (1 - 2 * next_cdf < CI_TARGET)
            break;
        k++;
        log_pmf = next_log_pmf;
        cdf = next_cdf;
        *level = 1 - 2 * cdf;
    }
    return k;
}

/* MAD of x[0..n-1] about median, using buf[0..n-1] as scratch. */
static double mad_about(const double *x, int n, double median, double *buf)
{
    for (int i = 0; i < n; i++)
        buf[i] = fabs(x[i] - median);
    return stats_median_inplace(buf, n);
}

/* Modified z-score |x - median| / MAD against hyperfine's threshold: hyperfine
 * (src/outlier_detection.rs) defines the score as (x_i - median) / MAD with the raw MAD and
 * counts |score| > OUTLIER_THRESHOLD = 1.4826 * 10, i.e. ten standard deviations when 1.4826 MAD
 * estimates sd for normal data (Iglewicz and Hoaglin 1993). Where the MAD is 0 hyperfine divides
 * by machine epsilon instead, making any deviation an outlier; here none is, since with more
 * than half the samples equal the rest are no evidence of a disturbed run. */
static int outlying(double x, double median, double mad)
{
    return mad > 0 && fabs(x - median) / mad > STATS_OUTLIER_Z;
}

int stats_summarize(const double *x, int n, struct stats_summary *s)
{
    double *buf = malloc((size_t)n * sizeof *buf);
    if (buf == NULL)
        return -1;
    memcpy(buf, x, (size_t)n * sizeof *buf);
    s->n = n;
    s->median = stats_median_inplace(buf, n);
    s->min = buf[0];
    s->max = buf[n - 1];
    int k = median_ci_rank(n, &s->ci_level);
    s->ci_low = buf[k - 1];
    s->ci_high = buf[n - k];
    s->mad = mad_about(x, n, s->median, buf);
    free(buf);

    s->n_outliers = 0;
    for (int i = 0; i < n; i++)
        s->n_outliers += outlying(x[i], s->median, s->mad);

    double sum = 0;
    for (int i = 0; i < n; i++)
        sum += x[i];
    s->mean = sum / n;
    double ss = 0;
    for (int i = 0; i < n; i++)
        ss += (x[i] - s->mean) * (x[i] - s->mean);
    s->sd = n > 1 ? sqrt(ss / (n - 1)) : 0;
    s->cv = s->mean != 0 ? s->sd / s->mean : 0;
    return 0;
}

int stats_outliers(const double *x, int n, int *is_outlier)
{
    if (n <= 0)
        return 0;
    double *buf = malloc((size_t)n * sizeof *buf);
    if (buf == NULL)
        return -1;
    memcpy(buf, x, (size_t)n * sizeof *buf);
    double median = stats_median_inplace(buf, n);
    double mad = mad_about(x, n, median, buf);
    free(buf);

    int count = 0;
    for (int i = 0; i < n; i++) {
        int out = outlying(x[i], median, mad);
        if (is_outlier != NULL)
            is_outlier[i] = out;
        count += out;
    }
    return count;
}

void stats_ratio_interval(const struct stats_summary *num, const struct stats_summary *den,
                          double *lo, double *hi)
{
    *lo = num->ci_low / den->ci_high;
    *hi = num->ci_high / den->ci_low;
}

double stats_ci_halfwidth_rel(const struct stats_summary *s)
{
    if (s->ci_high == s->ci_low)
        return 0;
    if (!(s->median > 0))
        return HUGE_VAL;
    return (s->ci_high - s->ci_low) / 2 / s->median;
}
