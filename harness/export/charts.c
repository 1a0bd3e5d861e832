/* charts.c -- the chart driver: writes the CSV files the gnuplot scripts read, works out from
 * the results what the scripts need besides them, and runs gnuplot once per chart.
 *
 * The scripts (plots/NAME.gp) take their inputs as gnuplot variables set with -e; each is set here
 * from struct results, never re-derived from a CSV: the CPU count is the plan's, a series is
 * oversubscribed by plan_oversubscribed, the best series of each kind series_best_of_kind's, the
 * best series and its fit results_fit_all's, the points drawn hollow results_derive's suspect
 * bits, the break-even sizes worth marking results_break_even_clear's, whether a kernel timed a
 * copy r->copies', the configurations with POP factors results_derive's. Only what has points is
 * handed to a script, so no part of a plot is empty. A hybrid MPI run whose loops were split over
 * ranks has its speed-up and efficiency drawn by ranks.gp instead of scaling.gp: against cores,
 * one line per rank count, for each kernel's best series; its other charts (the detail, the heat
 * map, the POP factors, the text chart) show its one-rank rows (one_rank=1). gnuplot's own output
 * goes to a temporary file and is handed back only when gnuplot fails, so its warnings stay off
 * the terminal; the charts are drawn so that there are none to keep off (test_plot.sh checks). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "charts.h"
#include "csv.h"
#include "series.h"

enum { PATH_LEN = 4096 };

static void sb_printf(struct charts_vars *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (b->failed || n < 0) {
        b->failed = 1;
        return;
    }
    if (b->len + (size_t)n + 1 > b->cap) {
        size_t cap = 2 * (b->len + (size_t)n + 1);
        char *s = realloc(b->s, cap);
        if (s == NULL) {
            b->failed = 1;
            return;
        }
        b->s = s;
        b->cap = cap;
    }
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* Appends name='value'; as a gnuplot assignment (a single quote is written twice). */
static void sb_assign(struct charts_vars *b, const char *name, const char *value)
{
    sb_printf(b, "%s='", name);
    for (const char *p = value; *p; p++)
        sb_printf(b, *p == '\'' ? "''" : "%c", *p);
    sb_printf(b, "'; ");
}

/* Appends name='DIR/file'; */
static void sb_path(struct charts_vars *b, const char *name, const char *dir, const char *file)
{
    char path[PATH_LEN];
    snprintf(path, sizeof path, "%.3000s/%s", dir, file);
    sb_assign(b, name, path);
}

/* Whether an executable called prog is on PATH. */
static int on_path(const char *prog)
{
    const char *path = getenv("PATH");
    char file[PATH_LEN];
    while (path != NULL && *path) {
        size_t len = strcspn(path, ":");
        snprintf(file, sizeof file, "%.*s/%s", (int)(len < 3000 ? len : 3000), len ? path : ".", prog);
        if (access(file, X_OK) == 0)
            return 1;
        path += len + (path[len] == ':');
    }
    return 0;
}

/* 1 when dir holds scaling.gp. */
static int has_scripts(const char *dir)
{
    char file[PATH_LEN];
    snprintf(file, sizeof file, "%.4000s/scaling.gp", dir);
    return access(file, R_OK) == 0;
}

int charts_find_scripts(char *buf, size_t size, char *err, size_t err_size)
{
    const char *env = getenv("OMPSCALE_PLOTS_DIR");
    if (env != NULL && *env) {
        snprintf(buf, size, "%s", env);
        if (has_scripts(buf))
            return 0;
        snprintf(err, err_size, "OMPSCALE_PLOTS_DIR '%.900s': no scaling.gp there", env);
        return CHARTS_NO_SCRIPTS;
    }
    char exe[PATH_LEN];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) {
        snprintf(err, err_size, "cannot find the gnuplot scripts: /proc/self/exe: %s; set OMPSCALE_PLOTS_DIR",
                 n < 0 ? strerror(errno) : "empty");
        return CHARTS_NO_SCRIPTS;
    }
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash != NULL)
        *slash = '\0';
    static const char *const under[] = {"share/ompscale/plots", "../share/ompscale/plots"};  /* build, install */
    for (size_t i = 0; i < sizeof under / sizeof under[0]; i++) {
        snprintf(buf, size, "%.3000s/%s", exe, under[i]);
        if (has_scripts(buf))
            return 0;
    }
    snprintf(err, err_size,
             "gnuplot scripts not found in %.900s/share/ompscale/plots or %.900s/../share/ompscale/plots; set "
             "OMPSCALE_PLOTS_DIR to ompscale's plots directory",
             exe, exe);
    return CHARTS_NO_SCRIPTS;
}

