/* test_record.c -- results.json: a synthetic run written and read back gives the same plan and
 * results field by field and the same CSV files byte for byte; numbers carry no float noise;
 * bad records (truncated, wrong types, unknown kernel, future version, unsafe names, random
 * damage) are refused with one line that names the file and the key, and never crash. */
#define _XOPEN_SOURCE 700
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "csv.h"
#include "jsonio.h"
#include "meta.h"
#include "record.h"
#include "summary.h"

static char dir[256];  /* the test's scratch directory */

static void fill_machine(struct sysinfo *si)
{
    static char env0[] = "OMP_NUM_THREADS=7", env1[] = "OMP_PROC_BIND=close";
    snprintf(si->host, sizeof si->host, "pi3");
    snprintf(si->os, sizeof si->os, "Linux");
    snprintf(si->os_release, sizeof si->os_release, "6.1.21-v8+");
    snprintf(si->os_pretty, sizeof si->os_pretty, "Debian GNU/Linux 12 (bookworm)");
    snprintf(si->arch, sizeof si->arch, "aarch64");
    snprintf(si->board, sizeof si->board, "Raspberry Pi 3 Model B Rev 1.2");
    snprintf(si->cpu_model, sizeof si->cpu_model, "ARM Cortex-A53");
    si->cpus_online = 4;
    si->cpus_available = 2;
    snprintf(si->affinity, sizeof si->affinity, "0-1");
    si->cores_physical = 4;
    si->packages = 1;
    snprintf(si->topology_source, sizeof si->topology_source, "sysfs");
    si->cache_l1d_bytes = 32768;
    si->cache_l2_bytes = 524288;
    si->mem_total_bytes = 969015296;
    si->cpufreq_max_mhz = 1200.5;
    snprintf(si->cpufreq_governor, sizeof si->cpufreq_governor, "ondemand");
    si->cpufreq_boost = -1;
    si->omp_env[0] = env0;
    si->omp_env[1] = env1;
    si->n_omp_env = 2;
}

static void add(struct results *r, int kernel, enum sched_kind kind, const struct plan_chunk *chunk, int threads,
                int n, double base, double scan)
{
    const struct kernel *k = r->plan->kernels[kernel].kernel;
    struct measurement *m = results_add(r, kernel, kind, chunk, threads, n, k->n_metrics);
    for (int i = 0; i < n; i++) {
        m->elapsed_s[i] = base / (kind == SCHED_SERIAL ? 1 : threads * 0.9) * (1 + 0.01 * (i % 3)) + 1e-7 * i;
        m->verified[i] = !(kernel == 0 && threads == 2 && i == 1);
        for (int j = 0; j < k->n_metrics; j++)
            m->metrics[i * k->n_metrics + j] = j == 1 ? NAN : 0.1 * (j + 1) + i;
    }
    if (kind != SCHED_SERIAL && scan == 0 && results_add_team(m, threads) == 0) {
        for (int i = 0; i < n * threads; i++) {  /* thread t busy (1 - t / 8) of the run; dynamic's chunks not counted */
            m->useful_s[i] = m->elapsed_s[i / threads] * (1 - (i % threads) / 8.0);
            m->iterations[i] = 4096.0 / threads;
            m->chunks[i] = kind == SCHED_DYNAMIC ? NAN : 1 + i % threads;
        }
    }
    m->scan_size = scan;
    m->inner = scan > 0 ? 64 : 1;
    m->work = 1e6 / 3;
    m->bytes = kernel == 2 ? 8.0 * 4096 : 0;
    m->n_iterations = 4096;
    results_summarize(m);
}

/* A run with every kind of content: three kernels (one with metrics, one with a size scan), an
 * oversubscribed thread count, a failed verification, overhead rows and a data table. */
