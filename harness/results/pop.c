/* pop.c -- the POP efficiency factors of a configuration from its workers' useful times.
 *
 * Per sample i with workers u_0 .. u_{W-1} (useful time per run) and run time T_i:
 * LB_i = mean(u) / max(u), CommE_i = max(u) / T_i, U_i = sum(u). load_balance and comm_efficiency
 * are the medians of LB_i and CommE_i; computation_scalability is (median U at 1 thread / its work)
 * / (median U at p threads / its work), so that weak scaling, where the work grows with p,
 * compares useful time per unit of work; parallel and global efficiency are the products. A
 * sample whose workers did no measurable work (max useful time 0) has no ratios and is left out.
 */
#include <math.h>
#include <stdlib.h>

#include "pop.h"
#include "results.h"
#include "stats.h"

/* Median of the finite values among v[0..n-1] (reordered); NAN when there is none. */
static double finite_median(double *v, int n)
{
    int k = 0;
    for (int i = 0; i < n; i++)
        if (isfinite(v[i]))
            v[k++] = v[i];
    return k > 0 ? stats_median_inplace(v, k) : NAN;
}

/* Median over m's samples of what(m, sample); NAN without team data or memory. */
static double sample_median(const struct measurement *m, double (*what)(const struct measurement *, int, int), int w)
{
    if (m == NULL || m->team_size <= 0 || m->n <= 0)
        return NAN;
    double *v = malloc((size_t)m->n * sizeof *v);
    if (v == NULL)
        return NAN;
    for (int i = 0; i < m->n; i++)
        v[i] = what(m, i, w);
    double median = finite_median(v, m->n);
    free(v);
    return median;
}

static double worker_useful(const struct measurement *m, int i, int w)
{
    return m->useful_s[(size_t)i * (size_t)m->team_size + (size_t)w];
}

static double worker_chunks(const struct measurement *m, int i, int w)
{
    return m->chunks[(size_t)i * (size_t)m->team_size + (size_t)w];
}

/* The team's total useful time in sample i. */
static double total_useful(const struct measurement *m, int i, int w)
{
    (void)w;
    double sum = 0;
    for (int t = 0; t < m->team_size; t++)
        sum += worker_useful(m, i, t);
    return sum;
}

static double max_useful(const struct measurement *m, int i)
{
    double max = 0;
    for (int t = 0; t < m->team_size; t++)
        if (worker_useful(m, i, t) > max)
            max = worker_useful(m, i, t);
    return max;
}

static double sample_load_balance(const struct measurement *m, int i, int w)
{
    (void)w;
    double max = max_useful(m, i);
    return max > 0 ? total_useful(m, i, 0) / m->team_size / max : NAN;
}

static double sample_comm_efficiency(const struct measurement *m, int i, int w)
{
    (void)w;
    double max = max_useful(m, i);
    return max > 0 && m->elapsed_s[i] > 0 ? max / m->elapsed_s[i] : NAN;
}

double pop_useful_median(const struct measurement *m, int w)
{
    return m != NULL && w >= 0 && w < m->team_size ? sample_median(m, worker_useful, w) : NAN;
}

double pop_total_useful_median(const struct measurement *m)
{
    return sample_median(m, total_useful, 0);
}

double pop_chunks_median(const struct measurement *m, int w)
{
    if (m == NULL || w < 0 || w >= m->team_size)
        return NAN;
    for (int i = 0; i < m->n; i++)
        if (isnan(worker_chunks(m, i, w)))
            return NAN;  /* not counted in some sample: not counted */
    return sample_median(m, worker_chunks, w);
}

int pop_factors(const struct measurement *m, const struct measurement *one, struct pop_factors *f)
{
    f->load_balance = f->comm_efficiency = f->parallel_efficiency = NAN;
    f->computation_scalability = f->global_efficiency = NAN;
    if (m == NULL || m->team_size <= 0)
        return 0;
    double *v = malloc((size_t)(m->n > 0 ? m->n : 1) * sizeof *v);
    if (v == NULL)
        return -1;
    for (int i = 0; i < m->n; i++)
        v[i] = sample_load_balance(m, i, 0);
    f->load_balance = finite_median(v, m->n);
    for (int i = 0; i < m->n; i++)
        v[i] = sample_comm_efficiency(m, i, 0);
    f->comm_efficiency = finite_median(v, m->n);
    free(v);
    f->parallel_efficiency = f->load_balance * f->comm_efficiency;
    double u1 = pop_total_useful_median(one), up = pop_total_useful_median(m);
    if (one != NULL && one->work > 0 && m->work > 0 && u1 > 0 && up > 0)
        f->computation_scalability = (u1 / one->work) / (up / m->work);
    f->global_efficiency = f->parallel_efficiency * f->computation_scalability;
    return 0;
}

enum pop_loss pop_dominant_loss(const struct pop_factors *f, double *value)
{
    const double factors[] = {f->load_balance, f->comm_efficiency, f->computation_scalability};
    const enum pop_loss losses[] = {POP_LOSS_LOAD_BALANCE, POP_LOSS_COMM, POP_LOSS_SCALABILITY};
    enum pop_loss loss = POP_LOSS_NONE;
    *value = NAN;
    for (int i = 0; i < 3; i++) {
        if (isfinite(factors[i]) && (loss == POP_LOSS_NONE || factors[i] < *value)) {
            loss = losses[i];
            *value = factors[i];
        }
    }
    return loss;
}

const char *pop_loss_name(enum pop_loss loss)
{
    switch (loss) {
    case POP_LOSS_LOAD_BALANCE: return "load balance";
    case POP_LOSS_COMM: return "OpenMP runtime efficiency";
    case POP_LOSS_SCALABILITY: return "computation scalability";
    case POP_LOSS_NONE: break;
    }
    return "";
}
