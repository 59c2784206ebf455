/* survey.c — survey.ini, read as every template is (inifile.h); see survey.h. */
#include "survey.h"

#include <errno.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "inifile.h"
#include "source.h"
#include "text.h"

/* one entry of [survey]: a text field, or the year */
static void take_entry(ju_diags *d, const char *path, const ju_inientry *e, ju_survey *s, bool *year_seen)
{
    struct { const char *key; const char **field; } keys[] = {
        {"title", &s->title},         {"program", &s->program},
        {"publisher", &s->publisher}, {"department", &s->department},
        {"address", &s->address},     {"contact", &s->contact},
        {"email", &s->email},
        {"fielding_start", &s->fielding_start}, {"fielding_end", &s->fielding_end},
        {"method", &s->method},       {"issued", &s->issued},
    };
    if (strcmp(e->key, "year") == 0) {
        long long y;
        if (ju_parse_int(e->value, &y) != JU_NUM_OK || y < 2000 || y > 2200) {
            ju_diag_add(d, JU_SEV_ERROR, path, e->line, e->col,
                        _("year = %s: a western fiscal year is expected (e.g. 2025)"), e->value);
            return;
        }
        s->year = (int)y;
        *year_seen = true;
        return;
    }
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        if (strcmp(e->key, keys[i].key) == 0) {
            size_t at, chars;
            if (ju_text_longer(e->value, JU_SURVEY_FIELD_MAX, &at, &chars)) {
                int line, col;
                ju_ini_pos(e, at, &line, &col);
                ju_diag_add(d, JU_SEV_ERROR, path, line, col,
                            _("%s: this text is %zu characters long; a field of survey.ini has at most %d"), e->key,
                            chars, JU_SURVEY_FIELD_MAX);
                return;
            }
            *keys[i].field = e->value;
            return;
        }
    ju_diag_add(d, JU_SEV_WARNING, path, e->line, e->key_col, _("key '%s' is not used; ignored"), e->key);
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

/* the entry of [survey] that sets `key`, for positions */
static const ju_inientry *entry_of(const ju_inisection *sec, const char *key)
{
    const ju_inientry *found = NULL;
    for (size_t i = 0; sec && i < sec->n; i++)
        if (strcmp(sec->entries[i].key, key) == 0)
            found = &sec->entries[i];
    return found;
}

static void check_date(ju_diags *d, const char *path, const ju_inisection *sec, const char *key, const char *value)
{
    int y, m, dd;
    const ju_inientry *e = entry_of(sec, key);
    if (value && e && !ju_iso_date(value, &y, &m, &dd))
        ju_diag_add(d, JU_SEV_ERROR, path, e->line, e->col,
                    _("%s = %s: not a date; write a real date as YYYY-MM-DD (e.g. 2025-06-16)"), key, value);
}

static ju_status read_ini(ju_arena *a, ju_diags *d, const char *path, ju_survey *out)
{
    ju_ini ini;
    ju_status st = ju_ini_read(a, d, path, _("file"), _("write [survey] with year, title, publisher … (or remove the file)"),
                                &ini);
    if (st != JU_OK)
        return st;
    out->has_metadata = true;
    size_t before = d->errors;
    bool year_seen = false;
    const ju_inisection *survey = NULL;
    for (size_t i = 0; i < ini.n; i++) {
        const ju_inisection *sec = &ini.sections[i];
        if (strcmp(sec->name, "survey") != 0) {
            if (sec->name[0])
                ju_diag_add(d, JU_SEV_WARNING, path, sec->line, sec->col, _("section [%s] is not used; ignored"), sec->name);
            else
                for (size_t k = 0; k < sec->n; k++)
                    ju_diag_add(d, JU_SEV_WARNING, path, sec->entries[k].line, sec->entries[k].key_col,
                                _("key '%s' is outside [survey]; ignored"), sec->entries[k].key);
            continue;
        }
        survey = sec;
        for (size_t k = 0; k < sec->n; k++)
            take_entry(d, path, &sec->entries[k], out, &year_seen);
    }
    if (!year_seen && d->errors == before) {
        out->year = year_of_folder(out->dir);
        if (!out->year) {
            ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, _("no 'year' and the folder's name is not a year"));
            return JU_ERR_CONFIG;
        }
    }
    check_date(d, path, survey, "issued", out->issued);
    check_date(d, path, survey, "fielding_start", out->fielding_start);
    check_date(d, path, survey, "fielding_end", out->fielding_end);
    if (d->errors == before && out->fielding_start && out->fielding_end &&
        strcmp(out->fielding_start, out->fielding_end) > 0) {
        const ju_inientry *e = entry_of(survey, "fielding_end");
        ju_diag_add(d, JU_SEV_ERROR, path, e->line, e->col,
                    _("fielding_end = %s comes before fielding_start = %s"), out->fielding_end, out->fielding_start);
    }
    return d->errors > before ? JU_ERR_CONFIG : JU_OK;
}

/* The latest time a PDF date (4-digit year) and an xlsx date can hold:
 * 9999-12-31T23:59:59Z. */
#define LAST_EPOCH 253402300799LL

/* days since 1970-01-01 of a proleptic Gregorian date */
static long long days_from_civil(int y, int m, int d);

ju_status ju_epoch_for(ju_diags *d, int y, int m, int dd, time_t *out)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        errno = 0;
        long long v = strtoll(sde, &end, 10);
        if (*end != '\0' || errno != 0 || v < 0 || v > LAST_EPOCH) {
            ju_diag_add(d, JU_SEV_ERROR, NULL, 0, 0,
                        _("SOURCE_DATE_EPOCH=%s: not a time jusou can write into PDF and xlsx files; give seconds since "
                        "1970-01-01 UTC, from 0 to %lld (9999-12-31), or unset it"),
                        ju_visible(d->arena, sde, 40), LAST_EPOCH);
            return JU_ERR_USAGE;
        }
        *out = (time_t)v;
        return JU_OK;
    }
    *out = (time_t)(days_from_civil(y, m, dd) * 86400);
    return JU_OK;
}

static ju_status fix_epoch(ju_diags *d, ju_survey *s)
{
    int y, m, dd;
    if (ju_iso_date(s->issued, &y, &m, &dd))
        return ju_epoch_for(d, y, m, dd, &s->epoch);
    return ju_epoch_for(d, s->year, 4, 1, &s->epoch);
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
                        _("cannot tell the survey year: there is no survey.ini and the folder's name is not a year"));
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
