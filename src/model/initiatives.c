/* initiatives.c — key-initiative sheets from sheets.csv and schedule.csv; see initiatives.h. */
#include "initiatives.h"
#include "reportmatch.h"

#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "format.h"
#include "i18n.h"
#include "monthspan.h"
#include "strmap.h"
#include "text.h"

typedef struct {
    ju_arena *a;
    ju_diags *d;
    const ju_csv *csv;
    int *col;        /* per wanted column: its index, -1 when absent */
    size_t before;   /* errors before this file */
} table;

static const char *const sheet_columns[] = {
    "id", "fiscal_year", "organisation", "department", "title", "issues", "actions", "plan", "policy", "kpi",
    "kpi_now", "kpi_now_year", "kpi_target", "kpi_target_year", "sdgs_plan", "sdg", "sdg_kpi", "sdg_target",
    "sdg_target_year",
};
enum {
    S_ID, S_YEAR, S_ORG, S_DEPT, S_TITLE, S_ISSUES, S_ACTIONS, S_PLAN, S_POLICY, S_KPI, S_KPI_NOW, S_KPI_NOW_YEAR,
    S_KPI_TARGET, S_KPI_TARGET_YEAR, S_SDGS_PLAN, S_SDG, S_SDG_KPI, S_SDG_TARGET, S_SDG_TARGET_YEAR, S_COUNT
};
static const char *const schedule_columns[] = {"sheet", "period", "tag", "item", "months", "progress", "reported"};
enum { R_SHEET, R_PERIOD, R_TAG, R_ITEM, R_MONTHS, R_PROGRESS, R_REPORTED, R_COUNT };
/* required: every column but the optional ones */
static bool optional_column(const char *name)
{
    return strcmp(name, "tag") == 0 || strcmp(name, "months") == 0 || strcmp(name, "reported") == 0;
}

/* the header: every column found, or an error naming the missing one */
static bool header(table *T, const char *const *names, size_t n)
{
    T->col = ju_arena_array(T->a, n, sizeof *T->col);
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        T->col[i] = ju_csv_column(T->csv, names[i]);
        if (T->col[i] < 0 && !optional_column(names[i])) {
            ju_strbuf list;
            ju_strbuf_init(&list, T->a);
            for (size_t k = 0; k < n; k++)
                ju_strbuf_addf(&list, "%s%s", k ? ", " : "", names[k]);
            ju_diag_add(T->d, JU_SEV_ERROR, T->csv->path, 1, 1, _("column '%s' is missing (the columns are: %s)"),
                        names[i], ju_strbuf_str(&list));
            ok = false;
        }
    }
    return ok;
}

static const ju_cell *cell(const table *T, size_t r, int which)
{
    static const ju_cell none = {"", 0, 0};
    int c = T->col[which];
    const ju_row *row = &T->csv->rows[r];
    return c >= 0 && (size_t)c < row->n ? &row->cells[c] : &none;
}

/* a cell's text without surrounding white space; NULL when blank */
static const char *text_of(const table *T, size_t r, int which)
{
    const char *t = ju_trim(T->a, cell(T, r, which)->text);
    return *t ? t : NULL;
}

/* a text a sheet shows, in the outputs' typography (text.h) */
static const char *shown_of(const table *T, size_t r, int which)
{
    return ju_typeset_japanese(T->a, text_of(T, r, which));
}

static void shown_lines(ju_arena *a, const char **lines, size_t n)
{
    for (size_t i = 0; i < n; i++)
        lines[i] = ju_typeset_japanese(a, lines[i]);
}

/* where byte `offset` of a cell's text is, as file line and column */
static void position(const ju_cell *c, size_t offset, int *line, int *col)
{
    *line = c->line ? c->line : 1;
    *col = c->col ? c->col : 1;
    for (size_t i = 0; i < offset && c->text[i]; i++) {
        if (c->text[i] == '\n') {
            (*line)++;
            *col = 1;
        } else if (((unsigned char)c->text[i] & 0xC0) != 0x80)
            (*col)++;
    }
}

static void error_at(table *T, size_t r, int which, size_t offset, const char *column, const char *msg)
{
    const ju_cell *c = cell(T, r, which);
    int line = c->line, col = c->col;
    if (!line) /* a short row: the row's first cell */
        line = T->csv->rows[r].n ? T->csv->rows[r].cells[0].line : 0, col = 1;
    else
        position(c, offset, &line, &col);
    ju_diag_add(T->d, JU_SEV_ERROR, T->csv->path, line, col, "%s: %s", column, msg);
}

