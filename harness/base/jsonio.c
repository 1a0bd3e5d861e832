/* jsonio.c -- JSON numbers without float noise, JSON files through fileio, and typed reads that
 * name the bad key.
 *
 * A double is written with the shortest of %.15g, %.16g and %.17g that strtod reads back as the
 * same double, so every value round-trips exactly and values typed by a person (0.05) look as
 * typed. Reads check the type before they take a value: json-c's getters would turn a string
 * into 0 without a word.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "jsonio.h"

enum { JSONIO_FILE_MAX = 1 << 30 };  /* a results.json larger than 1 GiB is not one we wrote */

json_object *jsonio_number(double v)
{
    char text[32];
    if (!isfinite(v))
        return NULL;
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(text, sizeof text, "%.*g", digits, v);
        if (strtod(text, NULL) == v)
            break;
    }
    return json_object_new_double_s(v, text);
}

void jsonio_add_str(json_object *o, const char *key, const char *value)
{
    json_object_object_add(o, key, json_object_new_string(value));
}

void jsonio_add_int(json_object *o, const char *key, long long value)
{
    json_object_object_add(o, key, json_object_new_int64(value));
}

void jsonio_add_num(json_object *o, const char *key, double value)
{
    json_object_object_add(o, key, jsonio_number(value));
}

void jsonio_add_seconds(json_object *o, const char *key, double seconds)
{
    jsonio_add_num(o, key, isfinite(seconds) ? round(seconds * 1e9) / 1e9 : seconds);
}

void jsonio_add_bool(json_object *o, const char *key, int value)
{
    json_object_object_add(o, key, json_object_new_boolean(value));
}

int jsonio_print(FILE *f, json_object *o)
{
    fputs(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE), f);
    fputc('\n', f);
    return ferror(f) ? -1 : 0;
}

int jsonio_write_file(json_object *o, const char *path, char *err, size_t err_size)
{
    FILE *f = fileio_create(path, err, err_size);
    if (f == NULL)
        return -1;
    jsonio_print(f, o);
    return fileio_close(f, path, err, err_size);
}

json_object *jsonio_read_file(const char *path, char *why, size_t why_size)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        snprintf(why, why_size, "cannot read: %s", strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, len = 0;
    char *text = malloc(cap + 1);  /* + 1: a terminating NUL */
    while (text != NULL) {
        len += fread(text + len, 1, cap - len, f);
        if (len < cap || cap >= JSONIO_FILE_MAX)
            break;
        char *grown = realloc(text, 2 * cap + 1);
        if (grown == NULL) {
            free(text);
            text = NULL;
        } else {
            text = grown;
            cap *= 2;
        }
    }
    int failed = ferror(f);
    int saved_errno = errno;
    fclose(f);
    if (text == NULL || failed || len == cap) {
        snprintf(why, why_size, "cannot read: %s",
                 text == NULL ? "out of memory" : failed ? strerror(saved_errno) : "larger than 1 GiB");
        free(text);
        return NULL;
    }
    text[len] = '\0';
    json_tokener *tok = json_tokener_new();
    if (tok == NULL) {
        snprintf(why, why_size, "cannot read: out of memory");
        free(text);
        return NULL;
    }
    json_object *o = json_tokener_parse_ex(tok, text, (int)len);
    enum json_tokener_error e = json_tokener_get_error(tok);
    if (e == json_tokener_continue)
        snprintf(why, why_size, "not valid JSON: unexpected end of data");
    else if (e != json_tokener_success)
        snprintf(why, why_size, "not valid JSON: %s", json_tokener_error_desc(e));
#if JSON_C_VERSION_NUM >= 0x000f00  /* json_tokener_get_parse_end: json-c 0.15 */
    else if (json_tokener_get_parse_end(tok) + strspn(text + json_tokener_get_parse_end(tok), " \t\r\n") < len) {
        snprintf(why, why_size, "not valid JSON: text after the end of the value");
        e = json_tokener_error_parse_unexpected;
    }
#endif
    if (e != json_tokener_success) {
        json_object_put(o);
        o = NULL;
    }
    json_tokener_free(tok);
    free(text);
    return o;
}

