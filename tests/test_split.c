/* test_split.c -- a loop split over MPI ranks, checked without MPI: every kernel's run_range over
 * the blocks split_block gives 1, 2 and 3 ranks fills the parallel output as the serial run does,
 * and a block left out fails verification; output_range's blocks lie side by side; the rule for
 * ranks' teams oversubscribing a host; the jobs a plan with ranks lists; efficiency and the Amdahl
 * fit over cores (ranks x threads); a hybrid run's record (mpi, ranks, gather_s) written and read
 * back field by field with its CSV columns, and a one-process record without any of them. */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "csv.h"
#include "jsonio.h"
#include "kernel.h"
#include "record.h"
#include "results.h"
#include "schedule.h"
#include "split.h"

static char dir[256];  /* the test's scratch directory */

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

/* The blocks of n over ranks cover [0, n) in order, without gaps, their sizes within one. */
static void check_blocks(void)
{
    long sizes[] = {0, 1, 2, 7, 1000, 2147483647L};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        for (int ranks = 1; ranks <= 5; ranks++) {
            long at = 0, smallest = sizes[i], largest = 0;
            for (int q = 0; q < ranks; q++) {
                long begin, end;
                split_block(sizes[i], q, ranks, &begin, &end);
                CHECK_INT(begin, at);
                CHECK(end >= begin);
                smallest = end - begin < smallest ? end - begin : smallest;
                largest = end - begin > largest ? end - begin : largest;
                at = end;
            }
            CHECK_INT(at, sizes[i]);
            CHECK(largest - smallest <= 1);
        }
    }
}

/* A clock for the shares' team: every read one millisecond later. */
static double fake_now_s(void *ctx)
{
    (void)ctx;
    static double t_s;
    double now;
#pragma omp critical(fake_clock)
    now = t_s += 1e-3;
    return now;
}

/* Kernel k at class S: the split runs give the serial output; a missing block is caught; each
 * block's threads record exactly its iterations. */
static void check_kernel(const struct kernel *k)
{
    double values[KERNEL_MAX_PARAMS];
    void *state = NULL;
    char why[512];
    for (int j = 0; j < k->n_params; j++)
        values[j] = k->params[j].by_class[CLASS_S];
    CHECK(k->run_range != NULL && k->output_range != NULL);
    if (k->run_range == NULL || k->output_range == NULL || k->setup(&state, values, dir) != 0) {
        CHECK(!"set up");
        return;
    }
    CHECK_INT(k->run_serial(state, why, sizeof why), 0);
    long n = k->n_iterations(state);
    size_t total, zero;
    char *base = k->output_range(state, 0, n, &total);
    CHECK(k->output_range(state, 0, 0, &zero) == base);
    CHECK_INT(zero, 0);
    for (int ranks = 1; ranks <= 3; ranks++) {
        for (int skip = -1; skip < ranks; skip++) {  /* -1: every block runs */
            size_t covered = 0;
            k->reset(state);
            schedule_apply(SCHED_DYNAMIC, 1, 2);
            for (int q = 0; q < ranks; q++) {
                long begin, end;
                size_t bytes;
                split_block(n, q, ranks, &begin, &end);
                char *at = k->output_range(state, begin, end, &bytes);
                CHECK(at == base + covered);  /* side by side, in order */
                covered += bytes;
                if (q == skip)
                    continue;
                /* each block's team records its own shares: its iterations, no others */
                struct share_slot slots[2] = {{0, 0, 0}, {0, 0, 0}};
                struct share_team team = {slots, 2, fake_now_s, NULL};
                CHECK_INT(k->run_range(state, &team, begin, end, why, sizeof why), 0);
                CHECK_INT(slots[0].iterations + slots[1].iterations, end - begin);
                CHECK(slots[0].useful_s >= 0 && slots[1].useful_s >= 0);
            }
            CHECK_INT(covered, total);
            int verified = k->verify(state, why, sizeof why) == 0;
            if (skip < 0 && !verified)
                fprintf(stderr, "%s at %d ranks: %s\n", k->name, ranks, why);
            long begin, end;
            split_block(n, skip < 0 ? 0 : skip, ranks, &begin, &end);
            CHECK_INT(verified, skip < 0 || begin == end);
        }
    }
    k->teardown(state);
}

