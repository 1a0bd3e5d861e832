/* amdahl.c -- Amdahl's law on measured speed-ups: serial-fraction fit and Karp-Flatt metric.
 *
 * Design. S(p) = 1 / (f + (1 - f) / p) = p / (1 + f (p - 1)) is fitted by least squares on S
 * itself. On 1/S the model is linear (1/S = f (1 - 1/p) + 1/p), with a closed-form fit, but
 * equal misses in 1/S are unequal misses in S: 0.01 in 1/S is 1% of S at S = 1 and 6% at
 * S = 6, so that fit tolerates visible misses on the speed-up chart at high p, where users
 * look, and its R^2 would not describe the chart. On S, residuals and R^2 are in the chart's
 * units. Neither weighting is optimal for relative timing noise (log S would be); on S the
 * large-p points, noisiest in absolute terms, weigh most, which the interval below allows for.
 *
 * Each S_i(f) is monotone in f, but the sum of squares SSR(f) need not be unimodal for
 * arbitrary data, and there is no closed form (setting dSSR/df = 0 gives a polynomial of high
 * degree). So the minimum is found robustly: dSSR/df is sampled on a grid over [0, 1], every
 * sign change from - to + (a local minimum) is bisected to full precision, and the candidate
 * with the smallest SSR wins, the ends f = 0 and f = 1 included. f is clamped to [0, 1]:
 * speed-ups above p (superlinear) give f = 0, speed-ups at or below 1 give f = 1 (ceiling 1);
 * f = 1 is kept as a value because "no speed-up at all" is a real outcome.
 *
 * The 95% interval is f +- t se, t the 0.975 quantile of Student's t with n - 1 degrees of
 * freedom, clamped to [0, 1]. se comes from the Jacobian J_i = dS_i/df = -(p_i - 1) / p_i S_i^2
 * at the optimum, but not as sqrt(s^2 / sum J_i^2) with s^2 = SSR / (n - 1): that formula
 * assumes every S_i is equally noisy, while timing noise is relative (a run is a few percent
 * slower, not a few milliseconds), so the large-p points that decide f are the noisiest, the
 * pooled s^2 understates their noise: on +-2% multiplicative noise (20000 draws each, p = 1..4,
 * 1..8, 1..16) that interval held the true f only 81-92% of the time for f <= 0.3. Instead
 * var S_i = sigma^2 S_i^2 with sigma^2 = sum (r_i / S_i)^2 / (n - 1), and the least-squares
 * estimate's variance under that model is
 *     se^2 = sigma^2 sum J_i^2 S_i^2 / (sum J_i^2)^2,
 * which covered the true f 94-96% of the time on the same draws (f = 0.02 .. 0.9); with
 * equal S_i it is the formula above. Points at p = 1 have S = 1 for any f: they add to
 * sigma^2 and to n, not to J. */
#include <math.h>

#include "amdahl.h"

enum { GRID = 1024 };               /* intervals of the derivative scan over [0, 1] */

/* Karp-Flatt trend rule: the least-squares line of e against p must change by more than
 * TREND_REL of |mean e| across the measured p range, and by more than TREND_ABS (half a
 * percentage point of serial fraction) so that values near 0 do not turn noise into a trend. */
static const double TREND_REL = 0.25;
static const double TREND_ABS = 0.005;

/* 0.975 quantile of Student's t, df = 1..30. */
static const double T975[30] = {
    12.7062047, 4.3026527, 3.1824463, 2.7764451, 2.5705818, 2.4469119, 2.3646243, 2.3060041,
    2.2621572,  2.2281389, 2.2009852, 2.1788128, 2.1603687, 2.1447867, 2.1314495, 2.1199053,
    2.1098155,  2.1009220, 2.0930241, 2.0859634, 2.0796138, 2.0738731, 2.0686576, 2.0638986,
    2.0595386,  2.0555294, 2.0518305, 2.0484071, 2.0452296, 2.0422725,
};

/* Two-sided 95% t quantile with df >= 1 degrees of freedom: the table, then the Cornish-Fisher
 * expansion around the normal quantile (Abramowitz & Stegun 26.7.5), within 1e-7 above 30. */
static double t975(int df)
{
    if (df <= 30)
        return T975[df - 1];
    const double z = 1.959963984540054, z2 = z * z, v = df;
    const double g1 = (z2 + 1) * z / 4;
    const double g2 = ((5 * z2 + 16) * z2 + 3) * z / 96;
    const double g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384;
    return z + g1 / v + g2 / (v * v) + g3 / (v * v * v);
}

double amdahl_predict(double f, double p)
{
    if (!(p > 0))
        return NAN;
    return 1 / (f + (1 - f) / p);
}

/* Model speed-up in the form that stays exact at p = 1 and f = 1. */
static double model(double f, double p)
{
    return p / (1 + f * (p - 1));
}

static double ssr(const double *p, const double *s, int n, double f)
{
    double sum = 0;
    for (int i = 0; i < n; i++) {
        double r = s[i] - model(f, p[i]);
        sum += r * r;
    }
    return sum;
}

