/* text.c -- durations in units that fit and lines within TEXT_WIDTH columns, for the console and
 * summary.txt.
 *
 * Columns are counted in UTF-8 code points (every byte but continuation bytes 10xxxxxx): the text
 * ompscale prints is ASCII apart from "µ", and no character it prints is double-width. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

void text_seconds(double s, char *buf, size_t size)
{
    static const char *const units[] = {"ns", "µs", "ms", "s"};
    static const double scale[] = {1e9, 1e6, 1e3, 1};
    if (!isfinite(s)) {
        snprintf(buf, size, "-");
        return;
    }
    if (s == 0) {
        snprintf(buf, size, "0 s");
        return;
    }
    double a = fabs(s);
    int u = a < 1e-6 ? 0 : a < 1e-3 ? 1 : a < 1 ? 2 : 3;
    double v = a * scale[u];
    if (u < 3 && v >= 999.5) {  /* would print as 1000 of this unit: the next one reads better */
        u++;
        v = a * scale[u];
    }
    const char *sign = s < 0 ? "-" : "";
    if (v >= 99.95)
        snprintf(buf, size, "%s%.0f %s", sign, v, units[u]);
    else if (v >= 9.995)
        snprintf(buf, size, "%s%.1f %s", sign, v, units[u]);
    else
        snprintf(buf, size, "%s%.2f %s", sign, v, units[u]);
}

int text_columns(const char *s)
{
    int n = 0;
    for (; *s != '\0'; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

void text_pad(const char *s, int width, int right, char *buf, size_t size)
{
    int pad = width - text_columns(s);
    if (pad < 0)
        pad = 0;
    snprintf(buf, size, "%*s%s%*s", right ? pad : 0, "", s, right ? 0 : pad, "");
}

/* Columns of the len bytes at s. */
static int span_columns(const char *s, size_t len)
{
    int n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* Writes one line (no '\n' in it, len bytes) broken to TEXT_WIDTH columns. */
static void put_line(FILE *f, const char *line, size_t len, int hang)
{
    size_t lead = 0;
    while (lead < len && line[lead] == ' ')
        lead++;
    int indent = 0;           /* columns of the continuation indent already written */
    size_t first_word = lead; /* no break inside the line's own leading spaces */
    while (len > 0 && indent + span_columns(line, len) > TEXT_WIDTH) {
        /* Break at the last space before which the line fits; with none, after the first word,
         * which stays whole. */
        size_t cut = 0;
        int cols = indent;
        for (size_t i = 0; i < len && cols <= TEXT_WIDTH + 1; i++) {
            cols += ((unsigned char)line[i] & 0xC0) != 0x80;
            if (line[i] == ' ' && i > first_word && cols - 1 <= TEXT_WIDTH)
                cut = i;
        }
        if (cut == 0) {
            for (cut = first_word; cut < len && line[cut] != ' '; cut++)
                ;
            if (cut == len)
                break;
        }
        size_t end = cut;
        while (end > 0 && line[end - 1] == ' ')
            end--;
        fprintf(f, "%.*s\n", (int)end, line);
        while (cut < len && line[cut] == ' ')
            cut++;
        line += cut;
        len -= cut;
        if (len == 0)
            return;
        indent = (int)lead + hang;
        first_word = 0;
        fprintf(f, "%*s", indent, "");
    }
    fprintf(f, "%.*s", (int)len, line);
}

int text_vprint(FILE *f, int hang, const char *fmt, va_list ap)
{
    char small[1024], *text = small;
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    if (n >= (int)sizeof small && (text = malloc((size_t)n + 1)) != NULL)
        vsnprintf(text, (size_t)n + 1, fmt, copy);
    else if (n >= (int)sizeof small || n < 0) {  /* no memory for the text: it goes out unbroken */
        vfprintf(f, fmt, copy);
        va_end(copy);
        return -1;
    }
    va_end(copy);
    for (const char *line = text;;) {
        const char *nl = strchr(line, '\n');
        size_t len = nl != NULL ? (size_t)(nl - line) : strlen(line);
        put_line(f, line, len, hang);
        if (nl == NULL)
            break;
        fputc('\n', f);
        line = nl + 1;
    }
    if (text != small)
        free(text);
    return 0;
}

int text_print(FILE *f, int hang, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = text_vprint(f, hang, fmt, ap);
    va_end(ap);
    return rc;
}
