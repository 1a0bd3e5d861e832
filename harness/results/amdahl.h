/* amdahl.h -- Amdahl's law on measured speed-ups: the serial fraction f fitted by least squares
 * with a 95% interval, the speed-up ceiling 1/f, and the Karp-Flatt metric with its trend. */
#ifndef OMPSCALE_AMDAHL_H
#define OMPSCALE_AMDAHL_H

struct amdahl_fit {
    double f;               /* serial fraction in [0, 1] minimising the sum of squares on S */
    double f_low, f_high;   /* 95% interval for f (t with n - 1 df), clamped to [0, 1] */
    double r2;              /* 1 - SSR/SST on S; when SST = 0: 1 if SSR = 0, else NAN */
    double ceiling;         /* 1 / f, the speed-up no thread count exceeds; INFINITY when f = 0 */
    int n;                  /* points used */
    int ok;                 /* 1 when the fields above hold a fit */
};

/* Fits S(p) = 1 / (f + (1 - f) / p) to the points (threads[i], speedup[i]), i < n. Needs at
 * least two distinct thread counts, every p >= 1 and every S > 0, all finite. Returns 0, or -1
 * (out->ok = 0, the doubles NAN) when the input does not allow a fit. */
int amdahl_fit(const double *threads, const double *speedup, int n, struct amdahl_fit *out);

/* Amdahl's speed-up 1 / (f + (1 - f) / p) at serial fraction f and p threads; NAN for p <= 0. */
double amdahl_predict(double f, double p);

/* Karp-Flatt experimentally determined serial fraction (1/S - 1/p) / (1 - 1/p); equals f on
 * exact Amdahl data. NAN for p <= 1, or when S is not a finite positive number. */
double amdahl_karp_flatt(double speedup, double p);

/* Trend of Karp-Flatt values e[i] measured at p[i]: +1 when e grows with p (the loss is
 * parallel overhead, not a serial part), -1 when it falls, 0 when flat or when fewer than two
 * distinct p > 1 with finite e are given (points with p <= 1 or non-finite e are skipped, so
 * amdahl_karp_flatt's output can be passed as it is). The rule is in amdahl.c. */
int amdahl_karp_flatt_trend(const double *p, const double *e, int n);

#endif
