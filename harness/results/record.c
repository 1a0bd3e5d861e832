/* record.c -- results.json, the one record of a run, written from struct results and read
 * back into it; meta.json is its description part, written by the same code.
 *
 * Layout (README, "results.json"): the description keys (suite, date, started, command_line,
 * class, machine, omp_env, build, timer, run, kernels, warnings) are those of meta.json, the
 * plan among them (run: threads, schedules, reps...; kernels: parameters, chunks, scan sizes);
 * results.json adds format and format_version first and measurements, fits, overhead, tables
 * and copies last. copies came after format_version 1 was fixed, so a record without it reads
 * as a run without copies; so did each sample's team (each thread's share of the loop), so a
 * record without teams reads as a run whose POP factors are not known. A double is written in
 * the fewest digits that read back exactly (jsonio), so a record loaded again gives the same CSV
 * files, byte for byte; NaN is null. A hybrid MPI run adds "mpi" (hosts.h) to the description,
 * run.ranks, and each measurement's ranks and its samples' gather_s; a record without them is a
 * run of one process, and a run of one process writes none, so its record is what it was before
 * MPI. A sample's team holds ranks x threads workers, rank-major (threads on one rank).
 *
 * The reader trusts nothing: every value is checked for type and range before it is used,
 * names that become file names or gnuplot words are checked for their characters, and an
 * error names the file and the key. The plan's CPU count is the machine's cpus_available, as
 * plan_build sets it.
 */
#define _POSIX_C_SOURCE 200809L
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "clock.h"
#include "hosts.h"
#include "jsonio.h"
#include "machine_json.h"
#include "record.h"

enum { COUNT_MAX = 1 << 24 };  /* bound for array lengths that size an allocation */

/* ---- writing ---- */

json_object *record_build_json(const struct results_build *rb)
{
    json_object *b = json_object_new_object();
    jsonio_add_str(b, "compiler_id", rb->compiler_id);
    jsonio_add_str(b, "compiler_version", rb->compiler_version);
    jsonio_add_str(b, "build_type", rb->build_type);
    jsonio_add_str(b, "c_flags", rb->c_flags);
    /* the flags some files add, which decide their speed: {"kernels/sqrtmap.c": "-fno-math-errno"} */
    json_object *files = json_object_new_object();
    char flags[sizeof rb->file_flags];
    snprintf(flags, sizeof flags, "%s", rb->file_flags);
    for (char *save = NULL, *entry = strtok_r(flags, ";", &save); entry; entry = strtok_r(NULL, ";", &save)) {
        char *eq = strchr(entry, '=');
        if (eq != NULL) {
            *eq = '\0';
            jsonio_add_str(files, entry, eq + 1);
        }
    }
    json_object_object_add(b, "file_flags", files);
    jsonio_add_str(b, "openmp_flags", rb->openmp_flags);
    jsonio_add_int(b, "openmp_version", rb->openmp_version);  /* yyyymm of the OpenMP spec the compiler implements */
    return b;
}

json_object *record_env_json(const struct sysinfo *si)
{
    json_object *env = json_object_new_object();
    for (int i = 0; i < si->n_omp_env; i++) {
        const char *eq = strchr(si->omp_env[i], '=');
        char name[256];
        if (eq == NULL)
            continue;
        snprintf(name, sizeof name, "%.*s", (int)(eq - si->omp_env[i]), si->omp_env[i]);
        jsonio_add_str(env, name, eq + 1);
    }
    return env;
}

static json_object *kernels_json(const struct results *r)
{
    const struct plan *p = r->plan;
    json_object *arr = json_object_new_array();
    for (int i = 0; i < p->n_kernels; i++) {
        const struct plan_kernel *pk = &p->kernels[i];
        const struct kernel *k = pk->kernel;
        json_object *o = json_object_new_object(), *params = json_object_new_object();
        json_object *chunks = json_object_new_array(), *scan = json_object_new_array();
        jsonio_add_str(o, "name", k->name);
        jsonio_add_str(o, "iteration", k->iteration);
        jsonio_add_str(o, "work_unit", k->work_unit);
        for (int j = 0; j < k->n_params; j++) {
            if (k->params[j].type == PARAM_REAL)
                jsonio_add_num(params, k->params[j].name, pk->values[j]);
            else
                jsonio_add_int(params, k->params[j].name, (long long)pk->values[j]);
        }
        json_object_object_add(o, "params", params);
        for (int c = 0; c < pk->n_chunks; c++) {
            json_object *ch = json_object_new_object();
            jsonio_add_str(ch, "label", pk->chunks[c].label);
            jsonio_add_int(ch, "iterations", pk->chunks[c].iterations);
            json_object_array_add(chunks, ch);
        }
        json_object_object_add(o, "chunks", chunks);
        for (int s = 0; s < pk->n_scan; s++)
            json_object_array_add(scan, jsonio_number(pk->scan_sizes[s]));
        json_object_object_add(o, "scan_sizes", scan);
        jsonio_add_num(o, "serial_section_s", r->serial_section_s[i]);
        const struct results_time *t = &r->time[i];
        json_object *time = json_object_new_object();  /* where the kernel's wall time went */
        jsonio_add_seconds(time, "total_s", t->total_s);
        jsonio_add_seconds(time, "setup_s", t->setup_s);
        jsonio_add_seconds(time, "warmup_s", t->warmup_s);
        jsonio_add_seconds(time, "timed_s", t->timed_s);
        jsonio_add_seconds(time, "harness_s", t->harness_s);
        jsonio_add_seconds(time, "copy_s", t->copy_s);
        jsonio_add_int(time, "samples", t->samples);
        json_object_object_add(o, "time", time);
        json_object *samples = json_object_new_object();
        json_object_object_add(samples, "before", machine_sample_json(&r->samples[i][0]));
        json_object_object_add(samples, "after", machine_sample_json(&r->samples[i][1]));
        json_object_object_add(o, "machine_state", samples);
        json_object_array_add(arr, o);
    }
    return arr;
}

static json_object *run_json(const struct results *r)
{
    const struct plan *p = r->plan;
    json_object *run = json_object_new_object(), *threads = json_object_new_array();
    json_object *schedules = json_object_new_array();
    for (int i = 0; i < p->n_threads; i++)
        json_object_array_add(threads, json_object_new_int(p->threads[i]));
    for (int i = 0; i < p->n_schedules; i++)
        json_object_array_add(schedules, json_object_new_string(schedule_name(p->schedules[i])));
    json_object_object_add(run, "threads", threads);
    if (r->hosts.n_ranks > 0) {  /* a hybrid MPI run */
        json_object *ranks = json_object_new_array();
        for (int i = 0; i < p->n_ranks; i++)
            json_object_array_add(ranks, json_object_new_int(p->ranks[i]));
        json_object_object_add(run, "ranks", ranks);
    }
    json_object_object_add(run, "schedules", schedules);
    jsonio_add_str(run, "scaling", p->weak ? "weak" : "strong");
    jsonio_add_int(run, "reps", p->reps);
    jsonio_add_int(run, "max_reps", p->max_reps);
    jsonio_add_num(run, "ci_target", p->ci_target);
    jsonio_add_num(run, "serial_fraction", p->serial_fraction);
    jsonio_add_int(run, "warmup", p->warmup);
    jsonio_add_str(run, "order", p->order == PLAN_ORDER_INTERLEAVED ? "interleaved" : "sequential");
    jsonio_add_int(run, "seed", (long long)p->seed);
    jsonio_add_bool(run, "overhead", p->overhead);
    jsonio_add_int(run, "overhead_n_threads", p->overhead_n_threads);
    jsonio_add_int(run, "measurements", r->n);
    jsonio_add_int(run, "verify_failed_runs", r->n_verify_failed);
    jsonio_add_bool(run, "interrupted", r->interrupted);
    jsonio_add_int(run, "instances_done", r->instances_done);
    jsonio_add_int(run, "warnings_measured", r->n_warnings_measured);
    jsonio_add_seconds(run, "overhead_table_s", r->overhead_table_s);
    jsonio_add_num(run, "clock_read_s", r->clock_read_s);
    /* where threads ran: the binding asked for and applied, the CPU of each thread of one team */
    const struct placement *pl = &r->placement;
    json_object *cpus = json_object_new_array();
    for (int i = 0; i < pl->n_thread_cpus; i++)
        json_object_array_add(cpus, json_object_new_int(pl->thread_cpus[i]));
    jsonio_add_str(run, "bind", pl->bind);
    jsonio_add_str(run, "proc_bind", pl->proc_bind);
    jsonio_add_str(run, "places", pl->places);
    jsonio_add_int(run, "n_places", pl->n_places);
    json_object_object_add(run, "thread_cpus", cpus);
    jsonio_add_seconds(run, "wall_s", r->wall_s);
    json_object_object_add(run, "peak_rss_bytes", r->peak_rss_bytes > 0 ? jsonio_number(r->peak_rss_bytes) : NULL);
    return run;
}

