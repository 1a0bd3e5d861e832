/* results.c -- the one results struct and the figures derived from it.
 *
 * Speed-up comes in two estimates. The paired one (interleaved runs) pairs each parallel sample
 * with the serial sample of its own round, taken moments apart, so a machine that changes speed
 * during the run (heat, another program, a frequency governor) changes both alike; its median
 * and the median's order-statistic interval assume nothing of the distribution. The ratio of
 * medians compares samples that may be minutes apart; it is kept beside it, and is THE
 * speed-up of a sequential run. The suspect bits are defined here, once, for every writer. */
#define _POSIX_C_SOURCE 200809L  /* strdup */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "config.h"
#include "git_commit.h"
#include "results.h"
#include "series.h"

void results_init(struct results *r, const struct plan *p)
{
    memset(r, 0, sizeof *r);
    r->plan = p;
    results_build_init(&r->build);
}

void results_build_init(struct results_build *b)
{
    memset(b, 0, sizeof *b);
    snprintf(b->version, sizeof b->version, "%s", OMPSCALE_VERSION);
    snprintf(b->git_commit, sizeof b->git_commit, "%s", OMPSCALE_GIT_COMMIT);
    snprintf(b->compiler_id, sizeof b->compiler_id, "%s", OMPSCALE_COMPILER_ID);
    snprintf(b->compiler_version, sizeof b->compiler_version, "%s", OMPSCALE_COMPILER_VERSION);
    snprintf(b->build_type, sizeof b->build_type, "%s", OMPSCALE_BUILD_TYPE);
    snprintf(b->c_flags, sizeof b->c_flags, "%s", OMPSCALE_C_FLAGS);
    snprintf(b->file_flags, sizeof b->file_flags, "%s", OMPSCALE_FILE_FLAGS);
    snprintf(b->openmp_flags, sizeof b->openmp_flags, "%s", OMPSCALE_OPENMP_FLAGS);
    b->openmp_version = _OPENMP;
}

int results_set_command_line(struct results *r, int argc, char *const *argv)
{
    r->argv = calloc((size_t)argc + 1, sizeof *r->argv);
    if (r->argv == NULL)
        return -1;
    for (r->argc = 0; r->argc < argc; r->argc++)
        if ((r->argv[r->argc] = strdup(argv[r->argc])) == NULL)
            return -1;
    return 0;
}

void results_note_peak_rss(struct results *r)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) == 0)
        r->peak_rss_bytes = 1024.0 * (double)ru.ru_maxrss;  /* Linux reports KiB */
}

struct measurement *results_add(struct results *r, int kernel, enum sched_kind schedule,
                                const struct plan_chunk *chunk, int threads, int n, int n_metrics)
{
    if (r->n == r->cap) {
        int cap = r->cap ? 2 * r->cap : 64;
        struct measurement *m = realloc(r->m, (size_t)cap * sizeof *m);
        if (m == NULL)
            return NULL;
        r->m = m;
        r->cap = cap;
    }
    struct measurement *m = &r->m[r->n];
    memset(m, 0, sizeof *m);
    m->elapsed_s = calloc((size_t)n, sizeof *m->elapsed_s);
    m->verified = calloc((size_t)n, sizeof *m->verified);
    m->round = calloc((size_t)n, sizeof *m->round);
    m->gather_s = calloc((size_t)n, sizeof *m->gather_s);
    m->metrics = n_metrics > 0 ? calloc((size_t)n * (size_t)n_metrics, sizeof *m->metrics) : NULL;
    if (m->elapsed_s == NULL || m->verified == NULL || m->round == NULL || m->gather_s == NULL ||
        (n_metrics > 0 && m->metrics == NULL)) {
        free(m->elapsed_s);
        free(m->verified);
        free(m->round);
        free(m->gather_s);
        free(m->metrics);
        return NULL;
    }
    r->n++;
    m->kernel = kernel;
    m->schedule = schedule;
    m->chunk = chunk ? chunk->iterations : 0;
    strcpy(m->chunk_label, chunk ? chunk->label : "");
    m->threads = threads;
    m->ranks = 1;
    m->n = n;
    for (int i = 0; i < n; i++)
        m->round[i] = i;
    m->inner = 1;
    m->oversubscribed = plan_oversubscribed(r->plan, threads);
    return m;
}

