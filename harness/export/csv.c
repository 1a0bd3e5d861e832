/* csv.c -- writes raw.csv, speedup.csv, efficiency.csv and, where kernels provide them,
 * metrics.csv, crossover.csv and the kernels' data tables, from the results.
 *
 * Each file is a list of columns from one table of fields, so a column is formatted the same
 * way in every file, and a file's header and rows cannot disagree. Tidy long format: one row
 * per timed run (raw) or per configuration (the others); a missing value is an empty field.
 * New columns go at the end of a file, so scripts that read columns by position keep working.
 *
 * speedup.csv and efficiency.csv end with `suspect`: empty when the row can be taken at face
 * value, else the reasons joined by ';' (superlinear;drift), as results_derive defines them.
 * `speedup` is the paired speed-up in an interleaved run (the median of serial / parallel over
 * samples of the same round) and the ratio of medians in a sequential one; both estimates have
 * their own columns at the end (speedup_paired*, speedup_of_medians*). A serial fraction is never
 * written negative: karp_flatt is 0 where its interval includes 0, empty where the interval lies
 * wholly below 0 (a superlinear speed-up, which no serial fraction explains). speedup.csv and
 * crossover.csv end with copy_gbs and bandwidth_of_copy: the bandwidth of a STREAM-style copy over
 * the same arrays at the same size and threads (results_copy_of), and bandwidth_gbs over it;
 * empty for kernels without a copy. efficiency.csv ends with the POP factors (pop.h): load_balance,
 * comm_efficiency, parallel_efficiency, computation_scalability, global_efficiency; empty where
 * no thread's share was recorded.
 *
 * A hybrid MPI run (the record has hosts) adds, at the end of raw, speedup, efficiency and metrics,
 * ranks (the ranks the loop was split over) and cores (ranks x threads, which efficiency divides
 * by), and the time rank 0 took to gather the other ranks' outputs after a sample: gather_s per
 * sample in raw.csv, gather_median_s in speedup.csv. A run of one process has none of them.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "fileio.h"
#include "kernel.h"

enum field {
    F_KERNEL, F_CLASS, F_SCHEDULE, F_CHUNK, F_CHUNK_LABEL, F_THREADS, F_OVERSUBSCRIBED, F_REP, F_ELAPSED,
    F_VERIFIED, F_WORK, F_WORK_UNIT, F_N, F_MEDIAN, F_MIN, F_MEAN, F_SD, F_SERIAL_MEDIAN, F_SPEEDUP,
    F_SPEEDUP_1THREAD, F_EFFICIENCY, F_EFFICIENCY_1THREAD, F_THROUGHPUT, F_THROUGHPUT_UNIT, F_INNER,
    F_BANDWIDTH, F_SIZE_PARAM, F_SIZE, F_TIME_PER_ITERATION, F_BREAK_EVEN, F_METRIC, F_VALUE, F_CI_LOW, F_CI_HIGH,
    F_CI_LEVEL, F_CV, F_N_OUTLIERS, F_OUTLIER, F_SPEEDUP_CI_LOW, F_SPEEDUP_CI_HIGH, F_KARP_FLATT,
    F_SCALING, F_SPEEDUP_PAIRED, F_SPEEDUP_PAIRED_CI_LOW, F_SPEEDUP_PAIRED_CI_HIGH, F_SPEEDUP_MEDIANS,
    F_SPEEDUP_MEDIANS_CI_LOW, F_SPEEDUP_MEDIANS_CI_HIGH, F_EFFICIENCY_CI_LOW, F_EFFICIENCY_CI_HIGH,
    F_KARP_FLATT_CI_LOW, F_KARP_FLATT_CI_HIGH, F_SUSPECT, F_ROUND, F_COPY_GBS, F_BANDWIDTH_OF_COPY,
    F_LOAD_BALANCE, F_COMM_EFFICIENCY, F_PARALLEL_EFFICIENCY, F_COMPUTATION_SCALABILITY, F_GLOBAL_EFFICIENCY,
    F_RANKS, F_CORES, F_GATHER, F_GATHER_MEDIAN,
};

static const char *const field_names[] = {
    [F_KERNEL] = "kernel", [F_CLASS] = "class", [F_SCHEDULE] = "schedule", [F_CHUNK] = "chunk",
    [F_CHUNK_LABEL] = "chunk_label", [F_THREADS] = "threads", [F_OVERSUBSCRIBED] = "oversubscribed",
    [F_REP] = "rep", [F_ELAPSED] = "elapsed_s", [F_VERIFIED] = "verified", [F_WORK] = "work",
    [F_WORK_UNIT] = "work_unit", [F_N] = "n", [F_MEDIAN] = "median_s", [F_MIN] = "min_s", [F_MEAN] = "mean_s",
    [F_SD] = "sd_s", [F_SERIAL_MEDIAN] = "serial_median_s", [F_SPEEDUP] = "speedup",
    [F_SPEEDUP_1THREAD] = "speedup_vs_1thread", [F_EFFICIENCY] = "efficiency",
    [F_EFFICIENCY_1THREAD] = "efficiency_vs_1thread", [F_THROUGHPUT] = "throughput",
    [F_THROUGHPUT_UNIT] = "throughput_unit", [F_INNER] = "inner_reps", [F_BANDWIDTH] = "bandwidth_gbs",
    [F_SIZE_PARAM] = "size_param", [F_SIZE] = "size", [F_TIME_PER_ITERATION] = "time_per_iteration_s",
    [F_BREAK_EVEN] = "break_even_size", [F_METRIC] = "metric", [F_VALUE] = "value", [F_CI_LOW] = "ci_low_s",
    [F_CI_HIGH] = "ci_high_s", [F_CI_LEVEL] = "ci_level", [F_CV] = "cv", [F_N_OUTLIERS] = "n_outliers",
    [F_OUTLIER] = "outlier", [F_SPEEDUP_CI_LOW] = "speedup_ci_low", [F_SPEEDUP_CI_HIGH] = "speedup_ci_high",
    [F_KARP_FLATT] = "karp_flatt", [F_SCALING] = "scaling", [F_SPEEDUP_PAIRED] = "speedup_paired",
    [F_SPEEDUP_PAIRED_CI_LOW] = "speedup_paired_ci_low", [F_SPEEDUP_PAIRED_CI_HIGH] = "speedup_paired_ci_high",
    [F_SPEEDUP_MEDIANS] = "speedup_of_medians", [F_SPEEDUP_MEDIANS_CI_LOW] = "speedup_of_medians_ci_low",
    [F_SPEEDUP_MEDIANS_CI_HIGH] = "speedup_of_medians_ci_high", [F_EFFICIENCY_CI_LOW] = "efficiency_ci_low",
    [F_EFFICIENCY_CI_HIGH] = "efficiency_ci_high", [F_KARP_FLATT_CI_LOW] = "karp_flatt_ci_low",
    [F_KARP_FLATT_CI_HIGH] = "karp_flatt_ci_high", [F_SUSPECT] = "suspect", [F_ROUND] = "round",
    [F_COPY_GBS] = "copy_gbs", [F_BANDWIDTH_OF_COPY] = "bandwidth_of_copy", [F_LOAD_BALANCE] = "load_balance",
    [F_COMM_EFFICIENCY] = "comm_efficiency", [F_PARALLEL_EFFICIENCY] = "parallel_efficiency",
    [F_COMPUTATION_SCALABILITY] = "computation_scalability", [F_GLOBAL_EFFICIENCY] = "global_efficiency",
    [F_RANKS] = "ranks", [F_CORES] = "cores", [F_GATHER] = "gather_s", [F_GATHER_MEDIAN] = "gather_median_s",
};

#define KEY F_KERNEL, F_CLASS, F_SCALING, F_SIZE_PARAM, F_SIZE, F_SCHEDULE, F_CHUNK, F_CHUNK_LABEL, F_THREADS, \
    F_OVERSUBSCRIBED
#define TIMES F_N, F_MEDIAN, F_CI_LOW, F_CI_HIGH, F_CI_LEVEL, F_MIN, F_MEAN, F_SD, F_CV, F_N_OUTLIERS, F_SERIAL_MEDIAN

static const enum field raw_columns[] = {KEY, F_REP, F_INNER, F_ELAPSED, F_OUTLIER, F_VERIFIED, F_WORK,
                                        F_WORK_UNIT, F_ROUND};
static const enum field speedup_columns[] = {KEY, TIMES, F_SPEEDUP, F_SPEEDUP_CI_LOW, F_SPEEDUP_CI_HIGH,
                                             F_SPEEDUP_1THREAD, F_THROUGHPUT,
                                             F_THROUGHPUT_UNIT, F_BANDWIDTH, F_VERIFIED, F_SPEEDUP_PAIRED,
                                             F_SPEEDUP_PAIRED_CI_LOW, F_SPEEDUP_PAIRED_CI_HIGH, F_SPEEDUP_MEDIANS,
                                             F_SPEEDUP_MEDIANS_CI_LOW, F_SPEEDUP_MEDIANS_CI_HIGH, F_SUSPECT,
                                             F_COPY_GBS, F_BANDWIDTH_OF_COPY};
static const enum field efficiency_columns[] = {KEY, TIMES, F_EFFICIENCY, F_EFFICIENCY_1THREAD, F_KARP_FLATT,
                                                F_VERIFIED, F_EFFICIENCY_CI_LOW, F_EFFICIENCY_CI_HIGH,
                                                F_KARP_FLATT_CI_LOW, F_KARP_FLATT_CI_HIGH, F_SUSPECT,
                                                F_LOAD_BALANCE, F_COMM_EFFICIENCY, F_PARALLEL_EFFICIENCY,
                                                F_COMPUTATION_SCALABILITY, F_GLOBAL_EFFICIENCY};
static const enum field metrics_columns[] = {KEY, F_REP, F_METRIC, F_VALUE};
static const enum field crossover_columns[] = {F_KERNEL, F_CLASS, F_SIZE_PARAM, F_SIZE, F_SCHEDULE, F_THREADS,
                                               F_OVERSUBSCRIBED, F_INNER, F_N, F_MEDIAN, F_MIN,
                                               F_TIME_PER_ITERATION, F_SERIAL_MEDIAN, F_SPEEDUP, F_BANDWIDTH,
                                               F_BREAK_EVEN, F_VERIFIED, F_COPY_GBS, F_BANDWIDTH_OF_COPY};
/* A hybrid MPI run's columns, after those above (see the banner). */
static const enum field raw_mpi[] = {F_RANKS, F_CORES, F_GATHER};
static const enum field speedup_mpi[] = {F_RANKS, F_CORES, F_GATHER_MEDIAN};
static const enum field ranks_mpi[] = {F_RANKS, F_CORES};