/* Writes "WHERE.KEY: " and the formatted reason into why; returns -1. */
static int bad(char *why, size_t why_size, const char *where, const char *key, const char *fmt, ...)
{
    char reason[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    if (key == NULL)
        snprintf(why, why_size, "%s: %s", where[0] ? where : "(top)", reason);
    else
        snprintf(why, why_size, "%s%s%s: %s", where, where[0] ? "." : "", key, reason);
    return -1;
}

/* The value at key (or parent itself when key is NULL) into *v; NULL for a JSON null. Returns 0,
 * or -1 with why set when parent is not an object or has no such key. */
static int member(json_object *parent, const char *where, const char *key, json_object **v, char *why,
                  size_t why_size)
{
    if (key == NULL) {
        *v = parent;
        return 0;
    }
    if (!json_object_is_type(parent, json_type_object))
        return bad(why, why_size, where, NULL, "want an object");
    if (!json_object_object_get_ex(parent, key, v))
        return bad(why, why_size, where, key, "missing");
    return 0;
}

int jsonio_object(json_object *parent, const char *where, const char *key, int nullable, json_object **out,
                  char *why, size_t why_size)
{
    json_object *v;
    if (member(parent, where, key, &v, why, why_size) != 0)
        return -1;
    if (v == NULL && nullable) {
        *out = NULL;
        return 0;
    }
    if (!json_object_is_type(v, json_type_object))
        return bad(why, why_size, where, key, "want an object");
    *out = v;
    return 0;
}

int jsonio_array(json_object *parent, const char *where, const char *key, size_t max, json_object **out,
                 char *why, size_t why_size)
{
    json_object *v;
    if (member(parent, where, key, &v, why, why_size) != 0)
        return -1;
    if (!json_object_is_type(v, json_type_array))
        return bad(why, why_size, where, key, "want an array");
    if (json_object_array_length(v) > max)
        return bad(why, why_size, where, key, "more than %zu elements", max);
    *out = v;
    return 0;
}

int jsonio_string(json_object *parent, const char *where, const char *key, int nullable, char *buf, size_t size,
                  char *why, size_t why_size)
{
    json_object *v;
    if (member(parent, where, key, &v, why, why_size) != 0)
        return -1;
    if (v == NULL && nullable) {
        buf[0] = '\0';
        return 0;
    }
    if (!json_object_is_type(v, json_type_string))
        return bad(why, why_size, where, key, nullable ? "want a string or null" : "want a string");
    if ((size_t)json_object_get_string_len(v) >= size)
        return bad(why, why_size, where, key, "longer than %zu characters", size - 1);
    memcpy(buf, json_object_get_string(v), (size_t)json_object_get_string_len(v) + 1);
    return 0;
}

int jsonio_int(json_object *parent, const char *where, const char *key, long long min, long long max,
               long long *out, char *why, size_t why_size)
{
    json_object *v;
    if (member(parent, where, key, &v, why, why_size) != 0)
        return -1;
    if (json_object_is_type(v, json_type_int)) {
        errno = 0;
        long long x = (long long)json_object_get_int64(v);
        if (errno == 0 && x >= min && x <= max) {
            *out = x;
            return 0;
        }
    } else if (json_object_is_type(v, json_type_double)) {
        double x = json_object_get_double(v);
        if (x == floor(x) && x >= (double)min && x <= (double)max) {
            *out = (long long)x;
            return 0;
        }
    }
    return bad(why, why_size, where, key, "want an integer in %lld..%lld", min, max);
}

int jsonio_double(json_object *parent, const char *where, const char *key, int nullable, double *out, char *why,
                  size_t why_size)
{
    json_object *v;
    if (member(parent, where, key, &v, why, why_size) != 0)
        return -1;
    if (v == NULL && nullable) {
        *out = NAN;
        return 0;
    }
    if (json_object_is_type(v, json_type_int) || json_object_is_type(v, json_type_double)) {
        double x = json_object_get_double(v);
        if (isfinite(x)) {
            *out = x;
            return 0;
        }
    }
    return bad(why, why_size, where, key, nullable ? "want a finite number or null" : "want a finite number");
}

int jsonio_bool(json_object *parent, const char *where, const char *key, int *out, char *why, size_t why_size)
{
    json_object *v;
    if (member(parent, where, key, &v, why, why_size) != 0)
        return -1;
    if (!json_object_is_type(v, json_type_boolean))
        return bad(why, why_size, where, key, "want true or false");
    *out = json_object_get_boolean(v);
    return 0;
}

int jsonio_is_null(json_object *parent, const char *key)
{
    json_object *v;
    return json_object_is_type(parent, json_type_object) && json_object_object_get_ex(parent, key, &v) && v == NULL;
}