/* Frees what results_add and results_add_team allocated for m. */
static void free_measurement(struct measurement *m)
{
    free(m->elapsed_s);
    free(m->verified);
    free(m->round);
    free(m->gather_s);
    free(m->metrics);
    free(m->useful_s);
    free(m->iterations);
    free(m->chunks);
}

int results_add_team(struct measurement *m, int team_size)
{
    size_t n = (size_t)(m->n > 0 ? m->n : 1) * (size_t)team_size;
    free(m->useful_s);
    free(m->iterations);
    free(m->chunks);
    m->useful_s = calloc(n, sizeof *m->useful_s);
    m->iterations = calloc(n, sizeof *m->iterations);
    m->chunks = calloc(n, sizeof *m->chunks);
    if (team_size <= 0 || m->useful_s == NULL || m->iterations == NULL || m->chunks == NULL) {
        free(m->useful_s);
        free(m->iterations);
        free(m->chunks);
        m->useful_s = m->iterations = m->chunks = NULL;
        m->team_size = 0;
        return team_size <= 0 ? 0 : -1;
    }
    m->team_size = team_size;
    return 0;
}

void results_truncate(struct results *r, int first, int first_copy)
{
    for (int i = first_copy; i < r->n_copies; i++)
        free(r->copies[i].elapsed_s);
    if (first_copy < r->n_copies)
        r->n_copies = first_copy;
    for (int i = first; i < r->n; i++)
        free_measurement(&r->m[i]);
    if (first < r->n)
        r->n = first;
}

struct results_copy *results_add_copy(struct results *r, int kernel, int threads, int n)
{
    if (r->n_copies == r->cap_copies) {
        int cap = r->cap_copies ? 2 * r->cap_copies : 16;
        struct results_copy *c = realloc(r->copies, (size_t)cap * sizeof *c);
        if (c == NULL)
            return NULL;
        r->copies = c;
        r->cap_copies = cap;
    }
    struct results_copy *c = &r->copies[r->n_copies];
    memset(c, 0, sizeof *c);
    c->elapsed_s = calloc((size_t)n + 1, sizeof *c->elapsed_s);
    if (c->elapsed_s == NULL)
        return NULL;
    r->n_copies++;
    c->kernel = kernel;
    c->threads = threads;
    c->inner = 1;
    c->n = n;
    return c;
}

const struct results_copy *results_copy_of(const struct results *r, const struct measurement *m)
{
    for (int i = 0; i < r->n_copies; i++) {
        const struct results_copy *c = &r->copies[i];
        if (c->kernel == m->kernel && c->threads == m->threads && c->scan_size == m->scan_size &&
            c->weak_size == m->weak_size && c->summary.n > 0 && m->ranks <= 1)  /* a copy is one rank's */
            return c;
    }
    return NULL;
}

int results_cores(const struct measurement *m)
{
    return m->ranks > 1 ? m->ranks * m->threads : m->threads;
}

int results_summarize(struct measurement *m)
{
    return stats_summarize(m->elapsed_s, m->n, &m->summary);
}

const struct measurement *results_serial(const struct results *r, int kernel, double scan_size)
{
    for (int i = 0; i < r->n; i++)
        if (r->m[i].kernel == kernel && r->m[i].schedule == SCHED_SERIAL && r->m[i].scan_size == scan_size)
            return &r->m[i];
    return NULL;
}

const struct measurement *results_serial_of(const struct results *r, const struct measurement *m)
{
    for (int i = 0; i < r->n; i++) {
        const struct measurement *o = &r->m[i];
        if (o->kernel == m->kernel && o->schedule == SCHED_SERIAL && o->scan_size == m->scan_size &&
            o->weak_size == m->weak_size)
            return o;
    }
    return NULL;
}

