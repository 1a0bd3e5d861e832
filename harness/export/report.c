/* report.c -- report.html: the run on one page, for whoever was not at the terminal when the
 * summary scrolled by: headline, charts, tables, what the flags and warnings mean, the machine.
 *
 * The page is made from struct results alone, like the summary and the CSV files, with the same
 * definitions: the best configuration is series_best_config's (verified, within the CPUs), the
 * fit series_best's, the flags results_derive's explained in results_suspect_advice's words, the
 * machine as `ompscale info` prints it. The charts are the run's own gnuplot scripts, drawn by
 * charts_draw as SVG into a scratch directory and inlined; the only other files read are the
 * pictures kernels saved beside the record (<kernel>.png). Every string that comes from the
 * record goes through html_text. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "charts.h"
#include "html.h"
#include "info.h"
#include "report.h"
#include "rundir.h"
#include "series.h"
#include "summary.h"

enum { CHARTS_MAX = 32, CHART_PATH_LEN = 4200, PICTURE_MAX_PX = 640, TABLE_ROWS_MAX = 2000 };

/* What the page is made of besides the record: the charts drawn for it and why any are missing. */
struct page {
    const struct results *r;
    const char *dir;                 /* the run directory: the kernels' pictures */
    char (*charts)[CHART_PATH_LEN];  /* drawn charts, paths without ".svg" */
    int n_charts;
    char charts_note[1024];          /* why charts are missing; "" when none is */
};

/* charts_draw's callback: keeps the path of each chart drawn. */
static void chart_drawn(void *ctx, const char *path)
{
    struct page *pg = ctx;
    if (pg->n_charts < CHARTS_MAX)
        snprintf(pg->charts[pg->n_charts++], CHART_PATH_LEN, "%s", path);
}

/* A number, or a dash where it does not exist. fmt is a literal with one conversion. */
static void put_num(FILE *f, const char *fmt, double v)
{
    if (isfinite(v))
        fprintf(f, fmt, v);
    else
        fputs("&ndash;", f);
}

/* "[low, high]" in grey, or nothing when the interval does not exist. */
static void put_ci(FILE *f, const char *fmt, double low, double high)
{
    if (!isfinite(low) || !isfinite(high))
        return;
    fputs(" <span class=\"muted\">[", f);
    fprintf(f, fmt, low);
    fputs(", ", f);
    fprintf(f, fmt, high);
    fputs("]</span>", f);
}

/* A configuration's flags as badges, each titled with what it means; a failed verification first. */
static void put_flags(FILE *f, unsigned suspect, int verified)
{
    if (!verified)
        fputs("<span class=\"flag bad\" title=\"the parallel output differed from the serial output\">verify "
              "failed</span>",
              f);
    for (int b = 0; b < RESULTS_SUSPECT_COUNT; b++) {
        if (!(suspect & (1u << b)))
            continue;
        fputs("<span class=\"flag\" title=\"", f);
        html_text(f, results_suspect_advice(b));
        fputs("\">", f);
        html_text(f, results_suspect_name(b));
        fputs("</span>", f);
    }
}

/* A main-run measurement that has a speed-up: not the baseline, not the size scan. */
static int in_main_run(const struct measurement *m)
{
    return m->schedule != SCHED_SERIAL && m->scan_size == 0;
}

/* Counts the main-run configurations of kernel k (every kernel when k < 0) carrying each suspect
 * bit into counts[]; returns how many configurations there are. */
static int count_flags(const struct results *r, int k, int counts[RESULTS_SUSPECT_COUNT])
{
    int of = 0;
    memset(counts, 0, RESULTS_SUSPECT_COUNT * sizeof counts[0]);
    for (int i = 0; i < r->n; i++) {
        struct derived d;
        if ((k >= 0 && r->m[i].kernel != k) || !in_main_run(&r->m[i]))
            continue;
        results_derive(r, &r->m[i], &d);
        of++;
        for (int b = 0; b < RESULTS_SUSPECT_COUNT; b++)
            counts[b] += (d.suspect & (1u << b)) != 0;
    }
    return of;
}

/* Configurations of kernel k whose runs did not all verify. */
static int count_unverified(const struct results *r, int k)
{
    int n = 0;
    for (int i = 0; i < r->n; i++) {
        struct derived d;
        if (r->m[i].kernel != k || r->m[i].schedule == SCHED_SERIAL)
            continue;
        results_derive(r, &r->m[i], &d);
        n += !d.verified;
    }
    return n;
}

/* 1 when the run did not measure all of its plan: interrupted, or killed after a checkpoint. */
static int incomplete(const struct results *r)
{
    const struct plan *p = r->plan;
    return r->interrupted || r->n < plan_n_measurements(p) ||
           (p->overhead && p->overhead_n_threads > 0 && r->n_overhead == 0);
}

static void put_header(FILE *f, const struct results *r)
{
    const struct plan *p = r->plan;
    char date[64] = "";
    struct tm tm;
    if (localtime_r(&r->started, &tm) != NULL)
        strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S %z", &tm);
    fputs("<header>\n<h1>", f);
    html_textf(f, "ompscale run on %s", r->machine.host[0] ? r->machine.host : "an unnamed host");
    fputs("</h1>\n<p>", f);
    if (p->n_kernels > 0)
        html_textf(f, "Class %s, %s scaling, %d kernel%s, %d configuration%s measured; ", kernel_class_name(p->class),
                   p->weak ? "weak" : "strong", p->n_kernels, p->n_kernels == 1 ? "" : "s", r->n, r->n == 1 ? "" : "s");
    else
        html_textf(f, "OpenMP's own costs (ompscale overhead); ");
    html_textf(f, "started %s; ompscale %s (commit %s).", date, r->build.version, r->build.git_commit);
    fputs("</p>\n<p>Command: <code>", f);
    for (int i = 0; i < r->argc; i++) {
        html_text(f, r->argv[i]);
        if (i + 1 < r->argc)
            fputc(' ', f);
    }
    fputs("</code></p>\n</header>\n", f);
    if (incomplete(r)) {
        fputs("<div class=\"alert\" id=\"incomplete\"><strong>This run is incomplete.</strong> ", f);
        html_textf(f, "%s after %d of %d configurations%s. Every configuration shown was measured whole; the "
                      "rest is missing, not zero. Finish it on the same machine and build with: ",
                   r->interrupted ? "It was interrupted (Ctrl-C or SIGTERM)" : "It stopped (killed outright)", r->n,
                   plan_n_measurements(r->plan),
                   r->plan->overhead && r->n_overhead == 0 ? ", and without the overhead table" : "");
        fputs("<code>ompscale run --resume DIR</code> (DIR: this run's directory).</div>\n", f);
    }
    if (r->n_verify_failed > 0) {
        fputs("<div class=\"alert\"><strong>Verification failed.</strong> ", f);
        html_textf(f, "%d timed run%s gave output different from the serial code's: the configurations marked "
                      "'verify failed' computed something else, so their times say nothing about scaling (rows "
                      "with verified=0 in raw.csv).",
                   r->n_verify_failed, r->n_verify_failed == 1 ? "" : "s");
        fputs("</div>\n", f);
    }
}

