/* html.h -- self-contained HTML pages (report.html, compare.html): escaped text, the page frame
 * and its stylesheet, SVG charts inlined, PNG pictures as data URIs. A page written with these
 * refers to nothing outside itself. */
#ifndef OMPSCALE_HTML_H
#define OMPSCALE_HTML_H

#include <stddef.h>
#include <stdio.h>

/* Writes s as HTML text: &, <, >, " and ' as entities, control bytes as U+FFFD, so that any
 * string from a record (a host name, a command line) is shown as it is and never read as markup. */
void html_text(FILE *f, const char *s);
/* html_text of a printf-style formatted string (truncated past 4 KiB). */
void html_textf(FILE *f, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Opens the page: doctype, head with title (escaped) and the stylesheet, and <body>. */
void html_begin(FILE *f, const char *title);
/* Closes <body> and the page. */
void html_end(FILE *f);

/* Copies the SVG file at path (gnuplot's svg terminal) into the page as an inline <svg> element:
 * the XML prologue is dropped and every id (and each reference to one) gets prefix, so that the
 * markers of several charts on one page do not collide; gnuplot's own group ids, which nothing
 * references, are dropped. Returns 0, or -1 with "PATH: why" in err (unreadable, no <svg>). */
int html_svg_file(FILE *f, const char *path, const char *prefix, char *err, size_t err_size);

/* Writes the PNG at path as an <img> whose source is a data URI: the file as it is, or, when it is
 * wider or higher than max_px, scaled down with cairo so that the page stays small. alt is
 * escaped. Returns 0, or -1 with "PATH: why" in err. */
int html_png_file(FILE *f, const char *path, int max_px, const char *alt, char *err, size_t err_size);

/* Writes a page to path atomically: write(f, ctx) into a hidden temporary file beside path,
 * flushed to disk, then renamed over path, so that a reader sees the old page or the new one and
 * an interrupted write leaves no half page. write returns 0, or -1 with err set. Returns 0, or -1
 * with err ("PATH: why") and no file left behind. */
int html_write_file(const char *path, int (*write)(FILE *f, void *ctx, char *err, size_t err_size), void *ctx,
                    char *err, size_t err_size);

#endif
