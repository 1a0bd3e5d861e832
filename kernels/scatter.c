/* scatter.c -- many small tasks that write files: each task draws one scatter plot with cairo,
 * encodes it as PNG or PDF and writes it to its own file; I/O does not scale like compute.
 *
 * Plot i takes its random numbers from rng_stream(seed, i), so it is the same picture whichever
 * thread draws it and in whatever order. A task shares nothing but read-only inputs: it makes
 * and destroys its own surfaces, context and memory buffer, and writes only slot i of the
 * result and timing arrays. Verification compares a 64-bit checksum of each plot's pixels,
 * computed inside the task; a PDF task also draws into an image surface for that checksum.
 * Both runs write the same file names into <dir>/scatter-plots/; the serial and parallel
 * paths call the same run_task(). Each task times three phases, summed after the loop:
 * draw (random numbers, drawing, checksum; for PDF also recording the page), encode (PNG or
 * PDF into a growing memory buffer) and write (open, write, fsync when asked, close).
 */
#define _POSIX_C_SOURCE 200809L
#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "kernel.h"
#include "rng.h"

enum { P_PLOTS, P_POINTS, P_WIDTH, P_HEIGHT, P_FORMAT, P_FSYNC, P_KEEP, P_SEED, P_COUNT };
enum { FORMAT_PNG, FORMAT_PDF };
enum { M_DRAW, M_ENCODE, M_WRITE, M_COUNT };

/* Points grow with the image area, so every class draws equally crowded plots (radii are in
 * pixels); class A is the tutorial's 64 plots of 500 points at 640 x 480. */
static const struct kernel_param params[P_COUNT] = {
    [P_PLOTS]  = {"plots", PARAM_INT, 1, 1e6, {8, 32, 64, 256}, "number of plots (tasks, files)"},
    [P_POINTS] = {"points", PARAM_INT, 0, 1e7, {32, 125, 500, 500}, "random points per plot"},
    [P_WIDTH]  = {"width", PARAM_INT, 1, 16384, {160, 320, 640, 640}, "plot width in pixels"},
    [P_HEIGHT] = {"height", PARAM_INT, 1, 16384, {120, 240, 480, 480}, "plot height in pixels"},
    [P_FORMAT] = {"format", PARAM_INT, 0, 1, {0, 0, 0, 0}, "file format: 0 = PNG, 1 = PDF"},
    [P_FSYNC]  = {"fsync", PARAM_BOOL, 0, 1, {0, 0, 0, 0}, "fsync each file (the I/O-bound case)"},
    [P_KEEP]   = {"keep", PARAM_BOOL, 0, 1, {0, 0, 0, 0}, "keep the plots in <dir>/scatter-plots"},
    [P_SEED]   = {"seed", PARAM_INT, 0, 9007199254740992.0, {1, 1, 1, 1}, "random seed"},
};

static const char *const metric_names[M_COUNT] = {"draw_s", "encode_s", "write_s"};

/* Where a task stopped; err holds the cairo status (draw, encode) or errno (the others). */
enum stage { STAGE_OK, STAGE_NOT_RUN, STAGE_DRAW, STAGE_ENCODE, STAGE_OPEN, STAGE_WRITE, STAGE_FSYNC, STAGE_CLOSE };

static const char *const stage_names[] = {
    [STAGE_OK] = "ok",         [STAGE_NOT_RUN] = "not run", [STAGE_DRAW] = "drawing",
    [STAGE_ENCODE] = "encoding", [STAGE_OPEN] = "open",     [STAGE_WRITE] = "write",
    [STAGE_FSYNC] = "fsync",   [STAGE_CLOSE] = "close",
};

struct task_result {
    uint64_t checksum;  /* of the plot's pixels */
    int stage;          /* enum stage */
    int err;
};