/* dSSR/df, halved: sum (S_i(f) - s_i) * dS_i/df. */
static double dssr(const double *p, const double *s, int n, double f)
{
    double sum = 0;
    for (int i = 0; i < n; i++) {
        double m = model(f, p[i]);
        sum += (m - s[i]) * (-(p[i] - 1) / p[i] * m * m);
    }
    return sum;
}

/* Bisects dssr over [lo, hi], where it is < 0 at lo and >= 0 at hi, to adjacent doubles. */
static double bisect(const double *p, const double *s, int n, double lo, double hi)
{
    for (;;) {
        double mid = lo + (hi - lo) / 2;
        if (mid <= lo || mid >= hi)
            return hi;
        if (dssr(p, s, n, mid) < 0)
            lo = mid;
        else
            hi = mid;
    }
}

static int fail(struct amdahl_fit *out, int n)
{
    out->f = out->f_low = out->f_high = out->r2 = out->ceiling = NAN;
    out->n = n;
    out->ok = 0;
    return -1;
}

int amdahl_fit(const double *threads, const double *speedup, int n, struct amdahl_fit *out)
{
    if (n < 2)
        return fail(out, n);
    int distinct = 0;
    for (int i = 0; i < n; i++) {
        if (!isfinite(threads[i]) || threads[i] < 1 || !isfinite(speedup[i]) || !(speedup[i] > 0))
            return fail(out, n);
        if (threads[i] != threads[0])
            distinct = 1;
    }
    if (!distinct)
        return fail(out, n);

    double best_f = 0, best_ssr = ssr(threads, speedup, n, 0);
    double one = ssr(threads, speedup, n, 1);
    if (one < best_ssr) {
        best_f = 1;
        best_ssr = one;
    }
    double prev_f = 0, prev_d = dssr(threads, speedup, n, 0);
    for (int k = 1; k <= GRID; k++) {
        double f = (double)k / GRID, d = dssr(threads, speedup, n, f);
        if (prev_d < 0 && d >= 0) {
            double root = bisect(threads, speedup, n, prev_f, f);
            double r = ssr(threads, speedup, n, root);
            if (r < best_ssr) {
                best_f = root;
                best_ssr = r;
            }
        }
        prev_f = f;
        prev_d = d;
    }

    double mean = 0;
    for (int i = 0; i < n; i++)
        mean += speedup[i];
    mean /= n;
    double sst = 0, jtj = 0, jtj_s2 = 0, rel = 0;
    int all_equal = 1;                   /* every S the same: SST is exactly 0 */
    for (int i = 0; i < n; i++) {
        double m = model(best_f, threads[i]);
        double j = -(threads[i] - 1) / threads[i] * m * m;   /* dS_i/df */
        double r = (speedup[i] - m) / m;                      /* relative residual */
        sst += (speedup[i] - mean) * (speedup[i] - mean);
        jtj += j * j;
        jtj_s2 += j * j * m * m;
        rel += r * r;
        if (speedup[i] != speedup[0])
            all_equal = 0;
    }
    if (all_equal)
        sst = 0;                         /* not the rounding left by the mean */
    double se = sqrt(rel / (n - 1) * jtj_s2) / jtj;          /* jtj > 0: some p > 1 */
    double half = t975(n - 1) * se;

    out->f = best_f;
    out->f_low = fmax(0, best_f - half);
    out->f_high = fmin(1, best_f + half);
    if (sst > 0)
        out->r2 = 1 - best_ssr / sst;
    else
        out->r2 = best_ssr == 0 ? 1 : NAN;   /* nothing to explain: exact, or undefined */
    out->ceiling = best_f > 0 ? 1 / best_f : INFINITY;
    out->n = n;
    out->ok = 1;
    return 0;
}

double amdahl_karp_flatt(double speedup, double p)
{
    if (!(p > 1) || !isfinite(p) || !isfinite(speedup) || !(speedup > 0))
        return NAN;
    return (1 / speedup - 1 / p) / (1 - 1 / p);
}

int amdahl_karp_flatt_trend(const double *p, const double *e, int n)
{
    int m = 0;
    double sp = 0, se = 0, pmin = INFINITY, pmax = -INFINITY;
    for (int i = 0; i < n; i++) {
        if (!(p[i] > 1) || !isfinite(p[i]) || !isfinite(e[i]))
            continue;
        m++;
        sp += p[i];
        se += e[i];
        pmin = fmin(pmin, p[i]);
        pmax = fmax(pmax, p[i]);
    }
    if (m < 2 || pmin == pmax)
        return 0;
    double pbar = sp / m, ebar = se / m, sxy = 0, sxx = 0;
    for (int i = 0; i < n; i++) {
        if (!(p[i] > 1) || !isfinite(p[i]) || !isfinite(e[i]))
            continue;
        sxy += (p[i] - pbar) * (e[i] - ebar);
        sxx += (p[i] - pbar) * (p[i] - pbar);
    }
    double change = sxy / sxx * (pmax - pmin);   /* of the fitted line across the range */
    double tol = fmax(TREND_REL * fabs(ebar), TREND_ABS);
    if (change > tol)
        return 1;
    if (change < -tol)
        return -1;
    return 0;
}
