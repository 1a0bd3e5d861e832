/* check.h -- CHECK macros for the test programs: never compiled out, they print both values
 * and count failures; a test's main returns check_report(). */
#ifndef OMPSCALE_CHECK_H
#define OMPSCALE_CHECK_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int check_failures, check_count;

#define CHECK(cond)                                                                                  \
    do {                                                                                             \
        check_count++;                                                                               \
        if (!(cond)) {                                                                               \
            check_failures++;                                                                        \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);                 \
        }                                                                                            \
    } while (0)

#define CHECK_INT(a, b)                                                                              \
    do {                                                                                             \
        long long check_a = (long long)(a), check_b = (long long)(b);                                \
        check_count++;                                                                               \
        if (check_a != check_b) {                                                                    \
            check_failures++;                                                                        \
            fprintf(stderr, "%s:%d: CHECK failed: %s == %s: %lld != %lld\n", __FILE__, __LINE__, #a, \
                    #b, check_a, check_b);                                                           \
        }                                                                                            \
    } while (0)

#define CHECK_NEAR(a, b, tol)                                                                        \
    do {                                                                                             \
        double check_a = (a), check_b = (b);                                                         \
        check_count++;                                                                               \
        if (!(fabs(check_a - check_b) <= (tol))) {                                                   \
            check_failures++;                                                                        \
            fprintf(stderr, "%s:%d: CHECK failed: %s ~ %s: %.17g vs %.17g (tol %g)\n", __FILE__,      \
                    __LINE__, #a, #b, check_a, check_b, (double)(tol));                              \
        }                                                                                            \
    } while (0)

#define CHECK_STR(a, b)                                                                              \
    do {                                                                                             \
        const char *check_a = (a), *check_b = (b);                                                   \
        check_count++;                                                                               \
        if (strcmp(check_a, check_b) != 0) {                                                         \
            check_failures++;                                                                        \
            fprintf(stderr, "%s:%d: CHECK failed: %s == %s: \"%s\" != \"%s\"\n", __FILE__, __LINE__, \
                    #a, #b, check_a, check_b);                                                       \
        }                                                                                            \
    } while (0)

/* Prints the tally and returns the exit status for main. */
static inline int check_report(const char *name)
{
    printf("%s: %d passed, %d failed\n", name, check_count - check_failures, check_failures);
    return check_failures != 0;
}

#endif