const struct measurement *results_one_thread(const struct results *r, const struct measurement *m)
{
    for (int i = 0; i < r->n; i++) {
        const struct measurement *o = &r->m[i];
        if (o->kernel == m->kernel && o->schedule == m->schedule && o->chunk == m->chunk && o->threads == 1 &&
            o->ranks <= 1 && o->scan_size == m->scan_size && strcmp(o->chunk_label, m->chunk_label) == 0)
            return o;
    }
    return NULL;
}

int results_paired_speedup(const struct measurement *serial, const struct measurement *m, struct stats_summary *s)
{
    double *ratio = malloc((size_t)(m->n > 0 ? m->n : 1) * sizeof *ratio);
    int n = 0, j = 0;
    if (ratio == NULL)
        return -1;
    for (int i = 0; i < m->n; i++) {  /* both in ascending rounds: one walk */
        while (j < serial->n && serial->round[j] < m->round[i])
            j++;
        if (j < serial->n && serial->round[j] == m->round[i] && m->elapsed_s[i] > 0)
            ratio[n++] = serial->elapsed_s[j] / m->elapsed_s[i];
    }
    int rc = n > 0 ? stats_summarize(ratio, n, s) : -1;
    free(ratio);
    return rc;
}

/* THE speed-up of m against serial and its interval (see the banner). Returns 0, or -1 (NANs). */
static int speedup_of(const struct results *r, const struct measurement *serial, const struct measurement *m,
                      struct derived *d)
{
    struct stats_summary paired;
    d->speedup = d->speedup_ci_low = d->speedup_ci_high = NAN;
    d->speedup_paired = d->speedup_paired_ci_low = d->speedup_paired_ci_high = NAN;
    d->speedup_medians = d->speedup_medians_ci_low = d->speedup_medians_ci_high = NAN;
    if (serial == NULL)
        return -1;
    d->speedup_medians = serial->summary.median / m->summary.median;
    stats_ratio_interval(&serial->summary, &m->summary, &d->speedup_medians_ci_low, &d->speedup_medians_ci_high);
    if (r->plan->order == PLAN_ORDER_INTERLEAVED && results_paired_speedup(serial, m, &paired) == 0) {
        d->speedup_paired = paired.median;
        d->speedup_paired_ci_low = paired.ci_low;
        d->speedup_paired_ci_high = paired.ci_high;
        d->speedup = paired.median;
        d->speedup_ci_low = paired.ci_low;
        d->speedup_ci_high = paired.ci_high;
    } else {
        d->speedup = d->speedup_medians;
        d->speedup_ci_low = d->speedup_medians_ci_low;
        d->speedup_ci_high = d->speedup_medians_ci_high;
    }
    return 0;
}

/* 1 when the baseline drifted: with 8 or more samples, the median intervals of its first and
 * second halves (in round order) do not overlap and the medians differ by more than
 * RESULTS_DRIFT_MIN. Fewer samples cannot tell drift from chance (two halves of 3 separate
 * fully one time in ten by chance alone; of 4, one in 35). */
static int drifted(const struct measurement *serial)
{
    struct stats_summary early, late;
    int half = serial->n / 2;
    if (serial->n < 8 || stats_summarize(serial->elapsed_s, half, &early) != 0 ||
        stats_summarize(serial->elapsed_s + serial->n - half, half, &late) != 0)
        return 0;
    int apart = early.ci_high < late.ci_low || late.ci_high < early.ci_low;
    return apart && fabs(late.median - early.median) > RESULTS_DRIFT_MIN * early.median;
}

