/* test_stats.c -- summary statistics on data with known answers. */
#include <stdlib.h>

#include "check.h"
#include "stats.h"

/* Summarises 10, 20, ..., 10n in a scrambled order (7 is coprime with every n used), so the
 * interval's ends show the ranks: x(k) = 10k. Returns 0, or -1 when out of memory. */
static int summarize_ranks(int n, struct stats_summary *s)
{
    double *x = malloc((size_t)n * sizeof *x);
    if (x == NULL)
        return -1;
    for (int i = 0; i < n; i++)
        x[i] = 10.0 * ((i * 7) % n + 1);
    int rc = stats_summarize(x, n, s);
    free(x);
    return rc;
}

static void check_median_ci(void)
{
    /* Expected ranks and coverage from the binomial(n, 1/2) distribution, computed exactly with
     * python3 fractions: k is the largest rank with 1 - 2 P(B <= k-1) >= 0.95, else 1; the
     * interval is [x(k), x(n+1-k)] and ci_level that coverage. */
    static const struct {
        int n, k;
        double level;
    } want[] = {
        {5, 1, 0.9375},               /* 15/16: below 95%, the widest there is */
        {6, 1, 0.96875},              /* 31/32 */
        {10, 2, 0.978515625},         /* 501/512; k = 3 gives 0.890625 */
        {20, 6, 0.9586105346679688},  /* 125647/131072; k = 7 gives 0.8847 */
        {100, 40, 0.9647997997822951},
        {2000, 956, 0.9534471795082162}, /* 2^-2000 underflows: the sum must be in logs */
    };
    struct stats_summary s;
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        int n = want[i].n, k = want[i].k;
        CHECK(summarize_ranks(n, &s) == 0);
        CHECK_NEAR(s.ci_low, 10.0 * k, 0);
        CHECK_NEAR(s.ci_high, 10.0 * (n + 1 - k), 0);
        CHECK_NEAR(s.ci_level, want[i].level, 1e-12);
    }

    const double one[] = {0.25};
    CHECK(stats_summarize(one, 1, &s) == 0);
    CHECK_NEAR(s.ci_low, 0.25, 0);
    CHECK_NEAR(s.ci_high, 0.25, 0);
    CHECK_NEAR(s.ci_level, 0, 0);
    CHECK_NEAR(stats_ci_halfwidth_rel(&s), 0, 0);

    const double five[] = {11, 9, 10, 12, 8};  /* interval [8, 12] about median 10 */
    CHECK(stats_summarize(five, 5, &s) == 0);
    CHECK_NEAR(stats_ci_halfwidth_rel(&s), 0.2, 1e-15);  /* (12 - 8) / 2 / 10 */
}

static void check_outliers(void)
{
    /* median 1.005; deviations sorted 0.005 x3, 0.015 x2, 0.025 x2, 2.495: MAD 0.015, so 3.5
     * scores 166 and the next farthest, 1.03, only 1.67. */
    const double one_out[] = {1.00, 1.02, 0.99, 1.01, 1.00, 3.5, 1.03, 0.98};
    int mark[8];
    struct stats_summary s;
    CHECK(stats_summarize(one_out, 8, &s) == 0);
    CHECK_NEAR(s.median, 1.005, 1e-15);
    CHECK_NEAR(s.mad, 0.015, 1e-15);
    CHECK_INT(s.n_outliers, 1);
    CHECK_INT(stats_outliers(one_out, 8, mark), 1);
    for (int i = 0; i < 8; i++)
        CHECK_INT(mark[i], i == 5);
    CHECK_INT(stats_outliers(one_out, 8, NULL), 1);

    const double none_out[] = {1.00, 1.02, 0.99, 1.01, 1.00, 1.04, 1.03, 0.98};
    CHECK(stats_summarize(none_out, 8, &s) == 0);
    CHECK_INT(s.n_outliers, 0);
    CHECK_INT(stats_outliers(none_out, 8, mark), 0);
    for (int i = 0; i < 8; i++)
        CHECK_INT(mark[i], 0);

    /* The threshold: median 0 and raw MAD 2 whatever v (|v| >= 3), so v is an outlier exactly
     * when |v| / 2 > 14.826, |v| > 29.652. A MAD scaled by 1.4826 with a cut at 3.5 would flag
     * 29.6 too. */
    double edge[] = {-3, -2, -1, 0, 1, 2, 29.6};
    CHECK(stats_summarize(edge, 7, &s) == 0);
    CHECK_NEAR(s.mad, 2, 0);
    CHECK_INT(s.n_outliers, 0);
    edge[6] = 29.7;
    CHECK_INT(stats_outliers(edge, 7, mark), 1);
    CHECK_INT(mark[6], 1);
    const double low[] = {3, 2, 1, 0, -1, -2, -29.7};  /* the mirror image: low times count too */
    CHECK_INT(stats_outliers(low, 7, mark), 1);
    CHECK_INT(mark[6], 1);

    /* More than half equal: MAD 0, and then nothing is an outlier. */
    const double flat[] = {10, 10, 10, 10, 10, 10, 10, 100};
    CHECK(stats_summarize(flat, 8, &s) == 0);
    CHECK_NEAR(s.mad, 0, 0);
    CHECK_INT(s.n_outliers, 0);
    CHECK_INT(stats_outliers(flat, 8, mark), 0);
}

