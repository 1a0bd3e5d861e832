/* summary.c -- the run's summary for people: throughput, best configuration, Amdahl or
 * Gustafson, the size scan, a kernel's metrics, and what the overhead table explains. It reads
 * only the results, like the other writers. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "series.h"
#include "summary.h"

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

/* Prints the Amdahl fit of the kernel's best series and what Karp-Flatt says of the loss. */
static void print_fit(const struct results *r, int k)
{
    for (int i = 0; i < r->n_fits; i++) {
        const struct results_fit *x = &r->fits[i];
        if (x->kernel != k || !x->best)
            continue;
        if (!x->fit.ok) {
            printf("    Amdahl fit: needs two or more thread counts that are not oversubscribed\n");
            return;
        }
        char ceiling[32] = "none (f = 0)", f[128];
        summary_format_fraction(x->fit.f, x->fit.f_low, x->fit.f_high, f, sizeof f);
        if (!isinf(x->fit.ceiling) && results_fraction_kind(x->fit.f, x->fit.f_low, x->fit.f_high) ==
                                          RESULTS_FRACTION_PLAIN)
            snprintf(ceiling, sizeof ceiling, "%.1fx", x->fit.ceiling);
        else if (!isinf(x->fit.ceiling))
            snprintf(ceiling, sizeof ceiling, "none within noise");
        printf("    Amdahl fit (%s,%s, %d %s): serial fraction f = %s, R^2 %.3f, ceiling %s\n",
               schedule_name(x->schedule), x->chunk_label, x->fit.n,
               r->hosts.n_ranks > 0 ? "ranks x threads points" : "thread counts", f, x->fit.r2, ceiling);
        if (x->karp_flatt_trend > 0)
            printf("    Karp-Flatt e(p) grows with p: the loss is parallel overhead, not a serial part\n");
        else if (x->karp_flatt_trend < 0)
            printf("    Karp-Flatt e(p) falls with p: more than a fixed serial part is shrinking (caches?)\n");
        else if (x->fit.n > 2)
            printf("    Karp-Flatt e(p) is flat: a fixed serial part explains the loss\n");
        return;
    }
}

/* Weak scaling: the scaled speed-up of the kernel's series that does best at the largest
 * thread count that is not oversubscribed, its weak-scaling efficiency, and Gustafson's serial
 * fraction a = (p - S) / (p - 1) that explains it (S = p - a (p - 1)). */
static void print_weak(const struct results *r, int k)
{
    const struct measurement *best = NULL;
    struct derived bd = {0};
    for (int i = 0; i < r->n; i++) {
        const struct measurement *m = &r->m[i];
        struct derived d;
        if (m->kernel != k || m->schedule == SCHED_SERIAL || m->scan_size != 0 || m->oversubscribed)
            continue;
        results_derive(r, m, &d);
        if (best == NULL || m->threads > best->threads ||
            (m->threads == best->threads && d.speedup_1thread > bd.speedup_1thread)) {
            best = m;
            bd = d;
        }
    }
    if (best == NULL || best->threads < 2 || isnan(bd.speedup_1thread))
        return;
    /* The scaled speed-up's interval from both medians' intervals (the two sizes are separate
     * instances, so there are no pairs): S = (work_p / work_1) (t_1 / t_p). */
    const struct measurement *one = results_one_thread(r, best);
    double s_low = NAN, s_high = NAN, p = best->threads;
    if (one != NULL) {
        stats_ratio_interval(&one->summary, &best->summary, &s_low, &s_high);
        s_low *= best->work / one->work;
        s_high *= best->work / one->work;
    }
    char a[128];
    summary_format_fraction((p - bd.speedup_1thread) / (p - 1), (p - s_high) / (p - 1), (p - s_low) / (p - 1), a,
                            sizeof a);
    printf("    weak scaling (%s,%s, %s x %d at %d threads): scaled speed-up %.2f, weak efficiency %.2f, Gustafson "
           "serial fraction %s\n",
           schedule_name(best->schedule), best->chunk_label, r->plan->kernels[k].kernel->weak_param, best->threads,
           best->threads, bd.speedup_1thread, bd.efficiency_1thread, a);
}

/* A kernel named NAME_simd does NAME's work in SIMD lanes, and its serial path is that same SIMD
 * code, so its speed-up is threading alone. When NAME ran too, prints the gain that speed-up leaves
 * out: the SIMD kernel's serial throughput over NAME's (their time ratio when the sizes match). */
