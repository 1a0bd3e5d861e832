/* options.c -- the command line, parsed into one struct. Only syntax and ranges are checked
 * here; kernel and parameter names are resolved by plan, before anything runs. */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "options.h"

enum { REPS_MAX = 100000, WARMUP_MAX = 1000 };
enum { HELP_WIDTH = 80, HELP_TEXT_COLUMN = 22 };  /* help is read in any terminal: 80 columns */

/* The commands: what `ompscale --help` lists and `ompscale COMMAND --help` explains. A new
 * command is a value in enum command and a row here. */
static const struct command_doc {
    enum command command;
    const char *name;
    const char *operands;  /* after the name in its usage line */
    const char *summary;   /* its line in `ompscale --help` */
    const char *about;     /* the paragraph of `ompscale COMMAND --help` */
} command_docs[] = {
    {CMD_RUN, "run", "[options]", "measure kernels serially and with OpenMP",
     "Measures each kernel serially and with OpenMP at every thread count, schedule and chunk, "
     "verifies every parallel result against the serial one, and writes results.json, the CSV "
     "files and summary.txt into a new run directory; then OpenMP's own costs (the overhead "
     "table). Draw the charts with 'ompscale plot DIR' (make bench does)."},
    {CMD_OVERHEAD, "overhead", "[options]", "measure OpenMP's own costs: parallel region, barrier, schedules",
     "Measures OpenMP's own costs the EPCC way: a parallel region, a barrier, and handing out "
     "loop iterations under static, dynamic and guided with chunks 1 to 1024, at each thread "
     "count; prints the table and writes overhead.csv, results.json and summary.txt."},
    {CMD_LIST, "list", "[options]", "show kernels, their parameters and class sizes",
     "Shows each kernel, what its parallel loop runs over, its chunk units and every parameter's "
     "value in each class; --set KERNEL.PARAM=VALUE sets any of them for a run."},
    {CMD_INFO, "info", "[options]", "this machine, as every run records it",
     "Shows this machine's facts as every run records them in meta.json (CPU, topology, caches, "
     "memory, clocks, temperature, OMP_* variables) and how this ompscale was built."},
    {CMD_PLOT, "plot", "DIR", "draw a run's charts (PNG, SVG) into DIR from its results.json",
     "Draws a run's charts (PNG and SVG) into DIR from DIR/results.json alone, with gnuplot and "
     "the scripts installed beside ompscale (OMPSCALE_PLOTS_DIR overrides them); --chart ascii "
     "prints the speed-up chart as text instead. Exit status 4: gnuplot is not installed."},
    {CMD_REPORT, "report", "DIR", "write DIR/report.html again from its results.json",
     "Writes DIR/report.html again from DIR/results.json alone: the run on one self-contained page "
     "(every run writes one)."},
    {CMD_COMPARE, "compare", "DIR DIR...", "compare runs (a Raspberry Pi and a laptop): tables and a chart",
     "Compares runs from several machines from their results.json: serial time, best speed-up, "
     "efficiency and serial fraction per kernel; writes compare.csv, compare.md and compare.png "
     "into a new directory. Runs of different classes or parameters are refused unless "
     "--allow-mismatch."},
};

#define FOR_RUN (1u << CMD_RUN)
#define FOR_OVERHEAD (1u << CMD_OVERHEAD)
#define FOR_LIST (1u << CMD_LIST)
#define FOR_INFO (1u << CMD_INFO)
#define FOR_PLOT (1u << CMD_PLOT)
#define FOR_REPORT (1u << CMD_REPORT)
#define FOR_COMPARE (1u << CMD_COMPARE)

/* Every option: the commands that take it and its help. An option given to another command is
 * refused rather than silently ignored; help is made from this table, so it cannot drift from
 * what is accepted. An option whose meaning differs between commands has a row per meaning. A
 * new option is a row here and a case in options_parse. */
