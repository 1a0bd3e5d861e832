/* jsonio.h -- JSON with json-c, the one way ompscale writes and reads it: numbers written without
 * float noise (0.05, not 0.050000000000000003), files written through fileio, and typed reads
 * that never trust the input and name the key that is wrong ("measurements[3].threads: want an
 * integer in 1..4096"). */
#ifndef OMPSCALE_JSONIO_H
#define OMPSCALE_JSONIO_H

#include <json-c/json.h>
#include <stddef.h>
#include <stdio.h>

/* A new number holding v in the fewest digits (15, 16 or 17) that read back as exactly v; a
 * new null for NaN and infinities, which JSON cannot hold. */
json_object *jsonio_number(double v);
/* Adds key to object o: a string, an integer, a number (as jsonio_number) or a boolean. */
void jsonio_add_str(json_object *o, const char *key, const char *value);
void jsonio_add_int(json_object *o, const char *key, long long value);
void jsonio_add_num(json_object *o, const char *key, double value);
void jsonio_add_bool(json_object *o, const char *key, int value);
/* Adds a duration read off the monotonic clock (1 ns resolution): rounded to whole nanoseconds,
 * so a difference or sum of clock readings is written as the clock gave it, 60.530828428 rather
 * than 60.53082842799995. */
void jsonio_add_seconds(json_object *o, const char *key, double seconds);
/* Writes o to path, pretty-printed, with a final newline. Returns 0, or -1 with
 * "PATH: reason" in err. */
int jsonio_write_file(json_object *o, const char *path, char *err, size_t err_size);
/* Prints o to f, pretty-printed as jsonio_write_file writes it, with a final newline. Returns 0, or
 * -1 when f reports an error. */
int jsonio_print(FILE *f, json_object *o);
/* Reads and parses path. Returns the value (the caller owns it), or NULL with the reason
 * ("cannot read: No such file or directory", "not valid JSON: unexpected end of data") in why. */
json_object *jsonio_read_file(const char *path, char *why, size_t why_size);

/* Typed reads. Each looks up key in the object parent, or, when key is NULL, takes parent as
 * the value itself; where names parent ("" at the top) for the message. Each returns 0 with
 * *out set, or -1 with "WHERE.KEY: why" in why (missing, or of the wrong type or range); they
 * never crash on a value of the wrong type. */
int jsonio_object(json_object *parent, const char *where, const char *key, int nullable, json_object **out,
                  char *why, size_t why_size);
/* An array of at most max elements. */
int jsonio_array(json_object *parent, const char *where, const char *key, size_t max, json_object **out,
                 char *why, size_t why_size);
/* A string shorter than size; null reads as "" when nullable. */
int jsonio_string(json_object *parent, const char *where, const char *key, int nullable, char *buf, size_t size,
                  char *why, size_t why_size);
/* An integral number in min..max. */
int jsonio_int(json_object *parent, const char *where, const char *key, long long min, long long max,
               long long *out, char *why, size_t why_size);
/* A finite number; null reads as NAN when nullable. */
int jsonio_double(json_object *parent, const char *where, const char *key, int nullable, double *out, char *why,
                  size_t why_size);
/* 1 when parent has key and its value is null, else 0. */
int jsonio_is_null(json_object *parent, const char *key);
int jsonio_bool(json_object *parent, const char *where, const char *key, int *out, char *why, size_t why_size);

#endif
