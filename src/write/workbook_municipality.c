/* workbook_municipality.c — one workbook per municipality: its own answers
 * (and its council's) question by question, beside the Tokyo totals and
 * the figures of its segment; for counts, where it stands. See workbook.h.
 *
 * Sheets: 概要 (who, how to read), then one sheet per form in codebook
 * order. A block per question: the categories in rows; the municipality's
 * answer (○, this year and the previous one) next to the counts and
 * percents of 都内全体 and of its 区分, with a chart of the two. Each
 * block's cells are named T_<form>_<question>. */
#include <string.h>

#include "workbook_int.h"

#define COL_DATA 10.0
#define CHART_WIDTH 440
#define COVER_TEXT 100.0 /* width of 概要's second column: the title runs over it, long values wrap */
#define TOKYO WB("municipal_all")
#define MARK WB("mark")

typedef struct {
    ju_arena *a;
    ju_diags *d;
    const ju_wb_run *run;
    ju_wb_book *b;
    int m;
    const char *name; /* 千代田区 */
    const char *cur, *prev;
    long long segment; /* the municipality's segment, -1 if none */
} muni;

typedef struct {
    const ju_table *t;
    const char *label;
} group;

/* ---------------------------------------------------------------- answers */

/* the category codes of the tables an answer falls in ("1", "Q6_1", bin
 * lower bounds, "nc", "NA"); none when the respondent is outside the base */
static size_t answer_codes(const ju_results *res, int fi, const ju_question *q, const ju_rrow *r, int qi,
                           const char **codes)
{
    if (!r || r->values[qi].state == JU_RV_OUTSIDE)
        return 0;
    const ju_rvalue *v = &r->values[qi];
    const char *category = ju_results_category(res, fi, qi, v);
    if (category) {
        codes[0] = category;
        return 1;
    }
    size_t n = 0;
    if (q->type == JU_QT_MULTI && v->state == JU_RV_VALUE)
        for (size_t k = 0; k < q->nchoices; k++)
            if (v->chosen >> k & 1u)
                codes[n++] = q->choices[k].code;
    return n;
}

static bool has_code(const char **codes, size_t n, const char *code)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(codes[i], code) == 0)
            return true;
    return false;
}

/* what to write in the 母数（n） row of an answer column */
static const char *answer_status(const ju_rrow *r, int qi)
{
    if (!r)
        return WB("no_response");
    return WB(r->values[qi].state != JU_RV_OUTSIDE ? "in_base" : "outside");
}

/* ---------------------------------------------------------------- blocks */

typedef struct {
    const ju_form *f;     /* this year's form */
    int fi;
    const ju_rrow *r;     /* this year's row, or NULL */
    const ju_form *pf;    /* last year's form, or NULL */
    int pfi;
    const ju_rrow *pr;    /* last year's row, or NULL */
} formctx;

static void own_value(muni *M, ju_wb_sheet *sh, int row, int col, const ju_results *res, int fi, const ju_rrow *r,
                      int qi)
{
    ju_wb_formats *F = &M->b->f;
    if (!r || qi < 0) {
        ju_wb_str(sh, row, col, r ? "" : WB("no_response"), F->mark);
        return;
    }
    const ju_rvalue *v = &r->values[qi];
    if (v->state == JU_RV_OUTSIDE)
        ju_wb_str(sh, row, col, WB("outside"), F->mark);
    else if (v->state == JU_RV_VALUE)
        ju_wb_num(sh, row, col, (double)v->value, F->count);
    else
        ju_wb_str(sh, row, col, ju_results_label(res, fi, qi, v), F->mark);
}

/* 順位: where the municipality's value stands in table t (都内全体 or its 区分) */
static void rank_row(muni *M, ju_wb_sheet *sh, int row, const char *label, const formctx *C, int qi,
                     const ju_table *t, int nown, int ncols)
{
    ju_wb_formats *F = &M->b->f;
    const ju_rrow *r = C->r;
    long rank = 0, n = 0;
    bool has = r && r->values[qi].state == JU_RV_VALUE && t && ju_results_rank(t, r->values[qi].value, &rank, &n);
    ju_wb_str(sh, row, 0, has ? WBF(M->a, "rank_of", "label", label, "n", ju_arena_printf(M->a, "%ld", n)) : label,
              F->label);
    has ? ju_wb_num(sh, row, 1, (double)rank, F->count) : ju_wb_blank(sh, row, 1, F->count);
    for (int c = 2; c < ncols; c++)
        ju_wb_blank(sh, row, c, c <= nown ? F->count : F->label);
}