/* What one drawing needs: where the scripts are, which files to write, where gnuplot's messages
 * go. */
struct drawing {
    char *scripts;                   /* PATH_LEN long */
    const char *dir;
    const char *formats;             /* the scripts' formats variable: "png svg", "svg", "png" */
    void (*drawn)(void *ctx, const char *path);
    void *ctx;
    char *err, *log;
    size_t err_size, log_size;
    int to_stdout;                   /* the chart is gnuplot's standard output (a text chart): only
                                        its stderr is kept */
};

/* Runs gnuplot -e vars script.gp with its output captured; out is the chart's path without
 * extension. Returns 0, or CHARTS_FAILED with err (and gnuplot's messages in log). */
static int run_gnuplot(struct drawing *d, struct charts_vars *vars, const char *script, const char *out)
{
    char path[PATH_LEN];
    snprintf(path, sizeof path, "%.4000s/%s", d->scripts, script);
    if (d->formats != NULL)
        sb_assign(vars, "formats", d->formats);
    if (vars->failed) {
        snprintf(d->err, d->err_size, "%s: out of memory", out);
        return CHARTS_FAILED;
    }
    FILE *messages = tmpfile();
    if (messages == NULL) {
        snprintf(d->err, d->err_size, "gnuplot's messages: temporary file: %s", strerror(errno));
        return CHARTS_FAILED;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        char *args[] = {"gnuplot", "-e", vars->s, path, NULL};
        if (!d->to_stdout)
            dup2(fileno(messages), STDOUT_FILENO);
        dup2(fileno(messages), STDERR_FILENO);
        execvp(args[0], args);
        _exit(127);
    }
    int status = 0, waited = pid > 0 && waitpid(pid, &status, 0) == pid;
    int ok = waited && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (!ok) {
        snprintf(d->err, d->err_size, "gnuplot failed on %s (drawing %s%s%s)%s", path, out,
                 d->to_stdout ? "" : " as ", d->to_stdout ? "" : (d->formats ? d->formats : "png svg"),
                 pid < 0 ? ": cannot start it" : "");
        if (d->log != NULL && d->log_size > 0) {
            rewind(messages);
            size_t n = fread(d->log, 1, d->log_size - 1, messages);
            d->log[n] = '\0';
        }
    }
    fclose(messages);
    if (ok && d->drawn)
        d->drawn(d->ctx, out);
    return ok ? 0 : CHARTS_FAILED;
}

/* A measurement of the main run in a parallel series: a row of speedup.csv. */
static int in_main(const struct measurement *m)
{
    return m->scan_size == 0 && m->schedule != SCHED_SERIAL;
}

/* A point of the charts against threads: a main-run row of one rank (every row of a run of one
 * process; a hybrid run's configurations split over ranks are ranks.gp's). */
static int in_series(const struct measurement *m)
{
    return in_main(m) && m->ranks <= 1;
}

/* 1 when the run has a parallel series (a speed-up to chart): of one rank when one_rank. */
static int any_series(const struct results *r, int one_rank)
{
    for (int i = 0; i < r->n; i++)
        if (one_rank ? in_series(&r->m[i]) : in_main(&r->m[i]))
            return 1;
    return 0;
}

/* Whether a and b are points of one series: kernel, schedule and chunk. */
static int same_series(const struct measurement *a, const struct measurement *b)
{
    return a->kernel == b->kernel && a->schedule == b->schedule && strcmp(a->chunk_label, b->chunk_label) == 0;
}

/* Appends <prefix>_<kernel>='value'; (prefix='value'; when kernel is NULL). */
static void assign_kernel(struct charts_vars *b, const char *prefix, const char *kernel, const char *value)
{
    char var[160];
    snprintf(var, sizeof var, "%s%s%s", prefix, kernel ? "_" : "", kernel ? kernel : "");
    sb_assign(b, var, value);
}