void results_derive(const struct results *r, const struct measurement *m, struct derived *d)
{
    const struct measurement *serial = results_serial_of(r, m);
    const struct measurement *one = m->schedule == SCHED_SERIAL ? NULL : results_one_thread(r, m);
    const struct plan *p = r->plan;
    double t = m->summary.median;
    int cores = results_cores(m);  /* the threads, on one rank */
    speedup_of(r, serial, m, d);
    /* a throughput ratio: the same as a time ratio when the work is the same (strong scaling) */
    d->speedup_1thread = one ? (m->work / t) / (one->work / one->summary.median) : NAN;
    d->efficiency = d->speedup / cores;
    d->efficiency_ci_low = d->speedup_ci_low / cores;
    d->efficiency_ci_high = d->speedup_ci_high / cores;
    d->efficiency_1thread = d->speedup_1thread / cores;
    d->karp_flatt = amdahl_karp_flatt(d->speedup, cores);
    d->karp_flatt_ci_low = amdahl_karp_flatt(d->speedup_ci_high, cores);  /* e falls as S grows */
    d->karp_flatt_ci_high = amdahl_karp_flatt(d->speedup_ci_low, cores);
    d->throughput = m->work / t;
    d->bandwidth_gbs = m->bytes > 0 ? m->bytes / t / 1e9 : NAN;
    const struct results_copy *copy = results_copy_of(r, m);
    d->copy_gbs = copy != NULL && copy->bytes > 0 ? copy->bytes / copy->summary.median / 1e9 : NAN;
    d->bandwidth_of_copy = d->bandwidth_gbs / d->copy_gbs;
    pop_factors(m, one, &d->pop);  /* out of memory leaves NANs: the factors are then not known */
    d->verified = 1;
    for (int i = 0; i < m->n; i++)
        d->verified &= m->verified[i];

    d->suspect = 0;
    if (m->schedule == SCHED_SERIAL)
        return;  /* the reference: its own figures are times, not ratios */
    /* Above ideal for sure, or by more than 2% even if the interval reaches 1: neither is a
     * figure to take at face value. */
    if (d->efficiency_ci_low > 1 || d->efficiency > 1 + RESULTS_SUPERLINEAR_TOLERANCE)
        d->suspect |= RESULTS_SUSPECT_SUPERLINEAR;
    struct derived od;
    const struct measurement *one_serial = one ? results_serial_of(r, one) : NULL;
    if (one != NULL && speedup_of(r, one_serial, one, &od) == 0 &&
        (od.speedup_ci_low > 1 + RESULTS_SLOW_SERIAL_TOLERANCE || od.speedup_ci_high < 1 - RESULTS_SLOW_SERIAL_TOLERANCE))
        d->suspect |= RESULTS_SUSPECT_SLOW_SERIAL;
    if (p->ci_target > 0 && (d->speedup_ci_high - d->speedup_ci_low) > p->ci_target * d->speedup)
        d->suspect |= RESULTS_SUSPECT_NOISY;
    if (serial != NULL && drifted(serial))
        d->suspect |= RESULTS_SUSPECT_DRIFT;
    if (m->oversubscribed)
        d->suspect |= RESULTS_SUSPECT_OVERSUBSCRIBED;
    if (m->kernel < PLAN_KERNELS_MAX && sysinfo_throttled_between(&r->samples[m->kernel][0], &r->samples[m->kernel][1]) == 1)
        d->suspect |= RESULTS_SUSPECT_THROTTLED;
}

static const char *const suspect_names[RESULTS_SUSPECT_COUNT] = {
    "superlinear", "slow-serial", "noisy", "drift", "oversubscribed", "throttled",
};

static const char *const suspect_advice[RESULTS_SUSPECT_COUNT] = {
    "efficiency above 1 beyond noise, or more than 2% above it: more cache for more threads, or a "
    "baseline measured while the machine was slower; check the drift flag, and compare speedup_vs_1thread",
    "the same schedule at 1 thread differs from the serial code by more than 3%: the serial and parallel "
    "code paths differ (vectorisation, memory placement), so every speed-up of that series is off by as "
    "much; compare speedup_vs_1thread",
    "the speed-up's CI is still wider than --ci-target after the last sample: raise --max-reps, or quiet "
    "the machine (close programs, performance governor)",
    "the serial baseline's early and late rounds differ beyond their noise: the machine changed speed "
    "during the run (heat, other programs, frequency); interleaved order pairs samples to cancel it, "
    "but cool or quiet the machine and run again",
    "more threads than CPUs available: threads share cores, so this is not scaling",
    "the CPU was throttled (heat or power) during the kernel's runs: cool it and run again",
};

const char *results_suspect_name(int i)
{
    return i >= 0 && i < RESULTS_SUSPECT_COUNT ? suspect_names[i] : "";
}

const char *results_suspect_advice(int i)
{
    return i >= 0 && i < RESULTS_SUSPECT_COUNT ? suspect_advice[i] : "";
}