static void build(struct plan *p, struct results *r, int reps)
{
    static const char *const columns[] = {"theta_deg", "r2_mean"};
    static const double values[] = {30, 0.05, 60, NAN, 90, 1e-300};
    const struct kernel_data table = {"sweep", columns, 2, values, 3};
    const char *names[] = {"mandelbrot", "scatter", "sqrtmap"};
    memset(p, 0, sizeof *p);
    p->n_kernels = 3;
    for (int k = 0; k < 3; k++) {
        struct plan_kernel *pk = &p->kernels[k];
        pk->kernel = kernel_find(names[k]);
        for (int j = 0; j < pk->kernel->n_params; j++)
            pk->values[j] = pk->kernel->params[j].by_class[CLASS_S];
        pk->chunks[0] = (struct plan_chunk){1, "1"};
        pk->chunks[1] = (struct plan_chunk){256, "row"};
        pk->n_chunks = 2;
    }
    p->kernels[2].scan_sizes[0] = 1000;
    p->kernels[2].scan_sizes[1] = 10000;
    p->kernels[2].n_scan = 2;
    p->threads[0] = 1, p->threads[1] = 2, p->threads[2] = 4;
    p->n_threads = 3;
    p->schedules[0] = SCHED_STATIC, p->schedules[1] = SCHED_DYNAMIC, p->schedules[2] = SCHED_AUTO;
    p->n_schedules = 3;
    p->reps = reps, p->warmup = 1, p->max_reps = reps + 4;
    p->ci_target = 0.05;
    p->serial_fraction = 0.1;
    p->class = CLASS_S;
    p->overhead = 1, p->overhead_n_threads = 2;

    results_init(r, p);
    fill_machine(&r->machine);
    p->cpus_available = r->machine.cpus_available;
    r->started = 1764583200;
    char *argv[] = {"ompscale", "run", "--class", "S", "--set", "mandelbrot.maxiter=500", "it's"};
    results_set_command_line(r, 7, argv);
    r->clock_granularity_s = 2.5e-8;
    r->wall_s = 12.25;
    r->peak_rss_bytes = 103e6;
    r->n_verify_failed = 1;
    warnings_add(&r->warnings, "noisy results: \"quoted\", back\\slash, 10%% and a\ttab");
    warnings_add(&r->warnings, "second warning");
    r->serial_section_s[0] = 0.001;
    r->samples[0][0] = (struct sysinfo_sample){SYSINFO_HAVE_TEMP | SYSINFO_HAVE_THROTTLED, 45.5, 0, 0x50005, 0};
    r->samples[0][1] = (struct sysinfo_sample){SYSINFO_HAVE_MHZ | SYSINFO_HAVE_THROTTLE_COUNT, 0, 1199.9, 0, 17};
    for (int k = 0; k < 3; k++) {
        add(r, k, SCHED_SERIAL, NULL, 1, reps, 1.0 + k, 0);
        for (int s = 0; s < 3; s++)
            for (int c = 0; c < plan_n_chunks(&p->kernels[k], p->schedules[s]); c++)
                for (int t = 0; t < 3; t++)
                    add(r, k, p->schedules[s], plan_chunk_at(&p->kernels[k], p->schedules[s], c), p->threads[t],
                        reps, 1.0 + k, 0);
    }
    for (int z = 0; z < 2; z++) {
        add(r, 2, SCHED_SERIAL, NULL, 1, reps, 1e-5 * (z + 1), p->kernels[2].scan_sizes[z]);
        for (int t = 0; t < 3; t++)
            add(r, 2, SCHED_STATIC, &p->kernels[2].chunks[0], p->threads[t], reps, 1e-5 * (z + 1),
                p->kernels[2].scan_sizes[z]);
    }
    r->overhead = calloc(3, sizeof *r->overhead);
    r->overhead[0] = (struct overhead_row){"parallel", "", 0, 2, 0, 1000, 20, 1.5e-6, 1.2e-6, 1e-7, 1e-5,
                                           1.4e-6, 1.6e-6, 0.958611, 0};
    r->overhead[1] = (struct overhead_row){"barrier", "", 0, 4, 1, 1000, 20, 2.5e-6, NAN, 1e-7, 1e-5,
                                           2.4e-6, 2.6e-6, 0.958611, 0};
    r->overhead[2] = (struct overhead_row){"schedule", "dynamic", 1, 2, 0, 100, 20, 3e-8, 2e-8, 1e-9, 1e-5,
                                           -2e-9, 5e-8, 0.958611, 1};
    r->n_overhead = 3;
    for (int z = 0; z <= 2; z++) {  /* sqrtmap's copies: main run and scan, none at 4 threads */
        for (int t = 0; t < 2; t++) {
            struct results_copy *c = results_add_copy(r, 2, p->threads[t], reps);
            c->scan_size = z > 0 ? p->kernels[2].scan_sizes[z - 1] : 0;
            c->inner = z > 0 ? 32 : 1;
            c->bytes = 8.0 * 4096;
            for (int i = 0; i < reps; i++)
                c->elapsed_s[i] = (z > 0 ? 0.8e-5 * z : 2.5) / p->threads[t] * (1 + 0.02 * i);
            stats_summarize(c->elapsed_s, c->n, &c->summary);
        }
    }
    results_keep_table(r, &table);
    results_fit_all(r);
}