/* Two hosts: "a" with 2 CPUs online runs ranks 0 and 1, "b" with 4 runs rank 2. */
static void two_hosts(struct hosts *h, int cpus_a0, int cpus_a1)
{
    memset(h, 0, sizeof *h);
    h->n_ranks = 3;
    h->n_hosts = 2;
    snprintf(h->library, sizeof h->library, "Open MPI v4.1.4, package: Debian OpenMPI");
    snprintf(h->standard, sizeof h->standard, "3.1");
    snprintf(h->name[0], sizeof h->name[0], "a");
    snprintf(h->name[1], sizeof h->name[1], "b");
    h->cpus_online[0] = 2;
    h->cpus_online[1] = 4;
    h->rank_host[0] = 0, h->rank_host[1] = 0, h->rank_host[2] = 1;
    h->rank_cpus[0] = cpus_a0, h->rank_cpus[1] = cpus_a1, h->rank_cpus[2] = 4;
    snprintf(h->slurm[0], sizeof h->slurm[0], "SLURM_CPUS_PER_TASK=2");
    snprintf(h->slurm[1], sizeof h->slurm[1], "SLURM_JOB_ID=4242");
    h->n_slurm = 2;
}

static void check_oversubscribed(void)
{
    static struct plan p;
    static struct hosts h;
    memset(&p, 0, sizeof p);
    p.cpus_available = 1;
    CHECK_INT(plan_oversubscribed_at(&p, 1, 1), 0);  /* no hosts: one process */
    CHECK_INT(plan_oversubscribed_at(&p, 1, 2), 1);
    CHECK_INT(plan_oversubscribed_at(&p, 3, 2), plan_oversubscribed(&p, 2));
    two_hosts(&h, 1, 1);  /* ranks 0 and 1 bound to a core each */
    p.hosts = &h;
    CHECK_INT(plan_oversubscribed_at(&p, 1, 1), 0);
    CHECK_INT(plan_oversubscribed_at(&p, 1, 2), plan_oversubscribed(&p, 2));
    CHECK_INT(plan_oversubscribed_at(&p, 2, 1), 0);
    CHECK_INT(plan_oversubscribed_at(&p, 2, 2), 1);  /* a rank's team above its CPUs */
    CHECK_INT(plan_oversubscribed_at(&p, 3, 1), 0);
    two_hosts(&h, 2, 2);  /* unbound: each may use both CPUs of host a */
    p.cpus_available = 2;
    CHECK_INT(plan_oversubscribed_at(&p, 2, 1), 0);
    CHECK_INT(plan_oversubscribed_at(&p, 2, 2), 1);  /* 4 threads on host a's 2 CPUs */
    CHECK_INT(plan_oversubscribed_at(&p, 3, 1), 0);
    CHECK_INT(plan_oversubscribed_at(&p, 1, 2), 0);
    h.cpus_online[0] = 3;  /* three ranks on one host of three CPUs, two threads each: too many */
    h.rank_host[2] = 0;
    h.rank_cpus[2] = 3;
    h.n_hosts = 1;
    CHECK_INT(plan_oversubscribed_at(&p, 3, 1), 0);
    CHECK_INT(plan_oversubscribed_at(&p, 3, 2), 1);
}

/* A plan of one kernel (mandelbrot, class S, static and dynamic with two chunks) at 1 and 2
 * threads, with the rank counts given (none: one process). */
static void small_plan(struct plan *p, const int *ranks, int n_ranks)
{
    memset(p, 0, sizeof *p);
    p->n_kernels = 1;
    p->kernels[0].kernel = kernel_find("mandelbrot");
    for (int j = 0; j < p->kernels[0].kernel->n_params; j++)
        p->kernels[0].values[j] = p->kernels[0].kernel->params[j].by_class[CLASS_S];
    p->kernels[0].chunks[0] = (struct plan_chunk){0, "default"};
    p->kernels[0].chunks[1] = (struct plan_chunk){256, "row"};
    p->kernels[0].n_chunks = 2;
    p->threads[0] = 1, p->threads[1] = 2;
    p->n_threads = 2;
    p->schedules[0] = SCHED_STATIC, p->schedules[1] = SCHED_DYNAMIC;
    p->n_schedules = 2;
    p->reps = p->max_reps = 5;
    p->warmup = 1;
    p->class = CLASS_S;
    p->cpus_available = 2;
    p->order = PLAN_ORDER_INTERLEAVED;
    for (int q = 0; q < n_ranks; q++)
        p->ranks[q] = ranks[q];
    p->n_ranks = n_ranks;
}