static json_object *summary_json(const struct stats_summary *s)
{
    json_object *o = json_object_new_object();
    jsonio_add_int(o, "n", s->n);
    jsonio_add_num(o, "median_s", s->median);
    jsonio_add_num(o, "ci_low_s", s->ci_low);
    jsonio_add_num(o, "ci_high_s", s->ci_high);
    jsonio_add_num(o, "ci_level", s->ci_level);
    jsonio_add_num(o, "min_s", s->min);
    jsonio_add_num(o, "max_s", s->max);
    jsonio_add_num(o, "mean_s", s->mean);
    jsonio_add_num(o, "sd_s", s->sd);
    jsonio_add_num(o, "cv", s->cv);
    jsonio_add_num(o, "mad_s", s->mad);
    jsonio_add_int(o, "n_outliers", s->n_outliers);
    return o;
}

static json_object *derived_json(const struct derived *d)
{
    json_object *o = json_object_new_object();
    jsonio_add_num(o, "speedup", d->speedup);
    jsonio_add_num(o, "speedup_ci_low", d->speedup_ci_low);
    jsonio_add_num(o, "speedup_ci_high", d->speedup_ci_high);
    jsonio_add_num(o, "speedup_paired", d->speedup_paired);
    jsonio_add_num(o, "speedup_paired_ci_low", d->speedup_paired_ci_low);
    jsonio_add_num(o, "speedup_paired_ci_high", d->speedup_paired_ci_high);
    jsonio_add_num(o, "speedup_of_medians", d->speedup_medians);
    jsonio_add_num(o, "speedup_of_medians_ci_low", d->speedup_medians_ci_low);
    jsonio_add_num(o, "speedup_of_medians_ci_high", d->speedup_medians_ci_high);
    jsonio_add_num(o, "speedup_vs_1thread", d->speedup_1thread);
    jsonio_add_num(o, "efficiency", d->efficiency);
    jsonio_add_num(o, "efficiency_ci_low", d->efficiency_ci_low);
    jsonio_add_num(o, "efficiency_ci_high", d->efficiency_ci_high);
    jsonio_add_num(o, "efficiency_vs_1thread", d->efficiency_1thread);
    jsonio_add_num(o, "karp_flatt", d->karp_flatt);
    jsonio_add_num(o, "karp_flatt_ci_low", d->karp_flatt_ci_low);
    jsonio_add_num(o, "karp_flatt_ci_high", d->karp_flatt_ci_high);
    jsonio_add_num(o, "throughput", d->throughput);
    jsonio_add_num(o, "bandwidth_gbs", d->bandwidth_gbs);
    jsonio_add_num(o, "copy_gbs", d->copy_gbs);
    jsonio_add_num(o, "bandwidth_of_copy", d->bandwidth_of_copy);
    jsonio_add_num(o, "load_balance", d->pop.load_balance);
    jsonio_add_num(o, "comm_efficiency", d->pop.comm_efficiency);
    jsonio_add_num(o, "parallel_efficiency", d->pop.parallel_efficiency);
    jsonio_add_num(o, "computation_scalability", d->pop.computation_scalability);
    jsonio_add_num(o, "global_efficiency", d->pop.global_efficiency);
    jsonio_add_bool(o, "verified", d->verified);
    char suspect[256];
    results_suspect_format(d->suspect, suspect, sizeof suspect);
    jsonio_add_str(o, "suspect", suspect);
    return o;
}

/* Sample i's team: each worker's useful time, iterations and chunks per run, worker w at index w. */
static json_object *team_json(const struct measurement *m, int i)
{
    json_object *o = json_object_new_object(), *useful = json_object_new_array();
    json_object *iterations = json_object_new_array(), *chunks = json_object_new_array();
    for (int w = 0; w < m->team_size; w++) {
        size_t at = (size_t)i * (size_t)m->team_size + (size_t)w;
        json_object_array_add(useful, jsonio_number(m->useful_s[at]));
        json_object_array_add(iterations, jsonio_number(m->iterations[at]));
        json_object_array_add(chunks, jsonio_number(m->chunks[at]));  /* null: not counted */
    }
    json_object_object_add(o, "useful_s", useful);
    json_object_object_add(o, "iterations", iterations);
    json_object_object_add(o, "chunks", chunks);
    return o;
}

static json_object *measurement_json(const struct results *r, const struct measurement *m)
{
    const struct kernel *k = r->plan->kernels[m->kernel].kernel;
    json_object *o = json_object_new_object(), *samples = json_object_new_array();
    struct derived d;
    int *outlier = calloc((size_t)m->n + 1, sizeof *outlier);
    if (outlier != NULL && stats_outliers(m->elapsed_s, m->n, outlier) < 0) {
        free(outlier);
        outlier = NULL;
    }
    results_derive(r, m, &d);
    jsonio_add_str(o, "kernel", k->name);
    jsonio_add_str(o, "schedule", schedule_name(m->schedule));
    jsonio_add_int(o, "chunk", m->chunk);
    jsonio_add_str(o, "chunk_label", m->chunk_label);
    jsonio_add_int(o, "threads", m->threads);
    if (r->hosts.n_ranks > 0)
        jsonio_add_int(o, "ranks", m->ranks);
    jsonio_add_bool(o, "oversubscribed", m->oversubscribed);
    jsonio_add_num(o, "scan_size", m->scan_size);
    jsonio_add_num(o, "weak_size", m->weak_size);
    jsonio_add_int(o, "inner_reps", m->inner);
    jsonio_add_num(o, "work", m->work);
    jsonio_add_num(o, "bytes", m->bytes);
    jsonio_add_int(o, "n_iterations", m->n_iterations);
    for (int i = 0; i < m->n; i++) {
        json_object *s = json_object_new_object(), *metrics = json_object_new_object();
        jsonio_add_num(s, "elapsed_s", m->elapsed_s[i]);
        jsonio_add_int(s, "round", m->round[i]);
        jsonio_add_bool(s, "verified", m->verified[i]);
        if (r->hosts.n_ranks > 0)
            jsonio_add_num(s, "gather_s", m->gather_s[i]);
        json_object_object_add(s, "outlier", outlier ? json_object_new_boolean(outlier[i]) : NULL);
        for (int j = 0; j < k->n_metrics; j++)
            jsonio_add_num(metrics, k->metric_names[j], m->metrics[(size_t)i * (size_t)k->n_metrics + (size_t)j]);
        json_object_object_add(s, "metrics", metrics);
        if (m->team_size > 0)
            json_object_object_add(s, "team", team_json(m, i));
        json_object_array_add(samples, s);
    }
    free(outlier);
    json_object_object_add(o, "samples", samples);
    json_object_object_add(o, "summary", summary_json(&m->summary));
    json_object_object_add(o, "derived", derived_json(&d));
    return o;
}