static void put_contents(FILE *f, const struct page *pg)
{
    const struct results *r = pg->r;
    fputs("<nav><ul>\n", f);
    if (r->plan->n_kernels > 0)
        fputs("<li><a href=\"#headline\">Headline</a></li>\n", f);
    fputs("<li><a href=\"#charts\">Charts</a></li>\n", f);
    if (r->plan->n_kernels > 0)
        fputs("<li><a href=\"#tables\">Tables</a></li>\n", f);
    if (r->n_overhead > 0)
        fputs("<li><a href=\"#overhead\">OpenMP overhead</a></li>\n", f);
    fputs("<li><a href=\"#flags\">Flags and warnings</a></li>\n<li><a href=\"#terms\">Terms</a></li>\n"
          "<li><a href=\"#machine\">Machine and build</a></li>\n</ul></nav>\n",
          f);
}

/* The serial fraction cell of kernel k: the Amdahl fit of its best series. */
static void put_fraction(FILE *f, const struct results *r, int k)
{
    const struct results_fit *fit = series_best(r, k);
    char text[160], name[2 * CHUNK_LABEL_MAX];
    if (r->plan->weak) {
        fputs("<span class=\"muted\">weak scaling: no Amdahl fit</span>", f);
        return;
    }
    if (fit == NULL || !fit->fit.ok) {
        fputs("<span class=\"muted\">no fit: needs two or more thread counts within the CPUs</span>", f);
        return;
    }
    summary_format_fraction(fit->fit.f, fit->fit.f_low, fit->fit.f_high, text, sizeof text);
    series_name(fit->schedule, fit->chunk_label, name, sizeof name);
    html_text(f, text);
    fputs(" <span class=\"muted\">(", f);
    html_text(f, name);
    fputs(")</span>", f);
}

static void put_headline_row(FILE *f, const struct results *r, int k)
{
    const struct plan *p = r->plan;
    const struct measurement *serial = results_serial(r, k, 0);
    fputs("<tr><th scope=\"row\">", f);
    html_text(f, p->kernels[k].kernel->name);
    fputs("</th>", f);
    if (serial == NULL) {
        fputs("<td colspan=\"6\" class=\"muted\">not measured: the run stopped before it</td></tr>\n", f);
        return;
    }
    struct derived sd, d;
    char rate[64], name[2 * CHUNK_LABEL_MAX];
    results_derive(r, serial, &sd);
    summary_format_rate(sd.throughput, p->kernels[k].kernel->work_unit, rate, sizeof rate);
    fputs("<td class=\"n\">", f);
    put_num(f, "%.4g s", serial->summary.median);
    fputs("<br><span class=\"muted\">", f);
    html_text(f, rate);
    fputs("</span></td>", f);
    const struct measurement *best = series_best_config(r, k, &d);
    if (best == NULL) {
        fputs("<td colspan=\"3\" class=\"muted\">no verified parallel configuration within the CPUs</td>", f);
    } else {
        series_name(best->schedule, best->chunk_label, name, sizeof name);
        fputs("<td>", f);
        html_textf(f, "%s at %d thread%s", name, best->threads, best->threads == 1 ? "" : "s");
        fputs("</td><td class=\"n\"><strong>", f);
        put_num(f, "%.2f", d.speedup);
        fputs("</strong>", f);
        put_ci(f, "%.2f", d.speedup_ci_low, d.speedup_ci_high);
        fputs("</td><td class=\"n\"><strong>", f);
        put_num(f, "%.2f", d.efficiency);
        fputs("</strong>", f);
        put_ci(f, "%.2f", d.efficiency_ci_low, d.efficiency_ci_high);
        fputs("</td>", f);
    }
    fputs("<td>", f);
    put_fraction(f, r, k);
    fputs("</td><td>", f);
    if (best != NULL)
        put_flags(f, d.suspect, d.verified);
    int counts[RESULTS_SUSPECT_COUNT], of = count_flags(r, k, counts), any = 0;
    for (int b = 0; b < RESULTS_SUSPECT_COUNT; b++) {
        if (counts[b] == 0)
            continue;
        if (any++ == 0) {
            fputs("<br><span class=\"muted\">", f);
            html_textf(f, "among its %d configurations: ", of);
        } else {
            fputs(", ", f);
        }
        html_textf(f, "%s %d", results_suspect_name(b), counts[b]);
    }
    if (any)
        fputs("</span>", f);
    else if (best != NULL && d.suspect == 0)
        fputs("<span class=\"ok\">none</span>", f);
    fputs("</td></tr>\n", f);
}

/* One line per kernel with more to say than the table: failed verifications, the SIMD gain, the
 * dominant loss by the POP factors, the size scan's break-even sizes. */
static void put_headline_notes(FILE *f, const struct results *r)
{
    const struct plan *p = r->plan;
    int open = 0;
    for (int k = 0; k < p->n_kernels; k++) {
        const char *name = p->kernels[k].kernel->name;
        int unverified = count_unverified(r, k), base;
        double gain = series_simd_gain(r, k, &base);
        int multi = 0;  /* a thread count above 1, for which a break-even means something */
        for (int t = 0; t < p->n_threads; t++)
            multi |= p->threads[t] > 1;
        int scanned = multi && p->kernels[k].n_scan > 0 && results_serial(r, k, p->kernels[k].scan_sizes[0]) != NULL;
        char pop[2048];  /* the dominant loss by the POP factors, as the summary says it */
        int has_pop = summary_pop_sentence(r, k, pop, sizeof pop) == 0;
        if (unverified == 0 && !isfinite(gain) && !scanned && !has_pop)
            continue;
        fputs(open++ ? "" : "<ul>\n", f);
        fputs("<li><strong>", f);
        html_text(f, name);
        fputs("</strong>: ", f);
        if (unverified > 0)
            html_textf(f, "%d configuration%s FAILED verification (excluded from the best). ", unverified,
                       unverified == 1 ? "" : "s");
        if (isfinite(gain))
            html_textf(f, "SIMD gain %.1fx over %s's serial loop (serial throughput against serial throughput), "
                          "on top of the thread speed-up. ",
                       gain, p->kernels[base].kernel->name);
        if (has_pop)
            html_textf(f, "Why it falls short: %s. ", pop);
        if (scanned) {
            html_textf(f, "break-even size of the size scan (the %s from which parallel static clearly beats "
                          "serial):",
                       p->kernels[k].kernel->scan_param);
            for (int t = 0, first = 1; t < p->n_threads; t++) {
                if (p->threads[t] < 2)  /* one thread beating serial is noise or code layout */
                    continue;
                double n = results_break_even_clear(r, k, p->threads[t]);
                if (isnan(n))
                    html_textf(f, "%s no clear win at %d threads", first ? "" : ",", p->threads[t]);
                else
                    html_textf(f, "%s %.0f at %d threads", first ? "" : ",", n, p->threads[t]);
                first = 0;
            }
            html_text(f, ".");
        }
        fputs("</li>\n", f);
    }
    if (open)
        fputs("</ul>\n", f);
}