static void print_simd_gain(const struct results *r, int k)
{
    int base;
    double gain = series_simd_gain(r, k, &base);
    if (isfinite(gain))
        printf("    SIMD gain %.1fx over %s's serial loop (serial throughput against serial throughput)\n", gain,
               r->plan->kernels[base].kernel->name);
}

/* Prints the break-even size of each thread count of a kernel's size scan, and the bandwidth
 * at its largest size. */
static void print_scan(const struct results *r, int k)
{
    const struct plan *p = r->plan;
    const struct plan_kernel *pk = &p->kernels[k];
    double top = pk->scan_sizes[pk->n_scan - 1];
    printf("    break-even (parallel static beats serial from %s = ...):", pk->kernel->scan_param);
    for (int t = 0; t < p->n_threads; t++) {
        double n = results_break_even(r, k, p->threads[t]);
        if (isnan(n))
            printf(" %dT never;", p->threads[t]);
        else
            printf(" %dT %.0f;", p->threads[t], n);
    }
    printf("\n    at %s = %.0f:", pk->kernel->scan_param, top);
    for (int i = 0; i < r->n; i++) {
        const struct measurement *m = &r->m[i];
        struct derived d;
        if (m->kernel != k || m->scan_size != top)
            continue;
        results_derive(r, m, &d);
        if (m->schedule == SCHED_SERIAL)
            printf(" serial");
        else
            printf(" %dT", m->threads);
        if (!isnan(d.bandwidth_gbs) && !isnan(d.copy_gbs))
            printf(" %.2f GB/s (%.0f%% of a copy);", d.bandwidth_gbs, 100 * d.bandwidth_of_copy);
        else if (!isnan(d.bandwidth_gbs))
            printf(" %.2f GB/s;", d.bandwidth_gbs);
        else
            printf(" %.4g s;", m->summary.median);
    }
    printf("%s\n", pk->kernel->bytes ? " (bytes counted as STREAM does: each element read or written once)" : "");
}

/* Prints, at each thread count of a kernel's main run, the highest bandwidth of its series and
 * how close it comes to the copy over the same arrays measured beside it; nothing without copies. */
static void print_copy(const struct results *r, int k)
{
    const struct plan *p = r->plan;
    int any = 0;
    for (int t = 0; t < p->n_threads; t++) {
        const struct measurement *best = NULL;
        struct derived d, bd = {0};
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
        printf("%s at %d thread%s %.2f GB/s (%s,%s), %.0f%% of a copy over the same arrays (%.2f GB/s)",
               any++ ? ";" : "    memory:", best->threads, best->threads == 1 ? "" : "s", bd.bandwidth_gbs,
               schedule_name(best->schedule), best->chunk_label, 100 * bd.bandwidth_of_copy, bd.copy_gbs);
    }
    if (any)
        putchar('\n');
}

/* Prints the medians of a kernel's metrics (such as a time split) for serial and for each
 * thread count of its first schedule and chunk. */
static void print_metrics(const struct results *r, int k)
{
    const struct kernel *kern = r->plan->kernels[k].kernel;
    const struct measurement *first = NULL;
    double *v = NULL;  /* one metric of every sample of a measurement */
    int n_v = 0;
    printf("    per run (medians):\n");
    for (int i = 0; i < r->n; i++) {
        const struct measurement *m = &r->m[i];
        char what[64];
        if (m->kernel != k || m->scan_size != 0)
            continue;
        if (m->schedule == SCHED_SERIAL) {
            snprintf(what, sizeof what, "serial");
        } else {
            if (first == NULL)
                first = m;
            if (m->schedule != first->schedule || m->chunk != first->chunk)
                continue;
            snprintf(what, sizeof what, "%s,%s %dT", schedule_name(m->schedule), m->chunk_label, m->threads);
            if (m->ranks > 1)
                snprintf(what + strlen(what), sizeof what - strlen(what), " x %dR", m->ranks);
        }
        printf("      %-16s", what);
        if (m->n > n_v) {
            double *grown = realloc(v, (size_t)m->n * sizeof *v);
            if (grown == NULL) {
                printf("  (out of memory)\n");
                continue;
            }
            v = grown;
            n_v = m->n;
        }
        for (int j = 0; j < kern->n_metrics; j++) {
            for (int s = 0; s < m->n; s++)
                v[s] = m->metrics[(size_t)s * (size_t)kern->n_metrics + (size_t)j];
            printf("  %s %.4g", kern->metric_names[j], stats_median_inplace(v, m->n));
        }
        putchar('\n');
    }
    free(v);
}