static json_object *fit_json(const struct results *r, const struct results_fit *x)
{
    json_object *o = json_object_new_object();
    jsonio_add_str(o, "kernel", r->plan->kernels[x->kernel].kernel->name);
    jsonio_add_str(o, "schedule", schedule_name(x->schedule));
    jsonio_add_int(o, "chunk", x->chunk);
    jsonio_add_str(o, "chunk_label", x->chunk_label);
    jsonio_add_bool(o, "ok", x->fit.ok);
    jsonio_add_int(o, "n_points", x->fit.n);
    jsonio_add_num(o, "f", x->fit.f);
    jsonio_add_num(o, "f_ci_low", x->fit.f_low);
    jsonio_add_num(o, "f_ci_high", x->fit.f_high);
    jsonio_add_num(o, "r2", x->fit.r2);
    jsonio_add_num(o, "ceiling", x->fit.ceiling);  /* null when f = 0: no ceiling */
    jsonio_add_int(o, "karp_flatt_trend", x->karp_flatt_trend);
    jsonio_add_bool(o, "best", x->best);
    return o;
}

static json_object *overhead_json(const struct overhead_row *row)
{
    json_object *o = json_object_new_object();
    jsonio_add_str(o, "construct", row->construct);
    jsonio_add_str(o, "schedule", row->schedule);
    jsonio_add_int(o, "chunk", row->chunk);
    jsonio_add_int(o, "threads", row->threads);
    jsonio_add_bool(o, "oversubscribed", row->oversubscribed);
    jsonio_add_int(o, "inner_reps", row->inner_reps);
    jsonio_add_int(o, "outer_reps", row->outer_reps);
    jsonio_add_num(o, "median_s", row->median_s);
    jsonio_add_num(o, "min_s", row->min_s);
    jsonio_add_num(o, "sd_s", row->sd_s);
    jsonio_add_num(o, "reference_s", row->reference_s);
    jsonio_add_num(o, "ci_low_s", row->ci_low_s);
    jsonio_add_num(o, "ci_high_s", row->ci_high_s);
    jsonio_add_num(o, "ci_level", row->ci_level);
    jsonio_add_bool(o, "within_noise", row->within_noise);
    return o;
}

static json_object *copy_json(const struct results *r, const struct results_copy *c)
{
    json_object *o = json_object_new_object(), *samples = json_object_new_array();
    jsonio_add_str(o, "kernel", r->plan->kernels[c->kernel].kernel->name);
    jsonio_add_int(o, "threads", c->threads);
    jsonio_add_num(o, "scan_size", c->scan_size);
    jsonio_add_num(o, "weak_size", c->weak_size);
    jsonio_add_int(o, "inner_reps", c->inner);
    jsonio_add_num(o, "bytes", c->bytes);
    for (int i = 0; i < c->n; i++)
        json_object_array_add(samples, jsonio_number(c->elapsed_s[i]));
    json_object_object_add(o, "elapsed_s", samples);
    json_object_object_add(o, "summary", summary_json(&c->summary));
    jsonio_add_num(o, "bandwidth_gbs", c->bytes > 0 ? c->bytes / c->summary.median / 1e9 : NAN);
    return o;
}

static json_object *table_json(const struct results_table *t)
{
    json_object *o = json_object_new_object(), *columns = json_object_new_array();
    json_object *rows = json_object_new_array();
    jsonio_add_str(o, "name", t->name);
    for (int c = 0; c < t->n_columns; c++)
        json_object_array_add(columns, json_object_new_string(t->columns[c]));
    for (long i = 0; i < t->n_rows; i++) {
        json_object *row = json_object_new_array();
        for (int c = 0; c < t->n_columns; c++)
            json_object_array_add(row, jsonio_number(t->values[i * t->n_columns + c]));
        json_object_array_add(rows, row);
    }
    json_object_object_add(o, "columns", columns);
    json_object_object_add(o, "rows", rows);
    return o;
}

/* The record as JSON: the description, and with full the measurements and what follows them. */
static json_object *record_json(const struct results *r, int full)
{
    const struct sysinfo *si = &r->machine;
    json_object *root = json_object_new_object();
    char date[64];
    struct tm tm;
    localtime_r(&r->started, &tm);
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S%z", &tm);

    if (full) {
        jsonio_add_str(root, "format", RECORD_FORMAT);
        jsonio_add_int(root, "format_version", RECORD_FORMAT_VERSION);
    }
    json_object *suite = json_object_new_object();
    jsonio_add_str(suite, "name", "ompscale");
    jsonio_add_str(suite, "version", r->build.version);
    jsonio_add_str(suite, "git_commit", r->build.git_commit);
    json_object_object_add(root, "suite", suite);
    jsonio_add_str(root, "date", date);
    jsonio_add_int(root, "started", (long long)r->started);
    json_object *argv = json_object_new_array();
    for (int i = 0; i < r->argc; i++)
        json_object_array_add(argv, json_object_new_string(r->argv[i]));
    json_object_object_add(root, "command_line", argv);
    jsonio_add_str(root, "class", kernel_class_name(r->plan->class));
    json_object_object_add(root, "machine", machine_json(si));
    if (r->hosts.n_ranks > 0)
        json_object_object_add(root, "mpi", hosts_json(&r->hosts));
    json_object_object_add(root, "build", record_build_json(&r->build));

    json_object_object_add(root, "omp_env", record_env_json(si));

    json_object *timer = json_object_new_object();
    jsonio_add_str(timer, "source", CLOCK_SOURCE_NAME);
    jsonio_add_num(timer, "granularity_s", r->clock_granularity_s);
    json_object_object_add(root, "timer", timer);
    json_object_object_add(root, "run", run_json(r));
    json_object_object_add(root, "kernels", kernels_json(r));

    json_object *warnings = json_object_new_array();
    for (int i = 0; i < r->warnings.n; i++)
        json_object_array_add(warnings, json_object_new_string(r->warnings.text[i]));
    json_object_object_add(root, "warnings", warnings);
    if (!full)
        return root;

    json_object *ms = json_object_new_array(), *fits = json_object_new_array();
    json_object *overhead = json_object_new_array(), *tables = json_object_new_array();
    json_object *copies = json_object_new_array();
    for (int i = 0; i < r->n; i++)
        json_object_array_add(ms, measurement_json(r, &r->m[i]));
    for (int i = 0; i < r->n_fits; i++)
        json_object_array_add(fits, fit_json(r, &r->fits[i]));
    for (int i = 0; i < r->n_overhead; i++)
        json_object_array_add(overhead, overhead_json(&r->overhead[i]));
    for (int i = 0; i < r->n_tables; i++)
        json_object_array_add(tables, table_json(&r->tables[i]));
    for (int i = 0; i < r->n_copies; i++)
        json_object_array_add(copies, copy_json(r, &r->copies[i]));
    json_object_object_add(root, "measurements", ms);
    json_object_object_add(root, "fits", fits);
    json_object_object_add(root, "overhead", overhead);
    json_object_object_add(root, "tables", tables);
    json_object_object_add(root, "copies", copies);
    return root;
}

static int write_json(const struct results *r, int full, const char *path, char *err, size_t err_size)
{
    json_object *root = record_json(r, full);
    if (root == NULL) {
        snprintf(err, err_size, "%s: out of memory", path);
        return -1;
    }
    int rc = jsonio_write_file(root, path, err, err_size);
    json_object_put(root);
    return rc;
}

int record_write(const struct results *r, const char *path, char *err, size_t err_size)
{
    return write_json(r, 1, path, err, err_size);
}

int record_write_meta(const struct results *r, const char *path, char *err, size_t err_size)
{
    return write_json(r, 0, path, err, err_size);
}

/* ---- reading ---- */

/* Where a reader is: the why buffer every check writes into. */
struct reader {
    char *why;
    size_t why_size;
    int no_memory;
};

#define WHY rd->why, rd->why_size

/* Sets why to "WHERE: reason" and returns -1. */
static int fail(struct reader *rd, const char *where, const char *reason, const char *value)
{
    if (value != NULL)
        snprintf(rd->why, rd->why_size, "%s: '%.80s' %s", where, value, reason);
    else
        snprintf(rd->why, rd->why_size, "%s: %s", where, reason);
    return -1;
}

