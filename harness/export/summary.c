/* summary.c -- the run's summary: throughput, best configuration, Amdahl or Gustafson, the size
 * scan, a kernel's metrics, and what the overhead table explains; as text for people (printed at
 * the end of a run and saved as summary.txt, the same text) and as JSON for programs. It reads
 * only the results, like the other writers.
 *
 * The text keeps every line within TEXT_WIDTH columns (text_print breaks longer ones) and gives
 * durations in the unit that fits them (text_seconds). The text and the JSON find their figures
 * with the same functions (kernel_facts, the series module), so they cannot tell different
 * stories. */
#define _POSIX_C_SOURCE 200809L  /* open_memstream */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "jsonio.h"
#include "series.h"
#include "summary.h"
#include "text.h"

/* What the summary says of one kernel of the main run. */
struct kernel_facts {
    const struct measurement *serial;  /* NULL: an interrupted run had not reached the kernel */
    struct derived serial_d;
    const struct measurement *best;    /* the verified, not oversubscribed configuration with the
                                          highest speed-up (series_best_config); NULL: none */
    struct derived best_d;
    const struct results_fit *fit;     /* the best series' Amdahl fit (series_best); NULL: none */
    int fit_above_one;                 /* its thread counts above 1: under two, no R^2, no ceiling */
    unsigned seen;                     /* suspect flags of the kernel's main-run configurations */
    int n_parallel, n_failed;          /* its parallel configurations, and those that failed
                                          verification (never called best) */
};

static void kernel_facts(const struct results *r, int k, struct kernel_facts *f)
{
    memset(f, 0, sizeof *f);
    f->serial = results_serial(r, k, 0);  /* weak: the base size */
    if (f->serial == NULL)
        return;
    results_derive(r, f->serial, &f->serial_d);
    f->best = series_best_config(r, k, &f->best_d);
    f->fit = series_best(r, k);
    if (f->fit != NULL)
        f->fit_above_one = series_fit_points_above_one(r, f->fit);
    for (int i = 0; i < r->n; i++) {
        struct derived d;
        if (r->m[i].kernel != k || r->m[i].scan_size != 0)
            continue;
        results_derive(r, &r->m[i], &d);
        f->seen |= d.suspect;
        if (r->m[i].schedule != SCHED_SERIAL) {
            f->n_parallel++;
            f->n_failed += !d.verified;
        }
    }
}

void summary_format_rate(double per_s, const char *unit, char *buf, size_t size)
{
    static const char *const prefixes[] = {"", "k", "M", "G", "T"};
    int i = 0;
    while (i < 4 && per_s >= 1000) {
        per_s /= 1000;
        i++;
    }
    snprintf(buf, size, "%.3g %s%s%s/s", per_s, prefixes[i], i ? " " : "", unit);
}

void summary_format_fraction(double value, double low, double high, char *buf, size_t size)
{
    switch (results_fraction_kind(value, low, high)) {
    case RESULTS_FRACTION_PLAIN:
        if (isfinite(low) && isfinite(high))
            snprintf(buf, size, "%.4f [95%% CI %.4f, %.4f]", value, low, high);
        else
            snprintf(buf, size, "%.4f", value);
        break;
    case RESULTS_FRACTION_ZERO:
        snprintf(buf, size, "0 within noise [95%% CI %.4f, %.4f]", low > 0 ? low : 0.0, high);
        break;
    case RESULTS_FRACTION_IMPOSSIBLE:
        snprintf(buf, size, "none: the speed-up is above linear beyond noise (see the suspect flags)");
        break;
    case RESULTS_FRACTION_UNKNOWN:
        snprintf(buf, size, "unknown");
        break;
    }
}

/* The fit's ceiling 1/f is worth printing: two or more thread counts above 1 test the law, and f
 * lies above 0 beyond noise. */
static int ceiling_shown(const struct kernel_facts *f)
{
    const struct amdahl_fit *x = &f->fit->fit;
    return f->fit_above_one >= 2 && !isinf(x->ceiling) &&
           results_fraction_kind(x->f, x->f_low, x->f_high) == RESULTS_FRACTION_PLAIN;
}

/* Prints the Amdahl fit of the kernel's best series and what Karp-Flatt says of the loss. */
static void print_fit(FILE *out, const struct results *r, const struct kernel_facts *f)
{
    const struct results_fit *x = f->fit;
    char series[64], frac[128];
    if (x == NULL)
        return;
    if (!x->fit.ok) {
        text_print(out, 2, "    Amdahl fit: needs two or more thread counts that are not oversubscribed\n");
        return;
    }
    series_name(x->schedule, x->chunk_label, series, sizeof series);
    summary_format_fraction(x->fit.f, x->fit.f_low, x->fit.f_high, frac, sizeof frac);
    if (f->fit_above_one < 2) {
        text_print(out, 2,
                   "    Amdahl fit (%s): serial fraction f = %s; one thread count above 1 fixes f exactly, so "
                   "nothing tests the law: no R^2, no ceiling\n",
                   series, frac);
    } else {
        char ceiling[64] = "none (f = 0)";
        if (ceiling_shown(f))
            snprintf(ceiling, sizeof ceiling, "%.1fx", x->fit.ceiling);
        else if (!isinf(x->fit.ceiling))
            snprintf(ceiling, sizeof ceiling, "none within noise");
        text_print(out, 2, "    Amdahl fit (%s, %d %s): serial fraction f = %s, R^2 %.3f, ceiling %s\n", series,
                   x->fit.n, r->hosts.n_ranks > 0 ? "ranks x threads points" : "thread counts", frac, x->fit.r2,
                   ceiling);
    }
    if (x->karp_flatt_trend > 0)
        text_print(out, 2, "    Karp-Flatt e(p) grows with p: the loss is parallel overhead, not a serial part\n");
    else if (x->karp_flatt_trend < 0)
        text_print(out, 2, "    Karp-Flatt e(p) falls with p: more than a fixed serial part is shrinking (caches?)\n");
    else if (f->fit_above_one >= 2)
        text_print(out, 2, "    Karp-Flatt e(p) is flat: a fixed serial part explains the loss\n");
}

