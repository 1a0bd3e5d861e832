/* compare_report.c -- compare's outputs: a table per kernel on the terminal, compare.csv (one
 * row per kernel x machine), compare-series.csv (each machine's best series, the chart's data),
 * compare.md, compare.png/.svg drawn by the run charts' gnuplot driver, and compare.html, all of
 * it on one self-contained page. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charts.h"
#include "compare_model.h"
#include "csv.h"
#include "fileio.h"
#include "html.h"

/* A number formatted, or "-" when it does not exist. */
static void fmt_number(char *out, size_t size, const char *fmt, double v)
{
    if (isfinite(v))
        snprintf(out, size, fmt, v);
    else
        snprintf(out, size, "-");
}

static void config_name(const struct measurement *m, char *out, size_t size)
{
    if (m == NULL)
        snprintf(out, size, "-");
    else
        series_name(m->schedule, m->chunk_label, out, size);
}

enum { COLS = 10, CELL_LEN = 320 };

static const char *const col_titles[COLS] = {
    "machine", "serial s", "vs [1]", "best speed-up", "threads", "schedule,chunk", "best series",
    "eff. all CPUs", "f", "f 95% CI",
};
static const int col_numeric[COLS] = {0, 1, 1, 1, 1, 0, 0, 1, 1, 0};

/* The table cells of kernel k on run i; full_label: the whole machine label, else "[i] host". */
static void entry_cells(const struct comparison *c, int k, int i, int full_label, char cells[COLS][CELL_LEN])
{
    const struct compare_run *r = c->runs[i];
    const struct compare_entry *e = compare_entry_at(c, k, i);
    const char *mark = r->matches ? "" : " *";
    if (full_label)
        snprintf(cells[0], CELL_LEN, "[%d] %s%s", i + 1, r->label, mark);
    else
        snprintf(cells[0], CELL_LEN, "[%d] %.40s%s", i + 1, r->results.machine.host, mark);
    fmt_number(cells[1], CELL_LEN, "%.4g", e->serial_s);
    fmt_number(cells[2], CELL_LEN, "%#.3g", e->serial_ratio);
    fmt_number(cells[3], CELL_LEN, "%.2f", e->best ? e->best_d.speedup : NAN);
    fmt_number(cells[4], CELL_LEN, "%.0f", e->best ? (double)e->best->threads : NAN);
    config_name(e->best, cells[5], CELL_LEN);
    config_name(e->top, cells[6], CELL_LEN);
    fmt_number(cells[7], CELL_LEN, "%#.3g", e->full ? e->full_d.efficiency : NAN);
    const struct amdahl_fit *f = e->fit && e->fit->fit.ok ? &e->fit->fit : NULL;
    fmt_number(cells[8], CELL_LEN, "%.3f", f ? f->f : NAN);
    if (f != NULL && isfinite(f->f_low) && isfinite(f->f_high))
        snprintf(cells[9], CELL_LEN, "%.3f-%.3f", f->f_low, f->f_high);
    else
        snprintf(cells[9], CELL_LEN, "-");
}

static const char *const legend[] = {
    "serial s: median time of the serial code; vs [1]: that time divided by run [1]'s (above 1: slower).",
    "best speed-up: the highest serial time / parallel time of any schedule,chunk and thread count within the "
    "machine's CPUs (verified runs only).",
    "best series: the schedule,chunk with the highest speed-up at its largest thread count within the CPUs; "
    "eff. all CPUs (speed-up / threads at threads = CPUs available) and f (Amdahl serial fraction) are that "
    "series'.",
};

