/* fileio.h -- the one way ompscale writes a file: open, write, flush to disk, close, and an
 * error that names the path and the system's reason ("PATH: write failed: No space left"). */
#ifndef OMPSCALE_FILEIO_H
#define OMPSCALE_FILEIO_H

#include <stddef.h>
#include <stdio.h>

/* Opens path for writing, truncating it. Returns the file, or NULL with "PATH: reason" in err. */
FILE *fileio_create(const char *path, char *err, size_t err_size);
/* Flushes f to disk and closes it, whatever happened before. Returns 0, or -1 with
 * "PATH: write failed: reason" in err when any write to f, the flush or the close failed. */
int fileio_close(FILE *f, const char *path, char *err, size_t err_size);
/* Writes text to path in one go. Returns 0, or -1 with err set. */
int fileio_write_text(const char *path, const char *text, char *err, size_t err_size);

#endif