/* 1 when a and b are the same double, NaN equal to NaN. */
static int same(double a, double b)
{
    return (isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof a) == 0;
}

#define CHECK_SAME(a, b) CHECK(same((a), (b)))

static void compare_plans(const struct plan *a, const struct plan *b)
{
    CHECK_INT(b->n_kernels, a->n_kernels);
    for (int k = 0; k < a->n_kernels && k < b->n_kernels; k++) {
        const struct plan_kernel *x = &a->kernels[k], *y = &b->kernels[k];
        CHECK(x->kernel == y->kernel);
        for (int j = 0; j < x->kernel->n_params; j++)
            CHECK_SAME(y->values[j], x->values[j]);
        CHECK_INT(y->n_chunks, x->n_chunks);
        for (int c = 0; c < x->n_chunks; c++) {
            CHECK_INT(y->chunks[c].iterations, x->chunks[c].iterations);
            CHECK_STR(y->chunks[c].label, x->chunks[c].label);
        }
        CHECK_INT(y->n_scan, x->n_scan);
        for (int s = 0; s < x->n_scan; s++)
            CHECK_SAME(y->scan_sizes[s], x->scan_sizes[s]);
    }
    CHECK_INT(b->n_threads, a->n_threads);
    for (int t = 0; t < a->n_threads; t++)
        CHECK_INT(b->threads[t], a->threads[t]);
    CHECK_INT(b->n_schedules, a->n_schedules);
    for (int s = 0; s < a->n_schedules; s++)
        CHECK_INT(b->schedules[s], a->schedules[s]);
    CHECK_INT(b->reps, a->reps);
    CHECK_INT(b->warmup, a->warmup);
    CHECK_INT(b->max_reps, a->max_reps);
    CHECK_SAME(b->ci_target, a->ci_target);
    CHECK_SAME(b->serial_fraction, a->serial_fraction);
    CHECK_INT(b->weak, a->weak);
    CHECK_INT(b->class, a->class);
    CHECK_INT(b->cpus_available, a->cpus_available);
    CHECK_INT(b->overhead, a->overhead);
    CHECK_INT(b->overhead_n_threads, a->overhead_n_threads);
}

static void compare_machines(const struct sysinfo *a, const struct sysinfo *b)
{
    CHECK_STR(b->host, a->host);
    CHECK_STR(b->os, a->os);
    CHECK_STR(b->os_release, a->os_release);
    CHECK_STR(b->os_pretty, a->os_pretty);
    CHECK_STR(b->arch, a->arch);
    CHECK_STR(b->board, a->board);
    CHECK_STR(b->cpu_model, a->cpu_model);
    CHECK_INT(b->cpus_online, a->cpus_online);
    CHECK_INT(b->cpus_available, a->cpus_available);
    CHECK_STR(b->affinity, a->affinity);
    CHECK_INT(b->cores_physical, a->cores_physical);
    CHECK_INT(b->cores_available, a->cores_available);
    CHECK_INT(b->packages, a->packages);
    CHECK_INT(b->numa_nodes, a->numa_nodes);
    CHECK_STR(b->topology_source, a->topology_source);
    CHECK_INT(b->cache_l1d_bytes, a->cache_l1d_bytes);
    CHECK_INT(b->cache_l2_bytes, a->cache_l2_bytes);
    CHECK_INT(b->cache_l3_bytes, a->cache_l3_bytes);
    CHECK_SAME(b->mem_total_bytes, a->mem_total_bytes);
    CHECK_SAME(b->cpufreq_min_mhz, a->cpufreq_min_mhz);
    CHECK_SAME(b->cpufreq_max_mhz, a->cpufreq_max_mhz);
    CHECK_STR(b->cpufreq_governor, a->cpufreq_governor);
    CHECK_STR(b->cpufreq_driver, a->cpufreq_driver);
    CHECK_INT(b->cpufreq_boost, a->cpufreq_boost);
    CHECK_INT(b->n_omp_env, a->n_omp_env);
    for (int i = 0; i < a->n_omp_env && i < b->n_omp_env; i++)
        CHECK_STR(b->omp_env[i], a->omp_env[i]);
}