void compare_print(const struct comparison *c, FILE *out)
{
    fprintf(out, "ompscale compare: %d runs, class %s\n", c->n_runs, kernel_class_name(c->runs[0]->plan.class));
    for (int i = 0; i < c->n_runs; i++)
        fprintf(out, "  [%d] %-*s  %s\n", i + 1, 40, c->runs[i]->label, c->runs[i]->dir);
    if (c->n_mismatch > 0) {
        fprintf(out, "\n*** MISMATCH (--allow-mismatch): runs marked * differ from [1], so their times are not "
                     "comparable:\n");
        for (int m = 0; m < c->n_mismatch; m++)
            fprintf(out, "***   %s\n", c->mismatch[m]);
    }
    if (c->skipped[0])
        fprintf(out, "\nNot in every run, left out: %s\n", c->skipped);
    char (*cells)[COLS][CELL_LEN] = malloc(sizeof *cells * (size_t)(c->n_runs + 1));
    for (int k = 0; cells != NULL && k < c->n_kernels; k++) {
        int width[COLS];
        for (int j = 0; j < COLS; j++) {
            snprintf(cells[0][j], CELL_LEN, "%s", col_titles[j]);
            width[j] = (int)strlen(col_titles[j]);
        }
        for (int i = 0; i < c->n_runs; i++) {
            entry_cells(c, k, i, 0, cells[i + 1]);
            for (int j = 0; j < COLS; j++)
                if ((int)strlen(cells[i + 1][j]) > width[j])
                    width[j] = (int)strlen(cells[i + 1][j]);
        }
        fprintf(out, "\n%s\n", c->kernels[k]);
        for (int i = 0; i <= c->n_runs; i++) {
            fputs(" ", out);
            for (int j = 0; j < COLS; j++)
                fprintf(out, "  %*s", col_numeric[j] ? width[j] : j + 1 < COLS ? -width[j] : 0, cells[i][j]);
            fputc('\n', out);
        }
    }
    free(cells);
    fputc('\n', out);
    for (size_t i = 0; i < sizeof legend / sizeof legend[0]; i++)
        fprintf(out, "%s\n", legend[i]);
}

static void put_number(FILE *f, const char *fmt, double v, char sep)
{
    csv_put_number(f, fmt, v);
    fputc(sep, f);
}

/* compare.csv: one row per kernel x machine. */
static int write_compare_csv(const struct comparison *c, const char *dir, char *err, size_t err_size)
{
    char path[4096];
    snprintf(path, sizeof path, "%.4000s/compare.csv", dir);
    FILE *f = fileio_create(path, err, err_size);
    if (f == NULL)
        return -1;
    fputs("kernel,run,machine,run_dir,host,cpu_model,cpus_available,class,params_match,serial_median_s,"
          "serial_ratio,best_speedup,best_threads,best_schedule,best_chunk_label,series_schedule,"
          "series_chunk_label,efficiency_all_cpus,f,f_ci_low,f_ci_high\n",
          f);
    for (int k = 0; k < c->n_kernels; k++)
        for (int i = 0; i < c->n_runs; i++) {
            const struct compare_run *r = c->runs[i];
            const struct compare_entry *e = compare_entry_at(c, k, i);
            const struct amdahl_fit *fit = e->fit && e->fit->fit.ok ? &e->fit->fit : NULL;
            fprintf(f, "%s,%d,", c->kernels[k], i + 1);
            csv_put_text(f, r->label);
            fputc(',', f);
            csv_put_text(f, r->dir);
            fputc(',', f);
            csv_put_text(f, r->results.machine.host);
            fputc(',', f);
            csv_put_text(f, r->results.machine.cpu_model);
            fprintf(f, ",%d,%s,%d,", r->results.machine.cpus_available, kernel_class_name(r->plan.class), r->matches);
            put_number(f, "%.9g", e->serial_s, ',');
            put_number(f, "%.6g", e->serial_ratio, ',');
            if (e->best != NULL)
                fprintf(f, "%.6g,%d,%s,%s,", e->best_d.speedup, e->best->threads, schedule_name(e->best->schedule),
                        e->best->chunk_label);
            else
                fputs(",,,,", f);
            if (e->fit != NULL)
                fprintf(f, "%s,%s,", schedule_name(e->fit->schedule), e->fit->chunk_label);
            else
                fputs(",,", f);
            put_number(f, "%.6g", e->full ? e->full_d.efficiency : NAN, ',');
            put_number(f, "%.6g", fit ? fit->f : NAN, ',');
            put_number(f, "%.6g", fit ? fit->f_low : NAN, ',');
            put_number(f, "%.6g", fit ? fit->f_high : NAN, '\n');
        }
    return fileio_close(f, path, err, err_size);
}