/* 1 when s is a non-empty word of letters, digits, '_', '-', '.' and '+' (not "." or ".."):
 * safe in a file name and as one word of a gnuplot list. */
static int is_word(const char *s)
{
    if (s[0] == '\0' || strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_' ||
              *s == '-' || *s == '.' || *s == '+'))
            return 0;
    return 1;
}

/* Reads a word (is_word) shorter than size. */
static int read_word(struct reader *rd, json_object *o, const char *where, const char *key, char *buf, size_t size)
{
    char name[512];
    if (jsonio_string(o, where, key, 0, buf, size, WHY) != 0)
        return -1;
    snprintf(name, sizeof name, "%.200s.%.200s", where, key);
    return is_word(buf) ? 0 : fail(rd, name, "is not a name (letters, digits, _ - . +)", buf);
}

/* Reads a schedule name, "serial" included when serial_ok. */
static int read_schedule(struct reader *rd, json_object *o, const char *where, const char *key, int serial_ok,
                         enum sched_kind *kind)
{
    char name[16], at[256];
    if (jsonio_string(o, where, key, 0, name, sizeof name, WHY) != 0)
        return -1;
    if (serial_ok && strcmp(name, schedule_name(SCHED_SERIAL)) == 0) {
        *kind = SCHED_SERIAL;
        return 0;
    }
    snprintf(at, sizeof at, "%s%s%s", where, key ? "." : "", key ? key : "");
    return schedule_parse(name, kind) == 0 ? 0
                                           : fail(rd, at, "is not a schedule (static, dynamic, guided, auto)", name);
}

static int read_build(struct reader *rd, json_object *root, struct results_build *b)
{
    json_object *o, *files, *suite;
    long long omp;
    if (jsonio_object(root, "", "suite", 0, &suite, WHY) || jsonio_object(root, "", "build", 0, &o, WHY) ||
        jsonio_string(suite, "suite", "version", 0, b->version, sizeof b->version, WHY) ||
        jsonio_string(suite, "suite", "git_commit", 0, b->git_commit, sizeof b->git_commit, WHY) ||
        jsonio_string(o, "build", "compiler_id", 0, b->compiler_id, sizeof b->compiler_id, WHY) ||
        jsonio_string(o, "build", "compiler_version", 0, b->compiler_version, sizeof b->compiler_version, WHY) ||
        jsonio_string(o, "build", "build_type", 0, b->build_type, sizeof b->build_type, WHY) ||
        jsonio_string(o, "build", "c_flags", 0, b->c_flags, sizeof b->c_flags, WHY) ||
        jsonio_string(o, "build", "openmp_flags", 0, b->openmp_flags, sizeof b->openmp_flags, WHY) ||
        jsonio_int(o, "build", "openmp_version", 0, 999999, &omp, WHY) ||
        jsonio_object(o, "build", "file_flags", 0, &files, WHY))
        return -1;
    b->openmp_version = (long)omp;
    size_t len = 0;
    b->file_flags[0] = '\0';
    json_object_object_foreach(files, file, flags)
    {
        if (!json_object_is_type(flags, json_type_string))
            return fail(rd, "build.file_flags", "want strings", file);
        int n = snprintf(b->file_flags + len, sizeof b->file_flags - len, "%s=%s;", file,
                         json_object_get_string(flags));
        if (n < 0 || (size_t)n >= sizeof b->file_flags - len)
            return fail(rd, "build.file_flags", "longer than this ompscale keeps", NULL);
        len += (size_t)n;
    }
    return 0;
}

/* Reads omp_env into si->omp_env, the text kept in *owned. */
static int read_env(struct reader *rd, json_object *root, struct sysinfo *si, char **owned)
{
    json_object *env;
    size_t total = 1;
    if (jsonio_object(root, "", "omp_env", 0, &env, WHY) != 0)
        return -1;
    json_object_object_foreach(env, name, value)
    {
        if (!json_object_is_type(value, json_type_string))
            return fail(rd, "omp_env", "want a string value", name);
        total += strlen(name) + (size_t)json_object_get_string_len(value) + 2;
    }
    if (json_object_object_length(env) > SYSINFO_ENV_MAX)
        return fail(rd, "omp_env", "has more variables than this ompscale keeps", NULL);
    char *text = *owned = malloc(total);
    if (text == NULL) {
        rd->no_memory = 1;
        return fail(rd, "omp_env", "out of memory", NULL);
    }
    json_object_object_foreach(env, key, val)
    {
        si->omp_env[si->n_omp_env++] = text;
        text += sprintf(text, "%s=%s", key, json_object_get_string(val)) + 1;
    }
    return 0;
}

/* Reads a kernel's optional "time" object (where its wall time went). */
static int read_time(struct reader *rd, json_object *o, const char *where, struct results_time *t)
{
    json_object *time;
    long long samples;
    char at[300];
    if (!json_object_object_get_ex(o, "time", &time))
        return 0;
    snprintf(at, sizeof at, "%s.time", where);
    if (jsonio_object(o, where, "time", 0, &time, WHY) || jsonio_double(time, at, "total_s", 0, &t->total_s, WHY) ||
        jsonio_double(time, at, "setup_s", 0, &t->setup_s, WHY) ||
        jsonio_double(time, at, "warmup_s", 0, &t->warmup_s, WHY) ||
        jsonio_double(time, at, "timed_s", 0, &t->timed_s, WHY) ||
        jsonio_double(time, at, "harness_s", 0, &t->harness_s, WHY) ||
        jsonio_double(time, at, "copy_s", 0, &t->copy_s, WHY) ||
        jsonio_int(time, at, "samples", 0, INT_MAX, &samples, WHY))
        return -1;
    t->samples = (int)samples;
    return 0;
}

/* Reads one kernel of the plan: name, parameter values, chunks, scan sizes, and its state. */
static int read_kernel(struct reader *rd, json_object *o, const char *where, struct plan_kernel *pk,
                       double *serial_section_s, struct sysinfo_sample samples[2])
{
    char name[64], at[256];
    json_object *params, *chunks, *scan, *state;
    if (jsonio_string(o, where, "name", 0, name, sizeof name, WHY) != 0)
        return -1;
    snprintf(at, sizeof at, "%s.name", where);
    if ((pk->kernel = kernel_find(name)) == NULL)
        return fail(rd, at, "is not a kernel this ompscale has (see 'ompscale list')", name);
    const struct kernel *k = pk->kernel;
    snprintf(at, sizeof at, "%s.params", where);
    if (jsonio_object(o, where, "params", 0, &params, WHY) != 0)
        return -1;
    for (int j = 0; j < k->n_params; j++) {
        const struct kernel_param *prm = &k->params[j];
        double v;
        if (jsonio_double(params, at, prm->name, 0, &v, WHY) != 0)
            return -1;
        if (v < prm->min || v > prm->max || (prm->type != PARAM_REAL && v != floor(v))) {
            char value[64];
            snprintf(value, sizeof value, "%.17g", v);
            snprintf(at, sizeof at, "%s.params.%s", where, prm->name);
            return fail(rd, at, "is not a valid value of the parameter", value);
        }
        pk->values[j] = v;
    }
    if (jsonio_array(o, where, "chunks", LIST_MAX, &chunks, WHY) != 0)
        return -1;
    pk->n_chunks = (int)json_object_array_length(chunks);
    for (int c = 0; c < pk->n_chunks; c++) {
        json_object *ch = json_object_array_get_idx(chunks, (size_t)c);
        long long iterations;
        snprintf(at, sizeof at, "%s.chunks[%d]", where, c);
        if (jsonio_object(ch, at, NULL, 0, &ch, WHY) ||
            read_word(rd, ch, at, "label", pk->chunks[c].label, sizeof pk->chunks[c].label) ||
            jsonio_int(ch, at, "iterations", 0, LONG_MAX, &iterations, WHY))
            return -1;
        pk->chunks[c].iterations = (long)iterations;
    }
    if (jsonio_array(o, where, "scan_sizes", PLAN_SCAN_MAX, &scan, WHY) != 0)
        return -1;
    pk->n_scan = (int)json_object_array_length(scan);
    for (int s = 0; s < pk->n_scan; s++) {
        snprintf(at, sizeof at, "%s.scan_sizes[%d]", where, s);
        if (jsonio_double(json_object_array_get_idx(scan, (size_t)s), at, NULL, 0, &pk->scan_sizes[s], WHY) != 0)
            return -1;
        if (pk->scan_sizes[s] <= 0)
            return fail(rd, at, "want a positive size", NULL);
    }
    snprintf(at, sizeof at, "%s.machine_state", where);
    char before[300], after[300];
    snprintf(before, sizeof before, "%s.before", at);
    snprintf(after, sizeof after, "%s.after", at);
    if (jsonio_double(o, where, "serial_section_s", 0, serial_section_s, WHY) ||
        jsonio_object(o, where, "machine_state", 0, &state, WHY) ||
        jsonio_object(state, at, "before", 0, &params, WHY) ||
        machine_sample_from_json(params, before, &samples[0], WHY) ||
        jsonio_object(state, at, "after", 0, &params, WHY) ||
        machine_sample_from_json(params, after, &samples[1], WHY))
        return -1;
    return 0;
}