/* Weak scaling: the kernel's series that does best at the largest thread count that is not
 * oversubscribed, with the 1-thread point of the same series (NULL when missing). Returns the
 * best point, or NULL when there is none with two or more threads. */
static const struct measurement *weak_best(const struct results *r, int k, struct derived *bd,
                                           const struct measurement **one)
{
    const struct measurement *best = NULL;
    for (int i = 0; i < r->n; i++) {
        const struct measurement *m = &r->m[i];
        struct derived d;
        if (m->kernel != k || m->schedule == SCHED_SERIAL || m->scan_size != 0 || m->oversubscribed)
            continue;
        results_derive(r, m, &d);
        if (best == NULL || m->threads > best->threads ||
            (m->threads == best->threads && d.speedup_1thread > bd->speedup_1thread)) {
            best = m;
            *bd = d;
        }
    }
    if (best == NULL || best->threads < 2 || isnan(bd->speedup_1thread))
        return NULL;
    *one = results_one_thread(r, best);
    return best;
}

/* Gustafson's serial fraction a = (p - S) / (p - 1) of a weak-scaling point and its interval from
 * the scaled speed-up's, which comes from both medians' intervals (the two sizes are separate
 * instances, so there are no pairs): S = (work_p / work_1) (t_1 / t_p). */
static void gustafson(const struct measurement *best, const struct derived *bd, const struct measurement *one,
                      double *a, double *low, double *high)
{
    double s_low = NAN, s_high = NAN, p = best->threads;
    if (one != NULL) {
        stats_ratio_interval(&one->summary, &best->summary, &s_low, &s_high);
        s_low *= best->work / one->work;
        s_high *= best->work / one->work;
    }
    *a = (p - bd->speedup_1thread) / (p - 1);
    *low = (p - s_high) / (p - 1);
    *high = (p - s_low) / (p - 1);
}

static void print_weak(FILE *out, const struct results *r, int k)
{
    struct derived bd = {0};
    const struct measurement *one = NULL, *best = weak_best(r, k, &bd, &one);
    if (best == NULL)
        return;
    double a, low, high;
    char frac[128], series[64];
    gustafson(best, &bd, one, &a, &low, &high);
    summary_format_fraction(a, low, high, frac, sizeof frac);
    series_name(best->schedule, best->chunk_label, series, sizeof series);
    text_print(out, 2,
               "    weak scaling (%s, %s x %d at %d threads): scaled speed-up %.2f, weak efficiency %.2f, "
               "Gustafson serial fraction %s\n",
               series, r->plan->kernels[k].kernel->weak_param, best->threads, best->threads, bd.speedup_1thread,
               bd.efficiency_1thread, frac);
}

/* A kernel named NAME_simd does NAME's work in SIMD lanes, and its serial path is that same SIMD
 * code, so its speed-up is threading alone. When NAME ran too, prints the gain that speed-up leaves
 * out: the SIMD kernel's serial throughput over NAME's (their time ratio when the sizes match). */
static void print_simd_gain(FILE *out, const struct results *r, int k)
{
    int base;
    double gain = series_simd_gain(r, k, &base);
    if (isfinite(gain))
        text_print(out, 2, "    SIMD gain %.1fx over %s's serial loop (serial throughput against serial throughput)\n",
                   gain, r->plan->kernels[base].kernel->name);
}

/* Prints the break-even size of each thread count of a kernel's size scan, and the bandwidth
 * at its largest size. */
static void print_scan(FILE *out, const struct results *r, int k)
{
    const struct plan *p = r->plan;
    const struct plan_kernel *pk = &p->kernels[k];
    double top = pk->scan_sizes[pk->n_scan - 1];
    char line[2048], t[32];
    size_t len = (size_t)snprintf(line, sizeof line, "    break-even (parallel static clearly beats serial from %s = ...):",
                                  pk->kernel->scan_param);
    int any = 0;
    for (int i = 0; i < p->n_threads && len < sizeof line; i++) {
        if (p->threads[i] < 2)  /* one thread beating serial is noise or code layout, not parallel work */
            continue;
        double n = results_break_even_clear(r, k, p->threads[i]);
        len += (size_t)snprintf(line + len, sizeof line - len, isnan(n) ? " %dT no clear win;" : " %dT %.0f;",
                                p->threads[i], n);
        any = 1;
    }
    if (any)
        text_print(out, 2, "%s\n", line);
    len = (size_t)snprintf(line, sizeof line, "    at %s = %.0f:", pk->kernel->scan_param, top);
    for (int i = 0; i < r->n && len < sizeof line; i++) {
        const struct measurement *m = &r->m[i];
        struct derived d;
        if (m->kernel != k || m->scan_size != top)
            continue;
        results_derive(r, m, &d);
        if (m->schedule == SCHED_SERIAL)
            snprintf(t, sizeof t, "serial");
        else
            snprintf(t, sizeof t, "%dT", m->threads);
        if (!isnan(d.bandwidth_gbs) && !isnan(d.copy_gbs))
            len += (size_t)snprintf(line + len, sizeof line - len, " %s %.2f GB/s (%.0f%% of a copy);", t,
                                    d.bandwidth_gbs, 100 * d.bandwidth_of_copy);
        else if (!isnan(d.bandwidth_gbs))
            len += (size_t)snprintf(line + len, sizeof line - len, " %s %.2f GB/s;", t, d.bandwidth_gbs);
        else {
            char s[32];
            text_seconds(m->summary.median, s, sizeof s);
            len += (size_t)snprintf(line + len, sizeof line - len, " %s %s;", t, s);
        }
    }
    text_print(out, 2, "%s%s\n", line,
               pk->kernel->bytes ? " (bytes counted as STREAM does: each element read or written once)" : "");
}

/* Prints, at each thread count of a kernel's main run, the highest bandwidth of its series and
 * how close it comes to the copy over the same arrays measured beside it; nothing without copies. */
