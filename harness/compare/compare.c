/* compare.c -- `ompscale compare`: run directories from several machines read back from their
 * results.json and set side by side per kernel: serial time, best speed-up, efficiency at all
 * CPUs, Amdahl's f.
 *
 * Every run is read whole (record_load) before anything is written. Runs are checked against
 * the first: a class or kernel parameter that differs is a usage error unless
 * --allow-mismatch, which instead marks the run wherever it is reported. The figures come from
 * the results layer's definitions, as the run's own summary does: the best series is the fit
 * marked best, a configuration counts only when verified and not oversubscribed. Output is
 * staged and renamed like a run's directory (base/rundir), but results/latest is left alone:
 * it names the newest run.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "compare_model.h"
#include "record.h"
#include "rundir.h"

/* Internal status: BAD_INPUT becomes exit 2, FAILED exit 1. */
enum status { OK = 0, BAD_INPUT = 2, FAILED = 1 };

/* Copies a CPU model or host name for a label: without (R) and (TM), with the characters that
 * CSV, Markdown or gnuplot treat specially made spaces, and runs of spaces folded. */
static void tidy_name(const char *in, char *out, size_t size)
{
    static const char *const drop[] = {"(R)", "(r)", "(TM)", "(tm)"};
    size_t n = 0;
    while (*in && n + 1 < size) {
        size_t skip = 0;
        for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
            if (strncmp(in, drop[i], strlen(drop[i])) == 0)
                skip = strlen(drop[i]);
        if (skip) {
            in += skip;
            continue;
        }
        char c = *in++;
        if (c == ',' || c == '"' || c == '\'' || c == '|' || c == '`' || (unsigned char)c < ' ')
            c = ' ';
        if (c == ' ' && (n == 0 || out[n - 1] == ' '))
            continue;
        out[n++] = c;
    }
    while (n > 0 && out[n - 1] == ' ')
        n--;
    out[n] = '\0';
}

static void make_label(struct compare_run *r)
{
    const struct sysinfo *m = &r->results.machine;
    char host[96], cpu[96];
    tidy_name(m->host[0] ? m->host : "unknown host", host, sizeof host);
    tidy_name(m->cpu_model[0] ? m->cpu_model : "unknown CPU", cpu, sizeof cpu);
    snprintf(r->label, sizeof r->label, "%s (%s; %d CPU%s)", host, cpu, m->cpus_available,
             m->cpus_available == 1 ? "" : "s");
}

/* Makes equal labels (one machine twice) distinct: first by the compiler, as when gcc and clang
 * builds are compared, then by the run's number. */
static void unique_labels(struct comparison *c)
{
    for (int pass = 0; pass < 2; pass++) {
        int dup[COMPARE_RUNS_MAX] = {0}, compilers_differ[COMPARE_RUNS_MAX] = {0};
        for (int i = 0; i < c->n_runs; i++)
            for (int j = 0; j < c->n_runs; j++) {
                const struct results_build *a = &c->runs[i]->results.build, *b = &c->runs[j]->results.build;
                if (i != j && strcmp(c->runs[i]->label, c->runs[j]->label) == 0) {
                    dup[i] = 1;
                    compilers_differ[i] |=
                        strcmp(a->compiler_id, b->compiler_id) != 0 || strcmp(a->compiler_version, b->compiler_version) != 0;
                }
            }
        for (int i = 0; i < c->n_runs; i++) {
            struct compare_run *r = c->runs[i];
            size_t len = strlen(r->label);
            if (pass == 0 && compilers_differ[i]) {
                char compiler[80], raw[80];
                snprintf(raw, sizeof raw, "%s %s", r->results.build.compiler_id, r->results.build.compiler_version);
                tidy_name(raw, compiler, sizeof compiler);
                snprintf(r->label + len, sizeof r->label - len, " %s", compiler);
            } else if (pass == 1 && dup[i]) {
                snprintf(r->label + len, sizeof r->label - len, " #%d", i + 1);
            }
        }
    }
}