struct scatter {
    long plots, points;
    int width, height, format, fsync, keep;
    uint64_t seed;
    char folder[4000];         /* <dir>/scatter-plots */
    struct task_result *ref;   /* serial run */
    struct task_result *out;   /* parallel run */
    double *phase_s;           /* plots x M_COUNT: seconds per task and phase, last run */
    double total_s[M_COUNT];   /* phase_s summed over the tasks of the last run */
};

/* A growing memory buffer that cairo's stream writers append to. */
struct buffer {
    unsigned char *data;
    size_t size, capacity;
};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static cairo_status_t buffer_append(void *closure, const unsigned char *data, unsigned int length)
{
    struct buffer *b = closure;
    if (b->size + length > b->capacity) {
        size_t capacity = b->capacity ? b->capacity : 65536;
        while (capacity < b->size + length)
            capacity *= 2;
        unsigned char *grown = realloc(b->data, capacity);
        if (grown == NULL)
            return CAIRO_STATUS_NO_MEMORY;
        b->data = grown;
        b->capacity = capacity;
    }
    memcpy(b->data + b->size, data, length);
    b->size += length;
    return CAIRO_STATUS_SUCCESS;
}

/* Sets the source to t in [0, 1] along a viridis-like gradient, at alpha 0.5. */
static void set_colour(cairo_t *cr, double t)
{
    static const double stops[][3] = {
        {68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37},
    };
    int s = (int)(t * 4);
    if (s > 3)
        s = 3;
    double u = t * 4 - s;
    double c[3];
    for (int k = 0; k < 3; k++)
        c[k] = (stops[s][k] + u * (stops[s + 1][k] - stops[s][k])) / 255;
    cairo_set_source_rgba(cr, c[0], c[1], c[2], 0.5);
}

/* Draws plot index on cr: a white background and translucent discs at uniform positions in
 * the unit square (y up), radius uniform in [0, 15) pixels, colour from the point's own draw. */
static void draw_plot(cairo_t *cr, const struct scatter *s, long index)
{
    struct rng r = rng_stream(s->seed, (uint64_t)index);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    for (long p = 0; p < s->points; p++) {
        double x = rng_uniform(&r) * s->width;
        double y = (1 - rng_uniform(&r)) * s->height;
        double radius = 15 * rng_uniform(&r);
        set_colour(cr, rng_uniform(&r));
        cairo_new_path(cr);
        cairo_arc(cr, x, y, radius, 0, 6.283185307179586);
        cairo_fill(cr);
    }
}

/* Hashes the visible pixels (RGB, the unused byte masked off), two pixels per 64-bit word,
 * in four interleaved lanes so the mixing latency overlaps. */
static uint64_t image_checksum(cairo_surface_t *img)
{
    cairo_surface_flush(img);
    const unsigned char *data = cairo_image_surface_get_data(img);
    int stride = cairo_image_surface_get_stride(img);
    int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
    uint64_t lane[4] = {1, 2, 3, 4};
    unsigned k = 0;
    for (int y = 0; y < h; y++) {
        const uint32_t *px = (const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride);
        int x = 0;
        for (; x + 1 < w; x += 2, k++) {
            uint64_t word = (uint64_t)(px[x] & 0xffffffu) << 32 | (px[x + 1] & 0xffffffu);
            lane[k & 3] = rng_mix(lane[k & 3] ^ word);
        }
        if (x < w) {
            lane[k & 3] = rng_mix(lane[k & 3] ^ (px[x] & 0xffffffu));
            k++;
        }
    }
    uint64_t sum = (uint64_t)w << 32 | (uint64_t)h;
    for (int i = 0; i < 4; i++)
        sum = rng_mix(sum ^ lane[i]);
    return sum;
}

/* Writes size bytes to path, then fsync when sync is set. Returns STAGE_OK, or the stage that
 * failed with errno in *err. It truncates an existing file, as a program saving a figure does;
 * on ext4 that costs I/O even without fsync (truncating blocks, writeback started at close). */
