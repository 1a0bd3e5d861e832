/* compare.c -- `ompscale compare`: run directories from several machines, read back and set
 * side by side per kernel: serial time, best speed-up, efficiency at all CPUs, Amdahl's f.
 *
 * Every run is read whole before anything is written: meta.json with json-c, the CSV files by
 * column name (columns may be added later; none is found by position). Runs are checked
 * against the first: a class or kernel parameter that differs is a usage error unless
 * --allow-mismatch, which instead marks the run wherever it is reported. A kernel's "best
 * series" on a machine is the schedule,chunk with the highest speed-up at its largest thread
 * count within the CPUs (amdahl.csv's best=1 row where the run has one, else the same rule
 * computed here); efficiency at all CPUs, f and the chart's lines are that series'. Only
 * verified configurations count. Output is staged and renamed like a run's directory, but
 * results/latest is left alone: it names the newest run.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <json-c/json.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "compare.h"
#include "rundir.h"

#ifndef OMPSCALE_SOURCE_DIR
#define OMPSCALE_SOURCE_DIR "."
#endif

enum { RUNS_MAX = 64, KERNELS_MAX = 64, NAME_LEN = 64, LABEL_LEN = 256, MISMATCH_MAX = 32, MSG_LEN = 512 };

/* Internal status: BAD_INPUT becomes exit 2, FAILED exit 1. */
enum status { OK = 0, BAD_INPUT = -1, FAILED = -2 };

/* A CSV file read whole; names and cells point into text. ompscale writes no quoted fields,
 * so every comma separates. */
struct table {
    char *text;
    char **names;   /* header, n_cols */
    char **cells;   /* n_rows x n_cols */
    int *line;      /* each row's line number in the file, for messages */
    int n_cols, n_rows;
};

/* One verified-or-not configuration: a speedup.csv row with its efficiency. */
struct config {
    char kernel[NAME_LEN], schedule[NAME_LEN], chunk_label[NAME_LEN];
    int threads, oversubscribed, verified;
    double serial_s, speedup, efficiency;   /* NAN when empty */
};

/* One amdahl.csv row: a series' fitted serial fraction. */
struct fit {
    char kernel[NAME_LEN], schedule[NAME_LEN], chunk_label[NAME_LEN];
    double f, f_low, f_high;                /* NAN when empty */
    int best;
};

struct run {
    const char *dir;
    char host[NAME_LEN], cpu_model[LABEL_LEN], class_name[NAME_LEN];
    char compiler[NAME_LEN];                /* "GNU 12.2.0"; tells apart runs on one machine */
    char label[LABEL_LEN];                  /* "host (cpu; N CPUs)", unique among the runs */
    int cpus;                               /* CPUs available; 0 when meta.json lacks it */
    json_object *meta;
    struct config *configs;
    int n_configs;
    struct fit *fits;
    int n_fits, has_amdahl;
    int matches;                            /* class and kernel parameters equal the first run's */
};

/* What is reported for one kernel on one machine. */
struct entry {
    double serial_s, serial_ratio;          /* ratio: serial_s / the first run's; NAN if unknown */
    const struct config *best;              /* highest speed-up within the CPUs; NULL: none */
    const struct config *top;               /* best series at its largest thread count in the CPUs */
    const struct config *full;              /* best series at threads == CPUs; NULL: not run */
    const struct fit *fit;                  /* best series' Amdahl fit; NULL: no amdahl.csv row */
};

struct comparison {
    struct run runs[RUNS_MAX];
    int n_runs;
    char kernels[KERNELS_MAX][NAME_LEN];    /* in every run, in the first run's order */
    int n_kernels;
    char skipped[LABEL_LEN];                /* kernels not in every run, space-separated */
    char mismatch[MISMATCH_MAX][MSG_LEN];   /* how runs differ from the first */
    int n_mismatch;
    struct entry *entries;                  /* n_kernels x n_runs */
};

/* ---- reading ---- */

/* Reads a whole file. Returns its text (caller frees), or NULL with errno set. */
static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 4096, len = 0;
    char *text = malloc(cap);
    while (text != NULL) {
        len += fread(text + len, 1, cap - 1 - len, f);
        if (len < cap - 1)
            break;
        char *bigger = realloc(text, cap * 2);
        if (bigger == NULL) {
            free(text);
            text = NULL;
            errno = ENOMEM;
            break;
        }
        text = bigger;
        cap *= 2;
    }
    int failed = ferror(f);
    fclose(f);
    if (text != NULL && failed) {
        free(text);
        errno = EIO;
        return NULL;
    }
    if (text != NULL)
        text[len] = '\0';
    return text;
}

/* Splits s at commas in place into out[0..max-1]. Returns the number of fields. */
static int split_fields(char *s, char **out, int max)
{
    int n = 0;
    for (;;) {
        if (n < max)
            out[n] = s;
        n++;
        char *comma = strchr(s, ',');
        if (comma == NULL)
            return n;
        *comma = '\0';
        s = comma + 1;
    }
}

static void table_free(struct table *t)
{
    free(t->text);
    free(t->names);
    free(t->cells);
    free(t->line);
    memset(t, 0, sizeof *t);
}

/* Loads a CSV file. Returns OK; BAD_INPUT with err when it is missing (*missing = 1) or
 * malformed; FAILED when out of memory. */
