/* fuzz_lists.c -- libFuzzer target: the number and list parsers behind --threads, --chunk,
 * --reps and --set. The first byte picks the parser, the rest is the text. A parser either
 * succeeds with values in range or fails with a reason; never a crash or sanitizer report. */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "parse.h"

enum { INPUT_MAX = 4096 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char text[INPUT_MAX + 1];
    static int threads[THREADS_MAX];
    static struct chunk_spec chunks[LIST_MAX];
    char why[256], escaped[64];
    int n = 0;
    if (size < 1 || size > INPUT_MAX)
        return 0;
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0';
    why[0] = '\0';
    switch (data[0] % 5) {
    case 0:
        if (parse_thread_list(text, threads, &n, why, sizeof why) == 0) {
            assert(n >= 1 && n <= THREADS_MAX);
            for (int i = 0; i < n; i++)
                assert(threads[i] >= 1 && threads[i] <= THREADS_MAX && (i == 0 || threads[i] > threads[i - 1]));
        } else {
            assert(why[0] != '\0');
        }
        break;
    case 1:
        if (parse_chunk_list(text, chunks, &n, why, sizeof why) == 0) {
            assert(n >= 1 && n <= LIST_MAX);
            for (int i = 0; i < n; i++)
                assert(chunks[i].count >= 0 && memchr(chunks[i].label, '\0', CHUNK_LABEL_MAX) != NULL);
        } else {
            assert(why[0] != '\0');
        }
        break;
    case 2: {
        long v;
        if (parse_long(text, -5, 1000, &v, why, sizeof why) == 0)
            assert(v >= -5 && v <= 1000);
        break;
    }
    case 3: {
        double v;
        (void)parse_double(text, &v, why, sizeof why);
        break;
    }
    case 4:
        parse_escape(text, escaped, sizeof escaped);
        assert(strlen(escaped) < sizeof escaped);
        for (const char *c = escaped; *c; c++)
            assert((unsigned char)*c >= 0x20 && *c != 0x7f);
        break;
    }
    return 0;
}