/* a cell longer than its column holds: an error at the first character past it */
static bool too_long(table *T, size_t r, int which, const char *column, size_t max)
{
    const ju_cell *c = cell(T, r, which);
    size_t at, chars;
    if (!ju_text_longer(c->text, max, &at, &chars))
        return false;
    error_at(T, r, which, at, column,
             ju_arena_printf(T->a, _("this cell is %zu characters long; %s holds at most %zu"), chars, column, max));
    return true;
}

/* the lines of a cell, each trimmed; blank lines dropped */
static const char **lines_of(ju_arena *a, const char *s, size_t *n)
{
    const char **out = NULL;
    size_t cap = 0;
    *n = 0;
    while (s && *s) {
        const char *e = strchr(s, '\n');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        char *line = ju_arena_strndup(a, s, len);
        size_t k = strlen(line);
        while (k && (line[k - 1] == '\r' || line[k - 1] == ' '))
            line[--k] = '\0';
        if (!ju_is_blank(line))
            JU_PUSH(a, out, *n, cap, line);
        s = e ? e + 1 : NULL;
    }
    return out;
}

static bool year_in(const char *s, int *year)
{
    char *end;
    long y = strtol(s, &end, 10);
    if (*end || end == s || y < 1900 || y > 2999)
        return false;
    *year = (int)y;
    return true;
}