static void put_headlines(FILE *f, const struct results *r)
{
    const struct plan *p = r->plan;
    fputs("<section id=\"headline\">\n<h2>Headline</h2>\n<p>Per kernel: the serial code's median time, and the "
          "verified configuration with the highest speed-up at a thread count within the CPUs available, with "
          "95% confidence intervals in brackets. The serial fraction f is Amdahl's law fitted to the speed-ups of "
          "the kernel's best series (the schedule,chunk that is fastest at the largest thread count within the "
          "CPUs). Flags say a result is not to be taken at face value; see <a href=\"#flags\">what they "
          "mean</a>.</p>\n",
          f);
    fputs("<div class=\"wide\"><table>\n<thead><tr><th>kernel</th><th>serial time</th><th>best configuration</th>"
          "<th>speed-up</th><th>efficiency</th><th>serial fraction f</th><th>flags</th></tr></thead>\n<tbody>\n",
          f);
    for (int k = 0; k < p->n_kernels; k++)
        put_headline_row(f, r, k);
    fputs("</tbody>\n</table></div>\n", f);
    put_headline_notes(f, r);
    fputs("</section>\n", f);
}

/* What each chart shows, by the stem of its file. */
static const struct {
    const char *stem, *title, *caption;
} chart_texts[] = {
    {"speedup-detail", "Every series: speed-up against threads",
     "One panel per kernel and schedule kind, one line per chunk, with 95% confidence intervals as error bars. "
     "Dashed: ideal. Hollow markers: flagged points."},
    {"speedup", "Speed-up against threads",
     "One panel per kernel: the best series of each schedule kind (colour, marker and dash: the kind) with its 95% "
     "confidence interval as error bars. Dashed: ideal (speed-up = threads). Purple: Amdahl's law fitted to the "
     "kernel's best series, with its ceiling 1/f and any other bound known (sqrtmap: the memory roof from the copy). "
     "Hollow markers: flagged points."},
    {"efficiency", "Efficiency against threads",
     "Speed-up / threads; 1 is perfect. With two or more thread counts, the right axis shows the Karp-Flatt serial "
     "fraction e(p) of the best series: growing with p means the loss is overhead, not a fixed serial part."},
    {"chunks", "Speed-up by schedule and chunk",
     "A heat map at the largest thread count within the CPUs, each cell labelled with its speed-up (*: flagged): "
     "too small a chunk pays for handing out iterations, too large a chunk leaves threads idle at the end."},
    {"crossover", "Size scan: where parallel starts to pay",
     "Time per element against problem size, serial and each thread count; dotted: the break-even size of each "
     "thread count above 1 whose speed-up is clearly above 1 at the largest size; dashed: a copy over the same arrays, the memory bound."},
    {"pop-", "Why the curve bends: POP efficiency factors",
     "Each configuration of the kernel at the largest thread count within the CPUs, grouped bars, 1 dashed: load "
     "balance (mean / max useful time of the threads), runtime efficiency (max useful time / run time), their "
     "product the parallel efficiency, computation scalability (the threads' useful time against one thread's) and "
     "global efficiency, the product of all."},
    {"overhead", "OpenMP's own costs",
     "Left: a parallel region (fork and join) and a barrier against threads. Right: the cost per iteration "
     "handed out by each schedule against chunk size."},
    {"sweep", "The sweep's results",
     "Left: the simulated chain size over the grid. Right: each point's z-score against the closed form; "
     "noise without a pattern means the simulation is right."},
};

/* A hybrid MPI run whose loops were split over ranks draws these two against cores (ranks.gp). */
static const struct {
    const char *stem, *title, *caption;
} rank_chart_texts[] = {
    {"speedup", "Speed-up against cores (MPI ranks x OpenMP threads)",
     "One panel per kernel: its best series, one line per rank count, against cores = ranks x threads. Dashed: "
     "ideal. Purple: Amdahl's law fitted over the cores. Hollow markers: flagged points (oversubscribed: ranks' "
     "threads sharing cores)."},
    {"efficiency", "Efficiency against cores (MPI ranks x OpenMP threads)",
     "Speed-up / cores; 1 is perfect. One line per rank count, for each kernel's best series."},
};

/* 1 when some configuration of r had its loop split over more than one rank. */
static int split_over_ranks(const struct results *r)
{
    for (int i = 0; i < r->n; i++)
        if (r->m[i].ranks > 1)
            return 1;
    return 0;
}

static void put_charts(FILE *f, const struct page *pg)
{
    fputs("<section id=\"charts\">\n<h2>Charts</h2>\n", f);
    if (pg->charts_note[0] != '\0') {
        fputs("<p class=\"note\">", f);
        html_textf(f, "%c%s.", toupper((unsigned char)pg->charts_note[0]), pg->charts_note + 1);
        fputs("</p>\n", f);
    }
    if (pg->n_charts == 0 && pg->charts_note[0] == '\0')
        fputs("<p class=\"muted\">No chart: the run measured nothing to draw.</p>\n", f);
    for (int i = 0; i < pg->n_charts; i++) {
        const char *slash = strrchr(pg->charts[i], '/'), *stem = slash ? slash + 1 : pg->charts[i];
        const char *title = stem, *caption = "";
        char path[CHART_PATH_LEN + 8], prefix[16], err[512];
        for (size_t t = 0; t < sizeof chart_texts / sizeof chart_texts[0]; t++)
            if (strncmp(stem, chart_texts[t].stem, strlen(chart_texts[t].stem)) == 0) {
                title = chart_texts[t].title;
                caption = chart_texts[t].caption;
                break;  /* the first match: speedup-detail before speedup */
            }
        for (size_t t = 0; split_over_ranks(pg->r) && t < sizeof rank_chart_texts / sizeof rank_chart_texts[0]; t++)
            if (strcmp(stem, rank_chart_texts[t].stem) == 0) {
                title = rank_chart_texts[t].title;
                caption = rank_chart_texts[t].caption;
            }
        snprintf(path, sizeof path, "%s.svg", pg->charts[i]);
        snprintf(prefix, sizeof prefix, "c%d", i + 1);
        fputs("<figure id=\"chart-", f);
        html_text(f, stem);
        fputs("\">\n", f);
        if (html_svg_file(f, path, prefix, err, sizeof err) != 0) {
            fputs("<p class=\"note\">", f);
            html_textf(f, "This chart could not be read: %s", err);
            fputs("</p>\n", f);
        }
        fputs("<figcaption><strong>", f);
        html_text(f, title);
        fputs("</strong> (", f);
        html_textf(f, "%s.png/.svg with ompscale plot", stem);
        fputs("). ", f);
        html_text(f, caption);
        fputs("</figcaption>\n</figure>\n", f);
    }
}