static void print_copy(FILE *out, const struct results *r, int k)
{
    const struct plan *p = r->plan;
    for (int t = 0; t < p->n_threads; t++) {
        const struct measurement *best = NULL;
        struct derived d, bd = {0};
        char series[64];
        for (int i = 0; i < r->n; i++) {
            const struct measurement *m = &r->m[i];
            if (m->kernel != k || m->scan_size != 0 || m->schedule == SCHED_SERIAL || m->threads != p->threads[t])
                continue;
            results_derive(r, m, &d);
            if (!isnan(d.copy_gbs) && !isnan(d.bandwidth_gbs) && (best == NULL || d.bandwidth_gbs > bd.bandwidth_gbs)) {
                best = m;
                bd = d;
            }
        }
        if (best == NULL)
            continue;
        series_name(best->schedule, best->chunk_label, series, sizeof series);
        text_print(out, 2, "    memory at %d thread%s: %.2f GB/s (%s), %.0f%% of a copy over the same arrays (%.2f GB/s)\n",
                   best->threads, best->threads == 1 ? "" : "s", bd.bandwidth_gbs, series, 100 * bd.bandwidth_of_copy,
                   bd.copy_gbs);
    }
}

/* Prints the medians of a kernel's metrics (such as a time split) for serial and for each
 * thread count of its first schedule and chunk; a metric named *_s is a duration. */
static void print_metrics(FILE *out, const struct results *r, int k)
{
    const struct kernel *kern = r->plan->kernels[k].kernel;
    const struct measurement *first = NULL;
    double *v = NULL;  /* one metric of every sample of a measurement */
    int n_v = 0;
    fprintf(out, "    per run (medians):\n");
    for (int i = 0; i < r->n; i++) {
        const struct measurement *m = &r->m[i];
        char what[64], line[1024];
        if (m->kernel != k || m->scan_size != 0)
            continue;
        if (m->schedule == SCHED_SERIAL) {
            snprintf(what, sizeof what, "serial");
        } else {
            if (first == NULL)
                first = m;
            if (m->schedule != first->schedule || m->chunk != first->chunk)
                continue;
            series_name(m->schedule, m->chunk_label, what, sizeof what);
            snprintf(what + strlen(what), sizeof what - strlen(what), " %dT", m->threads);
            if (m->ranks > 1)
                snprintf(what + strlen(what), sizeof what - strlen(what), " x %dR", m->ranks);
        }
        if (m->n > n_v) {
            double *grown = realloc(v, (size_t)m->n * sizeof *v);
            if (grown == NULL) {
                fprintf(out, "      %-16s  (out of memory)\n", what);
                continue;
            }
            v = grown;
            n_v = m->n;
        }
        size_t len = (size_t)snprintf(line, sizeof line, "      %-16s", what);
        for (int j = 0; j < kern->n_metrics && len < sizeof line; j++) {
            const char *name = kern->metric_names[j];
            size_t name_len = strlen(name);
            char value[32];
            for (int s = 0; s < m->n; s++)
                v[s] = m->metrics[(size_t)s * (size_t)kern->n_metrics + (size_t)j];
            double median = stats_median_inplace(v, m->n);
            if (name_len > 2 && strcmp(name + name_len - 2, "_s") == 0)
                text_seconds(median, value, sizeof value);
            else
                snprintf(value, sizeof value, "%.4g", median);
            len += (size_t)snprintf(line + len, sizeof line - len, "  %s %s", name, value);
        }
        text_print(out, 2, "%s\n", line);
    }
    free(v);
}

/* A sentence being written into a buffer. */
struct sentence {
    char *buf;
    size_t size, used;
};

/* Appends printf-style text to t, cut short when the buffer is full. */
static void say(struct sentence *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct sentence *t, const char *fmt, ...)
{
    va_list ap;
    if (t->used + 1 >= t->size)
        return;
    va_start(ap, fmt);
    int n = vsnprintf(t->buf + t->used, t->size - t->used, fmt, ap);
    va_end(ap);
    if (n > 0)
        t->used = t->used + (size_t)n < t->size ? t->used + (size_t)n : t->size - 1;
}

/* Says in buf what m loses most by its POP factors (d->pop), with the figures behind it: "load
 * balance 0.57 - thread 0 was busy 210 ms, thread 1 120 ms". Returns the loss (POP_LOSS_NONE: no
 * factors, buf empty). */
static enum pop_loss format_pop_loss(const struct results *r, const struct measurement *m, const struct derived *d,
                                     char *buf, size_t size)
{
    struct sentence t = {buf, size, 0};
    double value, chunks = 0, busiest = 0, idlest = HUGE_VAL;
    char a[32], b[32];
    enum pop_loss loss = pop_dominant_loss(&d->pop, &value);
    buf[0] = '\0';
    for (int w = 0; w < m->team_size; w++) {
        chunks += pop_chunks_median(m, w);  /* NAN when not counted */
        busiest = fmax(busiest, pop_useful_median(m, w));
        idlest = fmin(idlest, pop_useful_median(m, w));
    }
    if (loss != POP_LOSS_NONE)
        say(&t, "%s %.2f", pop_loss_name(loss), value);
    if (loss == POP_LOSS_LOAD_BALANCE && m->team_size <= 4) {
        for (int w = 0; w < m->team_size; w++) {
            text_seconds(pop_useful_median(m, w), a, sizeof a);
            say(&t, "%s thread %d%s %s", w ? "," : " -", w, w ? "" : " was busy", a);
        }
    } else if (loss == POP_LOSS_LOAD_BALANCE) {
        text_seconds(busiest, a, sizeof a);
        text_seconds(idlest, b, sizeof b);
        say(&t, " - of %d threads the busiest was busy %s, the least busy %s", m->team_size, a, b);
    } else if (loss == POP_LOSS_COMM) {
        double section_s = m->scan_size == 0 ? r->serial_section_s[m->kernel] : 0;
        text_seconds(busiest, a, sizeof a);
        text_seconds(m->summary.median, b, sizeof b);
        say(&t, " - the busiest thread worked %s of a %s run; the rest is outside the threads' shares of the loop: "
                "fork, join, work outside the loop", a, b);
        if (section_s > 0) {
            text_seconds(section_s, a, sizeof a);
            say(&t, " and the injected serial section (%s)", a);
        }
    } else if (loss == POP_LOSS_SCALABILITY) {
        const struct measurement *one = results_one_thread(r, m);
        double per_base_work = one != NULL && one->work > 0 ? one->work / m->work : NAN;  /* weak scaling */
        text_seconds(pop_total_useful_median(m) * per_base_work, a, sizeof a);
        text_seconds(pop_total_useful_median(one), b, sizeof b);
        say(&t, " - its threads together worked %s where 1 thread worked %s on the same work: they slowed each "
                "other down, or something else took their cores (shared memory bandwidth or caches, clock "
                "frequency, handing out chunks, writes to neighbouring cache lines, other programs)", a, b);
    }
    if (loss != POP_LOSS_NONE && isfinite(chunks))
        say(&t, " (%.0f chunk%s per run)", chunks, chunks == 1 ? "" : "s");
    return loss;
}

