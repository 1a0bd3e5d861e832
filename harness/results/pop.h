/* pop.h -- the POP efficiency factors of a configuration, from each worker's useful time (the
 * time inside its share of the parallel loop, kernels/share.h): why a speed-up falls below ideal.
 *
 * The hierarchy (POP Centre of Excellence), each factor 1 when nothing is lost:
 *   global_efficiency = parallel_efficiency x computation_scalability
 *   parallel_efficiency = load_balance x comm_efficiency
 * load_balance and comm_efficiency are medians over samples of each sample's ratio;
 * computation_scalability compares medians of the team's total useful time per unit of work.
 * The products are taken of those medians, so the identities hold exactly in every file. With
 * MPI ranks the same workers split into process and thread load balance (POP's hybrid metrics). */
#ifndef OMPSCALE_POP_H
#define OMPSCALE_POP_H

struct measurement;

struct pop_factors {
    double load_balance;             /* mean useful time / max useful time over the workers */
    double comm_efficiency;          /* max useful time / the run's time: what the OpenMP runtime and
                                        everything outside the loop (fork, join, a serial section)
                                        leave of the run */
    double parallel_efficiency;      /* load_balance x comm_efficiency */
    double computation_scalability;  /* total useful time per unit of work at 1 thread / at p threads:
                                        below 1 when threads slow each other's work down */
    double global_efficiency;        /* parallel_efficiency x computation_scalability */
};

/* The factor that loses most: the lowest of load balance, comm efficiency and computation
 * scalability. */
enum pop_loss { POP_LOSS_NONE, POP_LOSS_LOAD_BALANCE, POP_LOSS_COMM, POP_LOSS_SCALABILITY };

/* Fills f for m, with one (m's series at 1 thread, same kind of size; may be NULL) as the
 * reference of computation scalability. Every factor is NAN that cannot be had: m has no team
 * data (serial, size scan, older record), or one is missing or has none. Returns 0, or -1 when
 * out of memory (all NAN). */
int pop_factors(const struct measurement *m, const struct measurement *one, struct pop_factors *f);
/* The median over m's samples of worker w's useful time per run; NAN without team data. */
double pop_useful_median(const struct measurement *m, int w);
/* The median over m's samples of the team's total useful time per run; NAN without team data. */
double pop_total_useful_median(const struct measurement *m);
/* The median over m's samples of worker w's chunks per run; NAN when not counted. */
double pop_chunks_median(const struct measurement *m, int w);
/* The lowest of f's three leaf factors, in *value; POP_LOSS_NONE when none is known. */
enum pop_loss pop_dominant_loss(const struct pop_factors *f, double *value);
/* What a loss is called in sentences: "load balance", "OpenMP runtime efficiency",
 * "computation scalability"; "" for POP_LOSS_NONE. */
const char *pop_loss_name(enum pop_loss loss);

#endif
