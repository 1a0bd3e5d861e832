/* parse.h -- strict parsing of numbers and of the lists the command line takes. */
#ifndef OMPSCALE_PARSE_H
#define OMPSCALE_PARSE_H

#include <stddef.h>

enum { THREADS_MAX = 4096, LIST_MAX = 256, CHUNK_LABEL_MAX = 32 };

/* A --chunk item as written: "64" (iterations), "row" or "4row" (count x a kernel's unit),
 * or "default" (the implementation's default chunk, count 0). */
struct chunk_spec {
    long count;
    char unit[CHUNK_LABEL_MAX];    /* "" for plain iterations */
    char label[CHUNK_LABEL_MAX];   /* as the user wrote it */
};

/* Each returns 0, or -1 with a reason in why (which never repeats the input). */
int parse_long(const char *s, long min, long max, long *out, char *why, size_t why_size);
int parse_double(const char *s, double *out, char *why, size_t why_size);
/* "1-4", "1,2,4,8", "1-2,8": sorted, without duplicates, each in 1..THREADS_MAX. */
int parse_thread_list(const char *s, int *out, int *n_out, char *why, size_t why_size);
int parse_chunk_list(const char *s, struct chunk_spec *out, int *n_out, char *why, size_t why_size);

/* Copies in to out with control bytes written as \n, \t or \xHH, so that a value echoed in a
 * message stays on its one line; out is always terminated. */
void parse_escape(const char *in, char *out, size_t out_size);

#endif