/* Reads class, run and kernels into the plan. */
static int read_plan(struct reader *rd, json_object *root, struct plan *p, struct results *r)
{
    json_object *run, *threads, *schedules, *kernels;
    char cls[8], scaling[8], order[16];
    long long reps, max_reps, warmup, n_over, seed;
    memset(p, 0, sizeof *p);
    if (jsonio_string(root, "", "class", 0, cls, sizeof cls, WHY) != 0)
        return -1;
    if (kernel_class_parse(cls, &p->class) != 0)
        return fail(rd, "class", "is not a class (S, W, A, B)", cls);
    if (jsonio_object(root, "", "run", 0, &run, WHY) || jsonio_array(run, "run", "threads", THREADS_MAX, &threads, WHY) ||
        jsonio_array(run, "run", "schedules", SCHED_COUNT, &schedules, WHY) ||
        jsonio_string(run, "run", "scaling", 0, scaling, sizeof scaling, WHY) ||
        jsonio_int(run, "run", "reps", 1, INT_MAX, &reps, WHY) ||
        jsonio_int(run, "run", "max_reps", 1, INT_MAX, &max_reps, WHY) ||
        jsonio_int(run, "run", "warmup", 0, INT_MAX, &warmup, WHY) ||
        jsonio_string(run, "run", "order", 0, order, sizeof order, WHY) ||
        jsonio_int(run, "run", "seed", 0, LLONG_MAX, &seed, WHY) ||
        jsonio_double(run, "run", "ci_target", 0, &p->ci_target, WHY) ||
        jsonio_double(run, "run", "serial_fraction", 0, &p->serial_fraction, WHY) ||
        jsonio_bool(run, "run", "overhead", &p->overhead, WHY) ||
        jsonio_int(run, "run", "overhead_n_threads", 0, THREADS_MAX, &n_over, WHY))
        return -1;
    if (strcmp(scaling, "strong") != 0 && strcmp(scaling, "weak") != 0)
        return fail(rd, "run.scaling", "want strong or weak", scaling);
    p->weak = strcmp(scaling, "weak") == 0;
    if (strcmp(order, "interleaved") != 0 && strcmp(order, "sequential") != 0)
        return fail(rd, "run.order", "want interleaved or sequential", order);
    p->order = strcmp(order, "interleaved") == 0 ? PLAN_ORDER_INTERLEAVED : PLAN_ORDER_SEQUENTIAL;
    p->seed = (unsigned long long)seed;
    p->reps = (long)reps;
    p->max_reps = (long)max_reps;
    p->warmup = (long)warmup;
    p->overhead_n_threads = (int)n_over;
    p->cpus_available = r->machine.cpus_available;
    p->hosts = r->hosts.n_ranks > 0 ? &r->hosts : NULL;
    json_object *ranks;
    if (p->hosts != NULL && json_object_object_get_ex(run, "ranks", &ranks)) {
        if (jsonio_array(run, "run", "ranks", THREADS_MAX, &ranks, WHY) != 0)
            return -1;
        p->n_ranks = (int)json_object_array_length(ranks);
        for (int i = 0; i < p->n_ranks; i++) {
            char at[64];
            long long q;
            snprintf(at, sizeof at, "run.ranks[%d]", i);
            if (jsonio_int(json_object_array_get_idx(ranks, (size_t)i), at, NULL, 1, p->hosts->n_ranks, &q, WHY) != 0)
                return -1;
            p->ranks[i] = (int)q;
        }
    }
    p->n_threads = (int)json_object_array_length(threads);
    if (p->n_threads == 0)
        return fail(rd, "run.threads", "want at least one thread count", NULL);
    for (int i = 0; i < p->n_threads; i++) {
        char at[64];
        long long t;
        snprintf(at, sizeof at, "run.threads[%d]", i);
        if (jsonio_int(json_object_array_get_idx(threads, (size_t)i), at, NULL, 1, THREADS_MAX, &t, WHY) != 0)
            return -1;
        p->threads[i] = (int)t;
    }
    p->n_schedules = (int)json_object_array_length(schedules);
    for (int i = 0; i < p->n_schedules; i++) {
        char at[64];
        snprintf(at, sizeof at, "run.schedules[%d]", i);
        if (read_schedule(rd, json_object_array_get_idx(schedules, (size_t)i), at, NULL, 0, &p->schedules[i]) != 0)
            return -1;
    }
    if (jsonio_array(root, "", "kernels", PLAN_KERNELS_MAX, &kernels, WHY) != 0)
        return -1;
    p->n_kernels = (int)json_object_array_length(kernels);
    for (int i = 0; i < p->n_kernels; i++) {
        char at[64];
        snprintf(at, sizeof at, "kernels[%d]", i);
        json_object *o = json_object_array_get_idx(kernels, (size_t)i);
        if (jsonio_object(o, at, NULL, 0, &o, WHY) ||
            read_kernel(rd, o, at, &p->kernels[i], &r->serial_section_s[i], r->samples[i]) ||
            read_time(rd, o, at, &r->time[i]))
            return -1;
        for (int j = 0; j < i; j++)
            if (p->kernels[j].kernel == p->kernels[i].kernel)
                return fail(rd, at, "appears twice", p->kernels[i].kernel->name);
    }
    return 0;
}

/* Reads one of a team's arrays, where.key, into values[0..n-1]: n numbers, none below 0; null
 * reads as NAN where nullable. */
static int read_team_array(struct reader *rd, json_object *team, const char *where, const char *key, int nullable,
                           int n, double *values)
{
    json_object *arr;
    char at[400];
    snprintf(at, sizeof at, "%s.%s", where, key);
    if (jsonio_array(team, where, key, (size_t)n, &arr, WHY) != 0)
        return -1;
    if ((int)json_object_array_length(arr) != n)
        return fail(rd, at, "want one value per worker (ranks x threads)", NULL);
    for (int w = 0; w < n; w++) {
        char vat[420];
        snprintf(vat, sizeof vat, "%s[%d]", at, w);
        if (jsonio_double(json_object_array_get_idx(arr, (size_t)w), vat, NULL, nullable, &values[w], WHY) != 0)
            return -1;
        if (values[w] < 0)
            return fail(rd, vat, "must not be negative", NULL);
    }
    return 0;
}

/* Reads sample i's optional team (each thread's share) into m: either every sample of a parallel
 * measurement has one or none has (a record written before shares were recorded). */
