/* results.h -- the one results struct: every timed sample of every configuration, and the
 * figures derived from them. The writers (CSV, JSON) and the summary read only this. */
#ifndef OMPSCALE_RESULTS_H
#define OMPSCALE_RESULTS_H

#include <time.h>

#include "amdahl.h"
#include "overhead_row.h"
#include "placement.h"
#include "plan.h"
#include "pop.h"
#include "schedule.h"
#include "sysinfo.h"
#include "stats.h"
#include "warnings.h"

struct measurement {
    int kernel;                      /* index into plan->kernels */
    enum sched_kind schedule;        /* SCHED_SERIAL for the serial baseline */
    long chunk;                      /* iterations; 0: the runtime's default */
    char chunk_label[CHUNK_LABEL_MAX];
    int threads;                     /* 1 for the serial baseline */
    int ranks;                       /* MPI ranks the loop was split over (results_add: 1) */
    int oversubscribed;              /* threads > CPUs available (plan_oversubscribed_at) */
    double scan_size;                /* size-scan value of the kernel's scan_param; 0: main run */
    double weak_size;                /* weak scaling: the kernel's weak_param value; 0: strong */
    long inner;                      /* runs back to back in one timed sample */
    double *elapsed_s;               /* per run (sample time / inner), one per timed sample */
    int *round;                      /* one per timed sample: the round it was taken in (interleaved:
                                        samples of one round are close in time); else its index */
    int *verified;                   /* one per timed sample: 1 if the output matched serial */
    double *gather_s;                /* one per timed sample: seconds rank 0 took to gather the other
                                        ranks' outputs after it (0 on one rank), outside elapsed_s */
    double *metrics;                 /* n x kernel->n_metrics, of the last run of each sample */
    int n;
    double work;                     /* per run, in the kernel's work unit */
    double bytes;                    /* per run, moved to and from memory; 0: not counted */
    long n_iterations;               /* of the parallel loop, per run */
    struct stats_summary summary;    /* of elapsed_s */
    /* Each worker's share of each sample's runs (kernels/share.h), per run (averaged over the
     * sample's inner runs): n x team_size, sample-major, worker w of sample i at [i * team_size + w].
     * A worker is a thread: team_size == threads. With MPI ranks it becomes ranks x threads,
     * rank-major, so that process and thread load balance both follow from the same arrays.
     * team_size 0: nothing recorded (the serial baseline, the size scan, an older record). */
    int team_size;
    double *useful_s;                /* its entry into the region to the end of its last chunk */
    double *iterations;              /* loop iterations it ran */
    double *chunks;                  /* chunks it took; NAN: not counted (guided, auto) */
};

/* A STREAM-style copy over a kernel's own arrays (kernel->run_copy), timed in the same run on the
 * same instance and team size as its measurements: the memory bandwidth their bandwidth_gbs is
 * held against (Hoefler and Belli: show the bound). */
struct results_copy {
    int kernel;                      /* index into plan->kernels */
    double scan_size, weak_size;     /* those of the instance it ran on, as in its measurements */
    int threads;
    long inner;                      /* copies back to back in one timed sample */
    double bytes;                    /* per copy, counted as the kernel's bytes() */
    double *elapsed_s;               /* per copy (sample time / inner), one per timed sample */
    int n;
    struct stats_summary summary;    /* of elapsed_s */
};

/* Why a result cannot be taken at face value: bits of derived.suspect. The rules are in
 * results.c (results_derive); results_suspect_format names them, joined by ';'. */
