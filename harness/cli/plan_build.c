/* plan_build.c -- resolves options against the kernel table into a validated plan. Every usage
 * error is found here, before a result directory exists. */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plan_build.h"
#include "sysinfo.h"

static void list_kernels(char *buf, size_t size)
{
    buf[0] = '\0';
    for (int i = 0; i < kernel_count; i++)
        snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", i ? ", " : "", kernel_table[i]->name);
}

static void list_params(const struct kernel *k, char *buf, size_t size)
{
    buf[0] = '\0';
    for (int i = 0; i < k->n_params; i++)
        snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", i ? ", " : "", k->params[i].name);
}

static int apply_set(const struct param_set *ps, const struct kernel *k, double *values, char *err, size_t err_size)
{
    char names[512], why[128];
    int i = kernel_param_index(k, ps->param);
    if (i < 0) {
        list_params(k, names, sizeof names);
        snprintf(err, err_size, "--set %s.%s: kernel %s has no parameter '%s' (valid: %s)", ps->kernel, ps->param,
                 k->name, ps->param, names);
        return -1;
    }
    const struct kernel_param *param = &k->params[i];
    double v;
    if (parse_double(ps->value, &v, why, sizeof why) != 0) {
        snprintf(err, err_size, "--set %s.%s=%s: %s", ps->kernel, ps->param, ps->value, why);
        return -1;
    }
    if (param->type != PARAM_REAL && v != floor(v)) {
        snprintf(err, err_size, "--set %s.%s=%s: not an integer", ps->kernel, ps->param, ps->value);
        return -1;
    }
    if (v < param->min || v > param->max) {
        char lo[32], hi[32];
        plan_format_value(param, param->min, lo, sizeof lo);
        plan_format_value(param, param->max, hi, sizeof hi);
        snprintf(err, err_size, "--set %s.%s=%s: out of range %s..%s", ps->kernel, ps->param, ps->value, lo, hi);
        return -1;
    }
    values[i] = v;
    return 0;
}

/* Resolves chunk specs to iteration counts for one kernel. A unit the kernel lacks skips
 * that chunk (noted); returns -1 only on overflow. */
static int resolve_chunks(const struct chunk_spec *specs, int n_specs, struct plan_kernel *pk, struct warnings *w,
                          char *err, size_t err_size)
{
    const struct kernel *k = pk->kernel;
    pk->n_chunks = 0;
    for (int c = 0; c < n_specs; c++) {
        const struct chunk_spec *s = &specs[c];
        double unit = 1;
        if (s->unit[0] != '\0') {
            int u = 0;
            while (u < k->n_units && strcmp(k->units[u].name, s->unit) != 0)
                u++;
            if (u == k->n_units) {
                warnings_add(w, "%s: chunk '%s' skipped: the kernel has no unit '%s'", k->name, s->label, s->unit);
                continue;
            }
            int pi = kernel_param_index(k, k->units[u].param);
            assert(pi >= 0);
            unit = pk->values[pi];
        }
        double iters = (double)s->count * unit;
        if (iters > 1e15) {
            snprintf(err, err_size, "--chunk '%s': too large for %s", s->label, k->name);
            return -1;
        }
        struct plan_chunk *pc = &pk->chunks[pk->n_chunks++];
        pc->iterations = (long)iters;
        snprintf(pc->label, sizeof pc->label, "%s", s->label);
    }
    return 0;
}

/* Log-spaced sizes from scan_min up to the parameter's value, PLAN_SCAN_PER_DECADE a decade,
 * rounded to integers, ending exactly at the value. */