/* Which measurements a file holds, and how many rows each gives. */
enum rows { ROWS_PER_SAMPLE, ROWS_PER_CONFIG, ROWS_PER_METRIC, ROWS_SCAN };

/* What one row is about: a measurement, one of its samples (else -1) and one metric (else -1). */
struct row {
    const struct results *r;
    const struct measurement *m;
    const struct derived *d;
    int sample;
    int metric;
    const int *outlier;  /* per sample, from stats_outliers; NULL outside raw.csv */
};

void csv_put_number(FILE *f, const char *fmt, double v)
{
    if (isfinite(v))
        fprintf(f, fmt, v);
}

/* A serial fraction as a number that is never negative (see the banner). */
static void put_fraction(FILE *f, double value, double low, double high)
{
    switch (results_fraction_kind(value, low, high)) {
    case RESULTS_FRACTION_PLAIN: fprintf(f, "%.6g", value); break;
    case RESULTS_FRACTION_ZERO: fprintf(f, "%.6g", value > 0 ? value : 0.0); break;
    case RESULTS_FRACTION_IMPOSSIBLE: case RESULTS_FRACTION_UNKNOWN: break;
    }
}

static void put_field(FILE *f, enum field field, const struct row *row)
{
    char suspect[128];
    const struct measurement *m = row->m;
    const struct plan *p = row->r->plan;
    const struct kernel *k = p->kernels[m->kernel].kernel;
    const struct measurement *serial = results_serial_of(row->r, m);
    int serial_row = m->schedule == SCHED_SERIAL;

    switch (field) {
    case F_KERNEL: fputs(k->name, f); break;
    case F_CLASS: fputs(kernel_class_name(p->class), f); break;
    case F_SCHEDULE: fputs(schedule_name(m->schedule), f); break;
    case F_CHUNK: if (!serial_row) fprintf(f, "%ld", m->chunk); break;
    case F_CHUNK_LABEL: fputs(m->chunk_label, f); break;
    case F_THREADS: fprintf(f, "%d", m->threads); break;
    case F_OVERSUBSCRIBED: fprintf(f, "%d", m->oversubscribed); break;
    case F_REP: fprintf(f, "%d", row->sample + 1); break;
    case F_ELAPSED: fprintf(f, "%.9g", m->elapsed_s[row->sample]); break;
    case F_VERIFIED: fprintf(f, "%d", row->sample >= 0 ? m->verified[row->sample] : row->d->verified); break;
    case F_WORK: fprintf(f, "%.17g", m->work); break;
    case F_WORK_UNIT: fputs(k->work_unit, f); break;
    case F_N: fprintf(f, "%d", m->summary.n); break;
    case F_MEDIAN: fprintf(f, "%.9g", m->summary.median); break;
    case F_MIN: fprintf(f, "%.9g", m->summary.min); break;
    case F_MEAN: fprintf(f, "%.9g", m->summary.mean); break;
    case F_SD: fprintf(f, "%.9g", m->summary.sd); break;
    case F_SERIAL_MEDIAN: if (serial) fprintf(f, "%.9g", serial->summary.median); break;
    case F_SPEEDUP: csv_put_number(f, "%.6g", row->d->speedup); break;
    case F_SPEEDUP_1THREAD: csv_put_number(f, "%.6g", row->d->speedup_1thread); break;
    case F_EFFICIENCY: csv_put_number(f, "%.6g", row->d->efficiency); break;
    case F_EFFICIENCY_1THREAD: csv_put_number(f, "%.6g", row->d->efficiency_1thread); break;
    case F_THROUGHPUT: csv_put_number(f, "%.9g", row->d->throughput); break;
    case F_THROUGHPUT_UNIT: fprintf(f, "%s/s", k->work_unit); break;
    case F_INNER: fprintf(f, "%ld", m->inner); break;
    case F_BANDWIDTH: csv_put_number(f, "%.6g", row->d->bandwidth_gbs); break;
    case F_SCALING: fputs(p->weak ? "weak" : "strong", f); break;
    case F_SIZE_PARAM:
        if (m->scan_size > 0 || m->weak_size > 0)
            fputs(m->scan_size > 0 ? k->scan_param : k->weak_param, f);
        break;
    case F_SIZE:
        if (m->scan_size > 0 || m->weak_size > 0)
            fprintf(f, "%.0f", m->scan_size > 0 ? m->scan_size : m->weak_size);
        break;
    case F_TIME_PER_ITERATION: fprintf(f, "%.6g", m->summary.median / (double)m->n_iterations); break;
    case F_BREAK_EVEN:
        if (!serial_row)
            csv_put_number(f, "%.0f", results_break_even(row->r, m->kernel, m->threads));
        break;
    case F_CI_LOW: fprintf(f, "%.9g", m->summary.ci_low); break;
    case F_CI_HIGH: fprintf(f, "%.9g", m->summary.ci_high); break;
    case F_CI_LEVEL: fprintf(f, "%.4g", m->summary.ci_level); break;
    case F_CV: fprintf(f, "%.4g", m->summary.cv); break;
    case F_N_OUTLIERS: fprintf(f, "%d", m->summary.n_outliers); break;
    case F_OUTLIER: fprintf(f, "%d", row->outlier ? row->outlier[row->sample] : 0); break;
    case F_SPEEDUP_CI_LOW: csv_put_number(f, "%.6g", row->d->speedup_ci_low); break;
    case F_SPEEDUP_CI_HIGH: csv_put_number(f, "%.6g", row->d->speedup_ci_high); break;
    case F_KARP_FLATT:
        put_fraction(f, row->d->karp_flatt, row->d->karp_flatt_ci_low, row->d->karp_flatt_ci_high);
        break;
    case F_SPEEDUP_PAIRED: csv_put_number(f, "%.6g", row->d->speedup_paired); break;
    case F_SPEEDUP_PAIRED_CI_LOW: csv_put_number(f, "%.6g", row->d->speedup_paired_ci_low); break;
    case F_SPEEDUP_PAIRED_CI_HIGH: csv_put_number(f, "%.6g", row->d->speedup_paired_ci_high); break;
    case F_SPEEDUP_MEDIANS: csv_put_number(f, "%.6g", row->d->speedup_medians); break;
    case F_SPEEDUP_MEDIANS_CI_LOW: csv_put_number(f, "%.6g", row->d->speedup_medians_ci_low); break;
    case F_SPEEDUP_MEDIANS_CI_HIGH: csv_put_number(f, "%.6g", row->d->speedup_medians_ci_high); break;
    case F_EFFICIENCY_CI_LOW: csv_put_number(f, "%.6g", row->d->efficiency_ci_low); break;
    case F_EFFICIENCY_CI_HIGH: csv_put_number(f, "%.6g", row->d->efficiency_ci_high); break;
    case F_KARP_FLATT_CI_LOW: csv_put_number(f, "%.6g", row->d->karp_flatt_ci_low); break;
    case F_KARP_FLATT_CI_HIGH: csv_put_number(f, "%.6g", row->d->karp_flatt_ci_high); break;
    case F_SUSPECT:
        results_suspect_format(row->d->suspect, suspect, sizeof suspect);
        fputs(suspect, f);
        break;
    case F_ROUND: fprintf(f, "%d", m->round[row->sample] + 1); break;
    case F_COPY_GBS: csv_put_number(f, "%.6g", row->d->copy_gbs); break;
    case F_BANDWIDTH_OF_COPY: csv_put_number(f, "%.4g", row->d->bandwidth_of_copy); break;
    case F_LOAD_BALANCE: csv_put_number(f, "%.6g", row->d->pop.load_balance); break;
    case F_COMM_EFFICIENCY: csv_put_number(f, "%.6g", row->d->pop.comm_efficiency); break;
    case F_PARALLEL_EFFICIENCY: csv_put_number(f, "%.6g", row->d->pop.parallel_efficiency); break;
    case F_COMPUTATION_SCALABILITY: csv_put_number(f, "%.6g", row->d->pop.computation_scalability); break;
    case F_GLOBAL_EFFICIENCY: csv_put_number(f, "%.6g", row->d->pop.global_efficiency); break;
    case F_RANKS: fprintf(f, "%d", m->ranks); break;
    case F_CORES: fprintf(f, "%d", results_cores(m)); break;
    case F_GATHER: fprintf(f, "%.9g", m->gather_s[row->sample]); break;
    case F_GATHER_MEDIAN: {
        double *g = malloc((size_t)m->n * sizeof *g);
        if (g != NULL && m->n > 0) {
            memcpy(g, m->gather_s, (size_t)m->n * sizeof *g);
            fprintf(f, "%.9g", stats_median_inplace(g, m->n));
        }
        free(g);
        break;
    }
    case F_METRIC: fputs(k->metric_names[row->metric], f); break;
    case F_VALUE: fprintf(f, "%.9g", m->metrics[row->sample * k->n_metrics + row->metric]); break;
    }
}

