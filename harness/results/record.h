/* record.h -- results.json, the one record of a run: everything in struct results, written
 * whole at the end of a run and read back whole by the commands that work on a finished run
 * (plot, compare). meta.json is the record's description part, written by the same code. */
#ifndef OMPSCALE_RECORD_H
#define OMPSCALE_RECORD_H

#include <json-c/json.h>
#include <stddef.h>

#include "plan.h"
#include "results.h"

#define RECORD_FORMAT "ompscale-results"
#define RECORD_FILE "results.json"
enum { RECORD_FORMAT_VERSION = 1 };  /* raise when a key changes meaning or goes; adding keys is fine */

/* What record_load returns besides 0. */
enum { RECORD_BAD = -1,        /* missing, unreadable, not JSON, or not a record this ompscale reads */
       RECORD_NO_MEMORY = -2 };

/* The record's "build" object (compiler, flags, OpenMP) and "omp_env" object (every OMP_*,
 * GOMP_*, KMP_* variable of si), as results.json and meta.json hold them, for `ompscale info
 * --format json`. New objects the caller owns. */
json_object *record_build_json(const struct results_build *b);
json_object *record_env_json(const struct sysinfo *si);

/* Writes the whole record of r to path (results.json). Returns 0, or -1 with
 * "PATH: write failed: reason" in err. */
int record_write(const struct results *r, const char *path, char *err, size_t err_size);
/* Writes the record's description (machine, build, command line, plan, kernels' parameters and
 * state, warnings; not the measurements, fits, overhead rows and tables) to path (meta.json).
 * Returns 0, or -1 with err set. */
int record_write_meta(const struct results *r, const char *path, char *err, size_t err_size);
/* Reads a record: dir_or_file is a run directory (its results.json is read) or the file itself.
 * Fills p and r (r->plan = p) so that the writers, the summary and the charts work from it as
 * from a live run; kernels are found by name. Summaries, derived figures and fits are written
 * for other readers but recomputed here from the samples, so they cannot disagree with them.
 * Returns 0; RECORD_BAD with "PATH: KEY: why" in err (a missing key, a value of the wrong type
 * or range, an unknown kernel, a format_version newer than RECORD_FORMAT_VERSION); or
 * RECORD_NO_MEMORY. Call results_free(r) afterwards whatever it returned. */
int record_load(const char *dir_or_file, struct plan *p, struct results *r, char *err, size_t err_size);

#endif