/* Appends words (a list built with add_word) as assign_kernel does, and empties it. */
static void assign_list(struct charts_vars *b, const char *prefix, const char *kernel, struct charts_vars *words)
{
    assign_kernel(b, prefix, kernel, words->s ? words->s : "");
    b->failed |= words->failed;
    free(words->s);
    memset(words, 0, sizeof *words);
}

/* Appends word to a space-separated list. */
static void add_word(struct charts_vars *list, const char *word)
{
    sb_printf(list, "%s%s", list->len ? " " : "", word);
}

/* The position of a chunk label in the kernel's chunk list, from 1; one past the list for a
 * chunk it does not name (auto's "default" when --chunk left it out). */
static int chunk_no(const struct plan_kernel *pk, const char *label)
{
    int c = 0;
    while (c < pk->n_chunks && strcmp(pk->chunks[c].label, label) != 0)
        c++;
    return c + 1;
}

/* 1 when some point of m's series has a reason in the suspect column (drawn hollow). */
static int series_flagged(const struct results *r, const struct measurement *m)
{
    for (int i = 0; i < r->n; i++) {
        struct derived d;
        if (!in_series(&r->m[i]) || !same_series(&r->m[i], m))
            continue;
        results_derive(r, &r->m[i], &d);
        if (d.suspect != 0)
            return 1;
    }
    return 0;
}

/* A hybrid MPI run's speedup and efficiency charts (ranks.gp). Returns 0, or a CHARTS_* code. */
static int draw_ranks(struct drawing *d, const struct results *r)
{
    const struct plan *p = r->plan;
    struct charts_vars common = {0};
    int cmax = 0;
    for (int i = 0; i < r->n; i++)
        if (in_main(&r->m[i]) && results_cores(&r->m[i]) > cmax)
            cmax = results_cores(&r->m[i]);
    sb_printf(&common, "cmax=%d; ", cmax);
    sb_assign(&common, "class", kernel_class_name(p->class));
    sb_printf(&common, "ranks='");
    for (int q = 0; q < plan_n_ranks(p); q++)
        sb_printf(&common, "%s%d", q ? " " : "", plan_ranks_at(p, q));
    sb_printf(&common, "'; kernels='");
    for (int k = 0, n = 0; k < p->n_kernels; k++) {
        const struct measurement *first = NULL;
        for (int i = 0; i < r->n && first == NULL; i++)
            if (r->m[i].kernel == k && in_main(&r->m[i]))
                first = &r->m[i];
        if (first != NULL)
            sb_printf(&common, "%s%s", n++ ? " " : "", p->kernels[k].kernel->name);
    }
    sb_printf(&common, "'; ");
    for (int k = 0; k < p->n_kernels; k++) {  /* line_<kernel>: the best series, else the first */
        const struct results_fit *best = series_best(r, k);
        char var[128], label[2 * CHUNK_LABEL_MAX] = "";
        if (best != NULL)
            series_name(best->schedule, best->chunk_label, label, sizeof label);
        for (int i = 0; i < r->n && label[0] == '\0'; i++)
            if (r->m[i].kernel == k && in_main(&r->m[i]))
                series_name(r->m[i].schedule, r->m[i].chunk_label, label, sizeof label);
        snprintf(var, sizeof var, "line_%s", p->kernels[k].kernel->name);
        sb_assign(&common, var, label);
        if (best != NULL && best->fit.ok) {
            snprintf(var, sizeof var, "fit_%s", p->kernels[k].kernel->name);
            sb_printf(&common, "%s=%.6g; ", var, best->fit.f);
        }
    }
    static const char *const metrics[] = {"speedup", "efficiency"};
    int rc = 0;
    for (int i = 0; i < 2 && rc == 0; i++) {
        struct charts_vars b = {0};
        char file[64], out[PATH_LEN];
        snprintf(file, sizeof file, "%s.csv", metrics[i]);
        snprintf(out, sizeof out, "%.4000s/%s", d->dir, metrics[i]);
        sb_path(&b, "csv", d->dir, file);
        sb_assign(&b, "out", out);
        sb_assign(&b, "metric", metrics[i]);
        sb_printf(&b, "%s", common.s ? common.s : "");
        b.failed |= common.failed;
        rc = run_gnuplot(d, &b, "ranks.gp", out);
        free(b.s);
    }
    free(common.s);
    return rc;
}