static int wanted(const struct measurement *m, enum rows rows, const struct kernel *k)
{
    switch (rows) {
    case ROWS_PER_SAMPLE: return m->scan_size == 0;
    case ROWS_PER_CONFIG: return m->scan_size == 0 && m->schedule != SCHED_SERIAL;  /* serial: serial_median_s */
    case ROWS_PER_METRIC: return m->scan_size == 0 && k->n_metrics > 0;
    case ROWS_SCAN: return m->scan_size > 0;
    }
    return 0;
}

static void put_row(FILE *f, const enum field *cols, int n_cols, const struct row *row)
{
    for (int c = 0; c < n_cols; c++) {
        if (c)
            fputc(',', f);
        put_field(f, cols[c], row);
    }
    fputc('\n', f);
}

static int write_file(const struct results *r, const char *dir, const char *name, const enum field *cols,
                      int n_cols, enum rows rows, char *err, size_t err_size)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fileio_create(path, err, err_size);
    if (f == NULL)
        return -1;
    for (int c = 0; c < n_cols; c++)
        fprintf(f, "%s%s", c ? "," : "", field_names[cols[c]]);
    fputc('\n', f);
    int *outlier = NULL, n_outlier = 0, failed = 0;  /* the samples' outlier flags, grown as needed */
    for (int i = 0; i < r->n && !failed; i++) {
        const struct measurement *m = &r->m[i];
        const struct kernel *k = r->plan->kernels[m->kernel].kernel;
        if (!wanted(m, rows, k))
            continue;
        struct derived d;
        results_derive(r, m, &d);
        struct row row = {r, m, &d, -1, -1, NULL};
        if (rows == ROWS_PER_CONFIG || rows == ROWS_SCAN) {
            put_row(f, cols, n_cols, &row);
            continue;
        }
        if (rows == ROWS_PER_SAMPLE) {
            if (m->n > n_outlier) {
                int *grown = realloc(outlier, (size_t)m->n * sizeof *outlier);
                failed = grown == NULL;
                outlier = grown ? grown : outlier;
                n_outlier = grown ? m->n : n_outlier;
            }
            failed = failed || stats_outliers(m->elapsed_s, m->n, outlier) < 0;
            row.outlier = outlier;
        }
        for (row.sample = 0; row.sample < m->n && !failed; row.sample++) {
            if (rows == ROWS_PER_SAMPLE)
                put_row(f, cols, n_cols, &row);
            else
                for (row.metric = 0; row.metric < k->n_metrics; row.metric++)
                    put_row(f, cols, n_cols, &row);
        }
    }
    free(outlier);
    if (failed) {
        fileio_close(f, path, err, err_size);
        snprintf(err, err_size, "%s: out of memory", path);
        return -1;
    }
    return fileio_close(f, path, err, err_size);
}

