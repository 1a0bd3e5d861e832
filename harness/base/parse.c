/* parse.c -- strict parsing of numbers and of the lists the command line takes.
 * Numbers go through strtol/strtod with an end pointer, errno and range checks. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

int parse_long(const char *s, long min, long max, long *out, char *why, size_t why_size)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (end == s || *end != '\0' || isspace((unsigned char)s[0])) {
        snprintf(why, why_size, "not an integer");
        return -1;
    }
    if (errno == ERANGE || v < min || v > max) {
        snprintf(why, why_size, "out of range %ld..%ld", min, max);
        return -1;
    }
    *out = v;
    return 0;
}

int parse_double(const char *s, double *out, char *why, size_t why_size)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end != '\0' || isspace((unsigned char)s[0])) {
        snprintf(why, why_size, "not a number");
        return -1;
    }
    if (errno == ERANGE || !isfinite(v)) {
        snprintf(why, why_size, "not a finite number");
        return -1;
    }
    *out = v;
    return 0;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Splits s at commas into items (empty items are an error). Returns the count, or -1. */
static int split(const char *s, char items[][64], int max, char *why, size_t why_size)
{
    int n = 0;
    const char *p = s;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (len == 0) {
            snprintf(why, why_size, "empty item in list");
            return -1;
        }
        if (len >= 64 || n == max) {
            snprintf(why, why_size, len >= 64 ? "item too long" : "too many items");
            return -1;
        }
        memcpy(items[n], p, len);
        items[n++][len] = '\0';
        if (comma == NULL)
            return n;
        p = comma + 1;
    }
}

int parse_thread_list(const char *s, int *out, int *n_out, char *why, size_t why_size)
{
    char items[LIST_MAX][64];
    int n_items = split(s, items, LIST_MAX, why, why_size);
    if (n_items < 0)
        return -1;
    int n = 0;
    for (int i = 0; i < n_items; i++) {
        char *dash = strchr(items[i] + 1, '-');  /* +1: a leading '-' is a sign, not a range */
        long lo, hi;
        char sub[64];
        if (dash != NULL) {
            *dash = '\0';
            if (parse_long(items[i], 1, THREADS_MAX, &lo, sub, sizeof sub) != 0 ||
                parse_long(dash + 1, 1, THREADS_MAX, &hi, sub, sizeof sub) != 0) {
                snprintf(why, why_size, "bad range '%s-%s': ends must be integers 1..%d", items[i], dash + 1,
                         THREADS_MAX);
                return -1;
            }
            if (lo > hi) {
                snprintf(why, why_size, "bad range '%ld-%ld': start above end", lo, hi);
                return -1;
            }
        } else {
            if (parse_long(items[i], 1, THREADS_MAX, &lo, sub, sizeof sub) != 0) {
                snprintf(why, why_size, "bad thread count '%s': %s", items[i], sub);
                return -1;
            }
            hi = lo;
        }
        for (long t = lo; t <= hi; t++) {
            if (n == THREADS_MAX) {
                snprintf(why, why_size, "too many thread counts");
                return -1;
            }
            out[n++] = (int)t;
        }
    }
    qsort(out, (size_t)n, sizeof *out, cmp_int);
    int u = 0;
    for (int i = 0; i < n; i++)
        if (u == 0 || out[i] != out[u - 1])
            out[u++] = out[i];
    *n_out = u;
    return 0;
}

int parse_chunk_list(const char *s, struct chunk_spec *out, int *n_out, char *why, size_t why_size)
{
    char items[LIST_MAX][64];
    int n = split(s, items, LIST_MAX, why, why_size);
    if (n < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        struct chunk_spec *c = &out[i];
        const char *p = items[i];
        memset(c, 0, sizeof *c);
        if (strlen(p) >= sizeof c->label) {
            snprintf(why, why_size, "bad chunk '%.20s...': too long", p);
            return -1;
        }
        memcpy(c->label, p, strlen(p) + 1);
        if (strcmp(p, "default") == 0)
            continue;  /* count 0: the implementation's default */
        size_t digits = strspn(p, "0123456789");
        const char *unit = p + digits;
        for (const char *u = unit; *u; u++) {
            if (!isalpha((unsigned char)*u)) {
                snprintf(why, why_size, "bad chunk '%s': want N, a unit such as row, N followed by a unit, or default",
                         p);
                return -1;
            }
        }
        if (digits >= 19) {
            snprintf(why, why_size, "bad chunk '%s': too large", p);
            return -1;
        }
        c->count = digits ? strtol(p, NULL, 10) : 1;
        if (c->count < 1) {
            snprintf(why, why_size, "bad chunk '%s': must be at least 1", p);
            return -1;
        }
        memcpy(c->unit, unit, strlen(unit) + 1);  /* shorter than the label */
    }
    *n_out = n;
    return 0;
}

void parse_escape(const char *in, char *out, size_t out_size)
{
    size_t n = 0;
    if (out_size == 0)
        return;
    for (; *in && n + 5 < out_size; in++) {
        unsigned char c = (unsigned char)*in;
        if (c == '\n')
            n += (size_t)snprintf(out + n, out_size - n, "\\n");
        else if (c == '\t')
            n += (size_t)snprintf(out + n, out_size - n, "\\t");
        else if (c < 0x20 || c == 0x7f)
            n += (size_t)snprintf(out + n, out_size - n, "\\x%02x", c);
        else
            out[n++] = (char)c;
    }
    out[n] = '\0';
}
