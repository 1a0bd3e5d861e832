/* main.c -- the ompscale command: parse options -> plan -> run -> results -> writers.
 * Only main decides the exit code: 0 ok, 1 runtime failure, 2 usage error, 3 verification
 * failed, 4 gnuplot not installed (plot). */
#define _DEFAULT_SOURCE  /* scandir */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "binding.h"
#include "charts.h"
#include "clock.h"
#include "cluster.h"
#include "compare.h"
#include "config.h"
#include "csv.h"
#include "dry_run.h"
#include "git_commit.h"
#include "jsonio.h"
#include "listing.h"
#include "meta.h"
#include "options.h"
#include "overhead.h"
#include "placement.h"
#include "plan_build.h"
#include "progress.h"
#include "record.h"
#include "report.h"
#include "results.h"
#include "rundir.h"
#include "runner.h"
#include "split.h"
#include "summary.h"
#include "sysinfo.h"
#include "text.h"

enum { EXIT_RUNTIME = 1, EXIT_USAGE = 2, EXIT_VERIFY = 3, EXIT_NO_GNUPLOT = 4 };

/* The signal that asked the run to stop (SIGINT, SIGTERM), or 0. The handler only sets it; the
 * runner asks after every sample, so the run stops between samples and writes what it has. */
static volatile sig_atomic_t stop_signal;

static void on_stop_signal(int sig)
{
    stop_signal = sig;
}

/* One-shot handlers: a second Ctrl-C while the results are written ends the process at once. */
static void catch_stop_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal;
    sa.sa_flags = (int)SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

/* Prints a one-line error; values the user gave may hold control bytes, which are escaped. */
static void report_error(const char *err)
{
    char line[2048];
    parse_escape(err, line, sizeof line);
    fprintf(stderr, "ompscale: %s\n", line);
}

static void report_warning(const char *text)
{
    char line[2048];
    parse_escape(text, line, sizeof line);
    fprintf(stderr, "ompscale: warning: %s\n", line);
}

/* What the runner's hooks need: the progress display and the staging directory. */
struct session_ctx {
    struct progress *progress;
    const char *dir;
};

static void on_instance(void *ctx, const struct results *r, int first, int n, const struct runner_progress *pr)
{
    progress_instance(((struct session_ctx *)ctx)->progress, r, first, n, pr);
}

static void on_done(void *ctx, const struct results *r, const struct measurement *m, const struct runner_progress *pr)
{
    progress_done(((struct session_ctx *)ctx)->progress, r, m, pr);
}

static void on_verify_failed(void *ctx, const struct results *r, const struct measurement *m, const char *why)
{
    char what[160];
    progress_clear(((struct session_ctx *)ctx)->progress);
    progress_describe(r, m, what, sizeof what);
    fprintf(stderr, "ompscale: verification failed: %s: %s\n", what, why);
}

/* Asked after every sample: a signal stops the run; meanwhile the time left counts down. */
static int should_stop(void *ctx)
{
    progress_tick(((struct session_ctx *)ctx)->progress);
    return stop_signal != 0;
}

static void on_overhead_row(void *ctx)
{
    progress_overhead_row(ctx);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

/* The names of the files in the run directory path, sorted, as a JSON array; NULL when out of
 * memory. */
static json_object *run_files(const char *path)
{
    struct dirent **names;
    json_object *files = json_object_new_array();
    int n = scandir(path, &names, NULL, by_name);
    for (int i = 0; i < n; i++) {
        if (names[i]->d_name[0] != '.' && files != NULL)
            json_object_array_add(files, json_object_new_string(names[i]->d_name));
        free(names[i]);
    }
    if (n >= 0)
        free(names);
    return files;
}

/* Prints the run directory and the files in it. */
static void print_files(const char *path)
{
    json_object *files = run_files(path);
    char line[8192];
    size_t len = 0;
    line[0] = '\0';
    for (size_t i = 0; files != NULL && i < json_object_array_length(files) && len < sizeof line; i++)
        len += (size_t)snprintf(line + len, sizeof line - len, " %s",
                                json_object_get_string(json_object_array_get_idx(files, i)));
    json_object_put(files);
    text_print(stdout, 0, "\nResults: %s/\n %s\n", path, line);
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
    if (si->cpus_available < si->cpus_online && r->hosts.n_ranks > 0)  /* the launcher bound the ranks */
        warnings_add(&r->warnings,
                     "rank 0 may use only %d of the %d CPUs online (affinity mask %s, as mpirun or srun bound it): "
                     "default thread counts stop at %d; give each rank cores for its threads (mpirun --bind-to none "
                     "or --map-by slot:PE=N, srun --cpus-per-task=N); mpi.hosts in meta.json has each rank's CPUs",
                     si->cpus_available, si->cpus_online, si->affinity, si->cpus_available);
    else if (si->cpus_available < si->cpus_online)
        warnings_add(&r->warnings,
                     "this process may use only %d of the %d CPUs online (affinity mask %s, set by taskset, a "
                     "container, or a library that pins threads): default thread counts stop at %d; check with "
                     "'taskset -p $$' and widen it with 'taskset -c 0-%d ompscale ...'",
                     si->cpus_available, si->cpus_online, si->affinity, si->cpus_available, si->cpus_online - 1);
}

/* Prints the lines that say what the session will measure (and, in a hybrid MPI run, on what). */
static void print_header(FILE *out, const struct plan *plan, const struct sysinfo *si)
{
    const struct hosts *h = plan->hosts;
    if (h != NULL)
        text_print(out, 2, "MPI: %d rank%s on %d host%s (%s); loops split over %d to %d ranks\n", h->n_ranks,
               h->n_ranks == 1 ? "" : "s", h->n_hosts, h->n_hosts == 1 ? "" : "s", h->library,
               plan_ranks_at(plan, 0), plan_ranks_at(plan, plan_n_ranks(plan) - 1));
    int n = plan_n_measurements(plan);
    if (plan->n_kernels > 0)
        text_print(out, 2, "ompscale %s: class %s, %d measurement%s, %ld%s timed runs each after %ld warm-up\n"
                           "  %s order (seed %llu); %d CPU%s available\n",
                   OMPSCALE_VERSION, kernel_class_name(plan->class), n, n == 1 ? "" : "s", plan->reps,
                   plan->max_reps > plan->reps ? "+" : "", plan->warmup,
                   plan->order == PLAN_ORDER_INTERLEAVED ? "interleaved" : "sequential", plan->seed,
                   si->cpus_available, si->cpus_available == 1 ? "" : "s");
    else
        text_print(out, 2, "ompscale %s: OpenMP's own costs at %d thread count%s; %d CPU%s available\n",
                   OMPSCALE_VERSION, plan->overhead_n_threads, plan->overhead_n_threads == 1 ? "" : "s",
                   si->cpus_available, si->cpus_available == 1 ? "" : "s");
}

/* After each instance: the record so far into the staging directory (ctx->dir), so that a run killed
 * outright (SIGKILL, power) leaves its whole instances behind for the next run to recover and
 * --resume to finish. A failure here is left to the final write to report. */
static void checkpoint(void *ctx, const struct results *r)
{
    char path[RUNDIR_PATH_MAX + 32], err[256];
    snprintf(path, sizeof path, "%s/%s", ((const struct session_ctx *)ctx)->dir, RECORD_FILE);
    record_write(r, path, err, sizeof err);
}

/* Measures the plan into results: the kernels, then the overhead table. Returns 0,
 * RUNNER_INTERRUPTED when a signal stopped it (results->interrupted), or -1 with err. */
static int measure(const struct plan *plan, struct session_ctx *cx, struct results *results, char *err,
                   size_t err_size)
{
    struct runner_hooks hooks = {.instance = on_instance, .done = on_done, .verify_failed = on_verify_failed,
                                 .checkpoint = checkpoint, .should_stop = should_stop, .ctx = cx};
    int rc = plan->n_kernels > 0 ? runner_run(plan, cx->dir, NULL, results, &hooks, err, err_size) : 0;
    if (rc < 0)
        return -1;
    if (rc == 0 && stop_signal)
        results->interrupted = 1;
    if (!results->interrupted && plan->overhead && plan->overhead_n_threads > 0 && results->n_overhead == 0) {
        struct overhead_config c;
        overhead_config_defaults(&c);
        c.threads = plan->threads;
        c.n_threads = plan->overhead_n_threads;
        progress_overhead_start(cx->progress, overhead_n_rows(&c), plan->overhead_n_threads);
        double t0 = clock_now_s();
        rc = runner_overhead(plan, results, on_overhead_row, cx->progress, err, err_size);
        results->overhead_table_s = clock_now_s() - t0;
        if (rc != 0)
            return -1;
    }
    if (results_fit_all(results) != 0) {
        snprintf(err, err_size, "out of memory");
        return -1;
    }
    return results->interrupted ? RUNNER_INTERRUPTED : 0;
}

/* --resume: the run in dir must be an unfinished one, made on this machine by this build, by a
 * job of as many MPI ranks (hosts: this job's; NULL for one process). Returns 0, or -1 with err
 * naming the difference. */
static int check_resumable(const char *dir, const struct plan *p, const struct results *r, const struct sysinfo *now,
                           const struct hosts *hosts, char *err, size_t err_size)
{
    const struct results_build *b = &r->build;
    struct plan_jobs jobs;
    if (plan_jobs_build(p, &jobs) != 0) {
        snprintf(err, err_size, "out of memory");
        return -1;
    }
    /* Interrupted, or killed outright after a checkpoint: instances or the overhead table left. */
    int left = r->instances_done < jobs.n_instances || (p->overhead && p->overhead_n_threads > 0 && r->n_overhead == 0);
    plan_jobs_free(&jobs);
    if (!r->interrupted && !left) {
        snprintf(err, err_size, "--resume %s: the run is complete: nothing to resume", dir);
        return -1;
    }
    const char *what = NULL, *was = NULL, *is = NULL;
    if (strcmp(r->machine.host, now->host) != 0)
        what = "host", was = r->machine.host, is = now->host;
    else if (strcmp(r->machine.cpu_model, now->cpu_model) != 0)
        what = "CPU", was = r->machine.cpu_model, is = now->cpu_model;
    else if (r->machine.cpus_available != now->cpus_available)
        what = "CPUs available", was = "", is = "";
    else if (strcmp(b->git_commit, OMPSCALE_GIT_COMMIT) != 0)
        what = "ompscale commit", was = b->git_commit, is = OMPSCALE_GIT_COMMIT;
    else if (strcmp(b->compiler_id, OMPSCALE_COMPILER_ID) != 0 || strcmp(b->compiler_version, OMPSCALE_COMPILER_VERSION) != 0)
        what = "compiler", was = b->compiler_version, is = OMPSCALE_COMPILER_VERSION;
    else if (strcmp(b->c_flags, OMPSCALE_C_FLAGS) != 0)
        what = "compiler flags", was = b->c_flags, is = OMPSCALE_C_FLAGS;
    int ranks_was = r->hosts.n_ranks, ranks_now = hosts != NULL ? hosts->n_ranks : 0;  /* 0: no MPI */
    if (what == NULL && ranks_was != ranks_now) {
        char made[64] = "by one process", here[64] = "one process";
        if (ranks_was > 0)
            snprintf(made, sizeof made, "by an MPI job of %d rank%s", ranks_was, ranks_was == 1 ? "" : "s");
        if (ranks_now > 0)
            snprintf(here, sizeof here, "an MPI job of %d rank%s", ranks_now, ranks_now == 1 ? "" : "s");
        snprintf(err, err_size, "--resume %s: made %s, this run is %s: resume it the way it ran", dir, made, here);
        return -1;
    }
    if (what == NULL)
        return 0;
    if (strcmp(what, "CPUs available") == 0)
        snprintf(err, err_size, "--resume %s: made with %d CPUs available, this process has %d: resume it where it ran",
                 dir, r->machine.cpus_available, now->cpus_available);
    else
        snprintf(err, err_size, "--resume %s: made on another %s ('%s', here '%s'): resume it where it ran, with the "
                 "same build", dir, what, was, is);
    return -1;
}

/* --resume: loads the run in o->resume_dir into plan and results and stages a copy of its
 * directory in dir. Returns 0, or an exit code with the error printed. */
static int start_resumed(const struct options *o, const struct hosts *hosts, struct plan *plan,
                         struct results *results, struct rundir *dir)
{
    static struct sysinfo here;
    char err[1024];
    int rc = record_load(o->resume_dir, plan, results, err, sizeof err);
    sysinfo_read(&here);
    if (rc != 0 || check_resumable(o->resume_dir, plan, results, &here, hosts, err, sizeof err) != 0) {
        report_error(err);
        return rc == RECORD_NO_MEMORY ? EXIT_RUNTIME : EXIT_USAGE;
    }
    results->interrupted = 0;
    results->warnings.n = results->n_warnings_measured;  /* the derived ones are made again */
    if (rundir_reopen(dir, o->resume_dir, err, sizeof err) != 0) {
        report_error(err);
        return EXIT_RUNTIME;
    }
    return 0;
}

/* A new run: the plan from the options, the machine and binding read (and the job's ranks, hosts:
 * NULL for one process), the staging directory made (or the dry run printed: returns -1 then,
 * after which the caller exits 0). Returns 0, -1, or an exit code with the error printed. */
static int start_new(const struct options *o, const struct binding_state *bs, const struct hosts *hosts,
                     struct plan *plan, struct results *results, struct rundir *dir)
{
    char err[1024], host[128];
    results_init(results, plan);
    results->started = time(NULL);
    sysinfo_read(&results->machine);
    if (hosts != NULL)
        results->hosts = *hosts;
    if (results_set_command_line(results, o->argc, o->argv) != 0) {
        report_error("out of memory");
        return EXIT_RUNTIME;
    }
    if (plan_build(o, results->machine.cpus_available, plan, &results->warnings, err, sizeof err) != 0 ||
        plan_build_ranks(o, hosts != NULL ? &results->hosts : NULL, plan, &results->warnings, err, sizeof err) != 0 ||
        (o->out_dir && rundir_check_out(o->out_dir, err, sizeof err) != 0)) {
        report_error(err);
        return EXIT_USAGE;
    }
    if (o->dry_run) {
        if (dry_run_print(stdout, plan, &results->machine, bs, err, sizeof err) == 0)
            return -1;
        report_error(err);
        return EXIT_RUNTIME;
    }
    note_overridden_env(&results->machine, &results->warnings);
    snprintf(results->placement.bind, sizeof results->placement.bind, "%s", bs->bind);
    placement_read(&results->placement, plan->threads[plan->n_threads - 1]);
    binding_warnings(bs, &results->placement, &results->machine, &results->warnings);
    sysinfo_host_slug(&results->machine, host, sizeof host);
    if (rundir_open(dir, o->out_dir, host, results->started, err, sizeof err) != 0) {
        report_error(err);
        return EXIT_RUNTIME;
    }
    if (dir->stale[0] != '\0')
        warnings_add(&results->warnings, "staging directories that runs killed outright left behind: %s", dir->stale);
    return 0;
}

/* Writes the run's files into the staging directory dir: the CSV files, results.json, meta.json,
 * summary.txt and, last, so that it says what the record says, report.html (what it could not
 * show goes to note). Returns 0, or -1 with err. */
static int write_run(struct results *results, const char *dir, char *note, size_t note_size, char *err,
                     size_t err_size)
{
    char record[RUNDIR_PATH_MAX + 32];
    snprintf(record, sizeof record, "%s/%s", dir, RECORD_FILE);
    if (csv_write_all(results, dir, err, err_size) != 0)
        return -1;
    results_note_peak_rss(results);
    if (record_write(results, record, err, err_size) != 0 || meta_write(results, dir, err, err_size) != 0 ||
        summary_save(results, dir, err, err_size) != 0)
        return -1;
    return report_write(results, dir, note, note_size, err, err_size);
}

/* The end of a session on stdout: the summary (as summary.txt has it, without the warnings, which
 * go to stderr), the files and the report, or with --format json the summary as JSON. Returns 0,
 * or -1 when out of memory. */
static int show_end(const struct options *o, const struct results *results, const char *path)
{
    if (o->json) {
        json_object *j = summary_json(results);
        if (j == NULL)
            return -1;
        jsonio_add_str(j, "run_dir", path);
        json_object_object_add(j, "files", run_files(path));
        jsonio_print(stdout, j);
        json_object_put(j);
        return 0;
    }
    if (o->quiet)
        return 0;
    char *text = summary_text(results, 0);
    if (text == NULL)
        return -1;
    printf("\n%s", text);
    free(text);
    print_files(path);
    printf("Report: %s/%s (one page to open in a browser or send)\n", path, REPORT_FILE);
    return 0;
}

/* ompscale run and ompscale overhead: one session from options to a committed run directory. A
 * signal stops it between samples; what was measured is written and committed all the same, and
 * `run --resume DIR` measures the rest into the same directory. bs is the binding binding_apply
 * set up; hosts the MPI job's ranks (on rank 0 of a hybrid run), else NULL. */
static int session(const struct options *o, const struct binding_state *bs, const struct hosts *hosts)
{
    static struct plan plan;     /* large; static keeps it off the stack */
    static struct results results;
    struct rundir dir;
    struct progress progress;
    char err[1024], note[1024] = "";

    int started = o->resume_dir != NULL ? start_resumed(o, hosts, &plan, &results, &dir)
                                        : start_new(o, bs, hosts, &plan, &results, &dir);
    if (started != 0) {
        results_free(&results);
        return started < 0 ? 0 : started;
    }
    /* with --format json, stdout is the JSON's alone: the progress goes to stderr */
    FILE *shown = o->quiet ? NULL : o->json ? stderr : stdout;
    const struct sysinfo *si = &results.machine;
    struct session_ctx cx = {&progress, dir.staging};
    catch_stop_signals();
    progress_init(&progress, shown);
    if (shown != NULL) {
        print_header(shown, &plan, si);
        if (o->resume_dir != NULL)
            fprintf(shown, "resuming %s: %d of %d configurations were measured\n", o->resume_dir, results.n,
                    plan_n_measurements(&plan));
    }
    int rc = measure(&plan, &cx, &results, err, sizeof err);
    progress_clear(&progress);
    int interrupted = rc == RUNNER_INTERRUPTED;
    if (interrupted)
        rc = 0;
    if (rc == 0) {
        results.n_warnings_measured = results.warnings.n;
        add_run_warnings(&results, si);
        rc = write_run(&results, dir.staging, note, sizeof note, err, sizeof err);
    }
    if (rc != 0) {
        report_error(err);
        rundir_abandon(&dir);
        results_free(&results);
        return EXIT_RUNTIME;
    }
    int committed = rundir_commit(&dir, err, sizeof err);
    if (committed < 0) {
        report_error(err);
        results_free(&results);
        return EXIT_RUNTIME;
    }
    if (committed > 0)
        warnings_add(&results.warnings, "%s", err);
    if (note[0] != '\0')
        warnings_add(&results.warnings, "%s: %s", REPORT_FILE, note);

    if (show_end(o, &results, dir.path) != 0)
        report_error("out of memory");
    fflush(stdout);  /* the summary before the warnings, also when both go to one file */
    for (int i = 0; i < results.warnings.n; i++)
        report_warning(results.warnings.text[i]);
    int failed = results.n_verify_failed;
    if (failed > 0)
        fprintf(stderr, "ompscale: %d timed run%s FAILED verification: see verified=0 rows in %s/raw.csv\n", failed,
                failed == 1 ? "" : "s", dir.path);
    if (interrupted)
        fprintf(stderr, "ompscale: interrupted (%s): %d of %d configurations measured and written; finish the run "
                        "with: ompscale run --resume %s\n",
                stop_signal == SIGTERM ? "SIGTERM" : "SIGINT", results.n, plan_n_measurements(&plan), dir.path);
    results_free(&results);
    if (interrupted)
        return 128 + (stop_signal ? (int)stop_signal : SIGINT);
    return failed > 0 ? EXIT_VERIFY : 0;
}

/* A run under mpirun or srun (an MPI build): every rank sends rank 0 its facts; rank 0 runs the
 * session while the other ranks serve its split steps, until it stops them with its exit status,
 * which every rank then returns. Errors are printed by rank 0 alone. */
static int hybrid(const struct options *o, const struct binding_state *bs)
{
    static struct sysinfo self;
    static struct hosts hosts;
    char err[1024];
    if (cluster_init(err, sizeof err) != 0) {
        if (cluster_launch_rank() <= 0)
            report_error(err);
        return EXIT_RUNTIME;
    }
    sysinfo_read(&self);
    int rc = hosts_gather(&hosts, &self, err, sizeof err);
    if (cluster_rank() != 0) {
        rc = split_serve();
    } else {
        if (rc != 0)
            report_error(err);
        rc = rc != 0 ? EXIT_RUNTIME : session(o, bs, &hosts);
        split_stop(rc);
    }
    cluster_finalize();
    return rc;
}

static void on_chart(void *ctx, const char *path)
{
    if (ctx != NULL)
        printf("  %s.png  %s.svg\n", path, path);
}

/* ompscale plot DIR: the run's charts, drawn again from its results.json alone; with --chart ascii
 * (ascii 1), its speed-up chart printed as text instead; quiet: no list of the charts drawn. */
static int plot(const char *dir, int ascii, int quiet)
{
    static struct plan plan;     /* large; static keeps it off the stack */
    static struct results results;
    char err[1024], log[8192];
    int loaded = record_load(dir, &plan, &results, err, sizeof err);
    int drawn = loaded != 0 ? 0
                : ascii     ? charts_print_ascii(&results, dir, err, sizeof err, log, sizeof log)
                            : charts_draw(&results, dir, CHARTS_PNG | CHARTS_SVG, on_chart, quiet ? NULL : stdout, err,
                                          sizeof err, log, sizeof log);
    results_free(&results);
    if (loaded == 0 && drawn == 0)
        return 0;
    fprintf(stderr, "ompscale: %s\n", err);
    if (drawn == CHARTS_FAILED && log[0] != '\0')
        fprintf(stderr, "%s%s", log, log[strlen(log) - 1] == '\n' ? "" : "\n");
    if (loaded != 0)
        return loaded == RECORD_NO_MEMORY ? EXIT_RUNTIME : EXIT_USAGE;
    return drawn == CHARTS_NO_GNUPLOT ? EXIT_NO_GNUPLOT : EXIT_RUNTIME;
}

/* ompscale report DIR: DIR/report.html written again from DIR/results.json alone. */
static int report(const char *dir)
{
    static struct plan plan;     /* large; static keeps it off the stack */
    static struct results results;
    char err[1024], note[1024];
    struct stat st;
    int found = stat(dir, &st) == 0;
    if (!found || !S_ISDIR(st.st_mode)) {  /* the page goes into it: a results.json file will not do */
        char why[1200];
        snprintf(why, sizeof why, "report '%.900s': %s", dir,
                 found ? "not a directory: name the run directory that holds results.json" : strerror(errno));
        report_error(why);
        return EXIT_USAGE;
    }
    int loaded = record_load(dir, &plan, &results, err, sizeof err);
    int written = loaded == 0 ? report_write(&results, dir, note, sizeof note, err, sizeof err) : 0;
    results_free(&results);
    if (loaded != 0 || written != 0) {
        report_error(err);
        return loaded == RECORD_BAD ? EXIT_USAGE : EXIT_RUNTIME;
    }
    if (note[0] != '\0') {
        snprintf(err, sizeof err, "%s: %.900s", REPORT_FILE, note);
        report_warning(err);
    }
    printf("%s/%s\n", dir, REPORT_FILE);
    return 0;
}

/* ompscale list: the kernels --kernel names (all by default). */
static int list(const struct options *o)
{
    static struct plan plan;  /* large; static keeps it off the stack */
    char err[1024];
    memset(&plan, 0, sizeof plan);
    if (plan_build_kernels(o, &plan, err, sizeof err) != 0) {
        report_error(err);
        return EXIT_USAGE;
    }
    if (listing_kernels(stdout, &plan, o->class, o->json) != 0) {
        report_error("out of memory");
        return EXIT_RUNTIME;
    }
    return 0;
}

/* ompscale compare DIR DIR...: the runs' records side by side. */
static int compare(const struct options *o)
{
    struct compare_args a = {.out = o->out_dir, .allow_mismatch = o->allow_mismatch};
    char err[1024];
    if (o->n_operands > COMPARE_RUNS_MAX) {
        fprintf(stderr, "ompscale: compare: at most %d run directories, got %d\n", COMPARE_RUNS_MAX, o->n_operands);
        return EXIT_USAGE;
    }
    for (int i = 0; i < o->n_operands; i++)
        a.dirs[a.n_dirs++] = o->operands[i];
    int rc = compare_run(&a, err, sizeof err);
    if (rc != 0)
        report_error(err);
    return rc == 2 ? EXIT_USAGE : rc != 0 ? EXIT_RUNTIME : 0;
}

int main(int argc, char **argv)
{
    static struct options opts;  /* large; static keeps it off the stack */
    char err[1024];
    if (options_parse(argc, argv, &opts, err, sizeof err) != 0) {
        if (cluster_launch_rank() <= 0)  /* under mpirun or srun, rank 0 alone says it */
            report_error(err);
        return EXIT_USAGE;
    }
    if (!opts.seed_given)  /* from the time; the plan, the header and meta.json record it */
        opts.seed = ((unsigned long long)time(NULL) * 1000003ULL ^ (unsigned long long)(clock_now_s() * 1e9)) %
                    OPTIONS_SEED_MAX;
    switch (opts.command) {
    case CMD_HELP:
        options_print_help(stdout, opts.help_command);
        return 0;
    case CMD_VERSION:
        printf("ompscale %s (commit %s; %s %s, OpenMP %d)\n", OMPSCALE_VERSION, OMPSCALE_GIT_COMMIT,
               OMPSCALE_COMPILER_ID, OMPSCALE_COMPILER_VERSION, _OPENMP);
        return 0;
    case CMD_LIST:
        return list(&opts);
    case CMD_RUN:
    case CMD_OVERHEAD: {
        struct binding_state bs;
        binding_apply(opts.bind, opts.dry_run ? NULL : argv, &bs);  /* may re-execute ompscale */
        return cluster_launched() ? hybrid(&opts, &bs) : session(&opts, &bs, NULL);
    }
    case CMD_COMPARE:
        return compare(&opts);
    case CMD_INFO:
        if (listing_info(stdout, opts.json) != 0) {
            report_error("out of memory");
            return EXIT_RUNTIME;
        }
        return 0;
    case CMD_PLOT:
        return plot(opts.run_dir, opts.chart_ascii, opts.quiet);
    case CMD_REPORT:
        return report(opts.run_dir);
    }
    return EXIT_USAGE;
}
