/* dry_run.c -- --dry-run: the plan in words, one line per group of configurations, and an
 * estimate of the run's time from estimate.c. Nothing is measured for the record and no result
 * directory is created. */
#include <math.h>
#include <string.h>

#include "config.h"
#include "dry_run.h"
#include "estimate.h"
#include "overhead.h"
#include "rundir.h"
#include "runner.h"
#include "text.h"

/* "1, 2, 4 threads"; with ranks, in a hybrid MPI run, "1, 2 threads on 1, 2, 3 ranks" */
static void threads_text(const struct plan *p, int ranks, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int t = 0; t < p->n_threads && len < size; t++)
        len += (size_t)snprintf(buf + len, size - len, "%s%d", t ? ", " : "", p->threads[t]);
    if (len < size)
        len += (size_t)snprintf(buf + len, size - len, " thread%s",
                                p->n_threads == 1 && p->threads[0] == 1 ? "" : "s");
    for (int q = 0; ranks && q < p->n_ranks && len < size; q++)
        len += (size_t)snprintf(buf + len, size - len, "%s%d", q ? ", " : " on ", p->ranks[q]);
    if (ranks && p->n_ranks > 0 && len < size)
        snprintf(buf + len, size - len, " rank%s", p->n_ranks == 1 && p->ranks[0] == 1 ? "" : "s");
}

/* "1 min 20 s", "45 s", "0.3 s", "2 h 5 min" */
static void duration_text(double s, char *buf, size_t size)
{
    if (s < 10)
        snprintf(buf, size, "%.1f s", s);
    else if (s < 120)
        snprintf(buf, size, "%.0f s", s);
    else if (s < 7200)
        snprintf(buf, size, "%.0f min %.0f s", floor(s / 60), fmod(round(s), 60));
    else
        snprintf(buf, size, "%.0f h %.0f min", floor(s / 3600), fmod(round(s / 60), 60));
}

static void print_kernel(FILE *out, const struct plan *p, int ki, const struct estimate_kernel *ek)
{
    const struct plan_kernel *pk = &p->kernels[ki];
    const struct kernel *k = pk->kernel;
    char threads[1024], one_rank[1024], v[32], a[32], b[32];
    threads_text(p, 1, threads, sizeof threads);
    threads_text(p, 0, one_rank, sizeof one_rank);  /* the size scan runs on one rank */
    char line[1024];
    size_t len = (size_t)snprintf(line, sizeof line, "%s:", k->name);
    for (int j = 0; j < k->n_params && len < sizeof line; j++) {
        plan_format_value(&k->params[j], pk->values[j], v, sizeof v);
        len += (size_t)snprintf(line + len, sizeof line - len, " %s=%s", k->params[j].name, v);
    }
    text_print(out, 2, "\n%s\n", line);
    int sizes = p->weak ? p->n_threads : 1;
    fprintf(out, "  %-9s %-48s %5d\n", "serial", p->weak ? "baseline at each size" : "baseline", sizes);
    for (int s = 0; s < p->n_schedules; s++) {
        char what[2048];
        int n = plan_n_chunks(pk, p->schedules[s]);
        size_t len = (size_t)snprintf(what, sizeof what, "chunk ");
        for (int c = 0; c < n && len < sizeof what; c++)
            len += (size_t)snprintf(what + len, sizeof what - len, "%s%s", c ? "," : "",
                                    plan_chunk_at(pk, p->schedules[s], c)->label);
        if (len < sizeof what)
            snprintf(what + len, sizeof what - len, " x %s", threads);
        fprintf(out, "  %-9s %-48s %5d\n", schedule_name(p->schedules[s]), what, n * p->n_threads * plan_n_ranks(p));
    }
    if (p->weak) {
        int wi = kernel_param_index(k, k->weak_param);
        plan_format_value(&k->params[wi], pk->values[wi], v, sizeof v);
        fprintf(out, "  weak scaling: %s = %s x threads\n", k->weak_param, v);
    }
    if (pk->n_scan > 0) {
        len = (size_t)snprintf(line, sizeof line, "  size scan %s:", k->scan_param);
        int pi = kernel_param_index(k, k->scan_param);
        for (int z = 0; z < pk->n_scan && len < sizeof line; z++) {
            plan_format_value(&k->params[pi], pk->scan_sizes[z], v, sizeof v);
            len += (size_t)snprintf(line + len, sizeof line - len, " %s", v);
        }
        char what[1100];
        snprintf(what, sizeof what, "serial and static at %s, each size", one_rank);
        text_print(out, 2, "%s\n  %-9s %-48s %5d\n", line, "", what, pk->n_scan * (1 + p->n_threads));
    }
    duration_text(ek->main_s + ek->scan_s, a, sizeof a);
    duration_text(ek->main_max_s + ek->scan_max_s, b, sizeof b);
    char serial[32], setup[32], scaled[128] = "";
    text_seconds(ek->serial_s, serial, sizeof serial);
    text_seconds(ek->setup_s, setup, sizeof setup);
    if (k->weak_param != NULL && ek->timed_value < pk->values[kernel_param_index(k, k->weak_param)])
        snprintf(scaled, sizeof scaled, " (timed at %s=%.0f, scaled up)", k->weak_param, ek->timed_value);
    text_print(out, 2, "  one serial run %s, setup %s%s; estimated %s%s%s\n", serial, setup, scaled, a,
               strcmp(a, b) ? " to " : "", strcmp(a, b) ? b : "");
}