static const struct option_doc {
    const char *name;
    int id;                /* getopt_long's value for it */
    const char *arg;       /* its value in help; NULL: it takes none */
    unsigned commands;     /* FOR_* bits */
    const char *help;
} option_docs[] = {
    {"kernel", 'k', "LIST", FOR_RUN, "kernels to run (default: all; see 'ompscale list')"},
    {"kernel", 'k', "LIST", FOR_LIST, "kernels to show (default: all)"},
    {"threads", 't', "LIST", FOR_RUN | FOR_OVERHEAD,
     "thread counts: 1-4, 1,2,4,8, 1-2,8 (default: 1, 2, 4, ... up to the CPUs available, and that count)"},
    {"schedule", 's', "LIST", FOR_RUN, "static, dynamic, guided, auto (default: all four)"},
    {"chunk", 'c', "LIST", FOR_RUN,
     "chunk sizes in loop iterations, a kernel unit (row, 4row) or default (the runtime's own); "
     "default: each kernel's list"},
    {"reps", 'r', "N", FOR_RUN,
     "timed runs per configuration, fixed (default: adaptive, from 5 until the speed-up's 95% CI "
     "is narrower than --ci-target)"},
    {"reps", 'r', "N", FOR_OVERHEAD, "samples per row (default 20)"},
    {"ci-target", 'T', "F", FOR_RUN, "adaptive target: the CI's width over the value it is of (default 0.05)"},
    {"max-reps", 'M', "N", FOR_RUN, "adaptive cap (default 15)"},
    {"warmup", 'w', "N", FOR_RUN | FOR_OVERHEAD, "discarded runs before timing (default 1)"},
    {"class", 'C', "S|W|A|B", FOR_RUN, "problem size class (default W: fits a Raspberry Pi 3)"},
    {"class", 'C', "S|W|A|B", FOR_LIST, "the class to mark (default W)"},
    {"set", 'S', "K.P=V[,...]", FOR_RUN, "set kernel K's parameter P, e.g. mandelbrot.maxiter=500"},
    {"out", 'o', "DIR", FOR_RUN | FOR_OVERHEAD,
     "write results to DIR, which must not exist (default: results/<host>-<YYYYmmdd-HHMMSS>/)"},
    {"out", 'o', "DIR", FOR_COMPARE,
     "write the comparison to DIR, which must not exist (default: results/compare-<YYYYmmdd-HHMMSS>/)"},
    {"no-overhead", 'N', NULL, FOR_RUN, "skip the OpenMP overhead table (overhead.csv) that run adds"},
    {"serial-fraction", 'F', "F", FOR_RUN,
     "add a serial section to every run so that F of each kernel's serial time is serial "
     "(0 <= F < 1): watch Amdahl's law happen"},
    {"scaling", 'W', "KIND", FOR_RUN,
     "strong (default: a fixed problem) or weak (the problem grows with the threads: scaled "
     "speed-up, Gustafson's law)"},
    {"order", 'O', "ORDER", FOR_RUN,
     "interleaved (default: rounds of one sample per configuration, serial included, in random "
     "order; speed-up pairs samples of a round) or sequential (each configuration's samples back "
     "to back)"},
    {"seed", 'D', "N", FOR_RUN,
     "seed of the rounds' random order, 0..2^53 (default: from the time; meta.json records it, so "
     "a run can be repeated)"},
    {"bind", 'B', "KIND", FOR_RUN | FOR_OVERHEAD,
     "close (default), spread or none: OMP_PROC_BIND and OMP_PLACES for the run (a binding set "
     "in the environment is kept without it)"},
    {"resume", 'R', "DIR", FOR_RUN,
     "finish a run that was interrupted (Ctrl-C, SIGTERM, or killed): on the same machine and "
     "build, the configurations it had not measured; takes no other option"},
    {"dry-run", 'Y', NULL, FOR_RUN | FOR_OVERHEAD,
     "print what would be measured and an estimate of its time; measure nothing, write nothing"},
    {"allow-mismatch", 'A', NULL, FOR_COMPARE, "compare runs of different classes or parameters, saying so"},
    {"format", 'f', "FMT", FOR_RUN, "text (default) or json: the summary as JSON on stdout, the progress on stderr"},
    {"format", 'f', "FMT", FOR_LIST | FOR_INFO, "text (default) or json"},
    {"quiet", 'q', NULL, FOR_RUN | FOR_OVERHEAD,
     "no progress, summary or file list on stdout (warnings and errors still go to stderr; "
     "summary.txt is written as always)"},
    {"quiet", 'q', NULL, FOR_PLOT, "no list of the charts drawn"},
    {"chart", 'G', "ascii", FOR_PLOT, "print the speed-up chart as text instead of drawing the PNG and SVG charts"},
#ifdef OMPSCALE_MPI
    {"ranks", 'P', "LIST", FOR_RUN,
     "under mpirun or srun: MPI rank counts each parallel loop is split over, 1-4, 1,2,4 (default: "
     "1, 2, 4, ... and the job's ranks)"},
#endif
    {"help", 'h', NULL, ~0u, "this help"},
};