/* compare-series.csv: each machine's best series per kernel, the chart's data. Sets *tmax to
 * the most threads and *any_over when a point is oversubscribed. */
static int write_series_csv(const struct comparison *c, const char *dir, int *tmax, int *any_over, char *err,
                            size_t err_size)
{
    char path[4096];
    snprintf(path, sizeof path, "%.4000s/compare-series.csv", dir);
    FILE *f = fileio_create(path, err, err_size);
    if (f == NULL)
        return -1;
    *tmax = 1;
    *any_over = 0;
    fputs("kernel,run,machine,schedule,chunk_label,threads,oversubscribed,speedup,efficiency\n", f);
    for (int k = 0; k < c->n_kernels; k++)
        for (int i = 0; i < c->n_runs; i++) {
            const struct compare_run *r = c->runs[i];
            const struct compare_entry *e = compare_entry_at(c, k, i);
            for (int t = 0; e->fit != NULL && t < r->plan.n_threads; t++) {
                const struct measurement *m = series_point(&r->results, e->fit, r->plan.threads[t]);
                struct derived d;
                if (m == NULL)
                    continue;
                results_derive(&r->results, m, &d);
                if (!d.verified || !isfinite(d.speedup))
                    continue;
                fprintf(f, "%s,%d,", c->kernels[k], i + 1);
                csv_put_text(f, r->label);
                fprintf(f, ",%s,%s,%d,%d,%.6g,", schedule_name(m->schedule), m->chunk_label, m->threads,
                        m->oversubscribed, d.speedup);
                put_number(f, "%.6g", d.efficiency, '\n');
                if (m->threads > *tmax)
                    *tmax = m->threads;
                *any_over |= m->oversubscribed;
            }
        }
    return fileio_close(f, path, err, err_size);
}

/* Writes s into a Markdown table cell, escaping the bar. */
static void put_md_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            fputc('\\', f);
        fputc(*s, f);
    }
}

/* compare.md: the machines, any mismatch, then a table per kernel. */
static int write_markdown(const struct comparison *c, const char *dir, char *err, size_t err_size)
{
    char path[4096];
    snprintf(path, sizeof path, "%.4000s/compare.md", dir);
    FILE *f = fileio_create(path, err, err_size);
    if (f == NULL)
        return -1;
    fprintf(f, "# ompscale compare\n\n");
    if (c->n_mismatch > 0) {
        fprintf(f, "> **Warning: runs marked \\* differ from [1] in class or kernel parameters (compared with "
                   "`--allow-mismatch`), so their times are not comparable:**\n>\n");
        for (int m = 0; m < c->n_mismatch; m++) {
            fputs("> - ", f);
            put_md_text(f, c->mismatch[m]);
            fputc('\n', f);
        }
        fputc('\n', f);
    }
    fprintf(f, "| run | machine | CPUs | class | directory |\n|---|---|---:|---|---|\n");
    for (int i = 0; i < c->n_runs; i++) {
        const struct compare_run *r = c->runs[i];
        fprintf(f, "| [%d]%s | ", i + 1, r->matches ? "" : " \\*");
        put_md_text(f, r->label);
        fprintf(f, " | %d | %s | ", r->results.machine.cpus_available, kernel_class_name(r->plan.class));
        put_md_text(f, r->dir);
        fputs(" |\n", f);
    }
    if (c->skipped[0])
        fprintf(f, "\nNot in every run, left out: %s\n", c->skipped);
    for (int k = 0; k < c->n_kernels; k++) {
        char cells[COLS][CELL_LEN];
        fprintf(f, "\n## %s\n\n|", c->kernels[k]);
        for (int j = 0; j < COLS; j++)
            fprintf(f, " %s |", col_titles[j]);
        fputs("\n|", f);
        for (int j = 0; j < COLS; j++)
            fputs(col_numeric[j] ? "---:|" : "---|", f);
        fputc('\n', f);
        for (int i = 0; i < c->n_runs; i++) {
            entry_cells(c, k, i, 1, cells);
            fputc('|', f);
            for (int j = 0; j < COLS; j++) {
                fputc(' ', f);
                put_md_text(f, cells[j]);
                fputs(" |", f);
            }
            fputc('\n', f);
        }
    }
    fputc('\n', f);
    for (size_t i = 0; i < sizeof legend / sizeof legend[0]; i++)
        fprintf(f, "- %s\n", legend[i]);
    return fileio_close(f, path, err, err_size);
}