/* A configuration's overall POP figure: global efficiency, or parallel efficiency where there is no
 * 1-thread run to hold the threads' work against. */
static double pop_overall(const struct derived *d, int global)
{
    return global ? d->pop.global_efficiency : d->pop.parallel_efficiency;
}

/* A kernel's losses by the POP factors at the largest thread count that is not oversubscribed:
 * the configuration with the lowest global efficiency (parallel efficiency without a 1-thread
 * run) and the best one. */
struct pop_facts {
    const struct measurement *worst, *best;  /* NULL: no factors */
    struct derived wd, bd;
    int threads;
    int global;                              /* a 1-thread run: global efficiency, else parallel */
};

static void pop_facts(const struct results *r, int k, struct pop_facts *f)
{
    memset(f, 0, sizeof *f);
    for (int i = 0; i < r->n; i++) {
        const struct measurement *m = &r->m[i];
        if (m->kernel == k && m->team_size > 0 && m->ranks <= 1 && !m->oversubscribed && m->threads > f->threads)
            f->threads = m->threads;  /* of one rank: the hybrid configurations' factors are in efficiency.csv */
        f->global |= m->kernel == k && m->team_size > 0 && m->threads == 1;
    }
    for (int i = 0; i < r->n && f->threads > 1; i++) {
        const struct measurement *m = &r->m[i];
        struct derived d;
        if (m->kernel != k || m->threads != f->threads || m->ranks > 1 || m->team_size == 0 || m->scan_size != 0)
            continue;
        results_derive(r, m, &d);
        if (!d.verified || !isfinite(pop_overall(&d, f->global)))
            continue;
        if (f->worst == NULL || pop_overall(&d, f->global) < pop_overall(&f->wd, f->global))
            f->worst = m, f->wd = d;
        if (f->best == NULL || pop_overall(&d, f->global) > pop_overall(&f->bd, f->global))
            f->best = m, f->bd = d;
    }
}

/* One sentence on a kernel's losses by the POP factors: the worst configuration, what it loses
 * most and its efficiency, then the best one's. Nothing without factors. */
int summary_pop_sentence(const struct results *r, int k, char *buf, size_t size)
{
    struct pop_facts f;
    pop_facts(r, k, &f);
    if (f.worst == NULL || size == 0)
        return -1;
    char wname[2 * CHUNK_LABEL_MAX], bname[2 * CHUNK_LABEL_MAX], loss[1024];
    struct sentence t = {buf, size, 0};
    buf[0] = '\0';
    series_name(f.worst->schedule, f.worst->chunk_label, wname, sizeof wname);
    series_name(f.best->schedule, f.best->chunk_label, bname, sizeof bname);
    format_pop_loss(r, f.worst, &f.wd, loss, sizeof loss);
    say(&t, "POP factors at %d threads (efficiency.csv): %s, %s: %s; %s efficiency %.2f, the best %.2f (%s)",
        f.threads, r->plan->kernels[k].kernel->name, wname, loss, f.global ? "global" : "parallel",
        pop_overall(&f.wd, f.global), pop_overall(&f.bd, f.global), bname);
    /* efficiency = global efficiency x serial time / 1-thread useful time: say so when the serial
     * code and the loop at 1 thread differ by more than a tenth (strong scaling: the same work) */
    const struct measurement *one = results_one_thread(r, f.worst), *serial = results_serial_of(r, f.worst);
    double u1 = pop_total_useful_median(one);
    if (!r->plan->weak && serial != NULL && one != NULL && u1 > 0 && serial->work > 0) {
        double ratio = (serial->summary.median / serial->work) / (u1 / one->work);
        char a[32], b[32];
        text_seconds(serial->summary.median, a, sizeof a);
        text_seconds(u1, b, sizeof b);
        if (ratio < 0.9 || ratio > 1.1)
            say(&t, "; its efficiency against the serial code is %.2g: the serial run took %s, the loop alone at 1 "
                    "thread %s", f.wd.efficiency, a, b);
    }
    return 0;
}

static void print_pop(FILE *out, const struct results *r, int k)
{
    char line[2048];
    if (summary_pop_sentence(r, k, line, sizeof line) == 0)
        text_print(out, 2, "    %s\n", line);
}

/* The overhead rows the summary explains the kernels with. */
struct overhead_facts {
    const struct overhead_row *par, *bar, *dyn, *sta;  /* parallel, barrier, dynamic,1, static,1 */
};

/* Finds them at the largest thread count of the table that is not oversubscribed (above 1).
 * Returns that count, or 0 when the table lacks them. */
static int overhead_facts(const struct results *r, struct overhead_facts *o)
{
    int top = 0;
    for (int i = 0; i < r->n_overhead; i++)
        if (!r->overhead[i].oversubscribed && r->overhead[i].threads > top)
            top = r->overhead[i].threads;
    if (top < 2)
        return 0;
    o->par = results_overhead(r, "parallel", NULL, 0, top);
    o->bar = results_overhead(r, "barrier", NULL, 0, top);
    o->dyn = results_overhead(r, "schedule", "dynamic", 1, top);
    o->sta = results_overhead(r, "schedule", "static", 1, top);
    return o->par && o->bar && o->dyn && o->sta ? top : 0;
}