/* 1 when kernel k timed a copy over its own arrays in its main run (scan 0) or its size scan. */
static int has_copy(const struct results *r, int k, int scan)
{
    for (int i = 0; i < r->n_copies; i++)
        if (r->copies[i].kernel == k && (r->copies[i].scan_size > 0) == scan && r->copies[i].bytes > 0)
            return 1;
    return 0;
}

/* The detail chart's variables of kernel k: series_<k>, every series in the order of speedup.csv;
 * styles_<k>, each one's chunk position; flagged_<k>. */
static void add_series(struct charts_vars *b, const struct results *r, int k)
{
    const struct plan_kernel *pk = &r->plan->kernels[k];
    struct charts_vars series = {0}, styles = {0};
    int flagged = 0;
    for (int i = 0; i < r->n; i++) {
        const struct measurement *m = &r->m[i];
        char label[2 * CHUNK_LABEL_MAX], no[16];
        int seen = 0;
        if (m->kernel != k || !in_series(m))
            continue;
        for (int j = 0; j < i && !seen; j++)
            seen = in_series(&r->m[j]) && same_series(&r->m[j], m);
        if (seen)
            continue;
        series_name(m->schedule, m->chunk_label, label, sizeof label);
        snprintf(no, sizeof no, "%d", chunk_no(pk, m->chunk_label));
        add_word(&series, label);
        add_word(&styles, no);
        flagged |= series_flagged(r, m);
    }
    assign_list(b, "series", pk->kernel->name, &series);
    assign_list(b, "styles", pk->kernel->name, &styles);
    sb_printf(b, "flagged_%s=%d; ", pk->kernel->name, flagged);
}

/* The default chart's variables of kernel k: shown_<k>, its best series of each schedule kind;
 * fit_<k> and best_<k>, the Amdahl fit of its best series and that series; kf_<k>, whether that
 * series has two or more Karp-Flatt values; roof_<k>, whether it has a memory roof; flagged_<k>. */
static void add_shown(struct charts_vars *b, const struct results *r, int k)
{
    const struct plan *p = r->plan;
    const char *name = p->kernels[k].kernel->name;
    char label[2 * CHUNK_LABEL_MAX];
    struct charts_vars shown = {0};
    int flagged = 0;
    for (int kind = 0; kind < SCHED_COUNT; kind++) {
        const struct measurement *m = series_best_of_kind(r, k, (enum sched_kind)kind);
        if (m == NULL)
            continue;
        series_name(m->schedule, m->chunk_label, label, sizeof label);
        add_word(&shown, label);
        flagged |= series_flagged(r, m);
    }
    assign_list(b, "shown", name, &shown);
    sb_printf(b, "flagged_%s=%d; roof_%s=%d; ", name, flagged, name, has_copy(r, k, 0));
    const struct results_fit *fit = series_best(r, k);
    if (fit == NULL || !fit->fit.ok)
        return;
    int n_kf = 0;  /* thread counts not oversubscribed where efficiency.csv's karp_flatt has a value */
    for (int t = 0; t < p->n_threads; t++) {
        const struct measurement *m = series_point(r, fit, p->threads[t]);
        struct derived d;
        if (m == NULL || m->oversubscribed)
            continue;
        results_derive(r, m, &d);
        enum results_fraction e = results_fraction_kind(d.karp_flatt, d.karp_flatt_ci_low, d.karp_flatt_ci_high);
        n_kf += e == RESULTS_FRACTION_PLAIN || e == RESULTS_FRACTION_ZERO;
    }
    char value[64];
    snprintf(value, sizeof value, "%.6g", fit->fit.f);
    assign_kernel(b, "fit", name, value);
    /* The key says what the summary says: "0 within noise" when f's interval holds 0, and a
     * ceiling 1/f only when two or more thread counts above 1 test the law and f is above 0. */
    enum results_fraction fk = results_fraction_kind(fit->fit.f, fit->fit.f_low, fit->fit.f_high);
    sb_printf(b, "fitzero_%s=%d; ceil_%s=%d; ", name, fk != RESULTS_FRACTION_PLAIN, name,
              fk == RESULTS_FRACTION_PLAIN && series_fit_points_above_one(r, fit) >= 2);
    series_name(fit->schedule, fit->chunk_label, label, sizeof label);
    assign_kernel(b, "best", name, label);
    sb_printf(b, "kf_%s=%d; ", name, n_kf >= 2);
}