/* A sentence being written into a buffer. */
struct text {
    char *buf;
    size_t size, used;
};

/* Appends printf-style text to t, cut short when the buffer is full. */
static void say(struct text *t, const char *fmt, ...)
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
 * balance 0.57 - thread 0 was busy 0.21 s, thread 1 0.12 s". Returns the loss (POP_LOSS_NONE:
 * no factors, buf empty). */
static enum pop_loss format_pop_loss(const struct results *r, const struct measurement *m, const struct derived *d,
                                     char *buf, size_t size)
{
    struct text t = {buf, size, 0};
    double value, chunks = 0, busiest = 0, idlest = HUGE_VAL;
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
        for (int w = 0; w < m->team_size; w++)
            say(&t, "%s thread %d%s %.3g s", w ? "," : " -", w, w ? "" : " was busy", pop_useful_median(m, w));
    } else if (loss == POP_LOSS_LOAD_BALANCE) {
        say(&t, " - of %d threads the busiest was busy %.3g s, the least busy %.3g s", m->team_size, busiest, idlest);
    } else if (loss == POP_LOSS_COMM) {
        double section_s = m->scan_size == 0 ? r->serial_section_s[m->kernel] : 0;
        say(&t, " - the busiest thread worked %.3g s of a %.3g s run; the rest is outside the threads' shares of "
                "the loop: fork, join, work outside the loop", busiest, m->summary.median);
        if (section_s > 0)
            say(&t, " and the injected serial section (%.3g s)", section_s);
    } else if (loss == POP_LOSS_SCALABILITY) {
        const struct measurement *one = results_one_thread(r, m);
        double per_base_work = one != NULL && one->work > 0 ? one->work / m->work : NAN;  /* weak scaling */
        say(&t, " - its threads together worked %.3g s where 1 thread worked %.3g s on the same work: they slowed "
                "each other down, or something else took their cores (shared memory bandwidth or caches, clock "
                "frequency, handing out chunks, writes to neighbouring cache lines, other programs)",
            pop_total_useful_median(m) * per_base_work, pop_total_useful_median(one));
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

/* One sentence on a kernel's losses by the POP factors at the largest thread count that is not
 * oversubscribed: the configuration with the lowest global efficiency (parallel efficiency
 * without a 1-thread run) and what it loses most, then the best one's. Nothing without factors. */
static void print_pop(const struct results *r, int k)
{
    const struct measurement *worst = NULL, *best = NULL;
    struct derived wd = {0}, bd = {0};
    int top = 0, global = 0;
    for (int i = 0; i < r->n; i++) {
        const struct measurement *m = &r->m[i];
        if (m->kernel == k && m->team_size > 0 && m->ranks <= 1 && !m->oversubscribed && m->threads > top)
            top = m->threads;  /* of one rank: the hybrid configurations' factors are in efficiency.csv */
        global |= m->kernel == k && m->team_size > 0 && m->threads == 1;
    }
    for (int i = 0; i < r->n && top > 1; i++) {
        const struct measurement *m = &r->m[i];
        struct derived d;
        if (m->kernel != k || m->threads != top || m->ranks > 1 || m->team_size == 0 || m->scan_size != 0)
            continue;
        results_derive(r, m, &d);
        if (!d.verified || !isfinite(pop_overall(&d, global)))
            continue;
        if (worst == NULL || pop_overall(&d, global) < pop_overall(&wd, global))
            worst = m, wd = d;
        if (best == NULL || pop_overall(&d, global) > pop_overall(&bd, global))
            best = m, bd = d;
    }
    if (worst == NULL)
        return;
    char wname[2 * CHUNK_LABEL_MAX], bname[2 * CHUNK_LABEL_MAX], loss[1024];
    series_name(worst->schedule, worst->chunk_label, wname, sizeof wname);
    series_name(best->schedule, best->chunk_label, bname, sizeof bname);
    format_pop_loss(r, worst, &wd, loss, sizeof loss);
    printf("    POP factors at %d threads (efficiency.csv): %s, %s: %s; %s efficiency %.2f, the best %.2f (%s)", top,
           r->plan->kernels[k].kernel->name, wname, loss, global ? "global" : "parallel", pop_overall(&wd, global),
           pop_overall(&bd, global), bname);
    /* efficiency = global efficiency x serial time / 1-thread useful time: say so when the serial
     * code and the loop at 1 thread differ by more than a tenth (strong scaling: the same work) */
    const struct measurement *one = results_one_thread(r, worst), *serial = results_serial_of(r, worst);
    double u1 = pop_total_useful_median(one);
    if (!r->plan->weak && serial != NULL && one != NULL && u1 > 0 && serial->work > 0) {
        double ratio = (serial->summary.median / serial->work) / (u1 / one->work);
        if (ratio < 0.9 || ratio > 1.1)
            printf("; its efficiency against the serial code is %.2g: the serial run took %.3g s, the loop alone at "
                   "1 thread %.3g s",
                   wd.efficiency, serial->summary.median, u1);
    }
    putchar('\n');
}

/* Prints what the overhead table says at threads, and uses it to explain the size scan's
 * break-even and the cost of dynamic,1 in each kernel. */
static void print_overhead(const struct results *r, int threads)
{
    const struct overhead_row *par = results_overhead(r, "parallel", NULL, 0, threads);
    const struct overhead_row *bar = results_overhead(r, "barrier", NULL, 0, threads);
    const struct overhead_row *dyn = results_overhead(r, "schedule", "dynamic", 1, threads);
    const struct overhead_row *sta = results_overhead(r, "schedule", "static", 1, threads);
    if (par == NULL || bar == NULL || dyn == NULL || sta == NULL)
        return;
    printf("  OpenMP costs at %d threads (overhead.csv): parallel region %.2f us, barrier %.2f us; per iteration "
           "handed out: static,1 %.1f ns, dynamic,1 %.1f ns\n",
           threads, par->median_s * 1e6, bar->median_s * 1e6, sta->median_s * 1e9, dyn->median_s * 1e9);
    const struct plan *p = r->plan;
    for (int k = 0; k < p->n_kernels; k++) {
        const struct plan_kernel *pk = &p->kernels[k];
        const struct measurement *serial = results_serial(r, k, 0), *dyn1 = NULL, *best = NULL;
        if (serial == NULL)
            continue;
        if (pk->n_scan > 0) {
            /* Parallel wins once the work saved, n t (1 - 1/p), exceeds a region's cost. */
            double t_elem = serial->summary.median / (double)serial->n_iterations;
            double n_pred = par->median_s / (t_elem * (1 - 1.0 / threads));
            double n_meas = results_break_even(r, k, threads);
            printf("    %s: a region costs %.2f us and an element %.2f ns, so %d threads can win from about %s = %.0f",
                   pk->kernel->name, par->median_s * 1e6, t_elem * 1e9, threads, pk->kernel->scan_param, n_pred);
            if (isnan(n_meas))
                printf("; the scan never saw them win\n");
            else
                printf("; the scan measured %.0f\n", n_meas);
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
            double handout_s = (double)dyn1->n_iterations / threads * dyn->median_s;
            struct derived d;
            char loss[1024];
            results_derive(r, dyn1, &d);
            printf("    %s: dynamic,1 hands out %ld %ss one at a time: about %.3g s of hand-out per run, of the %.3g s "
                   "it took beyond the best schedule (%s,%s)",
                   pk->kernel->name, dyn1->n_iterations, pk->kernel->iteration, handout_s,
                   dyn1->summary.median - best->summary.median, schedule_name(best->schedule), best->chunk_label);
            if (format_pop_loss(r, dyn1, &d, loss, sizeof loss) != POP_LOSS_NONE)
                printf("; by its POP factors it loses most in %s", loss);
            putchar('\n');
        }
    }
}

/* A hybrid MPI run: the kernel's best series at every rank count and team size, against the cores
 * it ran on, with the time rank 0 took to gather the outputs after a sample (not in the speed-up). */
static void print_ranks(const struct results *r, int k)
{
    const struct results_fit *best = series_best(r, k);
    if (best == NULL)
        return;
    char name[2 * CHUNK_LABEL_MAX];
    series_name(best->schedule, best->chunk_label, name, sizeof name);
    printf("    %s by ranks x threads = cores: speed-up [95%% CI], efficiency, gather median\n", name);
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
        printf("      %3d x %2d = %3d   %6.2f [%.2f, %.2f]  %5.2f  %8.3f ms%s%s\n", m->ranks, m->threads,
               results_cores(m), d.speedup, d.speedup_ci_low, d.speedup_ci_high, d.efficiency, 1e3 * gather,
               m->oversubscribed ? "  oversubscribed" : "", d.verified ? "" : "  VERIFY FAILED");
    }
}

