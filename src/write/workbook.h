/* workbook.h — the xlsx workbooks (libxlsxwriter): the summary workbook and
 * one workbook per municipality, with native Excel charts over their tables.
 *
 * Which questions go on which sheet of the summary, the sheets' names and
 * titles are a template: JU_WORKBOOK_LAYOUT, one [sheet] per sheet with its
 * title and questions in order (README「集計表のシート（workbook.ini）」); the
 * words around the tables are words.ini's [workbook]. The C code knows kinds
 * of questions (single, multi, count, year, text), never question numbers.
 *
 * Every number is written as a number (no formulas), percents as the
 * rounded fractions tables.csv gives, shown with 0.0%. Files are
 * byte-identical from run to run: their creation date is the survey's fixed
 * date (ju_survey_epoch). */
#ifndef JU_WORKBOOK_H
#define JU_WORKBOOK_H

#include "arena.h"
#include "chartspec.h"
#include "diag.h"
#include "fill.h"
#include "results.h"
#include "status.h"

/* The years a workbook shows: this year's results and, when there is one,
 * the previous year's. */
typedef struct {
    const ju_results *cur;
    const ju_results *prev;        /* NULL without a previous year */
    const ju_chartstyle *style;    /* the charts' colours ([style] of charts.ini) */
} ju_wb_run;

/* The summary's sheet layout, a file of the templates folder (--templates). */
#define JU_WORKBOOK_LAYOUT "workbook.ini"

/* Which question goes on which sheet of the summary workbook. */
typedef struct ju_wb_layout ju_wb_layout;

/* ju_workbook_layout() reads the layout (workbook.ini of the template set)
 * for the current year of `facts`, reporting its problems at their line and column
 * before anything is written; NULL with *st set when it cannot be used. */
ju_wb_layout *ju_workbook_layout(ju_arena *a, ju_diags *d, const char *templates, const ju_facts *facts,
                                 ju_status *st);

/* The workbooks, each one file, made one at a time (parallel.h makes them
 * side by side) for the current year of `run` beside its previous year when
 * there is one:
 *   dir/重層事業現況調査_<令和N年度>_集計表.xlsx   ju_workbook_summary()
 *   dir/municipalities/<code>_<name>.xlsx          ju_workbook_municipality(),
 *       for each municipality that answered any form (ju_workbook_has()),
 *       in the folder ju_workbook_folder() makes.
 * A layout row that names no question of the codebook, and a question no
 * row places, are warnings (the latter land on a sheet of their own). Each
 * returns JU_ERR_IO when its file cannot be written (with diagnostics). */
ju_status ju_workbook_summary(ju_arena *a, ju_diags *d, ju_wb_layout *layout, const char *dir, const ju_wb_run *run);
ju_status ju_workbook_folder(ju_arena *a, ju_diags *d, const char *dir);
bool ju_workbook_has(const ju_wb_run *run, int m);
ju_status ju_workbook_municipality(ju_arena *a, ju_diags *d, const char *dir, const ju_wb_run *run, int m);
/* the files they write */
const char *ju_workbook_summary_path(ju_arena *a, const char *dir, const ju_wb_run *run);
const char *ju_workbook_municipality_path(ju_arena *a, const char *dir, const ju_wb_run *run, int m);

#endif
