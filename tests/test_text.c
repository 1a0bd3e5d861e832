/* test_text.c -- durations in the unit that fits and lines broken within TEXT_WIDTH columns:
 * text_seconds, text_columns, text_pad, text_print. */
#define _POSIX_C_SOURCE 200809L  /* open_memstream */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "text.h"

static void check_seconds(double s, const char *want)
{
    char buf[32];
    text_seconds(s, buf, sizeof buf);
    CHECK_STR(buf, want);
}

static void test_seconds(void)
{
    check_seconds(0, "0 s");
    check_seconds(3.1e-8, "31.0 ns");
    check_seconds(8.5e-7, "850 ns");
    check_seconds(9.996e-7, "1.00 µs");   /* 999.6 ns would print as 1000 ns */
    check_seconds(1.62e-6, "1.62 µs");
    check_seconds(2.01e-4, "201 µs");
    check_seconds(0.0364, "36.4 ms");
    check_seconds(0.9996, "1.00 s");
    check_seconds(1.25, "1.25 s");
    check_seconds(12.5, "12.5 s");
    check_seconds(125.4, "125 s");
    check_seconds(5413.4, "5413 s");
    check_seconds(3.1e-10, "0.31 ns");
    check_seconds(-2.5e-9, "-2.50 ns");   /* an overhead below noise keeps its sign */
    check_seconds(NAN, "-");
    check_seconds(INFINITY, "-");
}

static void test_columns(void)
{
    char buf[64];
    CHECK_INT(text_columns("36.4 ms"), 7);
    CHECK_INT(text_columns("201 µs"), 6);   /* µ: two bytes, one column */
    CHECK_INT(strlen("201 µs"), 7);
    text_pad("201 µs", 8, 1, buf, sizeof buf);
    CHECK_STR(buf, "  201 µs");
    text_pad("ms", 4, 0, buf, sizeof buf);
    CHECK_STR(buf, "ms  ");
    text_pad("too long", 3, 1, buf, sizeof buf);
    CHECK_STR(buf, "too long");
}

/* text_print's output for fmt and its argument. */
static char *printed(int hang, const char *fmt, const char *arg)
{
    char *out = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&out, &size);
    CHECK(f != NULL);
    if (f == NULL)
        return strdup("");
    CHECK_INT(text_print(f, hang, fmt, arg), 0);
    fclose(f);
    return out;
}

/* Every line of text within TEXT_WIDTH columns; returns the number of lines. */
static int lines_within(const char *text)
{
    int lines = 0;
    for (const char *p = text; *p != '\0';) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        char line[4096];
        snprintf(line, sizeof line, "%.*s", (int)len, p);
        CHECK(text_columns(line) <= TEXT_WIDTH);
        CHECK(len == 0 || line[len - 1] != ' ');  /* no trailing spaces where a line was broken */
        lines++;
        p += len + (nl != NULL);
    }
    return lines;
}

static void test_print(void)
{
    char *out = printed(2, "%s\n", "short line");
    CHECK_STR(out, "short line\n");
    free(out);

    /* 30 words (8 or 9 columns and a space): about 270 columns, broken into three lines of at most 100,
     * continuations indented by the line's own 4 spaces plus 2. */
    char words[512] = "    ";
    for (int i = 0; i < 30; i++)
        strcat(words, i ? " µsabcdef" : "µsabcdefg");
    out = printed(2, "%s\n", words);
    CHECK_INT(lines_within(out), 3);
    CHECK(strncmp(out, "    µsabcdefg µsabcdef", strlen("    µsabcdefg µsabcdef")) == 0);
    const char *second = strchr(out, '\n') + 1;
    CHECK(strncmp(second, "      µsabcdef", 14) == 0);   /* 4 + 2 spaces */
    /* every word survives, in order */
    int n_words = 0;
    for (const char *p = out; (p = strstr(p, "µsabcdef")) != NULL; p++)
        n_words++;
    CHECK_INT(n_words, 30);
    free(out);

    /* A word longer than a line is not cut; the text around it still breaks. */
    char longword[256];
    memset(longword, 'x', 150);
    snprintf(longword + 150, sizeof longword - 150, " tail");
    out = printed(0, "head %s\n", longword);
    CHECK(strncmp(out, "head\n", 5) == 0);
    CHECK(strstr(out, longword) == NULL && strstr(out, "xxxxxxxxxx") != NULL);
    free(out);

    /* Lines of a text are broken one by one; a text longer than the small buffer works too. */
    char big[3000];
    size_t len = 0;
    for (int i = 0; i < 250; i++)
        len += (size_t)snprintf(big + len, sizeof big - len, "%s%s", i ? " " : "", i % 50 == 49 ? "end\nword" : "word");
    out = printed(1, "%s\n", big);
    lines_within(out);
    CHECK(strlen(out) >= len);
    free(out);
}

int main(void)
{
    test_seconds();
    test_columns();
    test_print();
    return check_report("test_text");
}
