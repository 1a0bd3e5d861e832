/* progress.h -- what a run shows while it measures: on a terminal one line rewritten in place with
 * the time left; otherwise (a pipe, a log file) plain lines, one per configuration. */
#ifndef OMPSCALE_PROGRESS_H
#define OMPSCALE_PROGRESS_H

#include <stdio.h>

#include "results.h"
#include "runner.h"

struct progress {
    FILE *out;              /* where it goes; NULL: nothing (--quiet) */
    int tty;                /* out is a terminal: one line, rewritten in place */
    int width;              /* columns the in-place line may take */
    int shown;              /* the in-place line is on the screen */
    char line[256];         /* the in-place line, without its time left */
    double left_s;          /* the last estimate of the time left; NAN: none yet */
    double left_at_s;       /* when it was made (clock_now_s) */
    double drawn_at_s;      /* when the in-place line was last drawn */
    int overhead_rows, overhead_done;  /* the overhead table's rows, and those measured */
    double overhead_start_s;
};

/* Starts showing progress on out (NULL: show nothing). */
void progress_init(struct progress *p, FILE *out);
/* An instance of a kernel starts: its jobs are r->m[first .. first + n - 1]. */
void progress_instance(struct progress *p, const struct results *r, int first, int n,
                       const struct runner_progress *pr);
/* Configuration m has its last sample. */
void progress_done(struct progress *p, const struct results *r, const struct measurement *m,
                   const struct runner_progress *pr);
/* Between samples: on a terminal, the time left counts down (redrawn at most twice a second). */
void progress_tick(struct progress *p);
/* The overhead table starts (rows of it to measure), and each row is done. */
void progress_overhead_start(struct progress *p, int rows, int thread_counts);
void progress_overhead_row(struct progress *p);
/* Takes the in-place line off the screen, before other output (an error on stderr, the
 * summary); the next update draws it again. */
void progress_clear(struct progress *p);
/* Writes "mandelbrot      static,row      2T" for m into buf: kernel, configuration, threads. */
void progress_describe(const struct results *r, const struct measurement *m, char *buf, size_t size);

#endif
