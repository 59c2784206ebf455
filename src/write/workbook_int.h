/* workbook_int.h — what workbook.c, workbook_summary.c and
 * workbook_municipality.c share. Internal to the workbook module: nothing
 * outside src/write/workbook*.c includes it (it is the only header that
 * includes xlsxwriter.h).
 *
 * A `ju_wb_book` is one open libxlsxwriter workbook with the project's cell
 * formats; a `ju_wb_sheet` is one of its worksheets with the widths its cells
 * call for. Every string reaches libxlsxwriter through ju_wb_str() and
 * friends, which make it valid UTF-8 first (libxlsxwriter writes invalid
 * UTF-8 silently into a corrupt file). Memory comes from the run's arena;
 * the libxlsxwriter objects belong to the workbook, created by
 * ju_wb_book_open() and freed by ju_wb_book_close() in the same function. */
#ifndef JU_WORKBOOK_INT_H
#define JU_WORKBOOK_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include <xlsxwriter.h>

#include "lexicon.h"
#include "results.h"
#include "workbook.h"

/* The font of every cell and chart: [workbook] font of words.ini (the
 * bundled one names BIZ UDPゴシック, fonts-morisawa-bizud-gothic on Debian,
 * bundled with Windows 10 and later under that name). */
#define JU_WB_FONT ju_lex("workbook", "font")
#define JU_WB_FONT_SIZE 10
#define JU_WB_ROW_HEIGHT 16.5 /* points: one line of JU_WB_FONT_SIZE text */
#define JU_WB_MAX_COLS 1024

/* Label of the `all` segment in tables. */
#define JU_WB_ALL ju_lex("labels", "all")

/* The workbooks' words: [workbook] of words.ini (lexicon.h). */
#define WB(key) ju_lex("workbook", key)
#define WBF(a, key, ...) ju_lexf(a, "workbook", key, __VA_ARGS__, (const char *)NULL)

/* One table or text question placed on a sheet by workbook.ini. */
typedef struct {
    int form;     /* index in the current year's codebook */
    int question; /* index in the form's questions */
    int by;       /* text: a single-choice question grouping the answers, else -1 */
    /* filled while writing: where the item landed, for 目次 */
    const char *sheet;
    int row;
} ju_wb_item;

typedef struct {
    const char *name;  /* a valid, unique sheet name */
    const char *title; /* section title written at the top of the sheet */
    ju_wb_item *items;
    size_t n, cap;
} ju_wb_section;

typedef struct ju_wb_layout {
    ju_wb_section *sections;
    size_t n, cap;
} ju_wb_layout;

typedef struct {
    lxw_format *text, *top, *wrap, *wrap_box, *bold, *bold_wrap, *title, *sheet_title, *note, *link;
    lxw_format *head, *head_left; /* table header cells */
    lxw_format *label, *label_wrap, *label_bold; /* first column of tables */
    lxw_format *count, *pct, *dec1, *general, *mark, *code;
} ju_wb_formats;

typedef struct {
    ju_arena *a;
    ju_diags *d;
    const ju_wb_run *run;
    const char *path; /* the file being written, for diagnostics */
    const char *font; /* of every cell and chart */
    const ju_chartstyle *style; /* the charts' colours: the run's, or the built-in one */
    lxw_workbook *wb;
    ju_wb_formats f;
    const char **names; /* sheet names used so far */
    size_t nnames, capnames;
    const char **defined; /* defined names used so far */
    size_t ndefined, capdefined;
    int guard; /* discards the workbook if memory runs out while it is built */
} ju_wb_book;