static void stat_row(muni *M, ju_wb_sheet *sh, int row, const char *label, const group *g, size_t ng, int nown,
                     int which)
{
    ju_wb_formats *F = &M->b->f;
    ju_wb_str(sh, row, 0, label, F->label);
    for (int c = 1; c <= nown; c++)
        ju_wb_blank(sh, row, c, F->count);
    for (size_t k = 0; k < ng; k++) {
        const ju_stats *s = &g[k].t->stats;
        int c = 1 + nown + 2 * (int)k;
        bool any = s->answered > 0;
        if (which == 0)
            ju_wb_num(sh, row, c, (double)s->answered, F->count);
        else if (!any)
            ju_wb_blank(sh, row, c, F->count);
        else if (which == 1)
            ju_wb_num(sh, row, c, (double)s->sum, F->count);
        else if (which == 2)
            ju_wb_num(sh, row, c, (double)s->mean10 / 10.0, F->dec1);
        else if (which == 3)
            ju_wb_num(sh, row, c, (double)s->median10 / 10.0, F->general);
        else if (which == 4)
            ju_wb_num(sh, row, c, (double)s->min, F->count);
        else
            ju_wb_num(sh, row, c, (double)s->max, F->count);
        ju_wb_blank(sh, row, c + 1, F->label);
    }
}

/* 都内全体 in the style's first colour, the 区分 in its second; 無回答 and
 * カウントしていない in their greys */
static void block_chart(muni *M, ju_wb_sheet *sh, const ju_question *q, int first, int nc, int nown,
                        const group *g, size_t ng, const ju_table *all, int row, int col, int *height)
{
    lxw_chart *c = workbook_add_chart(M->b->wb, LXW_CHART_BAR);
    const ju_chartstyle *st = M->b->style;
    const char **codes = ju_arena_array(M->a, (size_t)(nc > 0 ? nc : 1), sizeof *codes);
    for (int k = 0; k < nc && (size_t)k < all->ncells; k++)
        codes[k] = all->cells[k].category;
    for (size_t k = 0; k < ng && k < 2; k++) {
        int pc = 1 + nown + 2 * (int)k + 1;
        unsigned colour = st ? st->palette[k % st->npalette] : 0;
        ju_wb_column_series(c, sh, first, nc, pc, g[k].label, colour, k ? 0.4 : 0, codes);
    }
    chart_set_series_gap(c, 40);
    ju_wb_chart_style(M->b, c, q->short_label, true);
    *height = 80 + nc * (10 + 13 * (int)(ng < 2 ? ng : 2));
    ju_wb_insert_bar_chart(sh, c, row, col, CHART_WIDTH, height, true);
}