void results_suspect_format(unsigned suspect, char *buf, size_t size)
{
    size_t used = 0;
    if (size == 0)
        return;
    buf[0] = '\0';
    for (int i = 0; i < RESULTS_SUSPECT_COUNT; i++) {
        if (!(suspect & (1u << i)))
            continue;
        int n = snprintf(buf + used, size - used, "%s%s", used ? ";" : "", suspect_names[i]);
        if (n < 0 || (size_t)n >= size - used)
            return;
        used += (size_t)n;
    }
}

enum results_fraction results_fraction_kind(double value, double low, double high)
{
    if (!isfinite(value))
        return RESULTS_FRACTION_UNKNOWN;
    if (!isfinite(low) || !isfinite(high))  /* no interval: only the sign can be judged */
        return value < 0 ? RESULTS_FRACTION_IMPOSSIBLE : RESULTS_FRACTION_PLAIN;
    if (high < 0)
        return RESULTS_FRACTION_IMPOSSIBLE;
    return low > 0 ? RESULTS_FRACTION_PLAIN : RESULTS_FRACTION_ZERO;
}

static int same_series(const struct measurement *a, int kernel, enum sched_kind schedule, long chunk,
                       const char *label)
{
    return a->kernel == kernel && a->schedule == schedule && a->chunk == chunk && a->scan_size == 0 &&
           strcmp(a->chunk_label, label) == 0;
}

static struct results_fit *find_fit(struct results_fit *fits, int n, const struct measurement *m)
{
    for (int i = 0; i < n; i++)
        if (same_series(m, fits[i].kernel, fits[i].schedule, fits[i].chunk, fits[i].chunk_label))
            return &fits[i];
    return NULL;
}

/* Fits one series: the measurements like m, with threads not oversubscribed; p is the cores
 * (ranks x threads), so a hybrid run's rank counts join one fit. */
static void fit_series(const struct results *r, const struct measurement *m, struct results_fit *out)
{
    double p[THREADS_MAX], s[THREADS_MAX], e[THREADS_MAX];
    int n = 0;
    memset(out, 0, sizeof *out);
    out->kernel = m->kernel;
    out->schedule = m->schedule;
    out->chunk = m->chunk;
    strcpy(out->chunk_label, m->chunk_label);
    for (int i = 0; i < r->n && n < THREADS_MAX; i++) {
        const struct measurement *o = &r->m[i];
        struct derived d;
        if (!same_series(o, m->kernel, m->schedule, m->chunk, m->chunk_label) || o->oversubscribed)
            continue;
        results_derive(r, o, &d);
        if (!d.verified)  /* its times are of wrong work */
            continue;
        p[n] = results_cores(o);
        s[n] = d.speedup;
        e[n] = d.karp_flatt;
        n++;
    }
    amdahl_fit(p, s, n, &out->fit);  /* fit.ok = 0 says why not */
    out->karp_flatt_trend = amdahl_karp_flatt_trend(p, e, n);
}

int results_fit_all(struct results *r)
{
    free(r->fits);
    r->n_fits = 0;
    r->fits = calloc((size_t)r->n + 1, sizeof *r->fits);
    if (r->fits == NULL)
        return -1;
    if (r->plan->weak)
        return 0;  /* Amdahl's law is about a fixed problem; the summary gives Gustafson's instead */
    for (int i = 0; i < r->n; i++) {
        const struct measurement *m = &r->m[i];
        if (m->schedule == SCHED_SERIAL || m->scan_size != 0 || find_fit(r->fits, r->n_fits, m) != NULL)
            continue;
        fit_series(r, m, &r->fits[r->n_fits++]);
    }
    /* Best series per kernel: of any kind, by series_best_of_kind's rule. */
    for (int k = 0; k < r->plan->n_kernels; k++) {
        const struct measurement *best = series_best_of_kind(r, k, SCHED_COUNT);
        struct results_fit *fit = best ? find_fit(r->fits, r->n_fits, best) : NULL;
        if (fit != NULL)
            fit->best = 1;
    }
    return 0;
}

