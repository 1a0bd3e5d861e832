/* charts.c -- the chart driver: writes the CSV files the gnuplot scripts read, works out from
 * the results what the scripts need besides them, and runs gnuplot once per chart.
 *
 * The scripts (plots/NAME.gp) take their inputs as gnuplot variables set with -e; each is set here
 * from struct results, never re-derived from a CSV: the CPU count is the plan's, a series is
 * oversubscribed by plan_oversubscribed, the best series and its fit are results_fit_all's, the
 * kernels with flagged points (drawn hollow) results_derive's suspect bits, the break-even sizes
 * results_break_even's, whether a scan has copies r->copies'. A hybrid MPI run whose loops were
 * split over ranks has its speed-up and efficiency drawn by ranks.gp instead of scaling.gp: against
 * cores, one line per rank count, for each kernel's best series. gnuplot's own output goes to a
 * temporary file and is handed back only when gnuplot fails, so its warnings (an empty series)
 * stay off the terminal.
 */
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

/* What one drawing needs: where the scripts are, where gnuplot's messages go. */
struct drawing {
    const char *scripts;
    const char *dir;
    void (*drawn)(void *ctx, const char *path);
    void *ctx;
    char *err, *log;
    size_t err_size, log_size;
};

/* Runs gnuplot -e vars script.gp with its output captured; out is the chart's path without
 * extension. Returns 0, or CHARTS_FAILED with err (and gnuplot's messages in log). */