static void check_ratio(void)
{
    const double serial[] = {10, 12, 8, 9, 11};  /* median 10, interval [8, 12] */
    const double par[] = {3, 4, 2, 3, 3};        /* median 3, interval [2, 4] */
    struct stats_summary num, den;
    double lo, hi;
    CHECK(stats_summarize(serial, 5, &num) == 0);
    CHECK(stats_summarize(par, 5, &den) == 0);
    stats_ratio_interval(&num, &den, &lo, &hi);
    CHECK_NEAR(lo, 2, 0);  /* 8 / 4 */
    CHECK_NEAR(hi, 6, 0);  /* 12 / 2 */

    /* From 6 samples on the medians' intervals are narrower than [min, max], and the ratio's
     * follows them, not the extremes: n = 10 gives [x(2), x(9)] (check_median_ci). */
    const double serial10[] = {19, 11, 12, 13, 14, 15, 16, 17, 18, 10};  /* [11, 18] */
    const double par10[] = {2, 3, 4, 5, 6, 7, 8, 9, 10, 1};              /* [2, 9] */
    CHECK(stats_summarize(serial10, 10, &num) == 0);
    CHECK(stats_summarize(par10, 10, &den) == 0);
    stats_ratio_interval(&num, &den, &lo, &hi);
    CHECK_NEAR(lo, 11.0 / 9, 1e-15);
    CHECK_NEAR(hi, 18.0 / 2, 1e-15);
}

int main(void)
{
    struct stats_summary s;
    const double odd[] = {5, 1, 4, 2, 3};
    CHECK(stats_summarize(odd, 5, &s) == 0);
    CHECK_INT(s.n, 5);
    CHECK_NEAR(s.median, 3, 0);
    CHECK_NEAR(s.min, 1, 0);
    CHECK_NEAR(s.max, 5, 0);
    CHECK_NEAR(s.mean, 3, 1e-15);
    CHECK_NEAR(s.sd, 1.5811388300841898, 1e-15);  /* sqrt(10 / 4) */
    CHECK_NEAR(s.cv, 0.5270462766947299, 1e-15);  /* sqrt(10 / 4) / 3 */
    CHECK_NEAR(s.mad, 1, 0);                      /* deviations 2, 2, 1, 1, 0 */
    CHECK_NEAR(odd[0], 5, 0);                     /* input left as it was */

    const double even[] = {10, 2, 8, 4};
    CHECK(stats_summarize(even, 4, &s) == 0);
    CHECK_NEAR(s.median, 6, 0);
    CHECK_NEAR(s.mean, 6, 1e-15);
    CHECK_NEAR(s.sd, 3.6514837167011076, 1e-14);  /* sqrt(40 / 3) */
    CHECK_NEAR(s.cv, 0.6085806194501846, 1e-15);  /* sqrt(40 / 3) / 6 */
    CHECK_NEAR(s.mad, 3, 0);                      /* deviations 4, 4, 2, 2: mean of the middle two */

    const double one[] = {0.25};
    CHECK(stats_summarize(one, 1, &s) == 0);
    CHECK_NEAR(s.median, 0.25, 0);
    CHECK_NEAR(s.sd, 0, 0);
    CHECK_NEAR(s.cv, 0, 0);
    CHECK_NEAR(s.mad, 0, 0);
    CHECK_INT(s.n_outliers, 0);

    check_median_ci();
    check_outliers();
    check_ratio();
    return check_report("test_stats");
}
