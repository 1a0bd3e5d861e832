/* rundir.h -- the run's output directory: written under a hidden staging name and renamed
 * into place only when complete, so results are never half-written or overwritten. */
#ifndef OMPSCALE_RUNDIR_H
#define OMPSCALE_RUNDIR_H

#include <stddef.h>
#include <time.h>

enum { RUNDIR_PATH_MAX = 4096 };

struct rundir {
    char parent[RUNDIR_PATH_MAX];    /* "results" or the --out directory's parent */
    char name[RUNDIR_PATH_MAX];      /* final name inside parent */
    char staging[RUNDIR_PATH_MAX];   /* where files are written until commit */
    char path[RUNDIR_PATH_MAX];      /* parent/name, valid after commit */
    int explicit_out;                /* --out given: no suffixing */
    int link_latest;                 /* point parent/latest at it (default names; a caller may clear it) */
    int replace;                     /* rundir_reopen: commit replaces the existing directory */
    char stale[1024];                /* staging directories of dead processes recovered or removed on
                                        open, or "" */
};

/* Checks that --out names a directory that does not exist yet. Returns 0, or -1 with err. */
int rundir_check_out(const char *out, char *err, size_t err_size);
/* Creates the staging directory for out (NULL: results/<host>-<YYYYmmdd-HHMMSS>). Staging
 * directories that processes no longer running left in the same parent (a run killed outright)
 * are dealt with first and named in d->stale: moved into place when they hold a checkpointed
 * results.json, else removed. Returns 0, or -1 with err set. */
int rundir_open(struct rundir *d, const char *out, const char *host, time_t when, char *err, size_t err_size);
/* Opens a staging directory that will replace the existing run directory dir (--resume), with
 * dir's plain files copied into it; dir stays untouched until rundir_commit. Returns 0, or -1
 * with err set. */
int rundir_reopen(struct rundir *d, const char *dir, char *err, size_t err_size);
/* Renames the staging directory to its final name (adding -2, -3, ... to a default name that
 * was taken meanwhile) and points parent/latest at it. Returns 0; 1 when the results are in
 * place but latest could not be updated; -1 when they stay in staging. err says why. */
int rundir_commit(struct rundir *d, char *err, size_t err_size);
/* Creates an empty scratch directory in $TMPDIR (else /tmp) as d->staging, for work that must
 * leave nothing behind; rundir_abandon removes it. Returns 0, or -1 with err set. */
int rundir_scratch(struct rundir *d, char *err, size_t err_size);
/* Removes the staging directory and everything in it. */
void rundir_abandon(struct rundir *d);

#endif
