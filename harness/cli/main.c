/* main.c -- the ompscale command: parse options -> plan -> run -> results -> writers.
 * Only main decides the exit code: 0 ok, 1 runtime failure, 2 usage error, 3 verification
 * failed. */
#define _DEFAULT_SOURCE  /* scandir */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "binding.h"
#include "compare.h"
#include "config.h"
#include "csv.h"
#include "dry_run.h"
#include "git_commit.h"
#include "info.h"
#include "meta.h"
#include "options.h"
#include "placement.h"
#include "plan_build.h"
#include "results.h"
#include "rundir.h"
#include "runner.h"
#include "summary.h"
#include "sysinfo.h"

enum { EXIT_RUNTIME = 1, EXIT_USAGE = 2, EXIT_VERIFY = 3 };

static void describe(const struct results *r, const struct measurement *m, char *buf, size_t size)
{
    const struct kernel *k = r->plan->kernels[m->kernel].kernel;
    const char *kname = k->name;
    if (m->scan_size > 0) {
        char cfg[64];
        snprintf(cfg, sizeof cfg, "%s=%.0f", k->scan_param, m->scan_size);
        if (m->schedule == SCHED_SERIAL)
            snprintf(buf, size, "%-11s %-14s ser", kname, cfg);
        else
            snprintf(buf, size, "%-11s %-14s %2dT", kname, cfg, m->threads);
    } else if (m->schedule == SCHED_SERIAL)
        snprintf(buf, size, "%-11s %-18s", kname, "serial");
    else if (strcmp(m->chunk_label, "default") == 0)
        snprintf(buf, size, "%-11s %-14s %2dT", kname, schedule_name(m->schedule), m->threads);
    else {
        char cfg[64];
        snprintf(cfg, sizeof cfg, "%s,%s", schedule_name(m->schedule), m->chunk_label);
        snprintf(buf, size, "%-11s %-14s %2dT", kname, cfg, m->threads);
    }
}

static void on_before(void *ctx, const struct results *r, const struct measurement *m, int index, int total)
{
    (void)ctx;
    char what[128];
    describe(r, m, what, sizeof what);
    printf("[%*d/%d] %s ", total >= 100 ? 3 : 2, index + 1, total, what);
    fflush(stdout);
}

static void on_after(void *ctx, const struct results *r, const struct measurement *m, int index, int total)
{
    (void)ctx;
    (void)index;
    (void)total;
    struct derived d;
    results_derive(r, m, &d);
    printf(" median %10.6f s", m->summary.median);
    if (m->inner > 1)
        printf(" (x%ld)", m->inner);
    if (m->schedule != SCHED_SERIAL)
        printf("  speed-up %5.2f  efficiency %4.2f%s%s", d.speedup, d.efficiency,
               m->oversubscribed ? "  oversubscribed" : "", d.verified ? "" : "  VERIFY FAILED");
    putchar('\n');
    fflush(stdout);
}

static void on_verify_failed(void *ctx, const struct results *r, const struct measurement *m, const char *why)
{
    (void)ctx;
    char what[128];
    describe(r, m, what, sizeof what);
    fprintf(stderr, "\nompscale: verification failed: %s: %s\n", what, why);
}

static void on_overhead_row(void *ctx)
{
    (void)ctx;
    putchar('.');
    fflush(stdout);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

/* Prints the run directory and the files in it. */
static void print_files(const char *path)
{
    struct dirent **names;
    int n = scandir(path, &names, NULL, by_name);
    printf("\nResults: %s/\n ", path);
    for (int i = 0; i < n; i++) {
        if (names[i]->d_name[0] != '.')
            printf(" %s", names[i]->d_name);
        free(names[i]);
    }
    if (n >= 0)
        free(names);
    putchar('\n');
}

static void list_kernels(enum kernel_class selected)
{
    for (int i = 0; i < kernel_count; i++) {
        const struct kernel *k = kernel_table[i];
        printf("%s: %s\n", k->name, k->summary);
        printf("  parallel loop over: %s; work unit: %s; default chunks: %s\n", k->iteration, k->work_unit,
               k->default_chunks);
        for (int u = 0; u < k->n_units; u++)
            printf("  chunk unit: %s = parameter %s iterations\n", k->units[u].name, k->units[u].param);
        printf("  %-10s", "parameter");
        for (int c = 0; c < CLASS_COUNT; c++)
            printf(" %12s%s", kernel_class_name((enum kernel_class)c), c == (int)selected ? "*" : " ");
        printf("  meaning\n");
        for (int j = 0; j < k->n_params; j++) {
            printf("  %-10s", k->params[j].name);
            for (int c = 0; c < CLASS_COUNT; c++) {
                char v[32];
                plan_format_value(&k->params[j], k->params[j].by_class[c], v, sizeof v);
                printf(" %12s ", v);
            }
            printf("  %s\n", k->params[j].help);
        }
        putchar('\n');
    }
    printf("* the selected class (--class); set any parameter with --set KERNEL.PARAM=VALUE\n");
}

/* Notes which OMP_* variables the command line overrides. */
static void note_overridden_env(const struct sysinfo *si, struct warnings *w)
{
    static const char *const overridden[][2] = {
        {"OMP_NUM_THREADS", "--threads"}, {"OMP_SCHEDULE", "--schedule and --chunk"}, {"OMP_DYNAMIC", "ompscale"}};
    for (size_t i = 0; i < sizeof overridden / sizeof overridden[0]; i++) {
        const char *v = sysinfo_omp_env(si, overridden[i][0]);
        if (v != NULL)
            warnings_add(w, "%s=%s is ignored: %s decides (the value is recorded in meta.json)", overridden[i][0], v,
                         overridden[i][1]);
    }
}

#define NOISY_CV 0.10  /* a configuration whose runs vary more than this is flagged */

/* Adds the warnings a run's results and this machine call for, each saying what to do. */
static void add_run_warnings(struct results *r, const struct sysinfo *si)
{
    int noisy = 0, with_outliers = 0, n = 0;
    for (int i = 0; i < r->n; i++) {
        const struct measurement *m = &r->m[i];
        n++;
        noisy += m->summary.cv > NOISY_CV;
        with_outliers += m->summary.n_outliers > 0;
    }
    if (noisy > 0)
        warnings_add(&r->warnings,
                     "noisy results: %d of %d configurations vary by more than %.0f%% (cv column): other programs "
                     "or frequency changes got in the way; close them, or raise --max-reps",
                     noisy, n, 100 * NOISY_CV);
    if (with_outliers > 0)
        warnings_add(&r->warnings,
                     "%d of %d configurations had outliers (outlier column in raw.csv): interruptions from other "
                     "programs or the OS; medians are robust to them, but a quiet machine gives better numbers",
                     with_outliers, n);
    if (si->cpufreq_governor[0] != '\0' && strcmp(si->cpufreq_governor, "performance") != 0)
        warnings_add(&r->warnings,
                     "CPU frequency governor is '%s', not 'performance': clocks change with load, which blurs "
                     "speed-ups; for steady numbers: sudo cpupower frequency-set -g performance",
                     si->cpufreq_governor);
    if (si->cpus_available < si->cpus_online)
        warnings_add(&r->warnings,
                     "this process may use only %d of the %d CPUs online (affinity mask %s, set by taskset, a "
                     "container, or a library that pins threads): default thread counts stop at %d; check with "
                     "'taskset -p $$' and widen it with 'taskset -c 0-%d ompscale ...'",
                     si->cpus_available, si->cpus_online, si->affinity, si->cpus_available, si->cpus_online - 1);
}

/* Prints the line that says what the session will measure. */
static void print_header(const struct plan *plan, const struct sysinfo *si)
{
    int n = plan_n_measurements(plan);
    if (plan->n_kernels > 0)
        printf("ompscale %s: class %s, %d measurement%s, %ld%s timed runs each after %ld warm-up; %d CPU%s "
               "available\n",
               OMPSCALE_VERSION, kernel_class_name(plan->class), n, n == 1 ? "" : "s", plan->reps,
               plan->max_reps > plan->reps ? "+" : "", plan->warmup, si->cpus_available,
               si->cpus_available == 1 ? "" : "s");
    else
        printf("ompscale %s: OpenMP's own costs at %d thread count%s; %d CPU%s available\n", OMPSCALE_VERSION,
               plan->overhead_n_threads, plan->overhead_n_threads == 1 ? "" : "s", si->cpus_available,
               si->cpus_available == 1 ? "" : "s");
}

/* Measures the plan into results: the kernels, then the overhead table. Returns 0, or -1 with err. */
static int measure(const struct plan *plan, const char *dir, struct results *results, char *err, size_t err_size)
{
    struct runner_hooks hooks = {on_before, on_after, on_verify_failed, NULL};
    if (plan->n_kernels > 0 && runner_run(plan, dir, results, &hooks, err, err_size) != 0)
        return -1;
    if (plan->overhead && plan->overhead_n_threads > 0) {
        printf("overhead: OpenMP's own costs (parallel region, barrier, schedules) at %d thread count%s ",
               plan->overhead_n_threads, plan->overhead_n_threads == 1 ? "" : "s");
        fflush(stdout);
        int rc = runner_overhead(plan, results, on_overhead_row, NULL, err, err_size);
        putchar('\n');
        if (rc != 0)
            return -1;
    }
    if (results_fit_all(results) != 0) {
        snprintf(err, err_size, "out of memory");
        return -1;
    }
    return 0;
}

/* ompscale run and ompscale overhead: one session from options to a committed run directory;
 * bs is the binding binding_apply set up. */
static int session(const struct options *o, const struct binding_state *bs)
{
    static struct plan plan;     /* large; static keeps it off the stack */
    static struct results results;
    struct rundir dir;
    char err[1024], host[128];

    results_init(&results, &plan);
    results.started = time(NULL);
    sysinfo_read(&results.machine);
    const struct sysinfo *si = &results.machine;
    if (results_set_command_line(&results, o->argc, o->argv) != 0) {
        fprintf(stderr, "ompscale: out of memory\n");
        return EXIT_RUNTIME;
    }
    if (plan_build(o, si->cpus_available, &plan, &results.warnings, err, sizeof err) != 0 ||
        (o->out_dir && rundir_check_out(o->out_dir, err, sizeof err) != 0)) {
        fprintf(stderr, "ompscale: %s\n", err);
        results_free(&results);
        return EXIT_USAGE;
    }
    if (o->dry_run) {
        int rc = dry_run_print(stdout, &plan, si, bs, err, sizeof err);
        if (rc != 0)
            fprintf(stderr, "ompscale: %s\n", err);
        results_free(&results);
        return rc != 0 ? EXIT_RUNTIME : 0;
    }
    note_overridden_env(si, &results.warnings);
    snprintf(results.placement.bind, sizeof results.placement.bind, "%s", bs->bind);
    placement_read(&results.placement, plan.threads[plan.n_threads - 1]);
    binding_warnings(bs, &results.placement, si, &results.warnings);
    sysinfo_host_slug(si, host, sizeof host);
    if (rundir_open(&dir, o->out_dir, host, results.started, err, sizeof err) != 0) {
        fprintf(stderr, "ompscale: %s\n", err);
        results_free(&results);
        return EXIT_RUNTIME;
    }
    print_header(&plan, si);
    int rc = measure(&plan, dir.staging, &results, err, sizeof err);
    if (rc == 0) {
        add_run_warnings(&results, si);
        rc = csv_write_all(&results, dir.staging, err, sizeof err);
    }
    if (rc == 0)
        rc = meta_write(&results, dir.staging, err, sizeof err);
    if (rc != 0) {
        fprintf(stderr, "ompscale: %s\n", err);
        rundir_abandon(&dir);
        results_free(&results);
        return EXIT_RUNTIME;
    }
    int committed = rundir_commit(&dir, err, sizeof err);
    if (committed < 0) {
        fprintf(stderr, "ompscale: %s\n", err);
        results_free(&results);
        return EXIT_RUNTIME;
    }
    if (committed > 0)
        warnings_add(&results.warnings, "%s", err);

    if (plan.n_kernels > 0)
        summary_print(&results);
    else
        summary_print_overhead_table(&results);
    for (int i = 0; i < results.warnings.n; i++)
        fprintf(stderr, "ompscale: warning: %s\n", results.warnings.text[i]);
    print_files(dir.path);
    int failed = results.n_verify_failed;
    if (failed > 0)
        fprintf(stderr, "ompscale: %d timed run%s FAILED verification: see verified=0 rows in %s/raw.csv\n", failed,
                failed == 1 ? "" : "s", dir.path);
    results_free(&results);
    return failed > 0 ? EXIT_VERIFY : 0;
}

/* ompscale info: the machine, then how this binary was built. */
static int print_info(void)
{
    struct sysinfo si;
    struct sysinfo_sample now;
    sysinfo_read(&si);
    sysinfo_sample(&now);
    info_print(stdout, &si, &now);
    printf("%-12s ompscale %s (commit %s), %s %s, OpenMP %d (%s), %s\n", "build", OMPSCALE_VERSION,
           OMPSCALE_GIT_COMMIT, OMPSCALE_COMPILER_ID, OMPSCALE_COMPILER_VERSION, _OPENMP, OMPSCALE_OPENMP_FLAGS,
           OMPSCALE_C_FLAGS);
    return 0;
}

int main(int argc, char **argv)
{
    static struct options opts;  /* large; static keeps it off the stack */
    char err[1024];
    if (argc > 1 && strcmp(argv[1], "compare") == 0) {  /* its own arguments: directories */
        int rc = compare_main(argc - 1, argv + 1, err, sizeof err);
        if (rc != 0)
            fprintf(stderr, "ompscale: %s\n", err);
        return rc == 2 ? EXIT_USAGE : rc != 0 ? EXIT_RUNTIME : 0;
    }
    if (options_parse(argc, argv, &opts, err, sizeof err) != 0) {
        fprintf(stderr, "ompscale: %s\n", err);
        return EXIT_USAGE;
    }
    switch (opts.command) {
    case CMD_HELP:
        options_print_help("ompscale");
        return 0;
    case CMD_VERSION:
        printf("ompscale %s (%s %s, OpenMP %d)\n", OMPSCALE_VERSION, OMPSCALE_COMPILER_ID, OMPSCALE_COMPILER_VERSION,
               _OPENMP);
        return 0;
    case CMD_LIST:
        list_kernels(opts.class);
        return 0;
    case CMD_RUN:
    case CMD_OVERHEAD: {
        struct binding_state bs;
        binding_apply(opts.bind, opts.dry_run ? NULL : argv, &bs);  /* may re-execute ompscale */
        return session(&opts, &bs);
    }
    case CMD_INFO:
        return print_info();
    }
    return EXIT_USAGE;
}
