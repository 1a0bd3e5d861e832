/* html.c -- self-contained HTML pages: escaping, the frame and stylesheet, inline SVG, PNG data
 * URIs, and the atomic write.
 *
 * Everything a page shows that did not come from a literal in this code goes through html_text,
 * so a record's strings cannot become markup. Charts come from gnuplot's svg terminal and are
 * copied in as inline SVG with their ids prefixed: each gnuplot file defines the same marker ids
 * (gpPt0, gpPt1, ...), and on one page a <use href="#gpPt6"> would otherwise pick another chart's. */
#define _POSIX_C_SOURCE 200809L
#include <cairo.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "html.h"

void html_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default:
            if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
                fputs("&#xFFFD;", f);
            else
                fputc(c, f);
        }
    }
}

void html_textf(FILE *f, const char *fmt, ...)
{
    char buf[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    html_text(f, buf);
}

/* The one stylesheet: readable on a screen and printed, no web fonts (nothing is fetched). */
static const char stylesheet[] =
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;margin:0 auto;"
    "max-width:1200px;padding:0 1.2em 3em;color:#222;line-height:1.45}\n"
    "h1{font-size:1.6em;margin:.8em 0 .2em}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}\n"
    "h3{margin:1.4em 0 .4em}code,.mono{font-family:'DejaVu Sans Mono',Menlo,Consolas,monospace;font-size:.92em}\n"
    "table{border-collapse:collapse;margin:.5em 0 1em;font-size:.9em}.wide{overflow-x:auto}\n"
    "th,td{border:1px solid #d5d5d5;padding:.25em .55em;text-align:left;vertical-align:top}\n"
    "th{background:#f2f2f2}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "tr.serial td{background:#fafafa;color:#555}tr.over td{color:#888}\n"
    ".flag{display:inline-block;background:#fff3cd;border:1px solid #e0c46c;border-radius:3px;padding:0 .3em;"
    "margin:0 .15em .1em 0;font-size:.85em}\n"
    ".bad{background:#f8d7da;border-color:#d9868f}.ok{color:#2e7d32}.muted{color:#666}\n"
    ".alert{border:2px solid #c62828;background:#fdecea;padding:.6em 1em;margin:1em 0;border-radius:4px}\n"
    ".note{border-left:4px solid #e0c46c;background:#fffbea;padding:.4em 1em;margin:.8em 0}\n"
    "figure{margin:1em 0 2em}figure svg{width:100%;height:auto;display:block;border:1px solid #eee}\n"
    "figcaption{color:#444;font-size:.92em;margin-top:.3em}img.picture{max-width:100%;image-rendering:auto}\n"
    "nav ul{columns:3;list-style:none;padding:0}details{margin:.4em 0 1em}summary{cursor:pointer;font-weight:600}\n"
    "dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15em 1.2em}dl.facts dt{font-weight:600}\n"
    "dl.facts dd{margin:0}\n"
    "@media print{nav{display:none}details{display:block}figure{break-inside:avoid}}\n";

void html_begin(FILE *f, const char *title)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
          f);
    html_text(f, title);
    fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", stylesheet);
}

void html_end(FILE *f)
{
    fputs("</body>\n</html>\n", f);
}

/* Reads the whole file at path into a NUL-terminated buffer. Returns it (free it), or NULL with
 * err set. */
static char *read_all(const char *path, size_t *size, char *err, size_t err_size)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t len = 0, cap = 0;
    if (f == NULL) {
        snprintf(err, err_size, "%s: %s", path, strerror(errno));
        return NULL;
    }
    for (;;) {
        if (len + 65536 + 1 > cap) {
            size_t grown_cap = cap ? 2 * cap : 131072;
            char *grown = realloc(buf, grown_cap);
            if (grown == NULL) {
                snprintf(err, err_size, "%s: out of memory", path);
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = grown;
            cap = grown_cap;
        }
        size_t n = fread(buf + len, 1, cap - len - 1, f);
        len += n;
        if (n == 0)
            break;
    }
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        snprintf(err, err_size, "%s: read failed", path);
        free(buf);
        return NULL;
    }
    buf[len] = '\0';
    if (size != NULL)
        *size = len;
    return buf;
}

/* Whether s starts with prefix. */
static int starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

int html_svg_file(FILE *f, const char *path, const char *prefix, char *err, size_t err_size)
{
    char *text = read_all(path, NULL, err, err_size);
    if (text == NULL)
        return -1;
    char *p = strstr(text, "<svg"), *end = p ? strstr(p, "</svg>") : NULL;
    if (p == NULL || end == NULL) {
        snprintf(err, err_size, "%s: not an SVG file (no <svg> element)", path);
        free(text);
        return -1;
    }
    end += strlen("</svg>");
    while (p < end) {
        if ((p[0] == ' ' || p[0] == '\t' || p[0] == '\n') && (starts(p + 1, "id='") || starts(p + 1, "id=\""))) {
            char quote = p[4], *value = p + 5, *close = strchr(value, quote);
            if (close == NULL || close >= end) {  /* not an attribute after all: copied as it is */
                fputc(*p++, f);
                continue;
            }
            if (!starts(value, "gnuplot_"))  /* gnuplot's group ids: for its mouse script, which is not here */
                fprintf(f, " id=%c%s-%.*s%c", quote, prefix, (int)(close - value), value, quote);
            p = close + 1;
        } else if (starts(p, "href='#") || starts(p, "href=\"#")) {
            fprintf(f, "href=%c#%s-", p[5], prefix);
            p += 7;
        } else if (starts(p, "url(#")) {
            fprintf(f, "url(#%s-", prefix);
            p += 5;
        } else {
            fputc(*p++, f);
        }
    }
    fputc('\n', f);
    free(text);
    return 0;
}

