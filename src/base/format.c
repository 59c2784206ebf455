/* format.c — see format.h. */
#include "format.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"

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
    return ju_lexf(a, "labels", "response", "form", form_label, "got", ju_arena_printf(a, "%lld", got), "expected",
                   ju_arena_printf(a, "%lld", expected), "rate", rate ? rate : ju_lex("labels", "no_rate"), NULL);
}

/* the era (newest first) in force on y-m-d, or NULL before the first */
static const ju_era *era_on(int y, int m, int d)
{
    size_t n;
    const ju_era *e = ju_lex_eras(&n);
    for (size_t i = 0; i < n; i++)
        if (y > e[i].year || (y == e[i].year && (m > e[i].month || (m == e[i].month && d >= e[i].day))))
            return &e[i];
    return NULL;
}

/* a fiscal year takes the name of the era begun in its calendar year or
 * before: fiscal 2019 is 令和元年度 although 令和 began on 1 May */
static const ju_era *era_of_fiscal(long long y, long long *n)
{
    const ju_era *e = y > 9999 || y < 1 ? NULL : era_on((int)y, 12, 31);
    if (e)
        *n = y - e->year + 1;
    return e;
}

static const char *era_number(ju_arena *a, long long n)
{
    return n == 1 ? ju_lex("calendar", "first_year") : ju_arena_printf(a, "%lld", n);
}

const char *ju_wareki(ju_arena *a, long long y)
{
    long long n;
    const ju_era *e = era_of_fiscal(y, &n);
    if (!e)
        return ju_lexf(a, "calendar", "fiscal_year_western", "n", ju_arena_printf(a, "%lld", y), NULL);
    return ju_lexf(a, "calendar", "fiscal_year", "era", e->name, "n", era_number(a, n), NULL);
}

const char *ju_short_year(ju_arena *a, long long y)
{
    long long n;
    const ju_era *e = era_of_fiscal(y, &n);
    if (!e)
        return ju_arena_printf(a, "%lld", y);
    return ju_lexf(a, "calendar", "short_year", "abbr", e->abbr, "n", ju_arena_printf(a, "%lld", n), NULL);
}

int ju_days_in_month(int y, int m)
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
    return *y >= 1900 && *m >= 1 && *m <= 12 && *d >= 1 && *d <= ju_days_in_month(*y, *m);
}

/* 令和7年 / 令和元年 / 平成30年: the year of a date */
static const char *era_year(ju_arena *a, int y, int m, int d)
{
    const ju_era *e = era_on(y, m, d);
    if (!e)
        return ju_lexf(a, "calendar", "western_year", "n", ju_arena_printf(a, "%d", y), NULL);
    return ju_lexf(a, "calendar", "era_year", "era", e->name, "n", era_number(a, y - e->year + 1), NULL);
}

static const char *date_text(ju_arena *a, const char *year, int m, int d)
{
    return ju_lexf(a, "calendar", "date", "year", year, "m", ju_arena_printf(a, "%d", m), "d",
                   ju_arena_printf(a, "%d", d), NULL);
}

const char *ju_wareki_date(ju_arena *a, const char *iso)
{
    int y, m, d;
    if (!ju_iso_date(iso, &y, &m, &d))
        return NULL;
    return date_text(a, era_year(a, y, m, d), m, d);
}

const char *ju_format_period(ju_arena *a, const char *from, const char *to)
{
    int y0, m0, d0, y1, m1, d1;
    if (!ju_iso_date(from, &y0, &m0, &d0) || !ju_iso_date(to, &y1, &m1, &d1))
        return NULL;
    const char *e0 = era_year(a, y0, m0, d0), *e1 = era_year(a, y1, m1, d1);
    const char *end = strcmp(e0, e1) == 0 ? ju_lexf(a, "calendar", "date_in_year", "m", ju_arena_printf(a, "%d", m1),
                                                    "d", ju_arena_printf(a, "%d", d1), NULL)
                                          : date_text(a, e1, m1, d1);
    return ju_lexf(a, "calendar", "period", "from", date_text(a, e0, m0, d0), "to", end, NULL);
}

const char *ju_format_base(ju_arena *a, long n, const char *label, bool multiple)
{
    const char *caption = n >= 0 ? ju_lexf(a, "labels", "base_caption", "n", ju_arena_printf(a, "%ld", n), "label",
                                           label, NULL)
                                 : ju_lexf(a, "labels", "base_caption_without_n", "label", label, NULL);
    return multiple ? ju_arena_printf(a, "%s%s", caption, ju_lex("labels", "multiple_note")) : caption;
}

const char *ju_replace_all(ju_arena *a, const char *s, const char *from, const char *to)
{
    const char *p = strstr(s, from);
    if (!p)
        return s;
    size_t nf = strlen(from);
    ju_strbuf out;
    ju_strbuf_init(&out, a);
    for (; p; s = p + nf, p = strstr(s, from)) {
        ju_strbuf_addn(&out, s, (size_t)(p - s));
        ju_strbuf_add(&out, to);
    }
    ju_strbuf_add(&out, s);
    return ju_strbuf_str(&out);
}

const char *ju_fill_year(ju_arena *a, const char *text, int year)
{
    if (!text)
        return NULL;
    const char *s = text;
    s = ju_replace_all(a, s, "{wareki-1}", ju_wareki(a, year - 1));
    s = ju_replace_all(a, s, "{wareki}", ju_wareki(a, year));
    s = ju_replace_all(a, s, "{R-1}", ju_short_year(a, year - 1));
    s = ju_replace_all(a, s, "{R}", ju_short_year(a, year));
    s = ju_replace_all(a, s, "{year-1}", ju_arena_printf(a, "%d", year - 1));
    s = ju_replace_all(a, s, "{year}", ju_arena_printf(a, "%d", year));
    return s;
}