/* Kernel k has a main-run point at threads (with chunk label, unless NULL). */
static int has_point(const struct results *r, int k, int threads, const char *label)
{
    for (int i = 0; i < r->n; i++) {
        const struct measurement *m = &r->m[i];
        if (m->kernel == k && in_series(m) && m->threads == threads &&
            (label == NULL || strcmp(m->chunk_label, label) == 0))
            return 1;
    }
    return 0;
}

/* The schedule kinds of the main run's measurements (at threads; 0: any), in their order, as
 * kinds='static dynamic ...'; */
static void add_kinds(struct charts_vars *b, const struct results *r, int threads)
{
    struct charts_vars kinds = {0};
    for (int kind = 0; kind < SCHED_COUNT; kind++) {
        int any = 0;
        for (int i = 0; i < r->n && !any; i++)
            any = in_series(&r->m[i]) && r->m[i].schedule == (enum sched_kind)kind &&
                  (threads == 0 || r->m[i].threads == threads);
        if (any)
            add_word(&kinds, schedule_name((enum sched_kind)kind));
    }
    assign_list(b, "kinds", NULL, &kinds);
}

/* Runs scaling.gp on metric's CSV into dir/name, with vars after the file names. */
static int draw_scaling_chart(struct drawing *d, const char *metric, const char *name, const struct charts_vars *vars)
{
    struct charts_vars b = {0};
    char file[64], out[PATH_LEN];
    snprintf(file, sizeof file, "%s.csv", metric);
    snprintf(out, sizeof out, "%.4000s/%s", d->dir, name);
    sb_path(&b, "csv", d->dir, file);
    sb_path(&b, "roofcsv", d->dir, "speedup.csv");
    sb_assign(&b, "out", out);
    sb_assign(&b, "metric", metric);
    sb_printf(&b, "%s", vars->s ? vars->s : "");
    b.failed |= vars->failed;
    int rc = run_gnuplot(d, &b, "scaling.gp", out);
    free(b.s);
    return rc;
}

/* The variables every scaling chart takes: tmax, cpus, weak, class, kernels, note_<kernel>. */
static void add_common(struct charts_vars *b, const struct results *r)
{
    const struct plan *p = r->plan;
    int tmax = 0;
    for (int i = 0; i < r->n; i++)
        if (in_series(&r->m[i]) && r->m[i].threads > tmax)
            tmax = r->m[i].threads;
    sb_printf(b, "tmax=%d; cpus=%d; weak=%d; ", tmax, p->cpus_available, p->weak);
    if (r->hosts.n_ranks > 0)
        sb_printf(b, "one_rank=1; ");  /* the CSV has a ranks column: the chart is of one rank */
    sb_assign(b, "class", kernel_class_name(p->class));
    struct charts_vars kernels = {0};
    for (int k = 0; k < p->n_kernels; k++) {
        int any = 0;
        for (int i = 0; i < r->n && !any; i++)
            any = r->m[i].kernel == k && in_series(&r->m[i]);
        if (any)
            add_word(&kernels, p->kernels[k].kernel->name);
    }
    assign_list(b, "kernels", NULL, &kernels);
    for (int k = 0; k < p->n_kernels; k++) {  /* a SIMD kernel's gain, beside its thread speed-up */
        int base;
        double gain = series_simd_gain(r, k, &base);
        char value[160];
        if (!isfinite(gain))
            continue;
        snprintf(value, sizeof value, "SIMD gain %.1fx over %s's serial loop", gain, p->kernels[base].kernel->name);
        assign_kernel(b, "note", p->kernels[k].kernel->name, value);
    }
}

/* chunks: a schedule x chunk heat map of speed-up at threads, a panel per kernel with points
 * there; chunks_<kernel> are its columns, the kernel's chunks in the order of its list. */
