/* fileio.c -- open, write, flush to disk, close; errors carry errno's reason. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"

FILE *fileio_create(const char *path, char *err, size_t err_size)
{
    FILE *f = fopen(path, "w");
    if (f == NULL)
        snprintf(err, err_size, "%s: %s", path, strerror(errno));
    return f;
}

int fileio_close(FILE *f, const char *path, char *err, size_t err_size)
{
    /* errno after a failed buffered write is the write's reason as long as nothing ran since;
     * the flush and fsync below set it again when the failure is theirs. */
    int failed_errno = ferror(f) ? (errno ? errno : EIO) : 0;
    errno = 0;
    if (fflush(f) != 0 || fsync(fileno(f)) != 0)
        failed_errno = failed_errno ? failed_errno : (errno ? errno : EIO);
    if (fclose(f) != 0 && failed_errno == 0)
        failed_errno = errno ? errno : EIO;
    if (failed_errno != 0) {
        snprintf(err, err_size, "%s: write failed: %s", path, strerror(failed_errno));
        return -1;
    }
    return 0;
}

int fileio_write_text(const char *path, const char *text, char *err, size_t err_size)
{
    FILE *f = fileio_create(path, err, err_size);
    if (f == NULL)
        return -1;
    fputs(text, f);
    return fileio_close(f, path, err, err_size);
}
