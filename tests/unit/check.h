/* check.h — a tiny test harness for the unit tests (TAP output).
 *
 * CHECK(cond) and the typed CHECK_* record one assertion each and print a
 * TAP line; a failure prints what was expected and what came. main() ends
 * with `return check_done();`. */
#ifndef JU_CHECK_H
#define JU_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_n, check_failed;

static inline void check_report(int ok, const char *what, const char *file, int line)
{
    check_n++;
    if (!ok)
        check_failed++;
    printf("%sok %d - %s (%s:%d)\n", ok ? "" : "not ", check_n, what, file, line);
}

#define CHECK(cond) check_report(!!(cond), #cond, __FILE__, __LINE__)

#define CHECK_INT(got, want)                                                                         \
    do {                                                                                             \
        long long g_ = (long long)(got), w_ = (long long)(want);                                     \
        check_report(g_ == w_, #got " == " #want, __FILE__, __LINE__);                               \
        if (g_ != w_)                                                                                \
            printf("#   got %lld, want %lld\n", g_, w_);                                             \
    } while (0)

#define CHECK_STR(got, want)                                                                         \
    do {                                                                                             \
        const char *g_ = (got), *w_ = (want);                                                        \
        int ok_ = g_ && w_ && strcmp(g_, w_) == 0;                                                   \
        check_report(ok_, #got " == " #want, __FILE__, __LINE__);                                    \
        if (!ok_)                                                                                    \
            printf("#   got  \"%s\"\n#   want \"%s\"\n", g_ ? g_ : "(null)", w_ ? w_ : "(null)");     \
    } while (0)

static inline int check_done(void)
{
    printf("1..%d\n", check_n);
    return check_failed ? 1 : 0;
}

#endif