/* A tabulated question; returns the first row after the block. */
static int write_block(muni *M, ju_wb_sheet *sh, const formctx *C, int qi, int row, int chart_col, double label_w)
{
    ju_wb_formats *F = &M->b->f;
    const ju_question *q = &C->f->questions[qi];
    const ju_tables *T = &M->run->cur->tables;
    group g[2];
    size_t ng = 0;
    const ju_table *all = ju_wb_find(T, C->f->id, q->id, -1);
    if (!all)
        return row;
    g[ng++] = (group){all, TOKYO};
    long long seg = C->r ? C->r->segment : M->segment;
    const ju_table *st = seg >= 0 ? ju_wb_find(T, C->f->id, q->id, seg) : NULL;
    if (!ju_wb_segment_shown(M->run->cur->codebook, C->fi, q, all, st))
        st = NULL;
    if (st)
        g[ng++] = (group){st, WBF(M->a, "segment_group", "segment",
                                  ju_wb_segment_label(M->a, M->run->cur->codebook, C->fi, seg))};
    int pqi = C->pf ? ju_form_question(C->pf, q->id) : -1;
    bool with_prev = (M->run->prev != NULL) && C->pf && pqi >= 0;
    int nown = with_prev ? 2 : 1;
    int ncols = 1 + nown + 2 * (int)ng;

    ju_wb_str_free(sh, row, 0, ju_wb_qtitle(M->a, q), F->title);
    const char *note = ju_wb_base_text(M->a, C->f, q);
    if (q->type == JU_QT_MULTI)
        note = WBF(M->a, "municipal_note_multiple", "base", note);
    if (C->r && C->r->values[qi].state == JU_RV_OUTSIDE)
        note = WBF(M->a, "municipal_note_outside", "base", note, "name", M->name);
    ju_wb_str_free(sh, row + 1, 0, note, F->note);

    int h0 = row + 2, h1 = row + 3;
    const char *what = WB(q->type == JU_QT_COUNT ? "head_bins" : q->type == JU_QT_YEAR ? "head_years" : "head_choices");
    ju_wb_merge(sh, h0, 0, h1, 0, what, F->head_left);
    ju_wb_merge(sh, h0, 1, h0, nown, WBF(M->a, "answer_of", "name", M->name), F->head);
    const char *own_head[2] = {ju_wb_year_head(M->a, M->run->cur->survey->year, q, "\n"),
                               with_prev ? ju_wb_year_head(M->a, M->run->prev->survey->year, &C->pf->questions[pqi], "\n")
                                         : NULL};
    ju_wb_str_free(sh, h1, 1, own_head[0], F->head);
    if (with_prev)
        ju_wb_str_free(sh, h1, 2, own_head[1], F->head);
    for (size_t k = 0; k < ng; k++) {
        int c = 1 + nown + 2 * (int)k;
        ju_wb_merge(sh, h0, c, h0, c + 1, g[k].label, F->head);
        ju_wb_str_free(sh, h1, c, WB("head_count"), F->head);
        ju_wb_str_free(sh, h1, c + 1, WB("head_percent"), F->head);
    }
    int lines = ju_wb_lines(WBF(M->a, "answer_of", "name", M->name), COL_DATA * nown - 1);
    for (size_t k = 0; k < ng; k++) {
        int l = ju_wb_lines(g[k].label, 2 * COL_DATA - 1);
        if (l > lines)
            lines = l;
    }
    ju_wb_row_lines(sh, h0, lines);
    int own_lines = 1;
    for (int k = 0; k < nown; k++) {
        int l = ju_wb_lines(own_head[k], COL_DATA - 1);
        if (l > own_lines)
            own_lines = l;
    }
    ju_wb_row_lines(sh, h1, own_lines);

    int r = h1 + 1;
    ju_wb_str(sh, r, 0, WB("base_n"), F->label_bold);
    ju_wb_str(sh, r, 1, answer_status(C->r, qi), F->mark);
    if (with_prev)
        ju_wb_str(sh, r, 2, answer_status(C->pr, pqi), F->mark);
    for (size_t k = 0; k < ng; k++) {
        ju_wb_num(sh, r, 1 + nown + 2 * (int)k, (double)g[k].t->base_n, F->count);
        ju_wb_blank(sh, r, 2 + nown + 2 * (int)k, F->label_bold);
    }
    const char *own[JU_MAX_OPTIONS + 2], *pown[JU_MAX_OPTIONS + 2];
    size_t nown_codes = answer_codes(M->run->cur, C->fi, q, C->r, qi, own);
    size_t npown = with_prev ? answer_codes(M->run->prev, C->pfi, &C->pf->questions[pqi], C->pr, pqi, pown) : 0;
    int first = ++r;
    for (size_t i = 0; i < all->ncells; i++, r++) {
        const ju_tcell *cell = &all->cells[i];
        ju_wb_label(sh, r, cell->label, label_w);
        ju_wb_str(sh, r, 1, has_code(own, nown_codes, cell->category) ? MARK : "", F->mark);
        if (with_prev)
            ju_wb_str(sh, r, 2, has_code(pown, npown, cell->category) ? MARK : "", F->mark);
        for (size_t k = 0; k < ng; k++) {
            int c = 1 + nown + 2 * (int)k;
            long n = ju_table_count(g[k].t, cell->category);
            if (n < 0) {
                ju_wb_blank(sh, r, c, F->count);
                ju_wb_blank(sh, r, c + 1, F->pct);
                continue;
            }
            ju_wb_num(sh, r, c, (double)n, F->count);
            ju_wb_pct(sh, r, c + 1, ju_percent10(n, g[k].t->base_n));
        }
    }
    int nc = r - first;
    /* last year's answer in a category this year's table does not have */
    for (size_t i = 0; i < npown; i++)
        if (ju_table_count(all, pown[i]) < 0)
            ju_wb_str_free(sh, first - 1, 2, WBF(M->a, "in_base_code", "code", pown[i]), F->mark);
    if (q->type == JU_QT_COUNT) {
        const char *u = q->unit && *q->unit ? WBF(M->a, "unit", "unit", q->unit) : "";
        ju_wb_str(sh, r, 0, WB("stats"), F->label_bold);
        for (int c = 1; c < ncols; c++)
            ju_wb_blank(sh, r, c, F->label_bold);
        r++;
        ju_wb_str(sh, r, 0, WBF(M->a, "stat_value", "unit", u), F->label);
        own_value(M, sh, r, 1, M->run->cur, C->fi, C->r, qi);
        if (with_prev)
            own_value(M, sh, r, 2, M->run->prev, C->pfi, C->pr, pqi);
        for (int c = 1 + nown; c < ncols; c++)
            ju_wb_blank(sh, r, c, F->label);
        r++;
        stat_row(M, sh, r++, WB("stat_answered"), g, ng, nown, 0);
        stat_row(M, sh, r++, WBF(M->a, "stat_sum", "unit", u), g, ng, nown, 1);
        stat_row(M, sh, r++, WBF(M->a, "stat_mean", "unit", u), g, ng, nown, 2);
        stat_row(M, sh, r++, WBF(M->a, "stat_median", "unit", u), g, ng, nown, 3);
        stat_row(M, sh, r++, WBF(M->a, "stat_min", "unit", u), g, ng, nown, 4);
        stat_row(M, sh, r++, WBF(M->a, "stat_max", "unit", u), g, ng, nown, 5);
        rank_row(M, sh, r++, WB("rank_all"), C, qi, all, nown, ncols);
        if (st)
            rank_row(M, sh, r++, WB("rank_segment"), C, qi, st, nown, ncols);
    }
    int last = r - 1;
    ju_wb_define(M->b, sh->name, h0, 0, last, ncols - 1, "T", C->f->id, q->id);
    int height;
    block_chart(M, sh, q, first, nc, nown, g, ng, all, h0, chart_col, &height);
    int chart_end = h0 + ju_wb_chart_rows(height);
    int end = (chart_end > last ? chart_end : last) + 1;
    ju_wb_block(sh, row, end);
    ju_wb_drawing(sh, chart_col, 8 + CHART_WIDTH);
    return end + 2;
}

