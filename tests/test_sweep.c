/* test_sweep.c -- the sweep kernel's physics: the closed form against a direct sum, exact
 * limits of the chain geometry (n = 1, n = 2, the law of cosines), and the Monte Carlo against
 * the closed form within its statistical error; the same test must reject the closed form
 * with the bond angle's supplement mixed up, so it has the power to catch a wrong geometry. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "kernel.h"
#include "sweep.h"

enum { COL_THETA, COL_N, COL_SAMPLES, COL_MEAN, COL_STDERR, COL_EXACT, COL_Z };

static const double PI = 3.14159265358979323846;

/* <R^2> as n + 2 sum_{k=1}^{n-1} (n - k) c^k: bond i and bond i+k correlate as c^k. */
static double r2_direct_sum(long n, double c)
{
    double sum = (double)n, ck = 1;
    for (long k = 1; k < n; k++) {
        ck *= c;
        sum += 2.0 * (double)(n - k) * ck;
    }
    return sum;
}

static void test_closed_form(void)
{
    static const long ns[] = {1, 2, 3, 10, 100, 1000};
    static const double cs[] = {-0.9, -0.5, -0.1, 0, 0.25, 0.7, 0.95};
    for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++) {
        for (size_t j = 0; j < sizeof cs / sizeof cs[0]; j++) {
            double direct = r2_direct_sum(ns[i], cs[j]);
            CHECK_NEAR(sweep_r2_exact(ns[i], cs[j]), direct, 1e-10 * direct);
        }
    }
    CHECK_NEAR(sweep_r2_exact(1, 0.3), 1.0, 1e-14);
    CHECK_NEAR(sweep_r2_exact(2, -0.4), 2 + 2 * -0.4, 1e-14);
    CHECK_NEAR(sweep_r2_exact(37, 0.0), 37.0, 1e-12);  /* a random walk */
    /* Long chains: characteristic ratio (1 + c) / (1 - c), 2 for a tetrahedral angle. */
    double c_tet = -cos(acos(-1.0 / 3));
    CHECK_NEAR(sweep_r2_exact(1000000, c_tet) / 1e6, 2.0, 1e-5);
}

/* Runs the serial sweep over a grid and leaves its data table in t; returns the state, or NULL. */
static void *run_sweep(const struct kernel *k, struct kernel_data *t, int angles, int lengths, double theta_min,
                       double theta_max, long n_min, long n_max, long samples, long seed)
{
    double v[KERNEL_MAX_PARAMS];
    char why[256];
    void *state = NULL;
    for (int i = 0; i < k->n_params; i++)
        v[i] = k->params[i].by_class[CLASS_S];
    v[kernel_param_index(k, "angles")] = angles;
    v[kernel_param_index(k, "lengths")] = lengths;
    v[kernel_param_index(k, "theta_min")] = theta_min;
    v[kernel_param_index(k, "theta_max")] = theta_max;
    v[kernel_param_index(k, "n_min")] = (double)n_min;
    v[kernel_param_index(k, "n_max")] = (double)n_max;
    v[kernel_param_index(k, "samples")] = (double)samples;
    v[kernel_param_index(k, "seed")] = (double)seed;
    CHECK(k->check(v, why, sizeof why) == 0);
    CHECK(k->setup(&state, v, "/tmp") == 0);
    if (state == NULL)
        return NULL;
    CHECK(k->run_serial(state, why, sizeof why) == 0);
    CHECK(k->data(state, t) == 0);
    CHECK_INT(t->n_rows, (long)angles * lengths);
    CHECK_INT(t->n_columns, 7);
    return state;
}

static void test_columns(const struct kernel *k)
{
    static const char *const want[] = {"theta_deg", "n_bonds", "samples", "r2_mean", "r2_stderr", "r2_exact", "z_score"};
    struct kernel_data t;
    void *s = run_sweep(k, &t, 3, 2, 40, 140, 4, 9, 10, 5);
    if (s == NULL)
        return;
    CHECK_STR(t.name, "sweep");
    for (int c = 0; c < 7 && c < t.n_columns; c++)
        CHECK_STR(t.columns[c], want[c]);
    /* Length-major: the angle varies fastest; both axes include their ends. */
    CHECK_NEAR(t.values[0 * 7 + COL_THETA], 40, 1e-12);
    CHECK_NEAR(t.values[1 * 7 + COL_THETA], 90, 1e-12);
    CHECK_NEAR(t.values[2 * 7 + COL_THETA], 140, 1e-12);
    CHECK_NEAR(t.values[0 * 7 + COL_N], 4, 0);
    CHECK_NEAR(t.values[3 * 7 + COL_N], 9, 0);
    CHECK_NEAR(t.values[5 * 7 + COL_SAMPLES], 10, 0);
    CHECK_NEAR(k->work(s), (4 + 9) * 3 * 10, 0);
    CHECK_INT(k->n_iterations(s), 6);
    k->teardown(s);
}

/* n = 1: R^2 is exactly 1. n = 2: R^2 = 2 - 2 cos(theta), the law of cosines for two unit
 * bonds at valence angle theta, in every sample. */
