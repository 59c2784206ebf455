/* workbook_summary.c — the summary workbook: 目次, one sheet per section of
 * the layout (tables with a native chart beside each), the responses of
 * every form with labels, the free text, and 集計条件. See workbook.h.
 *
 * A table puts its categories in rows and its column groups side by side:
 * the current year's 全体, its segments (when the question has more than
 * one), and the previous year's 全体. Counts come first, then percents, so
 * that each category's percents are one contiguous row a band chart can
 * draw. Each table's cells are named T_<form>_<question>. */
#include <stdlib.h>
#include <string.h>

#include "checkfile.h"
#include "workbook_int.h"

#define COL_DATA 14.0   /* width of a count or percent column: its head's 実施している on one line */
#define TEXT_COL 50.0   /* width of a free-text column: long answers wrap in it */
#define COL_N_YEAR 15.0  /* a column headed n（令和7年度） */
#define TOC_QUESTION 56.0 /* width of 目次's question column: longer questions wrap */
#define BAND_LABEL_MIN 60 /* tenths of a percent: narrower bands of a band chart go unlabelled */
#define CHART_WIDTH 520 /* pixels */
#define CHART_WIDTH_NARROW 420 /* pixels: beside tables of four or more column groups */
#define MAX_GROUPS 16

typedef struct {
    const ju_table *t;
    const char *year;    /* 令和7年度, or what a question about another year counts */
    const char *segment; /* 全体, or the segment's label */
    const char *label;   /* both on one line: the chart's name for it */
    const char *head;    /* both on two lines: the column's header */
    bool previous;       /* the previous year's */
} group;

typedef struct {
    const char *category;
    const char *label;
} catrow;

typedef struct {
    ju_arena *a;
    ju_diags *d;
    const ju_wb_run *run;
    ju_wb_book *b;
    const char *cur; /* 令和7年度 */
    const char *prev;
    int chart_w;     /* pixels: the charts of the sheet being written */
} summary;

/* ---------------------------------------------------------------- groups */

/* a group of the survey of `year` for question `q` */
static group make_group(summary *S, const ju_table *t, int year, const ju_question *q, const char *segment,
                        bool previous)
{
    const char *line = ju_wb_year_head(S->a, year, q, ""), *lines = ju_wb_year_head(S->a, year, q, "\n");
    return (group){t, line, segment, ju_arena_printf(S->a, "%s %s", line, segment),
                   ju_arena_printf(S->a, "%s\n%s", lines, segment), previous};
}

/* this year's 全体, the segments that differ from it, the previous year's 全体 */
static size_t groups_of(summary *S, const ju_wb_item *it, group *g)
{
    const ju_codebook *cb = S->run->cur->codebook;
    const ju_form *f = &cb->forms[it->form];
    const ju_question *q = &f->questions[it->question];
    const ju_tables *T = &S->run->cur->tables;
    size_t n = 0;
    const ju_table *all = ju_wb_find(T, f->id, q->id, -1);
    if (!all)
        return 0;
    int year = S->run->cur->survey->year;
    g[n++] = make_group(S, all, year, q, JU_WB_ALL, false);
    for (size_t i = 0; i < T->n && n < MAX_GROUPS - 1; i++) {
        const ju_table *t = &T->tables[i];
        if (t->form == it->form && t->question == it->question && t->segment >= 0 &&
            ju_wb_segment_shown(cb, it->form, q, all, t))
            g[n++] = make_group(S, t, year, q, ju_wb_segment_label(S->a, cb, it->form, t->segment), false);
    }
    if (S->run->prev != NULL) {
        const ju_table *p = ju_wb_find(&S->run->prev->tables, f->id, q->id, -1);
        if (p) {
            const ju_form *pf = &S->run->prev->codebook->forms[p->form];
            g[n++] = make_group(S, p, S->run->prev->survey->year, &pf->questions[p->question], JU_WB_ALL, true);
        }
    }
    return n;
}

/* the categories of all groups: the first group's order, categories only
 * other groups have before 無回答, 無回答 last */
static size_t categories_of(summary *S, const group *g, size_t ng, catrow **out)
{
    size_t cap = 0, n = 0;
    catrow *c = NULL;
    const char *na_label = JU_LABEL_NO_ANSWER;
    for (size_t k = 0; k < ng; k++)
        for (size_t i = 0; i < g[k].t->ncells; i++) {
            const ju_tcell *cell = &g[k].t->cells[i];
            if (strcmp(cell->category, JU_CAT_NO_ANSWER) == 0) {
                if (k == 0)
                    na_label = cell->label;
                continue;
            }
            bool seen = false;
            for (size_t j = 0; j < n && !seen; j++)
                seen = strcmp(c[j].category, cell->category) == 0;
            if (!seen)
                JU_PUSH(S->a, c, n, cap, ((catrow){cell->category, cell->label}));
        }
    JU_PUSH(S->a, c, n, cap, ((catrow){JU_CAT_NO_ANSWER, na_label}));
    *out = c;
    return n;
}

static bool exclusive(ju_qtype t)
{
    return t == JU_QT_SINGLE || t == JU_QT_YEAR || t == JU_QT_COUNT;
}

/* ---------------------------------------------------------------- charts */

/* A band chart (100% stacked bars, one bar per group, one colour per
 * category: the style's palette, its greys for 無回答 and カウントしていない,
 * the previous year's bar in muted tints) for questions with one answer per
 * respondent. */
