/* kernel.h -- the one interface every ompscale kernel implements, and the kernel table.
 *
 * A kernel builds a problem instance ("state") from resolved parameter values. run_serial()
 * is a real serial code path that never enters an OpenMP region and writes the reference
 * output; run_parallel() does the same work with OpenMP loops that use schedule(runtime) and
 * writes a separate output, which verify() compares with the reference, and records each
 * thread's share of its loop through share.h. The runner chooses the team size, schedule kind
 * and chunk; a kernel never reads options, prints, or knows about CSV files or charts. Adding a
 * kernel is one file and its name in OMPSCALE_KERNELS (CMakeLists.txt).
 */
#ifndef OMPSCALE_KERNEL_H
#define OMPSCALE_KERNEL_H

#include <stddef.h>

#include "share.h"

enum { KERNEL_MAX_PARAMS = 16 };

/* Fixed problem sizes, as NPB classes: S for tests, W (default) fits a Raspberry Pi 3. */
enum kernel_class { CLASS_S, CLASS_W, CLASS_A, CLASS_B, CLASS_COUNT };

enum param_type { PARAM_INT, PARAM_REAL, PARAM_BOOL };

struct kernel_param {
    const char *name;
    enum param_type type;
    double min, max;               /* accepted range, inclusive */
    double by_class[CLASS_COUNT];  /* default value in each class */
    const char *help;
};

/* A named chunk unit: "row" is as many loop iterations as the value of parameter "width". */
struct kernel_unit {
    const char *name;
    const char *param;
};

/* A table of results beyond timings (a sweep's value per grid point), which the harness
 * writes as <name>.csv in the run directory. Numbers only; the kernel owns the storage. */
struct kernel_data {
    const char *name;               /* file stem, e.g. "sweep" */
    const char *const *columns;
    int n_columns;
    const double *values;           /* n_rows x n_columns, row-major */
    long n_rows;
};

struct kernel {
    const char *name;
    const char *summary;
    const char *iteration;         /* what one iteration of the parallel loop is: "pixel" */
    const char *work_unit;         /* unit of work(): "iterations" */
    const char *default_chunks;    /* --chunk list used when none is given */
    const struct kernel_param *params;
    int n_params;
    const struct kernel_unit *units;
    int n_units;
    /* Size scan (sqrt-map's break-even): the parameter the runner varies, log-spaced from
     * scan_min up to its class value, timing serial and each thread count. NULL: no scan. */
    const char *scan_param;
    double scan_min;
    /* Weak scaling (--scaling weak): the parameter multiplied by the thread count, so that the
     * work per thread stays about the same. NULL: the kernel has no weak-scaling run. */
    const char *weak_param;

    /* Checks relations between parameter values (e.g. xmin < xmax). Returns 0 when they are
     * consistent, else -1 with a one-line reason in why. May be NULL. */
    int (*check)(const double *values, char *why, size_t why_size);
    /* Bytes of memory a problem instance with these parameter values needs at most (setup's
     * allocations and a run's working buffers, for up to threads threads), so that a size the
     * machine cannot hold is refused before anything runs. */
    double (*memory_bytes)(const double *values, int threads);
    /* Builds a problem instance. dir is the run's output directory, for kernels whose work
     * is writing files. Returns 0, or -1 when memory (or the file system) fails. */
    int (*setup)(void **state, const double *values, const char *dir);
    /* One run. Returns 0, or -1 when the run could not do its work for a reason outside the
     * code (a file it writes: a full disk), with one line in why naming the path and errno.
     * That is a runtime failure: the runner stops at once. Wrong output is verify()'s to find. */
    int (*run_serial)(void *state, char *why, size_t why_size);
    /* team (may be NULL: record nothing) receives each thread's share of the parallel loop:
     * share_begin, share_iteration and share_end around an `omp for ... nowait` (share.h). */
    int (*run_parallel)(void *state, const struct share_team *team, char *why, size_t why_size);
    /* run_parallel's work on the loop's iterations [begin, end) only: the same OpenMP loop with
     * schedule(runtime), recording its threads' shares in team the same way, writing only their
     * part of the parallel output (run_parallel is run_range over every iteration). A hybrid MPI
     * run gives each rank one block of iterations. */
    int (*run_range)(void *state, const struct share_team *team, long begin, long end, char *why,
                     size_t why_size);
    /* Where the parallel output of iterations [begin, end) lies: its first byte, its size in
     * *bytes. Neighbouring ranges lie side by side, so rank 0 gathers the ranks' blocks in place. */
    void *(*output_range)(void *state, long begin, long end, size_t *bytes);
    /* Poisons the parallel output, so that work run_parallel skipped cannot pass verify. */
    void (*reset)(void *state);
    /* Returns 0 when the parallel output equals the serial one, else -1 with the first
     * difference described in why. */
    int (*verify)(const void *state, char *why, size_t why_size);
    /* Iterations of the parallel loop in one run (the unit of --chunk). */
    long (*n_iterations)(const void *state);
    /* Work done by one run, in work_unit, for throughput; valid after run_serial. */
    double (*work)(const void *state);
    /* Bytes one run moves to and from memory, counted as STREAM counts them (each array
     * element read or written once); NULL where bandwidth means nothing. */
    double (*bytes)(const void *state);
    /* A STREAM-style copy over the run's own arrays (out[i] = in[i], schedule(static), at the
     * team size the runner sets), timed beside run_parallel as the memory bandwidth it is held
     * against; it moves bytes() bytes, counted the same way. It may write only what reset()
     * poisons, so verification stays sound. Returns 0, or -1 with why. NULL: no reference. */
    int (*run_copy)(void *state, char *why, size_t why_size);
    /* Named per-run figures besides the elapsed time (e.g. seconds spent writing files),
     * of the last run, serial or parallel. metrics may be NULL when n_metrics is 0. Each is a sum
     * over the run's iterations, so a run split over ranks reports the sum of the ranks' figures. */
    const char *const *metric_names;
    int n_metrics;
    void (*metrics)(const void *state, double *values);
    /* Fills t with results beyond timings, from the serial output. Returns 0, or -1.
     * May be NULL. */
    int (*data)(const void *state, struct kernel_data *t);
    /* Writes the kernel's own artefacts (a picture, a table) into dir, from the serial
     * output. Returns 0, or -1 with the reason in why. May be NULL. */
    int (*save)(const void *state, const char *dir, char *why, size_t why_size);
    void (*teardown)(void *state);
};

extern const struct kernel *const kernel_table[];
extern const int kernel_count;

const struct kernel *kernel_find(const char *name);
int kernel_param_index(const struct kernel *k, const char *name);
const char *kernel_class_name(enum kernel_class c);
int kernel_class_parse(const char *s, enum kernel_class *c);

#endif