static void check_jobs(void)
{
    static struct plan plain, split;
    static const int ranks[] = {1, 2, 3};
    struct plan_jobs a, b;
    small_plan(&plain, NULL, 0);
    small_plan(&split, ranks, 3);
    if (plan_jobs_build(&plain, &a) != 0 || plan_jobs_build(&split, &b) != 0) {
        CHECK(!"plan_jobs_build");
        return;
    }
    CHECK_INT(a.n_jobs, plan_n_measurements(&plain));
    CHECK_INT(b.n_jobs, plan_n_measurements(&split));
    CHECK_INT(b.n_jobs - 1, 3 * (a.n_jobs - 1));  /* one serial baseline, each configuration per rank count */
    for (int j = 0; j < a.n_jobs; j++) {  /* one rank first, as a plan without ranks lists them */
        CHECK_INT(b.jobs[j].schedule, a.jobs[j].schedule);
        CHECK_INT(b.jobs[j].threads, a.jobs[j].threads);
        CHECK_INT(a.jobs[j].ranks, 1);
        CHECK_INT(b.jobs[j].ranks, 1);
    }
    int per_rank[4] = {0};
    for (int j = 1; j < b.n_jobs; j++)
        per_rank[b.jobs[j].ranks]++;
    CHECK_INT(per_rank[1], a.n_jobs - 1);
    CHECK_INT(per_rank[2], a.n_jobs - 1);
    CHECK_INT(per_rank[3], a.n_jobs - 1);
    plan_jobs_free(&a);
    plan_jobs_free(&b);
}

/* Adds kernel 0's configuration with reps samples of t seconds (gather_s: 1 ms x ranks). */
static struct measurement *add(struct results *r, enum sched_kind kind, const struct plan_chunk *chunk, int threads,
                               int ranks, double t)
{
    struct measurement *m = results_add(r, 0, kind, chunk, threads, (int)r->plan->reps, 0);
    m->ranks = ranks;
    m->oversubscribed = plan_oversubscribed_at(r->plan, ranks, threads);
    for (int i = 0; i < m->n; i++) {
        m->elapsed_s[i] = t * (1 + 1e-3 * i);
        m->round[i] = i;
        m->verified[i] = 1;
        m->gather_s[i] = ranks > 1 ? 1e-3 * ranks + 1e-6 * i : 0;
    }
    m->work = 1e6;
    m->n_iterations = 65536;
    results_summarize(m);
    return m;
}

/* A hybrid run on two_hosts at ranks 1, 2, 3 and threads 1, 2 whose times follow Amdahl's law
 * over cores with serial fraction f. */
static void hybrid_run(struct plan *p, struct results *r, struct hosts *h, double f)
{
    static const int ranks[] = {1, 2, 3};
    small_plan(p, ranks, 3);
    p->n_schedules = 1;
    p->kernels[0].n_chunks = 1;
    results_init(r, p);
    two_hosts(&r->hosts, 2, 2);
    *h = r->hosts;
    p->hosts = &r->hosts;
    snprintf(r->machine.host, sizeof r->machine.host, "a");
    r->machine.cpus_online = r->machine.cpus_available = 2;
    r->started = 1764583200;
    char *argv[] = {"ompscale", "run", "--class", "S"};
    results_set_command_line(r, 4, argv);
    add(r, SCHED_SERIAL, NULL, 1, 1, 1.0);
    for (int q = 0; q < 3; q++)
        for (int t = 1; t <= 2; t++)
            add(r, SCHED_STATIC, &p->kernels[0].chunks[0], t, ranks[q], f + (1 - f) / (ranks[q] * t));
}