/* Prints what the overhead table says, and uses it to explain the size scan's break-even and the
 * cost of dynamic,1 in each kernel. */
static void print_overhead(FILE *out, const struct results *r)
{
    struct overhead_facts o;
    int threads = overhead_facts(r, &o);
    if (threads == 0)
        return;
    char par[32], bar[32], sta[32], dyn[32], a[32], b[32];
    text_seconds(o.par->median_s, par, sizeof par);
    text_seconds(o.bar->median_s, bar, sizeof bar);
    text_seconds(o.sta->median_s, sta, sizeof sta);
    text_seconds(o.dyn->median_s, dyn, sizeof dyn);
    text_print(out, 2,
               "  OpenMP costs at %d threads (overhead.csv): parallel region %s, barrier %s; per iteration handed "
               "out: static,1 %s, dynamic,1 %s\n",
               threads, par, bar, sta, dyn);
    const struct plan *p = r->plan;
    for (int k = 0; k < p->n_kernels; k++) {
        const struct plan_kernel *pk = &p->kernels[k];
        const struct measurement *serial = results_serial(r, k, 0), *dyn1 = NULL, *best = NULL;
        if (serial == NULL)
            continue;
        if (pk->n_scan > 0) {
            /* Parallel wins once the work saved, n t (1 - 1/p), exceeds a region's cost. */
            double t_elem = serial->summary.median / (double)serial->n_iterations;
            double n_pred = o.par->median_s / (t_elem * (1 - 1.0 / threads));
            double n_meas = results_break_even(r, k, threads);
            char elem[32], measured[64] = "the scan never saw them win";
            text_seconds(t_elem, elem, sizeof elem);
            if (!isnan(n_meas))
                snprintf(measured, sizeof measured, "the scan measured %.0f", n_meas);
            text_print(out, 2, "    %s: a region costs %s and an element %s, so %d threads can win from about %s = %.0f; %s\n",
                       pk->kernel->name, par, elem, threads, pk->kernel->scan_param, n_pred, measured);
        }
        for (int i = 0; i < r->n; i++) {
            const struct measurement *m = &r->m[i];
            if (m->kernel != k || m->scan_size != 0 || m->threads != threads || m->schedule == SCHED_SERIAL ||
                m->ranks > 1)
                continue;
            if (m->schedule == SCHED_DYNAMIC && m->chunk == 1)
                dyn1 = m;
            if (best == NULL || m->summary.median < best->summary.median)
                best = m;
        }
        if (dyn1 != NULL && best != NULL && dyn1->summary.median > 1.05 * best->summary.median) {
            double handout_s = (double)dyn1->n_iterations / threads * o.dyn->median_s;
            double lost_s = dyn1->summary.median - best->summary.median;
            char series[64], loss[1024], why[1100] = "";
            struct derived d;
            results_derive(r, dyn1, &d);
            if (format_pop_loss(r, dyn1, &d, loss, sizeof loss) != POP_LOSS_NONE)
                snprintf(why, sizeof why, "; by its POP factors it loses most in %s", loss);
            series_name(best->schedule, best->chunk_label, series, sizeof series);
            text_seconds(handout_s, a, sizeof a);
            text_seconds(lost_s, b, sizeof b);
            text_print(out, 2,
                       "    %s: dynamic,1 hands out %ld %ss one at a time: about %s of hand-out per run, of the %s "
                       "it took beyond the best schedule (%s)%s\n",
                       pk->kernel->name, dyn1->n_iterations, pk->kernel->iteration, a, b, series, why);
        }
    }
}

/* How many configurations of the main run carry suspect bit b, of how many. */
static void flag_count(const struct results *r, int b, int *n, int *of)
{
    *n = *of = 0;
    for (int i = 0; i < r->n; i++) {
        struct derived d;
        if (r->m[i].schedule == SCHED_SERIAL || r->m[i].scan_size != 0)
            continue;
        results_derive(r, &r->m[i], &d);
        (*of)++;
        *n += (d.suspect & (1u << b)) != 0;
    }
}

/* A hybrid MPI run: the kernel's best series at every rank count and team size, against the cores
 * it ran on, with the time rank 0 took to gather the outputs after a sample (not in the speed-up). */
static void print_ranks(FILE *out, const struct results *r, int k)
{
    const struct results_fit *best = series_best(r, k);
    if (best == NULL)
        return;
    char name[2 * CHUNK_LABEL_MAX];
    series_name(best->schedule, best->chunk_label, name, sizeof name);
    text_print(out, 2, "    %s by ranks x threads = cores: speed-up [95%% CI], efficiency, gather median\n", name);
    for (int i = 0; i < r->n; i++) {
        const struct measurement *m = &r->m[i];
        struct derived d;
        if (m->kernel != k || m->schedule != best->schedule || m->chunk != best->chunk || m->scan_size != 0 ||
            strcmp(m->chunk_label, best->chunk_label) != 0)
            continue;
        results_derive(r, m, &d);
        double *g = malloc((size_t)m->n * sizeof *g), gather = NAN;
        if (g != NULL) {
            memcpy(g, m->gather_s, (size_t)m->n * sizeof *g);
            gather = stats_median_inplace(g, m->n);
            free(g);
        }
        text_print(out, 2, "      %3d x %2d = %3d   %6.2f [%.2f, %.2f]  %5.2f  %8.3f ms%s%s\n", m->ranks, m->threads,
                   results_cores(m), d.speedup, d.speedup_ci_low, d.speedup_ci_high, d.efficiency, 1e3 * gather,
                   m->oversubscribed ? "  oversubscribed" : "", d.verified ? "" : "  VERIFY FAILED");
    }
}

/* Explains each suspect flag some configuration got: how many, what it means, what to do. */
static void print_flags(FILE *out, const struct results *r, unsigned seen)
{
    if (seen == 0)
        return;
    text_print(out, 2, "  Flagged results (suspect column in speedup.csv and efficiency.csv; not to be taken at face "
                       "value):\n");
    for (int b = 0; b < RESULTS_SUSPECT_COUNT; b++) {
        int n, of;
        if (!(seen & (1u << b)))
            continue;
        flag_count(r, b, &n, &of);
        text_print(out, 2, "    %s (%d of %d configurations): %s\n", results_suspect_name(b), n, of,
                   results_suspect_advice(b));
    }
}

