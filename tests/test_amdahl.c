/* test_amdahl.c -- Amdahl fit and Karp-Flatt metric on synthetic timings with known answers:
 * exact Amdahl data, the same with fixed pseudo-noise, an overhead model, and bad input. */
#include <stdint.h>

#include "amdahl.h"
#include "check.h"

enum { MAXP = 64 };

static const double T_SERIAL = 10;

/* Uniform in [-1, 1) from a 64-bit LCG (Knuth's MMIX constants), so the noise is the same on
 * every machine. */
static double lcg_pm1(uint64_t *state)
{
    *state = *state * 6364136223846793005u + 1442695040888963407u;
    return (double)(*state >> 11) / 9007199254740992.0 * 2 - 1;
}

/* Fills p = 1..pmax and S = T_serial / T(p) with T(p) = T_serial (F + (1 - F) / p), each T
 * times (1 + noise * u), u uniform in [-1, 1) (no noise when state is NULL). Returns pmax. */
static int amdahl_data(double F, int pmax, double noise, uint64_t *state, double *p, double *s)
{
    for (int i = 0; i < pmax; i++) {
        p[i] = i + 1;
        double t = T_SERIAL * (F + (1 - F) / p[i]);
        if (state != NULL)
            t *= 1 + noise * lcg_pm1(state);
        s[i] = T_SERIAL / t;
    }
    return pmax;
}

static void test_exact(void)
{
    const double fs[] = {0, 0.1, 0.3, 0.9};
    const int pmaxs[] = {2, 4, 16};
    double p[MAXP], s[MAXP], e[MAXP];
    for (int a = 0; a < 4; a++) {
        for (int b = 0; b < 3; b++) {
            double F = fs[a];
            int n = amdahl_data(F, pmaxs[b], 0, NULL, p, s);
            struct amdahl_fit fit;
            CHECK_INT(amdahl_fit(p, s, n, &fit), 0);
            CHECK_INT(fit.ok, 1);
            CHECK_INT(fit.n, n);
            CHECK_NEAR(fit.f, F, 1e-6);
            CHECK_NEAR(fit.f_low, F, 1e-6);    /* no residuals: an interval of no width */
            CHECK_NEAR(fit.f_high, F, 1e-6);
            CHECK_NEAR(fit.r2, 1, 1e-9);
            if (F == 0)
                CHECK(isinf(fit.ceiling) && fit.ceiling > 0);
            else
                CHECK_NEAR(fit.ceiling, 1 / F, 1e-5 / F);

            /* Karp-Flatt of exact Amdahl data is F at every p > 1, so there is no trend. */
            CHECK(isnan(amdahl_karp_flatt(s[0], p[0])));
            for (int i = 1; i < n; i++) {
                e[i] = amdahl_karp_flatt(s[i], p[i]);
                CHECK_NEAR(e[i], F, 1e-12);
            }
            e[0] = NAN;
            CHECK_INT(amdahl_karp_flatt_trend(p, e, n), 0);
        }
    }
}

/* +-2% multiplicative noise on T(p), p = 1..8. One draw: f within 0.02 of F, R^2 near 1. A
 * 95% interval misses the true F in 1 draw of 20 by design (the first F = 0.3 draw here is
 * such a one), so what is asserted is its coverage over 2000 draws: 95% within 4 binomial
 * sd (0.005). The textbook sqrt(s^2 / sum J^2) interval covers about 85-90% here and fails.
 * Karp-Flatt of noisy Amdahl data must not show a trend in (almost) any draw. */
static void test_noisy(void)
{
    const double fs[] = {0.1, 0.3};
    enum { DRAWS = 2000 };
    double p[MAXP], s[MAXP], e[MAXP];
    for (int a = 0; a < 2; a++) {
        double F = fs[a];
        uint64_t state = 20240601;
        int failed = 0, covered = 0, trends = 0;
        for (int d = 0; d < DRAWS; d++) {
            int n = amdahl_data(F, 8, 0.02, &state, p, s);
            struct amdahl_fit fit;
            failed += amdahl_fit(p, s, n, &fit) != 0;
            if (d == 0) {
                CHECK_NEAR(fit.f, F, 0.02);
                CHECK(fit.f_low < fit.f && fit.f < fit.f_high);   /* noise gives it a width */
                CHECK(fit.r2 > 0.99 && fit.r2 <= 1);
            }
            covered += fit.f_low <= F && F <= fit.f_high;
            for (int i = 0; i < n; i++)
                e[i] = amdahl_karp_flatt(s[i], p[i]);
            trends += amdahl_karp_flatt_trend(p, e, n) != 0;
        }
        CHECK_INT(failed, 0);
        CHECK_NEAR((double)covered / DRAWS, 0.95, 0.02);
        CHECK(trends <= DRAWS / 100);
    }
}