/* A text question: the answer as written, this year's and last year's. */
static int write_text(muni *M, ju_wb_sheet *sh, const formctx *C, int qi, int row, int last_col)
{
    ju_wb_formats *F = &M->b->f;
    const ju_question *q = &C->f->questions[qi];
    int pqi = C->pf ? ju_form_question(C->pf, q->id) : -1;
    ju_wb_str_free(sh, row, 0, ju_wb_qtitle(M->a, q), F->title);
    ju_wb_str_free(sh, row + 1, 0, WBF(M->a, "note_text", "base", ju_wb_base_text(M->a, C->f, q)), F->note);
    int r = row + 2;
    double w = COL_DATA * last_col;
    for (int y = 0; y < ((M->run->prev != NULL) && pqi >= 0 ? 2 : 1); y++, r++) {
        const ju_rrow *resp = y ? C->pr : C->r;
        int i = y ? pqi : qi;
        const char *text = !resp                                        ? WB("no_answers")
                           : resp->values[i].state == JU_RV_OUTSIDE     ? WB("outside_text")
                           : resp->values[i].state == JU_RV_VALUE       ? resp->values[i].text
                                                                        : JU_LABEL_NO_ANSWER;
        ju_wb_str(sh, r, 0, WBF(M->a, "answer_of", "name", y ? M->prev : M->cur), F->label_bold);
        ju_wb_merge(sh, r, 1, r, last_col, text, F->wrap_box);
        ju_wb_row_lines(sh, r, ju_wb_lines(text, w - 2));
    }
    ju_wb_define(M->b, sh->name, row + 2, 0, r - 1, last_col, "T", C->f->id, q->id);
    ju_wb_block(sh, row, r);
    return r + 2;
}