static int write_file(const char *path, const unsigned char *data, size_t size, int sync, int *err)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        *err = errno;
        return STAGE_OPEN;
    }
    int stage = STAGE_OK;
    while (size > 0) {
        ssize_t n = write(fd, data, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            stage = STAGE_WRITE;
            *err = n < 0 ? errno : ENOSPC;
            break;
        }
        data += n;
        size -= (size_t)n;
    }
    if (stage == STAGE_OK && sync && fsync(fd) != 0) {
        stage = STAGE_FSYNC;
        *err = errno;
    }
    if (close(fd) != 0 && stage == STAGE_OK) {
        stage = STAGE_CLOSE;
        *err = errno;
    }
    return stage;
}

static void plot_path(const struct scatter *s, long index, char *path, size_t size)
{
    snprintf(path, size, "%s/plot-%04ld.%s", s->folder, index, s->format == FORMAT_PDF ? "pdf" : "png");
}

/* Draws (and checksums), encodes and writes plot index. Fills *res, and seconds[M_COUNT]
 * with the time of each phase; a failure stops the task and is recorded in *res. */
static void run_task(const struct scatter *s, long index, struct task_result *res, double *seconds)
{
    struct buffer buf = {NULL, 0, 0};
    cairo_surface_t *pdf = NULL;
    res->checksum = 0;
    res->err = 0;
    res->stage = STAGE_OK;

    double t0 = now_s();
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, s->width, s->height);
    cairo_t *cr = cairo_create(img);
    draw_plot(cr, s, index);
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    if (st == CAIRO_STATUS_SUCCESS)
        res->checksum = image_checksum(img);
    if (st == CAIRO_STATUS_SUCCESS && s->format == FORMAT_PDF) {
        /* The PDF surface records the drawing; the page is encoded when it is finished. */
        pdf = cairo_pdf_surface_create_for_stream(buffer_append, &buf, s->width, s->height);
        cr = cairo_create(pdf);
        draw_plot(cr, s, index);
        st = cairo_status(cr);
        cairo_destroy(cr);
    }
    if (st != CAIRO_STATUS_SUCCESS) {
        res->stage = STAGE_DRAW;
        res->err = (int)st;
    }

    double t1 = now_s();
    if (res->stage == STAGE_OK) {
        if (s->format == FORMAT_PDF) {
            cairo_surface_finish(pdf);
            st = cairo_surface_status(pdf);
        } else {
            st = cairo_surface_write_to_png_stream(img, buffer_append, &buf);
        }
        if (st != CAIRO_STATUS_SUCCESS) {
            res->stage = STAGE_ENCODE;
            res->err = (int)st;
        }
    }

    double t2 = now_s();
    if (res->stage == STAGE_OK) {
        char path[4096];
        plot_path(s, index, path, sizeof path);
        res->stage = write_file(path, buf.data, buf.size, s->fsync, &res->err);
    }
    double t3 = now_s();

    if (pdf != NULL)
        cairo_surface_destroy(pdf);
    cairo_surface_destroy(img);
    free(buf.data);
    seconds[M_DRAW] = t1 - t0;
    seconds[M_ENCODE] = t2 - t1;
    seconds[M_WRITE] = t3 - t2;
}

/* Sums the phases of the tasks [begin, end): those of the last run. */
static void sum_phases(struct scatter *s, long begin, long end)
{
    for (int k = 0; k < M_COUNT; k++)
        s->total_s[k] = 0;
    for (long i = begin; i < end; i++)
        for (int k = 0; k < M_COUNT; k++)
            s->total_s[k] += s->phase_s[i * M_COUNT + k];
}

/* Creates <dir>/scatter-plots, or accepts it when it is already a folder. Returns 0, or -1. */
static int make_folder(struct scatter *s, const char *dir)
{
    if (dir == NULL)
        return -1;
    int n = snprintf(s->folder, sizeof s->folder, "%s/scatter-plots", dir);
    if (n < 0 || (size_t)n >= sizeof s->folder)
        return -1;
    if (mkdir(s->folder, 0755) == 0)
        return 0;
    struct stat st;
    if (errno == EEXIST && stat(s->folder, &st) == 0 && S_ISDIR(st.st_mode))
        return 0;
    return -1;
}