static int draw_heatmap(struct drawing *d, const struct results *r, int threads)
{
    const struct plan *p = r->plan;
    struct charts_vars b = {0}, kernels = {0};
    char out[PATH_LEN];
    double top_speedup = threads;  /* the colour scale's top: ideal, or above it */
    snprintf(out, sizeof out, "%.4000s/chunks", d->dir);
    for (int k = 0; k < p->n_kernels; k++) {
        const struct plan_kernel *pk = &p->kernels[k];
        struct charts_vars chunks = {0};
        if (!has_point(r, k, threads, NULL))
            continue;
        add_word(&kernels, pk->kernel->name);
        for (int c = 0; c <= pk->n_chunks; c++) {  /* the list, then auto's default if it is not in it */
            const char *label = c < pk->n_chunks ? pk->chunks[c].label : "default";
            if ((c < pk->n_chunks || chunk_no(pk, label) > pk->n_chunks) && has_point(r, k, threads, label))
                add_word(&chunks, label);
        }
        assign_list(&b, "chunks", pk->kernel->name, &chunks);
        for (int i = 0; i < r->n; i++) {
            struct derived dm;
            if (r->m[i].kernel != k || !in_series(&r->m[i]) || r->m[i].threads != threads)
                continue;
            results_derive(r, &r->m[i], &dm);
            if (dm.speedup > top_speedup)
                top_speedup = dm.speedup;
        }
    }
    sb_path(&b, "csv", d->dir, "speedup.csv");
    sb_assign(&b, "out", out);
    sb_assign(&b, "class", kernel_class_name(p->class));
    sb_printf(&b, "threads=%d; cbmax=%.6g; ", threads, top_speedup);
    if (r->hosts.n_ranks > 0)
        sb_printf(&b, "one_rank=1; ");  /* the CSV has a ranks column: the chart is of one rank */
    add_kinds(&b, r, threads);
    int any = kernels.len > 0;
    assign_list(&b, "kernels", NULL, &kernels);
    int rc = any ? run_gnuplot(d, &b, "chunks.gp", out) : 0;
    free(b.s);
    return rc;
}

/* speedup and efficiency (the best series of each kind), speedup-detail (every series) and the
 * chunks heat map at the largest thread count that has cores to itself. */
static int draw_scaling(struct drawing *d, const struct results *r)
{
    const struct plan *p = r->plan;
    struct charts_vars shown = {0}, detail = {0};
    int top = 0;
    for (int t = 0; t < p->n_threads; t++)
        if (!plan_oversubscribed(p, p->threads[t]) && p->threads[t] > top)
            top = p->threads[t];
    add_common(&shown, r);
    add_common(&detail, r);
    sb_printf(&detail, "detail=1; ");
    add_kinds(&detail, r, 0);
    for (int k = 0; k < p->n_kernels; k++) {
        add_shown(&shown, r, k);
        add_series(&detail, r, k);
    }
    int split = 0;
    for (int i = 0; i < r->n; i++)
        split |= r->m[i].ranks > 1;
    int rc = split ? draw_ranks(d, r) : draw_scaling_chart(d, "speedup", "speedup", &shown);
    if (rc == 0 && !split)
        rc = draw_scaling_chart(d, "efficiency", "efficiency", &shown);
    if (rc == 0 && any_series(r, 1))
        rc = draw_scaling_chart(d, "speedup", "speedup-detail", &detail);
    if (rc == 0 && top > 0)
        rc = draw_heatmap(d, r, top);
    free(shown.s);
    free(detail.s);
    return rc;
}

/* crossover (crossover-<kernel> when several kernels were scanned). */
static int draw_crossover(struct drawing *d, const struct results *r)
{
    const struct plan *p = r->plan;
    int scanned[PLAN_KERNELS_MAX], n_scanned = 0, rc = 0;
    for (int k = 0; k < p->n_kernels; k++) {
        int any = 0;
        for (int i = 0; i < r->n && !any; i++)
            any = r->m[i].kernel == k && r->m[i].scan_size > 0;
        if (any)
            scanned[n_scanned++] = k;
    }
    for (int s = 0; s < n_scanned && rc == 0; s++) {
        int k = scanned[s];
        const struct kernel *kern = p->kernels[k].kernel;
        struct charts_vars b = {0}, threads = {0}, breakeven = {0};
        char out[PATH_LEN];
        snprintf(out, sizeof out, "%.3000s/crossover%s%s", d->dir, n_scanned > 1 ? "-" : "",
                 n_scanned > 1 ? kern->name : "");
        for (int i = 0; i < r->n; i++) {
            const struct measurement *m = &r->m[i];
            int seen = 0;
            if (m->kernel != k || m->scan_size == 0 || m->schedule == SCHED_SERIAL)
                continue;
            for (int j = 0; j < i && !seen; j++)
                seen = r->m[j].kernel == k && r->m[j].scan_size > 0 && r->m[j].schedule != SCHED_SERIAL &&
                       r->m[j].threads == m->threads;
            if (seen)
                continue;
            double size = results_break_even_clear(r, k, m->threads);
            sb_printf(&threads, "%s%d", threads.len ? " " : "", m->threads);
            if (isnan(size))
                sb_printf(&breakeven, "%s-", breakeven.len ? " " : "");
            else
                sb_printf(&breakeven, "%s%.0f", breakeven.len ? " " : "", size);
        }
        sb_path(&b, "csv", d->dir, "crossover.csv");
        sb_assign(&b, "out", out);
        sb_assign(&b, "kernel", kern->name);
        sb_assign(&b, "param", kern->scan_param ? kern->scan_param : "");
        sb_assign(&b, "class", kernel_class_name(p->class));
        sb_assign(&b, "threads", threads.s ? threads.s : "");
        sb_assign(&b, "breakeven", breakeven.s ? breakeven.s : "");
        sb_printf(&b, "copy=%d; ", has_copy(r, k, 1));
        b.failed |= threads.failed || breakeven.failed;
        rc = run_gnuplot(d, &b, "crossover.gp", out);
        free(b.s);
        free(threads.s);
        free(breakeven.s);
    }
    return rc;
}