static void load_sheets(table *T, const ju_sheetrules *rules, ju_initiatives *out, ju_strmap *ids)
{
    const ju_csv *c = T->csv;
    out->sheets = ju_arena_array(T->a, c->nrows, sizeof *out->sheets);
    ju_strmap folded = {0}; /* ids as a case-insensitive file system sees them */
    for (size_t r = 1; r < c->nrows && !ju_diags_file_full(T->d, c->path); r++) {
        ju_sheet s = {.line = c->rows[r].n ? c->rows[r].cells[0].line : 0};
        if (out->nsheets == JU_SHEETS_MAX) {
            error_at(T, r, S_ID, 0, "id",
                     ju_arena_printf(T->a, _("more than %d sheets; the file holds at most %d"), JU_SHEETS_MAX,
                                     JU_SHEETS_MAX));
            break;
        }
        bool long_cell = false;
        for (int k = 0; k < S_COUNT; k++)
            long_cell |= too_long(T, r, k, sheet_columns[k],
                                  k == S_ISSUES || k == S_ACTIONS ? JU_SHEET_LINES_MAX : JU_SHEET_TEXT_MAX);
        if (long_cell)
            continue;
        s.id = text_of(T, r, S_ID);
        const char *why = s.id ? ju_file_name_problem(s.id) : _("it is empty");
        if (!why && strcmp(s.id, "all") == 0)
            why = _("'all' names the schedule chart of all sheets");
        if (why) {
            error_at(T, r, S_ID, 0, "id", ju_arena_printf(T->a, _("'%s' cannot name a sheet's files: %s"),
                                                          s.id ? ju_visible(T->a, s.id, 40) : "", why));
            continue;
        }
        size_t seen;
        if (ju_strmap_get(ids, s.id, strlen(s.id), &seen)) {
            error_at(T, r, S_ID, 0, "id", ju_arena_printf(T->a, _("sheet '%s' is already on line %d"), s.id,
                                                          out->sheets[seen].line));
            continue;
        }
        const char *fold = ju_fold_case(T->a, s.id);
        if (ju_strmap_get(&folded, fold, strlen(fold), &seen)) {
            error_at(T, r, S_ID, 0, "id",
                     ju_arena_printf(T->a, _("sheet '%s' differs from '%s' on line %d only in upper and lower case; on "
                                             "a shared drive their files would be one: give it another id"),
                                     s.id, out->sheets[seen].id, out->sheets[seen].line));
            continue;
        }
        const char *fy = text_of(T, r, S_YEAR);
        if (!fy || !year_in(fy, &s.fiscal_year))
            error_at(T, r, S_YEAR, 0, "fiscal_year",
                     ju_arena_printf(T->a, _("'%s' is not a fiscal year (e.g. 2024)"), fy ? ju_visible(T->a, fy, 20) : ""));
        s.organisation = shown_of(T, r, S_ORG);
        s.department = shown_of(T, r, S_DEPT);
        s.title = shown_of(T, r, S_TITLE);
        if (!s.title)
            error_at(T, r, S_TITLE, 0, "title", _("every sheet needs its 取組項目"));
        s.issues = lines_of(T->a, cell(T, r, S_ISSUES)->text, &s.nissues);
        shown_lines(T->a, s.issues, s.nissues);
        s.actions = lines_of(T->a, cell(T, r, S_ACTIONS)->text, &s.nactions);
        shown_lines(T->a, s.actions, s.nactions);
        s.plan = shown_of(T, r, S_PLAN);
        s.policy = shown_of(T, r, S_POLICY);
        s.kpi = shown_of(T, r, S_KPI);
        s.kpi_now = shown_of(T, r, S_KPI_NOW);
        s.kpi_now_year = text_of(T, r, S_KPI_NOW_YEAR);
        s.kpi_target = shown_of(T, r, S_KPI_TARGET);
        s.kpi_target_year = text_of(T, r, S_KPI_TARGET_YEAR);
        s.sdgs_plan = shown_of(T, r, S_SDGS_PLAN);
        s.sdg_kpi = shown_of(T, r, S_SDG_KPI);
        s.sdg_target = shown_of(T, r, S_SDG_TARGET);
        s.sdg_target_year = text_of(T, r, S_SDG_TARGET_YEAR);
        int y;
        const char *years[] = {s.kpi_now_year, s.kpi_target_year, s.sdg_target_year};
        const int year_cols[] = {S_KPI_NOW_YEAR, S_KPI_TARGET_YEAR, S_SDG_TARGET_YEAR};
        for (int k = 0; k < 3; k++)
            if (years[k] && !year_in(years[k], &y))
                error_at(T, r, year_cols[k], 0, sheet_columns[year_cols[k]],
                         ju_arena_printf(T->a, _("'%s' is not a year (e.g. 2025)"), ju_visible(T->a, years[k], 20)));
        const char *goal = text_of(T, r, S_SDG);
        if (goal) {
            char *end;
            long g = strtol(ju_fold_digits(T->a, goal), &end, 10);
            if (*end || g < 1 || g > rules->ngoals)
                error_at(T, r, S_SDG, 0, "sdg",
                         ju_arena_printf(T->a, _("'%s' is not an SDGs goal: the goals are 1 to %d"),
                                         ju_visible(T->a, goal, 20), rules->ngoals));
            else
                s.sdg = (int)g;
        }
        out->sheets[out->nsheets] = s;
        ju_strmap_put(T->a, ids, s.id, strlen(s.id), out->nsheets);
        ju_strmap_put(T->a, &folded, fold, strlen(fold), out->nsheets);
        out->nsheets++;
    }
}

/* the dates of a `reported` cell: YYYY-MM-DD separated by ; or , */
static ju_date *dates_of(table *T, size_t r, size_t *n)
{
    const ju_cell *c = cell(T, r, R_REPORTED);
    ju_date *out = NULL;
    size_t cap = 0;
    *n = 0;
    const char *s = c->text;
    while (*s) {
        size_t skip = strspn(s, " ;,\n\r\t");
        s += skip;
        if (!*s)
            break;
        size_t len = strcspn(s, " ;,\n\r\t");
        if (ju_diags_file_full(T->d, T->csv->path))
            break;
        if (*n == JU_REPORTED_MAX) {
            error_at(T, r, R_REPORTED, (size_t)(s - c->text), "reported",
                     ju_arena_printf(T->a, _("more than %d dates in one cell; a row has at most %d"), JU_REPORTED_MAX,
                                     JU_REPORTED_MAX));
            break;
        }
        char *one = ju_arena_strndup(T->a, s, len);
        ju_date dt;
        if (!ju_iso_date(one, &dt.y, &dt.m, &dt.d))
            error_at(T, r, R_REPORTED, (size_t)(s - c->text), "reported",
                     ju_arena_printf(T->a, _("'%s' is not a date: write YYYY-MM-DD, several with ;"),
                                     ju_visible(T->a, one, 20)));
        else
            JU_PUSH(T->a, out, *n, cap, dt);
        s += len;
    }
    return out;
}