/* Explains each suspect flag some configuration got: how many, what it means, what to do. */
static void print_flags(const struct results *r, unsigned seen)
{
    if (seen == 0)
        return;
    printf("  Flagged results (suspect column in speedup.csv and efficiency.csv; not to be taken at face value):\n");
    for (int b = 0; b < RESULTS_SUSPECT_COUNT; b++) {
        int n = 0, of = 0;
        if (!(seen & (1u << b)))
            continue;
        for (int i = 0; i < r->n; i++) {
            struct derived d;
            if (r->m[i].schedule == SCHED_SERIAL || r->m[i].scan_size != 0)
                continue;
            results_derive(r, &r->m[i], &d);
            of++;
            n += (d.suspect & (1u << b)) != 0;
        }
        printf("    %s (%d of %d configurations): %s\n", results_suspect_name(b), n, of, results_suspect_advice(b));
    }
}

/* Where the run's time went, per kernel, and what the harness costs inside a timed sample. */
static void print_time(const struct results *r)
{
    const struct plan *p = r->plan;
    double min_sample_s = HUGE_VAL, min_shared_run_s = HUGE_VAL;  /* the shortest run recording shares */
    for (int i = 0; i < r->n; i++) {
        if (r->m[i].n > 0 && r->m[i].summary.min * (double)r->m[i].inner < min_sample_s)
            min_sample_s = r->m[i].summary.min * (double)r->m[i].inner;
        if (r->m[i].n > 0 && r->m[i].team_size > 0)
            min_shared_run_s = fmin(min_shared_run_s, r->m[i].summary.min);
    }
    printf("  Where the time went (seconds; results.json kernels[].time):\n");
    for (int k = 0; k < p->n_kernels; k++) {
        const struct results_time *t = &r->time[k];
        printf("    %-15s %6.1f: timed samples %.1f, around them (poison, verify) %.1f, warm-up %.1f, setup %.1f",
               p->kernels[k].kernel->name, t->total_s, t->timed_s, t->harness_s, t->warmup_s, t->setup_s);
        if (t->copy_s > 0)
            printf(", copy %.1f", t->copy_s);
        printf("\n");
    }
    if (r->n_overhead > 0)
        printf("    %-15s %6.1f\n", "overhead table", r->overhead_table_s);
    if (isfinite(min_sample_s) && r->clock_read_s > 0)
        printf("    inside a timed sample the harness costs two clock reads, %.2g s: %.4f%% of the shortest "
               "sample (%.3g s)\n",
               2 * r->clock_read_s, 100 * 2 * r->clock_read_s / min_sample_s, min_sample_s);
    if (isfinite(min_shared_run_s) && r->clock_read_s > 0)
        printf("    recording each thread's share of the loop costs each thread two clock reads a run, %.2g s: "
               "%.4f%% of the shortest parallel run (%.3g s)\n",
               2 * r->clock_read_s, 100 * 2 * r->clock_read_s / min_shared_run_s, min_shared_run_s);
}

