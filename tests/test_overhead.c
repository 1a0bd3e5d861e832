/* test_overhead.c -- the overhead micro-benchmark: a tiny run gives every construct, schedule and
 * chunk at every thread count, in order, with finite figures; bad configurations are refused; the
 * CSV has the documented columns, exact on synthetic rows. No timing is asserted. */
#define _XOPEN_SOURCE 700
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "overhead.h"

#define HEADER "construct,schedule,chunk,threads,oversubscribed,inner_reps,outer_reps,median_s,min_s,sd_s,reference_s\n"

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
           a->median_s == b->median_s && a->sd_s == b->sd_s && a->reference_s == b->reference_s;
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
    c.max_chunk = 1024;
    c.iters_per_thread = 0;
    CHECK_INT(overhead_run(&c, &rows, &n, NULL, NULL), OVERHEAD_EINVAL);
    CHECK(rows == &sentinel);
    CHECK_INT(n, -7);
    CHECK(strstr(overhead_strerror(OVERHEAD_EINVAL), "invalid") != NULL);
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
    check_bad_configs();

    const int threads[] = {1, 2};
    c.threads = threads;
    c.n_threads = 2;
    c.outer = 3;
    c.target_s = 1e-5;
    c.delay_ns = 50;
    const int per_threads = 2 + 3 * 11;  /* parallel, barrier, 3 schedules x chunks 1..1024 */
    CHECK_INT(overhead_n_rows(&c), 2 * per_threads);

    static struct seen seen;
    struct overhead_row *rows = NULL;
    int n = 0;
    CHECK_INT(overhead_run(&c, &rows, &n, record, &seen), 0);
    CHECK_INT(n, 2 * per_threads);
    CHECK_INT(seen.n, n);
    if (rows == NULL || n != 2 * per_threads)
        return check_report("test_overhead");

    static const char *const kinds[] = {"static", "dynamic", "guided"};
    for (int t = 0; t < 2; t++) {
        const struct overhead_row *r = &rows[t * per_threads];
        CHECK_STR(r[0].construct, "parallel");
        CHECK_STR(r[1].construct, "barrier");
        CHECK_STR(r[0].schedule, "");
        CHECK_INT(r[1].chunk, 0);
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < 11; i++) {
                const struct overhead_row *s = &r[2 + 11 * k + i];
                CHECK_STR(s->construct, "schedule");
                CHECK_STR(s->schedule, kinds[k]);
                CHECK_INT(s->chunk, 1 << i);
            }
        }
    }
    for (int i = 0; i < n; i++) {
        const struct overhead_row *r = &rows[i];
        CHECK_INT(r->threads, threads[i / per_threads]);
        CHECK_INT(r->oversubscribed, r->threads > omp_get_num_procs());
        CHECK_INT(r->outer_reps, 3);
        CHECK(r->inner_reps >= 1);
        CHECK(isfinite(r->median_s) && isfinite(r->min_s) && isfinite(r->sd_s) && isfinite(r->reference_s));
        CHECK(r->min_s <= r->median_s);
        CHECK(r->sd_s >= 0);
        CHECK(r->reference_s > 0);  /* the delay does work, so the reference cannot be free */
        CHECK(i < seen.n && same_row(&seen.rows[i], r));  /* progress saw each row as kept */
    }

    rmdir(dir);
    free(rows);
    return check_report("test_overhead");
}