static void compare_results(const struct results *a, const struct results *b)
{
    compare_machines(&a->machine, &b->machine);
    CHECK_STR(b->build.c_flags, a->build.c_flags);
    CHECK_STR(b->build.version, a->build.version);
    CHECK_STR(b->build.git_commit, a->build.git_commit);
    CHECK_STR(b->build.compiler_id, a->build.compiler_id);
    CHECK_STR(b->build.compiler_version, a->build.compiler_version);
    CHECK_STR(b->build.build_type, a->build.build_type);
    CHECK_STR(b->build.file_flags, a->build.file_flags);
    CHECK_STR(b->build.openmp_flags, a->build.openmp_flags);
    CHECK_INT(b->build.openmp_version, a->build.openmp_version);
    CHECK_INT(b->started, a->started);
    CHECK_INT(b->argc, a->argc);
    for (int i = 0; i < a->argc && i < b->argc; i++)
        CHECK_STR(b->argv[i], a->argv[i]);
    CHECK_SAME(b->clock_granularity_s, a->clock_granularity_s);
    CHECK_INT(b->n_verify_failed, a->n_verify_failed);
    CHECK_SAME(b->wall_s, a->wall_s);
    CHECK_SAME(b->peak_rss_bytes, a->peak_rss_bytes);
    CHECK_INT(b->warnings.n, a->warnings.n);
    for (int i = 0; i < a->warnings.n && i < b->warnings.n; i++)
        CHECK_STR(b->warnings.text[i], a->warnings.text[i]);
    for (int k = 0; k < a->plan->n_kernels; k++) {
        CHECK_SAME(b->serial_section_s[k], a->serial_section_s[k]);
        for (int w = 0; w < 2; w++) {
            const struct sysinfo_sample *x = &a->samples[k][w], *y = &b->samples[k][w];
            CHECK_INT(y->have, x->have);
            CHECK_SAME(y->temp_c, x->temp_c);
            CHECK_SAME(y->cpu_mhz, x->cpu_mhz);
            CHECK_INT(y->throttled, x->throttled);
            CHECK_INT(y->throttle_count, x->throttle_count);
        }
    }
    CHECK_INT(b->n, a->n);
    for (int i = 0; i < a->n && i < b->n; i++) {
        const struct measurement *x = &a->m[i], *y = &b->m[i];
        int n_metrics = a->plan->kernels[x->kernel].kernel->n_metrics;
        CHECK_INT(y->kernel, x->kernel);
        CHECK_INT(y->schedule, x->schedule);
        CHECK_INT(y->chunk, x->chunk);
        CHECK_STR(y->chunk_label, x->chunk_label);
        CHECK_INT(y->threads, x->threads);
        CHECK_INT(y->oversubscribed, x->oversubscribed);
        CHECK_SAME(y->scan_size, x->scan_size);
        CHECK_SAME(y->weak_size, x->weak_size);
        CHECK_INT(y->inner, x->inner);
        CHECK_INT(y->n, x->n);
        CHECK_SAME(y->work, x->work);
        CHECK_SAME(y->bytes, x->bytes);
        CHECK_INT(y->n_iterations, x->n_iterations);
        CHECK_INT(y->team_size, x->team_size);
        for (int w = 0; w < x->n * x->team_size && x->team_size == y->team_size && x->n == y->n; w++) {
            CHECK_SAME(y->useful_s[w], x->useful_s[w]);
            CHECK_SAME(y->iterations[w], x->iterations[w]);
            CHECK_SAME(y->chunks[w], x->chunks[w]);
        }
        for (int s = 0; s < x->n && s < y->n; s++) {
            CHECK_SAME(y->elapsed_s[s], x->elapsed_s[s]);
            CHECK_INT(y->verified[s], x->verified[s]);
            for (int j = 0; j < n_metrics; j++)
                CHECK_SAME(y->metrics[s * n_metrics + j], x->metrics[s * n_metrics + j]);
        }
        const struct stats_summary *sx = &x->summary, *sy = &y->summary;
        CHECK_INT(sy->n, sx->n);
        CHECK_INT(sy->n_outliers, sx->n_outliers);
        CHECK(same(sy->median, sx->median) && same(sy->min, sx->min) && same(sy->max, sx->max) &&
              same(sy->mean, sx->mean) && same(sy->sd, sx->sd) && same(sy->cv, sx->cv) &&
              same(sy->ci_low, sx->ci_low) && same(sy->ci_high, sx->ci_high) && same(sy->ci_level, sx->ci_level) &&
              same(sy->mad, sx->mad));
    }
    CHECK_INT(b->n_fits, a->n_fits);
    for (int i = 0; i < a->n_fits && i < b->n_fits; i++) {
        const struct results_fit *x = &a->fits[i], *y = &b->fits[i];
        CHECK_INT(y->kernel, x->kernel);
        CHECK_INT(y->schedule, x->schedule);
        CHECK_STR(y->chunk_label, x->chunk_label);
        CHECK_SAME(y->fit.f, x->fit.f);
        CHECK_SAME(y->fit.ceiling, x->fit.ceiling);
        CHECK_INT(y->fit.ok, x->fit.ok);
        CHECK_INT(y->best, x->best);
        CHECK_INT(y->karp_flatt_trend, x->karp_flatt_trend);
    }
    CHECK_INT(b->n_overhead, a->n_overhead);
    for (int i = 0; i < a->n_overhead && i < b->n_overhead; i++) {
        const struct overhead_row *x = &a->overhead[i], *y = &b->overhead[i];
        CHECK_STR(y->construct, x->construct);
        CHECK_STR(y->schedule, x->schedule);
        CHECK_INT(y->chunk, x->chunk);
        CHECK_INT(y->threads, x->threads);
        CHECK_INT(y->oversubscribed, x->oversubscribed);
        CHECK_INT(y->inner_reps, x->inner_reps);
        CHECK_INT(y->outer_reps, x->outer_reps);
        CHECK_SAME(y->median_s, x->median_s);
        CHECK_SAME(y->min_s, x->min_s);
        CHECK_SAME(y->ci_low_s, x->ci_low_s);
        CHECK_SAME(y->ci_high_s, x->ci_high_s);
        CHECK_SAME(y->ci_level, x->ci_level);
        CHECK_INT(y->within_noise, x->within_noise);
        CHECK_SAME(y->sd_s, x->sd_s);
        CHECK_SAME(y->reference_s, x->reference_s);
    }
    CHECK_INT(b->n_copies, a->n_copies);
    for (int i = 0; i < a->n_copies && i < b->n_copies; i++) {
        const struct results_copy *x = &a->copies[i], *y = &b->copies[i];
        CHECK_INT(y->kernel, x->kernel);
        CHECK_INT(y->threads, x->threads);
        CHECK_SAME(y->scan_size, x->scan_size);
        CHECK_SAME(y->weak_size, x->weak_size);
        CHECK_INT(y->inner, x->inner);
        CHECK_SAME(y->bytes, x->bytes);
        CHECK_INT(y->n, x->n);
        for (int j = 0; j < x->n && x->n == y->n; j++)
            CHECK_SAME(y->elapsed_s[j], x->elapsed_s[j]);
        CHECK_SAME(y->summary.median, x->summary.median);
    }
    CHECK_INT(b->n_tables, a->n_tables);
    for (int i = 0; i < a->n_tables && i < b->n_tables; i++) {
        const struct results_table *x = &a->tables[i], *y = &b->tables[i];
        CHECK_STR(y->name, x->name);
        CHECK_INT(y->n_columns, x->n_columns);
        CHECK_INT(y->n_rows, x->n_rows);
        for (int c = 0; c < x->n_columns && c < y->n_columns; c++)
            CHECK_STR(y->columns[c], x->columns[c]);
        for (long v = 0; v < x->n_rows * x->n_columns && x->n_rows == y->n_rows && x->n_columns == y->n_columns; v++)
            CHECK_SAME(y->values[v], x->values[v]);
    }
}