/* Writes a kernel's data table as <name>.csv. */
static int write_table(const struct results_table *t, const char *dir, char *err, size_t err_size)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.csv", dir, t->name);
    FILE *f = fileio_create(path, err, err_size);
    if (f == NULL)
        return -1;
    for (int c = 0; c < t->n_columns; c++)
        fprintf(f, "%s%s", c ? "," : "", t->columns[c]);
    fputc('\n', f);
    for (long i = 0; i < t->n_rows; i++)
        for (int c = 0; c < t->n_columns; c++)
            fprintf(f, "%.17g%c", t->values[i * t->n_columns + c], c + 1 < t->n_columns ? ',' : '\n');
    return fileio_close(f, path, err, err_size);
}

/* Writes amdahl.csv: one row per kernel x schedule x chunk series. */
static int write_fits(const struct results *r, const char *dir, char *err, size_t err_size)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/amdahl.csv", dir);
    FILE *f = fileio_create(path, err, err_size);
    if (f == NULL)
        return -1;
    fputs("kernel,class,schedule,chunk,chunk_label,n_points,f,f_ci_low,f_ci_high,r2,ceiling,karp_flatt_trend,best\n",
          f);
    for (int i = 0; i < r->n_fits; i++) {
        const struct results_fit *x = &r->fits[i];
        fprintf(f, "%s,%s,%s,%ld,%s,%d,", r->plan->kernels[x->kernel].kernel->name, kernel_class_name(r->plan->class),
                schedule_name(x->schedule), x->chunk, x->chunk_label, x->fit.n);
        if (x->fit.ok) {
            csv_put_number(f, "%.6g", x->fit.f);
            fputc(',', f);
            csv_put_number(f, "%.6g", x->fit.f_low);
            fputc(',', f);
            csv_put_number(f, "%.6g", x->fit.f_high);
            fputc(',', f);
            csv_put_number(f, "%.6g", x->fit.r2);
            fputc(',', f);
            csv_put_number(f, "%.6g", x->fit.ceiling);  /* empty when f = 0: no ceiling */
        } else {
            fputs(",,,,", f);
        }
        fprintf(f, ",%d,%d\n", x->karp_flatt_trend, x->best);
    }
    return fileio_close(f, path, err, err_size);
}

