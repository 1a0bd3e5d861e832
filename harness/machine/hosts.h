/* hosts.h -- where a hybrid MPI run's ranks ran: the MPI library, each rank's host and CPUs, the
 * ranks on each host, and the job's SLURM_* variables. Gathered on rank 0 as the run starts and
 * kept in results.json and meta.json as "mpi"; a run without MPI has none (n_ranks 0). */
#ifndef OMPSCALE_HOSTS_H
#define OMPSCALE_HOSTS_H

#include <json-c/json.h>
#include <stddef.h>

#include "sysinfo.h"

enum {
    HOSTS_RANKS_MAX = 1024,  /* ranks a job may have */
    HOSTS_MAX = 256,         /* distinct hosts */
    HOSTS_NAME_MAX = 64,     /* a host name, truncated */
    HOSTS_SLURM_MAX = 128,   /* SLURM_* variables kept */
    HOSTS_VAR_MAX = 256      /* one "NAME=value", truncated */
};

struct hosts {
    int n_ranks;                           /* ranks in the job; 0: not an MPI run */
    char library[256];                     /* the MPI library: "Open MPI v4.1.4, package: ..." */
    char standard[16];                     /* the MPI standard it implements: "3.1" */
    int n_hosts;
    char name[HOSTS_MAX][HOSTS_NAME_MAX];  /* in the order of their first rank */
    int cpus_online[HOSTS_MAX];            /* per host */
    int rank_host[HOSTS_RANKS_MAX];        /* per rank: its host, an index into name */
    int rank_cpus[HOSTS_RANKS_MAX];        /* per rank: CPUs its affinity mask allows it */
    char slurm[HOSTS_SLURM_MAX][HOSTS_VAR_MAX];  /* rank 0's SLURM_* variables, "NAME=value", sorted */
    int n_slurm;
};

/* Collective: every rank calls it with its own machine facts. On rank 0, fills h (the library,
 * hosts, ranks per host, SLURM_* variables) and checks that every rank runs the same build of
 * ompscale, since the ranks' outputs are compared byte for byte. Returns 0; -1 on rank 0 with a
 * one-line err naming the rank that differs (or the job being too large); the other ranks
 * return 0 and learn the outcome from rank 0. */
int hosts_gather(struct hosts *h, const struct sysinfo *self, char *err, size_t err_size);
/* Ranks of the job on host index host. */
int hosts_ranks_on(const struct hosts *h, int host);
/* "rank 2 (pi3)": a rank named for messages. */
void hosts_describe_rank(const struct hosts *h, int rank, char *buf, size_t size);

/* {library, standard, ranks, hosts: [{host, ranks: [...], cpus_online, cpus_available: [...]}],
 * slurm: {NAME: value}}; the caller owns it. */
json_object *hosts_json(const struct hosts *h);
/* Fills h from an object hosts_json wrote; where names o in messages. Returns 0, or -1 with
 * "WHERE.KEY: why" in why (every rank must appear on exactly one host). */
int hosts_from_json(json_object *o, const char *where, struct hosts *h, char *why, size_t why_size);

#endif