static void band_chart(summary *S, ju_wb_sheet *sh, const ju_question *q, int head_row, int first_row,
                       const catrow *cats, size_t nc, const group *g, size_t ng, int row, int col, int *height)
{
    lxw_chart *c = workbook_add_chart(S->b->wb, LXW_CHART_BAR_STACKED_PERCENT);
    const ju_chartstyle *st = S->b->style;
    double legend_px = 0;
    int series = 0;
    unsigned *points = ju_arena_array(S->a, ng, sizeof *points);
    bool *hide = ju_arena_array(S->a, ng, sizeof *hide);
    for (size_t k = 0; k < nc; k++) {
        bool na = strcmp(cats[k].category, JU_CAT_NO_ANSWER) == 0;
        if (na) { /* 無回答 only when someone did not answer */
            long any = 0;
            for (size_t j = 0; j < ng; j++)
                any += ju_table_count(g[j].t, JU_CAT_NO_ANSWER) > 0;
            if (!any && series > 0)
                continue;
        }
        lxw_chart_series *s = chart_add_series(c, NULL, NULL);
        chart_series_set_categories(s, sh->name, (lxw_row_t)head_row, (lxw_col_t)(ng + 1), (lxw_row_t)head_row,
                                    (lxw_col_t)(2 * ng));
        chart_series_set_values(s, sh->name, (lxw_row_t)(first_row + (int)k), (lxw_col_t)(ng + 1),
                                (lxw_row_t)(first_row + (int)k), (lxw_col_t)(2 * ng));
        chart_series_set_name_range(s, sh->name, (lxw_row_t)(first_row + (int)k), 0);
        unsigned colour = st ? ju_chartstyle_category(st, cats[k].category, k) : 0;
        for (size_t j = 0; j < ng; j++) {
            points[j] = g[j].previous ? ju_chartstyle_tint(colour, 0.58) : colour;
            /* a label only where its band is wide enough to hold it */
            long n = ju_table_count(g[j].t, cats[k].category);
            hide[j] = n <= 0 || ju_percent10(n, g[j].t->base_n) < BAND_LABEL_MIN;
        }
        ju_wb_series_colours(S->b, s, colour, points, hide, ng, true);
        legend_px += 26 + 6.5 * ju_wb_text_width(cats[k].label);
        series++;
    }
    chart_set_series_gap(c, 50);
    ju_wb_chart_style(S->b, c, q->short_label, true);
    int legend_lines = (int)(legend_px / (S->chart_w - 40)) + 1;
    *height = 80 + 34 * (int)ng + 16 * legend_lines;
    ju_wb_insert_bar_chart(sh, c, row, col, S->chart_w, height, false);
}

/* A clustered bar chart of the percents of each option: this year's 全体
 * in the style's first colour and, when there is one, the previous year's
 * muted; 無回答 in grey. */
static void option_chart(summary *S, ju_wb_sheet *sh, const ju_question *q, int first_row,
                         const catrow *cats, size_t nc, const group *g, size_t ng, int row, int col, int *height)
{
    lxw_chart *c = workbook_add_chart(S->b->wb, LXW_CHART_BAR);
    const ju_chartstyle *st = S->b->style;
    size_t which[2] = {0, ng - 1};
    size_t nseries = ng > 1 && g[ng - 1].previous ? 2 : 1;
    const char **codes = ju_arena_array(S->a, nc ? nc : 1, sizeof *codes);
    for (size_t k = 0; k < nc; k++)
        codes[k] = cats[k].category;
    for (size_t k = 0; k < nseries; k++) {
        int pc = (int)(ng + 1 + which[k]);
        unsigned colour = !st ? 0 : k == 0 ? st->palette[0] : ju_chartstyle_previous(st);
        ju_wb_column_series(c, sh, first_row, (int)nc, pc, g[which[k]].label, colour, k == 0 ? 0 : 0.58, codes);
    }
    chart_set_series_gap(c, 40);
    ju_wb_chart_style(S->b, c, q->short_label, nseries > 1);
    *height = 70 + (int)nc * (10 + 13 * (int)nseries) + (nseries > 1 ? 20 : 0);
    ju_wb_insert_bar_chart(sh, c, row, col, S->chart_w, height, true);
}

/* ---------------------------------------------------------------- tables */

static void stat_row(ju_wb_sheet *sh, int row, const char *label, const group *g, size_t ng, int which)
{
    ju_wb_formats *F = &sh->book->f;
    ju_wb_str(sh, row, 0, label, F->label);
    for (size_t k = 0; k < ng; k++) {
        const ju_stats *s = &g[k].t->stats;
        int c = (int)(1 + k);
        bool any = s->answered > 0;
        switch (which) {
        case 0: ju_wb_num(sh, row, c, (double)s->answered, F->count); break;
        case 1: ju_wb_num(sh, row, c, (double)s->not_counted, F->count); break;
        case 2: ju_wb_num(sh, row, c, (double)s->no_answer, F->count); break;
        case 3: any ? ju_wb_num(sh, row, c, (double)s->sum, F->count) : ju_wb_blank(sh, row, c, F->count); break;
        case 4: any ? ju_wb_num(sh, row, c, (double)s->mean10 / 10.0, F->dec1) : ju_wb_blank(sh, row, c, F->dec1); break;
        case 5:
            any ? ju_wb_num(sh, row, c, (double)s->median10 / 10.0, F->general) : ju_wb_blank(sh, row, c, F->general);
            break;
        case 6: any ? ju_wb_num(sh, row, c, (double)s->min, F->count) : ju_wb_blank(sh, row, c, F->count); break;
        default: any ? ju_wb_num(sh, row, c, (double)s->max, F->count) : ju_wb_blank(sh, row, c, F->count); break;
        }
        ju_wb_blank(sh, row, (int)(1 + ng + k), F->label);
    }
}

/* Writes one table (and its chart at column `chart_col`) from `row`;
 * returns the first row after the block. */