enum results_suspect {
    RESULTS_SUSPECT_SUPERLINEAR = 1 << 0,     /* efficiency's CI entirely above 1, or its median
                                                 above 1 + RESULTS_SUPERLINEAR_TOLERANCE */
    RESULTS_SUSPECT_SLOW_SERIAL = 1 << 1,     /* the series' 1-thread speed-up CI misses 1 by > 3% */
    RESULTS_SUSPECT_NOISY = 1 << 2,           /* speed-up CI still wider than --ci-target at the end */
    RESULTS_SUSPECT_DRIFT = 1 << 3,           /* the baseline's early and late halves differ beyond noise */
    RESULTS_SUSPECT_OVERSUBSCRIBED = 1 << 4,  /* more threads than CPUs available */
    RESULTS_SUSPECT_THROTTLED = 1 << 5,       /* the CPU was throttled during the kernel's runs */
};
enum { RESULTS_SUSPECT_COUNT = 6 };
#define RESULTS_SUPERLINEAR_TOLERANCE 0.02 /* superlinear: how far above 1 an efficiency may be */
#define RESULTS_SLOW_SERIAL_TOLERANCE 0.03  /* slow-serial: how far the 1-thread CI may miss 1 */
#define RESULTS_DRIFT_MIN 0.01              /* drift: smallest relative change of the baseline flagged */

/* Figures relative to the baselines; NAN where a baseline was not measured. */
struct derived {
    double speedup;                  /* THE speed-up: speedup_paired in an interleaved run, else
                                        speedup_medians */
    double speedup_ci_low, speedup_ci_high;  /* its interval */
    double speedup_paired;           /* median of T_serial / T_p over samples of the same round;
                                        NAN in a sequential run */
    double speedup_paired_ci_low, speedup_paired_ci_high;  /* the median's distribution-free CI */
    double speedup_medians;          /* T_serial / T_p, medians */
    double speedup_medians_ci_low, speedup_medians_ci_high;  /* from both medians' intervals
                                                                (stats_ratio_interval) */
    double speedup_1thread;          /* T_1thread / T_p, same schedule and chunk; in weak scaling
                                        throughput_p / throughput_1thread: the scaled speed-up */
    double efficiency;               /* speedup / p */
    double efficiency_ci_low, efficiency_ci_high;  /* speedup's interval / p */
    double efficiency_1thread;       /* speedup_1thread / p */
    double karp_flatt;               /* experimentally determined serial fraction; NAN at p = 1 */
    double karp_flatt_ci_low, karp_flatt_ci_high;  /* from the speed-up's interval */
    double throughput;               /* work / median time, per second */
    double bandwidth_gbs;            /* bytes / median time / 1e9; NAN when bytes are not counted */
    double copy_gbs;                 /* the bandwidth of the copy over the same arrays at the same
                                        size and threads (results_copy_of); NAN: none measured */
    double bandwidth_of_copy;        /* bandwidth_gbs / copy_gbs */
    struct pop_factors pop;          /* the POP efficiency factors (pop.h); NANs without team data */
    int verified;                    /* every timed run verified */
    unsigned suspect;                /* enum results_suspect bits; 0: fine */
};

/* Amdahl's law fitted to one kernel x schedule x chunk series of the main run, over the thread
 * counts that are not oversubscribed (sharing cores is not what the law describes) and whose
 * runs all verified (a failed one timed other work). */
struct results_fit {
    int kernel;
    enum sched_kind schedule;
    long chunk;
    char chunk_label[CHUNK_LABEL_MAX];
    struct amdahl_fit fit;           /* fit.ok = 0 when fewer than two thread counts */
    int karp_flatt_trend;            /* +1 e grows with p (overhead), 0 flat, -1 falls */
    int best;                        /* the kernel's series with the highest speed-up at the
                                        largest thread count that is not oversubscribed */
};

/* A copy of a kernel's data table (struct kernel_data), which outlives the kernel's state. */
struct results_table {
    char name[64];
    char **columns;
    int n_columns;
    double *values;
    long n_rows;
};

/* Where a kernel's share of the run went, in seconds of wall time; what the parts leave of
 * total_s is saving its artefacts, teardown and machine samples. */