/* 1 when the files at a and b hold the same bytes. */
static int same_content(const char *a, const char *b)
{
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    int same = fa != NULL && fb != NULL;
    while (same) {
        char ba[8192], bb[8192];
        size_t na = fread(ba, 1, sizeof ba, fa), nb = fread(bb, 1, sizeof bb, fb);
        same = na == nb && memcmp(ba, bb, na) == 0;
        if (na == 0)
            break;
    }
    if (fa)
        fclose(fa);
    if (fb)
        fclose(fb);
    return same;
}

/* The pictures kernels saved in the run directory, each as a data URI: a kernel with a "png"
 * parameter set saves <kernel>.png (mandelbrot); a picture identical to an earlier one is named,
 * not repeated. Closes the charts section. */
static void put_pictures(FILE *f, const struct page *pg)
{
    const struct plan *p = pg->r->plan;
    char (*paths)[CHART_PATH_LEN] = calloc(PLAN_KERNELS_MAX, sizeof *paths);  /* 130 KB: off the stack */
    int shown[PLAN_KERNELS_MAX], n_shown = 0;
    if (paths == NULL)
        fputs("<p class=\"note\">No pictures: out of memory.</p>\n", f);
    for (int k = 0; paths != NULL && k < p->n_kernels; k++) {
        const char *name = p->kernels[k].kernel->name;
        char err[512];
        int same = -1, png = kernel_param_index(p->kernels[k].kernel, "png");
        snprintf(paths[k], sizeof paths[k], "%.4000s/%s.png", pg->dir, name);
        if (png < 0 || p->kernels[k].values[png] == 0 || access(paths[k], R_OK) != 0)
            continue;
        for (int j = 0; j < n_shown && same < 0; j++)
            if (same_content(paths[shown[j]], paths[k]))
                same = shown[j];
        fputs("<figure id=\"picture-", f);
        html_text(f, name);
        fputs("\">\n", f);
        if (same >= 0) {
            fputs("<figcaption>", f);
            html_textf(f, "%s.png is the same picture as %s.png above.", name, p->kernels[same].kernel->name);
            fputs("</figcaption>\n</figure>\n", f);
            continue;
        }
        if (html_png_file(f, paths[k], PICTURE_MAX_PX, name, err, sizeof err) != 0) {
            fputs("<p class=\"note\">", f);
            html_textf(f, "The picture could not be read: %s", err);
            fputs("</p>\n", f);
        } else {
            shown[n_shown++] = k;
        }
        fputs("<figcaption><strong>", f);
        html_textf(f, "%s.png", name);
        fputs("</strong>: ", f);
        html_textf(f, "the picture %s computed (its serial output), shown at most %d pixels wide.", name,
                   PICTURE_MAX_PX);
        fputs("</figcaption>\n</figure>\n", f);
    }
    free(paths);
    fputs("</section>\n", f);
}

/* The Karp-Flatt fraction as speedup.csv writes it: never negative; 0 when its interval holds 0,
 * none when the interval lies below 0 (a speed-up above linear beyond noise). */
static void put_karp_flatt(FILE *f, const struct derived *d)
{
    switch (results_fraction_kind(d->karp_flatt, d->karp_flatt_ci_low, d->karp_flatt_ci_high)) {
    case RESULTS_FRACTION_PLAIN: fprintf(f, "%.3f", d->karp_flatt); break;
    case RESULTS_FRACTION_ZERO: fprintf(f, "%.3f", d->karp_flatt > 0 ? d->karp_flatt : 0.0); break;
    case RESULTS_FRACTION_IMPOSSIBLE: fputs("<span class=\"muted\">none</span>", f); break;
    case RESULTS_FRACTION_UNKNOWN: fputs("&ndash;", f); break;
    }
}

/* Kernel k's main run, one row per configuration, the serial baseline first. */
static void put_kernel_table(FILE *f, const struct results *r, int k)
{
    int rows = 0, any_bandwidth = 0, any_copy = 0;
    for (int i = 0; i < r->n; i++) {
        struct derived d;
        if (r->m[i].kernel != k || r->m[i].scan_size != 0)
            continue;
        results_derive(r, &r->m[i], &d);
        rows++;
        any_bandwidth |= isfinite(d.bandwidth_gbs);
        any_copy |= isfinite(d.copy_gbs);
    }
    fputs("<details open>\n<summary>", f);
    html_textf(f, "%s: %d configuration%s", r->plan->kernels[k].kernel->name, rows, rows == 1 ? "" : "s");
    fputs("</summary>\n<div class=\"wide\"><table>\n<thead><tr><th>schedule,chunk</th><th>threads</th>", f);
    if (r->hosts.n_ranks > 0)  /* a hybrid MPI run: efficiency is over ranks x threads */
        fputs("<th>MPI ranks</th>", f);
    if (r->plan->weak) {
        fputs("<th>", f);
        html_text(f, r->plan->kernels[k].kernel->weak_param);
        fputs("</th>", f);
    }
    fputs("<th>samples</th><th>median (s)</th><th>95% CI of the median (s)</th><th>cv</th><th>speed-up</th>"
          "<th>vs 1 thread</th><th>efficiency</th><th>Karp-Flatt e</th>",
          f);
    if (any_bandwidth)
        fputs("<th>GB/s</th>", f);
    if (any_copy)
        fputs("<th>of a copy</th>", f);
    fputs("<th>flags</th></tr></thead>\n<tbody>\n", f);
    for (int i = 0; i < r->n; i++) {
        const struct measurement *m = &r->m[i];
        struct derived d;
        char name[2 * CHUNK_LABEL_MAX];
        if (m->kernel != k || m->scan_size != 0)
            continue;
        results_derive(r, m, &d);
        int serial = m->schedule == SCHED_SERIAL;
        if (serial)
            snprintf(name, sizeof name, "serial code");
        else
            series_name(m->schedule, m->chunk_label, name, sizeof name);
        fputs(serial ? "<tr class=\"serial\"><td>" : m->oversubscribed ? "<tr class=\"over\"><td>" : "<tr><td>", f);
        html_text(f, name);
        fprintf(f, "</td><td class=\"n\">%d</td>", m->threads);
        if (r->hosts.n_ranks > 0)
            fprintf(f, "<td class=\"n\">%d</td>", m->ranks);
        if (r->plan->weak) {
            fputs("<td class=\"n\">", f);
            put_num(f, "%.0f", m->weak_size);
            fputs("</td>", f);
        }
        fprintf(f, "<td class=\"n\">%d</td><td class=\"n\">", m->n);
        put_num(f, "%.4g", m->summary.median);
        fputs("</td><td class=\"n\">", f);
        put_num(f, "%.4g", m->summary.ci_low);
        fputs(" &ndash; ", f);
        put_num(f, "%.4g", m->summary.ci_high);
        fputs("</td><td class=\"n\">", f);
        put_num(f, "%.3f", m->summary.cv);
        fputs("</td><td class=\"n\">", f);
        if (!serial) {
            put_num(f, "%.2f", d.speedup);
            put_ci(f, "%.2f", d.speedup_ci_low, d.speedup_ci_high);
        }
        fputs("</td><td class=\"n\">", f);
        if (!serial)
            put_num(f, "%.2f", d.speedup_1thread);
        fputs("</td><td class=\"n\">", f);
        if (!serial)
            put_num(f, "%.2f", d.efficiency);
        fputs("</td><td class=\"n\">", f);
        if (!serial && m->threads > 1)
            put_karp_flatt(f, &d);
        fputs("</td>", f);
        if (any_bandwidth) {
            fputs("<td class=\"n\">", f);
            put_num(f, "%.2f", d.bandwidth_gbs);
            fputs("</td>", f);
        }
        if (any_copy) {
            fputs("<td class=\"n\">", f);
            put_num(f, "%.0f%%", 100 * d.bandwidth_of_copy);
            fputs("</td>", f);
        }
        fputs("<td>", f);
        put_flags(f, d.suspect, d.verified);
        fputs("</td></tr>\n", f);
    }
    fputs("</tbody>\n</table></div>\n</details>\n", f);
}