static int write_table(summary *S, ju_wb_sheet *sh, ju_wb_item *it, int row, int chart_col, double label_w)
{
    ju_wb_formats *F = &S->b->f;
    const ju_form *f = &S->run->cur->codebook->forms[it->form];
    const ju_question *q = &f->questions[it->question];
    group g[MAX_GROUPS];
    size_t ng = groups_of(S, it, g);
    if (ng == 0)
        return row;
    catrow *cats;
    size_t nc = categories_of(S, g, ng, &cats);

    it->sheet = sh->name;
    it->row = row;
    ju_wb_str_free(sh, row, 0, ju_wb_qtitle(S->a, q), F->title);
    const char *note = ju_wb_base_text(S->a, f, q);
    if (q->type == JU_QT_MULTI)
        note = WBF(S->a, "note_multiple", "base", note);
    else if (q->type == JU_QT_COUNT && q->unit && *q->unit)
        note = WBF(S->a, "note_unit", "base", note, "unit", q->unit);
    ju_wb_str_free(sh, row + 1, 0, note, F->note);

    int h0 = row + 2, h1 = row + 3;
    const char *what = WB(q->type == JU_QT_COUNT ? "head_bins" : q->type == JU_QT_YEAR ? "head_years" : "head_choices");
    ju_wb_merge(sh, h0, 0, h1, 0, what, F->head_left);
    ju_wb_merge(sh, h0, 1, h0, (int)ng, WB("head_count"), F->head);
    ju_wb_merge(sh, h0, (int)ng + 1, h0, 2 * (int)ng, WB("head_percent"), F->head);
    int lines = 1;
    for (size_t k = 0; k < ng; k++) {
        const char *head = ju_wb_balance(S->a, g[k].head, COL_DATA - 2);
        ju_wb_str_free(sh, h1, (int)(1 + k), head, F->head);
        ju_wb_str_free(sh, h1, (int)(1 + ng + k), head, F->head);
        int l = ju_wb_lines(head, COL_DATA - 1);
        if (l > lines)
            lines = l;
    }
    ju_wb_row_lines(sh, h1, lines);

    int r = h1 + 1;
    ju_wb_str(sh, r, 0, WB("base_n"), F->label_bold);
    for (size_t k = 0; k < ng; k++) {
        ju_wb_num(sh, r, (int)(1 + k), (double)g[k].t->base_n, F->count);
        ju_wb_blank(sh, r, (int)(1 + ng + k), F->label_bold);
    }
    int first = ++r;
    for (size_t i = 0; i < nc; i++, r++) {
        ju_wb_label(sh, r, cats[i].label, label_w);
        for (size_t k = 0; k < ng; k++) {
            long n = ju_table_count(g[k].t, cats[i].category);
            if (n < 0) {
                ju_wb_blank(sh, r, (int)(1 + k), F->count);
                ju_wb_blank(sh, r, (int)(1 + ng + k), F->pct);
                continue;
            }
            ju_wb_num(sh, r, (int)(1 + k), (double)n, F->count);
            ju_wb_pct(sh, r, (int)(1 + ng + k), ju_percent10(n, g[k].t->base_n));
        }
    }
    int last = r - 1;
    if (q->type == JU_QT_COUNT) {
        const char *u = q->unit && *q->unit ? WBF(S->a, "unit", "unit", q->unit) : "";
        ju_wb_str(sh, r, 0, WB("stats"), F->label_bold);
        for (size_t k = 0; k < 2 * ng; k++)
            ju_wb_blank(sh, r, (int)(1 + k), F->label_bold);
        r++;
        stat_row(sh, r++, WB("stat_answered"), g, ng, 0);
        if (q->nc)
            stat_row(sh, r++, JU_LABEL_NOT_COUNTED, g, ng, 1);
        stat_row(sh, r++, JU_LABEL_NO_ANSWER, g, ng, 2);
        stat_row(sh, r++, WBF(S->a, "stat_sum", "unit", u), g, ng, 3);
        stat_row(sh, r++, WBF(S->a, "stat_mean", "unit", u), g, ng, 4);
        stat_row(sh, r++, WBF(S->a, "stat_median", "unit", u), g, ng, 5);
        stat_row(sh, r++, WBF(S->a, "stat_min", "unit", u), g, ng, 6);
        stat_row(sh, r++, WBF(S->a, "stat_max", "unit", u), g, ng, 7);
        last = r - 1;
    }
    ju_wb_define(S->b, sh->name, h0, 0, last, 2 * (int)ng, "T", f->id, q->id);

    int height;
    if (exclusive(q->type))
        band_chart(S, sh, q, h1, first, cats, nc, g, ng, h0, chart_col, &height);
    else
        option_chart(S, sh, q, first, cats, nc, g, ng, h0, chart_col, &height);
    int chart_end = h0 + ju_wb_chart_rows(height);
    int end = (chart_end > last ? chart_end : last) + 1;
    ju_wb_block(sh, row, end);
    ju_wb_drawing(sh, chart_col, 8 + S->chart_w);
    return end + 2;
}

/* ---------------------------------------------------------------- free text */

typedef struct {
    const ju_rrow *r;
    int group; /* choice index of the grouping question; large for none */
} textrow;

static int cmp_textrow(const void *pa, const void *pb)
{
    const textrow *a = pa, *b = pb;
    if (a->group != b->group)
        return a->group < b->group ? -1 : 1;
    return (a->r->master > b->r->master) - (a->r->master < b->r->master);
}

/* the answers of a text question, grouped by `by` when set, else in the
 * order of the master list */
static size_t text_rows(summary *S, const ju_wb_item *it, textrow **out)
{
    const ju_rform *fd = &S->run->cur->forms[it->form];
    const ju_form *f = fd->form;
    textrow *rows = ju_arena_array(S->a, fd->n ? fd->n : 1, sizeof *rows);
    size_t n = 0;
    for (size_t i = 0; i < fd->n; i++) {
        const ju_rrow *r = &fd->rows[i];
        const ju_rvalue *ans = &r->values[it->question];
        if (ans->state != JU_RV_VALUE || !ans->text || !*ans->text)
            continue;
        int grp = 1 << 20;
        if (it->by >= 0 && r->values[it->by].state == JU_RV_VALUE) {
            int k = ju_question_choice(&f->questions[it->by], r->values[it->by].value);
            if (k >= 0)
                grp = k;
        }
        rows[n++] = (textrow){r, grp};
    }
    qsort(rows, n, sizeof *rows, cmp_textrow);
    *out = rows;
    return n;
}

static const char *group_label(summary *S, const ju_wb_item *it, const textrow *tr)
{
    if (it->by < 0)
        return "";
    const ju_question *bq = &S->run->cur->codebook->forms[it->form].questions[it->by];
    if (tr->group < (int)bq->nchoices)
        return bq->choices[tr->group].label;
    return WB("no_group");
}

static const char *segment_of(summary *S, int form, const ju_rrow *r)
{
    if (r->segment < 0)
        return "";
    return ju_wb_segment_label(S->a, S->run->cur->codebook, form, r->segment);
}