/* Reads a whole file into a new string, or NULL. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *s = malloc((size_t)n + 1);
    if (s != NULL && fread(s, 1, (size_t)n, f) == (size_t)n)
        s[n] = '\0';
    fclose(f);
    return s;
}

static void spit(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");
    fwrite(text, 1, len, f);
    fclose(f);
}

/* The same CSV files from the live and the loaded record. */
static void compare_csv(const struct results *a, const struct results *b)
{
    static const char *const files[] = {"raw.csv", "speedup.csv", "efficiency.csv", "metrics.csv", "crossover.csv",
                                        "amdahl.csv", "overhead.csv", "sweep.csv"};
    char da[300], db[300], err[512];
    snprintf(da, sizeof da, "%s/live", dir);
    snprintf(db, sizeof db, "%s/loaded", dir);
    CHECK(mkdir(da, 0777) == 0 && mkdir(db, 0777) == 0);
    CHECK(csv_write_all(a, da, err, sizeof err) == 0);
    CHECK(csv_write_all(b, db, err, sizeof err) == 0);
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char pa[400], pb[400];
        snprintf(pa, sizeof pa, "%s/%s", da, files[i]);
        snprintf(pb, sizeof pb, "%s/%s", db, files[i]);
        char *ta = slurp(pa), *tb = slurp(pb);
        CHECK(ta != NULL && tb != NULL);
        if (ta != NULL && tb != NULL && strcmp(ta, tb) != 0) {
            check_failures++;
            fprintf(stderr, "%s differs between the live and the loaded record\n", files[i]);
        }
        free(ta);
        free(tb);
    }
}