static enum status table_load(const char *path, struct table *t, int *missing, char *err, size_t err_size)
{
    memset(t, 0, sizeof *t);
    *missing = 0;
    t->text = read_text(path);
    if (t->text == NULL) {
        *missing = errno == ENOENT;
        snprintf(err, err_size, "'%s': %s", path, strerror(errno));
        return errno == ENOMEM ? FAILED : BAD_INPUT;
    }
    int n_lines = 1;
    for (const char *p = t->text; *p; p++)
        n_lines += *p == '\n';
    char **lines = malloc(sizeof *lines * (size_t)n_lines);
    int *numbers = malloc(sizeof *numbers * (size_t)n_lines);
    int n = 0, number = 0;
    for (char *p = t->text; lines != NULL && numbers != NULL && p != NULL;) {
        char *nl = strchr(p, '\n');
        if (nl != NULL)
            *nl = '\0';
        number++;
        size_t len = strlen(p);
        if (len > 0 && p[len - 1] == '\r')   /* copied from Windows */
            p[--len] = '\0';
        if (len > 0) {
            numbers[n] = number;
            lines[n++] = p;
        }
        p = nl != NULL ? nl + 1 : NULL;
    }
    if (lines == NULL || numbers == NULL) {
        free(lines);
        free(numbers);
        snprintf(err, err_size, "out of memory reading '%s'", path);
        return FAILED;
    }
    enum status st = OK;
    if (n == 0) {
        snprintf(err, err_size, "'%s': empty, no header", path);
        st = BAD_INPUT;
    } else {
        t->n_cols = 1;
        for (const char *p = lines[0]; *p; p++)
            t->n_cols += *p == ',';
        t->n_rows = n - 1;
        t->names = malloc(sizeof *t->names * (size_t)t->n_cols);
        t->cells = malloc(sizeof *t->cells * (size_t)t->n_cols * (size_t)(t->n_rows > 0 ? t->n_rows : 1));
        t->line = malloc(sizeof *t->line * (size_t)(t->n_rows > 0 ? t->n_rows : 1));
        if (t->names == NULL || t->cells == NULL || t->line == NULL) {
            snprintf(err, err_size, "out of memory reading '%s'", path);
            st = FAILED;
        } else {
            split_fields(lines[0], t->names, t->n_cols);
            for (int r = 0; r < t->n_rows && st == OK; r++) {
                int got = split_fields(lines[r + 1], t->cells + (size_t)r * (size_t)t->n_cols, t->n_cols);
                t->line[r] = numbers[r + 1];
                if (got != t->n_cols) {
                    snprintf(err, err_size, "'%s': line %d has %d fields, the header %d", path, numbers[r + 1], got,
                             t->n_cols);
                    st = BAD_INPUT;
                }
            }
        }
    }
    free(lines);
    free(numbers);
    if (st != OK)
        table_free(t);
    return st;
}

/* Index of the column called name, or -1. */
static int table_col(const struct table *t, const char *name)
{
    for (int c = 0; c < t->n_cols; c++)
        if (strcmp(t->names[c], name) == 0)
            return c;
    return -1;
}

/* The cell of row r in column c; "" for a column the file does not have (c < 0). */
static const char *table_cell(const struct table *t, int r, int c)
{
    return c < 0 ? "" : t->cells[(size_t)r * (size_t)t->n_cols + (size_t)c];
}

/* Finds the columns named in names[0..n-1] (NULL-terminated). Returns OK, or BAD_INPUT with
 * err naming the first that is missing. */
static enum status table_require(const struct table *t, const char *path, const char *const *names, int *cols,
                                 char *err, size_t err_size)
{
    for (int i = 0; names[i] != NULL; i++) {
        cols[i] = table_col(t, names[i]);
        if (cols[i] < 0) {
            snprintf(err, err_size, "'%s': no column '%s'", path, names[i]);
            return BAD_INPUT;
        }
    }
    return OK;
}

/* Reads a number cell of row r; an empty cell is NAN. Returns OK, or BAD_INPUT with err. */
static enum status cell_number(const struct table *t, const char *path, int r, int c, double *out, char *err,
                               size_t err_size)
{
    const char *s = table_cell(t, r, c);
    char *end;
    if (*s == '\0') {
        *out = NAN;
        return OK;
    }
    errno = 0;
    *out = strtod(s, &end);
    if (end == s || *end != '\0' || errno == ERANGE) {
        snprintf(err, err_size, "'%s': line %d: %s '%s' is not a number", path, t->line[r], t->names[c], s);
        return BAD_INPUT;
    }
    return OK;
}

/* A json string member of o, or dflt. */
static const char *string_member(json_object *o, const char *key, const char *dflt)
{
    json_object *v;
    if (o != NULL && json_object_object_get_ex(o, key, &v) && json_object_is_type(v, json_type_string))
        return json_object_get_string(v);
    return dflt;
}

/* Copies a CPU model or host name for a label: without (R) and (TM), with the characters
 * that CSV, Markdown or gnuplot treat specially made spaces, and runs of spaces folded. */
static void tidy_name(const char *in, char *out, size_t size)
{
    static const char *const drop[] = {"(R)", "(r)", "(TM)", "(tm)"};
    size_t n = 0;
    while (*in && n + 1 < size) {
        size_t skip = 0;
        for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
            if (strncmp(in, drop[i], strlen(drop[i])) == 0)
                skip = strlen(drop[i]);
        if (skip) {
            in += skip;
            continue;
        }
        char c = *in++;
        if (c == ',' || c == '"' || c == '\'' || c == '|' || c == '`' || (unsigned char)c < ' ')
            c = ' ';
        if (c == ' ' && (n == 0 || out[n - 1] == ' '))
            continue;
        out[n++] = c;
    }
    while (n > 0 && out[n - 1] == ' ')
        n--;
    out[n] = '\0';
}

/* Reads dir/meta.json: machine, class. Returns OK, or BAD_INPUT with err. */
static enum status load_meta(struct run *r, char *err, size_t err_size)
{
    char path[RUNDIR_PATH_MAX];
    snprintf(path, sizeof path, "%.4000s/meta.json", r->dir);
    r->meta = json_object_from_file(path);
    if (r->meta == NULL || !json_object_is_type(r->meta, json_type_object)) {
        snprintf(err, err_size, "'%s': not valid JSON", path);
        return BAD_INPUT;
    }
    json_object *machine = NULL, *build = NULL, *cpus;
    json_object_object_get_ex(r->meta, "machine", &machine);
    json_object_object_get_ex(r->meta, "build", &build);
    const char *cls = string_member(r->meta, "class", NULL);
    if (cls == NULL) {
        snprintf(err, err_size, "'%s': no \"class\"; is it an ompscale run's meta.json?", path);
        return BAD_INPUT;
    }
    snprintf(r->class_name, sizeof r->class_name, "%s", cls);
    snprintf(r->host, sizeof r->host, "%s", string_member(machine, "host", "?"));
    snprintf(r->cpu_model, sizeof r->cpu_model, "%s", string_member(machine, "cpu_model", "?"));
    const char *compiler_id = string_member(build, "compiler_id", NULL);
    if (compiler_id != NULL)
        snprintf(r->compiler, sizeof r->compiler, "%.30s %.30s", compiler_id,
                 string_member(build, "compiler_version", ""));
    r->cpus = 0;
    if (machine != NULL && json_object_object_get_ex(machine, "cpus_available", &cpus))
        r->cpus = json_object_get_int(cpus);
    char host[NAME_LEN], cpu[LABEL_LEN];
    tidy_name(r->host, host, sizeof host);
    tidy_name(r->cpu_model, cpu, sizeof cpu);
    snprintf(r->label, sizeof r->label, "%.60s (%.150s; %d CPU%s)", host, cpu, r->cpus, r->cpus == 1 ? "" : "s");
    return OK;
}