static void put_base64(FILE *f, const unsigned char *data, size_t n)
{
    static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (size_t i = 0; i < n; i += 3) {
        unsigned long v = (unsigned long)data[i] << 16;
        if (i + 1 < n)
            v |= (unsigned long)data[i + 1] << 8;
        if (i + 2 < n)
            v |= data[i + 2];
        fputc(digits[(v >> 18) & 63], f);
        fputc(digits[(v >> 12) & 63], f);
        fputc(i + 1 < n ? digits[(v >> 6) & 63] : '=', f);
        fputc(i + 2 < n ? digits[v & 63] : '=', f);
    }
}

/* A growing byte buffer, written by cairo's PNG encoder. */
struct bytes {
    unsigned char *data;
    size_t len, cap;
};

static cairo_status_t append_bytes(void *closure, const unsigned char *data, unsigned int length)
{
    struct bytes *b = closure;
    if (b->len + length > b->cap) {
        size_t cap = 2 * (b->len + length);
        unsigned char *grown = realloc(b->data, cap);
        if (grown == NULL)
            return CAIRO_STATUS_NO_MEMORY;
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, data, length);
    b->len += length;
    return CAIRO_STATUS_SUCCESS;
}

/* Encodes picture drawn at w x h pixels (smaller than it is) into out as a PNG. Returns 0, or -1. */
static int scale_png(cairo_surface_t *picture, int w, int h, struct bytes *out)
{
    double scale = (double)w / cairo_image_surface_get_width(picture);
    cairo_surface_t *small = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
    cairo_t *cr = cairo_create(small);
    cairo_scale(cr, scale, scale);
    cairo_set_source_surface(cr, picture, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
    cairo_paint(cr);
    int ok = cairo_status(cr) == CAIRO_STATUS_SUCCESS &&
             cairo_surface_write_to_png_stream(small, append_bytes, out) == CAIRO_STATUS_SUCCESS;
    cairo_destroy(cr);
    cairo_surface_destroy(small);
    return ok ? 0 : -1;
}

int html_png_file(FILE *f, const char *path, int max_px, const char *alt, char *err, size_t err_size)
{
    cairo_surface_t *picture = cairo_image_surface_create_from_png(path);
    if (cairo_surface_status(picture) != CAIRO_STATUS_SUCCESS) {
        snprintf(err, err_size, "%s: %s", path, cairo_status_to_string(cairo_surface_status(picture)));
        cairo_surface_destroy(picture);
        return -1;
    }
    int w = cairo_image_surface_get_width(picture), h = cairo_image_surface_get_height(picture), rc = 0;
    struct bytes png = {0};
    if (w > max_px || h > max_px) {
        double scale = (double)max_px / (w > h ? w : h);
        w = (int)(w * scale + 0.5) > 0 ? (int)(w * scale + 0.5) : 1;
        h = (int)(h * scale + 0.5) > 0 ? (int)(h * scale + 0.5) : 1;
        rc = scale_png(picture, w, h, &png);
        if (rc != 0)
            snprintf(err, err_size, "%s: cannot scale the picture down: out of memory", path);
    } else {
        png.data = (unsigned char *)read_all(path, &png.len, err, err_size);
        rc = png.data == NULL ? -1 : 0;
    }
    cairo_surface_destroy(picture);
    if (rc == 0) {
        fputs("<img class=\"picture\" alt=\"", f);
        html_text(f, alt);
        fprintf(f, "\" width=\"%d\" height=\"%d\" src=\"data:image/png;base64,", w, h);
        put_base64(f, png.data, png.len);
        fputs("\">\n", f);
    }
    free(png.data);
    return rc;
}

int html_write_file(const char *path, int (*write)(FILE *f, void *ctx, char *err, size_t err_size), void *ctx,
                    char *err, size_t err_size)
{
    char tmp[4200];
    const char *slash = strrchr(path, '/');
    int dir_len = slash ? (int)(slash - path + 1) : 0;
    /* hidden, and named by the process: two processes never share one */
    snprintf(tmp, sizeof tmp, "%.*s.%s.tmp-%ld", dir_len, path, path + dir_len, (long)getpid());
    FILE *f = fileio_create(tmp, err, err_size);
    if (f == NULL)
        return -1;
    char why[1024] = "";
    int written = write(f, ctx, why, sizeof why);
    int closed = fileio_close(f, tmp, err, err_size);
    if (written != 0)
        snprintf(err, err_size, "%s", why);
    if (written == 0 && closed == 0 && rename(tmp, path) != 0) {
        snprintf(err, err_size, "%s: cannot move the new page into place: %s", path, strerror(errno));
        closed = -1;
    }
    if (written != 0 || closed != 0) {
        unlink(tmp);
        return -1;
    }
    return 0;
}
