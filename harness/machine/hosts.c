/* hosts.c -- where a hybrid MPI run's ranks ran (hosts.h): gathered once on rank 0 through
 * cluster.h, and written to and read from the record as "mpi". */
#define _GNU_SOURCE  /* environ */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cluster.h"
#include "config.h"
#include "git_commit.h"
#include "hosts.h"
#include "jsonio.h"

extern char **environ;

/* What each rank sends rank 0: where it runs, and what it was built from. */
struct rank_facts {
    char host[HOSTS_NAME_MAX];
    int cpus_available, cpus_online;
    char build[1024];  /* commit, compiler and flags: equal on every rank of a sound job */
};

static void this_build(char *buf, size_t size)
{
    snprintf(buf, size, "commit %s, %s %s, flags '%s' %s", OMPSCALE_GIT_COMMIT, OMPSCALE_COMPILER_ID,
             OMPSCALE_COMPILER_VERSION, OMPSCALE_C_FLAGS, OMPSCALE_FILE_FLAGS);
}

static int by_text(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

/* Keeps rank 0's SLURM_* variables, sorted. */
static void read_slurm(struct hosts *h)
{
    h->n_slurm = 0;
    for (char **e = environ; *e != NULL && h->n_slurm < HOSTS_SLURM_MAX; e++)
        if (strncmp(*e, "SLURM_", 6) == 0 && strchr(*e, '=') != NULL)
            snprintf(h->slurm[h->n_slurm++], HOSTS_VAR_MAX, "%s", *e);
    qsort(h->slurm, (size_t)h->n_slurm, sizeof h->slurm[0], by_text);
}

/* The index of host name in h, added when new; -1 when h holds HOSTS_MAX hosts already. */
static int host_index(struct hosts *h, const char *name, int cpus_online)
{
    for (int i = 0; i < h->n_hosts; i++)
        if (strcmp(h->name[i], name) == 0)
            return i;
    if (h->n_hosts == HOSTS_MAX)
        return -1;
    snprintf(h->name[h->n_hosts], HOSTS_NAME_MAX, "%s", name);
    h->cpus_online[h->n_hosts] = cpus_online;
    return h->n_hosts++;
}

int hosts_gather(struct hosts *h, const struct sysinfo *self, char *err, size_t err_size)
{
    int size = cluster_size(), rank = cluster_rank();
    memset(h, 0, sizeof *h);
    if (size > HOSTS_RANKS_MAX) {
        snprintf(err, err_size, "this job has %d ranks; ompscale runs at most %d", size, HOSTS_RANKS_MAX);
        return rank == 0 ? -1 : 0;
    }
    struct rank_facts mine = {{0}, self->cpus_available, self->cpus_online, {0}};
    snprintf(mine.host, sizeof mine.host, "%.*s", HOSTS_NAME_MAX - 1, self->host);
    this_build(mine.build, sizeof mine.build);
    struct rank_facts *all = rank == 0 ? calloc((size_t)size, sizeof *all) : NULL;
    int room = rank != 0 || all != NULL;  /* rank 0 says whether it has room before anyone sends */
    if (cluster_bcast(&room, sizeof room) != 0 || !room || cluster_gather(&mine, sizeof mine, all) != 0) {
        free(all);
        snprintf(err, err_size, "gathering the ranks' hosts: %s", room ? "MPI failed" : "out of memory");
        return rank == 0 ? -1 : 0;
    }
    if (rank != 0)
        return 0;
    h->n_ranks = size;
    cluster_library(h->library, sizeof h->library, h->standard, sizeof h->standard);
    read_slurm(h);
    int rc = 0;
    for (int q = 0; q < size && rc == 0; q++) {
        int at = host_index(h, all[q].host, all[q].cpus_online);
        h->rank_host[q] = at;
        h->rank_cpus[q] = all[q].cpus_available;
        if (at < 0) {
            snprintf(err, err_size, "rank %d (%s): more than %d hosts: ompscale keeps at most that many", q,
                     all[q].host, HOSTS_MAX);
            rc = -1;
        } else if (strcmp(all[q].build, all[0].build) != 0) {
            snprintf(err, err_size,
                     "rank %d (%s) runs another build of ompscale (%s) than rank 0 (%s): every rank must run the "
                     "same build, since their outputs are compared byte for byte",
                     q, all[q].host, all[q].build, all[0].build);
            rc = -1;
        }
    }
    free(all);
    return rc;
}

int hosts_ranks_on(const struct hosts *h, int host)
{
    int n = 0;
    for (int q = 0; q < h->n_ranks; q++)
        n += h->rank_host[q] == host;
    return n;
}

void hosts_describe_rank(const struct hosts *h, int rank, char *buf, size_t size)
{
    if (h != NULL && rank >= 0 && rank < h->n_ranks && h->rank_host[rank] >= 0)
        snprintf(buf, size, "rank %d (%s)", rank, h->name[h->rank_host[rank]]);
    else
        snprintf(buf, size, "rank %d", rank);
}

json_object *hosts_json(const struct hosts *h)
{
    json_object *o = json_object_new_object(), *hosts = json_object_new_array(), *slurm = json_object_new_object();
    jsonio_add_str(o, "library", h->library);
    jsonio_add_str(o, "standard", h->standard);
    jsonio_add_int(o, "ranks", h->n_ranks);
    for (int i = 0; i < h->n_hosts; i++) {
        json_object *host = json_object_new_object(), *ranks = json_object_new_array();
        json_object *cpus = json_object_new_array();
        jsonio_add_str(host, "host", h->name[i]);
        for (int q = 0; q < h->n_ranks; q++) {
            if (h->rank_host[q] != i)
                continue;
            json_object_array_add(ranks, json_object_new_int(q));
            json_object_array_add(cpus, json_object_new_int(h->rank_cpus[q]));
        }
        json_object_object_add(host, "ranks", ranks);
        jsonio_add_int(host, "cpus_online", h->cpus_online[i]);
        json_object_object_add(host, "cpus_available", cpus);  /* per rank, as in ranks */
        json_object_array_add(hosts, host);
    }
    json_object_object_add(o, "hosts", hosts);
    for (int i = 0; i < h->n_slurm; i++) {
        char name[HOSTS_VAR_MAX];
        const char *eq = strchr(h->slurm[i], '=');
        snprintf(name, sizeof name, "%.*s", (int)(eq - h->slurm[i]), h->slurm[i]);
        jsonio_add_str(slurm, name, eq + 1);
    }
    json_object_object_add(o, "slurm", slurm);
    return o;
}

#define WHY why, why_size

/* Reads one host of the hosts array as host index i. */
static int host_from_json(json_object *o, const char *where, int i, struct hosts *h, char *why, size_t why_size)
{
    json_object *ranks, *cpus;
    long long online;
    if (jsonio_object(o, where, NULL, 0, &o, WHY) ||
        jsonio_string(o, where, "host", 0, h->name[i], sizeof h->name[i], WHY) ||
        jsonio_array(o, where, "ranks", HOSTS_RANKS_MAX, &ranks, WHY) ||
        jsonio_int(o, where, "cpus_online", 1, 1 << 20, &online, WHY) ||
        jsonio_array(o, where, "cpus_available", HOSTS_RANKS_MAX, &cpus, WHY))
        return -1;
    h->cpus_online[i] = (int)online;
    size_t n = json_object_array_length(ranks);
    if (n == 0 || json_object_array_length(cpus) != n) {
        snprintf(why, why_size, "%s: want as many cpus_available as ranks, at least one", where);
        return -1;
    }
    for (size_t j = 0; j < n; j++) {
        char at[300];
        long long q, c;
        snprintf(at, sizeof at, "%s.ranks[%zu]", where, j);
        if (jsonio_int(json_object_array_get_idx(ranks, j), at, NULL, 0, h->n_ranks - 1, &q, WHY) != 0)
            return -1;
        snprintf(at, sizeof at, "%s.cpus_available[%zu]", where, j);
        if (jsonio_int(json_object_array_get_idx(cpus, j), at, NULL, 1, 1 << 20, &c, WHY) != 0)
            return -1;
        if (h->rank_host[q] >= 0) {
            snprintf(why, why_size, "%s.ranks[%zu]: rank %lld is on two hosts", where, j, q);
            return -1;
        }
        h->rank_host[q] = i;
        h->rank_cpus[q] = (int)c;
    }
    return 0;
}

int hosts_from_json(json_object *o, const char *where, struct hosts *h, char *why, size_t why_size)
{
    json_object *hosts, *slurm;
    long long ranks;
    char at[256];
    memset(h, 0, sizeof *h);
    if (jsonio_object(o, where, NULL, 0, &o, WHY) ||
        jsonio_string(o, where, "library", 0, h->library, sizeof h->library, WHY) ||
        jsonio_string(o, where, "standard", 0, h->standard, sizeof h->standard, WHY) ||
        jsonio_int(o, where, "ranks", 1, HOSTS_RANKS_MAX, &ranks, WHY) ||
        jsonio_array(o, where, "hosts", HOSTS_MAX, &hosts, WHY) || jsonio_object(o, where, "slurm", 0, &slurm, WHY))
        return -1;
    h->n_ranks = (int)ranks;
    for (int q = 0; q < h->n_ranks; q++)
        h->rank_host[q] = -1;
    h->n_hosts = (int)json_object_array_length(hosts);
    for (int i = 0; i < h->n_hosts; i++) {
        snprintf(at, sizeof at, "%s.hosts[%d]", where, i);
        if (host_from_json(json_object_array_get_idx(hosts, (size_t)i), at, i, h, WHY) != 0)
            return -1;
    }
    for (int q = 0; q < h->n_ranks; q++) {
        if (h->rank_host[q] < 0) {
            snprintf(why, why_size, "%s.hosts: rank %d is on no host", where, q);
            return -1;
        }
    }
    if (json_object_object_length(slurm) > HOSTS_SLURM_MAX) {
        snprintf(why, why_size, "%s.slurm: more variables than this ompscale keeps", where);
        return -1;
    }
    json_object_object_foreach(slurm, name, value)
    {
        if (!json_object_is_type(value, json_type_string)) {
            snprintf(why, why_size, "%s.slurm.%.100s: want a string", where, name);
            return -1;
        }
        snprintf(h->slurm[h->n_slurm++], HOSTS_VAR_MAX, "%s=%s", name, json_object_get_string(value));
    }
    return 0;
}