/* Draws compare.png/.svg from compare-series.csv with plots/compare.gp. */
static void draw_chart(const struct comparison *c, const char *dir, int tmax, int any_over, char *why,
                       size_t why_size)
{
    struct charts_vars v;
    char name[32], text[4200], kernels[COMPARE_KERNELS_MAX * 65] = "";
    charts_vars_init(&v);
    snprintf(text, sizeof text, "%.4000s/compare-series.csv", dir);
    charts_vars_string(&v, "csv", text);
    snprintf(text, sizeof text, "%.4000s/compare", dir);
    charts_vars_string(&v, "out", text);
    for (int k = 0; k < c->n_kernels; k++)
        snprintf(kernels + strlen(kernels), sizeof kernels - strlen(kernels), "%s%s", k ? " " : "", c->kernels[k]);
    charts_vars_string(&v, "kernels", kernels);
    charts_vars_number(&v, "n_runs", c->n_runs);
    charts_vars_number(&v, "tmax", tmax);
    charts_vars_number(&v, "any_over", any_over);
    for (int i = 0; i < c->n_runs; i++) {
        snprintf(name, sizeof name, "label_%d", i + 1);
        snprintf(text, sizeof text, "[%d] %s%s", i + 1, c->runs[i]->label, c->runs[i]->matches ? "" : " (DIFFERS)");
        charts_vars_string(&v, name, text);
    }
    snprintf(text, sizeof text, "class %s%s", kernel_class_name(c->runs[0]->plan.class),
             c->n_mismatch > 0 ? "; RUNS DIFFER in class or parameters (--allow-mismatch)" : "");
    charts_vars_string(&v, "subtitle", text);
    if (charts_gnuplot("compare.gp", &v, why, why_size) != 0) {
        size_t len = strlen(why);
        snprintf(why + len, why_size - len, ": compare.png/.svg not drawn (the tables are written)");
    }
    charts_vars_free(&v);
}

/* What compare.html is made of: the comparison, and the chart if it was drawn. */
struct html_page {
    const struct comparison *c;
    const char *dir;
    const char *chart_note;          /* why compare.svg is missing; "" when it was drawn */
};

/* html_write_file's writer for compare.html: the runs, any mismatch, the chart, a table per kernel
 * (the cells of compare.md) and the legend. */
