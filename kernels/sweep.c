/* sweep.c -- a parameter sweep of independent simulations: a freely-rotating-chain Monte Carlo
 * at each point of a (bond angle, chain length) grid: the load-imbalance lesson.
 *
 * theta is the valence angle (between bonds i and i+1 meeting at an atom, 180 deg = straight),
 * so consecutive bond vectors make the supplement, 180 deg - theta, with cosine c = -cos(theta).
 * Each point grows `samples` chains of unit bonds at that fixed angle with a uniform random
 * torsion per bond, and keeps the mean of R^2 (end-to-end distance squared) and its standard
 * error. The parallel loop runs over grid points, length-major (row = one chain length, all
 * angles), and the lengths grow geometrically, so a point's cost grows along the loop: with
 * schedule(static) and 2 threads the thread holding the second half of the rows gets most of
 * the bonds (about 86% at class W), which dynamic and guided schedules even out. Each point
 * draws from its own counter-based stream, rng_stream(seed, point), and serial and parallel
 * paths call the same sweep_point(), so (with -ffp-contract=off) their results are bit-equal.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel.h"
#include "rng.h"
#include "sweep.h"

enum { P_ANGLES, P_LENGTHS, P_THETA_MIN, P_THETA_MAX, P_N_MIN, P_N_MAX, P_SAMPLES, P_SEED, P_COUNT };

static const struct kernel_param params[P_COUNT] = {
    [P_ANGLES]    = {"angles", PARAM_INT, 1, 1024, {4, 16, 32, 64}, "grid points along the bond angle axis"},
    [P_LENGTHS]   = {"lengths", PARAM_INT, 1, 1024, {4, 16, 32, 64}, "grid points along the chain length axis (one row each)"},
    [P_THETA_MIN] = {"theta_min", PARAM_REAL, 1, 179, {30, 30, 30, 30}, "smallest valence angle, degrees (180 = straight chain)"},
    [P_THETA_MAX] = {"theta_max", PARAM_REAL, 1, 179, {150, 150, 150, 150}, "largest valence angle, degrees"},
    [P_N_MIN]     = {"n_min", PARAM_INT, 1, 1e6, {8, 8, 8, 8}, "shortest chain, bonds"},
    [P_N_MAX]     = {"n_max", PARAM_INT, 1, 1e6, {32, 256, 256, 256}, "longest chain, bonds (lengths spaced geometrically)"},
    [P_SAMPLES]   = {"samples", PARAM_INT, 2, 1e8, {100, 150, 300, 300}, "chains grown per grid point"},
    [P_SEED]      = {"seed", PARAM_INT, 0, 4294967295.0, {1, 1, 1, 1}, "random seed (each point has its own stream)"},
};

static const struct kernel_unit units[] = {
    {"row", "angles"},
};

enum { COL_THETA, COL_N, COL_SAMPLES, COL_MEAN, COL_STDERR, COL_EXACT, COL_Z, N_COLUMNS };

static const char *const columns[N_COLUMNS] = {
    "theta_deg", "n_bonds", "samples", "r2_mean", "r2_stderr", "r2_exact", "z_score",
};

static const double PI = 3.14159265358979323846;

struct sweep {
    long n_angles, n_lengths, n_points;
    long samples;
    uint64_t seed;
    double *theta_deg;  /* per column: valence angle */
    double *bond_cos;   /* per column: c = -cos(theta), cosine between consecutive bonds */
    double *bond_sin;   /* per column: sin(theta) */
    long *n_bonds;      /* per row: chain length */
    double *ref;        /* serial: mean and standard error of R^2, two per point */
    double *out;        /* parallel: same layout */
    double *table;      /* data(): n_points x N_COLUMNS */
};

double sweep_r2_exact(long n_bonds, double c)
{
    double n = (double)n_bonds;
    return n * ((1 + c) / (1 - c) - (2 * c / n) * (1 - pow(c, n)) / ((1 - c) * (1 - c)));
}

static inline void cross3(const double a[3], const double b[3], double out[3])
{
    out[0] = a[1] * b[2] - a[2] * b[1];
    out[1] = a[2] * b[0] - a[0] * b[2];
    out[2] = a[0] * b[1] - a[1] * b[0];
}

static inline double norm3(const double a[3])
{
    return sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
}

/* Grows one chain of n unit bonds whose consecutive bonds have cosine c (sine s) and returns
 * its R^2. Torsion 0 puts the new bond in the plane of the last two, cis to the one before. */