static int run_gnuplot(struct drawing *d, struct charts_vars *vars, const char *script, const char *out)
{
    char path[PATH_LEN];
    snprintf(path, sizeof path, "%.4000s/%s", d->scripts, script);
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
        dup2(fileno(messages), STDOUT_FILENO);
        dup2(fileno(messages), STDERR_FILENO);
        execvp(args[0], args);
        _exit(127);
    }
    int status = 0, waited = pid > 0 && waitpid(pid, &status, 0) == pid;
    int ok = waited && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (!ok) {
        snprintf(d->err, d->err_size, "gnuplot failed on %s (drawing %s.png/.svg)%s", path, out,
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

/* The label of m's series as the CSV and the scripts write it: "static,row"; "auto" for the
 * runtime's default chunk. */
static void series_label(const struct measurement *m, char *buf, size_t size)
{
    if (strcmp(m->chunk_label, "default") == 0)
        snprintf(buf, size, "%s", schedule_name(m->schedule));
    else
        snprintf(buf, size, "%s,%s", schedule_name(m->schedule), m->chunk_label);
}

/* A measurement of the main run in a parallel series: a row of speedup.csv. */
static int in_series(const struct measurement *m)
{
    return m->scan_size == 0 && m->schedule != SCHED_SERIAL;
}

/* Appends series_<k> and styles_<k> for kernel k: its series in the order of speedup.csv, and
 * for each the position of its chunk among the kernel's chunks in order of appearance. */
static void add_series(struct charts_vars *b, const struct results *r, int k)
{
    const char *name = r->plan->kernels[k].kernel->name;
    struct charts_vars series = {0}, styles = {0};
    for (int i = 0; i < r->n; i++) {
        const struct measurement *m = &r->m[i];
        char label[2 * CHUNK_LABEL_MAX];
        int seen = 0, chunk_no = 0;
        if (m->kernel != k || !in_series(m))
            continue;
        for (int j = 0; j < i && !seen; j++)
            seen = r->m[j].kernel == k && in_series(&r->m[j]) && r->m[j].schedule == m->schedule &&
                   strcmp(r->m[j].chunk_label, m->chunk_label) == 0;
        if (seen)
            continue;
        /* the chunk's number: 1 + how many other chunk labels appeared before its first use */
        for (int j = 0; j <= i; j++) {
            const struct measurement *o = &r->m[j];
            int first = 1;
            if (o->kernel != k || !in_series(o))
                continue;
            for (int q = 0; q < j && first; q++)
                first = !(r->m[q].kernel == k && in_series(&r->m[q]) &&
                          strcmp(r->m[q].chunk_label, o->chunk_label) == 0);
            if (first)
                chunk_no++;
            if (strcmp(o->chunk_label, m->chunk_label) == 0)
                break;
        }
        series_label(m, label, sizeof label);
        sb_printf(&series, "%s%s", series.len ? " " : "", label);
        sb_printf(&styles, "%s%d", styles.len ? " " : "", chunk_no);
    }
    char var[128];
    snprintf(var, sizeof var, "series_%s", name);
    sb_assign(b, var, series.s ? series.s : "");
    snprintf(var, sizeof var, "styles_%s", name);
    sb_assign(b, var, styles.s ? styles.s : "");
    b->failed |= series.failed || styles.failed;
    free(series.s);
    free(styles.s);
}

/* Kernel k has a measurement that chunks.gp plots at threads: a chunk in iterations under
 * static, dynamic or guided. */
static int has_chunk_point(const struct results *r, int k, int threads)
{
    for (int i = 0; i < r->n; i++) {
        const struct measurement *m = &r->m[i];
        if (m->kernel == k && in_series(m) && m->threads == threads && m->chunk > 0 && m->schedule != SCHED_AUTO)
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
        if (in_series(&r->m[i]) && results_cores(&r->m[i]) > cmax)
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
            if (r->m[i].kernel == k && in_series(&r->m[i]))
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
            if (r->m[i].kernel == k && in_series(&r->m[i]))
                series_label(&r->m[i], label, sizeof label);
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

/* speedup, efficiency and chunks. */
static int draw_scaling(struct drawing *d, const struct results *r)
{
    const struct plan *p = r->plan;
    struct charts_vars common = {0};
    int tmax = 0, top = 0;
    for (int i = 0; i < r->n; i++)
        if (in_series(&r->m[i]) && r->m[i].threads > tmax)
            tmax = r->m[i].threads;
    for (int t = 0; t < p->n_threads; t++)  /* the largest thread count that has cores to itself */
        if (!plan_oversubscribed(p, p->threads[t]) && p->threads[t] > top)
            top = p->threads[t];
    sb_printf(&common, "tmax=%d; cpus=%d; weak=%d; ", tmax, p->cpus_available, p->weak);
    sb_assign(&common, "class", kernel_class_name(p->class));
    sb_printf(&common, "kernels='");
    for (int k = 0, n = 0; k < p->n_kernels; k++) {
        int any = 0;
        for (int i = 0; i < r->n && !any; i++)
            any = r->m[i].kernel == k && in_series(&r->m[i]);
        if (any)
            sb_printf(&common, "%s%s", n++ ? " " : "", p->kernels[k].kernel->name);
    }
    sb_printf(&common, "'; ");
    for (int k = 0; k < p->n_kernels; k++)
        add_series(&common, r, k);
    for (int k = 0; k < p->n_kernels; k++) {  /* a SIMD kernel's gain, beside its thread speed-up */
        int base;
        double gain = series_simd_gain(r, k, &base);
        char var[128], value[160];
        if (!isfinite(gain))
            continue;
        snprintf(var, sizeof var, "note_%s", p->kernels[k].kernel->name);
        snprintf(value, sizeof value, "SIMD gain %.1fx over %s's serial loop", gain, p->kernels[base].kernel->name);
        sb_assign(&common, var, value);
    }
    for (int i = 0; i < r->n_fits; i++) {
        const struct results_fit *x = &r->fits[i];
        const char *name = p->kernels[x->kernel].kernel->name;
        char var[128], value[64], label[2 * CHUNK_LABEL_MAX];
        if (!x->best || !x->fit.ok)
            continue;
        snprintf(var, sizeof var, "fit_%s", name);
        snprintf(value, sizeof value, "%.6g", x->fit.f);
        sb_assign(&common, var, value);
        snprintf(var, sizeof var, "best_%s", name);
        if (strcmp(x->chunk_label, "default") == 0)
            snprintf(label, sizeof label, "%s", schedule_name(x->schedule));
        else
            snprintf(label, sizeof label, "%s,%s", schedule_name(x->schedule), x->chunk_label);
        sb_assign(&common, var, label);
    }
    for (int k = 0; k < p->n_kernels; k++) {  /* flagged_<kernel>: scaling.gp's hollow markers */
        int flagged = 0;
        for (int i = 0; i < r->n && !flagged; i++) {
            struct derived d;
            if (r->m[i].kernel != k || !in_series(&r->m[i]))
                continue;
            results_derive(r, &r->m[i], &d);
            flagged = d.suspect != 0;
        }
        char var[128];
        snprintf(var, sizeof var, "flagged_%s", p->kernels[k].kernel->name);
        sb_printf(&common, "%s=%d; ", var, flagged);
    }
    static const char *const metrics[] = {"speedup", "efficiency"};
    int rc = 0, split = 0;
    for (int i = 0; i < r->n; i++)
        split |= r->m[i].ranks > 1;
    for (int i = 0; i < 2 && rc == 0 && !split; i++) {
        struct charts_vars b = {0};
        char file[64], out[PATH_LEN];
        snprintf(file, sizeof file, "%s.csv", metrics[i]);
        snprintf(out, sizeof out, "%.4000s/%s", d->dir, metrics[i]);
        sb_path(&b, "csv", d->dir, file);
        sb_assign(&b, "out", out);
        sb_assign(&b, "metric", metrics[i]);
        sb_printf(&b, "%s", common.s ? common.s : "");
        b.failed |= common.failed;
        rc = run_gnuplot(d, &b, "scaling.gp", out);
        free(b.s);
    }
    if (split)
        rc = draw_ranks(d, r);
    /* chunks: at the largest thread count that is not oversubscribed, the kernels with points */
    struct charts_vars b = {0};
    char out[PATH_LEN];
    int n = 0;
    snprintf(out, sizeof out, "%.4000s/chunks", d->dir);
    sb_path(&b, "csv", d->dir, "speedup.csv");
    sb_assign(&b, "out", out);
    sb_assign(&b, "class", kernel_class_name(p->class));
    if (r->hosts.n_ranks > 0)
        sb_printf(&b, "one_rank=1; ");  /* the CSV has a ranks column: the chart is of one rank */
    sb_printf(&b, "threads=%d; kernels='", top);
    for (int k = 0; k < p->n_kernels; k++)
        if (has_chunk_point(r, k, top))
            sb_printf(&b, "%s%s", n++ ? " " : "", p->kernels[k].kernel->name);
    sb_printf(&b, "'; ");
    if (rc == 0 && n > 0)
        rc = run_gnuplot(d, &b, "chunks.gp", out);
    free(b.s);
    free(common.s);
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
            double size = results_break_even(r, k, m->threads);
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
        int copied = 0;
        for (int i = 0; i < r->n_copies && !copied; i++)
            copied = r->copies[i].kernel == k && r->copies[i].scan_size > 0 && r->copies[i].bytes > 0;
        sb_printf(&b, "copy=%d; ", copied);
        b.failed |= threads.failed || breakeven.failed;
        rc = run_gnuplot(d, &b, "crossover.gp", out);
        free(b.s);
        free(threads.s);
        free(breakeven.s);
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

int charts_draw(const struct results *r, const char *dir, void (*drawn)(void *ctx, const char *path), void *ctx,
                char *err, size_t err_size, char *log, size_t log_size)
{
    char scripts[PATH_LEN];
    struct drawing d = {scripts, dir, drawn, ctx, err, log, err_size, log_size};
    if (log != NULL && log_size > 0)
        log[0] = '\0';
    if (!on_path("gnuplot")) {
        snprintf(err, err_size,
                 "gnuplot not found: charts not drawn. Install it (Debian, Ubuntu, Raspberry Pi OS: sudo apt-get "
                 "install gnuplot-nox), then run: ompscale plot %.900s",
                 dir);
        return CHARTS_NO_GNUPLOT;
    }
    int rc = charts_find_scripts(scripts, sizeof scripts, err, err_size);
    if (rc != 0)
        return rc;
    if (csv_write_all(r, dir, err, err_size) != 0)
        return CHARTS_FAILED;
    int any_series = 0, any_sweep = 0;
    for (int i = 0; i < r->n && !any_series; i++)
        any_series = in_series(&r->m[i]);
    for (int i = 0; i < r->n_tables; i++)
        any_sweep |= strcmp(r->tables[i].name, "sweep") == 0;
    if (any_series && (rc = draw_scaling(&d, r)) != 0)
        return rc;
    if ((rc = draw_crossover(&d, r)) != 0)
        return rc;
    if (r->n_overhead > 0 && (rc = draw_plain(&d, "overhead")) != 0)
        return rc;
    if (any_sweep && (rc = draw_plain(&d, "sweep")) != 0)
        return rc;
    return 0;
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
    struct drawing d = {scripts, ".", NULL, NULL, err, NULL, err_size, 0};
    if (!on_path("gnuplot")) {
        snprintf(err, err_size, "gnuplot not found (Debian, Ubuntu, Raspberry Pi OS: sudo apt-get install gnuplot-nox)");
        return CHARTS_NO_GNUPLOT;
    }
    int rc = charts_find_scripts(scripts, sizeof scripts, err, err_size);
    return rc != 0 ? rc : run_gnuplot(&d, v, script, script);
}