enum { N_OPTION_DOCS = sizeof option_docs / sizeof option_docs[0],
       N_COMMAND_DOCS = sizeof command_docs / sizeof command_docs[0] };

static unsigned commands_of(int id)
{
    unsigned bits = 0;
    for (size_t i = 0; i < N_OPTION_DOCS; i++)
        if (option_docs[i].id == id)
            bits |= option_docs[i].commands;
    return bits;
}

static const struct command_doc *command_doc(enum command c)
{
    for (size_t i = 0; i < N_COMMAND_DOCS; i++)
        if (command_docs[i].command == c)
            return &command_docs[i];
    return NULL;
}

static const char *command_name(enum command c)
{
    const struct command_doc *d = command_doc(c);
    return d != NULL ? d->name : "ompscale";
}

/* Writes text from column `column` to HELP_WIDTH, its first line going on from the current
 * column `at`, broken at spaces. */
static void help_text(FILE *f, int at, int column, const char *text)
{
    const char *p = text;
    if (column > 0 && at >= column) {  /* the option's name reaches into the text: the text starts below */
        fputc('\n', f);
        at = 0;
    }
    fprintf(f, "%*s", column - at, "");
    for (int col = column;;) {
        size_t word = strcspn(p, " ");
        if (col > column && col + 1 + (int)word > HELP_WIDTH) {
            fprintf(f, "\n%*s", column, "");
            col = column;
        } else if (col > column) {
            fputc(' ', f);
            col++;
        }
        fprintf(f, "%.*s", (int)word, p);
        col += (int)word;
        p += word;
        while (*p == ' ')
            p++;
        if (*p == '\0')
            break;
    }
    fputc('\n', f);
}

void options_print_help(FILE *f, enum command c)
{
    const struct command_doc *d = command_doc(c);
    if (d == NULL) {  /* ompscale --help: every command */
        for (size_t i = 0; i < N_COMMAND_DOCS; i++) {
            char usage[64];
            snprintf(usage, sizeof usage, "%s %s", command_docs[i].name, command_docs[i].operands);
            fprintf(f, "%s ompscale %-19s %s\n", i ? "      " : "usage:", usage, command_docs[i].summary);
        }
        fprintf(f, "       ompscale COMMAND --help      the command's options (also: ompscale help COMMAND)\n"
                   "       ompscale --help | --version\n"
                   "\n"
                   "Schedule and team size come from the options, never from OMP_SCHEDULE or\n"
                   "OMP_NUM_THREADS; all OMP_* variables are recorded in meta.json. 'man ompscale' has\n"
                   "the whole story: output files, columns, how to read the results.\n"
                   "Exit status: 0 ok, 1 runtime failure, 2 usage error, 3 verification failed,\n"
                   "4 gnuplot not installed (plot), 128+N stopped by signal N (the results are kept).\n");
        return;
    }
    fprintf(f, "usage: ompscale %s %s\n\n", d->name, d->operands);
    help_text(f, 0, 0, d->about);
    fprintf(f, "\noptions:\n");
    for (size_t i = 0; i < N_OPTION_DOCS; i++) {
        const struct option_doc *o = &option_docs[i];
        if (!(o->commands & (1u << c)))
            continue;
        int at = fprintf(f, "  --%s%s%s", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
        help_text(f, at, HELP_TEXT_COLUMN, o->help);
    }
}

/* Fills table (N_OPTION_DOCS + 1 entries) with getopt_long's options, made from option_docs:
 * each name once, then the zero entry that ends it. */
static void long_options(struct option *table)
{
    int n = 0;
    for (size_t i = 0; i < N_OPTION_DOCS; i++) {
        int seen = 0;  /* a row for another command has given the name already */
        for (size_t j = 0; j < i; j++)
            seen |= strcmp(option_docs[j].name, option_docs[i].name) == 0;
        if (!seen)
            table[n++] = (struct option){option_docs[i].name, option_docs[i].arg ? required_argument : no_argument,
                                         NULL, option_docs[i].id};
    }
    table[n] = (struct option){NULL, 0, NULL, 0};
}

/* "run, overhead, list, info, plot, compare" */
static void command_names(char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < N_COMMAND_DOCS && len < size; i++)
        len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? ", " : "", command_docs[i].name);
}