/* Hand-worked intervals. (1, 1.01), (2, 1.6): p = 2 alone fixes f = 0.25 (2 / 1.25 = 1.6);
 * the p = 1 point leaves SSR = 1e-4 and relative residual 0.01 whatever f is, so
 * sigma^2 = 1e-4 / 1. J = dS/df at p = 2 is -(1/2) 1.6^2 = -1.28, so
 * se = sqrt(sigma^2 J^2 S^2) / J^2 = 0.01 * 1.6 / 1.28 = 0.0125, half-width t(0.975, 1) se. */
static void test_interval(void)
{
    const double p[] = {1, 2}, s[] = {1.01, 1.6};
    struct amdahl_fit fit;
    CHECK_INT(amdahl_fit(p, s, 2, &fit), 0);
    CHECK_NEAR(fit.f, 0.25, 1e-12);
    CHECK_NEAR(fit.f_low, 0.25 - 12.7062047 * 0.0125, 1e-9);
    CHECK_NEAR(fit.f_high, 0.25 + 12.7062047 * 0.0125, 1e-9);
    CHECK_NEAR(fit.r2, 1 - 1e-4 / (2 * 0.295 * 0.295), 1e-12);   /* mean S = 1.305 */
    CHECK_NEAR(fit.ceiling, 4, 1e-11);

    /* 40 points at p = 1 alternating 1.01, 0.99 and one at p = 2: n - 1 = 40 degrees of
     * freedom (past the table), sigma^2 = 40e-4 / 40, the same se, t(0.975, 40) = 2.0210754. */
    double pp[41], ss[41];
    for (int i = 0; i < 40; i++) {
        pp[i] = 1;
        ss[i] = i % 2 ? 0.99 : 1.01;
    }
    pp[40] = 2;
    ss[40] = 1.6;
    CHECK_INT(amdahl_fit(pp, ss, 41, &fit), 0);
    CHECK_NEAR(fit.f, 0.25, 1e-12);
    CHECK_NEAR(fit.f_high - fit.f, 2.0210754 * 0.0125, 1e-8);
    CHECK_NEAR(fit.f - fit.f_low, 2.0210754 * 0.0125, 1e-8);
}

static void test_clamps(void)
{
    const double p[] = {1, 2, 4};
    struct amdahl_fit fit;

    const double superlinear[] = {1, 2.2, 4.5};
    CHECK_INT(amdahl_fit(p, superlinear, 3, &fit), 0);
    CHECK_NEAR(fit.f, 0, 0);
    CHECK_NEAR(fit.f_low, 0, 0);
    CHECK(isinf(fit.ceiling) && fit.ceiling > 0);

    const double slower[] = {1, 0.9, 0.8};
    CHECK_INT(amdahl_fit(p, slower, 3, &fit), 0);
    CHECK_NEAR(fit.f, 1, 0);
    CHECK_NEAR(fit.f_high, 1, 0);
    CHECK_NEAR(fit.ceiling, 1, 0);

    /* SST = 0: R^2 is 1 when the fit is exact, undefined (NAN) otherwise. */
    const double flat[] = {1, 1, 1}, flat_low[] = {0.8, 0.8, 0.8};
    CHECK_INT(amdahl_fit(p, flat, 3, &fit), 0);
    CHECK_NEAR(fit.f, 1, 0);
    CHECK_NEAR(fit.r2, 1, 0);
    CHECK_INT(amdahl_fit(p, flat_low, 3, &fit), 0);
    CHECK(isnan(fit.r2));

    /* Order and repeated thread counts do not matter; the fit equals the sorted one. */
    const double pu[] = {4, 1, 2, 4, 2}, su[] = {3.0, 1.0, 1.7, 3.2, 1.8};
    const double ps[] = {1, 2, 2, 4, 4}, ssorted[] = {1.0, 1.7, 1.8, 3.0, 3.2};
    struct amdahl_fit sorted;
    CHECK_INT(amdahl_fit(pu, su, 5, &fit), 0);
    CHECK_INT(amdahl_fit(ps, ssorted, 5, &sorted), 0);
    CHECK_NEAR(fit.f, sorted.f, 1e-15);
    CHECK(fit.f > 0 && fit.f < 0.2);
}

