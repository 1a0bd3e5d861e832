/* cluster.h -- the one door to MPI: the job's ranks and the few collective operations a hybrid
 * MPI + OpenMP run needs, all on MPI_COMM_WORLD with rank 0 as the root.
 *
 * Only a build configured with -DOMPSCALE_MPI=ON talks MPI, and only when an MPI launcher
 * (mpirun, srun) started the process; otherwise the job is one rank, cluster_launched() is 0 and
 * the rest is never called, so the plain build behaves as it always did. Waits that can be long
 * (a rank idle between commands, rank 0 waiting for the slowest rank) poll with short sleeps
 * instead of spinning as MPI's blocking calls do, so that an idle rank leaves its cores to the
 * ranks being timed on the same host.
 */
#ifndef OMPSCALE_CLUSTER_H
#define OMPSCALE_CLUSTER_H

#include <stddef.h>

/* 1 when this is an MPI build and a launcher started the process (its environment says so:
 * OMPI_COMM_WORLD_SIZE, PMIX_RANK, PMI_RANK or PMI_SIZE); 0 otherwise. */
int cluster_launched(void);
/* The rank the launcher gave this process, read from its environment before cluster_init (so
 * that an error found before it is printed once); -1 when not launched. */
int cluster_launch_rank(void);
/* The ranks the launcher started on this host, from its environment before cluster_init; 0 when
 * not launched or the launcher does not say. */
int cluster_launch_local_size(void);
/* Starts MPI (one thread calls it: MPI_THREAD_FUNNELED). Returns 0, or -1 with err set. */
int cluster_init(char *err, size_t err_size);
/* Ends MPI; returns at once when it was never started. */
void cluster_finalize(void);
/* This process's rank and the job's size: 0 and 1 when MPI is not running. */
int cluster_rank(void);
int cluster_size(void);
/* The MPI library ("Open MPI v4.1.4, ...", its first line) and the standard it implements
 * ("3.1"). Returns 0, or -1 when MPI is not running (both empty). */
int cluster_library(char *library, size_t library_size, char *standard, size_t standard_size);

/* Collectives: every rank of the job calls them in the same order. Each returns 0, or -1 when
 * MPI reports an error (its default handler aborts the job first). */
/* Rank 0's bytes into everyone's buf; the others wait for them gently (see the banner). */
int cluster_bcast(void *buf, size_t bytes);
/* bytes from every rank into recv on rank 0, rank after rank (recv: size x bytes; NULL elsewhere). */
int cluster_gather(const void *send, size_t bytes, void *recv);
/* Every rank's send_bytes into recv on rank 0, rank q's at offset displs[q] with counts[q] bytes
 * (both read on rank 0 only; rank 0's own part is already in place and not copied). Blocking: it
 * is the transfer a sample's gather time measures. */
int cluster_gatherv(const void *send, size_t send_bytes, void *recv, const size_t *counts, const size_t *displs);
/* Waits until every rank has reached it (blocking: right before the ranks start timing). */
int cluster_barrier(void);

#endif