typedef struct {
    ju_wb_book *book;
    lxw_worksheet *ws;
    const char *name;
    double width[JU_WB_MAX_COLS]; /* characters; 0: leave the default */
    double fixed[JU_WB_MAX_COLS]; /* set by ju_wb_col_width(): wins over measured widths */
    bool fit;                     /* printed one page wide */
    int repeat_rows;              /* rows repeated at the top of every printed page */
    double *row_pt;               /* heights set by ju_wb_row_lines(), 0 elsewhere */
    size_t nrow_pt;
    int *blocks;                  /* [start, end) row pairs kept on one printed page */
    size_t nblocks, capblocks;
    int right_col, right_px;      /* the right edge of drawings: column and pixels into it */
    int bottom_row;               /* the first row below every block */
    const char *nav_target, *nav_text; /* the link back (目次へ戻る), placed beside the print area */
    int *bands;                   /* columns where a printed page may start (question boundaries) */
    size_t nbands, capbands;
    int repeat_cols;              /* columns repeated at the left of every printed page */
} ju_wb_sheet;

/* ---- workbooks (workbook.c) ---- */

/* ju_wb_book_open() creates the workbook at `path` with its document
 * properties (title, subject, the fixed creation date of the survey) and the
 * project's formats. False (with a diagnostic) when libxlsxwriter refuses. */
bool ju_wb_book_open(ju_wb_book *b, ju_arena *a, ju_diags *d, const ju_wb_run *run, const char *path,
                     const char *title, const char *subject);

/* ju_wb_book_open_as() is the same for a workbook of no survey (the
 * key-initiative sheets): its font, author and creation time given. */
bool ju_wb_book_open_as(ju_wb_book *b, ju_arena *a, ju_diags *d, const char *path, const char *font,
                        const char *title, const char *subject, const char *author, time_t created);

/* ju_wb_book_close() writes the file and frees every libxlsxwriter object of
 * the workbook; JU_ERR_IO (with a diagnostic) when it could not be written. */
ju_status ju_wb_book_close(ju_wb_book *b);

/* ju_wb_sheet_add() adds a worksheet named `name` (made valid and unique:
 * at most 31 characters, none of []:*?/\), set up for A4 landscape printing
 * with `repeat_rows` rows (from the top) repeated on every page (0 for
 * none); `fit`: scaled to one page wide (else printed across pages at full
 * size). The sheet is allocated in the arena. */
ju_wb_sheet *ju_wb_sheet_add(ju_wb_book *b, const char *name, int repeat_rows, bool fit);

/* ju_wb_block() keeps rows [start, end) together on one printed page. */
void ju_wb_block(ju_wb_sheet *s, int start, int end);

/* ju_wb_drawing() notes a drawing (chart) reaching `px` pixels into column `col`. */
void ju_wb_drawing(ju_wb_sheet *s, int col, int px);

/* ju_wb_nav() puts a link to cell A1 of sheet `target` showing `text` on the
 * sheet's first row, just right of what is printed (a link is no use on
 * paper). */
void ju_wb_nav(ju_wb_sheet *s, const char *target, const char *text);

/* ju_wb_bands() prints a sheet too wide for one page across pages of whole
 * column groups: `starts` (n, ascending) are the columns where a group
 * begins; the first `repeat_cols` columns are repeated on every page. */
void ju_wb_bands(ju_wb_sheet *s, const int *starts, size_t n, int repeat_cols);

/* ju_wb_sheet_finish() sets the column widths measured while writing, the
 * print area (every cell and drawing, not the link back) and, for a sheet
 * printed one page wide, page breaks between blocks so that no table or
 * chart is cut in two; for a sheet in bands, the print scale and the
 * breaks between column groups. */
void ju_wb_sheet_finish(ju_wb_sheet *s);

/* ju_wb_col_width() fixes the width of column `col` (characters). */
void ju_wb_col_width(ju_wb_sheet *s, int col, double width);

/* ju_wb_define() gives the range a defined name made from `parts`
 * ("T_municipality_Q2"), unique in the workbook; returns the name. */
const char *ju_wb_define(ju_wb_book *b, const char *sheet, int r0, int c0, int r1, int c1, const char *kind,
                         const char *form, const char *question);

/* ---- cells (workbook.c) ---- */

/* ju_wb_str() writes a string cell (NULL or "" writes a formatted blank) and
 * widens the column to fit it, Japanese characters counting double. */
void ju_wb_str(ju_wb_sheet *s, int row, int col, const char *text, lxw_format *f);

