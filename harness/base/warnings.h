/* warnings.h -- messages for the user that say what to do; printed at the end of a run and
 * stored in meta.json. */
#ifndef OMPSCALE_WARNINGS_H
#define OMPSCALE_WARNINGS_H

enum { WARNINGS_MAX = 64, WARNING_LEN = 320 };

struct warnings {
    char text[WARNINGS_MAX][WARNING_LEN];
    int n;
};

/* Adds a printf-style message; past WARNINGS_MAX, further messages are dropped. */
void warnings_add(struct warnings *w, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif
