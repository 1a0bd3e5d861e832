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

void options_print_help(const char *argv0)
{
    printf("usage: %s run [options]       measure kernels serially and with OpenMP\n"
           "       %s overhead [options]  measure OpenMP's own costs (EPCC style): parallel region,\n"
           "                              barrier, schedules; takes --threads, --reps, --out,\n"
           "                              --bind, --dry-run\n"
           "       %s list                show kernels, parameters and class sizes\n"
           "       %s info                this machine, as every run records it in meta.json\n"
           "       %s plot DIR            draw a run's charts (PNG, SVG) into DIR from its results.json;\n"
           "                              --chart ascii prints the speed-up chart as text instead\n"
           "       %s report DIR          write DIR/report.html again from its results.json: the run on\n"
           "                              one self-contained page (every run writes one)\n"
           "       %s compare DIR DIR...  compare runs (e.g. a Raspberry Pi and a laptop): tables and a\n"
           "                              chart; --out DIR, --allow-mismatch (different class/params)\n"
           "       %s --help | --version\n"
           "\n"
           "run options:\n"
           "  --kernel LIST       kernels to run (default: all; see 'list')\n"
           "  --threads LIST      thread counts: 1-4, 1,2,4,8 (default: 1, 2, 4, ... and the CPUs\n"
           "                      available)\n"
           "  --schedule LIST     static, dynamic, guided, auto (default: all four)\n"
           "  --chunk LIST        chunk sizes in loop iterations, a kernel unit (row, 4row) or\n"
           "                      default (the runtime's own); default: each kernel's list\n"
           "  --reps N            timed runs per configuration, fixed (default: adaptive, from 5\n"
           "                      until the median's 95%% CI is narrower than --ci-target)\n"
           "  --ci-target F       adaptive target: CI width / median (default 0.05)\n"
           "  --max-reps N        adaptive cap (default 15)\n"
           "  --warmup N          discarded runs before timing (default 1)\n"
           "  --class S|W|A|B     problem size class (default W: fits a Raspberry Pi 3)\n"
           "  --set K.P=V[,...]   set kernel K's parameter P, e.g. mandelbrot.maxiter=500\n"
           "  --out DIR           write results to DIR, which must not exist\n"
           "                      (default: results/<host>-<YYYYmmdd-HHMMSS>/)\n"
           "  --no-overhead       skip the OpenMP overhead table (overhead.csv) that run adds\n"
           "  --serial-fraction F add a serial section to every run so that F of each kernel's\n"
           "                      serial time is serial (0 <= F < 1): watch Amdahl's law happen\n"
           "  --resume DIR        finish a run that was interrupted (Ctrl-C, SIGTERM): on the same\n"
           "                      machine and build, the configurations it had not measured\n"
           "  --scaling KIND      strong (default: a fixed problem) or weak (the problem grows\n"
           "                      with the threads: scaled speed-up, Gustafson's law)\n"
           "  --order ORDER       interleaved (default: rounds of one sample per configuration,\n"
           "                      serial included, in random order; speed-up pairs samples of a\n"
           "                      round) or sequential (each configuration's samples back to back)\n"
           "  --seed N            seed of the rounds' random order, 0..2^53 (default: from the\n"
           "                      time; meta.json records it, so a run can be repeated)\n"
           "  --bind KIND         close (default), spread or none: OMP_PROC_BIND and OMP_PLACES\n"
           "                      for the run (a binding set in the environment is kept without it)\n"
           "  --dry-run           print what the run would measure and an estimate of its time;\n"
           "                      measure nothing, write nothing\n"
#ifdef OMPSCALE_MPI
           "  --ranks LIST        under mpirun or srun: MPI rank counts each parallel loop is split\n"
           "                      over, 1-4, 1,2,4 (default: 1, 2, 4, ... and the job's ranks)\n"
#endif
           "\n"
           "Schedule and team size come from these options, never from OMP_SCHEDULE or\n"
           "OMP_NUM_THREADS; all OMP_* variables are recorded in meta.json.\n"
           "Exit status: 0 ok, 1 runtime failure, 2 usage error, 3 verification failed,\n"
           "4 gnuplot not installed (plot).\n",
           argv0, argv0, argv0, argv0, argv0, argv0, argv0, argv0);
}

/* The commands each option belongs to; an option given to another command is refused rather
 * than silently ignored. */
#define FOR_RUN (1u << CMD_RUN)
#define FOR_OVERHEAD (1u << CMD_OVERHEAD)
#define FOR_LIST (1u << CMD_LIST)
#define FOR_COMPARE (1u << CMD_COMPARE)
#define FOR_PLOT (1u << CMD_PLOT)
static const struct {
    int id;
    unsigned commands;
} option_commands[] = {
    {'k', FOR_RUN | FOR_LIST}, {'t', FOR_RUN | FOR_OVERHEAD}, {'s', FOR_RUN}, {'c', FOR_RUN},
    {'r', FOR_RUN | FOR_OVERHEAD}, {'w', FOR_RUN | FOR_OVERHEAD}, {'C', FOR_RUN | FOR_LIST}, {'S', FOR_RUN},
    {'o', FOR_RUN | FOR_OVERHEAD | FOR_COMPARE}, {'T', FOR_RUN}, {'M', FOR_RUN}, {'N', FOR_RUN}, {'F', FOR_RUN},
    {'W', FOR_RUN}, {'O', FOR_RUN}, {'D', FOR_RUN}, {'A', FOR_COMPARE}, {'R', FOR_RUN},
    {'B', FOR_RUN | FOR_OVERHEAD}, {'Y', FOR_RUN | FOR_OVERHEAD}, {'P', FOR_RUN}, {'G', FOR_PLOT},
};