/* ju_wb_str_free() writes a string that may run over the next cells (titles,
 * notes): it does not widen its column. */
void ju_wb_str_free(ju_wb_sheet *s, int row, int col, const char *text, lxw_format *f);

/* ju_wb_num() writes a number (a reader that does not recalculate sees it). */
void ju_wb_num(ju_wb_sheet *s, int row, int col, double v, lxw_format *f);

/* ju_wb_pct() writes percent10 (tenths of a percent, as ju_percent10()
 * gives) as the fraction shown with 0.0%; a blank when percent10 < 0. */
void ju_wb_pct(ju_wb_sheet *s, int row, int col, long long percent10);

/* ju_wb_blank() writes an empty formatted cell. */
void ju_wb_blank(ju_wb_sheet *s, int row, int col, lxw_format *f);

/* ju_wb_merge() merges a range holding `text` (a plain write when the range
 * is one cell); does not widen columns. */
void ju_wb_merge(ju_wb_sheet *s, int r0, int c0, int r1, int c1, const char *text, lxw_format *f);

/* ju_wb_link() writes a link to cell (row, col) of sheet `target` showing `text`. */
void ju_wb_link(ju_wb_sheet *s, int row, int col, const char *target, int trow, int tcol, const char *text);

/* ju_wb_row_lines() sets a row's height for `lines` lines of text (1 to 30). */
void ju_wb_row_lines(ju_wb_sheet *s, int row, int lines);

/* ju_wb_label() writes a table's row label in a column `width` wide,
 * wrapping (and making the row taller) when it does not fit on one line. */
void ju_wb_label(ju_wb_sheet *s, int row, const char *text, double width);

/* ju_wb_text_width() is the width of `text` in Excel's column units,
 * counting East Asian wide characters double (the widest line). */
double ju_wb_text_width(const char *text);

/* ju_wb_balance() is `text` with each line longer than `width` broken into
 * as few lines as fit, as even as they can be, between phrases (phrases.h: a
 * head's 移行準備事業を実施している in a narrow column: 移行準備\n事業を\n実施している,
 * never 実施し\nている); a phrase wider than the column inside it, else
 * anywhere. */
const char *ju_wb_balance(ju_arena *a, const char *text, double width);

/* ju_wb_lines() is how many lines `text` takes in a column `width` wide. */
int ju_wb_lines(const char *text, double width);

/* ju_wb_utf8() is `s` made safe for libxlsxwriter: valid UTF-8 (bad bytes
 * become U+FFFD), no control characters but tab and line feed, at most
 * 32767 characters. NULL gives "". */
const char *ju_wb_utf8(ju_arena *a, const char *s);

/* ---- charts (workbook.c) ---- */

/* ju_wb_chart_font() is the chart font of `size` points (bold or not). */
lxw_chart_font ju_wb_chart_font(const ju_wb_book *b, double size, bool bold);

/* ju_wb_chart_style() gives a bar chart the project's font, title and legend,
 * its axes and grid lines in the style's muted ink and grid colour. */
void ju_wb_chart_style(const ju_wb_book *b, lxw_chart *c, const char *title, bool legend);

/* ju_wb_series_colours() fills series `s` in `colour`, and its point k in
 * points[k] where that differs (n points; points NULL: none differ); its
 * value labels (0.0%, zeros left out) are in the style's ink — `inside`
 * the bars: white on a dark fill, ink on a light one, point by point — and
 * left out where hide[k] (hide NULL: none). */
void ju_wb_series_colours(const ju_wb_book *b, lxw_chart_series *s, unsigned colour, const unsigned *points,
                          const bool *hide, size_t n, bool inside);

/* ju_wb_column_series() adds to a bar chart a series of the percents in
 * column `value_col`, rows first_row … first_row + nrows − 1, labelled by
 * column 0 and named `name`, in `colour` (a
 * category of the style's greys — 無回答, カウントしていない — in its grey,
 * tinted by `tint` as the series is); `categories` are the rows' category
 * codes, or NULL. */