/* The kernel's params object in the run's meta.json, or NULL. */
static json_object *kernel_params(const struct run *r, const char *kernel)
{
    json_object *kernels, *params;
    if (!json_object_object_get_ex(r->meta, "kernels", &kernels) || !json_object_is_type(kernels, json_type_array))
        return NULL;
    for (size_t i = 0; i < json_object_array_length(kernels); i++) {
        json_object *k = json_object_array_get_idx(kernels, i);
        const char *name = string_member(k, "name", "");
        if (strcmp(name, kernel) == 0 && json_object_object_get_ex(k, "params", &params))
            return params;
    }
    return NULL;
}

static int usable(const struct config *c)
{
    return c->verified && !c->oversubscribed && isfinite(c->speedup);
}

/* Reads speedup.csv and, when present, efficiency.csv. Returns a status, err set on failure. */
static enum status load_configs(struct run *r, char *err, size_t err_size)
{
    static const char *const need[] = {"kernel", "schedule", "chunk_label", "threads", "serial_median_s", "speedup",
                                       NULL};
    enum { K, S, L, T, SER, SP };
    char path[RUNDIR_PATH_MAX];
    struct table t;
    int cols[6], missing;
    snprintf(path, sizeof path, "%.4000s/speedup.csv", r->dir);
    enum status st = table_load(path, &t, &missing, err, err_size);
    if (st != OK)
        return st;
    if ((st = table_require(&t, path, need, cols, err, err_size)) != OK) {
        table_free(&t);
        return st;
    }
    int c_over = table_col(&t, "oversubscribed"), c_ver = table_col(&t, "verified");
    r->configs = calloc((size_t)(t.n_rows > 0 ? t.n_rows : 1), sizeof *r->configs);
    if (r->configs == NULL) {
        table_free(&t);
        snprintf(err, err_size, "out of memory reading '%s'", path);
        return FAILED;
    }
    for (int i = 0; i < t.n_rows && st == OK; i++) {
        struct config *c = &r->configs[r->n_configs];
        double threads, over, ver;
        if (strcmp(table_cell(&t, i, cols[S]), "serial") == 0)
            continue;
        snprintf(c->kernel, sizeof c->kernel, "%s", table_cell(&t, i, cols[K]));
        snprintf(c->schedule, sizeof c->schedule, "%s", table_cell(&t, i, cols[S]));
        snprintf(c->chunk_label, sizeof c->chunk_label, "%s", table_cell(&t, i, cols[L]));
        if ((st = cell_number(&t, path, i, cols[T], &threads, err, err_size)) != OK ||
            (st = cell_number(&t, path, i, cols[SER], &c->serial_s, err, err_size)) != OK ||
            (st = cell_number(&t, path, i, cols[SP], &c->speedup, err, err_size)) != OK)
            break;
        if (!(threads >= 1 && threads <= 1e6) || threads != floor(threads)) {
            snprintf(err, err_size, "'%s': line %d: threads '%s' is not a thread count", path, t.line[i],
                     table_cell(&t, i, cols[T]));
            st = BAD_INPUT;
            break;
        }
        c->threads = (int)threads;
        over = ver = NAN;
        if (c_over >= 0 && (st = cell_number(&t, path, i, c_over, &over, err, err_size)) != OK)
            break;
        if (c_ver >= 0 && (st = cell_number(&t, path, i, c_ver, &ver, err, err_size)) != OK)
            break;
        c->oversubscribed = isnan(over) ? r->cpus > 0 && c->threads > r->cpus : over == 1;
        c->verified = isnan(ver) || ver == 1;
        c->efficiency = c->speedup / c->threads;   /* replaced by efficiency.csv's value below */
        r->n_configs++;
    }
    table_free(&t);
    if (st != OK)
        return st;

    static const char *const need_eff[] = {"kernel", "schedule", "chunk_label", "threads", "efficiency", NULL};
    snprintf(path, sizeof path, "%.4000s/efficiency.csv", r->dir);
    st = table_load(path, &t, &missing, err, err_size);
    if (st != OK)
        return missing ? OK : st;
    if ((st = table_require(&t, path, need_eff, cols, err, err_size)) != OK) {
        table_free(&t);
        return st;
    }
    for (int i = 0; i < t.n_rows && st == OK; i++) {
        for (int j = 0; j < r->n_configs; j++) {
            struct config *c = &r->configs[j];
            if (strcmp(c->kernel, table_cell(&t, i, cols[K])) != 0 ||
                strcmp(c->schedule, table_cell(&t, i, cols[S])) != 0 ||
                strcmp(c->chunk_label, table_cell(&t, i, cols[L])) != 0 ||
                atoi(table_cell(&t, i, cols[T])) != c->threads)
                continue;
            st = cell_number(&t, path, i, cols[4], &c->efficiency, err, err_size);
            break;
        }
    }
    table_free(&t);
    return st;
}