/* The 自由記述 sheet: one flat, filterable table of every answer. */
static void write_text_sheet(summary *S, ju_wb_section *sec)
{
    ju_wb_formats *F = &S->b->f;
    ju_wb_sheet *sh = ju_wb_sheet_add(S->b, sec->name, 4, true);
    ju_wb_str_free(sh, 0, 0, sec->title, F->sheet_title);
    ju_wb_str_free(sh, 1, 0,
                   WBF(S->a, "text_sheet_note", "wareki", S->cur),
                   F->note);
    const char *const head[] = {WB("col_question_id"), WB("col_question"), WB("col_group"),
                                WB("col_name"),        WB("col_segment"),  WB("col_answer")};
    static const double widths[] = {10, 28, 20, 12, 14, 72};
    int hr = 3;
    for (int c = 0; c < 6; c++) {
        ju_wb_str_free(sh, hr, c, head[c], F->head_left);
        ju_wb_col_width(sh, c, widths[c]);
    }
    int r = hr + 1;
    for (size_t i = 0; i < sec->n; i++) {
        ju_wb_item *it = &sec->items[i];
        const ju_form *f = &S->run->cur->codebook->forms[it->form];
        const ju_question *q = &f->questions[it->question];
        it->sheet = sh->name;
        it->row = r;
        textrow *rows;
        size_t n = text_rows(S, it, &rows);
        for (size_t k = 0; k < (n ? n : 1); k++, r++) {
            ju_wb_str_free(sh, r, 0, ju_wb_display_id(S->a, q->id), F->wrap);
            ju_wb_str_free(sh, r, 1, q->label, F->wrap);
            int lines = ju_wb_lines(q->label, widths[1] - 1);
            if (!n) {
                ju_wb_blank(sh, r, 2, F->wrap);
                ju_wb_blank(sh, r, 3, F->wrap);
                ju_wb_blank(sh, r, 4, F->wrap);
                ju_wb_str_free(sh, r, 5, WB("no_answers"), F->wrap);
                ju_wb_row_lines(sh, r, lines);
                continue;
            }
            const ju_rrow *resp = rows[k].r;
            const char *grp = group_label(S, it, &rows[k]);
            const char *seg = segment_of(S, it->form, resp);
            const char *text = resp->values[it->question].text;
            ju_wb_str_free(sh, r, 2, grp, F->wrap);
            ju_wb_str_free(sh, r, 3, resp->name, F->wrap);
            ju_wb_str_free(sh, r, 4, seg, F->wrap);
            ju_wb_str_free(sh, r, 5, text, F->wrap);
            int l = ju_wb_lines(text, widths[5] - 2);
            if (l > lines)
                lines = l;
            l = ju_wb_lines(grp, widths[2] - 1);
            if (l > lines)
                lines = l;
            l = ju_wb_lines(seg, widths[4] - 1);
            if (l > lines)
                lines = l;
            ju_wb_row_lines(sh, r, lines);
        }
        ju_wb_define(S->b, sh->name, it->row, 0, r - 1, 5, "T", f->id, q->id);
    }
    worksheet_autofilter(sh->ws, (lxw_row_t)hr, 0, (lxw_row_t)(r > hr + 1 ? r - 1 : hr + 1), 5);
    worksheet_freeze_panes(sh->ws, (lxw_row_t)(hr + 1), 0);
    ju_wb_sheet_finish(sh);
}

/* A text question on a sheet of tables: its answers under a title. */
static int write_text_block(summary *S, ju_wb_sheet *sh, ju_wb_item *it, int row, int width_cols)
{
    ju_wb_formats *F = &S->b->f;
    const ju_form *f = &S->run->cur->codebook->forms[it->form];
    const ju_question *q = &f->questions[it->question];
    it->sheet = sh->name;
    it->row = row;
    ju_wb_str_free(sh, row, 0, ju_wb_qtitle(S->a, q), F->title);
    ju_wb_str_free(sh, row + 1, 0, WBF(S->a, "note_text", "base", ju_wb_base_text(S->a, f, q)), F->note);
    int last_col = width_cols < 2 ? 2 : width_cols;
    int r = row + 2;
    ju_wb_str(sh, r, 0, WB("col_name"), F->head_left);
    ju_wb_merge(sh, r, 1, r, last_col, WB("col_answer"), F->head_left);
    r++;
    textrow *rows;
    size_t n = text_rows(S, it, &rows);
    double w = COL_DATA * last_col;
    for (size_t k = 0; k < n; k++, r++) {
        const ju_rrow *resp = rows[k].r;
        const char *text = resp->values[it->question].text;
        if (it->by >= 0)
            text = WBF(S->a, "grouped_answer", "group", group_label(S, it, &rows[k]), "text", text);
        ju_wb_str(sh, r, 0, resp->name, F->label);
        ju_wb_merge(sh, r, 1, r, last_col, text, F->wrap_box);
        ju_wb_row_lines(sh, r, ju_wb_lines(text, w - 2));
    }
    if (!n) {
        ju_wb_str(sh, r, 0, "", F->label);
        ju_wb_merge(sh, r, 1, r, last_col, WB("no_answers"), F->wrap_box);
        r++;
    }
    ju_wb_define(S->b, sh->name, row + 2, 0, r - 1, last_col, "T", f->id, q->id);
    ju_wb_block(sh, row, r);
    return r + 2;
}

/* ---------------------------------------------------------------- sections */

static void write_section(summary *S, ju_wb_section *sec, const char *toc)
{
    bool all_text = true;
    for (size_t i = 0; i < sec->n; i++)
        all_text = all_text && sec->items[i].question >= 0 &&
                   S->run->cur->codebook->forms[sec->items[i].form].questions[sec->items[i].question].type ==
                       JU_QT_TEXT;
    if (all_text && sec->n > 0) {
        write_text_sheet(S, sec);
        return;
    }
    ju_wb_formats *F = &S->b->f;
    ju_wb_sheet *sh = ju_wb_sheet_add(S->b, sec->name, 2, true);
    ju_wb_str_free(sh, 0, 0, sec->title, F->sheet_title);
    ju_wb_str_free(sh, 1, 0,
                   WBF(S->a, "sheet_note", "wareki", S->cur, "title",
                       S->run->cur->survey->title ? S->run->cur->survey->title : ""),
                   F->note);
    /* the widest table decides where the charts start, the longest label
     * how wide the first column is */
    size_t gmax = 1;
    double label_w = 14;
    for (size_t i = 0; i < sec->n; i++) {
        group g[MAX_GROUPS];
        const ju_question *q = &S->run->cur->codebook->forms[sec->items[i].form].questions[sec->items[i].question];
        if (!ju_wb_is_tabulated(q->type))
            continue;
        size_t ng = groups_of(S, &sec->items[i], g);
        if (ng > gmax)
            gmax = ng;
        for (size_t k = 0; k < ng; k++)
            for (size_t j = 0; j < g[k].t->ncells; j++) {
                double w = ju_wb_text_width(g[k].t->cells[j].label) + 2;
                if (w > label_w)
                    label_w = w;
            }
    }
    if (label_w > 36)
        label_w = 36;
    ju_wb_col_width(sh, 0, label_w);
    /* a sheet of wide tables (a question by segment) takes narrower charts,
     * to keep its print scale legible */
    S->chart_w = gmax >= 4 ? CHART_WIDTH_NARROW : CHART_WIDTH;
    int chart_col = 2 * (int)gmax + 2;
    for (int c = 1; c <= 2 * (int)gmax; c++)
        ju_wb_col_width(sh, c, COL_DATA);
    ju_wb_col_width(sh, 2 * (int)gmax + 1, 2);
    int row = 3;
    for (size_t i = 0; i < sec->n; i++) {
        ju_wb_item *it = &sec->items[i];
        const ju_question *q = &S->run->cur->codebook->forms[it->form].questions[it->question];
        if (ju_wb_is_tabulated(q->type))
            row = write_table(S, sh, it, row, chart_col, label_w);
        else
            row = write_text_block(S, sh, it, row, 2 * (int)gmax);
    }
    ju_wb_nav(sh, toc, WB("back_to_toc"));
    worksheet_freeze_panes(sh->ws, 2, 0);
    ju_wb_sheet_finish(sh);
}