static void plan_scan(struct plan_kernel *pk)
{
    const struct kernel *k = pk->kernel;
    pk->n_scan = 0;
    if (k->scan_param == NULL)
        return;
    int pi = kernel_param_index(k, k->scan_param);
    assert(pi >= 0);
    double top = pk->values[pi];
    for (int i = 0; pk->n_scan < PLAN_SCAN_MAX - 1; i++) {
        double size = round(k->scan_min * pow(10.0, (double)i / PLAN_SCAN_PER_DECADE));
        if (size >= top * 0.999)
            break;
        if (pk->n_scan == 0 || size > pk->scan_sizes[pk->n_scan - 1])
            pk->scan_sizes[pk->n_scan++] = size;
    }
    pk->scan_sizes[pk->n_scan++] = top;
}

/* Returns 1 when some kernel in the table defines unit name. */
static int unit_known(const char *name)
{
    for (int i = 0; i < kernel_count; i++)
        for (int u = 0; u < kernel_table[i]->n_units; u++)
            if (strcmp(kernel_table[i]->units[u].name, name) == 0)
                return 1;
    return 0;
}

/* The thread counts: --threads, or 1, 2, 4, ... up to the CPUs available, plus that count, so
 * that a big machine gets a few points spread over its range and its full width. */
static void plan_threads(const struct options *o, int cpus_available, struct plan *p, struct warnings *w)
{
    p->n_threads = 0;
    if (o->n_threads > 0) {
        memcpy(p->threads, o->threads, (size_t)o->n_threads * sizeof *p->threads);
        p->n_threads = o->n_threads;
    } else {
        int top = cpus_available < THREADS_MAX ? cpus_available : THREADS_MAX;
        p->threads[p->n_threads++] = 1;
        for (int t = 2; t <= top; t *= 2)
            p->threads[p->n_threads++] = t;
        if (top > 1 && p->threads[p->n_threads - 1] != top)
            p->threads[p->n_threads++] = top;
    }
    if (p->threads[p->n_threads - 1] > cpus_available)
        warnings_add(w,
                     "thread counts above %d are oversubscribed: this process may use only %d CPU%s, so those "
                     "threads share cores and their speed-up says little about the machine (marked oversubscribed=1)",
                     cpus_available, cpus_available, cpus_available == 1 ? "" : "s");
    /* A run's overhead table measures OpenMP on cores of its own: not oversubscribed counts. */
    p->overhead_n_threads = 0;
    while (p->overhead_n_threads < p->n_threads && !plan_oversubscribed(p, p->threads[p->overhead_n_threads]))
        p->overhead_n_threads++;
}

/* Weak scaling multiplies each kernel's weak parameter by the thread count: every product must
 * stay in the parameter's range. Returns 0, or -1 with err set (a usage error). */
static int check_weak_sizes(const struct plan *p, char *err, size_t err_size)
{
    int top = p->threads[p->n_threads - 1];
    for (int i = 0; i < p->n_kernels; i++) {
        const struct kernel *k = p->kernels[i].kernel;
        int wi = kernel_param_index(k, k->weak_param);
        const struct kernel_param *param = &k->params[wi];
        double largest = p->kernels[i].values[wi] * top;
        if (largest > param->max) {
            char v[32], max[32];
            plan_format_value(param, largest, v, sizeof v);
            plan_format_value(param, param->max, max, sizeof max);
            snprintf(err, err_size,
                     "--scaling weak: %s.%s would be %s at %d threads, above its maximum %s (fewer --threads, or a "
                     "smaller --set %s.%s)",
                     k->name, k->weak_param, v, top, max, k->name, k->weak_param);
            return -1;
        }
    }
    return 0;
}

/* Formats bytes for people: "3.2 GB". */
static void format_bytes(double bytes, char *buf, size_t size)
{
    static const char *const units[] = {"bytes", "kB", "MB", "GB", "TB"};
    int u = 0;
    while (bytes >= 1000 && u < 4) {
        bytes /= 1000;
        u++;
    }
    snprintf(buf, size, u ? "%.1f %s" : "%.0f %s", bytes, units[u]);
}

/* Each kernel's largest instance (weak scaling: at the most threads; the size scan stays below
 * the main size) must fit in what the process may allocate, copies times over (the ranks of a
 * hybrid run that share this host each hold one). Returns 0, or -1 with err set. */