/* Reads amdahl.csv when the run has one. Returns a status, err set on failure. */
static enum status load_fits(struct run *r, char *err, size_t err_size)
{
    static const char *const need[] = {"kernel", "schedule", "chunk_label", "best", NULL};
    char path[RUNDIR_PATH_MAX];
    struct table t;
    int cols[4], missing;
    snprintf(path, sizeof path, "%.4000s/amdahl.csv", r->dir);
    enum status st = table_load(path, &t, &missing, err, err_size);
    if (st != OK)
        return missing ? OK : st;
    if ((st = table_require(&t, path, need, cols, err, err_size)) != OK) {
        table_free(&t);
        return st;
    }
    int c_f = table_col(&t, "f"), c_lo = table_col(&t, "f_ci_low"), c_hi = table_col(&t, "f_ci_high");
    r->fits = calloc((size_t)(t.n_rows > 0 ? t.n_rows : 1), sizeof *r->fits);
    if (r->fits == NULL) {
        table_free(&t);
        snprintf(err, err_size, "out of memory reading '%s'", path);
        return FAILED;
    }
    r->has_amdahl = 1;
    for (int i = 0; i < t.n_rows && st == OK; i++) {
        struct fit *f = &r->fits[r->n_fits];
        double best;
        snprintf(f->kernel, sizeof f->kernel, "%s", table_cell(&t, i, cols[0]));
        snprintf(f->schedule, sizeof f->schedule, "%s", table_cell(&t, i, cols[1]));
        snprintf(f->chunk_label, sizeof f->chunk_label, "%s", table_cell(&t, i, cols[2]));
        f->f = f->f_low = f->f_high = NAN;
        if ((st = cell_number(&t, path, i, cols[3], &best, err, err_size)) != OK ||
            (c_f >= 0 && (st = cell_number(&t, path, i, c_f, &f->f, err, err_size)) != OK) ||
            (c_lo >= 0 && (st = cell_number(&t, path, i, c_lo, &f->f_low, err, err_size)) != OK) ||
            (c_hi >= 0 && (st = cell_number(&t, path, i, c_hi, &f->f_high, err, err_size)) != OK))
            break;
        f->best = best == 1;
        r->n_fits++;
    }
    table_free(&t);
    return st;
}

/* Reads one run directory. Returns a status, err naming the directory or file on failure. */
static enum status load_run(struct run *r, const char *dir, char *err, size_t err_size)
{
    struct stat st;
    char path[RUNDIR_PATH_MAX];
    memset(r, 0, sizeof *r);
    r->dir = dir;
    r->matches = 1;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        snprintf(err, err_size, "'%s': no such directory", dir);
        return BAD_INPUT;
    }
    static const char *const files[] = {"meta.json", "speedup.csv"};
    for (int i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "%.4000s/%s", dir, files[i]);
        if (stat(path, &st) != 0) {
            snprintf(err, err_size, "'%s': not a run directory (no %s)", dir, files[i]);
            return BAD_INPUT;
        }
    }
    enum status s = load_meta(r, err, err_size);
    if (s == OK)
        s = load_configs(r, err, err_size);
    if (s == OK)
        s = load_fits(r, err, err_size);
    return s;
}

static void run_free(struct run *r)
{
    if (r->meta != NULL)
        json_object_put(r->meta);
    free(r->configs);
    free(r->fits);
}

/* ---- checking and computing ---- */

static int has_kernel(const struct run *r, const char *kernel)
{
    for (int i = 0; i < r->n_configs; i++)
        if (strcmp(r->configs[i].kernel, kernel) == 0)
            return 1;
    return 0;
}

/* Makes equal labels (one machine twice) distinct: first by the compiler, as when gcc and
 * clang builds are compared, then by the run's number. */
static void unique_labels(struct comparison *c)
{
    for (int pass = 0; pass < 2; pass++) {
        int dup[RUNS_MAX] = {0}, compilers_differ[RUNS_MAX] = {0};
        for (int i = 0; i < c->n_runs; i++)
            for (int j = 0; j < c->n_runs; j++)
                if (i != j && strcmp(c->runs[i].label, c->runs[j].label) == 0) {
                    dup[i] = 1;
                    compilers_differ[i] |= strcmp(c->runs[i].compiler, c->runs[j].compiler) != 0;
                }
        for (int i = 0; i < c->n_runs; i++) {
            struct run *r = &c->runs[i];
            size_t len = strlen(r->label);
            if (pass == 0 && compilers_differ[i] && r->compiler[0] != '\0') {
                char compiler[NAME_LEN];
                tidy_name(r->compiler, compiler, sizeof compiler);
                snprintf(r->label + len, sizeof r->label - len, " %s", compiler);
            } else if (pass == 1 && dup[i]) {
                snprintf(r->label + len, sizeof r->label - len, " #%d", i + 1);
            }
        }
    }
}

/* Whether word is one of the space-separated words of list. */
static int in_list(const char *list, const char *word)
{
    size_t len = strlen(word);
    for (const char *p = strstr(list, word); p != NULL; p = strstr(p + 1, word))
        if ((p == list || p[-1] == ' ') && (p[len] == ' ' || p[len] == '\0'))
            return 1;
    return 0;
}

/* The kernels every run has, in the first run's order; the others are listed in skipped. */
static enum status choose_kernels(struct comparison *c, char *err, size_t err_size)
{
    for (int r = 0; r < c->n_runs; r++)
        for (int i = 0; i < c->runs[r].n_configs; i++) {
            const char *k = c->runs[r].configs[i].kernel;
            int all = 1, seen = 0;
            for (int j = 0; j < c->n_kernels; j++)
                seen |= strcmp(c->kernels[j], k) == 0;
            if (seen || in_list(c->skipped, k))
                continue;
            for (int q = 0; q < c->n_runs; q++)
                all &= has_kernel(&c->runs[q], k);
            if (!all) {
                size_t len = strlen(c->skipped);
                snprintf(c->skipped + len, sizeof c->skipped - len, "%s%s", len ? " " : "", k);
            } else if (c->n_kernels < KERNELS_MAX) {
                snprintf(c->kernels[c->n_kernels++], NAME_LEN, "%s", k);
            }
        }
    if (c->n_kernels == 0) {
        snprintf(err, err_size, "no kernel was measured in every run (%s); nothing to compare",
                 c->skipped[0] ? c->skipped : "no rows in speedup.csv");
        return BAD_INPUT;
    }
    return OK;
}

static int is_number(json_object *v)
{
    return json_object_is_type(v, json_type_int) || json_object_is_type(v, json_type_double);
}

/* Whether two parameter values are the same (numbers by value: 2 equals 2.0). */
static int same_value(json_object *a, json_object *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    if (is_number(a) && is_number(b))
        return json_object_get_double(a) == json_object_get_double(b);
    if (json_object_get_type(a) != json_object_get_type(b))
        return 0;
    return strcmp(json_object_to_json_string_ext(a, JSON_C_TO_STRING_PLAIN),
                  json_object_to_json_string_ext(b, JSON_C_TO_STRING_PLAIN)) == 0;
}

