/* format.c — see format.h. */
#include "format.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *ju_format_count(ju_arena *a, long long n)
{
    char digits[32];
    snprintf(digits, sizeof digits, "%llu", n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n);
    size_t len = strlen(digits);
    char out[48];
    size_t o = 0;
    if (n < 0)
        out[o++] = '-';
    for (size_t i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
    return ju_arena_strdup(a, out);
}

const char *ju_format_tenths(ju_arena *a, long long v)
{
    return v < 0 ? "" : ju_arena_printf(a, "%lld.%lld", v / 10, v % 10);
}

void ju_format_percent_buf(char *buf, size_t n, long long pct10)
{
    if (pct10 < 0)
        snprintf(buf, n, "%s", "");
    else
        snprintf(buf, n, "%lld.%lld%%", pct10 / 10, pct10 % 10);
}

const char *ju_format_percent(ju_arena *a, long long pct10)
{
    return pct10 < 0 ? NULL : ju_arena_printf(a, "%lld.%lld%%", pct10 / 10, pct10 % 10);
}

const char *ju_format_rate(ju_arena *a, long long got, long long expected)
{
    if (expected <= 0)
        return NULL;
    if (got * 100 % expected == 0)
        return ju_arena_printf(a, "%lld%%", got * 100 / expected);
    /* tenths, rounded half up */
    return ju_format_percent(a, (got * 2000 + expected) / (2 * expected));
}

const char *ju_format_response(ju_arena *a, const char *form_label, long long got, long long expected)
{
    const char *rate = ju_format_rate(a, got, expected);
    return ju_arena_printf(a, "%s %lld/%lld（回収率%s）", form_label, got, expected, rate ? rate : "—");
}

const char *ju_wareki(ju_arena *a, long long y)
{
    if (y >= 2019)
        return y == 2019 ? "令和元年度" : ju_arena_printf(a, "令和%lld年度", y - 2018);
    if (y >= 1989)
        return y == 1989 ? "平成元年度" : ju_arena_printf(a, "平成%lld年度", y - 1988);
    return ju_arena_printf(a, "%lld年度", y);
}

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

bool ju_iso_date(const char *s, int *y, int *m, int *d)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    *y = atoi(s);
    *m = atoi(s + 5);
    *d = atoi(s + 8);
    return *y >= 1900 && *m >= 1 && *m <= 12 && *d >= 1 && *d <= days_in_month(*y, *m);
}

/* 令和7年 / 令和元年 / 平成30年 of a date (the era changed on 2019-05-01) */
static const char *era_year(ju_arena *a, int y, int m)
{
    if (y > 2019 || (y == 2019 && m >= 5))
        return y == 2019 ? "令和元年" : ju_arena_printf(a, "令和%d年", y - 2018);
    if (y > 1989 || (y == 1989 && m >= 2))
        return y == 1989 ? "平成元年" : ju_arena_printf(a, "平成%d年", y - 1988);
    return ju_arena_printf(a, "%d年", y);
}

const char *ju_wareki_date(ju_arena *a, const char *iso)
{
    int y, m, d;
    if (!ju_iso_date(iso, &y, &m, &d))
        return NULL;
    return ju_arena_printf(a, "%s%d月%d日", era_year(a, y, m), m, d);
}

const char *ju_format_period(ju_arena *a, const char *from, const char *to)
{
    int y0, m0, d0, y1, m1, d1;
    if (!ju_iso_date(from, &y0, &m0, &d0) || !ju_iso_date(to, &y1, &m1, &d1))
        return NULL;
    const char *e0 = era_year(a, y0, m0), *e1 = era_year(a, y1, m1);
    return ju_arena_printf(a, "%s%d月%d日～%s%d月%d日", e0, m0, d0, strcmp(e0, e1) == 0 ? "" : e1, m1, d1);
}

const char *ju_format_base(ju_arena *a, long n, const char *label, bool multiple)
{
    return ju_arena_printf(a, "%s（%s）%s", n >= 0 ? ju_arena_printf(a, "n=%ld", n) : "", label,
                           multiple ? "（複数回答）" : "");
}

const char *ju_replace_all(ju_arena *a, const char *s, const char *from, const char *to)
{
    const char *p = strstr(s, from);
    if (!p)
        return s;
    size_t nf = strlen(from);
    const char *out = "";
    while (p) {
        out = ju_arena_printf(a, "%s%.*s%s", out, (int)(p - s), s, to);
        s = p + nf;
        p = strstr(s, from);
    }
    return ju_arena_printf(a, "%s%s", out, s);
}

const char *ju_fill_year(ju_arena *a, const char *text, int year)
{
    if (!text)
        return NULL;
    const char *s = text;
    s = ju_replace_all(a, s, "{wareki-1}", ju_wareki(a, year - 1));
    s = ju_replace_all(a, s, "{wareki}", ju_wareki(a, year));
    s = ju_replace_all(a, s, "{R-1}", ju_arena_printf(a, "R%d", year - 1 - 2018));
    s = ju_replace_all(a, s, "{R}", ju_arena_printf(a, "R%d", year - 2018));
    s = ju_replace_all(a, s, "{year-1}", ju_arena_printf(a, "%d", year - 1));
    s = ju_replace_all(a, s, "{year}", ju_arena_printf(a, "%d", year));
    return s;
}