static int any(const struct results *r, enum rows rows)
{
    for (int i = 0; i < r->n; i++)
        if (wanted(&r->m[i], rows, r->plan->kernels[r->m[i].kernel].kernel))
            return 1;
    return 0;
}

#define N_COLS(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* write_file with the columns cols and, in a hybrid MPI run, the columns mpi after them. */
static int write_columns(const struct results *r, const char *dir, const char *name, const enum field *cols,
                         int n_cols, const enum field *mpi, int n_mpi, enum rows rows, char *err, size_t err_size)
{
    enum field all[96];
    int n = 0;
    for (int c = 0; c < n_cols && n < N_COLS(all); c++)
        all[n++] = cols[c];
    for (int c = 0; r->hosts.n_ranks > 0 && c < n_mpi && n < N_COLS(all); c++)
        all[n++] = mpi[c];
    return write_file(r, dir, name, all, n, rows, err, err_size);
}

static void put_seconds(FILE *f, double v, char sep)
{
    csv_put_number(f, "%.6g", v);
    fputc(sep, f);
}

/* Writes overhead.csv (columns documented in bench/overhead.c). Returns 0, or -1 with err set. */
static int write_overhead(const struct overhead_row *rows, int n, const char *path, char *err, size_t err_size)
{
    FILE *f = fileio_create(path, err, err_size);
    if (f == NULL)
        return -1;
    fputs("construct,schedule,chunk,threads,oversubscribed,inner_reps,outer_reps,median_s,min_s,sd_s,"
          "reference_s,ci_low_s,ci_high_s,ci_level,within_noise\n", f);
    for (int i = 0; i < n; i++) {
        const struct overhead_row *r = &rows[i];
        fprintf(f, "%s,%s,", r->construct, r->schedule);
        if (r->chunk > 0)
            fprintf(f, "%d", r->chunk);
        fprintf(f, ",%d,%d,%ld,%d,", r->threads, r->oversubscribed, r->inner_reps, r->outer_reps);
        put_seconds(f, r->median_s, ',');
        put_seconds(f, r->min_s, ',');
        put_seconds(f, r->sd_s, ',');
        put_seconds(f, r->reference_s, ',');
        put_seconds(f, r->ci_low_s, ',');
        put_seconds(f, r->ci_high_s, ',');
        put_seconds(f, r->ci_level, ',');
        fprintf(f, "%d\n", r->within_noise);
    }
    return fileio_close(f, path, err, err_size);
}