static void test_trend(void)
{
    /* Overhead that grows with p: T(p) = 10/p + 0.05 p. e rises from 0.02 at p = 2. */
    double p[16], s[16], e[16];
    for (int i = 0; i < 16; i++) {
        p[i] = i + 1;
        s[i] = T_SERIAL / (T_SERIAL / p[i] + 0.05 * p[i]);
        e[i] = amdahl_karp_flatt(s[i], p[i]);
    }
    CHECK_NEAR(e[1], 0.02, 1e-12);   /* p = 2: (0.51 - 0.5) / 0.5 */
    CHECK_INT(amdahl_karp_flatt_trend(p, e, 8), 1);
    CHECK_INT(amdahl_karp_flatt_trend(p, e, 16), 1);
    CHECK_INT(amdahl_karp_flatt_trend(p, e, 4), 1);

    /* Falling e (e.g. superlinear cache effects at high p). */
    const double pf[] = {2, 3, 4, 5}, ef[] = {0.2, 0.15, 0.1, 0.05};
    CHECK_INT(amdahl_karp_flatt_trend(pf, ef, 4), -1);
    /* Small wobble near e = 0 is under the absolute floor: flat. */
    const double ez[] = {0.001, -0.001, 0.002, 0.003};
    CHECK_INT(amdahl_karp_flatt_trend(pf, ez, 4), 0);
    /* Too few usable points: one p > 1, or the same p twice. */
    const double p1[] = {1, 2}, e1[] = {NAN, 0.1};
    CHECK_INT(amdahl_karp_flatt_trend(p1, e1, 2), 0);
    const double p2[] = {4, 4}, e2[] = {0.1, 0.3};
    CHECK_INT(amdahl_karp_flatt_trend(p2, e2, 2), 0);
}

static void test_predict(void)
{
    CHECK_NEAR(amdahl_predict(0.1, 1), 1, 1e-15);
    CHECK_NEAR(amdahl_predict(0, 8), 8, 1e-15);
    CHECK_NEAR(amdahl_predict(1, 8), 1, 1e-15);
    CHECK_NEAR(amdahl_predict(0.5, 3), 1.5, 1e-15);   /* 1 / (0.5 + 0.5 / 3) */
    CHECK(isnan(amdahl_predict(0.5, 0)));
    CHECK(isnan(amdahl_karp_flatt(2, 1)));
    CHECK(isnan(amdahl_karp_flatt(0, 4)));
    CHECK_NEAR(amdahl_karp_flatt(4, 4), 0, 1e-15);     /* linear speed-up */
}

static void test_failures(void)
{
    struct amdahl_fit fit;
    const double p[] = {4, 4, 4}, s[] = {3, 3.1, 2.9};
    CHECK_INT(amdahl_fit(p, s, 0, &fit), -1);
    CHECK_INT(fit.ok, 0);
    CHECK_INT(amdahl_fit(p, s, 1, &fit), -1);
    CHECK_INT(fit.ok, 0);
    CHECK_INT(amdahl_fit(p, s, 3, &fit), -1);   /* one distinct p */
    CHECK_INT(fit.ok, 0);
    CHECK(isnan(fit.f) && isnan(fit.ceiling));

    const double pg[] = {1, 2, 4};
    const double zero[] = {1, 0, 3}, nan_s[] = {1, NAN, 3};
    const double below1[] = {0.5, 2, 4}, s_ok[] = {1, 1.8, 3};
    CHECK_INT(amdahl_fit(pg, zero, 3, &fit), -1);
    CHECK_INT(amdahl_fit(pg, nan_s, 3, &fit), -1);
    CHECK_INT(amdahl_fit(below1, s_ok, 3, &fit), -1);
    CHECK_INT(amdahl_fit(pg, s_ok, 3, &fit), 0);   /* the same points, valid */
}

int main(void)
{
    test_exact();
    test_noisy();
    test_interval();
    test_clamps();
    test_trend();
    test_predict();
    test_failures();
    return check_report("test_amdahl");
}
