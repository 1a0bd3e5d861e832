/* cluster.c -- the one door to MPI (see cluster.h); without OMPSCALE_MPI a one-rank job that
 * never talks to anyone. */
#define _POSIX_C_SOURCE 200809L
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cluster.h"

#ifdef OMPSCALE_MPI
#include <mpi.h>
#endif

/* The variables a launcher sets in each process it starts: Open MPI's mpirun (OMPI_*, PMIX_*),
 * Slurm's srun (PMIX_* or PMI_* by its --mpi plugin), MPICH's hydra (PMI_*). */
static const char *const rank_vars[] = {"OMPI_COMM_WORLD_RANK", "PMIX_RANK", "PMI_RANK"};

int cluster_launched(void)
{
#ifdef OMPSCALE_MPI
    return getenv("OMPI_COMM_WORLD_SIZE") != NULL || getenv("PMIX_RANK") != NULL || getenv("PMI_RANK") != NULL ||
           getenv("PMI_SIZE") != NULL;
#else
    return 0;
#endif
}

int cluster_launch_rank(void)
{
    if (!cluster_launched())
        return -1;
    for (size_t i = 0; i < sizeof rank_vars / sizeof rank_vars[0]; i++) {
        const char *v = getenv(rank_vars[i]);
        char *end;
        long rank = v != NULL ? strtol(v, &end, 10) : -1;
        if (v != NULL && end != v && *end == '\0' && rank >= 0 && rank <= INT_MAX)
            return (int)rank;
    }
    return -1;
}

int cluster_launch_local_size(void)
{
    if (!cluster_launched())
        return 0;
    static const char *const vars[] = {"OMPI_COMM_WORLD_LOCAL_SIZE", "MPI_LOCALNRANKS", "PMI_LOCAL_SIZE"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        char *end;
        long n = v != NULL ? strtol(v, &end, 10) : -1;
        if (v != NULL && end != v && *end == '\0' && n >= 1 && n <= INT_MAX)
            return (int)n;
    }
    return 0;
}

#ifdef OMPSCALE_MPI

static int running(void)
{
    int started = 0, ended = 0;
    MPI_Initialized(&started);
    MPI_Finalized(&ended);
    return started && !ended;
}

int cluster_init(char *err, size_t err_size)
{
    int provided = 0;
    if (MPI_Init_thread(NULL, NULL, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) {
        snprintf(err, err_size, "MPI_Init_thread failed");
        return -1;
    }
    if (provided < MPI_THREAD_FUNNELED) {  /* OpenMP threads exist, but only this one calls MPI */
        snprintf(err, err_size, "the MPI library does not allow threads (MPI_THREAD_FUNNELED)");
        return -1;
    }
    return 0;
}

void cluster_finalize(void)
{
    if (running())
        MPI_Finalize();
}

int cluster_rank(void)
{
    int rank = 0;
    if (running())
        MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    return rank;
}

int cluster_size(void)
{
    int size = 1;
    if (running())
        MPI_Comm_size(MPI_COMM_WORLD, &size);
    return size;
}

int cluster_library(char *library, size_t library_size, char *standard, size_t standard_size)
{
    char text[MPI_MAX_LIBRARY_VERSION_STRING];
    int len = 0, major = 0, minor = 0;
    library[0] = standard[0] = '\0';
    if (!running() || MPI_Get_library_version(text, &len) != MPI_SUCCESS ||
        MPI_Get_version(&major, &minor) != MPI_SUCCESS)
        return -1;
    text[len < (int)sizeof text ? len : (int)sizeof text - 1] = '\0';
    snprintf(library, library_size, "%.*s", (int)strcspn(text, "\r\n"), text);  /* first line */
    snprintf(standard, standard_size, "%d.%d", major, minor);
    return 0;
}

/* Completes req, testing it with sleeps that grow from 20 us to 1 ms between tests: a wait of a
 * few seconds costs a few thousand wake-ups rather than a core. */
static int wait_gently(MPI_Request *req)
{
    struct timespec pause = {0, 20000};
    for (;;) {
        int done = 0;
        if (MPI_Test(req, &done, MPI_STATUS_IGNORE) != MPI_SUCCESS)
            return -1;
        if (done)
            return 0;
        nanosleep(&pause, NULL);
        if (pause.tv_nsec < 1000000)
            pause.tv_nsec += pause.tv_nsec / 2;
    }
}

int cluster_bcast(void *buf, size_t bytes)
{
    MPI_Request req;
    if (bytes > INT_MAX || MPI_Ibcast(buf, (int)bytes, MPI_BYTE, 0, MPI_COMM_WORLD, &req) != MPI_SUCCESS)
        return -1;
    return wait_gently(&req);
}

int cluster_gather(const void *send, size_t bytes, void *recv)
{
    MPI_Request req;
    if (bytes > INT_MAX ||
        MPI_Igather(send, (int)bytes, MPI_BYTE, recv, (int)bytes, MPI_BYTE, 0, MPI_COMM_WORLD, &req) != MPI_SUCCESS)
        return -1;
    return wait_gently(&req);
}

int cluster_gatherv(const void *send, size_t send_bytes, void *recv, const size_t *counts, const size_t *displs)
{
    int rank = cluster_rank(), size = cluster_size(), rc;
    if (send_bytes > INT_MAX)
        return -1;
    if (rank != 0)
        return MPI_Gatherv(send, (int)send_bytes, MPI_BYTE, NULL, NULL, NULL, MPI_BYTE, 0, MPI_COMM_WORLD) ==
                       MPI_SUCCESS
                   ? 0
                   : -1;
    int *n = malloc(2 * (size_t)size * sizeof *n);
    if (n == NULL)
        return -1;
    for (int q = 0; q < size; q++) {
        if (counts[q] > INT_MAX || displs[q] > INT_MAX) {
            free(n);
            return -1;
        }
        n[q] = (int)counts[q];
        n[size + q] = (int)displs[q];
    }
    rc = MPI_Gatherv(MPI_IN_PLACE, 0, MPI_BYTE, recv, n, n + size, MPI_BYTE, 0, MPI_COMM_WORLD);
    free(n);
    return rc == MPI_SUCCESS ? 0 : -1;
}

int cluster_barrier(void)
{
    return MPI_Barrier(MPI_COMM_WORLD) == MPI_SUCCESS ? 0 : -1;
}

#else /* the plain build: one rank */

int cluster_init(char *err, size_t err_size)
{
    snprintf(err, err_size, "this ompscale was built without MPI (configure with -DOMPSCALE_MPI=ON)");
    return -1;
}

void cluster_finalize(void)
{
}

int cluster_rank(void)
{
    return 0;
}

int cluster_size(void)
{
    return 1;
}

int cluster_library(char *library, size_t library_size, char *standard, size_t standard_size)
{
    if (library_size > 0)
        library[0] = '\0';
    if (standard_size > 0)
        standard[0] = '\0';
    return -1;
}

int cluster_bcast(void *buf, size_t bytes)
{
    (void)buf;
    (void)bytes;
    return 0;
}

int cluster_gather(const void *send, size_t bytes, void *recv)
{
    if (recv != send && bytes > 0)
        memmove(recv, send, bytes);
    return 0;
}

int cluster_gatherv(const void *send, size_t send_bytes, void *recv, const size_t *counts, const size_t *displs)
{
    (void)send;
    (void)send_bytes;
    (void)recv;
    (void)counts;
    (void)displs;
    return 0;  /* rank 0's part is in place */
}

int cluster_barrier(void)
{
    return 0;
}

#endif
