/* options.h -- the command line, parsed into one struct; names are resolved later by plan. */
#ifndef OMPSCALE_OPTIONS_H
#define OMPSCALE_OPTIONS_H

#include <stddef.h>
#include <stdio.h>

#include "binding.h"
#include "kernel.h"
#include "parse.h"
#include "schedule.h"

enum command { CMD_RUN, CMD_LIST, CMD_OVERHEAD, CMD_INFO, CMD_PLOT, CMD_REPORT, CMD_COMPARE, CMD_HELP, CMD_VERSION };
enum { SETS_MAX = 64, NAME_MAX_LEN = 64 };
#define OPTIONS_SEED_MAX 9007199254740992ULL  /* 2^53: exact in every JSON reader */

/* One --set KERNEL.PARAM=VALUE, value still text: its type belongs to the kernel. */
struct param_set {
    char kernel[NAME_MAX_LEN];
    char param[NAME_MAX_LEN];
    char value[NAME_MAX_LEN];
};

struct options {
    enum command command;
    char kernels[LIST_MAX][NAME_MAX_LEN];  /* --kernel; none: every kernel */
    int n_kernels;
    int threads[THREADS_MAX];              /* --threads, sorted; none: 1..CPUs available */
    int n_threads;
    int ranks[THREADS_MAX];                /* --ranks (MPI builds), sorted; none: 1..the job's ranks */
    int n_ranks;
    enum sched_kind schedules[SCHED_COUNT]; /* --schedule; none: all four kinds */
    int n_schedules;
    struct chunk_spec chunks[LIST_MAX];    /* --chunk; none: each kernel's default list */
    int n_chunks;
    long reps, warmup;
    int reps_fixed;                        /* --reps given: no adaptive repetitions */
    long max_reps;                         /* cap on adaptive repetitions */
    double ci_target;                      /* adaptive: stop once the median's CI is this narrow */
    enum kernel_class class;
    struct param_set sets[SETS_MAX];
    int n_sets;
    const char *out_dir;                   /* --out; NULL: results/<host>-<time>/ */

    int chart_ascii;                       /* plot --chart ascii: the speed-up chart as text */
    const char *run_dir;                   /* plot, report: the run directory */
    char **operands;                       /* compare: the run directories (into argv) */
    int n_operands;
    int allow_mismatch;                    /* compare --allow-mismatch */
    const char *resume_dir;                /* run --resume DIR: finish an interrupted run */
    int no_overhead;                       /* --no-overhead: run skips the overhead table */
    double serial_fraction;                /* --serial-fraction: injected serial part, 0 <= F < 1 */
    int weak;                              /* --scaling weak: the problem grows with the threads */
    int sequential;                        /* --order sequential: no interleaved rounds */
    unsigned long long seed;               /* --seed: the rounds' random orders */
    int seed_given;                        /* 0: main draws the seed from the time */
    enum bind_kind bind;                   /* --bind; BIND_DEFAULT: the environment's, else close */
    int dry_run;                           /* --dry-run: print the plan and an estimate, measure nothing */
    int quiet;                             /* --quiet: nothing on stdout but what --format json asks for */
    int json;                              /* --format json: list, info and the run summary as JSON */
    enum command help_command;             /* help: the command to explain; CMD_HELP: all of them */
    int argc;                              /* the command line, for meta.json */
    char **argv;
};

/* Parses argv into opts. Returns 0, or -1 with a one-line "what: why" message in err. */
int options_parse(int argc, char **argv, struct options *opts, char *err, size_t err_size);
/* Writes the help of command c (ompscale c --help), or with CMD_HELP the list of commands, to f. */
void options_print_help(FILE *f, enum command c);

#endif