static void add_mismatch(struct comparison *c, struct run *r, const char *fmt, ...)
{
    r->matches = 0;
    if (c->n_mismatch >= MISMATCH_MAX)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->mismatch[c->n_mismatch++], MSG_LEN, fmt, ap);
    va_end(ap);
}

/* Records where run r's parameter value for key differs from the first run's. */
static void compare_param(struct comparison *c, struct run *r, const char *kernel, const char *key,
                          json_object *first, json_object *other)
{
    if (same_value(first, other))
        return;
    char a[64], b[64];
    snprintf(a, sizeof a, "%s", first ? json_object_to_json_string_ext(first, JSON_C_TO_STRING_PLAIN) : "(none)");
    snprintf(b, sizeof b, "%s", other ? json_object_to_json_string_ext(other, JSON_C_TO_STRING_PLAIN) : "(none)");
    add_mismatch(c, r, "kernel %s: parameter %s differs: %s in '%s', %s in '%s'", kernel, key, a, c->runs[0].dir, b,
                 r->dir);
}

/* Lists every difference in class and compared kernels' parameters from the first run. */
static void find_mismatches(struct comparison *c)
{
    const struct run *first = &c->runs[0];
    for (int i = 1; i < c->n_runs; i++) {
        struct run *r = &c->runs[i];
        if (strcmp(r->class_name, first->class_name) != 0)
            add_mismatch(c, r, "class differs: %s in '%s', %s in '%s'", first->class_name, first->dir,
                         r->class_name, r->dir);
        for (int k = 0; k < c->n_kernels; k++) {
            json_object *p0 = kernel_params(first, c->kernels[k]), *pi = kernel_params(r, c->kernels[k]), *v;
            if (p0 != NULL && json_object_is_type(p0, json_type_object)) {
                json_object_object_foreach(p0, key, val) {
                    v = NULL;
                    if (pi != NULL)
                        json_object_object_get_ex(pi, key, &v);
                    compare_param(c, r, c->kernels[k], key, val, v);
                }
            }
            if (pi != NULL && json_object_is_type(pi, json_type_object)) {
                json_object_object_foreach(pi, key, val) {
                    if (p0 == NULL || !json_object_object_get_ex(p0, key, &v))
                        compare_param(c, r, c->kernels[k], key, NULL, val);
                }
            }
        }
    }
}

static int same_series(const struct config *c, const char *kernel, const char *schedule, const char *chunk_label)
{
    return strcmp(c->kernel, kernel) == 0 && strcmp(c->schedule, schedule) == 0 &&
           strcmp(c->chunk_label, chunk_label) == 0;
}

/* The series' usable configuration with the most threads, or NULL. */
static const struct config *series_top(const struct run *r, const char *kernel, const char *schedule,
                                       const char *chunk_label)
{
    const struct config *top = NULL;
    for (int i = 0; i < r->n_configs; i++) {
        const struct config *c = &r->configs[i];
        if (same_series(c, kernel, schedule, chunk_label) && usable(c) && (top == NULL || c->threads > top->threads))
            top = c;
    }
    return top;
}

/* Fills e for kernel on run r; first is the first run's entry (NULL for the first run). */
static void compute_entry(const struct run *r, const char *kernel, const struct entry *first, struct entry *e)
{
    memset(e, 0, sizeof *e);
    e->serial_s = NAN;
    for (int i = 0; i < r->n_configs; i++) {
        const struct config *c = &r->configs[i];
        if (strcmp(c->kernel, kernel) != 0)
            continue;
        if (isnan(e->serial_s))
            e->serial_s = c->serial_s;
        if (usable(c) && (e->best == NULL || c->speedup > e->best->speedup))
            e->best = c;
    }
    e->serial_ratio = e->serial_s / (first != NULL ? first->serial_s : e->serial_s);
    for (int i = 0; i < r->n_fits && e->top == NULL; i++)
        if (r->fits[i].best && strcmp(r->fits[i].kernel, kernel) == 0) {
            e->top = series_top(r, kernel, r->fits[i].schedule, r->fits[i].chunk_label);
            e->fit = &r->fits[i];
        }
    if (e->top == NULL) {
        e->fit = NULL;
        for (int i = 0; i < r->n_configs; i++) {
            const struct config *c = &r->configs[i];
            if (strcmp(c->kernel, kernel) != 0)
                continue;
            const struct config *top = series_top(r, kernel, c->schedule, c->chunk_label);
            if (top != NULL && (e->top == NULL || top->speedup > e->top->speedup))
                e->top = top;
        }
        for (int i = 0; e->top != NULL && i < r->n_fits; i++)
            if (same_series(e->top, r->fits[i].kernel, r->fits[i].schedule, r->fits[i].chunk_label))
                e->fit = &r->fits[i];
    }
    for (int i = 0; e->top != NULL && i < r->n_configs; i++) {
        const struct config *c = &r->configs[i];
        if (same_series(c, kernel, e->top->schedule, e->top->chunk_label) && c->verified && c->threads == r->cpus)
            e->full = c;
    }
}

/* ---- writing ---- */

/* "schedule,chunk", or just the schedule for the runtime's default chunk (as the charts say). */
static void series_name(const struct config *c, char *out, size_t size)
{
    if (c == NULL)
        snprintf(out, size, "-");
    else if (strcmp(c->chunk_label, "default") == 0 || c->chunk_label[0] == '\0')
        snprintf(out, size, "%s", c->schedule);
    else
        snprintf(out, size, "%s,%s", c->schedule, c->chunk_label);
}

