/* split.c -- a kernel's parallel loop split over MPI ranks (split.h): the steps rank 0 sends, and
 * the loop in which the other ranks serve them.
 *
 * Protocol. Rank 0 broadcasts one command per step; every other rank waits for it (sleeping
 * between polls, cluster.h), does its part, and answers in the same collectives in the same
 * order: SETUP (each rank sets up the instance, then a status from every rank), RUN (a barrier,
 * the timed part on the ranks below run.ranks, a status from every rank; when run.gather, rank 0
 * says whether all went well and only then gathers the outputs), TEARDOWN, and STOP. The ranks
 * above run.ranks join a step's collectives with empty parts, so no communicator other than the
 * world's is needed. A status carries the rank's time per run, its metrics and, on failure, why.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "cluster.h"
#include "rundir.h"
#include "split.h"

enum op { OP_SETUP, OP_RUN, OP_TEARDOWN, OP_STOP };

struct command {
    int op;
    int kernel;                      /* SETUP: index into kernel_table */
    double values[KERNEL_MAX_PARAMS];  /* SETUP: the instance's parameter values */
    struct split_run run;            /* RUN */
    int code;                        /* STOP: the exit status */
};

/* One rank's answer to a step. */
struct status {
    double per_run_s;
    double metrics[SPLIT_METRICS_MAX];
    struct share_slot shares[SPLIT_TEAM_MAX];  /* run.shares: thread t's share, summed over the runs */
    int failed;
    char why[480];
};

void split_block(long n, int q, int ranks, long *begin, long *end)
{
    *begin = (long)((long long)n * q / ranks);
    *end = (long)((long long)n * (q + 1) / ranks);
}

/* This rank's part of a RUN step: the barrier, then its block of the loop timed. */
static void take_part(const struct split_run *run, const struct kernel *k, void *state, struct status *st)
{
    int rank = cluster_rank(), part = rank < run->ranks;
    long begin = 0, end = 0;
    if (part && state == NULL) {
        st->failed = 1;
        snprintf(st->why, sizeof st->why, "no instance was set up");
        part = 0;
    }
    if (part) {
        split_block(k->n_iterations(state), rank, run->ranks, &begin, &end);
        schedule_apply(run->schedule, run->chunk, run->threads);
        k->reset(state);  /* as in a one-process run: work a rank skips cannot pass verify */
        schedule_wake_team();
    }
    cluster_barrier();
    if (!part)
        return;
    struct clock_source clock = clock_monotonic();
    struct share_team team = {st->shares, run->threads, clock.now_s, clock.ctx};  /* slots zeroed */
    int shares = run->shares && run->threads <= SPLIT_TEAM_MAX;
    double t0 = clock_now_s();
    for (long i = 0; i < run->inner && !st->failed; i++) {
        if (run->section_s > 0)
            clock_spin(&clock, run->section_s);
        if (k->run_range(state, shares ? &team : NULL, begin, end, st->why, sizeof st->why) != 0) {
            st->failed = 1;
            if (st->why[0] == '\0')
                snprintf(st->why, sizeof st->why, "run failed");
        }
    }
    st->per_run_s = (clock_now_s() - t0) / (double)run->inner;
    if (k->n_metrics > 0)
        k->metrics(state, st->metrics);
}

/* Gathers every rank's status on rank 0 into all (size entries; NULL elsewhere). */
static int gather_status(const struct status *st, struct status *all)
{
    return cluster_gather(st, sizeof *st, all);
}

/* The first failed status of all as "rank 2 (host): KERNEL: why" in err; 0 when none failed. */
static int first_failure(const struct hosts *h, const struct kernel *k, const struct status *all, int n, char *err,
                         size_t err_size)
{
    for (int q = 0; q < n; q++) {
        if (!all[q].failed)
            continue;
        char who[128];
        hosts_describe_rank(h, q, who, sizeof who);
        snprintf(err, err_size, "%s: %s: %.*s", who, k->name, (int)sizeof all[q].why, all[q].why);
        return -1;
    }
    return 0;
}