/* ---------------------------------------------------------------- responses */

static void write_responses(summary *S, size_t fi, const char *toc, const char **sheet_out)
{
    ju_wb_formats *F = &S->b->f;
    const ju_rform *fd = &S->run->cur->forms[fi];
    const ju_form *f = fd->form;
    const ju_codebook *cb = S->run->cur->codebook;
    ju_wb_sheet *sh = ju_wb_sheet_add(S->b, WBF(S->a, "responses_sheet", "respondent", f->respondent), 2, false);
    *sheet_out = sh->name;
    /* a column for the segment, unless it is one of this form's own questions */
    bool segmented = f->segment_form != NULL && strcmp(f->segment_form, f->id) != 0;
    int c = 0;
    ju_wb_merge(sh, 0, c, 1, c, WB("col_code"), F->head_left);
    ju_wb_col_width(sh, c++, 10);
    ju_wb_merge(sh, 0, c, 1, c, WB("col_name"), F->head_left);
    c++;
    if (segmented) {
        const ju_form *sf = ju_codebook_form(cb, f->segment_form);
        int sq = sf ? ju_form_question(sf, f->segment_question) : -1;
        ju_wb_merge(sh, 0, c, 1, c,
                    WBF(S->a, "col_segment_of", "question",
                        sq >= 0 ? sf->questions[sq].short_label : f->segment_question),
                    F->head_left);
        c++; /* as wide as its longest label */
    }
    int first_q_col = c;
    double *head_w = ju_arena_array(S->a, JU_WB_MAX_COLS, sizeof *head_w);
    const char **head_text = ju_arena_array(S->a, JU_WB_MAX_COLS, sizeof *head_text);
    int head_lines = 1;
    int *starts = NULL; /* where each question's columns begin: a printed page may start there */
    size_t nstarts = 0, capstarts = 0;
    bool *text_col = ju_arena_array(S->a, JU_WB_MAX_COLS, sizeof *text_col);
    const char **title_text = ju_arena_array(S->a, JU_WB_MAX_COLS, sizeof *title_text); /* over several columns */
    int *title_span = ju_arena_array(S->a, JU_WB_MAX_COLS, sizeof *title_span);
    /* headers */
    for (size_t qi = 0; qi < f->nquestions; qi++) {
        const ju_question *q = &f->questions[qi];
        if (q->type == JU_QT_CODE || q->type == JU_QT_NAME)
            continue;
        const char *sub[JU_MAX_OPTIONS + 2];
        int n = 0;
        if (q->type == JU_QT_MULTI) {
            for (size_t k = 0; k < q->nchoices; k++)
                sub[n++] = q->choices[k].label;
        } else {
            sub[n++] = q->type == JU_QT_COUNT && q->unit && *q->unit
                           ? WBF(S->a, "label_unit", "label", q->short_label, "unit", q->unit)
                           : q->short_label;
            if (q->type == JU_QT_COUNT && q->nc)
                sub[n++] = JU_LABEL_NOT_COUNTED;
        }
        if (c + n >= JU_WB_MAX_COLS)
            break;
        JU_PUSH(S->a, starts, nstarts, capstarts, c);
        if (q->type == JU_QT_TEXT)
            text_col[c] = true;
        /* a column the questionnaire does not number (council.csv's name): its label over both rows */
        bool numbered = strpbrk(q->id, "0123456789") != NULL;
        if (n > 1) {
            title_text[c] = WBF(S->a, "question_title", "id", ju_wb_display_id(S->a, q->id), "label", q->short_label);
            title_span[c] = n;
            ju_wb_merge(sh, 0, c, 0, c + n - 1, title_text[c], F->head_left);
        } else if (numbered)
            ju_wb_str_free(sh, 0, c, ju_wb_display_id(S->a, q->id), F->head_left);
        else
            ju_wb_merge(sh, 0, c, 1, c, sub[0], F->head_left);
        for (int k = 0; k < n; k++) {
            if (numbered || n > 1)
                ju_wb_str_free(sh, 1, c + k, sub[k], F->head_left);
            head_text[c + k] = sub[k];
            double w = ju_wb_text_width(sub[k]) + 2;
            /* an option's column holds ○: its head wraps over up to three lines */
            if (q->type == JU_QT_MULTI)
                w = ju_wb_text_width(sub[k]) / 3 + 3;
            head_w[c + k] = w > 18 ? 18 : w;
        }
        c += n;
    }
    int last_col = c - 1;
    /* rows in the order of the master list */
    const ju_rrow **rows = ju_arena_array(S->a, fd->n ? fd->n : 1, sizeof *rows);
    size_t nr = 0;
    for (size_t m = 0; m < S->run->cur->master->n; m++)
        if (fd->by_master[m])
            rows[nr++] = fd->by_master[m];
    /* free text in wide columns that wrap; everything else as wide as it is */
    for (int k = first_q_col; k <= last_col; k++)
        if (text_col[k])
            ju_wb_col_width(sh, k, TEXT_COL);
    int row = 2;
    for (size_t i = 0; i < nr; i++, row++) {
        const ju_rrow *r = rows[i];
        c = 0;
        ju_wb_str(sh, row, c++, r->code, F->code);
        ju_wb_str(sh, row, c++, r->name, F->top);
        if (segmented)
            ju_wb_str(sh, row, c++, segment_of(S, (int)fi, r), F->top);
        int lines = 1;
        for (size_t qi = 0; qi < f->nquestions && c <= last_col; qi++) {
            const ju_question *q = &f->questions[qi];
            if (q->type == JU_QT_CODE || q->type == JU_QT_NAME)
                continue;
            const ju_rvalue *ans = &r->values[qi];
            bool has = ans->state == JU_RV_VALUE;
            switch (q->type) {
            case JU_QT_SINGLE:
            case JU_QT_YEAR:
            {
                const char *label = has ? ju_results_label(S->run->cur, (int)fi, (int)qi, ans) : NULL;
                ju_wb_str(sh, row, c++, label ? label : ans->state == JU_RV_NO_ANSWER ? JU_LABEL_NO_ANSWER : "",
                          F->top);
            }
                break;
            case JU_QT_MULTI:
                for (size_t k = 0; k < q->nchoices; k++)
                    ju_wb_str(sh, row, c++, has && (ans->chosen >> k & 1u) ? WB("mark") : "", F->top);
                break;
            case JU_QT_COUNT:
                if (has)
                    ju_wb_num(sh, row, c, (double)ans->value, F->top);
                c++;
                if (q->nc)
                    ju_wb_str(sh, row, c++, ans->state == JU_RV_NOT_COUNTED ? WB("mark") : "", F->top);
                break;
            case JU_QT_TEXT: {
                const char *t = has ? ans->text : "";
                ju_wb_str_free(sh, row, c++, t, F->wrap);
                int l = ju_wb_lines(t, TEXT_COL - 1);
                if (l > lines)
                    lines = l;
                break;
            }
            default:
                break;
            }
        }
        ju_wb_row_lines(sh, row, lines);
    }
    for (int k = first_q_col; k <= last_col; k++) {
        /* as wide as the data, the sub-header wrapping within 18 */
        double w = sh->width[k] > head_w[k] ? sh->width[k] : head_w[k];
        w = text_col[k] ? TEXT_COL : w < 6 ? 6 : w > 40 ? 40 : w;
        ju_wb_col_width(sh, k, w);
        int l = ju_wb_lines(head_text[k], w - 1);
        if (l > head_lines)
            head_lines = l;
    }
    ju_wb_row_lines(sh, 1, head_lines > 5 ? 5 : head_lines);
    /* a multiple-choice question's title wraps over its columns */
    int title_lines = 1;
    for (int k = first_q_col; k <= last_col; k++)
        if (title_text[k]) {
            double w = 0;
            for (int j = k; j < k + title_span[k]; j++)
                w += sh->fixed[j];
            int l = ju_wb_lines(title_text[k], w - 1);
            if (l > title_lines)
                title_lines = l;
        }
    ju_wb_row_lines(sh, 0, title_lines);
    worksheet_freeze_panes(sh->ws, 2, (lxw_col_t)first_q_col);
    /* printed across pages of whole questions, the respondent's columns on each */
    ju_wb_bands(sh, starts, nstarts, first_q_col);
    worksheet_autofilter(sh->ws, 1, 0, (lxw_row_t)(row > 2 ? row - 1 : 2), (lxw_col_t)last_col);
    ju_wb_nav(sh, toc, WB("back_to_toc"));
    ju_wb_sheet_finish(sh);
}

