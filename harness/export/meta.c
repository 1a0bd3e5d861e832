/* meta.c -- writes meta.json with json-c: what was measured, on what machine, built how. */
#define _POSIX_C_SOURCE 200809L
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "clock.h"
#include "fileio.h"
#include "machine_json.h"
#include "meta.h"

static void add_str(json_object *o, const char *key, const char *value)
{
    json_object_object_add(o, key, json_object_new_string(value));
}

static void add_int(json_object *o, const char *key, long long value)
{
    json_object_object_add(o, key, json_object_new_int64(value));
}

static void add_num(json_object *o, const char *key, double value)
{
    json_object_object_add(o, key, json_object_new_double(value));
}

static json_object *build_json(const struct results_build *rb)
{
    json_object *b = json_object_new_object();
    add_str(b, "compiler_id", rb->compiler_id);
    add_str(b, "compiler_version", rb->compiler_version);
    add_str(b, "build_type", rb->build_type);
    add_str(b, "c_flags", rb->c_flags);
    /* the flags some files add, which decide their speed: {"kernels/sqrtmap.c": "-fno-math-errno"} */
    json_object *files = json_object_new_object();
    char flags[sizeof rb->file_flags];
    snprintf(flags, sizeof flags, "%s", rb->file_flags);
    for (char *save = NULL, *entry = strtok_r(flags, ";", &save); entry; entry = strtok_r(NULL, ";", &save)) {
        char *eq = strchr(entry, '=');
        if (eq != NULL) {
            *eq = '\0';
            add_str(files, entry, eq + 1);
        }
    }
    json_object_object_add(b, "file_flags", files);
    add_str(b, "openmp_flags", rb->openmp_flags);
    add_int(b, "openmp_version", rb->openmp_version);  /* yyyymm of the OpenMP spec the compiler implements */
    return b;
}

static json_object *kernels_json(const struct results *r)
{
    const struct plan *p = r->plan;
    json_object *arr = json_object_new_array();
    for (int i = 0; i < p->n_kernels; i++) {
        const struct plan_kernel *pk = &p->kernels[i];
        const struct kernel *k = pk->kernel;
        json_object *o = json_object_new_object(), *params = json_object_new_object();
        json_object *chunks = json_object_new_array();
        add_str(o, "name", k->name);
        add_str(o, "iteration", k->iteration);
        add_str(o, "work_unit", k->work_unit);
        for (int j = 0; j < k->n_params; j++) {
            if (k->params[j].type == PARAM_REAL)
                add_num(params, k->params[j].name, pk->values[j]);
            else
                add_int(params, k->params[j].name, (long long)pk->values[j]);
        }
        json_object_object_add(o, "params", params);
        for (int c = 0; c < pk->n_chunks; c++) {
            json_object *ch = json_object_new_object();
            add_str(ch, "label", pk->chunks[c].label);
            add_int(ch, "iterations", pk->chunks[c].iterations);
            json_object_array_add(chunks, ch);
        }
        json_object_object_add(o, "chunks", chunks);
        add_num(o, "serial_section_s", r->serial_section_s[i]);
        json_object *samples = json_object_new_object();
        json_object_object_add(samples, "before", machine_sample_json(&r->samples[i][0]));
        json_object_object_add(samples, "after", machine_sample_json(&r->samples[i][1]));
        json_object_object_add(o, "machine_state", samples);
        json_object_array_add(arr, o);
    }
    return arr;
}

int meta_write(const struct results *r, const char *dir, char *err, size_t err_size)
{
    const struct sysinfo *si = &r->machine;
    const struct plan *p = r->plan;
    json_object *root = json_object_new_object();
    char date[64];
    struct tm tm;
    localtime_r(&r->started, &tm);
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S%z", &tm);

    json_object *suite = json_object_new_object();
    add_str(suite, "name", "ompscale");
    add_str(suite, "version", r->build.version);
    add_str(suite, "git_commit", r->build.git_commit);
    json_object_object_add(root, "suite", suite);
    add_str(root, "date", date);
    json_object *argv = json_object_new_array();
    for (int i = 0; i < r->argc; i++)
        json_object_array_add(argv, json_object_new_string(r->argv[i]));
    json_object_object_add(root, "command_line", argv);
    add_str(root, "class", kernel_class_name(p->class));
    json_object_object_add(root, "machine", machine_json(si));
    json_object_object_add(root, "build", build_json(&r->build));

    json_object *env = json_object_new_object();
    for (int i = 0; i < si->n_omp_env; i++) {
        const char *eq = strchr(si->omp_env[i], '=');
        char name[256];
        snprintf(name, sizeof name, "%.*s", (int)(eq - si->omp_env[i]), si->omp_env[i]);
        add_str(env, name, eq + 1);
    }
    json_object_object_add(root, "omp_env", env);

    json_object *timer = json_object_new_object();
    add_str(timer, "source", CLOCK_SOURCE_NAME);
    add_num(timer, "granularity_s", r->clock_granularity_s);
    json_object_object_add(root, "timer", timer);

    json_object *run = json_object_new_object(), *threads = json_object_new_array();
    json_object *schedules = json_object_new_array();
    for (int i = 0; i < p->n_threads; i++)
        json_object_array_add(threads, json_object_new_int(p->threads[i]));
    for (int i = 0; i < p->n_schedules; i++)
        json_object_array_add(schedules, json_object_new_string(schedule_name(p->schedules[i])));
    json_object_object_add(run, "threads", threads);
    json_object_object_add(run, "schedules", schedules);
    add_int(run, "reps", p->reps);
    add_int(run, "max_reps", p->max_reps);
    add_num(run, "ci_target", p->ci_target);
    add_num(run, "serial_fraction", p->serial_fraction);
    add_int(run, "warmup", p->warmup);
    add_int(run, "measurements", r->n);
    add_int(run, "verify_failed_runs", r->n_verify_failed);
    add_num(run, "wall_s", r->wall_s);
    /* where threads ran: the binding asked for and applied, the CPU of each thread of one team */
    const struct placement *pl = &r->placement;
    json_object *cpus = json_object_new_array();
    for (int i = 0; i < pl->n_thread_cpus; i++)
        json_object_array_add(cpus, json_object_new_int(pl->thread_cpus[i]));
    add_str(run, "bind", pl->bind);
    add_str(run, "proc_bind", pl->proc_bind);
    add_str(run, "places", pl->places);
    add_int(run, "n_places", pl->n_places);
    json_object_object_add(run, "thread_cpus", cpus);
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) == 0)
        add_num(run, "peak_rss_bytes", 1024.0 * (double)ru.ru_maxrss);  /* Linux reports KiB */
    json_object_object_add(root, "run", run);
    json_object_object_add(root, "kernels", kernels_json(r));

    json_object *warnings = json_object_new_array();
    for (int i = 0; i < r->warnings.n; i++)
        json_object_array_add(warnings, json_object_new_string(r->warnings.text[i]));
    json_object_object_add(root, "warnings", warnings);

    char path[4096];
    snprintf(path, sizeof path, "%s/meta.json", dir);
    const char *text = json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE);
    FILE *f = fileio_create(path, err, err_size);
    int rc = -1;
    if (f != NULL) {
        fputs(text, f);
        fputc('\n', f);
        rc = fileio_close(f, path, err, err_size);
    }
    json_object_put(root);
    return rc;
}
