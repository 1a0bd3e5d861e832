/* text.h -- text for people on a terminal: durations in the unit that fits them (ns, µs, ms, s)
 * and lines kept within TEXT_WIDTH columns, the one width every console output and summary.txt
 * keeps to. */
#ifndef OMPSCALE_TEXT_H
#define OMPSCALE_TEXT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

enum { TEXT_WIDTH = 100 };  /* columns of every line ompscale prints for people */

/* Writes seconds in the unit that keeps three significant digits readable: "850 ns", "1.62 µs",
 * "36.4 ms", "1.25 s", "125 s"; "0 s" for zero, "-" when s is not finite. Negative values (an
 * overhead below noise) keep their sign. */
void text_seconds(double s, char *buf, size_t size);

/* Display columns of s: UTF-8 code points, so "µs" is two columns in three bytes. */
int text_columns(const char *s);

/* Writes s into buf padded with spaces to width display columns, on the left when right is
 * nonzero (right-aligned), else on the right; s longer than width is copied whole. */
void text_pad(const char *s, int width, int right, char *buf, size_t size);

/* Formats like printf and writes the text to f with every line longer than TEXT_WIDTH columns
 * broken at its last space that fits; a continuation line starts with the line's own leading
 * spaces plus hang more. A word longer than a line stays whole. Returns 0, or -1 when the text
 * does not fit ompscale's buffer (it is written unbroken then). */
int text_print(FILE *f, int hang, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int text_vprint(FILE *f, int hang, const char *fmt, va_list ap);

#endif
