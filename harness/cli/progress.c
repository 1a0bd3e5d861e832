/* progress.c -- what a run shows while it measures.
 *
 * On a terminal (and TERM is not "dumb") one line at the bottom is rewritten in place ("\r", the
 * line, erase to its end): the last configuration finished, its figures, and the time left, which
 * counts down between configurations; each kernel instance that starts leaves one line above it.
 * Anywhere else (a pipe, a log, CI) every configuration gets a plain line and each instance a
 * line with the time left, so a log reads top to bottom. Lines keep within TEXT_WIDTH columns, and
 * the in-place line within the terminal's width, so that it never wraps (a wrapped line cannot be
 * rewritten). */
#define _DEFAULT_SOURCE  /* fileno, TIOCGWINSZ */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "clock.h"
#include "progress.h"
#include "text.h"

enum { CONFIG_WIDTH = 13 };  /* "dynamic,16row": the longest default configuration */

void progress_init(struct progress *p, FILE *out)
{
    memset(p, 0, sizeof *p);
    p->out = out;
    p->left_s = NAN;
    if (out == NULL)
        return;
    const char *term = getenv("TERM");
    p->tty = isatty(fileno(out)) && !(term != NULL && strcmp(term, "dumb") == 0);
    p->width = TEXT_WIDTH;
    struct winsize ws;
    if (p->tty && ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 && ws.ws_col <= TEXT_WIDTH)
        p->width = ws.ws_col;
    p->width--;  /* a line as wide as the terminal wraps on some terminals */
}

void progress_describe(const struct results *r, const struct measurement *m, char *buf, size_t size)
{
    const struct kernel *k = r->plan->kernels[m->kernel].kernel;
    int w = plan_name_width(r->plan);
    char cfg[64];
    if (m->scan_size > 0) {
        snprintf(cfg, sizeof cfg, "%s=%.0f", k->scan_param, m->scan_size);
        if (m->schedule == SCHED_SERIAL)
            snprintf(buf, size, "%-*s %-*s ser", w, k->name, CONFIG_WIDTH, cfg);
        else
            snprintf(buf, size, "%-*s %-*s %2dT", w, k->name, CONFIG_WIDTH, cfg, m->threads);
    } else if (m->schedule == SCHED_SERIAL) {
        snprintf(buf, size, "%-*s %-*s", w, k->name, CONFIG_WIDTH + 4, "serial");
    } else {
        if (strcmp(m->chunk_label, "default") == 0)
            snprintf(cfg, sizeof cfg, "%s", schedule_name(m->schedule));
        else
            snprintf(cfg, sizeof cfg, "%s,%s", schedule_name(m->schedule), m->chunk_label);
        snprintf(buf, size, "%-*s %-*s %2dT", w, k->name, CONFIG_WIDTH, cfg, m->threads);
    }
    if (m->ranks > 1 && strlen(buf) + 8 < size)  /* a hybrid MPI run's split configurations */
        snprintf(buf + strlen(buf), size - strlen(buf), " x %dR", m->ranks);
}

/* "  ~40 s left", "  ~12 min left"; "" while unknown. */
static void format_left(double left_s, char *buf, size_t size)
{
    if (!isfinite(left_s))
        snprintf(buf, size, "%s", "");
    else if (left_s < 120)
        snprintf(buf, size, "  ~%.0f s left", left_s < 0 ? 0 : left_s);
    else
        snprintf(buf, size, "  ~%.0f min left", left_s / 60);
}

/* The byte length of s's first columns columns. */
static size_t prefix_bytes(const char *s, int columns)
{
    size_t i = 0;
    for (int cols = 0; s[i] != '\0'; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80 && cols++ == columns)
            break;
    }
    return i;
}

/* Draws the in-place line with the time left as it stands now. */
static void draw(struct progress *p)
{
    char left[48];
    double now = clock_now_s();
    format_left(p->left_s - (now - p->left_at_s), left, sizeof left);
    int room = p->width - text_columns(left);
    fprintf(p->out, "\r%.*s%s\033[K", (int)prefix_bytes(p->line, room > 0 ? room : 0), p->line, left);
    fflush(p->out);
    p->shown = 1;
    p->drawn_at_s = now;
}