static int check_memory(const struct plan *p, int copies, char *err, size_t err_size)
{
    char source[64];
    double limit = sysinfo_memory_limit(source, sizeof source);
    int top = p->threads[p->n_threads - 1];
    if (limit <= 0)
        return 0;  /* unknown: the setup's own allocation failure is the check */
    for (int i = 0; i < p->n_kernels; i++) {
        const struct kernel *k = p->kernels[i].kernel;
        double values[KERNEL_MAX_PARAMS];
        memcpy(values, p->kernels[i].values, sizeof values);
        if (p->weak)
            values[kernel_param_index(k, k->weak_param)] *= top;
        double need = (k->memory_bytes ? k->memory_bytes(values, top) : 0) * copies;
        if (need > limit) {
            char need_s[32], limit_s[32];
            format_bytes(need, need_s, sizeof need_s);
            format_bytes(limit, limit_s, sizeof limit_s);
            snprintf(err, err_size,
                     "%s: needs about %s of memory at these sizes%s, but this process may use %s (%s): use a "
                     "smaller --class or --set",
                     k->name, need_s, copies > 1 ? " (one instance for each rank on this host)" : "", limit_s,
                     source);
            return -1;
        }
    }
    return 0;
}

/* The overhead command: no kernels, only the overhead table, at every thread count given (or
 * the default list); --reps sets its outer repetitions (default 20). */
static int plan_overhead_only(const struct options *o, int cpus_available, struct plan *p, struct warnings *w)
{
    p->reps = p->max_reps = o->reps_fixed ? o->reps : 20;
    p->warmup = o->warmup;
    p->cpus_available = cpus_available;
    p->overhead = 1;
    plan_threads(o, cpus_available, p, w);
    p->overhead_n_threads = p->n_threads;  /* every count asked for; oversubscribed ones are marked */
    return 0;
}

int plan_build_kernels(const struct options *o, struct plan *p, char *err, size_t err_size)
{
    char names[512];
    p->n_kernels = 0;
    if (o->n_kernels == 0) {
        for (int i = 0; i < kernel_count; i++)
            p->kernels[p->n_kernels++].kernel = kernel_table[i];
    }
    for (int i = 0; i < o->n_kernels; i++) {
        const struct kernel *k = kernel_find(o->kernels[i]);
        if (k == NULL) {
            list_kernels(names, sizeof names);
            snprintf(err, err_size, "--kernel: unknown kernel '%s' (valid: %s)", o->kernels[i], names);
            return -1;
        }
        int seen = 0;
        for (int j = 0; j < p->n_kernels; j++)
            seen |= p->kernels[j].kernel == k;
        if (!seen && p->n_kernels < PLAN_KERNELS_MAX)
            p->kernels[p->n_kernels++].kernel = k;
    }
    return 0;
}