/* Amdahl's law fitted to every series, as amdahl.csv. */
static void put_fits(FILE *f, const struct results *r)
{
    if (r->n_fits == 0)
        return;
    fputs("<h3>Amdahl fits (amdahl.csv)</h3>\n<div class=\"wide\"><table>\n<thead><tr><th>kernel</th><th>series</th>"
          "<th>thread counts</th><th>serial fraction f [95% CI]</th><th>R&sup2;</th><th>ceiling 1/f</th>"
          "<th>Karp-Flatt e(p)</th></tr></thead>\n<tbody>\n",
          f);
    for (int i = 0; i < r->n_fits; i++) {
        const struct results_fit *x = &r->fits[i];
        char name[2 * CHUNK_LABEL_MAX], text[160];
        series_name(x->schedule, x->chunk_label, name, sizeof name);
        fputs(x->best ? "<tr><td><strong>" : "<tr><td>", f);
        html_text(f, r->plan->kernels[x->kernel].kernel->name);
        fputs(x->best ? "</strong></td><td><strong>" : "</td><td>", f);
        html_text(f, name);
        fputs(x->best ? "</strong> (best)" : "", f);
        if (!x->fit.ok) {
            fputs("</td><td colspan=\"5\" class=\"muted\">no fit: fewer than two thread counts within the "
                  "CPUs</td></tr>\n",
                  f);
            continue;
        }
        fprintf(f, "</td><td class=\"n\">%d</td><td>", x->fit.n);
        summary_format_fraction(x->fit.f, x->fit.f_low, x->fit.f_high, text, sizeof text);
        html_text(f, text);
        fputs("</td><td class=\"n\">", f);
        put_num(f, "%.3f", x->fit.r2);
        fputs("</td><td class=\"n\">", f);
        put_num(f, "%.1f", x->fit.ceiling);
        fprintf(f, "</td><td>%s</td></tr>\n",
                x->karp_flatt_trend > 0   ? "grows with p: overhead"
                : x->karp_flatt_trend < 0 ? "falls with p"
                : x->fit.n > 2            ? "flat: a fixed serial part"
                                          : "&ndash;");
    }
    fputs("</tbody>\n</table></div>\n", f);
}

/* Kernel k's size scan: per size, the serial time and each thread count's speed-up (static). */
static void put_scan(FILE *f, const struct results *r, int k)
{
    const struct plan *p = r->plan;
    const struct plan_kernel *pk = &p->kernels[k];
    if (pk->n_scan == 0 || results_serial(r, k, pk->scan_sizes[0]) == NULL)
        return;
    fputs("<h3>", f);
    html_textf(f, "Size scan of %s (crossover.csv)", pk->kernel->name);
    fputs("</h3>\n<div class=\"wide\"><table>\n<thead><tr>", f);
    fputs("<th>", f);
    html_text(f, pk->kernel->scan_param);
    fputs("</th><th>serial median (s)</th>", f);
    for (int t = 0; t < p->n_threads; t++)
        fprintf(f, "<th>speed-up, %d thread%s</th>", p->threads[t], p->threads[t] == 1 ? "" : "s");
    fputs("</tr></thead>\n<tbody>\n", f);
    for (int s = 0; s < pk->n_scan; s++) {
        const struct measurement *serial = results_serial(r, k, pk->scan_sizes[s]);
        if (serial == NULL)
            continue;
        fprintf(f, "<tr><td class=\"n\">%.0f</td><td class=\"n\">", pk->scan_sizes[s]);
        put_num(f, "%.4g", serial->summary.median);
        fputs("</td>", f);
        for (int t = 0; t < p->n_threads; t++) {
            const struct measurement *at = NULL;
            for (int i = 0; i < r->n && at == NULL; i++)
                if (r->m[i].kernel == k && r->m[i].scan_size == pk->scan_sizes[s] &&
                    r->m[i].schedule != SCHED_SERIAL && r->m[i].threads == p->threads[t])
                    at = &r->m[i];
            fputs("<td class=\"n\">", f);
            if (at != NULL) {
                struct derived d;
                results_derive(r, at, &d);
                put_num(f, "%.2f", d.speedup);
            } else {
                fputs("&ndash;", f);
            }
            fputs("</td>", f);
        }
        fputs("</tr>\n", f);
    }
    fputs("<tr><th scope=\"row\" colspan=\"2\">break-even size</th>", f);
    for (int t = 0; t < p->n_threads; t++) {
        double n = results_break_even(r, k, p->threads[t]);
        fputs("<td class=\"n\">", f);
        if (isnan(n))
            fputs("never", f);
        else
            fprintf(f, "%.0f", n);
        fputs("</td>", f);
    }
    fputs("</tr>\n</tbody>\n</table></div>\n", f);
}