static void check_derived(void)
{
    static struct plan p;
    static struct results r;
    static struct hosts h;
    hybrid_run(&p, &r, &h, 0.1);
    CHECK_INT(results_fit_all(&r), 0);
    for (int i = 1; i < r.n; i++) {
        struct derived d;
        results_derive(&r, &r.m[i], &d);
        int cores = r.m[i].ranks * r.m[i].threads;
        CHECK_INT(results_cores(&r.m[i]), cores);
        CHECK_NEAR(d.efficiency, d.speedup / cores, 1e-12);
        CHECK_NEAR(d.speedup, 1 / (0.1 + 0.9 / cores), 1e-3 * d.speedup);
        CHECK(isnan(d.copy_gbs));
    }
    CHECK_INT(r.n_fits, 1);
    CHECK(r.fits[0].fit.ok);
    CHECK_INT(r.fits[0].fit.n, 4);  /* 1x1, 1x2, 2x1, 3x1: 2x2 and 3x2 oversubscribe host a */
    CHECK_NEAR(r.fits[0].fit.f, 0.1, 2e-3);
    results_free(&r);
}

/* Reads path into a malloc'd string (NULL on failure). */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    char *text = calloc(1, 1 << 22);
    size_t n = text ? fread(text, 1, (1 << 22) - 1, f) : 0;
    fclose(f);
    if (text != NULL)
        text[n] = '\0';
    return text;
}

static void check_record(void)
{
    static struct plan p, q;
    static struct results r, s;
    static struct hosts h;
    char path[512], err[1024], dir_a[300], dir_b[300];
    hybrid_run(&p, &r, &h, 0.2);
    CHECK_INT(results_fit_all(&r), 0);
    snprintf(path, sizeof path, "%s/results.json", dir);
    CHECK_INT(record_write(&r, path, err, sizeof err), 0);
    CHECK_INT(record_load(path, &q, &s, err, sizeof err), 0);
    CHECK(q.hosts == &s.hosts);
    CHECK_INT(s.hosts.n_ranks, 3);
    CHECK_INT(s.hosts.n_hosts, 2);
    CHECK_STR(s.hosts.library, h.library);
    CHECK_STR(s.hosts.standard, "3.1");
    for (int i = 0; i < 2; i++) {
        CHECK_STR(s.hosts.name[i], h.name[i]);
        CHECK_INT(s.hosts.cpus_online[i], h.cpus_online[i]);
    }
    for (int k = 0; k < 3; k++) {
        CHECK_INT(s.hosts.rank_host[k], h.rank_host[k]);
        CHECK_INT(s.hosts.rank_cpus[k], h.rank_cpus[k]);
    }
    CHECK_INT(s.hosts.n_slurm, 2);
    CHECK_STR(s.hosts.slurm[1], "SLURM_JOB_ID=4242");
    CHECK_INT(q.n_ranks, 3);
    CHECK_INT(q.ranks[2], 3);
    CHECK_INT(s.n, r.n);
    for (int i = 0; i < r.n && i < s.n; i++) {
        CHECK_INT(s.m[i].ranks, r.m[i].ranks);
        CHECK_INT(s.m[i].oversubscribed, r.m[i].oversubscribed);
        for (int j = 0; j < r.m[i].n; j++)
            CHECK(s.m[i].gather_s[j] == r.m[i].gather_s[j]);
    }
    snprintf(dir_a, sizeof dir_a, "%s/a", dir);
    snprintf(dir_b, sizeof dir_b, "%s/b", dir);
    mkdir(dir_a, 0755);
    mkdir(dir_b, 0755);
    CHECK_INT(csv_write_all(&r, dir_a, err, sizeof err), 0);
    CHECK_INT(csv_write_all(&s, dir_b, err, sizeof err), 0);
    static const char *const files[] = {"raw.csv", "speedup.csv", "efficiency.csv", "amdahl.csv"};
    for (int i = 0; i < 4; i++) {
        char pa[400], pb[400];
        snprintf(pa, sizeof pa, "%s/%s", dir_a, files[i]);
        snprintf(pb, sizeof pb, "%s/%s", dir_b, files[i]);
        char *ta = slurp(pa), *tb = slurp(pb);
        CHECK(ta != NULL && tb != NULL && strcmp(ta, tb) == 0);
        if (ta == NULL || tb == NULL)
            fprintf(stderr, "%s: not written (%s)\n", files[i], ta == NULL ? pa : pb);
        else if (strcmp(ta, tb) != 0)
            fprintf(stderr, "%s differs after reading the record back:\n%s---\n%s", files[i], ta, tb);
        if (ta != NULL && i < 3) {
            const char *want = i == 0 ? ",ranks,cores,gather_s\n" : i == 1 ? ",ranks,cores,gather_median_s\n"
                                                                             : ",ranks,cores\n";
            char *nl = strchr(ta, '\n');
            CHECK(nl != NULL && nl - ta >= (long)strlen(want) - 1 &&
                  strncmp(nl + 1 - strlen(want), want, strlen(want)) == 0);
        }
        if (ta != NULL && i == 1)  /* 3 ranks x 1 thread: 3 cores, gather median 3 ms */
            CHECK(strstr(ta, ",3,3,0.003002\n") != NULL);
        free(ta);
        free(tb);
    }
    results_free(&s);

    /* One process: none of it in the record or the CSV files. */
    r.hosts.n_ranks = 0;
    p.hosts = NULL;
    CHECK_INT(record_write(&r, path, err, sizeof err), 0);
    char *text = slurp(path);
    CHECK(text != NULL && strstr(text, "\"mpi\"") == NULL && strstr(text, "\"ranks\"") == NULL &&
          strstr(text, "gather_s") == NULL);
    free(text);
    CHECK_INT(csv_write_all(&r, dir_a, err, sizeof err), 0);
    snprintf(path, sizeof path, "%s/raw.csv", dir_a);
    text = slurp(path);
    CHECK(text != NULL && strstr(text, "ranks") == NULL);
    free(text);
    results_free(&r);
}