void progress_clear(struct progress *p)
{
    if (p->out == NULL || !p->shown)
        return;
    fputs("\r\033[K", p->out);
    fflush(p->out);
    p->shown = 0;
}

static void set_left(struct progress *p, double left_s)
{
    p->left_s = left_s;
    p->left_at_s = clock_now_s();
}

void progress_instance(struct progress *p, const struct results *r, int first, int n,
                       const struct runner_progress *pr)
{
    if (p->out == NULL)
        return;
    const struct measurement *m = &r->m[first];
    const struct kernel *k = r->plan->kernels[m->kernel].kernel;
    char size[96] = "", left[48];
    if (m->scan_size > 0)
        snprintf(size, sizeof size, " %s=%.0f", k->scan_param, m->scan_size);
    else if (m->weak_size > 0)
        snprintf(size, sizeof size, " %s=%.0f", k->weak_param, m->weak_size);
    const char *how = r->plan->order == PLAN_ORDER_INTERLEAVED ? "sampled in interleaved rounds" : "one after another";
    set_left(p, pr->left_s);
    format_left(pr->left_s, left, sizeof left);
    progress_clear(p);
    fprintf(p->out, "%s%s: %d configuration%s, %s%s\n", k->name, size, n, n == 1 ? "" : "s", how,
            p->tty ? "" : left);
    if (p->tty) {
        snprintf(p->line, sizeof p->line, "[%*d/%d] %s%s: sampling", pr->total >= 100 ? 3 : 2, pr->done + 1,
                 pr->total, k->name, size);
        draw(p);
    }
    fflush(p->out);
}

void progress_done(struct progress *p, const struct results *r, const struct measurement *m,
                   const struct runner_progress *pr)
{
    if (p->out == NULL)
        return;
    struct derived d;
    char what[160], t[32], median[32], figures[96] = "";
    progress_describe(r, m, what, sizeof what);
    results_derive(r, m, &d);
    text_seconds(m->summary.median, t, sizeof t);
    text_pad(t, 8, 1, median, sizeof median);
    if (m->schedule != SCHED_SERIAL && !d.verified)
        snprintf(figures, sizeof figures, "  VERIFY FAILED");
    else if (m->schedule != SCHED_SERIAL)
        snprintf(figures, sizeof figures, "  speed-up %5.2f  eff %4.2f%s", d.speedup, d.efficiency,
                 m->oversubscribed ? "  oversubscribed" : "");
    snprintf(p->line, sizeof p->line, "[%*d/%d] %s %s  n %2d%s", pr->total >= 100 ? 3 : 2, pr->done, pr->total, what,
             median, m->n, figures);
    set_left(p, pr->left_s);
    if (p->tty) {
        draw(p);
    } else {
        fprintf(p->out, "%s\n", p->line);
        fflush(p->out);
    }
}

void progress_tick(struct progress *p)
{
    if (p->out != NULL && p->tty && p->shown && clock_now_s() - p->drawn_at_s >= 0.5)
        draw(p);
}

void progress_overhead_start(struct progress *p, int rows, int thread_counts)
{
    if (p->out == NULL)
        return;
    p->overhead_rows = rows;
    p->overhead_done = 0;
    p->overhead_start_s = clock_now_s();
    progress_clear(p);
    fprintf(p->out, "overhead: OpenMP's own costs (parallel region, barrier, schedules) at %d thread count%s, %d rows\n",
            thread_counts, thread_counts == 1 ? "" : "s", rows);
    if (p->tty) {
        snprintf(p->line, sizeof p->line, "overhead: row 1 of %d", rows);
        set_left(p, NAN);
        draw(p);
    }
    fflush(p->out);
}

void progress_overhead_row(struct progress *p)
{
    if (p->out == NULL || !p->tty)
        return;
    p->overhead_done++;
    double spent_s = clock_now_s() - p->overhead_start_s;
    set_left(p, spent_s / p->overhead_done * (p->overhead_rows - p->overhead_done));
    snprintf(p->line, sizeof p->line, "overhead: row %d of %d", p->overhead_done, p->overhead_rows);
    draw(p);
}