/* Per plot its bookkeeping; per thread one image surface (4 bytes a pixel) and its encoded file,
 * counted as large again. */
static double memory_bytes(const double *v, int threads)
{
    double per_plot = 2 * sizeof(struct task_result) + M_COUNT * sizeof(double);
    return v[P_PLOTS] * per_plot + (double)threads * 2 * 4 * v[P_WIDTH] * v[P_HEIGHT];
}

static int setup(void **state, const double *v, const char *dir)
{
    struct scatter *s = calloc(1, sizeof *s);
    if (s == NULL)
        return -1;
    s->plots = (long)v[P_PLOTS];
    s->points = (long)v[P_POINTS];
    s->width = (int)v[P_WIDTH];
    s->height = (int)v[P_HEIGHT];
    s->format = (int)v[P_FORMAT];
    s->fsync = v[P_FSYNC] != 0;
    s->keep = v[P_KEEP] != 0;
    s->seed = (uint64_t)v[P_SEED];
    s->ref = calloc((size_t)s->plots, sizeof *s->ref);
    s->out = calloc((size_t)s->plots, sizeof *s->out);
    s->phase_s = calloc((size_t)s->plots * M_COUNT, sizeof *s->phase_s);
    if (s->ref == NULL || s->out == NULL || s->phase_s == NULL || make_folder(s, dir) != 0) {
        free(s->ref);
        free(s->out);
        free(s->phase_s);
        free(s);
        return -1;
    }
    for (long i = 0; i < s->plots; i++)
        s->ref[i].stage = s->out[i].stage = STAGE_NOT_RUN;
    *state = s;
    return 0;
}

/* Describes a task that did not finish: "PATH: write failed: No space left on device" for the
 * file stages, "plot 7: drawing failed: out of memory" for cairo's. */
static void describe_failure(const struct scatter *s, long i, const struct task_result *r, char *why,
                             size_t why_size)
{
    char path[4096];
    plot_path(s, i, path, sizeof path);
    if (r->stage == STAGE_NOT_RUN)
        snprintf(why, why_size, "plot %ld: not run", i);
    else if (r->stage == STAGE_DRAW || r->stage == STAGE_ENCODE)
        snprintf(why, why_size, "plot %ld: %s failed: %s", i, stage_names[r->stage],
                 cairo_status_to_string((cairo_status_t)r->err));
    else
        snprintf(why, why_size, "%s: %s failed: %s", path, stage_names[r->stage], strerror(r->err));
}

/* A task of [begin, end) that stopped at drawing, encoding or a file stage failed outside the code
 * (memory, the disk): returns -1 with the first such task described in why, else 0. */
static int run_failure(const struct scatter *s, const struct task_result *res, long begin, long end, char *why,
                       size_t why_size)
{
    for (long i = begin; i < end; i++) {
        if (res[i].stage != STAGE_OK && res[i].stage != STAGE_NOT_RUN) {
            describe_failure(s, i, &res[i], why, why_size);
            return -1;
        }
    }
    return 0;
}

static int run_serial(void *state, char *why, size_t why_size)
{
    struct scatter *s = state;
    for (long i = 0; i < s->plots; i++)
        run_task(s, i, &s->ref[i], &s->phase_s[i * M_COUNT]);
    sum_phases(s, 0, s->plots);
    return run_failure(s, s->ref, 0, s->plots, why, why_size);
}