static int write_html_page(FILE *f, void *ctx, char *err, size_t err_size)
{
    const struct html_page *pg = ctx;
    const struct comparison *c = pg->c;
    char title[128], svg[4200];
    snprintf(title, sizeof title, "ompscale compare: %d runs, class %s", c->n_runs,
             kernel_class_name(c->runs[0]->plan.class));
    html_begin(f, title);
    fputs("<h1>", f);
    html_text(f, title);
    fputs("</h1>\n<p>Each run read from its results.json; the figures follow the definitions of a run's own "
          "report.</p>\n",
          f);
    if (c->n_mismatch > 0) {
        fputs("<div class=\"alert\"><strong>These runs differ</strong> (compared with --allow-mismatch): runs "
              "marked * differ from [1] in class or kernel parameters, so their times are not comparable.<ul>\n",
              f);
        for (int m = 0; m < c->n_mismatch; m++) {
            fputs("<li>", f);
            html_text(f, c->mismatch[m]);
            fputs("</li>\n", f);
        }
        fputs("</ul></div>\n", f);
    }
    fputs("<div class=\"wide\"><table>\n<thead><tr><th>run</th><th>machine</th><th>CPUs</th><th>class</th>"
          "<th>compiler</th><th>directory</th></tr></thead>\n<tbody>\n",
          f);
    for (int i = 0; i < c->n_runs; i++) {
        const struct compare_run *r = c->runs[i];
        fprintf(f, "<tr><td>[%d]%s</td><td>", i + 1, r->matches ? "" : " *");
        html_text(f, r->label);
        fprintf(f, "</td><td class=\"n\">%d</td><td>%s</td><td>", r->results.machine.cpus_available,
                kernel_class_name(r->plan.class));
        html_textf(f, "%s %s", r->results.build.compiler_id, r->results.build.compiler_version);
        fputs("</td><td><code>", f);
        html_text(f, r->dir);
        fputs("</code></td></tr>\n", f);
    }
    fputs("</tbody>\n</table></div>\n", f);
    if (c->skipped[0]) {
        fputs("<p class=\"note\">", f);
        html_textf(f, "Not in every run, left out: %s", c->skipped);
        fputs("</p>\n", f);
    }
    fputs("<h2>Chart</h2>\n<figure id=\"chart-compare\">\n", f);
    snprintf(svg, sizeof svg, "%.4000s/compare.svg", pg->dir);
    if (pg->chart_note[0] != '\0' || html_svg_file(f, svg, "c1", err, err_size) != 0) {
        fputs("<p class=\"note\">", f);
        html_textf(f, "No chart: %s", pg->chart_note[0] ? pg->chart_note : err);
        fputs("</p>\n", f);
    }
    fputs("<figcaption>Speed-up (left) and efficiency (right) against threads of each machine's best "
          "schedule,chunk, one panel per kernel (compare.png/.svg).</figcaption>\n</figure>\n",
          f);
    for (int k = 0; k < c->n_kernels; k++) {
        char cells[COLS][CELL_LEN];
        fputs("<h2>", f);
        html_text(f, c->kernels[k]);
        fputs("</h2>\n<div class=\"wide\"><table>\n<thead><tr>", f);
        for (int j = 0; j < COLS; j++) {
            fputs("<th>", f);
            html_text(f, col_titles[j]);
            fputs("</th>", f);
        }
        fputs("</tr></thead>\n<tbody>\n", f);
        for (int i = 0; i < c->n_runs; i++) {
            entry_cells(c, k, i, 1, cells);
            fputs("<tr>", f);
            for (int j = 0; j < COLS; j++) {
                fputs(col_numeric[j] ? "<td class=\"n\">" : "<td>", f);
                html_text(f, cells[j]);
                fputs("</td>", f);
            }
            fputs("</tr>\n", f);
        }
        fputs("</tbody>\n</table></div>\n", f);
    }
    fputs("<ul>\n", f);
    for (size_t i = 0; i < sizeof legend / sizeof legend[0]; i++) {
        fputs("<li>", f);
        html_text(f, legend[i]);
        fputs("</li>\n", f);
    }
    fputs("</ul>\n<footer><p class=\"muted\">Written by ompscale compare; self-contained: nothing on this page is "
          "fetched from elsewhere.</p></footer>\n",
          f);
    html_end(f);
    return 0;
}

int compare_write(const struct comparison *c, const char *dir, char *why, size_t why_size, char *err,
                  size_t err_size)
{
    int tmax, any_over;
    char path[4200];
    if (write_compare_csv(c, dir, err, err_size) != 0 || write_series_csv(c, dir, &tmax, &any_over, err, err_size) != 0 ||
        write_markdown(c, dir, err, err_size) != 0)
        return -1;
    why[0] = '\0';
    draw_chart(c, dir, tmax, any_over, why, why_size);
    struct html_page page = {c, dir, why};
    snprintf(path, sizeof path, "%.4000s/compare.html", dir);
    return html_write_file(path, write_html_page, &page, err, err_size);
}