/* ---------------------------------------------------------------- 集計条件 */

/* respondents in base `bi` of form `fd`, or -1 when no question uses it */
static long base_n(const ju_rform *fd, int bi)
{
    return fd->base_n[bi];
}

/* 集計条件's columns: 票, 母数, 定義, n, 前年度の n, 対象設問 */
static const double cond_w[] = {16, 28, 36, COL_N_YEAR, COL_N_YEAR, 32};
#define COND_COLS 6

/* a cell of 集計条件 that wraps within its column(s) c0…c1, the row made tall
 * enough for it; returns its lines */
static int cond_cell(ju_wb_sheet *sh, int row, int c0, int c1, const char *text, lxw_format *f)
{
    double w = 0;
    for (int c = c0; c <= c1; c++)
        w += cond_w[c];
    ju_wb_merge(sh, row, c0, row, c1, text ? text : "", f);
    return ju_wb_lines(text, w - 1);
}

static int kv(summary *S, ju_wb_sheet *sh, int row, const char *key, const char *value)
{
    int l = cond_cell(sh, row, 0, 0, key, S->b->f.bold_wrap);
    int v = cond_cell(sh, row, 1, COND_COLS - 1, value, S->b->f.wrap);
    ju_wb_row_lines(sh, row, l > v ? l : v);
    return row + 1;
}

static int heading(summary *S, ju_wb_sheet *sh, int row, const char *text)
{
    ju_wb_str_free(sh, row, 0, text, S->b->f.title);
    return row + 1;
}

