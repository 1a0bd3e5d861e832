/* split.h -- a kernel's parallel loop split over the first r ranks of an MPI job: rank 0's side
 * of each step (set an instance up on every rank, time a sample, gather the outputs) and the loop
 * in which the other ranks serve those steps.
 *
 * Rank q of r runs the loop's iterations [q n / r, (q + 1) n / r) through the kernel's run_range,
 * with the configuration's OpenMP team and schedule inside. A step starts with a barrier of every
 * rank; each rank times its own part on its monotonic clock, and a sample's time is the slowest
 * rank's. The outputs come to rank 0 only after the timing, in place in its own parallel output,
 * where verify() compares them with the serial reference as in a one-process run; that gather is
 * timed apart (gather_s). Every rank holds a whole instance (setup's memory on each), the other
 * ranks in a scratch directory of their own that is removed at the end. A rank that fails (setup,
 * a run) reports why; rank 0 ends the step with an error naming that rank. With run.shares each
 * rank's threads record their shares of its block (share.h) on that rank's clock, and the status
 * brings them back: rank 0 receives ranks x threads slots, rank-major.
 */
#ifndef OMPSCALE_SPLIT_H
#define OMPSCALE_SPLIT_H

#include <stddef.h>

#include "hosts.h"
#include "kernel.h"
#include "schedule.h"

enum { SPLIT_METRICS_MAX = 8 };  /* kernel metrics a split step carries back */
enum { SPLIT_TEAM_MAX = 256 };   /* threads per rank whose shares a split step carries back */

/* One timed step of a split configuration. */
struct split_run {
    enum sched_kind schedule;
    long chunk;
    int threads;                     /* the team on each rank */
    int ranks;                       /* the ranks the loop is split over: the first ranks ranks */
    long inner;                      /* runs back to back in the step */
    double section_s;                /* --serial-fraction's spin before each run, on every rank */
    int gather;                      /* 1: the outputs come to rank 0 afterwards (a sample to verify) */
    int shares;                      /* 1: each rank's threads record their shares (share.h); needs
                                        threads <= SPLIT_TEAM_MAX */
};

struct split_result {
    double per_run_s;                /* the slowest rank's time per run */
    double gather_s;                 /* rank 0's gather of the outputs; 0 when not gathered */
    double metrics[SPLIT_METRICS_MAX];  /* the kernel's metrics of the last run, summed over ranks */
};

/* The block of iterations rank q of ranks runs, of n: [*begin, *end). */
void split_block(long n, int q, int ranks, long *begin, long *end);

/* Rank 0: sets up an instance of kernel k with values on every other rank. Returns 0, or -1 with
 * err naming the first rank that failed and why. */
int split_setup(const struct hosts *h, const struct kernel *k, const double *values, char *err, size_t err_size);
/* Rank 0: tears the other ranks' instance down. */
void split_teardown(void);
/* Rank 0: one timed step of run on the first run->ranks ranks; state is rank 0's own instance,
 * whose parallel output holds every rank's part afterwards when run->gather. With run->shares,
 * shares (run->ranks x run->threads slots) receives each rank's threads' shares summed over the
 * step's runs, rank-major. Returns 0 with res filled, or -1 with err naming the rank that failed
 * and why. */
int split_time(const struct hosts *h, const struct kernel *k, void *state, const struct split_run *run,
               struct share_slot *shares, struct split_result *res, char *err, size_t err_size);
/* Rank 0: ends the other ranks' service; each exits with status code. */
void split_stop(int code);
/* Every other rank: serves rank 0's steps until split_stop. Returns the exit status rank 0 gave
 * (1 when MPI itself failed). */
int split_serve(void);

#endif
