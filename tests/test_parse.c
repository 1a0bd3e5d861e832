/* test_parse.c -- thread lists, chunk lists and numbers: what is accepted and what is refused. */
#include "check.h"
#include "parse.h"

static int threads(const char *s, int *out, int *n)
{
    char why[256];
    return parse_thread_list(s, out, n, why, sizeof why);
}

static void test_thread_lists(void)
{
    int t[THREADS_MAX], n;
    CHECK(threads("1-4", t, &n) == 0);
    CHECK_INT(n, 4);
    CHECK_INT(t[0], 1);
    CHECK_INT(t[3], 4);
    CHECK(threads("8,1,2,4", t, &n) == 0);  /* sorted */
    CHECK_INT(n, 4);
    CHECK_INT(t[0], 1);
    CHECK_INT(t[3], 8);
    CHECK(threads("1-3,2,3-4", t, &n) == 0);  /* duplicates dropped */
    CHECK_INT(n, 4);
    CHECK(threads("2-2", t, &n) == 0);
    CHECK_INT(n, 1);
    CHECK_INT(t[0], 2);
    const char *bad[] = {"", "0", "-1", "4-2", "a", "1,,2", "1-", "-", "1.5", "2x", "99999999999999999999",
                         "4097", "1-4097", ",1", "1,", " 1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int rc = threads(bad[i], t, &n);
        if (rc == 0)
            fprintf(stderr, "accepted bad thread list '%s'\n", bad[i]);
        CHECK(rc != 0);
    }
}

static void test_chunk_lists(void)
{
    struct chunk_spec c[LIST_MAX];
    int n;
    char why[256];
    CHECK(parse_chunk_list("1,64,row,4row,default", c, &n, why, sizeof why) == 0);
    CHECK_INT(n, 5);
    CHECK_INT(c[0].count, 1);
    CHECK_STR(c[0].unit, "");
    CHECK_INT(c[1].count, 64);
    CHECK_INT(c[2].count, 1);
    CHECK_STR(c[2].unit, "row");
    CHECK_STR(c[2].label, "row");
    CHECK_INT(c[3].count, 4);
    CHECK_STR(c[3].unit, "row");
    CHECK_STR(c[3].label, "4row");
    CHECK_INT(c[4].count, 0);
    CHECK_STR(c[4].label, "default");
    const char *bad[] = {"", "0", "0row", "-1", "1.5", "row4", "4-row", "1,,2", "12345678901234567890"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int rc = parse_chunk_list(bad[i], c, &n, why, sizeof why);
        if (rc == 0)
            fprintf(stderr, "accepted bad chunk list '%s'\n", bad[i]);
        CHECK(rc != 0);
    }
}

static void test_numbers(void)
{
    long l;
    double d;
    char why[256];
    CHECK(parse_long("42", 0, 100, &l, why, sizeof why) == 0);
    CHECK_INT(l, 42);
    CHECK(parse_long("101", 0, 100, &l, why, sizeof why) != 0);
    CHECK(parse_long("4x", 0, 100, &l, why, sizeof why) != 0);
    CHECK(parse_long("", 0, 100, &l, why, sizeof why) != 0);
    CHECK(parse_double("-1.5e3", &d, why, sizeof why) == 0);
    CHECK_NEAR(d, -1500, 0);
    CHECK(parse_double("nan", &d, why, sizeof why) != 0);
    CHECK(parse_double("inf", &d, why, sizeof why) != 0);
    CHECK(parse_double("1e999", &d, why, sizeof why) != 0);
    CHECK(parse_double("abc", &d, why, sizeof why) != 0);
}

int main(void)
{
    test_thread_lists();
    test_chunk_lists();
    test_numbers();
    return check_report("test_parse");
}
