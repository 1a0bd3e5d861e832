/* test_overhead.c -- the overhead micro-benchmark: a tiny run gives every construct, schedule and
 * chunk at every thread count, in order; each row's interval brackets its median with the coverage
 * its sample count allows, and within_noise says whether it holds 0; bad configurations are
 * refused; the CSV has the documented columns, exact on synthetic rows. No timing is asserted. */
#define _XOPEN_SOURCE 700
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "overhead.h"

struct seen {
    struct overhead_row rows[128];
    int n;
};

static void record(void *ctx, const struct overhead_row *row)
{
    struct seen *s = ctx;
    if (s->n < 128)
        s->rows[s->n] = *row;
    s->n++;
}

static int same_row(const struct overhead_row *a, const struct overhead_row *b)
{
    return strcmp(a->construct, b->construct) == 0 && strcmp(a->schedule, b->schedule) == 0 &&
           a->chunk == b->chunk && a->threads == b->threads && a->inner_reps == b->inner_reps &&
           a->median_s == b->median_s && a->sd_s == b->sd_s && a->reference_s == b->reference_s &&
           a->ci_low_s == b->ci_low_s && a->ci_high_s == b->ci_high_s && a->within_noise == b->within_noise;
}

static void check_bad_configs(void)
{
    const int good_threads[] = {1}, zero_threads[] = {0};
    struct overhead_config c;
    static struct overhead_row sentinel;
    struct overhead_row *rows = &sentinel;  /* must stay untouched on failure */
    int n = -7;

    overhead_config_defaults(&c);
    CHECK_INT(overhead_run(&c, &rows, &n, NULL, NULL), OVERHEAD_EINVAL);  /* no thread list */
    c.threads = zero_threads;
    c.n_threads = 1;
    CHECK_INT(overhead_run(&c, &rows, &n, NULL, NULL), OVERHEAD_EINVAL);
    c.threads = good_threads;
    c.outer = 0;
    CHECK_INT(overhead_run(&c, &rows, &n, NULL, NULL), OVERHEAD_EINVAL);
    c.outer = 3;
    c.target_s = 0;
    CHECK_INT(overhead_run(&c, &rows, &n, NULL, NULL), OVERHEAD_EINVAL);
    c.target_s = 1e-5;
    c.delay_ns = -1;
    CHECK_INT(overhead_run(&c, &rows, &n, NULL, NULL), OVERHEAD_EINVAL);
    c.delay_ns = 1000001;  /* over 1 ms */
    CHECK_INT(overhead_run(&c, &rows, &n, NULL, NULL), OVERHEAD_EINVAL);
    c.delay_ns = 0;
    c.max_chunk = 0;
    CHECK_INT(overhead_run(&c, &rows, &n, NULL, NULL), OVERHEAD_EINVAL);
    c.max_chunk = (1 << 24) + 1;
    CHECK_INT(overhead_run(&c, &rows, &n, NULL, NULL), OVERHEAD_EINVAL);
    c.max_chunk = 1024;
    c.iters_per_thread = 0;
    CHECK_INT(overhead_run(&c, &rows, &n, NULL, NULL), OVERHEAD_EINVAL);
    c.iters_per_thread = 1024;
    c.target_s = NAN;
    CHECK_INT(overhead_run(&c, &rows, &n, NULL, NULL), OVERHEAD_EINVAL);
    c.target_s = 1e-5;
    c.n_threads = 0;  /* a list, but empty */
    CHECK_INT(overhead_run(&c, &rows, &n, NULL, NULL), OVERHEAD_EINVAL);
    const int too_many[] = {1, 4097};  /* a bad count after a good one */
    c.threads = too_many;
    c.n_threads = 2;
    CHECK_INT(overhead_run(&c, &rows, &n, NULL, NULL), OVERHEAD_EINVAL);
    const int big_team[] = {4096};  /* 4096 x 2^24 loop iterations overflow an int */
    c.threads = big_team;
    c.n_threads = 1;
    c.iters_per_thread = 1 << 24;
    CHECK_INT(overhead_run(&c, &rows, &n, NULL, NULL), OVERHEAD_EINVAL);
    CHECK(rows == &sentinel);
    CHECK_INT(n, -7);
    CHECK(strstr(overhead_strerror(OVERHEAD_EINVAL), "invalid") != NULL);
}

