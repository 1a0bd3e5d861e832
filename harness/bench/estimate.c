/* estimate.c -- how long a plan will take: calibration by one serial run of each kernel, then a
 * model of what runner_run does with that time (the same loops: serial baseline, schedule x chunk
 * x threads, weak sizes, size scan) and of the overhead table.
 *
 * The model is optimistic about parallel runs (ideal speed-up, no verification cost), so a real
 * run takes somewhat longer; adaptive repetitions give a range, from --reps samples to the cap.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "estimate.h"
#include "overhead.h"
#include "runner.h"

#define CALIBRATE_RUN_S 0.05   /* a calibration run this long is scaled up; shorter ones grow */
#define CALIBRATE_START 1024.0 /* the first try times 1/1024 of the weak parameter's value */

/* Times one setup and one serial run at values. Returns 0, or -1 when setup or the run fails. */
static int time_kernel(const struct kernel *k, const double *values, const char *dir, double *setup_s, double *run_s)
{
    void *state = NULL;
    char why[256];
    double t0 = clock_now_s();
    if (k->setup(&state, values, dir) != 0)
        return -1;
    double t1 = clock_now_s();
    int failed = k->run_serial(state, why, sizeof why) != 0;
    double t2 = clock_now_s();
    k->teardown(state);
    if (failed)
        return -1;
    *setup_s = t1 - t0;
    *run_s = t2 - t1;
    return 0;
}

int estimate_calibrate(const struct plan *p, const char *dir, struct estimate *e, char *err, size_t err_size)
{
    double t_start = clock_now_s();
    memset(e, 0, sizeof *e);
    for (int ki = 0; ki < p->n_kernels; ki++) {
        const struct plan_kernel *pk = &p->kernels[ki];
        const struct kernel *k = pk->kernel;
        struct estimate_kernel *ek = &e->k[ki];
        double values[KERNEL_MAX_PARAMS];
        char why[256];
        memcpy(values, pk->values, sizeof values);
        int wi = k->weak_param ? kernel_param_index(k, k->weak_param) : -1;
        double full = wi >= 0 ? values[wi] : 1, v = full, setup_s = 0, run_s = 0;
        if (wi >= 0)
            v = fmin(full, fmax(k->params[wi].min, ceil(full / CALIBRATE_START)));
        for (;;) {
            if (wi >= 0) {
                values[wi] = v;
                if (v < full && k->check != NULL && k->check(values, why, sizeof why) != 0)
                    values[wi] = v = full;  /* the smaller problem is not valid: time the real one */
            }
            if (time_kernel(k, values, dir, &setup_s, &run_s) != 0) {
                snprintf(err, err_size, "%s: setup failed: out of memory or files (try a smaller --class)", k->name);
                return -1;
            }
            if (v >= full || run_s >= CALIBRATE_RUN_S)
                break;
            double grow = run_s > 0 ? 1.5 * CALIBRATE_RUN_S / run_s : 64;
            v = fmin(full, ceil(v * fmin(64, fmax(2, grow))));
        }
        ek->timed_value = v;
        ek->setup_s = setup_s * full / v;
        ek->serial_s = run_s * full / v;
    }
    e->calibration_s = clock_now_s() - t_start;
    estimate_model(p, e);
    return 0;
}

/* Adds one measurement of runs lasting run_s each to *fixed_s (--reps samples) and *max_s
 * (samples up to max_reps, within the adaptive time budget), as runner.c's measure() takes them. */
static void add_measurement(const struct plan *p, double run_s, double *fixed_s, double *max_s)
{
    double sample_s = p->warmup > 0 ? fmax(run_s, RUNNER_MIN_SAMPLE_S) : run_s;  /* inner repetitions */
    double base_s = (double)p->warmup * run_s + (double)p->reps * sample_s;
    double extra_s = (double)(p->max_reps - p->reps) * sample_s;
    *fixed_s += base_s;
    *max_s += base_s + fmin(extra_s, RUNNER_ADAPTIVE_BUDGET_S + sample_s);
}

/* A run at threads (on each of ranks ranks) of a problem whose serial run takes serial_s, with the
 * injected serial section section_s: ideal speed-up up to the CPUs available to each rank. */
static double parallel_s(const struct plan *p, double serial_s, int threads, int ranks, double section_s)
{
    int used = threads < p->cpus_available ? threads : p->cpus_available;
    return serial_s / (used > 0 ? used : 1) / ranks + section_s;
}

void estimate_model(const struct plan *p, struct estimate *e)
{
    e->total_s = e->total_max_s = 0;
    for (int ki = 0; ki < p->n_kernels; ki++) {
        const struct plan_kernel *pk = &p->kernels[ki];
        struct estimate_kernel *ek = &e->k[ki];
        double t = ek->serial_s, section_s = 0;
        ek->main_s = ek->main_max_s = ek->scan_s = ek->scan_max_s = 0;
        if (p->serial_fraction > 0) {
            section_s = p->serial_fraction * t / (1 - p->serial_fraction);
            ek->main_s = ek->main_max_s = 3 * t;  /* the section's calibration runs */
        }
        int sizes = p->weak ? p->n_threads : 1;
        for (int z = 0; z < sizes; z++) {
            double scale = p->weak ? p->threads[z] : 1;  /* weak scaling: p times the problem at p threads */
            ek->main_s += ek->setup_s * scale;
            ek->main_max_s += ek->setup_s * scale;
            add_measurement(p, t * scale + section_s, &ek->main_s, &ek->main_max_s);
            for (int q = 0; q < plan_n_ranks(p); q++)
                for (int s = 0; s < p->n_schedules; s++)
                    for (int c = 0; c < plan_n_chunks(pk, p->schedules[s]); c++)
                        for (int ti = 0; ti < p->n_threads; ti++) {
                            if (p->weak && ti != z)
                                continue;
                            add_measurement(p, parallel_s(p, t * scale, p->threads[ti], plan_ranks_at(p, q), section_s),
                                            &ek->main_s, &ek->main_max_s);
                        }
        }
        if (pk->n_scan > 0) {
            double top = pk->scan_sizes[pk->n_scan - 1];
            for (int z = 0; z < pk->n_scan; z++) {
                double frac = pk->scan_sizes[z] / top;
                ek->scan_s += ek->setup_s * frac;
                ek->scan_max_s += ek->setup_s * frac;
                add_measurement(p, t * frac, &ek->scan_s, &ek->scan_max_s);
                for (int ti = 0; ti < p->n_threads; ti++)
                    add_measurement(p, parallel_s(p, t * frac, p->threads[ti], 1, 0), &ek->scan_s, &ek->scan_max_s);
            }
        }
        e->total_s += ek->main_s + ek->scan_s;
        e->total_max_s += ek->main_max_s + ek->scan_max_s;
    }
    e->overhead_s = 0;
    if (p->overhead && p->overhead_n_threads > 0) {
        struct overhead_config c;
        overhead_config_defaults(&c);
        c.threads = p->threads;
        c.n_threads = p->overhead_n_threads;
        if (p->n_kernels == 0)
            c.outer = (int)p->reps;
        /* each row: inner repetitions double, two runs a step, until a run lasts target_s (about 6
         * target_s), then outer samples of 1 to 2 target_s each */
        e->overhead_s = overhead_n_rows(&c) * (1.5 * c.outer + 6) * c.target_s;
    }
    e->total_s += e->overhead_s;
    e->total_max_s += e->overhead_s;
}
