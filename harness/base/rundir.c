/* rundir.c -- the run's output directory, staged and then renamed into place. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rundir.h"

#define DEFAULT_PARENT "results"

/* mkdir -p. Returns 0, or -1 with errno set. */
static int make_dirs(const char *path)
{
    char buf[RUNDIR_PATH_MAX];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    if (mkdir(buf, 0777) != 0 && errno != EEXIST)
        return -1;
    return 0;
}

/* Splits path into its parent and last component, dropping trailing slashes. */
static void split_path(const char *path, char *parent, char *name)
{
    char buf[RUNDIR_PATH_MAX];
    snprintf(buf, sizeof buf, "%s", path);
    size_t len = strlen(buf);
    while (len > 1 && buf[len - 1] == '/')
        buf[--len] = '\0';
    char *slash = strrchr(buf, '/');
    if (slash == NULL) {
        strcpy(parent, ".");
        snprintf(name, RUNDIR_PATH_MAX, "%s", buf);
    } else if (slash == buf) {
        strcpy(parent, "/");
        snprintf(name, RUNDIR_PATH_MAX, "%s", slash + 1);
    } else {
        *slash = '\0';
        snprintf(parent, RUNDIR_PATH_MAX, "%s", buf);
        snprintf(name, RUNDIR_PATH_MAX, "%s", slash + 1);
    }
}

int rundir_check_out(const char *out, char *err, size_t err_size)
{
    struct stat st;
    if (strlen(out) >= 2000) {
        snprintf(err, err_size, "--out '%.40s...': path too long", out);
        return -1;
    }
    if (lstat(out, &st) == 0) {
        snprintf(err, err_size, "--out '%s': already exists; results are never overwritten, name a new directory",
                 out);
        return -1;
    }
    char parent[RUNDIR_PATH_MAX], name[RUNDIR_PATH_MAX];
    split_path(out, parent, name);
    if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0 || name[0] == '\0') {
        snprintf(err, err_size, "--out '%s': name a new directory", out);
        return -1;
    }
    return 0;
}

int rundir_open(struct rundir *d, const char *out, const char *host, time_t when, char *err, size_t err_size)
{
    memset(d, 0, sizeof *d);
    if (out != NULL) {
        split_path(out, d->parent, d->name);
        d->explicit_out = 1;
    } else {
        char stamp[32];
        struct tm tm;
        localtime_r(&when, &tm);
        strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
        snprintf(d->parent, sizeof d->parent, "%s", DEFAULT_PARENT);
        snprintf(d->name, sizeof d->name, "%s-%s", host, stamp);
    }
    if (make_dirs(d->parent) != 0) {
        snprintf(err, err_size, "cannot create '%s': %s", d->parent, strerror(errno));
        return -1;
    }
    snprintf(d->staging, sizeof d->staging, "%.2000s/.%.2000s.partial-%ld", d->parent, d->name, (long)getpid());
    if (mkdir(d->staging, 0777) != 0) {
        snprintf(err, err_size, "cannot create '%s': %s", d->staging, strerror(errno));
        return -1;
    }
    return 0;
}

/* Points parent/latest at name, replacing an older link in one rename. */
static int link_latest(const struct rundir *d, char *err, size_t err_size)
{
    char tmp[RUNDIR_PATH_MAX], latest[RUNDIR_PATH_MAX];
    snprintf(tmp, sizeof tmp, "%.4000s/.latest.%ld", d->parent, (long)getpid());
    snprintf(latest, sizeof latest, "%.4000s/latest", d->parent);
    unlink(tmp);
    if (symlink(d->name, tmp) != 0 || rename(tmp, latest) != 0) {
        snprintf(err, err_size, "cannot point '%s' at %s: %s", latest, d->name, strerror(errno));
        unlink(tmp);
        return -1;
    }
    return 0;
}

int rundir_commit(struct rundir *d, char *err, size_t err_size)
{
    char base[RUNDIR_PATH_MAX];
    struct stat st;
    snprintf(base, sizeof base, "%s", d->name);
    for (int suffix = 1; suffix < 1000; suffix++) {
        if (suffix > 1)
            snprintf(d->name, sizeof d->name, "%.4000s-%d", base, suffix);
        snprintf(d->path, sizeof d->path, "%.2000s/%.2000s", d->parent, d->name);
        /* rename() would replace an empty directory, so look first. */
        if (lstat(d->path, &st) == 0) {
            if (d->explicit_out)
                break;
            continue;
        }
        if (rename(d->staging, d->path) == 0)
            return d->explicit_out || link_latest(d, err, err_size) == 0 ? 0 : 1;
        if (errno != EEXIST && errno != ENOTEMPTY) {
            snprintf(err, err_size, "cannot rename '%s' to '%s': %s", d->staging, d->path, strerror(errno));
            return -1;
        }
        if (d->explicit_out)
            break;
    }
    snprintf(err, err_size, "'%s' appeared during the run; results kept in '%s'", d->path, d->staging);
    return -1;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

int rundir_scratch(struct rundir *d, char *err, size_t err_size)
{
    const char *tmp = getenv("TMPDIR");
    memset(d, 0, sizeof *d);
    snprintf(d->staging, sizeof d->staging, "%s/ompscale-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
    if (mkdtemp(d->staging) == NULL) {
        snprintf(err, err_size, "cannot create a scratch directory in %s: %s", tmp && tmp[0] ? tmp : "/tmp",
                 strerror(errno));
        d->staging[0] = '\0';
        return -1;
    }
    return 0;
}

void rundir_abandon(struct rundir *d)
{
    if (d->staging[0] != '\0')
        nftw(d->staging, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}
