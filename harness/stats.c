/* stats.c -- summary statistics of repeated timings. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"

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

int stats_summarize(const double *x, int n, struct stats_summary *s)
{
    double *sorted = malloc((size_t)n * sizeof *sorted);
    if (sorted == NULL)
        return -1;
    memcpy(sorted, x, (size_t)n * sizeof *sorted);
    s->n = n;
    s->median = stats_median_inplace(sorted, n);
    s->min = sorted[0];
    s->max = sorted[n - 1];
    free(sorted);

    double sum = 0;
    for (int i = 0; i < n; i++)
        sum += x[i];
    s->mean = sum / n;
    double ss = 0;
    for (int i = 0; i < n; i++)
        ss += (x[i] - s->mean) * (x[i] - s->mean);
    s->sd = n > 1 ? sqrt(ss / (n - 1)) : 0;
    return 0;
}