/* Kernels' data tables (sweep.csv), first TABLE_ROWS_MAX rows. */
static void put_data_tables(FILE *f, const struct results *r)
{
    for (int t = 0; t < r->n_tables; t++) {
        const struct results_table *x = &r->tables[t];
        fputs("<details>\n<summary>", f);
        html_textf(f, "%s.csv: %ld row%s", x->name, x->n_rows, x->n_rows == 1 ? "" : "s");
        if (x->n_rows > TABLE_ROWS_MAX)
            html_textf(f, " (the first %d shown)", TABLE_ROWS_MAX);
        fputs("</summary>\n<div class=\"wide\"><table>\n<thead><tr>", f);
        for (int c = 0; c < x->n_columns; c++) {
            fputs("<th>", f);
            html_text(f, x->columns[c]);
            fputs("</th>", f);
        }
        fputs("</tr></thead>\n<tbody>\n", f);
        for (long i = 0; i < x->n_rows && i < TABLE_ROWS_MAX; i++) {
            fputs("<tr>", f);
            for (int c = 0; c < x->n_columns; c++) {
                fputs("<td class=\"n\">", f);
                put_num(f, "%.6g", x->values[i * x->n_columns + c]);
                fputs("</td>", f);
            }
            fputs("</tr>\n", f);
        }
        fputs("</tbody>\n</table></div>\n</details>\n", f);
    }
}

/* Where each kernel's wall time went. */
static void put_time(FILE *f, const struct results *r)
{
    const struct plan *p = r->plan;
    fputs("<h3>Where the time went (seconds)</h3>\n<div class=\"wide\"><table>\n<thead><tr><th>part</th><th>total</th>"
          "<th>timed samples</th><th>around them</th><th>warm-up</th><th>setup</th><th>copy</th>"
          "<th>samples</th></tr></thead>\n<tbody>\n",
          f);
    for (int k = 0; k < p->n_kernels; k++) {
        const struct results_time *t = &r->time[k];
        fputs("<tr><td>", f);
        html_text(f, p->kernels[k].kernel->name);
        fprintf(f, "</td><td class=\"n\">%.2f</td><td class=\"n\">%.2f</td><td class=\"n\">%.2f</td>"
                   "<td class=\"n\">%.2f</td><td class=\"n\">%.2f</td><td class=\"n\">%.2f</td>"
                   "<td class=\"n\">%d</td></tr>\n",
                t->total_s, t->timed_s, t->harness_s, t->warmup_s, t->setup_s, t->copy_s, t->samples);
    }
    if (r->n_overhead > 0)
        fprintf(f, "<tr><td>overhead table</td><td class=\"n\">%.2f</td><td colspan=\"6\"></td></tr>\n",
                r->overhead_table_s);
    fprintf(f, "<tr><th scope=\"row\">kernels</th><td class=\"n\">%.2f</td><td colspan=\"6\" class=\"muted\">"
               "from the first setup to the last teardown</td></tr>\n</tbody>\n</table></div>\n",
            r->wall_s);
}

static void put_tables(FILE *f, const struct results *r)
{
    const struct plan *p = r->plan;
    if (p->n_kernels == 0)
        return;
    fputs("<section id=\"tables\">\n<h2>Tables</h2>\n<p>Every configuration of each kernel's main run, as in "
          "speedup.csv and efficiency.csv: times in seconds, the 95% interval of the median by order statistics, "
          "speed-ups with their 95% intervals. Grey rows: the serial baseline and oversubscribed thread "
          "counts.</p>\n",
          f);
    for (int k = 0; k < p->n_kernels; k++)
        if (results_serial(r, k, 0) != NULL)
            put_kernel_table(f, r, k);
    put_fits(f, r);
    for (int k = 0; k < p->n_kernels; k++)
        put_scan(f, r, k);
    put_data_tables(f, r);
    put_time(f, r);
    fputs("</section>\n", f);
}

static void put_overhead(FILE *f, const struct results *r)
{
    if (r->n_overhead == 0)
        return;
    fputs("<section id=\"overhead\">\n<h2>OpenMP overhead (overhead.csv)</h2>\n<p>The cost of a parallel region "
          "and of a barrier (per construct), and of handing out loop iterations under each schedule (per "
          "iteration a thread runs), measured as the EPCC micro-benchmarks do: test time less a serial "
          "reference. 'within noise': the interval holds 0, so no cost is told apart from the timing "
          "noise.</p>\n<details>\n<summary>",
          f);
    html_textf(f, "%d row%s", r->n_overhead, r->n_overhead == 1 ? "" : "s");
    fputs("</summary>\n<div class=\"wide\"><table>\n<thead><tr><th>construct</th><th>schedule</th><th>chunk</th>"
          "<th>threads</th><th>median</th><th>95% CI</th><th>note</th></tr></thead>\n<tbody>\n",
          f);
    for (int i = 0; i < r->n_overhead; i++) {
        const struct overhead_row *row = &r->overhead[i];
        int per_iteration = strcmp(row->construct, "schedule") == 0;
        double scale = per_iteration ? 1e9 : 1e6;
        const char *unit = per_iteration ? "ns" : "&micro;s";
        fputs("<tr><td>", f);
        html_text(f, row->construct);
        fputs("</td><td>", f);
        html_text(f, row->schedule);
        fputs("</td><td class=\"n\">", f);
        if (per_iteration)
            fprintf(f, "%d", row->chunk);
        fprintf(f, "</td><td class=\"n\">%d</td><td class=\"n\">", row->threads);
        put_num(f, "%.2f", row->median_s * scale);
        fprintf(f, " %s</td><td class=\"n\">", unit);
        put_num(f, "%.2f", row->ci_low_s * scale);
        fputs(" &ndash; ", f);
        put_num(f, "%.2f", row->ci_high_s * scale);
        fprintf(f, " %s</td><td>%s%s%s</td></tr>\n", unit, row->within_noise ? "within noise" : "",
                row->within_noise && row->oversubscribed ? "; " : "", row->oversubscribed ? "oversubscribed" : "");
    }
    fputs("</tbody>\n</table></div>\n</details>\n</section>\n", f);
}

