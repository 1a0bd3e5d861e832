/* fuzz_options.c -- libFuzzer target: the command line parser and the plan built from it.
 * The input is argv after "ompscale", arguments separated by NUL bytes. Any input must give
 * either a plan or a one-line error; never a crash, a sanitizer report or an unterminated err. */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "plan_build.h"

enum { ARGS_MAX = 64, INPUT_MAX = 4096 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char text[INPUT_MAX + 1];
    static struct options o;
    static struct plan p;
    static struct warnings w;
    char *argv[ARGS_MAX + 2], err[1024];
    int argc = 0;
    if (size > INPUT_MAX)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    argv[argc++] = "ompscale";
    for (char *s = text; s <= text + size && argc <= ARGS_MAX; s += strlen(s) + 1)
        argv[argc++] = s;
    argv[argc] = NULL;
    err[0] = '\0';
    if (options_parse(argc, argv, &o, err, sizeof err) != 0) {
        assert(err[0] != '\0' && memchr(err, '\0', sizeof err) != NULL);
        return 0;
    }
    if (o.command == CMD_RUN || o.command == CMD_OVERHEAD) {
        memset(&w, 0, sizeof w);
        err[0] = '\0';
        if (plan_build(&o, 2, &p, &w, err, sizeof err) != 0)
            assert(err[0] != '\0');
        else
            assert(p.n_threads > 0 && p.n_threads <= THREADS_MAX);
    }
    return 0;
}