static unsigned commands_of(int id)
{
    for (size_t i = 0; i < sizeof option_commands / sizeof option_commands[0]; i++)
        if (option_commands[i].id == id)
            return option_commands[i].commands;
    return ~0u;
}

static const char *command_name(enum command c)
{
    switch (c) {
    case CMD_RUN: return "run";
    case CMD_OVERHEAD: return "overhead";
    case CMD_LIST: return "list";
    case CMD_INFO: return "info";
    case CMD_PLOT: return "plot";
    case CMD_REPORT: return "report";
    case CMD_COMPARE: return "compare";
    default: return "ompscale";
    }
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
    static const struct option longopts[] = {
        {"kernel", required_argument, NULL, 'k'}, {"threads", required_argument, NULL, 't'},
        {"schedule", required_argument, NULL, 's'}, {"chunk", required_argument, NULL, 'c'},
        {"reps", required_argument, NULL, 'r'},   {"warmup", required_argument, NULL, 'w'},
        {"class", required_argument, NULL, 'C'},  {"set", required_argument, NULL, 'S'},
        {"out", required_argument, NULL, 'o'},    {"help", no_argument, NULL, 'h'},
        {"ci-target", required_argument, NULL, 'T'}, {"max-reps", required_argument, NULL, 'M'},
        {"no-overhead", no_argument, NULL, 'N'},  {"resume", required_argument, NULL, 'R'},
         {"serial-fraction", required_argument, NULL, 'F'},
        {"scaling", required_argument, NULL, 'W'}, {"order", required_argument, NULL, 'O'},
        {"seed", required_argument, NULL, 'D'},
        {"bind", required_argument, NULL, 'B'}, {"dry-run", no_argument, NULL, 'Y'},
        {"allow-mismatch", no_argument, NULL, 'A'}, {"version", no_argument, NULL, 'V'},
#ifdef OMPSCALE_MPI
        {"ranks", required_argument, NULL, 'P'},
#endif
        {"chart", required_argument, NULL, 'G'}, {NULL, 0, NULL, 0},
    };
    char why[256];

    memset(o, 0, sizeof *o);
    o->reps = 5;
    o->max_reps = 15;
    o->ci_target = 0.05;
    o->warmup = 1;
    o->class = CLASS_W;
    o->argc = argc;
    o->argv = argv;

    if (argc < 2) {
        snprintf(err, err_size, "no command: try '%s --help'", argv[0]);
        return -1;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "run") == 0)
        o->command = CMD_RUN;
    else if (strcmp(cmd, "list") == 0)
        o->command = CMD_LIST;
    else if (strcmp(cmd, "overhead") == 0)
        o->command = CMD_OVERHEAD;
    else if (strcmp(cmd, "info") == 0)
        o->command = CMD_INFO;
    else if (strcmp(cmd, "plot") == 0)
        o->command = CMD_PLOT;
    else if (strcmp(cmd, "report") == 0)
        o->command = CMD_REPORT;
    else if (strcmp(cmd, "compare") == 0)
        o->command = CMD_COMPARE;
    else if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0)
        o->command = CMD_HELP;
    else if (strcmp(cmd, "--version") == 0)
        o->command = CMD_VERSION;
    else {
        snprintf(err, err_size,
                 "unknown command '%s' (valid: run, overhead, list, info, plot, report, compare, --help, --version)",
                 cmd);
        return -1;
    }
    if (o->command == CMD_HELP || o->command == CMD_VERSION)
        return 0;
    optind = 2;
    opterr = 0;  /* we print our own one-line errors */
    int c, given_max_reps = 0, index = -1;
    while ((c = getopt_long(argc, argv, ":h", longopts, &index)) != -1) {
        const char *a = optarg;
        if (c != 'h' && c != ':' && c != '?' && index >= 0 && !(commands_of(c) & (1u << o->command))) {
            snprintf(err, err_size, "%s: --%s is not an option of %s (try --help)", command_name(o->command),
                     longopts[index].name, command_name(o->command));
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
        case 'h':
            o->command = CMD_HELP;
            return 0;
        case ':':
            snprintf(err, err_size, "%s: needs a value", argv[optind - 1]);
            return -1;
        default:
            snprintf(err, err_size, "%s: unknown option (try --help)", argv[optind - 1]);
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
    if (o->resume_dir != NULL && argc != 4 && !(argc == 3 && strncmp(argv[2], "--resume=", 9) == 0)) {
        snprintf(err, err_size, "--resume %s: takes no other option: the run's own are in its results.json",
                 o->resume_dir);
        return -1;
    }
    if (o->command == CMD_PLOT || o->command == CMD_REPORT) {  /* one run directory (plot: before or after --chart) */
        if (argc - optind != 1 || argv[optind][0] == '\0') {
            snprintf(err, err_size, "%s: want one run directory: ompscale %s DIR%s", command_name(o->command),
                     command_name(o->command), o->command == CMD_PLOT ? " [--chart ascii]" : "");
            return -1;
        }
        o->run_dir = argv[optind];
        return 0;
    }
    if (o->command == CMD_COMPARE) {  /* the run directories, wherever they stood among the options */
        o->operands = argv + optind;
        o->n_operands = argc - optind;
        return 0;
    }
    if (optind < argc) {
        snprintf(err, err_size, "'%s': unexpected argument (try --help)", argv[optind]);
        return -1;
    }
    return 0;
}