static void test_exact_limits(const struct kernel *k)
{
    struct kernel_data t;
    void *s = run_sweep(k, &t, 7, 1, 30, 150, 1, 1, 50, 3);
    if (s != NULL) {
        for (long i = 0; i < t.n_rows; i++) {
            CHECK(t.values[i * 7 + COL_MEAN] == 1.0);
            CHECK(t.values[i * 7 + COL_STDERR] == 0.0);
            CHECK_NEAR(t.values[i * 7 + COL_Z], 0, 0.1);
        }
        k->teardown(s);
    }
    s = run_sweep(k, &t, 7, 1, 30, 150, 2, 2, 50, 3);
    if (s != NULL) {
        for (long i = 0; i < t.n_rows; i++) {
            double theta = t.values[i * 7 + COL_THETA] * PI / 180;
            CHECK_NEAR(t.values[i * 7 + COL_MEAN], 2 - 2 * cos(theta), 1e-13);
            CHECK(t.values[i * 7 + COL_STDERR] < 1e-14);
            CHECK_NEAR(t.values[i * 7 + COL_Z], 0, 0.1);
        }
        k->teardown(s);
    }
}

struct zstats {
    long n, within2;
    double max_abs, mean, rms;
};

/* z-scores of the table's means against the closed form with bond cosine sign * cos(theta):
 * sign -1 is the right geometry, +1 the valence angle mistaken for the angle between bonds. */
static struct zstats z_against(const struct kernel_data *t, double sign)
{
    struct zstats z = {0};
    for (long i = 0; i < t->n_rows; i++) {
        const double *rec = &t->values[i * 7];
        double c = sign * cos(rec[COL_THETA] * PI / 180);
        double exact = sweep_r2_exact((long)rec[COL_N], c);
        double zi = (rec[COL_MEAN] - exact) / hypot(rec[COL_STDERR], 1e-12 * exact);
        z.n++;
        z.within2 += fabs(zi) < 2;
        z.max_abs = fmax(z.max_abs, fabs(zi));
        z.mean += zi;
        z.rms += zi * zi;
    }
    z.mean /= (double)z.n;
    z.rms = sqrt(z.rms / (double)z.n);
    return z;
}

/* 144 points, 1000 chains each: a correct simulation has |z| < 2 at about 95% of the points
 * (85% is six binomial standard deviations below) and no |z| near 6 (about 3e-7 per run for a
 * normal z; R^2 is skewed, so the tails are a little heavier and 5 is too tight). Over 200
 * seeds a correct kernel gave max |z| 4.94, |z| < 2 at >= 88.9%, mean z within +-0.25 and rms
 * z in 0.85..1.20; the supplement mixed up gives |z| in the thousands. */
static void test_statistics(const struct kernel *k)
{
    struct kernel_data t;
    void *s = run_sweep(k, &t, 12, 12, 30, 150, 3, 128, 1000, 20240601);
    if (s == NULL)
        return;
    for (long i = 0; i < t.n_rows; i++) {
        const double *rec = &t.values[i * 7];
        double exact = sweep_r2_exact((long)rec[COL_N], -cos(rec[COL_THETA] * PI / 180));
        CHECK_NEAR(rec[COL_EXACT], exact, 1e-12 * exact);
    }
    struct zstats right = z_against(&t, -1), wrong = z_against(&t, +1);
    CHECK(right.max_abs < 6);
    CHECK((double)right.within2 >= 0.85 * (double)right.n);
    CHECK(fabs(right.mean) < 0.5);
    CHECK(right.rms > 0.7 && right.rms < 1.3);
    CHECK((double)wrong.within2 < 0.5 * (double)wrong.n);
    CHECK(wrong.max_abs > 6);
    printf("test_sweep: right geometry: %ld points, |z| < 2 at %ld, max |z| %.2f, mean z %.3f, rms z %.3f\n",
           right.n, right.within2, right.max_abs, right.mean, right.rms);
    printf("test_sweep: supplement mixed up: |z| < 2 at %ld of %ld, max |z| %.3g\n", wrong.within2, wrong.n,
           wrong.max_abs);
    k->teardown(s);
}

static void test_check(const struct kernel *k)
{
    double v[KERNEL_MAX_PARAMS];
    char why[256] = "";
    for (int i = 0; i < k->n_params; i++)
        v[i] = k->params[i].by_class[CLASS_W];
    CHECK(k->check(v, why, sizeof why) == 0);
    v[kernel_param_index(k, "theta_min")] = 160;
    CHECK(k->check(v, why, sizeof why) != 0);
    CHECK(strstr(why, "theta_min") != NULL);
    v[kernel_param_index(k, "theta_min")] = 30;
    v[kernel_param_index(k, "n_min")] = 300;
    CHECK(k->check(v, why, sizeof why) != 0);
    CHECK(strstr(why, "n_min") != NULL);
}

int main(void)
{
    const struct kernel *k = kernel_find("sweep");
    CHECK(k != NULL);
    if (k == NULL)
        return check_report("test_sweep");
    test_closed_form();
    test_columns(k);
    test_exact_limits(k);
    test_statistics(k);
    test_check(k);
    return check_report("test_sweep");
}
