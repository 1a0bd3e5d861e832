/* rundir.c -- the run's output directory, staged and then renamed into place. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdlib.h>
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

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw);

/* Deals with parent/.NAME.partial-PID directories whose process is gone: one that holds a
 * checkpointed results.json is moved into place as NAME (NAME-recovered-PID when taken), so that
 * --resume can finish it; any other is removed. Both are listed in d->stale. */
static void clean_stale(struct rundir *d)
{
    DIR *dir = opendir(d->parent);
    struct dirent *e;
    while (dir != NULL && (e = readdir(dir)) != NULL) {
        const char *mark = strstr(e->d_name, ".partial-");
        char *end;
        if (e->d_name[0] != '.' || mark == NULL)
            continue;
        long pid = strtol(mark + 9, &end, 10);
        if (*end != '\0' || pid <= 0 || pid == (long)getpid() || kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue;
        char path[RUNDIR_PATH_MAX], record[RUNDIR_PATH_MAX + 16], to[RUNDIR_PATH_MAX];
        struct stat st;
        size_t len = strlen(d->stale);
        snprintf(path, sizeof path, "%.2000s/%.2000s", d->parent, e->d_name);
        snprintf(record, sizeof record, "%s/results.json", path);
        snprintf(to, sizeof to, "%.2000s/%.*s", d->parent, (int)(mark - e->d_name - 1), e->d_name + 1);
        if (lstat(to, &st) == 0)
            snprintf(to, sizeof to, "%.2000s/%.*s-recovered-%ld", d->parent, (int)(mark - e->d_name - 1),
                     e->d_name + 1, pid);
        if (access(record, R_OK) == 0 && lstat(to, &st) != 0 && rename(path, to) == 0)
            snprintf(d->stale + len, sizeof d->stale - len, "%s%s recovered as %s (finish it with ompscale run "
                     "--resume %s)", len ? "; " : "", path, to, to);
        else if (nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS) == 0)
            snprintf(d->stale + len, sizeof d->stale - len, "%s%s removed (nothing measured whole)", len ? "; " : "",
                     path);
    }
    if (dir != NULL)
        closedir(dir);
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
        d->link_latest = 1;
    }
    if (make_dirs(d->parent) != 0) {
        snprintf(err, err_size, "cannot create '%s': %s", d->parent, strerror(errno));
        return -1;
    }
    clean_stale(d);
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

/* Copies the plain file from to to. Returns 0, or -1 with errno set. */
static int copy_file(const char *from, const char *to)
{
    char buf[1 << 16];
    int in = open(from, O_RDONLY), out = in < 0 ? -1 : open(to, O_WRONLY | O_CREAT | O_EXCL, 0666);
    ssize_t n = 0;
    while (out >= 0 && (n = read(in, buf, sizeof buf)) > 0)
        if (write(out, buf, (size_t)n) != n) {
            n = -1;
            break;
        }
    int saved = errno, rc = in < 0 || out < 0 || n < 0 || fsync(out) != 0 ? -1 : 0;
    if (in >= 0)
        close(in);
    if (out >= 0 && close(out) != 0)
        rc = -1;
    errno = rc ? (saved ? saved : EIO) : 0;
    return rc;
}

int rundir_reopen(struct rundir *d, const char *dir, char *err, size_t err_size)
{
    memset(d, 0, sizeof *d);
    split_path(dir, d->parent, d->name);
    d->explicit_out = d->replace = 1;
    snprintf(d->staging, sizeof d->staging, "%.2000s/.%.2000s.partial-%ld", d->parent, d->name, (long)getpid());
    if (mkdir(d->staging, 0777) != 0) {
        snprintf(err, err_size, "cannot create '%s': %s", d->staging, strerror(errno));
        return -1;
    }
    DIR *from = opendir(dir);
    struct dirent *e;
    if (from == NULL) {
        snprintf(err, err_size, "%s: %s", dir, strerror(errno));
        rundir_abandon(d);
        return -1;
    }
    while ((e = readdir(from)) != NULL) {
        char src[RUNDIR_PATH_MAX], dst[RUNDIR_PATH_MAX];
        struct stat st;
        snprintf(src, sizeof src, "%.2000s/%.2000s", dir, e->d_name);
        snprintf(dst, sizeof dst, "%.2000s/%.2000s", d->staging, e->d_name);
        if (e->d_name[0] == '.' || lstat(src, &st) != 0 || !S_ISREG(st.st_mode))
            continue;  /* the run's own files are plain files; folders (kept scatter plots) stay behind */
        if (copy_file(src, dst) != 0) {
            snprintf(err, err_size, "%s: copy to %s failed: %s", src, dst, strerror(errno));
            closedir(from);
            rundir_abandon(d);
            return -1;
        }
    }
    closedir(from);
    return 0;
}

/* Swaps the staging directory in for the existing one: the old one is renamed aside, then
 * removed once the new one is in place. */
static int commit_replace(struct rundir *d, char *err, size_t err_size)
{
    char aside[RUNDIR_PATH_MAX];
    snprintf(d->path, sizeof d->path, "%.2000s/%.2000s", d->parent, d->name);
    snprintf(aside, sizeof aside, "%.2000s/.%.2000s.replaced-%ld", d->parent, d->name, (long)getpid());
    if (rename(d->path, aside) != 0) {
        snprintf(err, err_size, "cannot move '%s' aside: %s; results kept in '%s'", d->path, strerror(errno), d->staging);
        return -1;
    }
    if (rename(d->staging, d->path) != 0) {
        snprintf(err, err_size, "cannot rename '%s' to '%s': %s", d->staging, d->path, strerror(errno));
        rename(aside, d->path);
        return -1;
    }
    nftw(aside, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    return 0;
}

int rundir_commit(struct rundir *d, char *err, size_t err_size)
{
    if (d->replace)
        return commit_replace(d, err, err_size);
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
            return !d->link_latest || link_latest(d, err, err_size) == 0 ? 0 : 1;
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
