/* listing.c -- `ompscale list` and `ompscale info`, as text within TEXT_WIDTH columns or as JSON.
 * JSON numbers go through jsonio: an integer parameter is a JSON integer, a real one has no float
 * noise, a yes/no one is a boolean; the machine and build objects are those results.json holds. */
#include <string.h>

#include "config.h"
#include "info.h"
#include "jsonio.h"
#include "listing.h"
#include "machine_json.h"
#include "record.h"
#include "text.h"

enum { VALUE_WIDTH = 9, NAME_WIDTH = 10 };  /* list's columns */

/* Adds key: v typed as the parameter is (integer, number or boolean). */
static void add_value(json_object *o, const char *key, const struct kernel_param *param, double v)
{
    if (param->type == PARAM_BOOL)
        jsonio_add_bool(o, key, v != 0);
    else if (param->type == PARAM_INT)
        jsonio_add_int(o, key, (long long)v);
    else
        jsonio_add_num(o, key, v);
}

static json_object *kernel_json(const struct kernel *k)
{
    static const char *const types[] = {"int", "real", "bool"};
    json_object *o = json_object_new_object(), *units = json_object_new_array(), *params = json_object_new_array();
    jsonio_add_str(o, "name", k->name);
    jsonio_add_str(o, "summary", k->summary);
    jsonio_add_str(o, "iteration", k->iteration);
    jsonio_add_str(o, "work_unit", k->work_unit);
    jsonio_add_str(o, "default_chunks", k->default_chunks);
    for (int u = 0; u < k->n_units; u++) {
        json_object *unit = json_object_new_object();
        jsonio_add_str(unit, "name", k->units[u].name);
        jsonio_add_str(unit, "param", k->units[u].param);
        json_object_array_add(units, unit);
    }
    json_object_object_add(o, "chunk_units", units);
    json_object_object_add(o, "scan_param", k->scan_param ? json_object_new_string(k->scan_param) : NULL);
    json_object_object_add(o, "weak_param", k->weak_param ? json_object_new_string(k->weak_param) : NULL);
    for (int j = 0; j < k->n_params; j++) {
        const struct kernel_param *param = &k->params[j];
        json_object *e = json_object_new_object(), *values = json_object_new_object();
        jsonio_add_str(e, "name", param->name);
        jsonio_add_str(e, "type", types[param->type]);
        add_value(e, "min", param, param->min);
        add_value(e, "max", param, param->max);
        for (int c = 0; c < CLASS_COUNT; c++)
            add_value(values, kernel_class_name((enum kernel_class)c), param, param->by_class[c]);
        json_object_object_add(e, "by_class", values);
        jsonio_add_str(e, "help", param->help);
        json_object_array_add(params, e);
    }
    json_object_object_add(o, "params", params);
    return o;
}

static void kernel_text(FILE *out, const struct kernel *k, enum kernel_class marked)
{
    text_print(out, 2, "%s: %s\n", k->name, k->summary);
    text_print(out, 2, "  parallel loop over: %s; work unit: %s; default chunks: %s\n", k->iteration, k->work_unit,
               k->default_chunks);
    for (int u = 0; u < k->n_units; u++)
        text_print(out, 2, "  chunk unit: %s = parameter %s iterations\n", k->units[u].name, k->units[u].param);
    fprintf(out, "  %-*s", NAME_WIDTH, "parameter");
    for (int c = 0; c < CLASS_COUNT; c++)
        fprintf(out, " %*s%s", VALUE_WIDTH, kernel_class_name((enum kernel_class)c), c == (int)marked ? "*" : " ");
    fprintf(out, "  meaning\n");
    for (int j = 0; j < k->n_params; j++) {
        char line[512];
        size_t len = (size_t)snprintf(line, sizeof line, "  %-*s", NAME_WIDTH, k->params[j].name);
        for (int c = 0; c < CLASS_COUNT && len < sizeof line; c++) {
            char v[32];
            plan_format_value(&k->params[j], k->params[j].by_class[c], v, sizeof v);
            len += (size_t)snprintf(line + len, sizeof line - len, " %*s ", VALUE_WIDTH, v);
        }
        /* a meaning too long for its line goes on under itself */
        text_print(out, 2 + NAME_WIDTH + CLASS_COUNT * (VALUE_WIDTH + 2), "%s  %s\n", line, k->params[j].help);
    }
    fputc('\n', out);
}

int listing_kernels(FILE *out, const struct plan *p, enum kernel_class marked, int json)
{
    if (!json) {
        for (int i = 0; i < p->n_kernels; i++)
            kernel_text(out, p->kernels[i].kernel, marked);
        fprintf(out, "* the selected class (--class); set any parameter with --set KERNEL.PARAM=VALUE\n");
        return 0;
    }
    json_object *o = json_object_new_object(), *kernels = json_object_new_array();
    if (o == NULL || kernels == NULL) {
        json_object_put(o);
        json_object_put(kernels);
        return -1;
    }
    jsonio_add_str(o, "format", "ompscale-list");
    jsonio_add_int(o, "format_version", 1);
    jsonio_add_str(o, "class", kernel_class_name(marked));
    for (int i = 0; i < p->n_kernels; i++)
        json_object_array_add(kernels, kernel_json(p->kernels[i].kernel));
    json_object_object_add(o, "kernels", kernels);
    jsonio_print(out, o);
    json_object_put(o);
    return 0;
}

int listing_info(FILE *out, int json)
{
    struct sysinfo si;
    struct sysinfo_sample now;
    struct results_build b;
    sysinfo_read(&si);
    sysinfo_sample(&now);
    results_build_init(&b);
    if (!json) {
        info_print(out, &si, &now);
        text_print(out, 13, "%-12s ompscale %s (commit %s), %s %s, OpenMP %ld (%s), %s\n", "build", b.version,
                   b.git_commit, b.compiler_id, b.compiler_version, b.openmp_version, b.openmp_flags, b.c_flags);
        return 0;
    }
    json_object *o = json_object_new_object(), *suite = json_object_new_object();
    if (o == NULL || suite == NULL) {
        json_object_put(o);
        json_object_put(suite);
        return -1;
    }
    jsonio_add_str(o, "format", "ompscale-info");
    jsonio_add_int(o, "format_version", 1);
    jsonio_add_str(suite, "name", "ompscale");
    jsonio_add_str(suite, "version", b.version);
    jsonio_add_str(suite, "git_commit", b.git_commit);
    json_object_object_add(o, "suite", suite);
    json_object_object_add(o, "machine", machine_json(&si));
    json_object_object_add(o, "state", machine_sample_json(&now));
    json_object_object_add(o, "omp_env", record_env_json(&si));
    json_object_object_add(o, "build", record_build_json(&b));
    jsonio_print(out, o);
    json_object_put(o);
    return 0;
}