const struct overhead_row *results_overhead(const struct results *r, const char *construct, const char *schedule,
                                            int chunk, int threads)
{
    for (int i = 0; i < r->n_overhead; i++) {
        const struct overhead_row *o = &r->overhead[i];
        if (o->threads == threads && strcmp(o->construct, construct) == 0 &&
            (strcmp(construct, "schedule") != 0 || (strcmp(o->schedule, schedule) == 0 && o->chunk == chunk)))
            return o;
    }
    return NULL;
}

double results_break_even(const struct results *r, int kernel, int threads)
{
    double found = NAN;  /* scan measurements come in ascending size: walk down from the top */
    for (int i = r->n - 1; i >= 0; i--) {
        const struct measurement *m = &r->m[i];
        if (m->kernel != kernel || m->scan_size == 0 || m->schedule == SCHED_SERIAL || m->threads != threads)
            continue;
        const struct measurement *serial = results_serial_of(r, m);
        if (serial == NULL || m->summary.median >= serial->summary.median)
            break;
        found = m->scan_size;
    }
    return found;
}

double results_break_even_clear(const struct results *r, int kernel, int threads)
{
    double size = results_break_even(r, kernel, threads);
    const struct measurement *largest = NULL;
    if (threads < 2 || isnan(size))
        return NAN;
    for (int i = 0; i < r->n; i++) {
        const struct measurement *m = &r->m[i];
        if (m->kernel == kernel && m->scan_size > 0 && m->schedule != SCHED_SERIAL && m->threads == threads &&
            (largest == NULL || m->scan_size > largest->scan_size))
            largest = m;
    }
    struct derived d;
    results_derive(r, largest, &d);
    return d.speedup_ci_low > 1 ? size : NAN;
}

int results_keep_table(struct results *r, const struct kernel_data *t)
{
    struct results_table *tables = realloc(r->tables, (size_t)(r->n_tables + 1) * sizeof *tables);
    if (tables == NULL)
        return -1;
    r->tables = tables;
    struct results_table *copy = &tables[r->n_tables];
    size_t n_values = (size_t)t->n_rows * (size_t)t->n_columns;
    memset(copy, 0, sizeof *copy);
    snprintf(copy->name, sizeof copy->name, "%s", t->name);
    copy->columns = calloc((size_t)t->n_columns, sizeof *copy->columns);
    copy->values = malloc(n_values * sizeof *copy->values);
    int ok = copy->columns != NULL && copy->values != NULL;
    for (int c = 0; ok && c < t->n_columns; c++) {
        copy->columns[c] = strdup(t->columns[c]);
        ok = copy->columns[c] != NULL;
        copy->n_columns = c + 1;
    }
    if (!ok) {
        for (int c = 0; c < copy->n_columns; c++)
            free(copy->columns[c]);
        free(copy->columns);
        free(copy->values);
        return -1;
    }
    memcpy(copy->values, t->values, n_values * sizeof *copy->values);
    copy->n_rows = t->n_rows;
    r->n_tables++;
    return 0;
}

void results_free(struct results *r)
{
    for (int i = 0; i < r->n_tables; i++) {
        for (int c = 0; c < r->tables[i].n_columns; c++)
            free(r->tables[i].columns[c]);
        free(r->tables[i].columns);
        free(r->tables[i].values);
    }
    free(r->tables);
    r->tables = NULL;
    for (int i = 0; i < r->n_copies; i++)
        free(r->copies[i].elapsed_s);
    free(r->copies);
    r->copies = NULL;
    r->n_copies = r->cap_copies = 0;
    free(r->fits);
    r->fits = NULL;
    r->n_fits = 0;
    free(r->overhead);
    r->overhead = NULL;
    r->n_overhead = 0;
    r->n_tables = 0;
    for (int i = 0; i < r->n; i++)
        free_measurement(&r->m[i]);
    free(r->m);
    r->m = NULL;
    r->n = r->cap = 0;
    for (int i = 0; i < r->argc; i++)
        free(r->argv[i]);
    free(r->argv);
    r->argv = NULL;
    r->argc = 0;
    free(r->loaded_env);
    r->loaded_env = NULL;
    r->machine.n_omp_env = 0;
}