static void put_flags_and_warnings(FILE *f, const struct results *r)
{
    int counts[RESULTS_SUSPECT_COUNT], of = count_flags(r, -1, counts);
    fputs("<section id=\"flags\">\n<h2>Flags and warnings</h2>\n<p>A flag marks a configuration whose figures "
          "are measured correctly but are not to be taken at face value (the suspect column of speedup.csv; "
          "hollow markers in the charts). What each means, and what to do:</p>\n<div class=\"wide\"><table>\n"
          "<thead><tr><th>flag</th><th>configurations</th><th>meaning and what to do</th></tr></thead>\n<tbody>\n",
          f);
    for (int b = 0; b < RESULTS_SUSPECT_COUNT; b++) {
        fputs("<tr><td><span class=\"flag\">", f);
        html_text(f, results_suspect_name(b));
        fputs("</span></td><td class=\"n\">", f);
        if (counts[b] > 0)
            fprintf(f, "%d of %d", counts[b], of);
        else
            fputs("<span class=\"muted\">none</span>", f);
        fputs("</td><td>", f);
        html_text(f, results_suspect_advice(b));
        fputs("</td></tr>\n", f);
    }
    fputs("<tr><td><span class=\"flag bad\">verify failed</span></td><td class=\"n\">", f);
    if (r->n_verify_failed > 0)
        fprintf(f, "%d run%s", r->n_verify_failed, r->n_verify_failed == 1 ? "" : "s");
    else
        fputs("<span class=\"muted\">none</span>", f);
    fputs("</td><td>the parallel output differed from the serial output in a timed run: the configuration "
          "computed something else, so its time means nothing; a bug in the kernel or the compiler</td></tr>\n"
          "</tbody>\n</table></div>\n<h3>Warnings</h3>\n",
          f);
    if (r->warnings.n == 0) {
        fputs("<p class=\"ok\">None: nothing about the machine or the run made ompscale doubt the numbers.</p>\n", f);
    } else {
        fputs("<p>Things about the machine or the run that make the numbers less trustworthy, each with what to "
              "do (also in meta.json):</p>\n<ul>\n",
              f);
        for (int i = 0; i < r->warnings.n; i++) {
            fputs("<li>", f);
            html_text(f, r->warnings.text[i]);
            fputs("</li>\n", f);
        }
        fputs("</ul>\n", f);
    }
    fputs("</section>\n", f);
}

static void put_terms(FILE *f, const struct results *r)
{
    fputs("<section id=\"terms\">\n<h2>Terms</h2>\n<dl class=\"facts\">\n", f);
    if (r->plan->order == PLAN_ORDER_INTERLEAVED)
        fputs("<dt>speed-up</dt><dd>serial time / parallel time: the median over rounds of the ratio of samples "
              "taken in the same round, moments apart (interleaved order), so that a machine changing speed "
              "during the run changes both alike</dd>\n",
              f);
    else
        fputs("<dt>speed-up</dt><dd>serial median time / parallel median time (sequential order)</dd>\n", f);
    fputs("<dt>95% CI</dt><dd>a distribution-free 95% confidence interval of the median, from order statistics; "
          "below 6 samples it is [min, max] with less coverage</dd>\n"
          "<dt>vs 1 thread</dt><dd>the same schedule,chunk at 1 thread over this one; in weak scaling the scaled "
          "speed-up</dd>\n"
          "<dt>efficiency</dt><dd>speed-up / threads: 1 is perfect scaling</dd>\n"
          "<dt>Karp-Flatt e</dt><dd>the serial fraction that explains one speed-up, (1/S - 1/p) / (1 - 1/p); "
          "growing with p means the loss is overhead</dd>\n"
          "<dt>serial fraction f</dt><dd>Amdahl's law S(p) = 1 / (f + (1 - f)/p) fitted to a series' speed-ups; "
          "1/f is the most speed-up any thread count can give</dd>\n"
          "<dt>cv</dt><dd>coefficient of variation of the samples, sd / mean</dd>\n"
          "<dt>oversubscribed</dt><dd>more threads than CPUs available: threads share cores, which is not "
          "scaling</dd>\n"
          "<dt>verified</dt><dd>every timed parallel run's output equalled the serial output exactly</dd>\n"
          "</dl>\n</section>\n",
          f);
}

/* The machine as `ompscale info` prints it, one fact per "label value" line. */
static void put_machine_facts(FILE *f, const struct results *r)
{
    char *text = NULL;
    size_t size = 0;
    FILE *mem = open_memstream(&text, &size);
    if (mem == NULL)
        return;
    info_print(mem, &r->machine, NULL);
    fclose(mem);
    for (char *line = text; line != NULL && *line;) {
        char *next = strchr(line, '\n');
        if (next != NULL)
            *next++ = '\0';
        size_t len = strlen(line), cut = len > 12 ? 12 : len;
        while (cut > 0 && line[cut - 1] == ' ')
            cut--;
        fputs("<dt>", f);
        html_textf(f, "%.*s", (int)cut, line);
        fputs("</dt><dd>", f);
        html_text(f, len > 13 ? line + 13 : "");
        fputs("</dd>\n", f);
        line = next;
    }
    free(text);
}

/* The kernels' parameters, and the machine's state before and after each. */
static void put_kernel_facts(FILE *f, const struct results *r)
{
    const struct plan *p = r->plan;
    for (int k = 0; k < p->n_kernels; k++) {
        const struct kernel *kern = p->kernels[k].kernel;
        fputs("<dt>", f);
        html_text(f, kern->name);
        fputs("</dt><dd><span class=\"mono\">", f);
        for (int j = 0; j < kern->n_params; j++) {
            char v[32];
            plan_format_value(&kern->params[j], p->kernels[k].values[j], v, sizeof v);
            html_textf(f, "%s%s=%s", j ? " " : "", kern->params[j].name, v);
        }
        fputs("</span>", f);
        const struct sysinfo_sample *before = &r->samples[k][0], *after = &r->samples[k][1];
        if ((before->have & after->have) & SYSINFO_HAVE_TEMP)
            html_textf(f, "; temperature %.1f to %.1f C", before->temp_c, after->temp_c);
        if ((before->have & after->have) & SYSINFO_HAVE_MHZ)
            html_textf(f, "; clock %.0f to %.0f MHz", before->cpu_mhz, after->cpu_mhz);
        if (r->serial_section_s[k] > 0)
            html_textf(f, "; injected serial section %.4g s per run", r->serial_section_s[k]);
        fputs("</dd>\n", f);
    }
}