static int read_team(struct reader *rd, json_object *s, const char *where, struct measurement *m, int i)
{
    json_object *team;
    char at[360];
    int has = json_object_object_get_ex(s, "team", &team);
    snprintf(at, sizeof at, "%s.team", where);
    if (i == 0 && has && m->schedule == SCHED_SERIAL)
        return fail(rd, at, "the serial baseline has no team", NULL);
    if (i == 0 && has && results_add_team(m, results_cores(m)) != 0) {
        rd->no_memory = 1;
        return fail(rd, at, "out of memory", NULL);
    }
    if (has != (m->team_size > 0))
        return fail(rd, at, has ? "the first sample has none" : "missing: the first sample has one", NULL);
    if (!has)
        return 0;
    size_t first = (size_t)i * (size_t)m->team_size;
    if (jsonio_object(s, where, "team", 0, &team, WHY) ||
        read_team_array(rd, team, at, "useful_s", 0, m->team_size, m->useful_s + first) ||
        read_team_array(rd, team, at, "iterations", 0, m->team_size, m->iterations + first) ||
        read_team_array(rd, team, at, "chunks", 1, m->team_size, m->chunks + first))
        return -1;
    return 0;
}

/* Reads one measurement and appends it to r. */
static int read_measurement(struct reader *rd, json_object *o, const char *where, struct results *r)
{
    const struct plan *p = r->plan;
    char name[64], at[256];
    struct plan_chunk chunk;
    enum sched_kind kind;
    long long chunk_iterations, threads, inner, n_iterations;
    double scan_size, weak_size, work, bytes;
    int oversubscribed, ki = -1;
    json_object *samples;
    if (jsonio_object(o, where, NULL, 0, &o, WHY) || jsonio_string(o, where, "kernel", 0, name, sizeof name, WHY))
        return -1;
    for (int i = 0; i < p->n_kernels; i++)
        if (strcmp(p->kernels[i].kernel->name, name) == 0)
            ki = i;
    snprintf(at, sizeof at, "%s.kernel", where);
    if (ki < 0)
        return fail(rd, at, "is not one of the run's kernels", name);
    const struct kernel *k = p->kernels[ki].kernel;
    if (read_schedule(rd, o, where, "schedule", 1, &kind) ||
        jsonio_int(o, where, "chunk", 0, LONG_MAX, &chunk_iterations, WHY) ||
        jsonio_string(o, where, "chunk_label", 0, chunk.label, sizeof chunk.label, WHY) ||
        jsonio_int(o, where, "threads", 1, THREADS_MAX, &threads, WHY) ||
        jsonio_bool(o, where, "oversubscribed", &oversubscribed, WHY) ||
        jsonio_double(o, where, "scan_size", 0, &scan_size, WHY) ||
        jsonio_double(o, where, "weak_size", 0, &weak_size, WHY) ||
        jsonio_int(o, where, "inner_reps", 1, LONG_MAX, &inner, WHY) ||
        jsonio_double(o, where, "work", 0, &work, WHY) || jsonio_double(o, where, "bytes", 0, &bytes, WHY) ||
        jsonio_int(o, where, "n_iterations", 0, LONG_MAX, &n_iterations, WHY) ||
        jsonio_array(o, where, "samples", COUNT_MAX, &samples, WHY))
        return -1;
    snprintf(at, sizeof at, "%s.chunk_label", where);
    if (chunk.label[0] != '\0' && !is_word(chunk.label))
        return fail(rd, at, "is not a name (letters, digits, _ - . +)", chunk.label);
    snprintf(at, sizeof at, "%s.samples", where);
    int n = (int)json_object_array_length(samples);
    if (n == 0)
        return fail(rd, at, "want at least one sample", NULL);
    if (scan_size < 0 || weak_size < 0)
        return fail(rd, where, "scan_size and weak_size must not be negative", NULL);
    long long ranks = 1;  /* absent: one process */
    if (json_object_object_get_ex(o, "ranks", NULL) &&
        jsonio_int(o, where, "ranks", 1, p->hosts != NULL ? p->hosts->n_ranks : 1, &ranks, WHY) != 0)
        return -1;
    chunk.iterations = (long)chunk_iterations;
    struct measurement *m = results_add(r, ki, kind, &chunk, (int)threads, n, k->n_metrics);
    if (m == NULL) {
        rd->no_memory = 1;
        return fail(rd, where, "out of memory", NULL);
    }
    m->ranks = (int)ranks;
    m->oversubscribed = plan_oversubscribed_at(p, m->ranks, m->threads);
    m->scan_size = scan_size;
    m->weak_size = weak_size;
    m->inner = (long)inner;
    m->work = work;
    m->bytes = bytes;
    m->n_iterations = (long)n_iterations;
    for (int i = 0; i < n; i++) {
        json_object *s = json_object_array_get_idx(samples, (size_t)i), *metrics;
        char sat[300], mat[320];
        snprintf(sat, sizeof sat, "%s.samples[%d]", where, i);
        snprintf(mat, sizeof mat, "%s.metrics", sat);
        long long round;
        if (jsonio_object(s, sat, NULL, 0, &s, WHY) || jsonio_double(s, sat, "elapsed_s", 0, &m->elapsed_s[i], WHY) ||
            jsonio_int(s, sat, "round", 0, INT_MAX, &round, WHY) ||
            jsonio_bool(s, sat, "verified", &m->verified[i], WHY) ||
            jsonio_object(s, sat, "metrics", 0, &metrics, WHY))
            return -1;
        if (!(m->elapsed_s[i] > 0))
            return fail(rd, sat, "elapsed_s must be positive", NULL);
        if (json_object_object_get_ex(s, "gather_s", NULL) &&
            jsonio_double(s, sat, "gather_s", 0, &m->gather_s[i], WHY) != 0)
            return -1;
        if (m->gather_s[i] < 0)
            return fail(rd, sat, "gather_s must not be negative", NULL);
        m->round[i] = (int)round;
        for (int j = 0; j < k->n_metrics; j++)
            if (jsonio_double(metrics, mat, k->metric_names[j], 1,
                              &m->metrics[(size_t)i * (size_t)k->n_metrics + (size_t)j], WHY) != 0)
                return -1;
        if (read_team(rd, s, sat, m, i) != 0)
            return -1;
    }
    if (results_summarize(m) != 0) {
        rd->no_memory = 1;
        return fail(rd, where, "out of memory", NULL);
    }
    return 0;
}

static int read_overhead(struct reader *rd, json_object *arr, struct results *r)
{
    size_t n = json_object_array_length(arr);
    r->overhead = n ? calloc(n, sizeof *r->overhead) : NULL;
    if (n && r->overhead == NULL) {
        rd->no_memory = 1;
        return fail(rd, "overhead", "out of memory", NULL);
    }
    for (size_t i = 0; i < n; i++) {
        struct overhead_row *row = &r->overhead[i];
        json_object *o = json_object_array_get_idx(arr, i);
        char at[64];
        long long chunk, threads, inner, outer;
        snprintf(at, sizeof at, "overhead[%zu]", i);
        if (jsonio_object(o, at, NULL, 0, &o, WHY) ||
            jsonio_string(o, at, "construct", 0, row->construct, sizeof row->construct, WHY) ||
            jsonio_string(o, at, "schedule", 0, row->schedule, sizeof row->schedule, WHY) ||
            jsonio_int(o, at, "chunk", 0, INT_MAX, &chunk, WHY) ||
            jsonio_int(o, at, "threads", 1, THREADS_MAX, &threads, WHY) ||
            jsonio_bool(o, at, "oversubscribed", &row->oversubscribed, WHY) ||
            jsonio_int(o, at, "inner_reps", 1, LONG_MAX, &inner, WHY) ||
            jsonio_int(o, at, "outer_reps", 1, INT_MAX, &outer, WHY) ||
            jsonio_double(o, at, "median_s", 1, &row->median_s, WHY) ||
            jsonio_double(o, at, "min_s", 1, &row->min_s, WHY) || jsonio_double(o, at, "sd_s", 1, &row->sd_s, WHY) ||
            jsonio_double(o, at, "reference_s", 1, &row->reference_s, WHY) ||
            jsonio_double(o, at, "ci_low_s", 1, &row->ci_low_s, WHY) ||
            jsonio_double(o, at, "ci_high_s", 1, &row->ci_high_s, WHY) ||
            jsonio_double(o, at, "ci_level", 1, &row->ci_level, WHY) ||
            jsonio_bool(o, at, "within_noise", &row->within_noise, WHY))
            return -1;
        enum sched_kind kind;
        char key[80];
        snprintf(key, sizeof key, "%s.construct", at);
        if (strcmp(row->construct, "parallel") != 0 && strcmp(row->construct, "barrier") != 0 &&
            strcmp(row->construct, "schedule") != 0)
            return fail(rd, key, "is not parallel, barrier or schedule", row->construct);
        snprintf(key, sizeof key, "%s.schedule", at);
        if (row->schedule[0] != '\0' && schedule_parse(row->schedule, &kind) != 0)
            return fail(rd, key, "is not a schedule", row->schedule);
        row->chunk = (int)chunk;
        row->threads = (int)threads;
        row->inner_reps = (long)inner;
        row->outer_reps = (int)outer;
        r->n_overhead++;
    }
    return 0;
}