/* Where the run's time went, per kernel, and what the harness costs inside a timed sample. */
static void print_time(FILE *out, const struct results *r)
{
    const struct plan *p = r->plan;
    double min_sample_s = HUGE_VAL, min_shared_run_s = HUGE_VAL;  /* the shortest run recording shares */
    for (int i = 0; i < r->n; i++) {
        if (r->m[i].n > 0 && r->m[i].summary.min * (double)r->m[i].inner < min_sample_s)
            min_sample_s = r->m[i].summary.min * (double)r->m[i].inner;
        if (r->m[i].n > 0 && r->m[i].team_size > 0)
            min_shared_run_s = fmin(min_shared_run_s, r->m[i].summary.min);
    }
    text_print(out, 2, "  Where the time went, in seconds (timed: inside timed samples; around: poisoning, verifying; "
                       "results.json kernels[].time):\n");
    int w = r->n_overhead > 0 && plan_name_width(p) < 14 ? 14 : plan_name_width(p);  /* "overhead table" */
    for (int k = 0; k < p->n_kernels; k++) {
        const struct results_time *t = &r->time[k];
        char copy[32] = "";
        if (t->copy_s > 0)
            snprintf(copy, sizeof copy, ", copy %.1f", t->copy_s);
        text_print(out, 2, "    %-*s %6.1f: timed %.1f, around %.1f, warm-up %.1f, setup %.1f%s\n", w,
                   p->kernels[k].kernel->name, t->total_s, t->timed_s, t->harness_s, t->warmup_s, t->setup_s, copy);
    }
    if (r->n_overhead > 0)
        text_print(out, 2, "    %-*s %6.1f\n", w, "overhead table", r->overhead_table_s);
    if (isfinite(min_sample_s) && r->clock_read_s > 0) {
        char reads[32], shortest[32];
        text_seconds(2 * r->clock_read_s, reads, sizeof reads);
        text_seconds(min_sample_s, shortest, sizeof shortest);
        text_print(out, 2, "    inside a timed sample the harness costs two clock reads, %s: %.4f%% of the shortest "
                           "sample (%s)\n",
                   reads, 100 * 2 * r->clock_read_s / min_sample_s, shortest);
    }
    if (isfinite(min_shared_run_s) && r->clock_read_s > 0) {
        char reads[32], shortest[32];
        text_seconds(2 * r->clock_read_s, reads, sizeof reads);
        text_seconds(min_shared_run_s, shortest, sizeof shortest);
        text_print(out, 2, "    recording each thread's share of the loop costs each thread two clock reads a run, %s: "
                           "%.4f%% of the shortest parallel run (%s)\n",
                   reads, 100 * 2 * r->clock_read_s / min_shared_run_s, shortest);
    }
}

/* The first line of a kernel: its serial time and throughput, then its best configuration. */
static void print_kernel_head(FILE *out, const struct results *r, int k, const struct kernel_facts *f)
{
    const struct plan *p = r->plan;
    char rate[64], serial[32];
    summary_format_rate(f->serial_d.throughput, p->kernels[k].kernel->work_unit, rate, sizeof rate);
    text_seconds(f->serial->summary.median, serial, sizeof serial);
    text_print(out, 2, "  %s: serial %s, %s\n", p->kernels[k].kernel->name, serial, rate);
    if (f->best == NULL)
        return;
    char flags[128], series[64];
    series_name(f->best->schedule, f->best->chunk_label, series, sizeof series);
    results_suspect_format(f->best_d.suspect, flags, sizeof flags);
    char at[64] = "";  /* a hybrid MPI run's best names its ranks too */
    if (r->hosts.n_ranks > 0)
        snprintf(at, sizeof at, "%d rank%s x ", f->best->ranks, f->best->ranks == 1 ? "" : "s");
    text_print(out, 2, "    best %s at %s%d thread%s: speed-up %.2f [%.2f, %.2f], efficiency %.2f%s%s%s\n", series,
               at, f->best->threads, f->best->threads == 1 ? "" : "s", f->best_d.speedup, f->best_d.speedup_ci_low,
               f->best_d.speedup_ci_high, f->best_d.efficiency, flags[0] ? " (suspect: " : "", flags,
               flags[0] ? ")" : "");
}

static void print_run(FILE *out, const struct results *r)
{
    const struct plan *p = r->plan;
    const char *how = p->order == PLAN_ORDER_INTERLEAVED
                          ? "speed-up = median of serial / parallel time over samples of the same round"
                          : "speed-up = serial median / parallel median";
    if (p->max_reps > p->reps)
        text_print(out, 2, "Summary (medians of %ld to %ld timed runs, adaptive; %s):\n", p->reps, p->max_reps, how);
    else
        text_print(out, 2, "Summary (medians of %ld timed runs; %s):\n", p->reps, how);
    unsigned seen = 0;  /* suspect flags shown, explained at the end */
    for (int k = 0; k < p->n_kernels; k++) {
        struct kernel_facts f;
        kernel_facts(r, k, &f);
        if (f.serial == NULL) {
            fprintf(out, "  %s: not measured: the run was interrupted before it\n", p->kernels[k].kernel->name);
            continue;
        }
        seen |= f.seen;
        print_kernel_head(out, r, k, &f);
        if (f.n_failed > 0)
            text_print(out, 2, "    VERIFICATION FAILED in %d of %d parallel configurations: their results differ from the "
                               "serial run (verified=0 in raw.csv)\n", f.n_failed, f.n_parallel);
        if (p->weak)
            print_weak(out, r, k);
        else
            print_fit(out, r, &f);
        if (r->hosts.n_ranks > 0)
            print_ranks(out, r, k);
        print_pop(out, r, k);
        print_copy(out, r, k);
        print_simd_gain(out, r, k);
        if (p->kernels[k].n_scan > 0)
            print_scan(out, r, k);
        if (p->kernels[k].kernel->n_metrics > 0)
            print_metrics(out, r, k);
    }
    print_flags(out, r, seen);
    print_overhead(out, r);
    print_time(out, r);
}

