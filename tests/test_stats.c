/* test_stats.c -- summary statistics on data with known answers. */
#include "check.h"
#include "stats.h"

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
    CHECK_NEAR(odd[0], 5, 0);                     /* input left as it was */

    const double even[] = {10, 2, 8, 4};
    CHECK(stats_summarize(even, 4, &s) == 0);
    CHECK_NEAR(s.median, 6, 0);
    CHECK_NEAR(s.mean, 6, 1e-15);
    CHECK_NEAR(s.sd, 3.6514837167011076, 1e-14);  /* sqrt(40 / 3) */

    const double one[] = {0.25};
    CHECK(stats_summarize(one, 1, &s) == 0);
    CHECK_NEAR(s.median, 0.25, 0);
    CHECK_NEAR(s.sd, 0, 0);
    return check_report("test_stats");
}