int plan_build(const struct options *o, int cpus_available, struct plan *p, struct warnings *w, char *err,
               size_t err_size)
{
    char names[512], why[256];
    memset(p, 0, sizeof *p);
    if (o->command == CMD_OVERHEAD)
        return plan_overhead_only(o, cpus_available, p, w);
    p->overhead = !o->no_overhead;
    p->reps = o->reps;
    p->max_reps = o->max_reps;
    p->ci_target = o->ci_target;
    p->serial_fraction = o->serial_fraction;
    p->weak = o->weak;
    p->order = o->sequential ? PLAN_ORDER_SEQUENTIAL : PLAN_ORDER_INTERLEAVED;
    p->seed = o->seed;
    p->warmup = o->warmup;
    p->class = o->class;
    p->cpus_available = cpus_available;

    if (plan_build_kernels(o, p, err, err_size) != 0)
        return -1;

    /* Every --set is checked against its kernel, selected or not, so typos are caught; a
     * parameter set twice is refused rather than silently taking the last value. */
    for (int s = 0; s < o->n_sets; s++) {
        const struct kernel *k = kernel_find(o->sets[s].kernel);
        double scratch[KERNEL_MAX_PARAMS] = {0};
        if (k == NULL) {
            list_kernels(names, sizeof names);
            snprintf(err, err_size, "--set %s.%s: unknown kernel '%s' (valid: %s)", o->sets[s].kernel,
                     o->sets[s].param, o->sets[s].kernel, names);
            return -1;
        }
        if (apply_set(&o->sets[s], k, scratch, err, err_size) != 0)
            return -1;
        for (int t = 0; t < s; t++)
            if (strcmp(o->sets[t].kernel, o->sets[s].kernel) == 0 && strcmp(o->sets[t].param, o->sets[s].param) == 0) {
                snprintf(err, err_size, "--set %s.%s: set twice (%s and %s): give each parameter once", o->sets[s].kernel,
                         o->sets[s].param, o->sets[t].value, o->sets[s].value);
                return -1;
            }
    }
    for (int c = 0; c < o->n_chunks; c++) {
        if (o->chunks[c].unit[0] != '\0' && !unit_known(o->chunks[c].unit)) {
            snprintf(err, err_size, "--chunk '%s': no kernel has a unit '%s'", o->chunks[c].label, o->chunks[c].unit);
            return -1;
        }
    }

    for (int i = 0; i < p->n_kernels; i++) {
        struct plan_kernel *pk = &p->kernels[i];
        const struct kernel *k = pk->kernel;
        for (int j = 0; j < k->n_params; j++)
            pk->values[j] = k->params[j].by_class[o->class];
        for (int s = 0; s < o->n_sets; s++)
            if (strcmp(o->sets[s].kernel, k->name) == 0 && apply_set(&o->sets[s], k, pk->values, err, err_size) != 0)
                return -1;
        if (k->check != NULL && k->check(pk->values, why, sizeof why) != 0) {
            snprintf(err, err_size, "%s parameters: %s", k->name, why);
            return -1;
        }
        if (o->n_chunks > 0) {
            if (resolve_chunks(o->chunks, o->n_chunks, pk, w, err, err_size) != 0)
                return -1;
        } else {
            struct chunk_spec specs[LIST_MAX];
            int n_specs;
            int rc = parse_chunk_list(k->default_chunks, specs, &n_specs, why, sizeof why);
            assert(rc == 0);
            (void)rc;
            if (resolve_chunks(specs, n_specs, pk, w, err, err_size) != 0)
                return -1;
        }
        plan_scan(pk);
        if (pk->n_chunks == 0 && o->n_kernels > 0) {
            snprintf(err, err_size, "--chunk: none of the chunks applies to kernel %s", k->name);
            return -1;
        }
    }
    /* Kernels chosen by default that none of the chunks applies to are left out, and so are
     * kernels without a weak-scaling parameter in a weak-scaling run. */
    int kept = 0;
    for (int i = 0; i < p->n_kernels; i++) {
        if (o->weak && p->kernels[i].kernel->weak_param == NULL)
            warnings_add(w, "%s left out: it has no weak-scaling parameter", p->kernels[i].kernel->name);
        else if (p->kernels[i].n_chunks == 0)
            warnings_add(w, "%s left out: none of the chunks applies to it", p->kernels[i].kernel->name);
        else
            p->kernels[kept++] = p->kernels[i];
    }
    p->n_kernels = kept;
    if (p->n_kernels == 0) {
        snprintf(err, err_size, o->weak ? "--scaling weak: no selected kernel can scale weakly"
                                        : "--chunk: none of the chunks applies to any kernel");
        return -1;
    }

    plan_threads(o, cpus_available, p, w);
    if (o->weak && check_weak_sizes(p, err, err_size) != 0)
        return -1;
    if (check_memory(p, 1, err, err_size) != 0)
        return -1;

    if (o->n_schedules > 0) {
        memcpy(p->schedules, o->schedules, (size_t)o->n_schedules * sizeof *p->schedules);
        p->n_schedules = o->n_schedules;
    } else {
        for (int s = 0; s < SCHED_COUNT; s++)
            p->schedules[p->n_schedules++] = (enum sched_kind)s;
    }
    return 0;
}