static int run_range(void *state, const struct share_team *team, long begin, long end, char *why,
                     size_t why_size)
{
    struct scatter *s = state;
#pragma omp parallel
    {
        struct share_mark mark = share_begin(team);
#pragma omp for schedule(runtime) nowait
        for (long i = begin; i < end; i++) {
            share_iteration(&mark);
            run_task(s, i, &s->out[i], &s->phase_s[i * M_COUNT]);
        }
        share_end(team, &mark);
    }
    sum_phases(s, begin, end);
    return run_failure(s, s->out, begin, end, why, why_size);
}

static int run_parallel(void *state, const struct share_team *team, char *why, size_t why_size)
{
    return run_range(state, team, 0, ((struct scatter *)state)->plots, why, why_size);
}

/* Iterations are plots: each one's result (checksum and stage). */
static void *output_range(void *state, long begin, long end, size_t *bytes)
{
    struct scatter *s = state;
    *bytes = (size_t)(end - begin) * sizeof *s->out;
    return s->out + begin;
}

static void reset(void *state)
{
    struct scatter *s = state;
    for (long i = 0; i < s->plots; i++) {
        s->out[i].checksum = 0;
        s->out[i].stage = STAGE_NOT_RUN;
        s->out[i].err = 0;
    }
}

/* A task the parallel run skipped is a verification failure; one that failed on its own
 * (memory, the disk) was already reported by run_parallel as a run failure. */
static int verify(const void *state, char *why, size_t why_size)
{
    const struct scatter *s = state;
    long n_diff = 0, first = -1;
    for (long i = 0; i < s->plots; i++) {
        if (s->ref[i].stage != STAGE_OK) {
            describe_failure(s, i, &s->ref[i], why, why_size);
            return -1;
        }
    }
    for (long i = 0; i < s->plots; i++) {
        if (s->out[i].stage != STAGE_OK) {
            describe_failure(s, i, &s->out[i], why, why_size);
            return -1;
        }
        if (s->out[i].checksum != s->ref[i].checksum) {
            if (first < 0)
                first = i;
            n_diff++;
        }
    }
    if (n_diff == 0)
        return 0;
    snprintf(why, why_size, "%ld of %ld plots differ; first plot %ld: pixel checksum %016llx, serial %016llx",
             n_diff, s->plots, first, (unsigned long long)s->out[first].checksum,
             (unsigned long long)s->ref[first].checksum);
    return -1;
}

static long n_iterations(const void *state)
{
    return ((const struct scatter *)state)->plots;
}

static double work(const void *state)
{
    return (double)((const struct scatter *)state)->plots;
}

/* The last run's seconds in each phase, summed over its tasks (so over all threads: at two
 * threads they add up to about twice the elapsed time). */
static void metrics(const void *state, double *values)
{
    const struct scatter *s = state;
    for (int k = 0; k < M_COUNT; k++)
        values[k] = s->total_s[k];
}

/* Removes the plots and their folder, unless keep is set; a folder holding other files stays. */
static void teardown(void *state)
{
    struct scatter *s = state;
    if (!s->keep) {
        char path[4096];
        for (long i = 0; i < s->plots; i++) {
            plot_path(s, i, path, sizeof path);
            unlink(path);
        }
        rmdir(s->folder);
    }
    free(s->ref);
    free(s->out);
    free(s->phase_s);
    free(s);
}

const struct kernel scatter_kernel = {
    .name = "scatter",
    .summary = "draw, encode and write one scatter plot per task; I/O does not scale like compute",
    .iteration = "plot",
    .work_unit = "plots",
    .default_chunks = "1,4,default",
    .params = params,
    .n_params = P_COUNT,
    .weak_param = "plots",
    .check = NULL,
    .memory_bytes = memory_bytes,
    .setup = setup,
    .run_serial = run_serial,
    .run_parallel = run_parallel,
    .run_range = run_range,
    .output_range = output_range,
    .reset = reset,
    .verify = verify,
    .n_iterations = n_iterations,
    .work = work,
    .metric_names = metric_names,
    .n_metrics = M_COUNT,
    .metrics = metrics,
    .teardown = teardown,
};