struct results_time {
    double total_s;                  /* from its first setup to its last teardown */
    double setup_s;                  /* building its instances */
    double warmup_s;                 /* warm-up runs, which also size the inner repetitions */
    double timed_s;                  /* inside timed samples: what the statistics are about */
    double harness_s;                /* around timed samples: schedule, poisoning the output, waking
                                        the team, verifying, metrics */
    double copy_s;                   /* the copy reference (sqrtmap) */
    int samples;                     /* timed samples taken */
};

/* How the binary that measured was built (config.h of that build). */
struct results_build {
    char version[32], git_commit[64];
    char compiler_id[32], compiler_version[32], build_type[32];
    char c_flags[512];               /* every file's flags */
    char file_flags[512];            /* flags some files add: "kernels/sweep.c=-ffp-contract=off;" */
    char openmp_flags[64];
    long openmp_version;             /* _OPENMP: yyyymm of the spec the compiler implements */
};

struct results {
    const struct plan *plan;
    struct sysinfo machine;          /* the machine the run measured, read as it started (rank 0's) */
    struct hosts hosts;              /* a hybrid MPI run's ranks and hosts; n_ranks 0: no MPI */
    struct placement placement;      /* the binding (--bind) and where one team's threads ran */
    struct results_build build;
    time_t started;
    char **argv;                     /* the command line (results_set_command_line's copy) */
    int argc;
    struct measurement *m;
    int n, cap;
    double clock_granularity_s;
    int n_verify_failed;             /* timed runs whose output differed from serial */
    int instances_done;              /* plan_jobs instances measured whole: where --resume goes on */
    struct results_time time[PLAN_KERNELS_MAX];  /* where each kernel's time went */
    double overhead_table_s;         /* the overhead table's wall time */
    double clock_read_s;             /* one read of the clock: a timed sample pays two */
    int interrupted;                 /* stopped by SIGINT or SIGTERM before the plan's end */
    int n_warnings_measured;         /* warnings from planning and measuring; those after it are
                                        derived from all the results and made again on --resume */
    double wall_s;                   /* the whole run, setup and saving included */
    double peak_rss_bytes;           /* the process's peak memory (results_note_peak_rss); 0 unknown */
    char *loaded_env;                /* owns machine.omp_env's text when read by record_load */
    struct results_fit *fits;        /* filled by results_fit_all */
    int n_fits;
    struct overhead_row *overhead;   /* OpenMP's own costs (overhead.csv); NULL when not measured */
    int n_overhead;
    struct results_table *tables;    /* kernels' data tables, written as <name>.csv */
    struct results_copy *copies;     /* copies over kernels' arrays, in run order */
    int n_copies, cap_copies;
    struct sysinfo_sample samples[PLAN_KERNELS_MAX][2];  /* machine state before, after each kernel */
    double serial_section_s[PLAN_KERNELS_MAX];  /* --serial-fraction: seconds added to each run */
    int n_tables;
    struct warnings warnings;
};

/* Fills b with this binary's build facts (config.h). */
void results_build_init(struct results_build *b);
/* Starts an empty record for plan p, with this binary's build facts. */
void results_init(struct results *r, const struct plan *p);
/* Keeps a copy of the command line. Returns 0, or -1 when out of memory. */
int results_set_command_line(struct results *r, int argc, char *const *argv);

/* Records the process's peak memory so far in r->peak_rss_bytes (left 0 when the OS won't say). */
void results_note_peak_rss(struct results *r);

/* Appends a measurement with room for n samples of n_metrics metrics. Returns it, or NULL
 * when out of memory. */
struct measurement *results_add(struct results *r, int kernel, enum sched_kind schedule,
                                const struct plan_chunk *chunk, int threads, int n, int n_metrics);
/* Gives m room for team_size workers' shares per sample, zeroed. Returns 0, or -1 when out of
 * memory (m is then without team data). */
int results_add_team(struct measurement *m, int team_size);
/* Removes the measurements from index first on, and the copies from first_copy on (an instance
 * cut short). */