static int measured(const struct compare_run *r, const char *kernel)
{
    int k = series_kernel_index(&r->results, kernel);
    for (int i = 0; k >= 0 && i < r->results.n; i++)
        if (r->results.m[i].kernel == k)
            return 1;
    return 0;
}

static int listed(const struct comparison *c, const char *kernel)
{
    for (int j = 0; j < c->n_kernels; j++)
        if (strcmp(c->kernels[j], kernel) == 0)
            return 1;
    return 0;
}

static void skip_kernel(struct comparison *c, const char *kernel)
{
    size_t len = strlen(c->skipped), n = strlen(kernel);
    for (const char *p = c->skipped; (p = strstr(p, kernel)) != NULL; p += n)
        if ((p == c->skipped || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
            return;
    snprintf(c->skipped + len, sizeof c->skipped - len, "%s%s", len ? " " : "", kernel);
}

/* The kernels every run measured, in the first run's order; the others go to skipped. */
static enum status choose_kernels(struct comparison *c, char *err, size_t err_size)
{
    for (int r = 0; r < c->n_runs; r++) {
        const struct plan *p = &c->runs[r]->plan;
        for (int k = 0; k < p->n_kernels; k++) {
            const char *name = p->kernels[k].kernel->name;
            int all = 1;
            for (int q = 0; q < c->n_runs; q++)
                all &= measured(c->runs[q], name);
            if (!all)
                skip_kernel(c, name);
            else if (!listed(c, name) && c->n_kernels < COMPARE_KERNELS_MAX)
                snprintf(c->kernels[c->n_kernels++], sizeof c->kernels[0], "%s", name);
        }
    }
    if (c->n_kernels == 0) {
        snprintf(err, err_size, "no kernel was measured in every run (%s); nothing to compare",
                 c->skipped[0] ? c->skipped : "no kernel measurements");
        return BAD_INPUT;
    }
    return OK;
}

static void add_mismatch(struct comparison *c, struct compare_run *r, const char *fmt, ...)
{
    r->matches = 0;
    if (c->n_mismatch >= COMPARE_MISMATCH_MAX)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->mismatch[c->n_mismatch++], COMPARE_MSG_LEN, fmt, ap);
    va_end(ap);
}

/* Lists every difference in class and in the compared kernels' parameters from the first run. */
static void find_mismatches(struct comparison *c)
{
    const struct compare_run *first = c->runs[0];
    for (int i = 1; i < c->n_runs; i++) {
        struct compare_run *r = c->runs[i];
        if (first->plan.class != r->plan.class)
            add_mismatch(c, r, "class differs: %s in '%s', %s in '%s'", kernel_class_name(first->plan.class),
                         first->dir, kernel_class_name(r->plan.class), r->dir);
        if (first->plan.weak != r->plan.weak)
            add_mismatch(c, r, "scaling differs: %s in '%s', %s in '%s'", first->plan.weak ? "weak" : "strong",
                         first->dir, r->plan.weak ? "weak" : "strong", r->dir);
        for (int k = 0; k < c->n_kernels; k++) {
            const struct plan_kernel *a = &first->plan.kernels[series_kernel_index(&first->results, c->kernels[k])];
            const struct plan_kernel *b = &r->plan.kernels[series_kernel_index(&r->results, c->kernels[k])];
            const struct kernel *kn = a->kernel;  /* the same kernel: both resolved by name */
            for (int j = 0; j < kn->n_params; j++) {
                if (a->values[j] == b->values[j])
                    continue;
                char va[32], vb[32];
                plan_format_value(&kn->params[j], a->values[j], va, sizeof va);
                plan_format_value(&kn->params[j], b->values[j], vb, sizeof vb);
                add_mismatch(c, r, "kernel %s: parameter %s differs: %s in '%s', %s in '%s'", kn->name,
                             kn->params[j].name, va, first->dir, vb, r->dir);
            }
        }
    }
}

/* Fills e for kernel name on run r; first is the first run's entry (NULL for the first run). */
static void compute_entry(const struct compare_run *r, const char *name, const struct compare_entry *first,
                          struct compare_entry *e)
{
    const struct results *res = &r->results;
    int k = series_kernel_index(res, name);
    const struct measurement *serial = results_serial(res, k, 0);
    memset(e, 0, sizeof *e);
    e->serial_s = serial ? serial->summary.median : NAN;
    e->serial_ratio = e->serial_s / (first != NULL ? first->serial_s : e->serial_s);
    e->best = series_best_config(res, k, &e->best_d);
    e->fit = series_best(res, k);
    e->top = e->fit ? series_top(res, e->fit) : NULL;
    e->full = e->fit ? series_point(res, e->fit, res->machine.cpus_available) : NULL;
    if (e->full != NULL) {
        results_derive(res, e->full, &e->full_d);
        if (!e->full_d.verified)
            e->full = NULL;
    }
}

static void comparison_free(struct comparison *c)
{
    for (int i = 0; i < c->n_runs; i++) {
        results_free(&c->runs[i]->results);
        free(c->runs[i]);
    }
    free(c->entries);
    free(c);
}

/* Reads and checks every run and works out the entries. Returns a status with err. */
static enum status build(struct comparison *c, const struct compare_args *a, char *err, size_t err_size)
{
    if (a->n_dirs < 2) {
        snprintf(err, err_size, "compare: needs at least two run directories, got %d; usage: ompscale compare DIR "
                                "DIR [DIR...] [--out DIR] [--allow-mismatch]", a->n_dirs);
        return BAD_INPUT;
    }
    for (int i = 0; i < a->n_dirs; i++) {
        struct compare_run *r = calloc(1, sizeof *r);
        if (r == NULL) {
            snprintf(err, err_size, "out of memory");
            return FAILED;
        }
        c->runs[c->n_runs++] = r;
        r->dir = a->dirs[i];
        r->matches = 1;
        if (record_load(r->dir, &r->plan, &r->results, err, err_size) != 0)
            return BAD_INPUT;
        make_label(r);
    }
    unique_labels(c);
    enum status st = choose_kernels(c, err, err_size);
    if (st != OK)
        return st;
    find_mismatches(c);
    if (c->n_mismatch > 0 && !a->allow_mismatch) {
        snprintf(err, err_size, "%s; compare runs of one class and the same parameters, or pass --allow-mismatch",
                 c->mismatch[0]);
        return BAD_INPUT;
    }
    c->entries = calloc((size_t)c->n_kernels * (size_t)c->n_runs, sizeof *c->entries);
    if (c->entries == NULL) {
        snprintf(err, err_size, "out of memory");
        return FAILED;
    }
    for (int k = 0; k < c->n_kernels; k++)
        for (int i = 0; i < c->n_runs; i++)
            compute_entry(c->runs[i], c->kernels[k], i ? &c->entries[k * c->n_runs] : NULL,
                          &c->entries[k * c->n_runs + i]);
    return OK;
}

int compare_run(const struct compare_args *a, char *err, size_t err_size)
{
    struct comparison *c = calloc(1, sizeof *c);
    struct rundir d;
    char why[1024] = "";
    if (c == NULL) {
        snprintf(err, err_size, "out of memory");
        return FAILED;
    }
    if (a->out != NULL && rundir_check_out(a->out, err, err_size) != 0) {
        free(c);
        return BAD_INPUT;
    }
    enum status st = build(c, a, err, err_size);
    if (st == OK && rundir_open(&d, a->out, "compare", time(NULL), err, err_size) != 0)
        st = FAILED;
    if (st == OK) {
        d.link_latest = 0;  /* results/latest names the newest run, not a comparison */
        if (compare_write(c, d.staging, why, sizeof why, err, err_size) != 0) {
            rundir_abandon(&d);
            st = FAILED;
        } else if (rundir_commit(&d, err, err_size) < 0) {
            st = FAILED;
        }
    }
    if (st == OK) {
        compare_print(c, stdout);
        if (why[0])
            fprintf(stderr, "ompscale: warning: %s\n", why);
        printf("\nResults in %s/\n  compare.csv compare-series.csv compare.md compare.html%s\n", d.path,
               why[0] ? "" : " compare.png compare.svg");
        fflush(stdout);
    }
    comparison_free(c);
    return st;
}