static void write_form(muni *M, size_t fi, const char *cover, const char **sheet_out)
{
    ju_wb_formats *F = &M->b->f;
    const ju_wb_run *run = M->run;
    formctx C = {0};
    C.fi = (int)fi;
    C.f = &run->cur->codebook->forms[fi];
    C.r = ju_results_row(run->cur, (int)fi, M->m);
    if ((run->prev != NULL)) {
        int pfi = ju_codebook_form_index(run->prev->codebook, C.f->id);
        if (pfi >= 0) {
            C.pf = &run->prev->codebook->forms[pfi];
            C.pfi = pfi;
            C.pr = ju_results_row(run->prev, pfi, M->m);
        }
    }
    ju_wb_sheet *sh = ju_wb_sheet_add(M->b, C.f->label, 2, true);
    *sheet_out = sh->name;
    ju_wb_str_free(sh, 0, 0, WBF(M->a, "form_title", "name", M->name, "form", C.f->label, "wareki", M->cur),
                   F->sheet_title);
    ju_wb_str_free(sh, 1, 0,
                   C.r ? WBF(M->a, "form_note", "name", M->name, "mark", MARK)
                       : WBF(M->a, "form_note_no_response", "name", M->name, "form", C.f->label),
                   F->note);
    int nown = (run->prev != NULL) && C.pf ? 2 : 1;
    int chart_col = 1 + nown + 4 + 1;
    for (int c = 1; c < chart_col - 1; c++)
        ju_wb_col_width(sh, c, COL_DATA);
    ju_wb_col_width(sh, chart_col - 1, 2);
    /* the first column as wide as the longest label, within reason */
    double label_w = 18;
    for (size_t i = 0; i < run->cur->tables.n; i++) {
        const ju_table *t = &run->cur->tables.tables[i];
        if (t->form != (int)fi || t->segment >= 0)
            continue;
        for (size_t k = 0; k < t->ncells; k++) {
            double w = ju_wb_text_width(t->cells[k].label) + 2;
            if (w > label_w)
                label_w = w;
        }
    }
    if (label_w > 34)
        label_w = 34;
    ju_wb_col_width(sh, 0, label_w);
    int row = 3;
    for (size_t qi = 0; qi < C.f->nquestions; qi++) {
        const ju_question *q = &C.f->questions[qi];
        if (ju_wb_is_tabulated(q->type))
            row = write_block(M, sh, &C, (int)qi, row, chart_col, label_w);
        else if (q->type == JU_QT_TEXT)
            row = write_text(M, sh, &C, (int)qi, row, chart_col - 2);
    }
    ju_wb_nav(sh, cover, WB("back_to_cover"));
    worksheet_freeze_panes(sh->ws, 2, 0);
    ju_wb_sheet_finish(sh);
}

/* ---------------------------------------------------------------- 概要 */

/* a line of 概要: the key, then its value wrapping in the wide column */
static int kv(muni *M, ju_wb_sheet *sh, int row, const char *key, const char *value)
{
    ju_wb_str(sh, row, 0, key, M->b->f.bold);
    ju_wb_merge(sh, row, 1, row, 1, value ? value : "", M->b->f.wrap);
    ju_wb_row_lines(sh, row, ju_wb_lines(value, COVER_TEXT - 1));
    return row + 1;
}