static void put_machine(FILE *f, const struct results *r)
{
    const struct plan *p = r->plan;
    const struct results_build *b = &r->build;
    const struct placement *pl = &r->placement;
    fputs("<section id=\"machine\">\n<h2>Machine and build</h2>\n<h3>Machine</h3>\n<dl class=\"facts\">\n", f);
    put_machine_facts(f, r);
    fputs("<dt>binding</dt><dd>", f);
    html_textf(f, "%s (the runtime applied proc_bind %s, places %s, %d place%s)", pl->bind[0] ? pl->bind : "?",
               pl->proc_bind[0] ? pl->proc_bind : "?", pl->places[0] ? pl->places : "unset", pl->n_places,
               pl->n_places == 1 ? "" : "s");
    if (pl->n_thread_cpus > 0) {
        html_textf(f, "; a team of %d ran on CPUs", pl->n_thread_cpus);
        for (int i = 0; i < pl->n_thread_cpus; i++)
            html_textf(f, "%s%d", i ? ", " : " ", pl->thread_cpus[i]);
    }
    fputs("</dd>\n</dl>\n<h3>Build</h3>\n<dl class=\"facts\">\n<dt>ompscale</dt><dd>", f);
    html_textf(f, "%s, commit %s", b->version, b->git_commit);
    fputs("</dd>\n<dt>compiler</dt><dd>", f);
    html_textf(f, "%s %s, %s build", b->compiler_id, b->compiler_version, b->build_type);
    fputs("</dd>\n<dt>flags</dt><dd><code>", f);
    html_text(f, b->c_flags);
    fputs("</code>", f);
    if (b->file_flags[0]) {
        fputs("; per file: <code>", f);
        html_text(f, b->file_flags);
        fputs("</code>", f);
    }
    fputs("</dd>\n<dt>OpenMP</dt><dd>", f);
    html_textf(f, "%ld (_OPENMP), flags %s", b->openmp_version, b->openmp_flags);
    fputs("</dd>\n</dl>\n<h3>Run</h3>\n<dl class=\"facts\">\n<dt>problem</dt><dd>", f);
    html_textf(f, "class %s, %s scaling", kernel_class_name(p->class), p->weak ? "weak" : "strong");
    fputs("</dd>\n<dt>threads</dt><dd>", f);
    for (int t = 0; t < p->n_threads; t++)
        html_textf(f, "%s%d", t ? ", " : "", p->threads[t]);
    html_textf(f, " (%d CPU%s available)", p->cpus_available, p->cpus_available == 1 ? "" : "s");
    if (r->hosts.n_ranks > 0) {
        fputs("</dd>\n<dt>MPI ranks</dt><dd>", f);
        for (int q = 0; q < plan_n_ranks(p); q++)
            html_textf(f, "%s%d", q ? ", " : "", plan_ranks_at(p, q));
        html_textf(f, " of a job of %d on %d host%s; ", r->hosts.n_ranks, r->hosts.n_hosts,
                   r->hosts.n_hosts == 1 ? "" : "s");
        html_text(f, r->hosts.library);
    }
    if (p->n_kernels > 0) {
        fputs("</dd>\n<dt>schedules</dt><dd>", f);
        for (int s = 0; s < p->n_schedules; s++)
            html_textf(f, "%s%s", s ? ", " : "", schedule_name(p->schedules[s]));
        fputs("</dd>\n<dt>samples</dt><dd>", f);
        if (p->max_reps > p->reps)
            html_textf(f, "adaptive: %ld to %ld per configuration, until the speed-up's 95%% CI is narrower than "
                          "%.3g x its value; ",
                       p->reps, p->max_reps, p->ci_target);
        else
            html_textf(f, "%ld per configuration; ", p->reps);
        html_textf(f, "%ld warm-up run%s; %s order, seed %llu", p->warmup, p->warmup == 1 ? "" : "s",
                   p->order == PLAN_ORDER_INTERLEAVED ? "interleaved" : "sequential", p->seed);
        if (p->serial_fraction > 0)
            html_textf(f, "; injected serial fraction %.3g", p->serial_fraction);
    }
    fputs("</dd>\n<dt>timer</dt><dd>", f);
    html_textf(f, "granularity %.3g s; one read %.3g s", r->clock_granularity_s, r->clock_read_s);
    fputs("</dd>\n<dt>wall time</dt><dd>", f);
    html_textf(f, "kernels %.1f s", r->wall_s);
    if (r->n_overhead > 0)
        html_textf(f, ", overhead table %.1f s", r->overhead_table_s);
    if (r->peak_rss_bytes > 0)
        html_textf(f, "; peak memory %.0f MB", r->peak_rss_bytes / 1e6);
    fputs("</dd>\n", f);
    put_kernel_facts(f, r);
    fputs("</dl>\n</section>\n", f);
}

/* html_write_file's writer: the whole page. */
static int write_page(FILE *f, void *ctx, char *err, size_t err_size)
{
    const struct page *pg = ctx;
    const struct results *r = pg->r;
    char title[512];
    (void)err;
    (void)err_size;
    snprintf(title, sizeof title, "ompscale report: %.200s, class %s%s", r->machine.host,
             kernel_class_name(r->plan->class), incomplete(r) ? " (incomplete)" : "");
    html_begin(f, title);
    put_header(f, r);
    put_contents(f, pg);
    if (r->plan->n_kernels > 0)
        put_headlines(f, r);
    put_charts(f, pg);
    put_pictures(f, pg);
    put_tables(f, r);
    put_overhead(f, r);
    put_flags_and_warnings(f, r);
    put_terms(f, r);
    put_machine(f, r);
    fputs("<footer><p class=\"muted\">", f);
    html_textf(f, "Written by ompscale %s from the run's results.json; self-contained: nothing on this page is "
                  "fetched from elsewhere. Write it again with: ompscale report DIR.",
               r->build.version);
    fputs("</p></footer>\n", f);
    html_end(f);
    return 0;
}

int report_write(const struct results *r, const char *dir, char *note, size_t note_size, char *err,
                 size_t err_size)
{
    struct page pg = {.r = r, .dir = dir};
    struct rundir scratch;
    char path[CHART_PATH_LEN], why[1024];
    pg.charts = calloc(CHARTS_MAX, sizeof *pg.charts);
    if (pg.charts == NULL) {
        snprintf(err, err_size, "out of memory");
        return -1;
    }
    if (rundir_scratch(&scratch, why, sizeof why) != 0) {
        snprintf(pg.charts_note, sizeof pg.charts_note, "no charts: %.900s", why);
    } else {
        int drawn = charts_draw(r, scratch.staging, CHARTS_SVG, chart_drawn, &pg, why, sizeof why, NULL, 0);
        if (drawn == CHARTS_NO_GNUPLOT)
            snprintf(pg.charts_note, sizeof pg.charts_note, "no charts: gnuplot is not installed (Debian, Ubuntu, "
                     "Raspberry Pi OS: sudo apt-get install gnuplot-nox; then ompscale report DIR draws them); the "
                     "tables hold every figure");
        else if (drawn != 0)
            snprintf(pg.charts_note, sizeof pg.charts_note, "%s: %.900s",
                     pg.n_charts > 0 ? "not every chart could be drawn" : "no charts", why);
    }
    snprintf(path, sizeof path, "%.4000s/%s", dir, REPORT_FILE);
    int rc = html_write_file(path, write_page, &pg, err, err_size);
    rundir_abandon(&scratch);
    if (note != NULL && note_size > 0)
        snprintf(note, note_size, "%s", pg.charts_note);
    free(pg.charts);
    return rc;
}