int dry_run_print(FILE *out, const struct plan *p, const struct sysinfo *si, const struct binding_state *bs,
                  char *err, size_t err_size)
{
    struct estimate e;
    struct rundir scratch;
    if (rundir_scratch(&scratch, err, err_size) != 0)
        return -1;
    int rc = estimate_calibrate(p, scratch.staging, &e, err, err_size);
    rundir_abandon(&scratch);
    if (rc != 0)
        return -1;

    char threads[1024], a[32], b[32];
    threads_text(p, 1, threads, sizeof threads);
    int n = plan_n_measurements(p);
    if (p->n_kernels > 0)
        text_print(out, 2, "ompscale %s dry run: class %s, %s scaling, %d measurement%s, %ld%s timed runs each\n"
                           "  (adaptive up to %ld) after %ld warm-up; binding %s (%s)\n",
                   OMPSCALE_VERSION, kernel_class_name(p->class), p->weak ? "weak" : "strong", n, n == 1 ? "" : "s",
                   p->reps, p->max_reps > p->reps ? "+" : "", p->max_reps, p->warmup, bs->bind,
                   binding_env_text(bs->bind));
    else
        text_print(out, 2, "ompscale %s dry run: OpenMP's own costs; binding %s (%s)\n", OMPSCALE_VERSION, bs->bind,
                   binding_env_text(bs->bind));
    text_print(out, 2, "  %s; %d CPU%s available\n", threads, si->cpus_available, si->cpus_available == 1 ? "" : "s");
    for (int ki = 0; ki < p->n_kernels; ki++)
        print_kernel(out, p, ki, &e.k[ki]);
    if (p->overhead && p->overhead_n_threads > 0) {
        struct overhead_config c;
        overhead_config_defaults(&c);
        c.threads = p->threads;
        c.n_threads = p->overhead_n_threads;
        duration_text(e.overhead_s, a, sizeof a);
        text_print(out, 2, "\noverhead table: %d rows (parallel region, barrier, static/dynamic/guided x chunks 1..%d) "
                   "at the first %d thread count%s; estimated %s\n",
                   overhead_n_rows(&c), c.max_chunk, p->overhead_n_threads, p->overhead_n_threads == 1 ? "" : "s", a);
    }
    duration_text(e.total_s, a, sizeof a);
    duration_text(e.total_max_s, b, sizeof b);
    char upto[128] = "", calibration[32];
    if (strcmp(a, b) != 0)
        snprintf(upto, sizeof upto, " (up to %s if adaptive repetitions reach --max-reps)", b);
    duration_text(e.calibration_s, calibration, sizeof calibration);
    text_print(out, 0, "\nEstimated time: about %s%s.\n", a, upto);
    text_print(out, 0, "Model: each measurement is its warm-up runs plus timed samples of at least %.0f ms; a parallel "
                       "run takes the serial run / min(threads, CPUs) (ideal speed-up, so real runs take longer). "
                       "Serial times: one setup and serial run of each kernel, just now (%s). No results were written.\n",
               RUNNER_MIN_SAMPLE_S * 1e3, calibration);
    return 0;
}