void results_truncate(struct results *r, int first, int first_copy);
/* Appends a copy of kernel at threads with room for n samples. Returns it, or NULL when out of
 * memory. */
struct results_copy *results_add_copy(struct results *r, int kernel, int threads, int n);
/* The copy measured with m's kernel, scan size, weak-scaling size and threads, or NULL. */
const struct results_copy *results_copy_of(const struct results *r, const struct measurement *m);
/* Fills m->summary from its samples. Returns 0, or -1 when out of memory. */
int results_summarize(struct measurement *m);
/* The cores a configuration ran on: ranks x threads (threads on one rank). */
int results_cores(const struct measurement *m);
/* The serial baseline of a kernel's main run (scan_size 0; in weak scaling, its first size) or
 * of one scan size. */
const struct measurement *results_serial(const struct results *r, int kernel, double scan_size);
/* The 1-thread measurement (on one rank) with m's kernel, schedule, chunk and scan size (in weak
 * scaling, at its own size), or NULL. */
const struct measurement *results_one_thread(const struct results *r, const struct measurement *m);
/* The serial baseline for m: same kernel, scan size and weak-scaling size. */
const struct measurement *results_serial_of(const struct results *r, const struct measurement *m);
void results_derive(const struct results *r, const struct measurement *m, struct derived *d);
/* The paired speed-up of m against serial: the summary of serial's sample / m's sample over the
 * rounds both have a sample in (in a sequential run: sample i with sample i). Returns 0, or -1
 * when there is no pair or memory fails. */
int results_paired_speedup(const struct measurement *serial, const struct measurement *m, struct stats_summary *s);
/* Writes the names of the suspect bits ("superlinear;noisy"), or "" when none. */
void results_suspect_format(unsigned suspect, char *buf, size_t size);
/* The name of suspect bit 1 << i ("superlinear", "slow-serial", ...), i < RESULTS_SUSPECT_COUNT. */
const char *results_suspect_name(int i);
/* What suspect bit 1 << i means and what to do about it: one sentence for the summary. */
const char *results_suspect_advice(int i);
/* How a serial fraction with an interval [low, high] reads: RESULTS_FRACTION_PLAIN when the
 * interval lies above 0; RESULTS_FRACTION_ZERO when it includes 0 ("0 within noise");
 * RESULTS_FRACTION_IMPOSSIBLE when it lies wholly below 0 (superlinear: no serial fraction
 * explains it); RESULTS_FRACTION_UNKNOWN when value is not finite. */
enum results_fraction { RESULTS_FRACTION_PLAIN, RESULTS_FRACTION_ZERO, RESULTS_FRACTION_IMPOSSIBLE,
                        RESULTS_FRACTION_UNKNOWN };
enum results_fraction results_fraction_kind(double value, double low, double high);
/* The break-even size of a kernel's scan at threads: the smallest scanned size from which the
 * parallel run beats serial at every larger scanned size too; NAN when it never does. */
double results_break_even(const struct results *r, int kernel, int threads);
/* The break-even size worth marking on a chart: results_break_even's, where it says something
 * about parallel work: more than one thread (one thread beating serial is noise or code layout)
 * and, at the largest scanned size, a speed-up whose CI lies wholly above 1. NAN otherwise. */
double results_break_even_clear(const struct results *r, int kernel, int threads);
/* The overhead row for construct ("parallel", "barrier", "schedule") with schedule and chunk
 * (for "schedule") at threads, or NULL. */
const struct overhead_row *results_overhead(const struct results *r, const char *construct, const char *schedule,
                                            int chunk, int threads);
/* Fits Amdahl's law to every series of the main run into r->fits. Returns 0, or -1 when out
 * of memory. */
int results_fit_all(struct results *r);
/* Keeps a copy of a kernel's data table. Returns 0, or -1 when out of memory. */
int results_keep_table(struct results *r, const struct kernel_data *t);
void results_free(struct results *r);

#endif