/* Runs c (threads 1 and 2, every schedule) and checks the rows: count, order and labels, the
 * interval around each median with the coverage that c->outer samples give (ci_level), within_noise
 * exactly when the interval holds 0; min_is_low: with under 6 samples the interval is [min, max]. */
static void check_run(const struct overhead_config *c, double ci_level, int min_is_low)
{
    static const char *const kinds[] = {"static", "dynamic", "guided"};
    int n_chunks = 0;
    for (int chunk = 1; chunk <= c->max_chunk; chunk *= 2)
        n_chunks++;
    const int per_threads = 2 + 3 * n_chunks;  /* parallel, barrier, 3 schedules x chunks */
    CHECK_INT(overhead_n_rows(c), c->n_threads * per_threads);

    static struct seen seen;
    struct overhead_row *rows = NULL;
    int n = 0;
    seen.n = 0;
    CHECK_INT(overhead_run(c, &rows, &n, record, &seen), 0);
    CHECK_INT(n, c->n_threads * per_threads);
    CHECK_INT(seen.n, n);
    if (rows == NULL || n != c->n_threads * per_threads) {
        free(rows);
        return;
    }
    for (int t = 0; t < c->n_threads; t++) {
        const struct overhead_row *r = &rows[t * per_threads];
        CHECK_STR(r[0].construct, "parallel");
        CHECK_STR(r[1].construct, "barrier");
        CHECK_STR(r[0].schedule, "");
        CHECK_INT(r[1].chunk, 0);
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < n_chunks; i++) {
                const struct overhead_row *s = &r[2 + n_chunks * k + i];
                CHECK_STR(s->construct, "schedule");
                CHECK_STR(s->schedule, kinds[k]);
                CHECK_INT(s->chunk, 1 << i);
            }
        }
    }
    for (int i = 0; i < n; i++) {
        const struct overhead_row *r = &rows[i];
        CHECK_INT(r->threads, c->threads[i / per_threads]);
        CHECK_INT(r->oversubscribed, r->threads > omp_get_num_procs());
        CHECK_INT(r->outer_reps, c->outer);
        CHECK(r->inner_reps >= 1);
        CHECK(isfinite(r->median_s) && isfinite(r->ci_low_s) && isfinite(r->ci_high_s));
        CHECK(r->ci_low_s <= r->median_s && r->median_s <= r->ci_high_s);
        CHECK_NEAR(r->ci_level, ci_level, 1e-12);
        if (min_is_low)
            CHECK_NEAR(r->ci_low_s, r->min_s, 0);
        else
            CHECK(r->ci_low_s >= r->min_s);
        CHECK_INT(r->within_noise, r->ci_low_s <= 0 && r->ci_high_s >= 0);
        if (c->delay_ns > 0)
            CHECK(r->reference_s > 0);  /* the delay does work, so its reference cannot be free */
        CHECK(i < seen.n && same_row(&seen.rows[i], r));  /* progress saw each row as kept */
    }
    free(rows);
}

int main(void)
{
    char dir[] = "/tmp/ompscale-overhead-XXXXXX";
    if (mkdtemp(dir) == NULL)
        return 1;

    struct overhead_config c;
    overhead_config_defaults(&c);
    CHECK_INT(c.outer, 20);
    CHECK_NEAR(c.target_s, 1e-3, 0);
    CHECK_INT(c.max_chunk, 1024);
    CHECK_INT(c.delay_ns, 100);
    check_bad_configs();

    const int threads[] = {1, 2};
    c.threads = threads;
    c.n_threads = 2;
    c.outer = 3;
    c.target_s = 1e-5;
    c.delay_ns = 0;  /* no work: only the constructs' own costs, the fastest run */
    c.iters_per_thread = 16;
    c.max_chunk = 4;
    check_run(&c, 1.0 - 2.0 / 8, 1);  /* 3 samples: the interval is [min, max], coverage 1 - 2^-2 */
    c.outer = 9;
    c.delay_ns = 50;
    c.max_chunk = 1024;
    check_run(&c, 1.0 - 2.0 * 10 / 512, 0);  /* 9: [x(2), x(8)], coverage 1 - 2 P(B <= 1) */

    rmdir(dir);
    return check_report("test_overhead");
}
