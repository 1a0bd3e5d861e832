/* test_mandelbrot.c -- escape counts worked out by hand, pixel-centre placement (row 0 at the
 * top) read back from the 16-bit PGM, and the PNG picture. */
#define _XOPEN_SOURCE 700
#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "kernel.h"
#include "mandelbrot.h"

static void test_escape_counts(void)
{
    CHECK_INT(mandelbrot_escape_count(0, 0, 100), 100);      /* in the set */
    CHECK_INT(mandelbrot_escape_count(-2, 0, 100), 100);     /* boundary: z sticks at 2, |z|^2 = 4 */
    CHECK_INT(mandelbrot_escape_count(3, 0, 100), 1);        /* |z1|^2 = 9 */
    CHECK_INT(mandelbrot_escape_count(2, 0, 100), 2);        /* z1 = 2 (not > 4), z2 = 6 */
    CHECK_INT(mandelbrot_escape_count(1, 1, 100), 2);        /* z2 = 1 + 3i */
    CHECK_INT(mandelbrot_escape_count(1, 0, 100), 3);        /* 1, 2, 5 */
    CHECK_INT(mandelbrot_escape_count(0.5, 0, 100), 5);      /* .5, .75, 1.0625, 1.629, 3.153 */
    CHECK_INT(mandelbrot_escape_count(0, 1, 100), 100);      /* i, -1+i, -i, -1+i, ... */
    CHECK_INT(mandelbrot_escape_count(-1.5, 1, 100), 2);     /* z2 = -0.25 - 2i */
    CHECK_INT(mandelbrot_escape_count(3, 0, 1), 1);
    CHECK_INT(mandelbrot_escape_count(0, 0, 1), 1);          /* maxiter when it never escapes */
}

static void values_for(const struct kernel *k, double *v)
{
    for (int i = 0; i < k->n_params; i++)
        v[i] = k->params[i].by_class[CLASS_S];
}

static void set(const struct kernel *k, double *v, const char *name, double value)
{
    int i = kernel_param_index(k, name);
    CHECK(i >= 0);
    if (i >= 0)
        v[i] = value;
}

/* A 3 x 2 grid over x in [-0.5, 2.5], y in [-0.5, 1.5]: pixel centres x = 0, 1, 2 and y = 1
 * (row 0, top) and 0 (row 1). */
static void test_pixel_grid(const char *dir)
{
    const struct kernel *k = kernel_find("mandelbrot");
    double v[KERNEL_MAX_PARAMS];
    char why[256], path[512];
    void *state;
    CHECK(k != NULL);
    if (k == NULL)
        return;
    values_for(k, v);
    set(k, v, "width", 3);
    set(k, v, "height", 2);
    set(k, v, "maxiter", 100);
    set(k, v, "xmin", -0.5);
    set(k, v, "xmax", 2.5);
    set(k, v, "ymin", -0.5);
    set(k, v, "ymax", 1.5);
    set(k, v, "pgm", 1);
    set(k, v, "png", 1);
    CHECK(k->check(v, why, sizeof why) == 0);
    CHECK(k->setup(&state, v, dir) == 0);
    CHECK(k->run_serial(state, why, sizeof why) == 0);
    CHECK_NEAR(k->work(state), 100 + 2 + 1 + 100 + 3 + 2, 0);
    CHECK(k->save(state, dir, why, sizeof why) == 0);
    k->teardown(state);

    snprintf(path, sizeof path, "%s/mandelbrot.pgm", dir);
    FILE *f = fopen(path, "rb");
    CHECK(f != NULL);
    if (f == NULL)
        return;
    char header[32] = {0};
    size_t n_header = strlen("P5\n3 2\n65535\n");
    CHECK(fread(header, 1, n_header, f) == n_header);
    CHECK_STR(header, "P5\n3 2\n65535\n");
    unsigned char px[12];
    CHECK(fread(px, 1, sizeof px, f) == sizeof px);
    CHECK(fgetc(f) == EOF);
    fclose(f);
    const int expected[6] = {100, 2, 1, 100, 3, 2};
    for (int i = 0; i < 6; i++)
        CHECK_INT(px[2 * i] << 8 | px[2 * i + 1], expected[i]);

    snprintf(path, sizeof path, "%s/mandelbrot.png", dir);
    cairo_surface_t *img = cairo_image_surface_create_from_png(path);
    CHECK(cairo_surface_status(img) == CAIRO_STATUS_SUCCESS);
    CHECK_INT(cairo_image_surface_get_width(img), 3);
    CHECK_INT(cairo_image_surface_get_height(img), 2);
    cairo_surface_destroy(img);
    unlink(path);
    snprintf(path, sizeof path, "%s/mandelbrot.pgm", dir);
    unlink(path);
}

static void test_check(void)
{
    const struct kernel *k = kernel_find("mandelbrot");
    double v[KERNEL_MAX_PARAMS];
    char why[256];
    values_for(k, v);
    set(k, v, "xmin", 1);
    set(k, v, "xmax", 1);
    CHECK(k->check(v, why, sizeof why) != 0);
    values_for(k, v);
    set(k, v, "pgm", 1);
    set(k, v, "maxiter", 70000);
    CHECK(k->check(v, why, sizeof why) != 0);
    CHECK(strstr(why, "65535") != NULL);
}

int main(void)
{
    char dir[] = "/tmp/ompscale-mandel-XXXXXX";
    if (mkdtemp(dir) == NULL)
        return 1;
    test_escape_counts();
    test_pixel_grid(dir);
    test_check();
    rmdir(dir);
    return check_report("test_mandelbrot");
}