/* A number formatted, or "-" when it does not exist. */
static void fmt_number(char *out, size_t size, const char *fmt, double v)
{
    if (isfinite(v))
        snprintf(out, size, fmt, v);
    else
        snprintf(out, size, "-");
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
    const struct run *r = &c->runs[i];
    const struct entry *e = &c->entries[k * c->n_runs + i];
    const char *mark = r->matches ? "" : " *";
    if (full_label)
        snprintf(cells[0], CELL_LEN, "[%d] %s%s", i + 1, r->label, mark);
    else
        snprintf(cells[0], CELL_LEN, "[%d] %.40s%s", i + 1, r->host, mark);
    fmt_number(cells[1], CELL_LEN, "%.4g", e->serial_s);
    fmt_number(cells[2], CELL_LEN, "%#.3g", e->serial_ratio);
    fmt_number(cells[3], CELL_LEN, "%.2f", e->best ? e->best->speedup : NAN);
    fmt_number(cells[4], CELL_LEN, "%.0f", e->best ? (double)e->best->threads : NAN);
    series_name(e->best, cells[5], CELL_LEN);
    series_name(e->top, cells[6], CELL_LEN);
    fmt_number(cells[7], CELL_LEN, "%#.3g", e->full ? e->full->efficiency : NAN);
    fmt_number(cells[8], CELL_LEN, "%.3f", e->fit ? e->fit->f : NAN);
    if (e->fit != NULL && isfinite(e->fit->f_low) && isfinite(e->fit->f_high))
        snprintf(cells[9], CELL_LEN, "%.3f-%.3f", e->fit->f_low, e->fit->f_high);
    else
        snprintf(cells[9], CELL_LEN, "-");
}

static const char *const legend[] = {
    "serial s: median time of the serial code; vs [1]: that time divided by run [1]'s (above 1: slower).",
    "best speed-up: the highest serial time / parallel time of any schedule,chunk and thread count within the "
    "machine's CPUs (verified runs only).",
    "best series: the schedule,chunk with the highest speed-up at its largest thread count within the CPUs; "
    "eff. all CPUs (speed-up / threads at threads = CPUs available) and f (Amdahl serial fraction, from "
    "amdahl.csv) are that series'.",
};

