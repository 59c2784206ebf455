/* initiatives.h — key-initiative sheets (重要取組シート, 様式4) read from data.
 *
 * A data folder (data/initiatives/) holds two CSV files, kept in Excel by
 * the offices and read like every input (UTF-8 with or without BOM, or
 * CP932; errors at file:line:col):
 *   sheets.csv    one row a sheet: id, fiscal_year, organisation, department,
 *                 title (取組項目), issues (現状・課題) and actions (取組の内容)
 *                 as lines of one cell, plan, policy (該当する施策), kpi,
 *                 kpi_now, kpi_now_year, kpi_target, kpi_target_year,
 *                 sdgs_plan, sdg (1–17), sdg_kpi, sdg_target, sdg_target_year
 *   schedule.csv  one row an item, in the order the sheet shows them: sheet,
 *                 period (a period of the form: 前期 …), tag (【…】), item
 *                 (the planned □ of スケジュール), months (its span when the
 *                 item's text does not end with one), progress (the □ of
 *                 進捗の状況 reported for that period: its first line, then
 *                 ⇒ result lines), reported (dates, YYYY-MM-DD;…)
 * A row with an item and progress reports against that item (■ in スケジュール); a row
 * with progress only is a line of 進捗の状況 of its own, taken to report on the
 * item of its period whose words it shares (reportmatch.h). README「重要取組シート」. */
#ifndef JU_INITIATIVES_H
#define JU_INITIATIVES_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "status.h"

/* Limits, each an error at its file:line:col: characters of a cell (a
 * sheet's one-line texts, its 現状・課題 and 取組の内容, a schedule row's item
 * and progress), rows of one sheet's schedule, dates of one row, sheets. */
enum {
    JU_SHEET_TEXT_MAX = 200,
    JU_SHEET_LINES_MAX = 5000,
    JU_SCHEDULE_ITEM_MAX = 500,
    JU_SCHEDULE_PROGRESS_MAX = 2000,
    JU_SCHEDULE_ROWS_MAX = 300,
    JU_REPORTED_MAX = 366,
    JU_SHEETS_MAX = 1000,
};

/* What the form (the template) defines and the data must keep to. */
typedef struct {
    const char *name; /* 前期 */
    int first, last;  /* fiscal month indexes (0 = April); first > last never */
    bool beyond;      /* after the fiscal year (次年度以降): no months */
} ju_period;

typedef struct {
    const ju_period *periods;
    size_t nperiods;
    int ngoals; /* SDGs goals are 1 … ngoals */
} ju_sheetrules;

typedef struct {
    const char *id;
    int line;               /* its row in sheets.csv */
    int fiscal_year;
    const char *organisation, *department, *title;
    const char **issues;    /* 現状・課題, a line each */
    size_t nissues;
    const char **actions;   /* 取組の内容 */
    size_t nactions;
    const char *plan, *policy, *kpi, *kpi_now, *kpi_now_year, *kpi_target, *kpi_target_year;
    const char *sdgs_plan;
    int sdg;                /* 0: none given */
    const char *sdg_kpi, *sdg_target, *sdg_target_year;
} ju_sheet;

typedef struct {
    int y, m, d;
} ju_date;

typedef struct {
    size_t sheet, period;
    int line;               /* its row in schedule.csv */
    const char *tag;        /* NULL: none */
    const char *item;       /* NULL: a progress line only */
    unsigned months;        /* planned months (fiscal bits, monthspan.h); 0: none written */
    const char **progress;  /* lines; none when nothing was reported */
    size_t nprogress;
    unsigned progress_months; /* the months the progress names (its text or reported dates) */
    ju_date *reported;
    size_t nreported;
    size_t against;         /* progress only: the item row it reports on (reportmatch.h), or JU_NO_ROW */
    bool heard;             /* an item: progress reported against it, or a progress line matched to it */
} ju_schedrow;

typedef struct {
    const char *dir;
    const char *sheets_path, *schedule_path;
    ju_sheet *sheets;
    size_t nsheets;
    ju_schedrow *rows;
    size_t nrows;
    /* each sheet's rows in file order: first[sheet], then next[row];
     * JU_NO_ROW ends the list */
    size_t *first, *next;
} ju_initiatives;

#define JU_NO_ROW ((size_t)-1)

/* A row of a schedule chart (Gantt): a heading (the sheet, a tag, a period)
 * or an item planned within the fiscal year. */
typedef struct {
    size_t sheet;
    const char *heading;     /* a heading row; NULL for an item */
    bool sheet_heading;      /* the heading of a sheet (above its groups) */
    const ju_schedrow *item; /* an item row: planned (item) or reported alone (progress only) */
} ju_ganttrow;

/* ju_initiatives_load() reads dir/sheets.csv and dir/schedule.csv and checks
 * them against the form's rules: a sheet id that is not a safe file name or
 * appears twice, a fiscal year, an SDGs goal outside 1…ngoals, a row of a
 * sheet that is not there, an unknown period, a month span that cannot be
 * read (in `months` or at the end of the item's text), a row with neither an
 * item nor progress, a reported date that is not a date: errors at their
 * file:line:col (JU_ERR_DATA); a missing file is JU_ERR_IO. */
ju_status ju_initiatives_load(ju_arena *a, ju_diags *d, const char *dir, const ju_sheetrules *rules,
                              ju_initiatives *out);

/* ju_gantt_rows() lists the rows of a schedule chart of the sheets `which`:
 * per sheet (a heading with its organisation and title when `headings`),
 * its rows within the fiscal year (not those of a period after it): items,
 * and progress reported on its own, grouped by tag, or by period for rows
 * without one, groups in the order they first appear and rows in file
 * order. Returns the count. */
size_t ju_gantt_rows(ju_arena *a, const ju_initiatives *in, const ju_sheetrules *rules, const size_t *which, size_t n,
                     bool headings, ju_ganttrow **out);

/* ju_span_runs() writes a span's runs of consecutive months as fiscal
 * indexes, [from, to] pairs; returns how many (at most 6). */
int ju_span_runs(unsigned months, int runs[6][2]);

/* ju_span_text() writes a span as calendar months, its runs separated by
 * `sep`: "4-7;9" (sep ";"). */
const char *ju_span_text(ju_arena *a, unsigned months, const char *sep);

/* ju_dates_text() writes dates as YYYY-MM-DD separated by ';'. */
const char *ju_dates_text(ju_arena *a, const ju_date *dates, size_t n);

#endif