/* ompscale overhead: the table, one row per construct x schedule x chunk x threads. */
static void print_overhead_table(FILE *out, const struct results *r)
{
    char median[32], low[32], high[32], ci[80], m[32];
    fprintf(out, "%-9s %-8s %5s %7s %10s   %s\n", "construct", "schedule", "chunk", "threads", "median", "95% CI");
    for (int i = 0; i < r->n_overhead; i++) {
        const struct overhead_row *row = &r->overhead[i];
        char chunk[16] = "";
        if (strcmp(row->construct, "schedule") == 0)
            snprintf(chunk, sizeof chunk, "%d", row->chunk);
        text_seconds(row->median_s, m, sizeof m);
        text_pad(m, 10, 1, median, sizeof median);
        text_seconds(row->ci_low_s, low, sizeof low);
        text_seconds(row->ci_high_s, high, sizeof high);
        snprintf(ci, sizeof ci, "[%s, %s]", low, high);
        fprintf(out, "%-9s %-8s %5s %7d %s   %s%s%s\n", row->construct, row->schedule, chunk, row->threads, median, ci,
                row->within_noise ? "  within noise" : "", row->oversubscribed ? "  oversubscribed" : "");
    }
    text_print(out, 1, "(parallel and barrier rows: cost per construct; schedule rows: cost per loop iteration a "
                       "thread runs; within noise: the interval holds 0, so no cost can be told apart from the timing "
                       "noise)\n");
}

char *summary_text(const struct results *r, int with_warnings)
{
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    if (out == NULL)
        return NULL;
    if (r->plan->n_kernels > 0)
        print_run(out, r);
    else
        print_overhead_table(out, r);
    if (with_warnings && r->warnings.n > 0) {
        fprintf(out, "\nWarnings:\n");
        for (int i = 0; i < r->warnings.n; i++)
            text_print(out, 2, "- %s\n", r->warnings.text[i]);
    }
    if (fclose(out) != 0) {
        free(text);
        return NULL;
    }
    return text;
}

int summary_save(const struct results *r, const char *dir, char *err, size_t err_size)
{
    char path[4096];
    char *text = summary_text(r, 1);
    snprintf(path, sizeof path, "%.4000s/%s", dir, SUMMARY_FILE);
    if (text == NULL) {
        snprintf(err, err_size, "%s: out of memory", path);
        return -1;
    }
    int rc = fileio_write_text(path, text, err, err_size);
    free(text);
    return rc;
}

/* ---- JSON ---- */

static const char *fraction_word(double value, double low, double high)
{
    switch (results_fraction_kind(value, low, high)) {
    case RESULTS_FRACTION_PLAIN: return "plain";
    case RESULTS_FRACTION_ZERO: return "zero within noise";
    case RESULTS_FRACTION_IMPOSSIBLE: return "none: superlinear";
    default: return "unknown";
    }
}

static json_object *suspect_json(unsigned suspect)
{
    json_object *a = json_object_new_array();
    for (int b = 0; b < RESULTS_SUSPECT_COUNT; b++)
        if (suspect & (1u << b))
            json_object_array_add(a, json_object_new_string(results_suspect_name(b)));
    return a;
}

static json_object *fit_json(const struct kernel_facts *f)
{
    const struct results_fit *x = f->fit;
    if (x == NULL || !x->fit.ok)
        return NULL;
    json_object *o = json_object_new_object();
    char series[64];
    series_name(x->schedule, x->chunk_label, series, sizeof series);
    jsonio_add_str(o, "series", series);
    jsonio_add_int(o, "thread_counts", x->fit.n);
    jsonio_add_int(o, "thread_counts_above_1", f->fit_above_one);
    jsonio_add_num(o, "f", x->fit.f);
    jsonio_add_num(o, "f_ci_low", x->fit.f_low);
    jsonio_add_num(o, "f_ci_high", x->fit.f_high);
    jsonio_add_str(o, "f_reads", fraction_word(x->fit.f, x->fit.f_low, x->fit.f_high));
    jsonio_add_num(o, "r2", f->fit_above_one >= 2 ? x->fit.r2 : NAN);           /* null: nothing tested */
    jsonio_add_num(o, "ceiling", ceiling_shown(f) ? x->fit.ceiling : NAN);      /* null: none to give */
    jsonio_add_int(o, "karp_flatt_trend", x->karp_flatt_trend);
    return o;
}