static void load_schedule(table *T, const ju_sheetrules *rules, ju_initiatives *out, ju_strmap *ids)
{
    const ju_csv *c = T->csv;
    out->rows = ju_arena_array(T->a, c->nrows, sizeof *out->rows);
    ju_strbuf plist;
    ju_strbuf_init(&plist, T->a);
    for (size_t k = 0; k < rules->nperiods; k++)
        ju_strbuf_addf(&plist, "%s%s", k ? ", " : "", rules->periods[k].name);
    const char *periods = ju_strbuf_str(&plist);
    size_t *nrows = ju_arena_array(T->a, out->nsheets + 1, sizeof *nrows); /* each sheet's rows so far */
    for (size_t r = 1; r < c->nrows && !ju_diags_file_full(T->d, c->path); r++) {
        ju_schedrow row = {.line = c->rows[r].n ? c->rows[r].cells[0].line : 0};
        bool long_cell = false;
        for (int k = 0; k < R_COUNT; k++)
            if (k != R_REPORTED) /* its dates are counted */
                long_cell |= too_long(T, r, k, schedule_columns[k],
                                      k == R_ITEM       ? JU_SCHEDULE_ITEM_MAX
                                      : k == R_PROGRESS ? JU_SCHEDULE_PROGRESS_MAX
                                                        : JU_SHEET_TEXT_MAX);
        if (long_cell)
            continue;
        const char *id = text_of(T, r, R_SHEET);
        size_t which;
        const ju_sheet *sheet = id && ju_strmap_get(ids, id, strlen(id), &which) ? &out->sheets[which] : NULL;
        if (!sheet) {
            error_at(T, r, R_SHEET, 0, "sheet",
                     ju_arena_printf(T->a, _("there is no sheet '%s' in %s"), id ? ju_visible(T->a, id, 40) : "",
                                     out->sheets_path));
            continue;
        }
        row.sheet = (size_t)(sheet - out->sheets);
        if (++nrows[row.sheet] == JU_SCHEDULE_ROWS_MAX + 1)
            error_at(T, r, R_SHEET, 0, "sheet",
                     ju_arena_printf(T->a, _("sheet '%s' has more than %d rows here; a sheet's schedule has at most %d"),
                                     sheet->id, JU_SCHEDULE_ROWS_MAX, JU_SCHEDULE_ROWS_MAX));
        if (nrows[row.sheet] > JU_SCHEDULE_ROWS_MAX)
            continue;
        const char *period = text_of(T, r, R_PERIOD);
        size_t p = rules->nperiods;
        for (size_t k = 0; period && k < rules->nperiods; k++)
            if (strcmp(period, rules->periods[k].name) == 0)
                p = k;
        if (p == rules->nperiods) {
            error_at(T, r, R_PERIOD, 0, "period",
                     ju_arena_printf(T->a, _("'%s' is not a period of the form (%s)"),
                                     period ? ju_visible(T->a, period, 20) : "", periods));
            continue;
        }
        row.period = p;
        const ju_period *pd = &rules->periods[p];
        row.tag = shown_of(T, r, R_TAG);
        row.item = shown_of(T, r, R_ITEM);
        row.progress = lines_of(T->a, cell(T, r, R_PROGRESS)->text, &row.nprogress);
        shown_lines(T->a, row.progress, row.nprogress);
        if (!row.item && !row.nprogress) {
            error_at(T, r, R_ITEM, 0, "item", _("the row has neither an item nor progress"));
            continue;
        }
        const char *why;
        const char *months = text_of(T, r, R_MONTHS);
        if (months) {
            if (!ju_span_parse(months, pd->first, &row.months, &why))
                error_at(T, r, R_MONTHS, 0, "months",
                         ju_arena_printf(T->a, _("'%s' is not a span of months: %s"), ju_visible(T->a, months, 30),
                                         _(why)));
        } else if (row.item) {
            size_t at = 0;
            const ju_cell *ic = cell(T, r, R_ITEM);
            /* the span at the end of the item's text, found in the cell itself for its column */
            if (ju_span_in_text(ic->text, pd->first, &row.months, &at, &why) < 0)
                error_at(T, r, R_ITEM, at, "item",
                         ju_arena_printf(T->a, _("the months in brackets are not a span: %s"), _(why)));
        }
        if (pd->beyond)
            row.months = 0; /* after the fiscal year: not on its calendar */
        /* the months progress names: its reported dates, else a span in its text (leniently) */
        row.reported = dates_of(T, r, &row.nreported);
        for (size_t k = 0; k < row.nreported; k++) {
            const ju_date *dt = &row.reported[k];
            int fy = dt->m >= 4 ? dt->y : dt->y - 1;
            if (fy == sheet->fiscal_year)
                row.progress_months |= 1u << ju_fiscal_index(dt->m);
            else
                ju_diag_add(T->d, JU_SEV_WARNING, T->csv->path, cell(T, r, R_REPORTED)->line,
                            cell(T, r, R_REPORTED)->col,
                            _("reported: %04d-%02d-%02d is outside fiscal year %d of sheet '%s'; it is not marked "
                              "on the calendar"),
                            dt->y, dt->m, dt->d, sheet->fiscal_year, sheet->id);
        }
        /* a span in progress text ends with its period: 「（4月～）」 reported in
         * 前期 is April to July, not to March */
        unsigned within = 0;
        for (int m = pd->first; m <= pd->last; m++)
            within |= 1u << m;
        for (size_t k = 0; !row.nreported && k < row.nprogress; k++) {
            unsigned m;
            size_t at;
            if (ju_span_in_text(row.progress[k], pd->first, &m, &at, &why) > 0)
                row.progress_months |= m & within;
        }
        out->rows[out->nrows++] = row;
    }
}