static void test_round_trip(void)
{
    static struct plan p, q;
    static struct results r, s;
    char path[300], err[512];
    build(&p, &r, 5);
    snprintf(path, sizeof path, "%s/results.json", dir);
    CHECK_INT(record_write(&r, path, err, sizeof err), 0);
    CHECK_INT(record_load(dir, &q, &s, err, sizeof err), 0);  /* a directory: its results.json */
    compare_plans(&p, &q);
    compare_results(&r, &s);
    compare_csv(&r, &s);
    CHECK(s.plan == &q);
    for (int i = 0; i < s.n; i++) {  /* copy_gbs: the copy at the same kernel, size and threads */
        const struct measurement *m = &s.m[i];
        struct derived d;
        results_derive(&s, m, &d);
        if (m->kernel == 2 && m->scan_size == 0 && m->schedule == SCHED_STATIC && m->threads == 2) {
            CHECK_NEAR(d.copy_gbs, 8.0 * 4096 / (1.25 * 1.04) / 1e9, 1e-15);
            CHECK_NEAR(d.bandwidth_of_copy, d.bandwidth_gbs / d.copy_gbs, 1e-12);
        }
        if (m->kernel != 2 || m->threads == 4)
            CHECK(isnan(d.copy_gbs) && isnan(d.bandwidth_of_copy));
        if (m->schedule != SCHED_SERIAL && m->scan_size == 0)  /* threads busy 1, 7/8, 6/8, 5/8 of a run */
            CHECK_NEAR(d.pop.load_balance, (1 - (m->threads - 1) / 16.0), 1e-12);
        else
            CHECK(isnan(d.pop.load_balance) && m->team_size == 0);
    }

    /* numbers as typed: 0.05 is 0.05, not 0.050000000000000003; NaN is null */
    char *text = slurp(path);
    CHECK(text != NULL && strstr(text, "\"ci_target\":0.05,") != NULL);
    CHECK(text != NULL && strstr(text, "0.050000000000000003") == NULL);
    CHECK(text != NULL && strstr(text, "\"format_version\":1,") != NULL);
    CHECK(text != NULL && strstr(text, "\"min_s\":null") != NULL);
    free(text);

    /* meta.json: the description part, from the same code */
    CHECK_INT(meta_write(&r, dir, err, sizeof err), 0);
    snprintf(path, sizeof path, "%s/meta.json", dir);
    char why[256];
    json_object *meta = jsonio_read_file(path, why, sizeof why), *v;
    CHECK(meta != NULL);
    CHECK(json_object_object_get_ex(meta, "machine", &v) && json_object_object_get_ex(meta, "run", &v));
    CHECK(json_object_object_get_ex(meta, "kernels", &v) && json_object_object_get_ex(meta, "warnings", &v));
    CHECK(!json_object_object_get_ex(meta, "measurements", &v) && !json_object_object_get_ex(meta, "format", &v));
    json_object_put(meta);
    results_free(&r);
    results_free(&s);
}

/* More than 1024 samples: outliers and medians use every sample (the writers once stopped at 1024). */
static void test_many_reps(void)
{
    static struct plan p;
    static struct results r;
    char path[400], err[512], sub[300];
    build(&p, &r, 1500);
    r.m[0].elapsed_s[1200] = 777.25;  /* far out */
    results_summarize(&r.m[0]);
    snprintf(sub, sizeof sub, "%s/many", dir);
    CHECK(mkdir(sub, 0777) == 0);
    CHECK_INT(csv_write_all(&r, sub, err, sizeof err), 0);
    snprintf(path, sizeof path, "%s/raw.csv", sub);
    FILE *f = fopen(path, "r");
    char line[1024];
    int row = 0, flagged = 0;
    while (f != NULL && fgets(line, sizeof line, f)) {
        /* the outlier column comes right after elapsed_s: "...,<elapsed>,<outlier>,<verified>,..." */
        if (row > 0 && row <= 1500)
            flagged += strstr(line, ",777.25,1,") != NULL;
        row++;
    }
    if (f)
        fclose(f);
    CHECK_INT(flagged, 1);
    CHECK_INT(r.m[0].summary.n_outliers, 1);
    fflush(stdout);
    int saved = dup(STDOUT_FILENO), null = open("/dev/null", O_WRONLY);
    dup2(null, STDOUT_FILENO);  /* the summary must not crash past 1024 samples; its text is not checked */
    summary_print(&r);
    fflush(stdout);
    dup2(saved, STDOUT_FILENO);
    close(null);
    close(saved);
    results_free(&r);
}