/* The command named s, or -1. */
static int find_command(const char *s)
{
    for (size_t i = 0; i < N_COMMAND_DOCS; i++)
        if (strcmp(command_docs[i].name, s) == 0)
            return (int)command_docs[i].command;
    return -1;
}

static int fail(char *err, size_t err_size, const char *opt, const char *value, const char *why)
{
    snprintf(err, err_size, "%s '%s': %s", opt, value, why);
    return -1;
}

static int parse_kernels(const char *s, struct options *o, char *err, size_t err_size)
{
    const char *p = s;
    o->n_kernels = 0;
    for (;;) {
        size_t len = strcspn(p, ",");
        if (len == 0 || len >= NAME_MAX_LEN || o->n_kernels == LIST_MAX)
            return fail(err, err_size, "--kernel", s, "want a comma-separated list of kernel names");
        memcpy(o->kernels[o->n_kernels], p, len);
        o->kernels[o->n_kernels++][len] = '\0';
        if (p[len] == '\0')
            return 0;
        p += len + 1;
    }
}

static int parse_schedules(const char *s, struct options *o, char *err, size_t err_size)
{
    const char *p = s;
    o->n_schedules = 0;
    for (;;) {
        char name[NAME_MAX_LEN];
        size_t len = strcspn(p, ",");
        enum sched_kind kind;
        if (len == 0 || len >= sizeof name)
            return fail(err, err_size, "--schedule", s, "want a list of static, dynamic, guided, auto");
        memcpy(name, p, len);
        name[len] = '\0';
        if (schedule_parse(name, &kind) != 0) {
            snprintf(err, err_size, "--schedule '%s': unknown schedule '%s' (valid: static, dynamic, guided, auto)", s,
                     name);
            return -1;
        }
        int seen = 0;
        for (int i = 0; i < o->n_schedules; i++)
            seen |= o->schedules[i] == kind;
        if (!seen)
            o->schedules[o->n_schedules++] = kind;
        if (p[len] == '\0')
            return 0;
        p += len + 1;
    }
}

/* Parses "k.p=v[,k.p=v...]" into o->sets. */
static int parse_sets(const char *s, struct options *o, char *err, size_t err_size)
{
    const char *p = s;
    for (;;) {
        size_t len = strcspn(p, ",");
        char item[3 * NAME_MAX_LEN];
        if (len == 0 || len >= sizeof item)
            return fail(err, err_size, "--set", s, "want KERNEL.PARAM=VALUE");
        memcpy(item, p, len);
        item[len] = '\0';
        char *dot = strchr(item, '.'), *eq = strchr(item, '=');
        if (dot == NULL || eq == NULL || dot > eq || dot == item || eq == dot + 1 || eq[1] == '\0')
            return fail(err, err_size, "--set", item, "want KERNEL.PARAM=VALUE, e.g. mandelbrot.maxiter=500");
        if (o->n_sets == SETS_MAX)
            return fail(err, err_size, "--set", item, "too many --set values");
        struct param_set *ps = &o->sets[o->n_sets];
        *dot = *eq = '\0';
        if (strlen(item) >= NAME_MAX_LEN || strlen(dot + 1) >= NAME_MAX_LEN || strlen(eq + 1) >= NAME_MAX_LEN)
            return fail(err, err_size, "--set", s, "name or value too long");
        strcpy(ps->kernel, item);
        strcpy(ps->param, dot + 1);
        strcpy(ps->value, eq + 1);
        o->n_sets++;
        if (p[len] == '\0')
            return 0;
        p += len + 1;
    }
}