static void write_conditions(summary *S, const char *toc, const char **sheet_out)
{
    ju_wb_formats *F = &S->b->f;
    const ju_wb_run *run = S->run;
    const ju_survey *sv = run->cur->survey;
    ju_wb_sheet *sh = ju_wb_sheet_add(S->b, WB("conditions"), 0, true);
    *sheet_out = sh->name;
    ju_wb_str_free(sh, 0, 0, WB("conditions"), F->sheet_title);
    ju_wb_nav(sh, toc, WB("back_to_toc"));
    int r = 2;
    r = heading(S, sh, r, WB("heading_survey"));
    r = kv(S, sh, r, WB("survey_title"), sv->title);
    r = kv(S, sh, r, WB("survey_year"),
           WBF(S->a, "survey_year_value", "wareki", S->cur, "year", ju_arena_printf(S->a, "%d", sv->year)));
    const char *period = ju_format_period(S->a, sv->fielding_start, sv->fielding_end);
    if (period)
        r = kv(S, sh, r, WB("fielding"), period);
    if (sv->method && *sv->method)
        r = kv(S, sh, r, WB("method"), sv->method);
    if (sv->publisher && *sv->publisher)
        r = kv(S, sh, r, WB("publisher"),
               WBF(S->a, "publisher_value", "publisher", sv->publisher, "department",
                   sv->department ? sv->department : ""));
    for (size_t i = 0; i < run->cur->nforms; i++)
        r = kv(S, sh, r, i == 0 ? WB("responses") : "", ju_results_response_line(S->a, run->cur, (int)i));
    r = kv(S, sh, r, WB("data"), WBF(S->a, "data_value", "dir", sv->dir, "codebook", run->cur->codebook->dir));
    if ((run->prev != NULL))
        r = kv(S, sh, r, WB("previous"),
               WBF(S->a, "previous_value", "wareki", S->prev, "dir", run->prev->survey->dir));
    r++;

    r = heading(S, sh, r, WB("heading_bases"));
    const char *const bh[] = {WB("col_form"), WB("col_base"),          WB("col_definition"),
                              WB("col_n"),    WB("col_n_previous"),    WB("col_base_questions")};
    for (int c = 0; c < 6; c++)
        ju_wb_str(sh, r, c, bh[c], F->head_left);
    ju_wb_str(sh, r, 3, WBF(S->a, "col_n_year", "wareki", S->cur), F->head_left);
    if ((run->prev != NULL))
        ju_wb_str(sh, r, 4, WBF(S->a, "col_n_year", "wareki", S->prev), F->head_left);
    int bhead = r++;
    const ju_codebook *cb = run->cur->codebook;
    for (size_t fi = 0; fi < cb->nforms; fi++) {
        const ju_form *f = &cb->forms[fi];
        const ju_form *pf = (run->prev != NULL) ? ju_codebook_form(run->prev->codebook, f->id) : NULL;
        for (size_t bi = 0; bi < f->nbases; bi++, r++) {
            const ju_base *b = &f->bases[bi];
            int lines = cond_cell(sh, r, 0, 0, f->label, F->label_wrap);
            int l = cond_cell(sh, r, 1, 1, ju_wb_balance(S->a, b->label, cond_w[1] - 2), F->label_wrap);
            lines = l > lines ? l : lines;
            /* the definition in words, broken between phrases (a spreadsheet breaks anywhere) */
            l = cond_cell(sh, r, 2, 2, ju_wb_balance(S->a, ju_wb_definition(S->a, f, b), cond_w[2] - 2), F->label_wrap);
            lines = l > lines ? l : lines;
            long n = base_n(&run->cur->forms[fi], (int)bi);
            n >= 0 ? ju_wb_num(sh, r, 3, (double)n, F->count) : ju_wb_blank(sh, r, 3, F->count);
            long pn = -1;
            if (pf) {
                int pfi = ju_codebook_form_index(run->prev->codebook, f->id);
                for (size_t pb = 0; pb < pf->nbases; pb++)
                    if (strcmp(pf->bases[pb].id, b->id) == 0)
                        pn = base_n(&run->prev->forms[pfi], (int)pb);
            }
            pn >= 0 ? ju_wb_num(sh, r, 4, (double)pn, F->count) : ju_wb_blank(sh, r, 4, F->count);
            const char *qs = "";
            for (size_t qi = 0; qi < f->nquestions; qi++)
                if (f->questions[qi].base == (int)bi && f->questions[qi].type != JU_QT_CODE &&
                    f->questions[qi].type != JU_QT_NAME)
                {
                    const ju_question *q = &f->questions[qi];
                    const char *id = strpbrk(q->id, "0123456789") ? ju_wb_display_id(S->a, q->id) : q->short_label;
                    qs = *qs ? ju_arena_printf(S->a, "%s, %s", qs, id) : id;
                }
            l = cond_cell(sh, r, 5, 5, qs, F->label_wrap);
            ju_wb_row_lines(sh, r, l > lines ? l : lines);
        }
    }
    worksheet_autofilter(sh->ws, (lxw_row_t)bhead, 0, (lxw_row_t)(r - 1), 5);
    r++;

    r = heading(S, sh, r, WB("heading_segments"));
    for (size_t fi = 0; fi < cb->nforms; fi++) {
        const ju_form *f = &cb->forms[fi];
        if (!f->segment_form)
            continue;
        const ju_form *sf = ju_codebook_form(cb, f->segment_form);
        int sq = sf ? ju_form_question(sf, f->segment_question) : -1;
        const char *how =
            sq >= 0 ? WBF(S->a, sf == f ? "segment_how" : "segment_how_other_form", "form", sf->label, "id",
                          sf->questions[sq].id, "label", sf->questions[sq].label)
                    : f->segment_question;
        r = kv(S, sh, r, f->label, how);
    }
    r = kv(S, sh, r, "", WB("segment_note"));
    r++;

    r = heading(S, sh, r, WB("heading_rules"));
    static const char *const rules[] = {"percent", "multiple", "no_answer", "outside", "stats", "bins"};
    for (size_t i = 0; i < sizeof rules / sizeof *rules; i++)
        r = kv(S, sh, r, WB(ju_arena_printf(S->a, "rule_%s", rules[i])),
               WB(ju_arena_printf(S->a, "rule_%s_text", rules[i])));
    r++;

    r = heading(S, sh, r, WB("heading_problems"));
    const char *const wh[] = {WB("col_where"), WB("col_severity"), WB("col_message")};
    ju_wb_str(sh, r, 0, wh[0], F->head_left);
    ju_wb_str(sh, r, 1, wh[1], F->head_left);
    ju_wb_merge(sh, r, 2, r, COND_COLS - 1, wh[2], F->head_left);
    r++;
    size_t nw = 0;
    for (size_t i = 0; i < S->d->n; i++) {
        const ju_diag *g = &S->d->items[i];
        if (g->severity == JU_SEV_ERROR)
            continue;
        const char *file = g->file ? ju_diag_escaped(S->a, g->file) : NULL;
        const char *where = !file ? "" : g->line > 0 ? ju_arena_printf(S->a, "%s:%d:%d", file, g->line, g->col) : file;
        int lines = cond_cell(sh, r, 0, 0, where, F->label_wrap);
        int l = cond_cell(sh, r, 1, 1, WB(g->severity == JU_SEV_WARNING ? "warning" : "note"), F->label_wrap);
        lines = l > lines ? l : lines;
        l = cond_cell(sh, r, 2, COND_COLS - 1, ju_diag_escaped(S->a, g->message), F->label_wrap);
        ju_wb_row_lines(sh, r, l > lines ? l : lines);
        r++;
        nw++;
    }
    if (!nw)
        ju_wb_str_free(sh, r++, 0, WB("no_problems"), F->text);
    for (int c = 0; c < COND_COLS; c++)
        ju_wb_col_width(sh, c, cond_w[c]);
    ju_wb_sheet_finish(sh);
}

/* ---------------------------------------------------------------- 目次 */