lxw_chart_series *ju_wb_column_series(lxw_chart *c, const ju_wb_sheet *sh, int first_row, int nrows, int value_col,
                                      const char *name, unsigned colour, double tint,
                                      const char *const *categories);

/* ju_wb_insert_bar_chart() finishes a horizontal percent bar chart — the
 * first category on top, the percent axis below, from 0% to 100% in steps
 * of 20% when `full` — and inserts it at row/col, `width` pixels wide and
 * `*height` pixels tall (raised to at least 170). */
void ju_wb_insert_bar_chart(ju_wb_sheet *sh, lxw_chart *c, int row, int col, int width, int *height, bool full);

/* ju_wb_chart_rows() is how many default rows a chart `height` pixels tall covers. */
int ju_wb_chart_rows(int height);

/* ---- the survey (workbook.c) ---- */

/* ju_wb_segment_label() names segment `segment` of form `form` in codebook
 * `cb`: JU_WB_ALL for -1, else the segmenting question's choice label. */
const char *ju_wb_segment_label(ju_arena *a, const ju_codebook *cb, int form, long long segment);

/* ju_wb_type_label() is 単一回答, 複数回答, 件数, 年度 or 自由記述. */
const char *ju_wb_type_label(ju_qtype t);

/* ju_wb_year_head() heads the columns of question `q` of the survey of
 * `year`: 令和7年度, or for a question about another year (questions.csv
 * `year`) what is counted and in which survey, `sep` between the two:
 * 令和6年度の値 + sep + （令和7年度調査）. */
const char *ju_wb_year_head(ju_arena *a, int year, const ju_question *q, const char *sep);

/* ju_wb_segment_shown() is true when the segment's table says something the
 * 全体 table `all` does not: some respondents in its base, not all of
 * them, and the question not the one that makes the segments. */
bool ju_wb_segment_shown(const ju_codebook *cb, int form, const ju_question *q, const ju_table *all,
                         const ju_table *seg);

/* ju_wb_display_id() is a question's number as the questionnaire writes it:
 * the codebook's own parts (Q27_cat, Q6_6_text) left off: Q27, Q6_6. */
const char *ju_wb_display_id(ju_arena *a, const char *id);

/* ju_wb_qtitle() is "Q2　<label>" for a question. */
const char *ju_wb_qtitle(ju_arena *a, const ju_question *q);

/* ju_wb_base_text() is "母数: 令和7年度実施地区" for a question. */
const char *ju_wb_base_text(ju_arena *a, const ju_form *f, const ju_question *q);

/* ju_wb_definition() is a base's definition in words (words.ini def_*):
 * Q1（実施状況）が「実施している」、かつQ1_1（実施開始年度）が令和6年度以前. */
const char *ju_wb_definition(ju_arena *a, const ju_form *f, const ju_base *b);

/* ju_wb_find() is year `T`'s table for form id / question id / segment
 * (-1: all), or NULL. */
const ju_table *ju_wb_find(const ju_tables *T, const char *form, const char *question, long long segment);


/* ju_wb_is_tabulated() is true for questions with tables (single, multi, count, year). */
bool ju_wb_is_tabulated(ju_qtype t);

/* ---- the two kinds of workbook ---- */

/* ju_wb_layout_load() reads workbook.ini of the template set `templates`
 * for the codebook of `facts`: which question goes on which sheet (titles'
 * placeholders filled from `facts`). A missing file
 * puts every question on one sheet (a warning); an unknown question, key or
 * sheet name is an error at its line and column. */
ju_status ju_wb_layout_load(ju_arena *a, ju_diags *d, const char *templates, const ju_facts *facts,
                            ju_wb_layout *L);

/* ju_wb_write_summary() writes the summary workbook at `path`. */
ju_status ju_wb_write_summary(ju_arena *a, ju_diags *d, const ju_wb_run *run, ju_wb_layout *layout, const char *path);

/* ju_wb_write_municipality() writes the workbook of master entry `m` at `path`. */
ju_status ju_wb_write_municipality(ju_arena *a, ju_diags *d, const ju_wb_run *run, int m, const char *path);

#endif