/* The rank counts: --ranks, or 1, 2, 4, ... up to the job's ranks, and that count. */
static void ranks_list(const struct options *o, int world, struct plan *p)
{
    p->n_ranks = 0;
    if (o->n_ranks > 0) {
        memcpy(p->ranks, o->ranks, (size_t)o->n_ranks * sizeof *p->ranks);
        p->n_ranks = o->n_ranks;
        return;
    }
    p->ranks[p->n_ranks++] = 1;
    for (int q = 2; q <= world; q *= 2)
        p->ranks[p->n_ranks++] = q;
    if (world > 1 && p->ranks[p->n_ranks - 1] != world)
        p->ranks[p->n_ranks++] = world;
}

int plan_build_ranks(const struct options *o, const struct hosts *h, struct plan *p, struct warnings *w, char *err,
                     size_t err_size)
{
    int top = o->n_ranks > 0 ? o->ranks[o->n_ranks - 1] : 1;
    p->n_ranks = 0;
    p->hosts = NULL;
    if (h == NULL || h->n_ranks == 0) {
        if (top > 1) {
            snprintf(err, err_size, "--ranks %d: this run is one process: start it with mpirun -np %d (or srun) and an "
                                    "ompscale built with -DOMPSCALE_MPI=ON",
                     top, top);
            return -1;
        }
        return 0;
    }
    p->hosts = h;
    if (o->command == CMD_OVERHEAD || p->n_kernels == 0)
        return 0;  /* OpenMP's own costs: rank 0 alone */
    if (top > h->n_ranks) {
        snprintf(err, err_size, "--ranks %d: more than the %d rank%s of this job (mpirun -np, srun --ntasks)", top,
                 h->n_ranks, h->n_ranks == 1 ? "" : "s");
        return -1;
    }
    if (p->weak && top > 1) {
        snprintf(err, err_size, "--ranks %d: --scaling weak grows the problem with the threads of one rank: give "
                                "--ranks 1", top);
        return -1;
    }
    ranks_list(o, p->weak ? 1 : h->n_ranks, p);
    if (p->weak && h->n_ranks > 1)
        warnings_add(w, "--scaling weak runs on rank 0 alone (the problem grows with one rank's threads): the other "
                        "%d ranks wait", h->n_ranks - 1);
    for (int i = 0; i < p->n_kernels; i++) {
        const struct kernel *k = p->kernels[i].kernel;
        if (p->ranks[p->n_ranks - 1] > 1 && (k->run_range == NULL || k->output_range == NULL)) {
            snprintf(err, err_size, "--ranks: kernel %s cannot split its loop over ranks: leave it out (--kernel)",
                     k->name);
            return -1;
        }
    }
    int here = 0, largest = p->ranks[p->n_ranks - 1];  /* ranks of the largest count on rank 0's host */
    for (int q = 0; q < largest; q++)
        here += h->rank_host[q] == h->rank_host[0];
    if (check_memory(p, here, err, err_size) != 0)
        return -1;
    for (int q = 0; q < p->n_ranks; q++) {
        for (int t = 0; t < p->n_threads; t++) {
            if (p->ranks[q] > 1 && plan_oversubscribed_at(p, p->ranks[q], p->threads[t])) {
                warnings_add(w,
                             "%d ranks x %d thread%s and more are oversubscribed: the ranks' threads share cores on "
                             "a host (see mpi.hosts in meta.json), so their speed-up says little about the machines "
                             "(marked oversubscribed=1)",
                             p->ranks[q], p->threads[t], p->threads[t] == 1 ? "" : "s");
                return 0;
            }
        }
    }
    return 0;
}