static void write_toc_entries(summary *S, ju_wb_sheet *toc, ju_wb_layout *L, const char **extra, const char **extra_what,
                              size_t nextra)
{
    ju_wb_formats *F = &S->b->f;
    const ju_wb_run *run = S->run;
    const ju_survey *sv = run->cur->survey;
    ju_wb_str_free(toc, 0, 0, WBF(S->a, "book_title", "wareki", S->cur, "title", sv->title ? sv->title : ""),
                   F->sheet_title);
    const char *resp = "";
    for (size_t i = 0; i < run->cur->nforms; i++)
        resp = ju_arena_printf(S->a, "%s%s%s", resp, i ? ju_lex("labels", "list_separator") : "",
                               ju_results_response_line(S->a, run->cur, (int)i));
    const char *period = ju_format_period(S->a, sv->fielding_start, sv->fielding_end);
    const char *when = period ? WBF(S->a, "toc_fielding", "period", period) : "";
    ju_wb_str_free(toc, 1, 0,
                   WBF(S->a, "toc_line", "publisher", sv->publisher ? sv->publisher : "", "department",
                       sv->department ? sv->department : "", "fielding", when, "responses", resp),
                   F->note);
    ju_wb_str_free(toc, 2, 0, WB("toc_note"), F->note);
    const char *const head[] = {WB("col_no"),       WB("col_sheet"), WB("col_question_id"), WB("col_question"),
                                WB("col_type"),     WB("col_base"),  WB("col_n"),           WB("col_n_previous")};
    int hr = 4;
    int ncols = (run->prev != NULL) ? 8 : 7;
    for (int c = 0; c < ncols; c++)
        ju_wb_str(toc, hr, c, head[c], F->head_left);
    ju_wb_str(toc, hr, 6, WBF(S->a, "col_n_year", "wareki", S->cur), F->head_left);
    if ((run->prev != NULL))
        ju_wb_str(toc, hr, 7, WBF(S->a, "col_n_year", "wareki", S->prev), F->head_left);
    int r = hr + 1, no = 1;
    const ju_codebook *cb = run->cur->codebook;
    for (size_t s = 0; s < L->n; s++) {
        for (size_t i = 0; i < L->sections[s].n; i++) {
            const ju_wb_item *it = &L->sections[s].items[i];
            if (!it->sheet)
                continue;
            const ju_form *f = &cb->forms[it->form];
            const ju_question *q = &f->questions[it->question];
            ju_wb_num(toc, r, 0, no++, F->count);
            ju_wb_link(toc, r, 1, it->sheet, 0, 0, it->sheet);
            /* the link on the question's number: LibreOffice does not wrap a link */
            ju_wb_link(toc, r, 2, it->sheet, it->row, 0, ju_wb_display_id(S->a, q->id));
            ju_wb_merge(toc, r, 3, r, 3, q->label, F->label_wrap);
            ju_wb_row_lines(toc, r, ju_wb_lines(q->label, TOC_QUESTION - 1));
            ju_wb_str(toc, r, 4, ju_wb_type_label(q->type), F->label);
            ju_wb_str(toc, r, 5, f->bases[q->base].label, F->label);
            long n = base_n(&run->cur->forms[it->form], q->base);
            n >= 0 ? ju_wb_num(toc, r, 6, (double)n, F->count) : ju_wb_blank(toc, r, 6, F->count);
            if ((run->prev != NULL)) {
                const ju_table *p = ju_wb_is_tabulated(q->type) ? ju_wb_find(&run->prev->tables, f->id, q->id, -1)
                                                                 : NULL;
                p ? ju_wb_num(toc, r, 7, (double)p->base_n, F->count) : ju_wb_blank(toc, r, 7, F->count);
            }
            r++;
        }
    }
    worksheet_autofilter(toc->ws, (lxw_row_t)hr, 0, (lxw_row_t)(r > hr + 1 ? r - 1 : hr + 1), (lxw_col_t)(ncols - 1));
    r++;
    ju_wb_str_free(toc, r++, 0, WB("other_sheets"), F->title);
    for (size_t i = 0; i < nextra; i++, r++) {
        ju_wb_link(toc, r, 1, extra[i], 0, 0, extra[i]);
        ju_wb_str_free(toc, r, 3, extra_what[i], F->text);
    }
    worksheet_freeze_panes(toc->ws, (lxw_row_t)(hr + 1), 0);
    ju_wb_col_width(toc, 0, 5);
    ju_wb_col_width(toc, 3, TOC_QUESTION);
    ju_wb_col_width(toc, 4, 9);
    ju_wb_col_width(toc, 6, COL_N_YEAR);
    ju_wb_col_width(toc, 7, COL_N_YEAR);
    ju_wb_sheet_finish(toc);
}

ju_status ju_wb_write_summary(ju_arena *a, ju_diags *d, const ju_wb_run *run, ju_wb_layout *layout, const char *path)
{
    ju_wb_book book;
    summary S = {a, d, run, &book, ju_wareki(a, run->cur->survey->year),
                 (run->prev != NULL) ? ju_wareki(a, run->prev->survey->year) : ""};
    const char *title =
        WBF(a, "book_title", "wareki", S.cur, "title", run->cur->survey->title ? run->cur->survey->title : "");
    if (!ju_wb_book_open(&book, a, d, run, path, title, WB("book_subject")))
        return JU_ERR_IO;
    ju_wb_sheet *toc = ju_wb_sheet_add(&book, WB("toc"), 5, true);
    for (size_t s = 0; s < layout->n; s++)
        if (layout->sections[s].n > 0)
            write_section(&S, &layout->sections[s], toc->name);
    size_t nforms = run->cur->nforms;
    const char **extra = ju_arena_array(a, nforms + 1, sizeof *extra);
    const char **what = ju_arena_array(a, nforms + 1, sizeof *what);
    for (size_t fi = 0; fi < nforms; fi++) {
        write_responses(&S, fi, toc->name, &extra[fi]);
        what[fi] = WBF(a, "responses_what", "form", run->cur->forms[fi].form->label, "respondent",
                       run->cur->forms[fi].form->respondent);
    }
    write_conditions(&S, toc->name, &extra[nforms]);
    what[nforms] = WB("conditions_what");
    write_toc_entries(&S, toc, layout, extra, what, nforms + 1);
    worksheet_activate(toc->ws);
    return ju_wb_book_close(&book);
}