/* pop-<kernel> for each kernel with POP factors: its configurations' factors at the largest thread
 * count that is not oversubscribed (pop.gp). */
static int draw_pop(struct drawing *d, const struct results *r)
{
    const struct plan *p = r->plan;
    int rc = 0;
    for (int k = 0; k < p->n_kernels && rc == 0; k++) {
        int top = 0;
        double ymax = 1.1;
        for (int i = 0; i < r->n; i++) {
            const struct measurement *m = &r->m[i];
            if (m->kernel == k && in_series(m) && m->team_size > 0 && !m->oversubscribed && m->threads > top)
                top = m->threads;
        }
        struct charts_vars b = {0}, series = {0};
        for (int i = 0; i < r->n && top > 0; i++) {
            const struct measurement *m = &r->m[i];
            struct derived dv;
            char label[2 * CHUNK_LABEL_MAX];
            if (m->kernel != k || !in_series(m) || m->threads != top)
                continue;
            results_derive(r, m, &dv);
            const double factors[] = {dv.pop.load_balance, dv.pop.comm_efficiency, dv.pop.parallel_efficiency,
                                      dv.pop.computation_scalability, dv.pop.global_efficiency};
            int any = 0;
            for (int f = 0; f < 5; f++) {
                any |= isfinite(factors[f]);
                if (isfinite(factors[f]) && 1.08 * factors[f] > ymax)
                    ymax = 1.08 * factors[f];
            }
            if (!any)
                continue;
            series_name(m->schedule, m->chunk_label, label, sizeof label);
            sb_printf(&series, "%s%s", series.len ? " " : "", label);
        }
        if (series.len > 0) {
            char out[PATH_LEN];
            snprintf(out, sizeof out, "%.3000s/pop-%s", d->dir, p->kernels[k].kernel->name);
            sb_path(&b, "csv", d->dir, "efficiency.csv");
            sb_assign(&b, "out", out);
            sb_assign(&b, "kernel", p->kernels[k].kernel->name);
            sb_assign(&b, "class", kernel_class_name(p->class));
            sb_assign(&b, "series", series.s);
            sb_printf(&b, "threads=%d; ymax=%.3g; ", top, ymax);
            if (r->hosts.n_ranks > 0)
                sb_printf(&b, "one_rank=1; ");  /* the CSV has a ranks column: the chart is of one rank */
            b.failed |= series.failed;
            rc = run_gnuplot(d, &b, "pop.gp", out);
        }
        free(b.s);
        free(series.s);
    }
    return rc;
}

/* A chart whose script needs only its CSV file and output path (overhead, sweep). */
static int draw_plain(struct drawing *d, const char *name)
{
    struct charts_vars b = {0};
    char file[64], out[PATH_LEN];
    snprintf(file, sizeof file, "%s.csv", name);
    snprintf(out, sizeof out, "%.4000s/%s", d->dir, name);
    sb_path(&b, "csv", d->dir, file);
    sb_assign(&b, "out", out);
    char script[80];
    snprintf(script, sizeof script, "%s.gp", name);
    int rc = run_gnuplot(d, &b, script, out);
    free(b.s);
    return rc;
}