int options_parse(int argc, char **argv, struct options *o, char *err, size_t err_size)
{
    struct option longopts[N_OPTION_DOCS + 1];
    char why[256], names[128];

    memset(o, 0, sizeof *o);
    o->reps = 5;
    o->max_reps = 15;
    o->ci_target = 0.05;
    o->warmup = 1;
    o->class = CLASS_W;
    o->help_command = CMD_HELP;
    o->argc = argc;
    o->argv = argv;
    long_options(longopts);
    command_names(names, sizeof names);

    if (argc < 2) {
        snprintf(err, err_size, "no command: try '%s --help'", argv[0]);
        return -1;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        o->command = CMD_HELP;
        if (argc > 2 && strcmp(cmd, "help") == 0) {  /* ompscale help COMMAND */
            int c = find_command(argv[2]);
            if (c < 0 || argc > 3) {
                snprintf(err, err_size, "help '%s': want one command (valid: %s)", argv[2], names);
                return -1;
            }
            o->help_command = (enum command)c;
        }
        return 0;
    }
    if (strcmp(cmd, "--version") == 0) {
        o->command = CMD_VERSION;
        return 0;
    }
    int found = find_command(cmd);
    if (found < 0) {
        snprintf(err, err_size, "unknown command '%s' (valid: %s, --help, --version)", cmd, names);
        return -1;
    }
    o->command = (enum command)found;

    optind = 2;
    opterr = 0;  /* we print our own one-line errors */
    int c, given_max_reps = 0, given_run_options = 0, index = -1;
    while ((c = getopt_long(argc, argv, ":h", longopts, &index)) != -1) {
        const char *a = optarg;
        given_run_options += c != 'R' && c != 'q' && c != 'f';  /* what --resume takes from the record */
        if (c != 'h' && c != ':' && c != '?' && index >= 0 && !(commands_of(c) & (1u << o->command))) {
            snprintf(err, err_size, "%s: --%s is not an option of %s (try 'ompscale %s --help')",
                     command_name(o->command), longopts[index].name, command_name(o->command), command_name(o->command));
            return -1;
        }
        index = -1;
        switch (c) {
        case 'k':
            if (parse_kernels(a, o, err, err_size) != 0)
                return -1;
            break;
        case 't':
            if (parse_thread_list(a, o->threads, &o->n_threads, why, sizeof why) != 0)
                return fail(err, err_size, "--threads", a, why);
            break;
        case 'P':
            if (parse_thread_list(a, o->ranks, &o->n_ranks, why, sizeof why) != 0)
                return fail(err, err_size, "--ranks", a, why);
            break;
        case 's':
            if (parse_schedules(a, o, err, err_size) != 0)
                return -1;
            break;
        case 'c':
            if (parse_chunk_list(a, o->chunks, &o->n_chunks, why, sizeof why) != 0)
                return fail(err, err_size, "--chunk", a, why);
            break;
        case 'r':
            if (parse_long(a, 1, REPS_MAX, &o->reps, why, sizeof why) != 0)
                return fail(err, err_size, "--reps", a, why);
            o->reps_fixed = 1;
            break;
        case 'M':
            if (parse_long(a, 1, REPS_MAX, &o->max_reps, why, sizeof why) != 0)
                return fail(err, err_size, "--max-reps", a, why);
            given_max_reps = 1;
            break;
        case 'T':
            if (parse_double(a, &o->ci_target, why, sizeof why) != 0)
                return fail(err, err_size, "--ci-target", a, why);
            if (o->ci_target <= 0 || o->ci_target >= 1)
                return fail(err, err_size, "--ci-target", a, "want a fraction of the median, 0 < F < 1 (e.g. 0.05)");
            break;
        case 'w':
            if (parse_long(a, 0, WARMUP_MAX, &o->warmup, why, sizeof why) != 0)
                return fail(err, err_size, "--warmup", a, why);
            break;
        case 'C':
            if (kernel_class_parse(a, &o->class) != 0)
                return fail(err, err_size, "--class", a, "want S, W, A or B");
            break;
        case 'S':
            if (parse_sets(a, o, err, err_size) != 0)
                return -1;
            break;
        case 'o':
            if (a[0] == '\0')
                return fail(err, err_size, "--out", a, "empty directory name");
            o->out_dir = a;
            break;
        case 'N':
            o->no_overhead = 1;
            break;
        case 'W':
            if (strcmp(a, "weak") != 0 && strcmp(a, "strong") != 0)
                return fail(err, err_size, "--scaling", a, "want strong or weak");
            o->weak = strcmp(a, "weak") == 0;
            break;
        case 'O':
            if (strcmp(a, "interleaved") != 0 && strcmp(a, "sequential") != 0)
                return fail(err, err_size, "--order", a, "want interleaved or sequential");
            o->sequential = strcmp(a, "sequential") == 0;
            break;
        case 'D': {
            char *end;
            errno = 0;
            unsigned long long v = strtoull(a, &end, 10);
            if (a[0] < '0' || a[0] > '9' || *end != '\0' || errno != 0 || v > OPTIONS_SEED_MAX)
                return fail(err, err_size, "--seed", a, "want a whole number from 0 to 9007199254740992 (2^53)");
            o->seed = v;
            o->seed_given = 1;
            break;
        }
        case 'B':
            if (binding_parse(a, &o->bind) != 0)
                return fail(err, err_size, "--bind", a, "want close, spread or none");
            break;
        case 'Y':
            o->dry_run = 1;
            break;
        case 'F':
            if (parse_double(a, &o->serial_fraction, why, sizeof why) != 0)
                return fail(err, err_size, "--serial-fraction", a, why);
            if (o->serial_fraction < 0 || o->serial_fraction >= 1)
                return fail(err, err_size, "--serial-fraction", a, "want 0 <= F < 1, e.g. 0.1");
            break;
        case 'A':
            o->allow_mismatch = 1;
            break;
        case 'G':
            if (strcmp(a, "ascii") != 0)
                return fail(err, err_size, "--chart", a, "want ascii (the PNG and SVG charts need no option)");
            o->chart_ascii = 1;
            break;
        case 'R':
            if (a[0] == '\0')
                return fail(err, err_size, "--resume", a, "empty directory name");
            o->resume_dir = a;
            break;
        case 'f':
            if (strcmp(a, "text") != 0 && strcmp(a, "json") != 0)
                return fail(err, err_size, "--format", a, "want text or json");
            o->json = strcmp(a, "json") == 0;
            break;
        case 'q':
            o->quiet = 1;
            break;
        case 'h':
            o->help_command = o->command;
            o->command = CMD_HELP;
            return 0;
        case ':':
            snprintf(err, err_size, "%s: needs a value", argv[optind - 1]);
            return -1;
        default:
            snprintf(err, err_size, "%s: unknown option (try 'ompscale %s --help')", argv[optind - 1],
                     command_name(o->command));
            return -1;
        }
    }
    if (o->reps_fixed && given_max_reps) {
        snprintf(err, err_size, "--max-reps %ld: --reps %ld fixes the number of timed runs; give one of the two",
                 o->max_reps, o->reps);
        return -1;
    }
    if (o->reps_fixed)
        o->max_reps = o->reps;
    else if (o->max_reps < o->reps) {
        snprintf(err, err_size, "--max-reps %ld: below the %ld timed runs adaptive repetition starts from; give at least "
                                "%ld, or --reps N for a fixed count",
                 o->max_reps, o->reps, o->reps);
        return -1;
    }
    if (o->dry_run && (o->json || o->quiet)) {
        snprintf(err, err_size, "--dry-run: prints its plan as text, so it takes neither --format json nor --quiet");
        return -1;
    }
    if (o->resume_dir != NULL && given_run_options > 0) {
        snprintf(err, err_size, "--resume %s: takes no other option but --quiet and --format: the run's own are in "
                 "its results.json", o->resume_dir);
        return -1;
    }
    if (o->command == CMD_COMPARE) {  /* the run directories, wherever they stood among the options */
        o->operands = argv + optind;
        o->n_operands = argc - optind;
        return 0;
    }
    if (o->command == CMD_PLOT || o->command == CMD_REPORT) {  /* one run directory, before or after options */
        if (argc - optind != 1 || argv[optind][0] == '\0') {
            snprintf(err, err_size, "%s: want one run directory: ompscale %s DIR%s", command_name(o->command),
                     command_name(o->command), o->command == CMD_PLOT ? " [--chart ascii]" : "");
            return -1;
        }
        o->run_dir = argv[optind];
        return 0;
    }
    if (optind < argc) {
        snprintf(err, err_size, "'%s': unexpected argument (try 'ompscale %s --help')", argv[optind],
                 command_name(o->command));
        return -1;
    }
    return 0;
}