/* Prints the comparison as aligned tables, one per kernel. */
static void print_tables(const struct comparison *c, FILE *out)
{
    const struct run *first = &c->runs[0];
    fprintf(out, "ompscale compare: %d runs, class %s\n", c->n_runs, first->class_name);
    for (int i = 0; i < c->n_runs; i++)
        fprintf(out, "  [%d] %-*s  %s\n", i + 1, 40, c->runs[i].label, c->runs[i].dir);
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

/* Writes s as a CSV field, quoted when it holds a comma, quote or line break. */
static void put_csv_text(FILE *f, const char *s)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void put_csv_number(FILE *f, const char *fmt, double v)
{
    if (isfinite(v))
        fprintf(f, fmt, v);
}

static FILE *open_out(const char *dir, const char *name, char *path, char *err, size_t err_size)
{
    snprintf(path, RUNDIR_PATH_MAX, "%.4000s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (f == NULL)
        snprintf(err, err_size, "cannot write '%s': %s", path, strerror(errno));
    return f;
}

static enum status close_out(FILE *f, const char *path, char *err, size_t err_size)
{
    if (ferror(f) | fclose(f)) {
        snprintf(err, err_size, "'%s': write failed", path);
        return FAILED;
    }
    return OK;
}

/* compare.csv: one row per kernel x machine. */
static enum status write_compare_csv(const struct comparison *c, const char *dir, char *err, size_t err_size)
{
    char path[RUNDIR_PATH_MAX];
    FILE *f = open_out(dir, "compare.csv", path, err, err_size);
    if (f == NULL)
        return FAILED;
    fputs("kernel,run,machine,run_dir,host,cpu_model,cpus_available,class,params_match,serial_median_s,"
          "serial_ratio,best_speedup,best_threads,best_schedule,best_chunk_label,series_schedule,"
          "series_chunk_label,efficiency_all_cpus,f,f_ci_low,f_ci_high\n",
          f);
    for (int k = 0; k < c->n_kernels; k++)
        for (int i = 0; i < c->n_runs; i++) {
            const struct run *r = &c->runs[i];
            const struct entry *e = &c->entries[k * c->n_runs + i];
            fprintf(f, "%s,%d,", c->kernels[k], i + 1);
            put_csv_text(f, r->label);
            fputc(',', f);
            put_csv_text(f, r->dir);
            fputc(',', f);
            put_csv_text(f, r->host);
            fputc(',', f);
            put_csv_text(f, r->cpu_model);
            fprintf(f, ",%d,", r->cpus);
            put_csv_text(f, r->class_name);
            fprintf(f, ",%d,", r->matches);
            put_csv_number(f, "%.9g", e->serial_s);
            fputc(',', f);
            put_csv_number(f, "%.6g", e->serial_ratio);
            fputc(',', f);
            if (e->best != NULL)
                fprintf(f, "%.6g,%d,%s,%s", e->best->speedup, e->best->threads, e->best->schedule,
                        e->best->chunk_label);
            else
                fputs(",,,", f);
            if (e->top != NULL)
                fprintf(f, ",%s,%s,", e->top->schedule, e->top->chunk_label);
            else
                fputs(",,,", f);
            put_csv_number(f, "%.6g", e->full ? e->full->efficiency : NAN);
            fputc(',', f);
            put_csv_number(f, "%.6g", e->fit ? e->fit->f : NAN);
            fputc(',', f);
            put_csv_number(f, "%.6g", e->fit ? e->fit->f_low : NAN);
            fputc(',', f);
            put_csv_number(f, "%.6g", e->fit ? e->fit->f_high : NAN);
            fputc('\n', f);
        }
    return close_out(f, path, err, err_size);
}

static int by_threads(const void *a, const void *b)
{
    const struct config *x = *(const struct config *const *)a, *y = *(const struct config *const *)b;
    return (x->threads > y->threads) - (x->threads < y->threads);
}

/* compare-series.csv: each machine's best series per kernel, the chart's data. Sets *tmax to
 * the most threads and *any_over when a point is oversubscribed. */
static enum status write_series_csv(const struct comparison *c, const char *dir, int *tmax, int *any_over,
                                    char *err, size_t err_size)
{
    char path[RUNDIR_PATH_MAX];
    FILE *f = open_out(dir, "compare-series.csv", path, err, err_size);
    if (f == NULL)
        return FAILED;
    *tmax = 1;
    *any_over = 0;
    fputs("kernel,run,machine,schedule,chunk_label,threads,oversubscribed,speedup,efficiency\n", f);
    for (int k = 0; k < c->n_kernels; k++)
        for (int i = 0; i < c->n_runs; i++) {
            const struct run *r = &c->runs[i];
            const struct entry *e = &c->entries[k * c->n_runs + i];
            if (e->top == NULL)
                continue;
            const struct config **pts = malloc(sizeof *pts * (size_t)r->n_configs);
            if (pts == NULL) {
                fclose(f);
                snprintf(err, err_size, "out of memory");
                return FAILED;
            }
            int n = 0;
            for (int j = 0; j < r->n_configs; j++) {
                const struct config *p = &r->configs[j];
                if (same_series(p, c->kernels[k], e->top->schedule, e->top->chunk_label) && p->verified &&
                    isfinite(p->speedup))
                    pts[n++] = p;
            }
            qsort(pts, (size_t)n, sizeof *pts, by_threads);
            for (int j = 0; j < n; j++) {
                fprintf(f, "%s,%d,", c->kernels[k], i + 1);
                put_csv_text(f, r->label);
                fprintf(f, ",%s,%s,%d,%d,%.6g,", pts[j]->schedule, pts[j]->chunk_label, pts[j]->threads,
                        pts[j]->oversubscribed, pts[j]->speedup);
                put_csv_number(f, "%.6g", pts[j]->efficiency);
                fputc('\n', f);
                if (pts[j]->threads > *tmax)
                    *tmax = pts[j]->threads;
                *any_over |= pts[j]->oversubscribed;
            }
            free(pts);
        }
    return close_out(f, path, err, err_size);
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
static enum status write_markdown(const struct comparison *c, const char *dir, char *err, size_t err_size)
{
    char path[RUNDIR_PATH_MAX];
    FILE *f = open_out(dir, "compare.md", path, err, err_size);
    if (f == NULL)
        return FAILED;
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
        const struct run *r = &c->runs[i];
        fprintf(f, "| [%d]%s | ", i + 1, r->matches ? "" : " \\*");
        put_md_text(f, r->label);
        fprintf(f, " | %d | ", r->cpus);
        put_md_text(f, r->class_name);
        fputs(" | ", f);
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
    return close_out(f, path, err, err_size);
}

/* A growing string; failed is set once an allocation fails. */
struct strbuf {
    char *s;
    size_t len, cap;
    int failed;
};

static void sb_printf(struct strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (b->failed || n < 0)
        return;
    if (b->len + (size_t)n + 1 > b->cap) {
        size_t cap = (b->len + (size_t)n + 1) * 2;
        char *s = realloc(b->s, cap);
        if (s == NULL) {
            b->failed = 1;
            return;
        }
        b->s = s;
        b->cap = cap;
    }
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* Appends name='value' as a gnuplot assignment; gnuplot's single quotes escape ' as ''. */
static void sb_assign(struct strbuf *b, const char *name, const char *value)
{
    sb_printf(b, "%s='", name);
    for (const char *p = value; *p; p++)
        sb_printf(b, *p == '\'' ? "''" : "%c", *p);
    sb_printf(b, "'; ");
}

/* Whether an executable called prog is on PATH. */
static int on_path(const char *prog)
{
    const char *path = getenv("PATH");
    char dir[RUNDIR_PATH_MAX], file[RUNDIR_PATH_MAX];
    while (path != NULL && *path) {
        size_t len = strcspn(path, ":");
        snprintf(dir, sizeof dir, "%.*s", (int)(len < 4000 ? len : 4000), path);
        snprintf(file, sizeof file, "%.4000s/%s", len ? dir : ".", prog);
        if (access(file, X_OK) == 0)
            return 1;
        path += len + (path[len] == ':');
    }
    return 0;
}

/* Draws compare.png and compare.svg with gnuplot. Returns 0, or -1 with a warning in why
 * (gnuplot missing, script missing, gnuplot failed): the tables stand without the chart. */
static int draw_chart(const struct comparison *c, const char *dir, int tmax, int any_over, char *why,
                      size_t why_size)
{
    char script[RUNDIR_PATH_MAX], csv[RUNDIR_PATH_MAX], out[RUNDIR_PATH_MAX];
    const char *plots = getenv("OMPSCALE_PLOTS_DIR");
    snprintf(script, sizeof script, "%.4000s/compare.gp",
             plots != NULL && *plots ? plots : OMPSCALE_SOURCE_DIR "/plots");
    if (!on_path("gnuplot")) {
        snprintf(why, why_size, "gnuplot not found: compare.png/.svg not drawn (the tables are written). Install "
                                "it (Debian, Ubuntu, Raspberry Pi OS: sudo apt-get install gnuplot-nox)");
        return -1;
    }
    if (access(script, R_OK) != 0) {
        snprintf(why, why_size, "'%.900s' not found: compare.png/.svg not drawn; set OMPSCALE_PLOTS_DIR to ompscale's "
                                "plots directory", script);
        return -1;
    }
    snprintf(csv, sizeof csv, "%.4000s/compare-series.csv", dir);
    snprintf(out, sizeof out, "%.4000s/compare", dir);
    struct strbuf b = {0};
    sb_assign(&b, "csv", csv);
    sb_assign(&b, "out", out);
    sb_printf(&b, "kernels='");
    for (int k = 0; k < c->n_kernels; k++)
        sb_printf(&b, "%s%s", k ? " " : "", c->kernels[k]);
    sb_printf(&b, "'; n_runs=%d; tmax=%d; any_over=%d; ", c->n_runs, tmax, any_over);
    char name[32], title[RUNDIR_PATH_MAX];
    for (int i = 0; i < c->n_runs; i++) {
        const struct run *r = &c->runs[i];
        snprintf(name, sizeof name, "label_%d", i + 1);
        snprintf(title, sizeof title, "[%d] %s%s", i + 1, r->label, r->matches ? "" : " (DIFFERS)");
        sb_assign(&b, name, title);
    }
    if (c->n_mismatch > 0)
        snprintf(title, sizeof title, "class %s; RUNS DIFFER in class or parameters (--allow-mismatch)",
                 c->runs[0].class_name);
    else
        snprintf(title, sizeof title, "class %s", c->runs[0].class_name);
    sb_assign(&b, "subtitle", title);
    if (b.failed) {
        free(b.s);
        snprintf(why, why_size, "out of memory: compare.png/.svg not drawn");
        return -1;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        char *args[] = {"gnuplot", "-e", b.s, script, NULL};
        execvp(args[0], args);
        _exit(127);
    }
    int status = 0;
    int waited = pid > 0 && waitpid(pid, &status, 0) == pid;
    free(b.s);
    if (!waited || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        snprintf(why, why_size, "gnuplot failed on '%.900s': compare.png/.svg not drawn (the tables are written)",
                 script);
        return -1;
    }
    return 0;
}

/* ---- the command ---- */

/* Parses the arguments into dirs, out and allow. Returns OK, or BAD_INPUT with err. */
static enum status parse_args(int argc, char **argv, const char **dirs, int *n_dirs, const char **out, int *allow,
                              char *err, size_t err_size)
{
    *n_dirs = 0;
    *out = NULL;
    *allow = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--out") == 0) {
            if (i + 1 >= argc || argv[i + 1][0] == '\0') {
                snprintf(err, err_size, "compare --out: needs a directory");
                return BAD_INPUT;
            }
            *out = argv[++i];
        } else if (strncmp(a, "--out=", 6) == 0) {
            *out = a + 6;
        } else if (strcmp(a, "--allow-mismatch") == 0) {
            *allow = 1;
        } else if (a[0] == '-' && a[1] != '\0') {
            snprintf(err, err_size, "compare: unknown option '%s'; options: --out DIR, --allow-mismatch", a);
            return BAD_INPUT;
        } else if (*n_dirs >= RUNS_MAX) {
            snprintf(err, err_size, "compare: '%s': at most %d run directories", a, RUNS_MAX);
            return BAD_INPUT;
        } else {
            dirs[(*n_dirs)++] = a;
        }
    }
    if (*n_dirs < 2) {
        snprintf(err, err_size, "compare: needs at least two run directories, got %d; usage: ompscale compare DIR "
                                "DIR [DIR...] [--out DIR] [--allow-mismatch]", *n_dirs);
        return BAD_INPUT;
    }
    if (*out != NULL && rundir_check_out(*out, err, err_size) != 0)
        return BAD_INPUT;
    return OK;
}

/* Reads and checks every run and works out the entries. Returns a status with err. */
static enum status build(struct comparison *c, const char **dirs, int n_dirs, int allow, char *err,
                         size_t err_size)
{
    for (int i = 0; i < n_dirs; i++) {
        enum status st = load_run(&c->runs[i], dirs[i], err, err_size);
        c->n_runs = i + 1;
        if (st != OK)
            return st;
    }
    unique_labels(c);
    enum status st = choose_kernels(c, err, err_size);
    if (st != OK)
        return st;
    find_mismatches(c);
    if (c->n_mismatch > 0 && !allow) {
        snprintf(err, err_size, "%s; compare runs of one class and the same parameters, or pass --allow-mismatch",
                 c->mismatch[0]);
        return BAD_INPUT;
    }
    c->entries = calloc((size_t)c->n_kernels * (size_t)c->n_runs, sizeof *c->entries);
    if (c->entries == NULL) {
        snprintf(err, err_size, "out of memory");
        return FAILED;
    }
    for (int k = 0; k < c->n_kernels; k++)
        for (int i = 0; i < c->n_runs; i++)
            compute_entry(&c->runs[i], c->kernels[k], i ? &c->entries[k * c->n_runs] : NULL,
                          &c->entries[k * c->n_runs + i]);
    return OK;
}

/* The default output directory, results/compare-<YYYYmmdd-HHMMSS>, with -2, -3, ... when taken. */
static void default_out(char *out, size_t size)
{
    char stamp[32];
    struct tm tm;
    struct stat st;
    time_t now = time(NULL);
    localtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    snprintf(out, size, "results/compare-%s", stamp);
    for (int suffix = 2; lstat(out, &st) == 0 && suffix < 1000; suffix++)
        snprintf(out, size, "results/compare-%s-%d", stamp, suffix);
}

/* Writes the files into the staging directory, draws the chart, and moves it into place.
 * Returns a status with err; a chart not drawn leaves a warning in why. */
static enum status write_outputs(const struct comparison *c, struct rundir *d, const char *out, char *why,
                                 size_t why_size, char *err, size_t err_size)
{
    int tmax, any_over;
    if (rundir_open(d, out, "compare", time(NULL), err, err_size) != 0)
        return FAILED;
    if (write_compare_csv(c, d->staging, err, err_size) != OK ||
        write_series_csv(c, d->staging, &tmax, &any_over, err, err_size) != OK ||
        write_markdown(c, d->staging, err, err_size) != OK) {
        rundir_abandon(d);
        return FAILED;
    }
    why[0] = '\0';
    draw_chart(c, d->staging, tmax, any_over, why, why_size);
    if (rundir_commit(d, err, err_size) < 0)
        return FAILED;
    return OK;
}

int compare_main(int argc, char **argv, char *err, size_t err_size)
{
    const char *dirs[RUNS_MAX], *out;
    char out_default[RUNDIR_PATH_MAX], why[1024];
    int n_dirs, allow;
    struct rundir d;
    struct comparison *c = calloc(1, sizeof *c);   /* large: kept off the stack */

    if (c == NULL) {
        snprintf(err, err_size, "out of memory");
        return 1;
    }
    enum status st = parse_args(argc, argv, dirs, &n_dirs, &out, &allow, err, err_size);
    if (st == OK)
        st = build(c, dirs, n_dirs, allow, err, err_size);
    if (st == OK) {
        if (out == NULL) {
            default_out(out_default, sizeof out_default);
            out = out_default;
        }
        st = write_outputs(c, &d, out, why, sizeof why, err, err_size);
    }
    if (st == OK) {
        print_tables(c, stdout);
        if (why[0])
            fprintf(stderr, "ompscale: warning: %s\n", why);
        printf("\nResults in %s/\n  compare.csv compare-series.csv compare.md%s\n", d.path,
               why[0] ? "" : " compare.png compare.svg");
        fflush(stdout);
    }
    for (int i = 0; i < c->n_runs; i++)
        run_free(&c->runs[i]);
    free(c->entries);
    free(c);
    return st == OK ? 0 : st == BAD_INPUT ? 2 : 1;
}