/* Loads text as a record; returns record_load's result, err in err. */
static int load_text(const char *text, size_t len, char *err, size_t err_size)
{
    static struct plan p;
    static struct results r;
    char path[300];
    snprintf(path, sizeof path, "%s/bad.json", dir);
    spit(path, text, len);
    int rc = record_load(path, &p, &r, err, err_size);
    results_free(&r);
    return rc;
}

/* A good record's JSON with one change made by edit. */
static int load_edited(json_object *(*edit)(json_object *root), char *err, size_t err_size)
{
    char path[300], why[256];
    snprintf(path, sizeof path, "%s/results.json", dir);
    json_object *root = jsonio_read_file(path, why, sizeof why);
    root = edit(root);
    const char *text = json_object_to_json_string(root);
    int rc = load_text(text, strlen(text), err, err_size);
    json_object_put(root);
    return rc;
}

static json_object *get(json_object *o, const char *key)
{
    json_object *v = NULL;
    json_object_object_get_ex(o, key, &v);
    return v;
}

static json_object *reps_string(json_object *root)
{
    json_object_object_add(get(root, "run"), "reps", json_object_new_string("five"));
    return root;
}

static json_object *threads_string(json_object *root)
{
    json_object *m = json_object_array_get_idx(get(root, "measurements"), 3);
    json_object_object_add(m, "threads", json_object_new_string("2"));
    return root;
}

static json_object *unknown_kernel(json_object *root)
{
    json_object_object_add(json_object_array_get_idx(get(root, "kernels"), 1), "name",
                           json_object_new_string("nosuchkernel"));
    return root;
}

static json_object *future_version(json_object *root)
{
    json_object_object_add(root, "format_version", json_object_new_int(RECORD_FORMAT_VERSION + 1));
    return root;
}

static json_object *no_machine(json_object *root)
{
    json_object_object_del(root, "machine");
    return root;
}

static json_object *evil_table(json_object *root)
{
    json_object_object_add(json_object_array_get_idx(get(root, "tables"), 0), "name",
                           json_object_new_string("../../evil"));
    return root;
}

static json_object *short_row(json_object *root)
{
    json_object *t = json_object_array_get_idx(get(root, "tables"), 0);
    json_object_array_del_idx(json_object_array_get_idx(get(t, "rows"), 0), 0, 1);
    return root;
}

static json_object *sample_null(json_object *root)
{
    json_object *m = json_object_array_get_idx(get(root, "measurements"), 0);
    json_object_array_put_idx(get(m, "samples"), 0, NULL);
    return root;
}

/* err is one line that names the file and contains what. */
static json_object *no_copies(json_object *root)
{
    json_object_object_del(root, "copies");
    return root;
}

static json_object *copy_sample_zero(json_object *root)
{
    json_object *c = json_object_array_get_idx(get(root, "copies"), 1);
    json_object_array_put_idx(get(c, "elapsed_s"), 0, json_object_new_double(0));
    return root;
}

/* Sample s's team of measurement i. */
static json_object *team_of(json_object *root, int i, int s)
{
    json_object *m = json_object_array_get_idx(get(root, "measurements"), (size_t)i);
    return get(json_object_array_get_idx(get(m, "samples"), (size_t)s), "team");
}

static json_object *team_short(json_object *root)
{
    json_object_array_del_idx(get(team_of(root, 2, 1), "useful_s"), 0, 1);
    return root;
}

static json_object *team_negative(json_object *root)
{
    json_object_array_put_idx(get(team_of(root, 2, 0), "iterations"), 1, json_object_new_double(-3));
    return root;
}

static json_object *team_on_serial(json_object *root)
{
    json_object *m = json_object_array_get_idx(get(root, "measurements"), 0);
    json_object_object_add(json_object_array_get_idx(get(m, "samples"), 0), "team",
                           json_object_get(team_of(root, 1, 0)));
    return root;
}

static json_object *team_missing(json_object *root)
{
    json_object *m = json_object_array_get_idx(get(root, "measurements"), 2);
    json_object_object_del(json_object_array_get_idx(get(m, "samples"), 3), "team");
    return root;
}