/* What charts_draw and charts_print_ascii do first: find gnuplot and the scripts (into
 * d->scripts), write the CSV files. Returns 0, or a CHARTS_* code with err set. */
static int prepare(struct drawing *d, const struct results *r)
{
    if (d->log != NULL && d->log_size > 0)
        d->log[0] = '\0';
    if (!on_path("gnuplot")) {
        snprintf(d->err, d->err_size,
                 "gnuplot not found: charts not drawn. Install it (Debian, Ubuntu, Raspberry Pi OS: sudo apt-get "
                 "install gnuplot-nox), then run: ompscale plot %.900s",
                 d->dir);
        return CHARTS_NO_GNUPLOT;
    }
    int rc = charts_find_scripts(d->scripts, PATH_LEN, d->err, d->err_size);
    if (rc != 0)
        return rc;
    return csv_write_all(r, d->dir, d->err, d->err_size) != 0 ? CHARTS_FAILED : 0;
}

int charts_draw(const struct results *r, const char *dir, unsigned formats,
                void (*drawn)(void *ctx, const char *path), void *ctx, char *err, size_t err_size, char *log,
                size_t log_size)
{
    char scripts[PATH_LEN];
    const char *names = (formats & CHARTS_PNG) && (formats & CHARTS_SVG) ? "png svg"
                        : formats & CHARTS_SVG                           ? "svg"
                                                                         : "png";
    struct drawing d = {scripts, dir, names, drawn, ctx, err, log, err_size, log_size, 0};
    int rc = prepare(&d, r);
    if (rc != 0)
        return rc;
    int any_sweep = 0;
    for (int i = 0; i < r->n_tables; i++)
        any_sweep |= strcmp(r->tables[i].name, "sweep") == 0;
    if (any_series(r, 0) && (rc = draw_scaling(&d, r)) != 0)
        return rc;
    if (any_series(r, 1) && (rc = draw_pop(&d, r)) != 0)
        return rc;
    if ((rc = draw_crossover(&d, r)) != 0)
        return rc;
    if (r->n_overhead > 0 && (rc = draw_plain(&d, "overhead")) != 0)
        return rc;
    if (any_sweep && (rc = draw_plain(&d, "sweep")) != 0)
        return rc;
    return 0;
}

int charts_print_ascii(const struct results *r, const char *dir, char *err, size_t err_size, char *log,
                       size_t log_size)
{
    char scripts[PATH_LEN];
    struct drawing d = {scripts, dir, NULL, NULL, NULL, err, log, err_size, log_size, 1};
    struct charts_vars b = {0};
    int rc = prepare(&d, r);
    if (rc != 0)
        return rc;
    add_common(&b, r);
    for (int k = 0; k < r->plan->n_kernels; k++)
        add_shown(&b, r, k);
    sb_path(&b, "csv", dir, "speedup.csv");
    if (any_series(r, 1))
        rc = run_gnuplot(&d, &b, "ascii.gp", "the text chart");
    else
        printf("(no speed-up to chart: the run measured no parallel series)\n");
    free(b.s);
    return rc;
}

void charts_vars_init(struct charts_vars *v)
{
    memset(v, 0, sizeof *v);
}

void charts_vars_string(struct charts_vars *v, const char *name, const char *value)
{
    sb_assign(v, name, value);
}

void charts_vars_number(struct charts_vars *v, const char *name, double value)
{
    sb_printf(v, "%s=%.17g; ", name, value);
}

void charts_vars_free(struct charts_vars *v)
{
    free(v->s);
    charts_vars_init(v);
}

int charts_gnuplot(const char *script, struct charts_vars *v, char *err, size_t err_size)
{
    char scripts[PATH_LEN];
    struct drawing d = {scripts, ".", NULL, NULL, NULL, err, NULL, err_size, 0, 0};
    if (!on_path("gnuplot")) {
        snprintf(err, err_size, "gnuplot not found (Debian, Ubuntu, Raspberry Pi OS: sudo apt-get install gnuplot-nox)");
        return CHARTS_NO_GNUPLOT;
    }
    int rc = charts_find_scripts(scripts, sizeof scripts, err, err_size);
    return rc != 0 ? rc : run_gnuplot(&d, v, script, script);
}