void summary_print(const struct results *r)
{
    const struct plan *p = r->plan;
    const char *how = p->order == PLAN_ORDER_INTERLEAVED
                          ? "speed-up = median of serial / parallel time over samples of the same round"
                          : "speed-up = serial median / parallel median";
    if (p->max_reps > p->reps)
        printf("\nSummary (medians of %ld to %ld timed runs, adaptive; %s):\n", p->reps, p->max_reps, how);
    else
        printf("\nSummary (medians of %ld timed runs; %s):\n", p->reps, how);
    unsigned seen = 0;  /* suspect flags shown, explained at the end */
    for (int k = 0; k < p->n_kernels; k++) {
        const struct measurement *serial = results_serial(r, k, 0), *best = NULL;  /* weak: the base size */
        double best_speedup = 0;
        if (serial == NULL) {  /* an interrupted run had not reached it */
            printf("  %-*s not measured: the run was interrupted before it\n", plan_name_width(p), p->kernels[k].kernel->name);
            continue;
        }
        int n_parallel = 0, n_failed = 0;
        for (int i = 0; i < r->n; i++) {
            struct derived d;
            if (r->m[i].kernel != k || r->m[i].schedule == SCHED_SERIAL || r->m[i].scan_size != 0)
                continue;
            results_derive(r, &r->m[i], &d);
            n_parallel++;
            if (!d.verified) {  /* a wrong result has no speed-up worth the name */
                n_failed++;
                continue;
            }
            if (d.speedup > best_speedup) {
                best_speedup = d.speedup;
                best = &r->m[i];
            }
        }
        struct derived sd;
        char rate[64];
        results_derive(r, serial, &sd);
        summary_format_rate(sd.throughput, p->kernels[k].kernel->work_unit, rate, sizeof rate);
        printf("  %-*s serial %.4f s (%s)", plan_name_width(p), p->kernels[k].kernel->name, serial->summary.median, rate);
        if (best != NULL) {
            struct derived bd;
            char flags[128];
            results_derive(r, best, &bd);
            if (r->hosts.n_ranks > 0)  /* a hybrid MPI run */
                printf("; best %s,%s at %d rank%s x %d thread%s: speed-up %.2f [%.2f, %.2f], efficiency %.2f",
                       schedule_name(best->schedule), best->chunk_label, best->ranks, best->ranks == 1 ? "" : "s",
                       best->threads, best->threads == 1 ? "" : "s", best_speedup, bd.speedup_ci_low,
                       bd.speedup_ci_high, bd.efficiency);
            else
                printf("; best %s,%s at %d threads: speed-up %.2f [%.2f, %.2f], efficiency %.2f",
                       schedule_name(best->schedule), best->chunk_label, best->threads, best_speedup,
                       bd.speedup_ci_low, bd.speedup_ci_high, best_speedup / best->threads);
            results_suspect_format(bd.suspect, flags, sizeof flags);
            if (flags[0] != '\0')
                printf(" (suspect: %s)", flags);
        }
        putchar('\n');
        if (n_failed > 0)
            printf("    VERIFICATION FAILED in %d of %d parallel configurations: their results differ from the serial "
                   "run (verified=0 in raw.csv)\n", n_failed, n_parallel);
        for (int i = 0; i < r->n; i++) {
            struct derived d;
            if (r->m[i].kernel != k || r->m[i].scan_size != 0)
                continue;
            results_derive(r, &r->m[i], &d);
            seen |= d.suspect;
        }
        if (p->weak)
            print_weak(r, k);
        else
            print_fit(r, k);
        if (r->hosts.n_ranks > 0)
            print_ranks(r, k);
        print_pop(r, k);
        print_copy(r, k);
        print_simd_gain(r, k);
        if (p->kernels[k].n_scan > 0)
            print_scan(r, k);
        if (p->kernels[k].kernel->n_metrics > 0)
            print_metrics(r, k);
    }
    print_flags(r, seen);
    if (r->n_overhead > 0) {
        int top = 0;
        for (int i = 0; i < r->n_overhead; i++)
            if (!r->overhead[i].oversubscribed && r->overhead[i].threads > top)
                top = r->overhead[i].threads;
        if (top > 1)
            print_overhead(r, top);
    }
    print_time(r);
}


void summary_print_overhead_table(const struct results *r)
{
    printf("%-9s %-8s %6s %8s %12s   %-25s\n", "construct", "schedule", "chunk", "threads", "median", "95% CI");
    for (int i = 0; i < r->n_overhead; i++) {
        const struct overhead_row *row = &r->overhead[i];
        int per_iteration = strcmp(row->construct, "schedule") == 0;
        double scale = per_iteration ? 1e9 : 1e6;
        const char *unit = per_iteration ? "ns" : "us";
        char chunk[16] = "", ci[64];
        if (per_iteration)
            snprintf(chunk, sizeof chunk, "%d", row->chunk);
        snprintf(ci, sizeof ci, "[%.2f, %.2f] %s", row->ci_low_s * scale, row->ci_high_s * scale, unit);
        printf("%-9s %-8s %6s %8d %9.2f %s   %-25s%s%s\n", row->construct, row->schedule, chunk, row->threads,
               row->median_s * scale, unit, ci, row->within_noise ? "  within noise" : "",
               row->oversubscribed ? "  oversubscribed" : "");
    }
    printf("(schedule rows: cost per loop iteration a thread runs; within noise: the interval holds 0, so no cost\n"
           " can be told apart from the timing noise)\n");
}