/* A record from before shares were recorded: no sample has a team. */
static json_object *no_teams(json_object *root)
{
    json_object *ms = get(root, "measurements");
    for (size_t i = 0; i < json_object_array_length(ms); i++) {
        json_object *samples = get(json_object_array_get_idx(ms, i), "samples");
        for (size_t s = 0; s < json_object_array_length(samples); s++)
            json_object_object_del(json_object_array_get_idx(samples, s), "team");
    }
    return root;
}

static void check_error(int rc, const char *err, const char *what)
{
    CHECK_INT(rc, RECORD_BAD);
    CHECK(strchr(err, '\n') == NULL);
    CHECK(strstr(err, dir) == err);
    if (strstr(err, what) == NULL) {
        check_failures++;
        fprintf(stderr, "error '%s' does not name '%s'\n", err, what);
    }
}

static void test_bad_input(void)
{
    static struct plan p;
    static struct results r;
    char path[300], err[1024];
    build(&p, &r, 5);
    snprintf(path, sizeof path, "%s/results.json", dir);
    CHECK_INT(record_write(&r, path, err, sizeof err), 0);
    results_free(&r);
    char *text = slurp(path);
    size_t len = strlen(text);

    check_error(load_text(text, len / 2, err, sizeof err), err, "not valid JSON");
    check_error(load_text("[1, 2]", 6, err, sizeof err), err, "want an object");
    check_error(load_text("", 0, err, sizeof err), err, "not valid JSON");
    check_error(load_edited(reps_string, err, sizeof err), err, "run.reps");
    check_error(load_edited(threads_string, err, sizeof err), err, "measurements[3].threads");
    check_error(load_edited(unknown_kernel, err, sizeof err), err, "nosuchkernel");
    check_error(load_edited(future_version, err, sizeof err), err, "format_version");
    check_error(load_edited(no_machine, err, sizeof err), err, "machine: missing");
    check_error(load_edited(evil_table, err, sizeof err), err, "tables[0].name");
    check_error(load_edited(short_row, err, sizeof err), err, "tables[0].rows[0]");
    check_error(load_edited(sample_null, err, sizeof err), err, "measurements[0].samples[0]");
    check_error(load_edited(copy_sample_zero, err, sizeof err), err, "copies[1].elapsed_s[0]");
    CHECK_INT(load_edited(no_copies, err, sizeof err), 0);  /* a record from before copies */
    check_error(load_edited(team_short, err, sizeof err), err, "measurements[2].samples[1].team.useful_s");
    check_error(load_edited(team_negative, err, sizeof err), err, "measurements[2].samples[0].team.iterations[1]");
    check_error(load_edited(team_on_serial, err, sizeof err), err, "measurements[0].samples[0].team");
    check_error(load_edited(team_missing, err, sizeof err), err, "measurements[2].samples[3].team: missing");
    CHECK_INT(load_edited(no_teams, err, sizeof err), 0);  /* a record from before shares */
    char nothing[300];
    snprintf(nothing, sizeof nothing, "%s/nothing", dir);
    CHECK(mkdir(nothing, 0777) == 0);
    check_error(record_load(nothing, &p, &r, err, sizeof err), err, "nothing/results.json");
    results_free(&r);

    /* damage: truncated anywhere, or bytes changed at random; refused or read, never a crash */
    uint64_t seed = 12345;  /* 64 bits on every target: a long is 32 on armhf */
    int refused = 0;
    for (size_t cut = 1; cut < len; cut += len / 97 + 1)
        refused += load_text(text, cut, err, sizeof err) == RECORD_BAD;
    CHECK(refused > 90);
    char *copy = malloc(len + 1);
    for (int trial = 0; trial < 300; trial++) {
        memcpy(copy, text, len + 1);
        for (int k = 0; k < 1 + trial % 4; k++) {
            seed = seed * UINT64_C(6364136223846793005) + UINT64_C(1442695040888963407);
            copy[(seed >> 33) % len] = "0-9\"{}[],:ntfe. x"[(seed >> 13) % 17];
        }
        int rc = load_text(copy, len, err, sizeof err);
        CHECK(rc == 0 || rc == RECORD_BAD);
    }
    free(copy);
    free(text);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/ompscale-record-XXXXXX");
    if (mkdtemp(dir) == NULL) {
        perror("mkdtemp");
        return 1;
    }
    test_round_trip();
    test_bad_input();
    test_many_reps();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return check_report("test_record");
}
