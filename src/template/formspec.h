/* formspec.h — the 様式4 form of key-initiative sheets (templates/initiatives/form.ini).
 *
 * The form's fixed words ([form]), its periods ([periods]: name = the fiscal
 * months it covers, 4-7, or `next` | how the form writes it) and the SDGs
 * goals ([sdgs]: number = Japanese name | official colour), and its look
 * ([style]: font, accent, ink, muted, rule colours, png_scale). Every key is
 * required; an unknown key, a word longer than JU_FORM_WORD_MAX characters,
 * a period or goal that cannot be read, periods that share a month or leave
 * one out, fewer than the 17 goals, a placeholder a word does not take, file
 * and tracker_file naming the same workbook: errors at file:line:col. */
#ifndef JU_FORMSPEC_H
#define JU_FORMSPEC_H

#include "arena.h"
#include "diag.h"
#include "inifile.h"
#include "initiatives.h"
#include "status.h"

/* the longest word of the form, in characters (its longest now is 31) */
enum { JU_FORM_WORD_MAX = 200 };

enum {
    JU_FORM_TITLE, JU_FORM_NUMBER, JU_FORM_ITEM, JU_FORM_ISSUES, JU_FORM_ACTIONS, JU_FORM_SCHEDULE,
    JU_FORM_PROGRESS, JU_FORM_POLICY, JU_FORM_KPI, JU_FORM_KPI_NOW, JU_FORM_TARGET, JU_FORM_GOAL,
    JU_FORM_GOAL_NUMBER, JU_FORM_PLAN, JU_FORM_SDGS_PLAN, JU_FORM_TODO, JU_FORM_DONE, JU_FORM_LEGEND, JU_FORM_TAG,
    JU_FORM_CONTINUED, JU_FORM_FILE, JU_FORM_GANTT, JU_FORM_GANTT_ALL, JU_FORM_FISCAL_YEAR, JU_FORM_MONTH,
    JU_FORM_PLANNED, JU_FORM_REPORTED, JU_FORM_AS_OF, JU_FORM_CHECK_TITLE, JU_FORM_SILENT, JU_FORM_ALL_REPORTED,
    JU_FORM_NO_AS_OF, JU_FORM_TRACKER_FILE, JU_FORM_TRACKER_SHEET, JU_FORM_ITEMS_SHEET, JU_FORM_TRACKER_CHART, JU_FORM_COL_SHEET, JU_FORM_COL_ORG, JU_FORM_COL_FY, JU_FORM_COL_PERIOD, JU_FORM_COL_PLANNED, JU_FORM_COL_REPORTED, JU_FORM_COL_PROGRESS_ONLY, JU_FORM_COL_RATE, JU_FORM_COL_END, JU_FORM_COL_SILENT, JU_FORM_COL_TAG, JU_FORM_COL_ITEM, JU_FORM_COL_MONTHS, JU_FORM_COL_STATUS, JU_FORM_COL_PROGRESS, JU_FORM_COL_DATES, JU_FORM_COL_AGAINST, JU_FORM_STATUS_REPORTED, JU_FORM_STATUS_PLANNED, JU_FORM_STATUS_PROGRESS, JU_FORM_WORDS
};

typedef struct {
    const char *name;
    unsigned rgb;
} ju_goal;

typedef struct {
    const char *font;                  /* as pango names it */
    const char *xlsx_font;             /* as Excel names it */
    unsigned accent, ink, muted, rule; /* 0xRRGGBB */
    double png_scale;                  /* PNG pixels per point */
} ju_formstyle;

typedef struct {
    const char *path;
    const char *words[JU_FORM_WORDS]; /* \n already a line break */
    const ju_inientry *word_entries[JU_FORM_WORDS]; /* where each is written */
    ju_period *periods;
    const char **period_labels;       /* how the form writes each period */
    size_t nperiods;
    ju_goal goals[18];                /* 1 … 17 */
    int ngoals;
    ju_sheetrules rules;              /* what the data must keep to */
    ju_formstyle style;               /* [style] */
} ju_formspec;

ju_status ju_form_load(ju_arena *a, ju_diags *d, const char *path, ju_formspec *out);

/* ju_form_period_lines() is what a sheet's cell of スケジュール (progress
 * false) or 進捗の状況 (true) holds for one period, a line each, as the form
 * writes them: 「□ 【tag】item」 (■ when reported against); a report against
 * an item repeats it, then its ⇒ lines; a report alone its own lines. */
const char **ju_form_period_lines(ju_arena *a, const ju_formspec *f, const ju_initiatives *in, size_t sheet,
                                  size_t period, bool progress, size_t *n);

/* ju_form_kpi() is the KPI cell of a sheet: its KPI, then its current value
 * and year in the form's words when given. */
const char *ju_form_kpi(ju_arena *a, const ju_formspec *f, const ju_sheet *s);

/* ju_form_word() is a word with {year} and {value} filled (either may be NULL
 * when the word does not take it). */
const char *ju_form_word(ju_arena *a, const ju_formspec *f, int which, const char *year, const char *value);

#endif