/* Damaged mpi objects are refused with the key named. */
static void check_bad_hosts(void)
{
    static const char *const bad[][2] = {
        {"{\"library\":\"x\",\"standard\":\"3.1\",\"ranks\":2,\"hosts\":[{\"host\":\"a\",\"ranks\":[0],"
         "\"cpus_online\":2,\"cpus_available\":[2]}],\"slurm\":{}}", "rank 1 is on no host"},
        {"{\"library\":\"x\",\"standard\":\"3.1\",\"ranks\":1,\"hosts\":[{\"host\":\"a\",\"ranks\":[0,0],"
         "\"cpus_online\":2,\"cpus_available\":[2,2]}],\"slurm\":{}}", "on two hosts"},
        {"{\"library\":\"x\",\"standard\":\"3.1\",\"ranks\":1,\"hosts\":[{\"host\":\"a\",\"ranks\":[3],"
         "\"cpus_online\":2,\"cpus_available\":[2]}],\"slurm\":{}}", "mpi.hosts[0].ranks[0]"},
        {"{\"library\":\"x\",\"standard\":\"3.1\",\"ranks\":1,\"hosts\":[{\"host\":\"a\",\"ranks\":[0],"
         "\"cpus_online\":2,\"cpus_available\":[]}],\"slurm\":{}}", "cpus_available"},
        {"{\"library\":\"x\",\"standard\":\"3.1\",\"ranks\":0,\"hosts\":[],\"slurm\":{}}", "mpi.ranks"},
        {"{\"library\":\"x\",\"standard\":\"3.1\",\"ranks\":1,\"hosts\":[{\"host\":\"a\",\"ranks\":[0],"
         "\"cpus_online\":2,\"cpus_available\":[2]}],\"slurm\":{\"SLURM_X\":3}}", "mpi.slurm.SLURM_X"},
    };
    static struct hosts h;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char why[512] = "";
        json_object *o = json_tokener_parse(bad[i][0]);
        CHECK(o != NULL);
        CHECK_INT(hosts_from_json(o, "mpi", &h, why, sizeof why), -1);
        if (strstr(why, bad[i][1]) == NULL)
            fprintf(stderr, "bad hosts %zu: '%s' does not name '%s'\n", i, why, bad[i][1]);
        CHECK(strstr(why, bad[i][1]) != NULL);
        json_object_put(o);
    }
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/ompscale-split-XXXXXX");
    if (mkdtemp(dir) == NULL) {
        perror("mkdtemp");
        return 1;
    }
    check_blocks();
    for (int i = 0; i < kernel_count; i++)
        check_kernel(kernel_table[i]);
    check_oversubscribed();
    check_jobs();
    check_derived();
    check_record();
    check_bad_hosts();
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    return check_report("test_split");
}