static double chain_r2(long n, double c, double s, struct rng *r)
{
    double prev[3] = {1, 0, 0};  /* a virtual bond before the first, to fix the first frame */
    double cur[3] = {0, 0, 1};
    double end[3] = {0, 0, 1};
    for (long k = 1; k < n; k++) {
        double normal[3], side[3], next[3];
        cross3(prev, cur, normal);  /* normal to the plane of the last two bonds */
        double inv = 1 / norm3(normal);
        for (int d = 0; d < 3; d++)
            normal[d] *= inv;
        cross3(normal, cur, side);  /* unit, perpendicular to cur, in that plane */
        double phi = 2 * PI * rng_uniform(r);
        double cp = cos(phi), sp = sin(phi);
        for (int d = 0; d < 3; d++)
            next[d] = c * cur[d] + s * (cp * side[d] + sp * normal[d]);
        inv = 1 / norm3(next);  /* keeps |b| = 1 against rounding drift */
        for (int d = 0; d < 3; d++) {
            prev[d] = cur[d];
            cur[d] = next[d] * inv;
            end[d] += cur[d];
        }
    }
    return end[0] * end[0] + end[1] * end[1] + end[2] * end[2];
}

/* One grid point: mean and standard error of R^2 over the samples (Welford's update), into
 * res[0] and res[1]. */
static void sweep_point(const struct sweep *m, long i, double *res)
{
    long row = i / m->n_angles, col = i % m->n_angles;
    struct rng r = rng_stream(m->seed, (uint64_t)i);
    double mean = 0, m2 = 0;
    for (long k = 1; k <= m->samples; k++) {
        double x = chain_r2(m->n_bonds[row], m->bond_cos[col], m->bond_sin[col], &r);
        double d = x - mean;
        mean += d / (double)k;
        m2 += d * (x - mean);
    }
    res[0] = mean;
    res[1] = sqrt(m2 / (double)(m->samples - 1) / (double)m->samples);
}

static int check(const double *v, char *why, size_t why_size)
{
    if (v[P_THETA_MIN] > v[P_THETA_MAX]) {
        snprintf(why, why_size, "theta_min (%g) must not exceed theta_max (%g)", v[P_THETA_MIN], v[P_THETA_MAX]);
        return -1;
    }
    if (v[P_N_MIN] > v[P_N_MAX]) {
        snprintf(why, why_size, "n_min (%.0f) must not exceed n_max (%.0f)", v[P_N_MIN], v[P_N_MAX]);
        return -1;
    }
    return 0;
}

static void teardown(void *state)
{
    struct sweep *m = state;
    free(m->theta_deg);
    free(m->bond_cos);
    free(m->bond_sin);
    free(m->n_bonds);
    free(m->ref);
    free(m->out);
    free(m->table);
    free(m);
}

/* Per grid point its two results (reference, parallel) and its table row; per thread a chain's
 * coordinates (three doubles a bond). */
static double memory_bytes(const double *v, int threads)
{
    double points = v[P_ANGLES] * v[P_LENGTHS];
    return points * (4 + N_COLUMNS) * sizeof(double) + (double)threads * 3 * sizeof(double) * (v[P_N_MAX] + 1);
}

static int setup(void **state, const double *v, const char *dir)
{
    (void)dir;
    struct sweep *m = calloc(1, sizeof *m);
    if (m == NULL)
        return -1;
    m->n_angles = (long)v[P_ANGLES];
    m->n_lengths = (long)v[P_LENGTHS];
    m->n_points = m->n_angles * m->n_lengths;
    m->samples = (long)v[P_SAMPLES];
    m->seed = (uint64_t)v[P_SEED];
    size_t na = (size_t)m->n_angles, np = (size_t)m->n_points;
    m->theta_deg = malloc(na * sizeof *m->theta_deg);
    m->bond_cos = malloc(na * sizeof *m->bond_cos);
    m->bond_sin = malloc(na * sizeof *m->bond_sin);
    m->n_bonds = malloc((size_t)m->n_lengths * sizeof *m->n_bonds);
    m->ref = malloc(2 * np * sizeof *m->ref);
    m->out = malloc(2 * np * sizeof *m->out);
    m->table = malloc(N_COLUMNS * np * sizeof *m->table);
    if (!m->theta_deg || !m->bond_cos || !m->bond_sin || !m->n_bonds || !m->ref || !m->out || !m->table) {
        teardown(m);
        return -1;
    }
    for (long j = 0; j < m->n_angles; j++) {
        double t = m->n_angles > 1 ? (double)j / (double)(m->n_angles - 1) : 0;
        m->theta_deg[j] = v[P_THETA_MIN] + t * (v[P_THETA_MAX] - v[P_THETA_MIN]);
        m->bond_cos[j] = -cos(m->theta_deg[j] * PI / 180);
        m->bond_sin[j] = sin(m->theta_deg[j] * PI / 180);
    }
    for (long k = 0; k < m->n_lengths; k++) {
        double t = m->n_lengths > 1 ? (double)k / (double)(m->n_lengths - 1) : 0;
        m->n_bonds[k] = lround(v[P_N_MIN] * pow(v[P_N_MAX] / v[P_N_MIN], t));
    }
    for (size_t i = 0; i < 2 * np; i++)
        m->ref[i] = m->out[i] = NAN;
    *state = m;
    return 0;
}