static ju_status read_table(ju_arena *a, ju_diags *d, const char *path, ju_csv *csv)
{
    ju_status st = ju_csv_read(a, d, path, csv);
    if (st != JU_OK)
        return st;
    if (csv->nrows < 1)
        return JU_ERR_DATA;
    return JU_OK;
}

ju_status ju_initiatives_load(ju_arena *a, ju_diags *d, const char *dir, const ju_sheetrules *rules,
                              ju_initiatives *out)
{
    memset(out, 0, sizeof *out);
    out->dir = dir;
    out->sheets_path = ju_arena_printf(a, "%s/sheets.csv", dir);
    out->schedule_path = ju_arena_printf(a, "%s/schedule.csv", dir);
    size_t before = d->errors;
    ju_csv sheets, schedule;
    ju_status st = read_table(a, d, out->sheets_path, &sheets);
    if (st != JU_OK)
        return st;
    st = read_table(a, d, out->schedule_path, &schedule);
    if (st != JU_OK)
        return st;
    ju_strmap ids = {0};
    table T = {a, d, &sheets, NULL, before};
    if (header(&T, sheet_columns, S_COUNT))
        load_sheets(&T, rules, out, &ids);
    table U = {a, d, &schedule, NULL, before};
    if (header(&U, schedule_columns, R_COUNT) && d->errors == before)
        load_schedule(&U, rules, out, &ids);
    if (d->errors == before && out->nsheets == 0)
        ju_diag_add(d, JU_SEV_ERROR, out->sheets_path, 1, 1, _("there is no sheet in the file"));
    /* each sheet's rows, in one pass, so that nothing walks every row per sheet */
    out->first = ju_arena_array(a, out->nsheets + 1, sizeof *out->first);
    out->next = ju_arena_array(a, out->nrows + 1, sizeof *out->next);
    size_t *last = ju_arena_array(a, out->nsheets + 1, sizeof *last);
    for (size_t k = 0; k < out->nsheets; k++)
        out->first[k] = last[k] = JU_NO_ROW;
    for (size_t r = 0; r < out->nrows; r++) {
        size_t k = out->rows[r].sheet;
        out->next[r] = JU_NO_ROW;
        if (out->first[k] == JU_NO_ROW)
            out->first[k] = r;
        else
            out->next[last[k]] = r;
        last[k] = r;
    }
    if (d->errors == before)
        ju_match_reports(a, d, rules, out);
    return d->errors > before ? JU_ERR_DATA : JU_OK;
}

int ju_span_runs(unsigned months, int runs[6][2])
{
    int n = 0;
    for (int i = 0; i < 12 && n < 6; i++) {
        if (!(months >> i & 1u))
            continue;
        int j = i;
        while (j + 1 < 12 && (months >> (j + 1) & 1u))
            j++;
        runs[n][0] = i;
        runs[n][1] = j;
        n++;
        i = j;
    }
    return n;
}