static int read_table(struct reader *rd, json_object *o, const char *where, struct results *r)
{
    json_object *columns, *rows;
    char name[64];
    if (jsonio_object(o, where, NULL, 0, &o, WHY) || read_word(rd, o, where, "name", name, sizeof name) ||
        jsonio_array(o, where, "columns", 1 << 16, &columns, WHY) ||
        jsonio_array(o, where, "rows", COUNT_MAX, &rows, WHY))
        return -1;
    int n_columns = (int)json_object_array_length(columns);
    long n_rows = (long)json_object_array_length(rows);
    const char **names = calloc((size_t)n_columns + 1, sizeof *names);
    double *values = malloc(((size_t)n_rows * (size_t)n_columns + 1) * sizeof *values);
    int rc = 0;
    if (names == NULL || values == NULL) {
        rd->no_memory = 1;
        rc = fail(rd, where, "out of memory", NULL);
    }
    for (int c = 0; rc == 0 && c < n_columns; c++) {
        json_object *v = json_object_array_get_idx(columns, (size_t)c);
        char at[300];
        snprintf(at, sizeof at, "%s.columns[%d]", where, c);
        if (!json_object_is_type(v, json_type_string))
            rc = fail(rd, at, "want a string", NULL);
        else
            names[c] = json_object_get_string(v);
    }
    for (long i = 0; rc == 0 && i < n_rows; i++) {
        json_object *row;
        char at[300];
        snprintf(at, sizeof at, "%s.rows[%ld]", where, i);
        if (jsonio_array(json_object_array_get_idx(rows, (size_t)i), at, NULL, (size_t)n_columns, &row, WHY) != 0) {
            rc = -1;
            break;
        }
        if ((int)json_object_array_length(row) != n_columns) {
            rc = fail(rd, at, "has fewer values than columns", NULL);
            break;
        }
        for (int c = 0; rc == 0 && c < n_columns; c++) {
            char vat[320];
            snprintf(vat, sizeof vat, "%s[%d]", at, c);
            rc = jsonio_double(json_object_array_get_idx(row, (size_t)c), vat, NULL, 1,
                               &values[i * n_columns + c], WHY);
        }
    }
    if (rc == 0) {
        struct kernel_data t = {name, names, n_columns, values, n_rows};
        if (results_keep_table(r, &t) != 0) {
            rd->no_memory = 1;
            rc = fail(rd, where, "out of memory", NULL);
        }
    }
    free(names);
    free(values);
    return rc;
}

/* Reads run.bind, proc_bind, places, n_places and thread_cpus. */
static int read_placement(struct reader *rd, json_object *run, struct placement *pl)
{
    json_object *cpus;
    long long n_places;
    if (jsonio_string(run, "run", "bind", 0, pl->bind, sizeof pl->bind, WHY) ||
        jsonio_string(run, "run", "proc_bind", 0, pl->proc_bind, sizeof pl->proc_bind, WHY) ||
        jsonio_string(run, "run", "places", 0, pl->places, sizeof pl->places, WHY) ||
        jsonio_int(run, "run", "n_places", 0, INT_MAX, &n_places, WHY) ||
        jsonio_array(run, "run", "thread_cpus", THREADS_MAX, &cpus, WHY))
        return -1;
    pl->n_places = (int)n_places;
    pl->n_thread_cpus = (int)json_object_array_length(cpus);
    for (int i = 0; i < pl->n_thread_cpus; i++) {
        char at[64];
        long long cpu;
        snprintf(at, sizeof at, "run.thread_cpus[%d]", i);
        if (jsonio_int(json_object_array_get_idx(cpus, (size_t)i), at, NULL, -1, INT_MAX, &cpu, WHY) != 0)
            return -1;
        pl->thread_cpus[i] = (int)cpu;
    }
    return 0;
}

/* Reads one copy and appends it to r. */
static int read_copy(struct reader *rd, json_object *o, const char *where, struct results *r)
{
    const struct plan *p = r->plan;
    char name[64], at[256];
    long long threads, inner;
    double scan_size, weak_size, bytes;
    json_object *samples;
    int ki = -1;
    if (jsonio_object(o, where, NULL, 0, &o, WHY) || jsonio_string(o, where, "kernel", 0, name, sizeof name, WHY))
        return -1;
    for (int i = 0; i < p->n_kernels; i++)
        if (strcmp(p->kernels[i].kernel->name, name) == 0)
            ki = i;
    snprintf(at, sizeof at, "%s.kernel", where);
    if (ki < 0)
        return fail(rd, at, "is not one of the run's kernels", name);
    if (jsonio_int(o, where, "threads", 1, THREADS_MAX, &threads, WHY) ||
        jsonio_double(o, where, "scan_size", 0, &scan_size, WHY) ||
        jsonio_double(o, where, "weak_size", 0, &weak_size, WHY) ||
        jsonio_int(o, where, "inner_reps", 1, LONG_MAX, &inner, WHY) ||
        jsonio_double(o, where, "bytes", 0, &bytes, WHY) ||
        jsonio_array(o, where, "elapsed_s", COUNT_MAX, &samples, WHY))
        return -1;
    if (scan_size < 0 || weak_size < 0 || bytes < 0)
        return fail(rd, where, "scan_size, weak_size and bytes must not be negative", NULL);
    int n = (int)json_object_array_length(samples);
    snprintf(at, sizeof at, "%s.elapsed_s", where);
    if (n == 0)
        return fail(rd, at, "want at least one sample", NULL);
    struct results_copy *c = results_add_copy(r, ki, (int)threads, n);
    if (c == NULL) {
        rd->no_memory = 1;
        return fail(rd, where, "out of memory", NULL);
    }
    c->scan_size = scan_size;
    c->weak_size = weak_size;
    c->inner = (long)inner;
    c->bytes = bytes;
    for (int i = 0; i < n; i++) {
        snprintf(at, sizeof at, "%s.elapsed_s[%d]", where, i);
        if (jsonio_double(json_object_array_get_idx(samples, (size_t)i), at, NULL, 0, &c->elapsed_s[i], WHY) != 0)
            return -1;
        if (!(c->elapsed_s[i] > 0))
            return fail(rd, at, "must be positive", NULL);
    }
    if (stats_summarize(c->elapsed_s, c->n, &c->summary) != 0) {
        rd->no_memory = 1;
        return fail(rd, where, "out of memory", NULL);
    }
    return 0;
}