ju_status ju_wb_write_municipality(ju_arena *a, ju_diags *d, const ju_wb_run *run, int m, const char *path)
{
    ju_wb_book book;
    const ju_municipality *mu = &run->cur->master->items[m];
    muni M = {a, d, run, &book, m, mu->name, ju_wareki(a, run->cur->survey->year),
              (run->prev != NULL) ? ju_wareki(a, run->prev->survey->year) : "", -1};
    int seg_form = -1;
    for (size_t fi = 0; fi < run->cur->nforms && M.segment < 0; fi++) {
        const ju_rrow *r = ju_results_row(run->cur, (int)fi, m);
        if (r && r->segment >= 0) {
            M.segment = r->segment;
            seg_form = (int)fi;
        }
    }
    const ju_survey *sv = run->cur->survey;
    const char *title =
        WBF(a, "municipal_book_title", "name", mu->name, "wareki", M.cur, "title", sv->title ? sv->title : "");
    if (!ju_wb_book_open(&book, a, d, run, path, title, mu->name))
        return JU_ERR_IO;
    ju_wb_formats *F = &book.f;
    ju_wb_sheet *cover = ju_wb_sheet_add(&book, WB("cover"), 0, true);
    size_t nforms = run->cur->nforms;
    const char **sheets = ju_arena_array(a, nforms + 1, sizeof *sheets);
    for (size_t fi = 0; fi < nforms; fi++)
        write_form(&M, fi, cover->name, &sheets[fi]);

    ju_wb_str_free(cover, 0, 0,
                   WBF(a, "cover_title", "name", mu->name, "wareki", M.cur, "title", sv->title ? sv->title : ""),
                   F->sheet_title);
    ju_wb_str_free(cover, 1, 0, WB("cover_note"), F->note);
    int r = 3;
    r = kv(&M, cover, r, WB("col_code"), mu->code);
    r = kv(&M, cover, r, WB("col_name"), mu->name);
    if (M.segment >= 0)
        r = kv(&M, cover, r, WB("col_segment"), ju_wb_segment_label(a, run->cur->codebook, seg_form, M.segment));
    for (size_t fi = 0; fi < nforms; fi++) {
        r = kv(&M, cover, r, run->cur->forms[fi].form->label,
               WB(ju_results_row(run->cur, (int)fi, m) ? "responded" : "no_response"));
    }
    const char *period = ju_format_period(a, sv->fielding_start, sv->fielding_end);
    if (period)
        r = kv(&M, cover, r, WB("fielding"), period);
    if (sv->publisher && *sv->publisher)
        r = kv(&M, cover, r, WB("publisher"),
               WBF(a, "publisher_value", "publisher", sv->publisher, "department",
                   sv->department ? sv->department : ""));
    r++;
    ju_wb_str_free(cover, r++, 0, WB("sheets"), F->title);
    for (size_t fi = 0; fi < nforms; fi++, r++) {
        ju_wb_link(cover, r, 0, sheets[fi], 0, 0, sheets[fi]);
        ju_wb_str_free(cover, r, 1, WBF(a, "sheet_what", "form", run->cur->forms[fi].form->label), F->text);
    }
    r++;
    ju_wb_str_free(cover, r++, 0, WB("how_to_read"), F->title);
    const char *seg_label =
        M.segment >= 0 ? ju_wb_segment_label(a, run->cur->codebook, seg_form, M.segment) : WB("no_segment");
    r = kv(&M, cover, r, MARK,
           WBF(a, "read_mark", "name", mu->name, "previous", (run->prev != NULL) ? M.prev : WB("when_previous")));
    r = kv(&M, cover, r, TOKYO, WB("read_all"));
    r = kv(&M, cover, r, WB("col_segment"), WBF(a, "read_segment", "segment", seg_label, "name", mu->name));
    r = kv(&M, cover, r, WB("head_percent"), WB("read_percent"));
    r = kv(&M, cover, r, WB("rank"), WB("read_rank"));
    r = kv(&M, cover, r, WB("outside"), WB("read_outside"));
    ju_wb_col_width(cover, 0, 16);
    ju_wb_col_width(cover, 1, COVER_TEXT);
    ju_wb_sheet_finish(cover);
    worksheet_activate(cover->ws);
    return ju_wb_book_close(&book);
}
