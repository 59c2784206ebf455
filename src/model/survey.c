/* survey.c — survey.ini via libinih; see survey.h. */
#include "survey.h"

#include <errno.h>
#include <ini.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "source.h"
#include "text.h"

typedef struct {
    ju_arena *a;
    ju_diags *d;
    const char *path;
    const char *text;
    ju_survey *s;
    int year_seen;
} ini_ctx;

/* the line where `key` is set (libinih as packaged does not pass line numbers) */
static int key_line(const char *text, const char *key)
{
    size_t n = strlen(key);
    int line = 1;
    for (const char *p = text; *p; p++) {
        if (p == text || p[-1] == '\n') {
            const char *q = p;
            while (*q == ' ' || *q == '\t')
                q++;
            if (strncmp(q, key, n) == 0 && (q[n] == ' ' || q[n] == '=' || q[n] == ':' || q[n] == '\t'))
                return line;
        }
        if (*p == '\n')
            line++;
    }
    return 0;
}

static int on_entry(void *user, const char *section, const char *name, const char *value)
{
    ini_ctx *c = user;
    if (strcmp(section, "survey") != 0) {
        ju_diag_add(c->d, JU_SEV_WARNING, c->path, key_line(c->text, name), 0, "section [%s] is not used; ignored", section);
        return 1;
    }
    const char *v = ju_arena_strdup(c->a, value);
    struct { const char *key; const char **field; } keys[] = {
        {"title", &c->s->title},         {"program", &c->s->program},
        {"publisher", &c->s->publisher}, {"department", &c->s->department},
        {"address", &c->s->address},     {"contact", &c->s->contact},
        {"fielding_start", &c->s->fielding_start}, {"fielding_end", &c->s->fielding_end},
        {"method", &c->s->method},       {"issued", &c->s->issued},
    };
    if (strcmp(name, "year") == 0) {
        long long y;
        if (ju_parse_int(v, &y) != JU_NUM_OK || y < 2000 || y > 2200) {
            ju_diag_add(c->d, JU_SEV_ERROR, c->path, key_line(c->text, name), 0,
                        "year = %s: a western fiscal year is expected (e.g. 2025)", v);
            return 1;
        }
        c->s->year = (int)y;
        c->year_seen = 1;
        return 1;
    }
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        if (strcmp(name, keys[i].key) == 0) {
            *keys[i].field = v;
            return 1;
        }
    ju_diag_add(c->d, JU_SEV_WARNING, c->path, key_line(c->text, name), 0, "key '%s' is not used; ignored", name);
    return 1;
}

static int year_of_folder(const char *dir)
{
    size_t n = strlen(dir);
    while (n > 0 && dir[n - 1] == '/')
        n--;
    size_t s = n;
    while (s > 0 && dir[s - 1] != '/')
        s--;
    if (n - s != 4)
        return 0;
    int y = 0;
    for (size_t i = s; i < n; i++) {
        if (dir[i] < '0' || dir[i] > '9')
            return 0;
        y = y * 10 + (dir[i] - '0');
    }
    return y;
}

static void check_date(ju_diags *d, const char *path, const char *text, const char *key, const char *value)
{
    int y, m, dd;
    if (value && !ju_iso_date(value, &y, &m, &dd))
        ju_diag_add(d, JU_SEV_ERROR, path, key_line(text, key), 0,
                    "%s = %s: not a date; write a real date as YYYY-MM-DD (e.g. 2025-06-16)", key, value);
}

static ju_status read_ini(ju_arena *a, ju_diags *d, const char *path, ju_survey *out)
{
    ju_source src;
    ju_status st = ju_source_read_config(a, d, path, "file", "write [survey] with year, title, publisher … (or remove the file)",
                                         &src);
    if (st != JU_OK)
        return st;
    const char *text = src.text;
    out->has_metadata = true;
    if (ju_long_lines(d, path, text))
        return JU_ERR_CONFIG;
    ini_ctx c = {a, d, path, text, out, 0};
    size_t before = d->errors;
    int r = ini_parse_string(text, on_entry, &c);
    if (r > 0) {
        ju_diag_add(d, JU_SEV_ERROR, path, r, 0, "this line is not 'key = value' or [section]");
        return JU_ERR_CONFIG;
    }
    if (!c.year_seen) {
        out->year = year_of_folder(out->dir);
        if (!out->year) {
            ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, "no 'year' and the folder's name is not a year");
            return JU_ERR_CONFIG;
        }
    }
    check_date(d, path, text, "issued", out->issued);
    check_date(d, path, text, "fielding_start", out->fielding_start);
    check_date(d, path, text, "fielding_end", out->fielding_end);
    if (d->errors == before && out->fielding_start && out->fielding_end &&
        strcmp(out->fielding_start, out->fielding_end) > 0)
        ju_diag_add(d, JU_SEV_ERROR, path, key_line(text, "fielding_end"), 0,
                    "fielding_end = %s comes before fielding_start = %s", out->fielding_end, out->fielding_start);
    return d->errors > before ? JU_ERR_CONFIG : JU_OK;
}

/* The latest time a PDF date (4-digit year) and an xlsx date can hold:
 * 9999-12-31T23:59:59Z. */
#define LAST_EPOCH 253402300799LL

/* days since 1970-01-01 of a proleptic Gregorian date */
static long long days_from_civil(int y, int m, int d);

static ju_status fix_epoch(ju_diags *d, ju_survey *s)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        errno = 0;
        long long v = strtoll(sde, &end, 10);
        if (*end != '\0' || errno != 0 || v < 0 || v > LAST_EPOCH) {
            ju_diag_add(d, JU_SEV_ERROR, NULL, 0, 0,
                        "SOURCE_DATE_EPOCH=%s: not a time jusou can write into PDF and xlsx files; give seconds since "
                        "1970-01-01 UTC, from 0 to %lld (9999-12-31), or unset it",
                        ju_visible(d->arena, sde, 40), LAST_EPOCH);
            return JU_ERR_USAGE;
        }
        s->epoch = (time_t)v;
        return JU_OK;
    }
    int y, m, dd;
    if (ju_iso_date(s->issued, &y, &m, &dd))
        s->epoch = (time_t)(days_from_civil(y, m, dd) * 86400);
    else
        s->epoch = (time_t)(days_from_civil(s->year, 4, 1) * 86400);
    return JU_OK;
}

ju_status ju_survey_load(ju_arena *a, ju_diags *d, const char *dir, ju_survey *out)
{
    memset(out, 0, sizeof *out);
    out->dir = ju_arena_strdup(a, dir);
    char *path = ju_arena_printf(a, "%s/survey.ini", dir);
    struct stat sb;
    if (lstat(path, &sb) != 0 && errno == ENOENT) {
        out->year = year_of_folder(dir);
        if (!out->year) {
            ju_diag_add(d, JU_SEV_ERROR, dir, 0, 0,
                        "cannot tell the survey year: there is no survey.ini and the folder's name is not a year");
            return JU_ERR_CONFIG;
        }
    } else {
        ju_status st = read_ini(a, d, path, out);
        if (st != JU_OK)
            return st;
    }
    return fix_epoch(d, out);
}

/* days since 1970-01-01 of a proleptic Gregorian date */
static long long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

time_t ju_survey_epoch(const ju_survey *s)
{
    return s->epoch;
}