/* Reads everything but the plan, which read_plan has filled. */
static int read_results(struct reader *rd, json_object *root, struct results *r)
{
    json_object *argv, *timer, *run, *warnings, *ms, *fits, *overhead, *tables;
    long long started, n_measurements, failed, instances_done, warnings_measured;
    if (jsonio_int(root, "", "started", 0, LLONG_MAX, &started, WHY) ||
        jsonio_array(root, "", "command_line", COUNT_MAX, &argv, WHY) ||
        jsonio_object(root, "", "timer", 0, &timer, WHY) ||
        jsonio_double(timer, "timer", "granularity_s", 0, &r->clock_granularity_s, WHY) ||
        jsonio_object(root, "", "run", 0, &run, WHY) ||
        jsonio_int(run, "run", "measurements", 0, INT_MAX, &n_measurements, WHY) ||
        jsonio_int(run, "run", "verify_failed_runs", 0, INT_MAX, &failed, WHY) ||
        jsonio_bool(run, "run", "interrupted", &r->interrupted, WHY) ||
        jsonio_int(run, "run", "instances_done", 0, INT_MAX, &instances_done, WHY) ||
        jsonio_int(run, "run", "warnings_measured", 0, WARNINGS_MAX, &warnings_measured, WHY) ||
        jsonio_double(run, "run", "wall_s", 0, &r->wall_s, WHY) ||
        jsonio_double(run, "run", "peak_rss_bytes", 1, &r->peak_rss_bytes, WHY) ||
        jsonio_array(root, "", "warnings", WARNINGS_MAX, &warnings, WHY) ||
        jsonio_array(root, "", "measurements", INT_MAX, &ms, WHY) ||
        jsonio_array(root, "", "fits", INT_MAX, &fits, WHY) ||
        jsonio_array(root, "", "overhead", COUNT_MAX, &overhead, WHY) ||
        jsonio_array(root, "", "tables", PLAN_KERNELS_MAX * 4, &tables, WHY))
        return -1;
    r->started = (time_t)started;
    r->n_verify_failed = (int)failed;
    r->instances_done = (int)instances_done;
    r->n_warnings_measured = (int)warnings_measured;
    if (read_placement(rd, run, &r->placement) != 0)
        return -1;
    json_object *v;
    if ((json_object_object_get_ex(run, "overhead_table_s", &v) &&
         jsonio_double(run, "run", "overhead_table_s", 0, &r->overhead_table_s, WHY)) ||
        (json_object_object_get_ex(run, "clock_read_s", &v) &&
         jsonio_double(run, "run", "clock_read_s", 0, &r->clock_read_s, WHY)))
        return -1;
    if (isnan(r->peak_rss_bytes))
        r->peak_rss_bytes = 0;
    int argc = (int)json_object_array_length(argv);
    char **args = calloc((size_t)argc + 1, sizeof *args);
    if (args == NULL) {
        rd->no_memory = 1;
        return fail(rd, "command_line", "out of memory", NULL);
    }
    for (int i = 0; i < argc; i++) {
        json_object *v = json_object_array_get_idx(argv, (size_t)i);
        args[i] = json_object_is_type(v, json_type_string) ? (char *)json_object_get_string(v) : NULL;
        if (args[i] == NULL) {
            char at[64];
            free(args);
            snprintf(at, sizeof at, "command_line[%d]", i);
            return fail(rd, at, "want a string", NULL);
        }
    }
    int rc = results_set_command_line(r, argc, args);
    free(args);
    if (rc != 0) {
        rd->no_memory = 1;
        return fail(rd, "command_line", "out of memory", NULL);
    }
    for (size_t i = 0; i < json_object_array_length(warnings); i++) {
        json_object *v = json_object_array_get_idx(warnings, i);
        char at[64];
        snprintf(at, sizeof at, "warnings[%zu]", i);
        if (!json_object_is_type(v, json_type_string))
            return fail(rd, at, "want a string", NULL);
        warnings_add(&r->warnings, "%s", json_object_get_string(v));
    }
    if (r->n_warnings_measured > r->warnings.n)
        return fail(rd, "run.warnings_measured", "is more than the warnings listed", NULL);
    if ((long long)json_object_array_length(ms) != n_measurements) {
        char counts[64];
        snprintf(counts, sizeof counts, "%lld", n_measurements);
        return fail(rd, "run.measurements", "is not the number of entries in measurements", counts);
    }
    for (size_t i = 0; i < json_object_array_length(ms); i++) {
        char at[64];
        snprintf(at, sizeof at, "measurements[%zu]", i);
        if (read_measurement(rd, json_object_array_get_idx(ms, i), at, r) != 0)
            return -1;
    }
    if (read_overhead(rd, overhead, r) != 0)
        return -1;
    json_object *copies = NULL;  /* absent from records written before copies existed */
    if (json_object_object_get_ex(root, "copies", &copies) &&
        jsonio_array(root, "", "copies", COUNT_MAX, &copies, WHY) != 0)
        return -1;
    for (size_t i = 0; copies != NULL && i < json_object_array_length(copies); i++) {
        char at[64];
        snprintf(at, sizeof at, "copies[%zu]", i);
        if (read_copy(rd, json_object_array_get_idx(copies, i), at, r) != 0)
            return -1;
    }
    for (size_t i = 0; i < json_object_array_length(tables); i++) {
        char at[64];
        snprintf(at, sizeof at, "tables[%zu]", i);
        if (read_table(rd, json_object_array_get_idx(tables, i), at, r) != 0)
            return -1;
    }
    if (results_fit_all(r) != 0) {
        rd->no_memory = 1;
        return fail(rd, "fits", "out of memory", NULL);
    }
    return 0;
}

int record_load(const char *dir_or_file, struct plan *p, struct results *r, char *err, size_t err_size)
{
    char path[4096], why[1024] = "";
    struct stat st = {0};
    struct reader reader = {why, sizeof why, 0}, *rd = &reader;
    if (stat(dir_or_file, &st) == 0 && S_ISDIR(st.st_mode))
        snprintf(path, sizeof path, "%.4000s/%s", dir_or_file, RECORD_FILE);
    else
        snprintf(path, sizeof path, "%.4000s", dir_or_file);
    memset(r, 0, sizeof *r);
    memset(p, 0, sizeof *p);
    r->plan = p;

    json_object *root = NULL;
    if (S_ISDIR(st.st_mode) && stat(path, &st) != 0)
        snprintf(why, sizeof why, "no such file: not an ompscale run directory");
    else
        root = jsonio_read_file(path, why, sizeof why);
    int rc = root == NULL ? -1 : 0;
    char format[64];
    long long version;
    if (rc == 0 && (jsonio_object(root, "", NULL, 0, &root, WHY) ||
                    jsonio_string(root, "", "format", 0, format, sizeof format, WHY)))
        rc = -1;
    if (rc == 0 && strcmp(format, RECORD_FORMAT) != 0)
        rc = fail(rd, "format", "is not " RECORD_FORMAT, format);
    if (rc == 0 && jsonio_int(root, "", "format_version", 1, LLONG_MAX, &version, WHY) != 0)
        rc = -1;
    if (rc == 0 && version > RECORD_FORMAT_VERSION) {
        snprintf(why, sizeof why, "format_version: %lld is newer than this ompscale reads (%d): update ompscale",
                 version, RECORD_FORMAT_VERSION);
        rc = -1;
    }
    json_object *machine, *mpi = NULL;  /* mpi: a hybrid MPI run's hosts, absent otherwise */
    if (rc == 0 && json_object_object_get_ex(root, "mpi", &mpi) && hosts_from_json(mpi, "mpi", &r->hosts, WHY) != 0)
        rc = -1;
    if (rc == 0 && (jsonio_object(root, "", "machine", 0, &machine, WHY) ||
                    machine_from_json(machine, "machine", &r->machine, WHY) ||
                    read_env(rd, root, &r->machine, &r->loaded_env) || read_build(rd, root, &r->build) ||
                    read_plan(rd, root, p, r) || read_results(rd, root, r)))
        rc = -1;
    json_object_put(root);
    if (rc != 0) {
        snprintf(err, err_size, "%s: %s", path, why);
        return rd->no_memory ? RECORD_NO_MEMORY : RECORD_BAD;
    }
    return 0;
}