int csv_write_all(const struct results *r, const char *dir, char *err, size_t err_size)
{
    if (r->n > 0 &&  /* the overhead command measures no kernel */
        (write_columns(r, dir, "raw.csv", raw_columns, N_COLS(raw_columns), raw_mpi, N_COLS(raw_mpi),
                       ROWS_PER_SAMPLE, err, err_size) != 0 ||
         write_columns(r, dir, "speedup.csv", speedup_columns, N_COLS(speedup_columns), speedup_mpi,
                       N_COLS(speedup_mpi), ROWS_PER_CONFIG, err, err_size) != 0 ||
         write_columns(r, dir, "efficiency.csv", efficiency_columns, N_COLS(efficiency_columns), ranks_mpi,
                       N_COLS(ranks_mpi), ROWS_PER_CONFIG, err, err_size) != 0))
        return -1;
    if (any(r, ROWS_PER_METRIC) &&
        write_columns(r, dir, "metrics.csv", metrics_columns, N_COLS(metrics_columns), ranks_mpi,
                      N_COLS(ranks_mpi), ROWS_PER_METRIC, err, err_size) != 0)
        return -1;
    if (any(r, ROWS_SCAN) &&
        write_file(r, dir, "crossover.csv", crossover_columns, N_COLS(crossover_columns), ROWS_SCAN, err,
                   err_size) != 0)
        return -1;
    if (r->n_fits > 0 && write_fits(r, dir, err, err_size) != 0)
        return -1;
    if (r->n_overhead > 0) {
        char path[4096];
        snprintf(path, sizeof path, "%s/overhead.csv", dir);
        if (write_overhead(r->overhead, r->n_overhead, path, err, err_size) != 0)
            return -1;
    }
    for (int i = 0; i < r->n_tables; i++)
        if (write_table(&r->tables[i], dir, err, err_size) != 0)
            return -1;
    return 0;
}

void csv_put_text(FILE *f, const char *s)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}