/* Cannot fail: no I/O. */
static int run_serial(void *state, char *why, size_t why_size)
{
    (void)why;
    (void)why_size;
    struct sweep *m = state;
    for (long i = 0; i < m->n_points; i++)
        sweep_point(m, i, &m->ref[2 * i]);
    return 0;
}

static int run_range(void *state, const struct share_team *team, long begin, long end, char *why,
                     size_t why_size)
{
    (void)why;
    (void)why_size;
    struct sweep *m = state;
    /* One iteration is one grid point, length-major: static chunks of rows are unequal work. */
#pragma omp parallel
    {
        struct share_mark mark = share_begin(team);
#pragma omp for schedule(runtime) nowait
        for (long i = begin; i < end; i++) {
            share_iteration(&mark);
            sweep_point(m, i, &m->out[2 * i]);
        }
        share_end(team, &mark);
    }
    return 0;
}

static int run_parallel(void *state, const struct share_team *team, char *why, size_t why_size)
{
    return run_range(state, team, 0, ((struct sweep *)state)->n_points, why, why_size);
}

/* Iterations are grid points, two values each. */
static void *output_range(void *state, long begin, long end, size_t *bytes)
{
    struct sweep *m = state;
    *bytes = 2 * (size_t)(end - begin) * sizeof *m->out;
    return m->out + 2 * begin;
}

static void reset(void *state)
{
    struct sweep *m = state;
    for (long i = 0; i < 2 * m->n_points; i++)
        m->out[i] = NAN;  /* never equal to a result, bit for bit */
}

static int verify(const void *state, char *why, size_t why_size)
{
    const struct sweep *m = state;
    long n_diff = 0, first = -1;
    for (long i = 0; i < 2 * m->n_points; i++) {
        if (memcmp(&m->out[i], &m->ref[i], sizeof m->out[i]) != 0) {
            if (first < 0)
                first = i;
            n_diff++;
        }
    }
    if (n_diff == 0)
        return 0;
    long p = first / 2;
    snprintf(why, why_size, "%ld of %ld values differ; first at theta %g deg, n %ld: %s parallel %.17g, serial %.17g",
             n_diff, 2 * m->n_points, m->theta_deg[p % m->n_angles], m->n_bonds[p / m->n_angles],
             first % 2 ? "stderr" : "mean", m->out[first], m->ref[first]);
    return -1;
}

static long n_iterations(const void *state)
{
    return ((const struct sweep *)state)->n_points;
}

static double work(const void *state)
{
    const struct sweep *m = state;
    double bonds = 0;
    for (long k = 0; k < m->n_lengths; k++)
        bonds += (double)m->n_bonds[k];
    return bonds * (double)m->n_angles * (double)m->samples;
}

/* The z-score allows a rounding floor of 1e-12 relative, since chains of 1 or 2 bonds have
 * a fixed R^2 and so a standard error of zero. */
static int data(const void *state, struct kernel_data *t)
{
    const struct sweep *m = state;
    for (long i = 0; i < m->n_points; i++) {
        long row = i / m->n_angles, col = i % m->n_angles;
        double *rec = &m->table[i * N_COLUMNS];
        double exact = sweep_r2_exact(m->n_bonds[row], m->bond_cos[col]);
        rec[COL_THETA] = m->theta_deg[col];
        rec[COL_N] = (double)m->n_bonds[row];
        rec[COL_SAMPLES] = (double)m->samples;
        rec[COL_MEAN] = m->ref[2 * i];
        rec[COL_STDERR] = m->ref[2 * i + 1];
        rec[COL_EXACT] = exact;
        rec[COL_Z] = (rec[COL_MEAN] - exact) / hypot(rec[COL_STDERR], 1e-12 * exact);
    }
    t->name = "sweep";
    t->columns = columns;
    t->n_columns = N_COLUMNS;
    t->values = m->table;
    t->n_rows = m->n_points;
    return 0;
}

const struct kernel sweep_kernel = {
    .name = "sweep",
    .summary = "freely-rotating-chain Monte Carlo per (angle, length) grid point; cost grows along the loop (load imbalance)",
    .iteration = "point",
    .work_unit = "bonds",
    .default_chunks = "1,row,4row,default",
    .params = params,
    .n_params = P_COUNT,
    .weak_param = "lengths",
    .units = units,
    .n_units = 1,
    .check = check,
    .memory_bytes = memory_bytes,
    .setup = setup,
    .run_serial = run_serial,
    .run_parallel = run_parallel,
    .run_range = run_range,
    .output_range = output_range,
    .reset = reset,
    .verify = verify,
    .n_iterations = n_iterations,
    .work = work,
    .data = data,
    .teardown = teardown,
};
