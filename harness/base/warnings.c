/* warnings.c -- messages for the user that say what to do. */
#include <stdarg.h>
#include <stdio.h>

#include "warnings.h"

void warnings_add(struct warnings *w, const char *fmt, ...)
{
    if (w->n == WARNINGS_MAX)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->text[w->n++], WARNING_LEN, fmt, ap);
    va_end(ap);
}