/* Rank 0: the size of each rank's block of the parallel output in counts[q] and its offset in
 * counts[size + q] (counts: 2 x the job's size, zeroed). Returns 0, or -1 when a block is larger
 * than one MPI message carries (2 GiB). */
static int block_counts(const struct split_run *run, const struct kernel *k, void *state, size_t *counts)
{
    int size = cluster_size();
    long n = k->n_iterations(state), begin, end;
    size_t zero;
    char *base = k->output_range(state, 0, 0, &zero);
    for (int q = 0; q < run->ranks; q++) {
        split_block(n, q, run->ranks, &begin, &end);
        const char *at = k->output_range(state, begin, end, &counts[q]);
        counts[size + q] = (size_t)(at - base);
        if (counts[q] > INT_MAX || counts[size + q] > INT_MAX)
            return -1;
    }
    return 0;
}

/* Sends this rank's block of the parallel output to rank 0, which receives every block in place
 * (counts: block_counts'). */
static int gather_outputs(const struct split_run *run, const struct kernel *k, void *state, const size_t *counts)
{
    int rank = cluster_rank(), size = cluster_size();
    long begin, end;
    size_t bytes = 0, zero;
    if (rank == 0)
        return cluster_gatherv(NULL, 0, k->output_range(state, 0, 0, &zero), counts, counts + size);
    const void *part = NULL;
    if (rank < run->ranks) {
        split_block(k->n_iterations(state), rank, run->ranks, &begin, &end);
        part = k->output_range(state, begin, end, &bytes);
    }
    return cluster_gatherv(part, bytes, NULL, NULL, NULL);
}

static int command_all(struct command *c)
{
    return cluster_bcast(c, sizeof *c);
}

int split_setup(const struct hosts *h, const struct kernel *k, const double *values, char *err, size_t err_size)
{
    struct command c = {.op = OP_SETUP, .kernel = -1};
    struct status mine = {0}, *all = calloc((size_t)cluster_size(), sizeof *all);
    for (int i = 0; i < kernel_count; i++)
        if (kernel_table[i] == k)
            c.kernel = i;
    memcpy(c.values, values, sizeof c.values);
    if (all == NULL) {
        snprintf(err, err_size, "out of memory");
        return -1;
    }
    if (k->n_metrics > SPLIT_METRICS_MAX || k->run_range == NULL || k->output_range == NULL) {
        free(all);
        snprintf(err, err_size, "%s: cannot be split over ranks (no run_range, or more than %d metrics)", k->name,
                 SPLIT_METRICS_MAX);
        return -1;
    }
    int rc = command_all(&c) != 0 || gather_status(&mine, all) != 0 ? -1 : 0;
    if (rc != 0)
        snprintf(err, err_size, "%s: setting up the other ranks: MPI failed", k->name);
    else
        rc = first_failure(h, k, all, cluster_size(), err, err_size);
    free(all);
    return rc;
}

void split_teardown(void)
{
    struct command c = {.op = OP_TEARDOWN};
    command_all(&c);
}

void split_stop(int code)
{
    struct command c = {.op = OP_STOP, .code = code};
    command_all(&c);
}

int split_time(const struct hosts *h, const struct kernel *k, void *state, const struct split_run *run,
               struct share_slot *shares, struct split_result *res, char *err, size_t err_size)
{
    struct command c = {.op = OP_RUN, .run = *run};
    struct status mine = {0}, *all = calloc((size_t)cluster_size(), sizeof *all);
    size_t *counts = calloc(2 * (size_t)cluster_size(), sizeof *counts);  /* before the step starts: */
    memset(res, 0, sizeof *res);                                          /* no way out of it after */
    if (all == NULL || counts == NULL) {
        free(all);
        free(counts);
        snprintf(err, err_size, "out of memory");
        return -1;
    }
    if (run->gather && block_counts(run, k, state, counts) != 0) {
        free(all);
        free(counts);
        snprintf(err, err_size, "%s: a rank's part of the output is over 2 GiB, more than MPI sends at once: more "
                 "--ranks, or a smaller size", k->name);
        return -1;
    }
    if (command_all(&c) != 0) {
        free(all);
        free(counts);
        snprintf(err, err_size, "%s: starting a step on the other ranks: MPI failed", k->name);
        return -1;
    }
    take_part(run, k, state, &mine);
    int rc = gather_status(&mine, all);
    if (rc == 0)
        rc = first_failure(h, k, all, run->ranks, err, err_size);
    else
        snprintf(err, err_size, "%s: gathering the ranks' times: MPI failed", k->name);
    for (int q = 0; q < run->ranks && rc == 0; q++) {
        if (all[q].per_run_s > res->per_run_s)
            res->per_run_s = all[q].per_run_s;  /* the slowest rank's */
        for (int j = 0; j < k->n_metrics; j++)
            res->metrics[j] += all[q].metrics[j];
        if (run->shares && shares != NULL && run->threads <= SPLIT_TEAM_MAX)
            memcpy(&shares[(size_t)q * (size_t)run->threads], all[q].shares,
                   (size_t)run->threads * sizeof *shares);
    }
    free(all);
    if (run->gather) {
        int go = rc == 0;
        if (cluster_bcast(&go, sizeof go) != 0 && rc == 0) {
            snprintf(err, err_size, "%s: MPI failed", k->name);
            rc = -1;
        }
        double t0 = clock_now_s();
        if (go && gather_outputs(run, k, state, counts) != 0) {
            snprintf(err, err_size, "%s: gathering the ranks' outputs: MPI failed", k->name);
            rc = -1;
        }
        res->gather_s = clock_now_s() - t0;
    }
    free(counts);
    return rc;
}

/* One RUN step on a rank other than 0. */
static void serve_run(const struct split_run *run, const struct kernel *k, void *state)
{
    struct status mine = {0};
    take_part(run, k, state, &mine);
    gather_status(&mine, NULL);
    int go = 0;
    if (run->gather && cluster_bcast(&go, sizeof go) == 0 && go)
        gather_outputs(run, k, state, NULL);
}

int split_serve(void)
{
    struct rundir scratch;
    char scratch_err[400] = "";
    int have_scratch = rundir_scratch(&scratch, scratch_err, sizeof scratch_err) == 0;
    const struct kernel *k = NULL;
    void *state = NULL;
    int code = 1;
    for (;;) {
        struct command c;
        struct status mine = {0};
        if (command_all(&c) != 0)
            break;
        if (c.op == OP_STOP) {
            code = c.code;
            break;
        }
        if ((c.op == OP_SETUP || c.op == OP_TEARDOWN) && state != NULL) {
            k->teardown(state);
            state = NULL;
        }
        if (c.op == OP_SETUP) {
            k = c.kernel >= 0 && c.kernel < kernel_count ? kernel_table[c.kernel] : NULL;
            mine.failed = 1;
            if (k == NULL)
                snprintf(mine.why, sizeof mine.why, "kernel %d: not in this build's table", c.kernel);
            else if (!have_scratch)
                snprintf(mine.why, sizeof mine.why, "%s", scratch_err);
            else if (k->setup(&state, c.values, scratch.staging) != 0)
                snprintf(mine.why, sizeof mine.why, "setup failed: out of memory or files (in %.300s)",
                         scratch.staging);
            else
                mine.failed = 0;
            if (mine.failed)
                state = NULL;
            gather_status(&mine, NULL);
        } else if (c.op == OP_RUN) {
            serve_run(&c.run, k, state);
        }
    }
    if (state != NULL)
        k->teardown(state);
    if (have_scratch)
        rundir_abandon(&scratch);
    return code;
}