static json_object *kernel_json(const struct results *r, int k)
{
    const struct plan *p = r->plan;
    const struct kernel *kern = p->kernels[k].kernel;
    struct kernel_facts f;
    json_object *o = json_object_new_object();
    char unit[64];
    kernel_facts(r, k, &f);
    jsonio_add_str(o, "name", kern->name);
    jsonio_add_bool(o, "measured", f.serial != NULL);
    if (f.serial == NULL)
        return o;
    snprintf(unit, sizeof unit, "%s/s", kern->work_unit);
    jsonio_add_num(o, "serial_median_s", f.serial->summary.median);
    jsonio_add_int(o, "verify_failed_configurations", f.n_failed);
    jsonio_add_num(o, "throughput", f.serial_d.throughput);
    jsonio_add_str(o, "throughput_unit", unit);
    json_object *best = NULL;
    if (f.best != NULL) {
        char series[64];
        best = json_object_new_object();
        series_name(f.best->schedule, f.best->chunk_label, series, sizeof series);
        jsonio_add_str(best, "series", series);
        jsonio_add_int(best, "threads", f.best->threads);
        jsonio_add_num(best, "speedup", f.best_d.speedup);
        jsonio_add_num(best, "speedup_ci_low", f.best_d.speedup_ci_low);
        jsonio_add_num(best, "speedup_ci_high", f.best_d.speedup_ci_high);
        jsonio_add_num(best, "efficiency", f.best_d.efficiency);
        json_object_object_add(best, "suspect", suspect_json(f.best_d.suspect));
    }
    json_object_object_add(o, "best", best);
    if (p->weak) {
        struct derived bd = {0};
        const struct measurement *one = NULL, *w = weak_best(r, k, &bd, &one);
        json_object *weak = NULL;
        if (w != NULL) {
            double a, low, high;
            char series[64];
            gustafson(w, &bd, one, &a, &low, &high);
            weak = json_object_new_object();
            series_name(w->schedule, w->chunk_label, series, sizeof series);
            jsonio_add_str(weak, "series", series);
            jsonio_add_int(weak, "threads", w->threads);
            jsonio_add_num(weak, "scaled_speedup", bd.speedup_1thread);
            jsonio_add_num(weak, "weak_efficiency", bd.efficiency_1thread);
            jsonio_add_num(weak, "gustafson_fraction", a);
            jsonio_add_num(weak, "gustafson_fraction_ci_low", low);
            jsonio_add_num(weak, "gustafson_fraction_ci_high", high);
        }
        json_object_object_add(o, "weak", weak);
    } else {
        json_object_object_add(o, "amdahl", fit_json(&f));
    }
    struct pop_facts pf;
    pop_facts(r, k, &pf);
    json_object *pop = NULL;
    if (pf.worst != NULL) {
        char series[64], loss_text[1024];
        double value;
        enum pop_loss loss = pop_dominant_loss(&pf.wd.pop, &value);
        pop = json_object_new_object();
        jsonio_add_int(pop, "threads", pf.threads);
        jsonio_add_str(pop, "efficiency", pf.global ? "global" : "parallel");
        series_name(pf.worst->schedule, pf.worst->chunk_label, series, sizeof series);
        jsonio_add_str(pop, "worst_series", series);
        jsonio_add_num(pop, "worst_efficiency", pop_overall(&pf.wd, pf.global));
        json_object_object_add(pop, "worst_loss", loss != POP_LOSS_NONE ? json_object_new_string(pop_loss_name(loss))
                                                                        : NULL);
        jsonio_add_num(pop, "worst_loss_value", loss != POP_LOSS_NONE ? value : NAN);
        format_pop_loss(r, pf.worst, &pf.wd, loss_text, sizeof loss_text);
        jsonio_add_str(pop, "worst_says", loss_text);
        series_name(pf.best->schedule, pf.best->chunk_label, series, sizeof series);
        jsonio_add_str(pop, "best_series", series);
        jsonio_add_num(pop, "best_efficiency", pop_overall(&pf.bd, pf.global));
    }
    json_object_object_add(o, "pop", pop);
    int base;
    double gain = series_simd_gain(r, k, &base);
    if (isfinite(gain)) {
        jsonio_add_num(o, "simd_gain", gain);
        jsonio_add_str(o, "simd_gain_over", p->kernels[base].kernel->name);
    }
    if (p->kernels[k].n_scan > 0) {
        json_object *be = json_object_new_array();
        for (int t = 0; t < p->n_threads; t++) {
            json_object *e = json_object_new_object();
            jsonio_add_int(e, "threads", p->threads[t]);
            jsonio_add_num(e, "size", results_break_even(r, k, p->threads[t]));  /* null: never */
            json_object_array_add(be, e);
        }
        jsonio_add_str(o, "scan_param", kern->scan_param);
        json_object_object_add(o, "break_even", be);
    }
    json_object_object_add(o, "suspect", suspect_json(f.seen));
    return o;
}

json_object *summary_json(const struct results *r)
{
    const struct plan *p = r->plan;
    json_object *o = json_object_new_object();
    if (o == NULL)
        return NULL;
    jsonio_add_str(o, "format", "ompscale-summary");
    jsonio_add_int(o, "format_version", 1);
    jsonio_add_str(o, "class", kernel_class_name(p->class));
    jsonio_add_str(o, "scaling", p->weak ? "weak" : "strong");
    jsonio_add_str(o, "order", p->order == PLAN_ORDER_INTERLEAVED ? "interleaved" : "sequential");
    jsonio_add_int(o, "reps", p->reps);
    jsonio_add_int(o, "max_reps", p->max_reps);
    jsonio_add_bool(o, "interrupted", r->interrupted);
    jsonio_add_int(o, "verify_failed", r->n_verify_failed);
    json_object *kernels = json_object_new_array(), *flags = json_object_new_array();
    unsigned seen = 0;
    for (int k = 0; k < p->n_kernels; k++) {
        struct kernel_facts f;
        kernel_facts(r, k, &f);
        seen |= f.seen;
        json_object_array_add(kernels, kernel_json(r, k));
    }
    json_object_object_add(o, "kernels", kernels);
    for (int b = 0; b < RESULTS_SUSPECT_COUNT; b++) {
        int n, of;
        if (!(seen & (1u << b)))
            continue;
        flag_count(r, b, &n, &of);
        json_object *e = json_object_new_object();
        jsonio_add_str(e, "flag", results_suspect_name(b));
        jsonio_add_int(e, "configurations", n);
        jsonio_add_int(e, "of", of);
        jsonio_add_str(e, "advice", results_suspect_advice(b));
        json_object_array_add(flags, e);
    }
    json_object_object_add(o, "suspect", flags);
    struct overhead_facts of;
    int threads = overhead_facts(r, &of);
    json_object *overhead = NULL;
    if (threads > 0) {
        overhead = json_object_new_object();
        jsonio_add_int(overhead, "threads", threads);
        jsonio_add_num(overhead, "parallel_region_s", of.par->median_s);
        jsonio_add_num(overhead, "barrier_s", of.bar->median_s);
        jsonio_add_num(overhead, "static_1_per_iteration_s", of.sta->median_s);
        jsonio_add_num(overhead, "dynamic_1_per_iteration_s", of.dyn->median_s);
    }
    json_object_object_add(o, "overhead", overhead);
    jsonio_add_num(o, "wall_s", r->wall_s);
    json_object *warnings = json_object_new_array();
    for (int i = 0; i < r->warnings.n; i++)
        json_object_array_add(warnings, json_object_new_string(r->warnings.text[i]));
    json_object_object_add(o, "warnings", warnings);
    return o;
}