const char *ju_span_text(ju_arena *a, unsigned months, const char *sep)
{
    int runs[6][2], n = ju_span_runs(months, runs);
    ju_strbuf out;
    ju_strbuf_init(&out, a);
    for (int k = 0; k < n; k++) {
        int from = (runs[k][0] + 3) % 12 + 1, to = (runs[k][1] + 3) % 12 + 1;
        ju_strbuf_addf(&out, from == to ? "%s%d" : "%s%d-%d", k ? sep : "", from, to);
    }
    return ju_strbuf_str(&out);
}

const char *ju_dates_text(ju_arena *a, const ju_date *dates, size_t n)
{
    ju_strbuf out;
    ju_strbuf_init(&out, a);
    for (size_t k = 0; k < n; k++)
        ju_strbuf_addf(&out, "%s%04d-%02d-%02d", k ? ";" : "", dates[k].y, dates[k].m, dates[k].d);
    return ju_strbuf_str(&out);
}

/* a row within the fiscal year */
static bool planned(const ju_initiatives *in, const ju_sheetrules *rules, size_t i)
{
    return !rules->periods[in->rows[i].period].beyond;
}

/* the group an item belongs to: its tag, else its period's name */
static const char *group_of(const ju_schedrow *r, const ju_sheetrules *rules)
{
    return r->tag ? r->tag : rules->periods[r->period].name;
}

size_t ju_gantt_rows(ju_arena *a, const ju_initiatives *in, const ju_sheetrules *rules, const size_t *which, size_t n,
                     bool headings, ju_ganttrow **out)
{
    const size_t none = JU_NO_ROW;
    ju_ganttrow *rows = NULL;
    size_t nrows = 0, cap = 0;
    for (size_t w = 0; w < n; w++) {
        size_t k = which[w];
        const ju_sheet *sh = &in->sheets[k];
        if (headings) {
            const char *h = ju_arena_printf(a, "%s%s%s", sh->organisation ? sh->organisation : "",
                                            sh->organisation ? "　" : "", sh->title ? sh->title : sh->id);
            ju_ganttrow r = {k, h, true, NULL};
            JU_PUSH(a, rows, nrows, cap, r);
        }
        /* the sheet's groups in the order they first appear, then each group's items */
        ju_strmap groups = {0};
        const char **names = NULL;
        size_t ngroups = 0, capg = 0, nitems = 0;
        for (size_t i = in->first[k]; i != none; i = in->next[i]) {
            if (!planned(in, rules, i))
                continue;
            nitems++;
            const char *g = group_of(&in->rows[i], rules);
            size_t at;
            if (!ju_strmap_get(&groups, g, strlen(g), &at)) {
                ju_strmap_put(a, &groups, g, strlen(g), ngroups);
                JU_PUSH(a, names, ngroups, capg, g);
            }
        }
        /* items by group: a stable bucket pass */
        size_t *count = ju_arena_array(a, ngroups + 1, sizeof *count);
        size_t *order = ju_arena_array(a, nitems + 1, sizeof *order), *gof = ju_arena_array(a, nitems + 1, sizeof *gof);
        size_t m = 0;
        for (size_t i = in->first[k]; i != none; i = in->next[i]) {
            if (!planned(in, rules, i))
                continue;
            const char *g = group_of(&in->rows[i], rules);
            ju_strmap_get(&groups, g, strlen(g), &gof[m]);
            count[gof[m]]++;
            m++;
        }
        size_t *start = ju_arena_array(a, ngroups + 1, sizeof *start);
        for (size_t g = 1; g < ngroups; g++)
            start[g] = start[g - 1] + count[g - 1];
        m = 0;
        for (size_t i = in->first[k]; i != none; i = in->next[i])
            if (planned(in, rules, i)) {
                order[start[gof[m]]++] = i;
                m++;
            }
        m = 0;
        for (size_t g = 0; g < ngroups; g++) {
            ju_ganttrow head = {k, names[g], false, NULL};
            JU_PUSH(a, rows, nrows, cap, head);
            for (size_t c = 0; c < count[g]; c++, m++) {
                ju_ganttrow item = {k, NULL, false, &in->rows[order[m]]};
                JU_PUSH(a, rows, nrows, cap, item);
            }
        }
    }
    *out = rows;
    return nrows;
}
