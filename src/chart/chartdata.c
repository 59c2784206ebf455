/* chartdata.c — chart specs resolved against the tables; see chartdata.h. */
#include "chartdata.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "format.h"
#include "text.h"

/* --- helpers -------------------------------------------------------------- */

typedef struct {
    ju_arena *a;
    ju_diags *d;
    const ju_chartlist *list;
    const ju_chartspec *spec;
    const ju_chartinput *in;
    size_t before; /* the run's errors before this chart: more after means it failed */
} builder;

static bool failed(const builder *B)
{
    return B->d->errors > B->before;
}

static void fail(builder *B, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void fail(builder *B, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const char *msg = ju_arena_vprintf(B->a, fmt, ap);
    va_end(ap);
    ju_diag_add(B->d, JU_SEV_ERROR, B->list->path, B->spec->line, 0, "[%s] %s", B->spec->id, msg);
}

/* splits "a; b ;c" into trimmed parts */
static char **split_list(ju_arena *a, const char *s, size_t *n)
{
    *n = 0;
    if (!s || !*s)
        return NULL;
    size_t cap = 0;
    char **out = NULL;
    const char *p = s;
    for (;;) {
        const char *semi = strchr(p, ';');
        char *part = ju_trim(a, semi ? ju_arena_strndup(a, p, (size_t)(semi - p)) : p);
        JU_PUSH(a, out, *n, cap, part);
        if (!semi)
            break;
        p = semi + 1;
    }
    return out;
}

static const ju_form *form_of(const ju_results *t, const char *id)
{
    return ju_codebook_form(t->codebook, id);
}

static const ju_question *question_of(builder *B, const ju_results *t, const char *qid)
{
    const ju_form *f = form_of(t, B->spec->form);
    int qi = f ? ju_form_question(f, qid) : -1;
    if (qi < 0) {
        fail(B, "question %s is not in the codebook", qid);
        return NULL;
    }
    return &f->questions[qi];
}

static const ju_base *base_of(const ju_results *t, const char *form, const ju_question *q)
{
    return &form_of(t, form)->bases[q->base];
}

/* the table of `segment`, where "Q1=2+Q1=3" adds segments up; false (not an
 * error) when no respondent of the base is in the segment */
static bool table_sum(builder *B, const ju_results *t, const char *qid, const char *segment, ju_table *out)
{
    return ju_results_combine(B->a, &t->tables, B->spec->form, qid, segment, out);
}

static unsigned category_color(const ju_chartstyle *st, const ju_tcell *c, size_t index)
{
    if (strcmp(c->category, JU_CAT_NO_ANSWER) == 0)
        return st->no_answer;
    if (strcmp(c->category, JU_CAT_NOT_COUNTED) == 0)
        return st->not_counted;
    return st->palette[index % st->npalette];
}

/* a row from a table of year `year`: every category, percents of the table's base */
static ju_chartrow row_from_table(builder *B, const ju_table *t, const char *label, int year, const char *qid)
{
    ju_chartrow r = {label, t->base_n, ju_arena_array(B->a, t->ncells, sizeof(ju_chartitem)), t->ncells,
                     year, qid, t->segment_name};
    for (size_t k = 0; k < t->ncells; k++) {
        const ju_tcell *c = &t->cells[k];
        bool muted = strcmp(c->category, JU_CAT_NO_ANSWER) == 0 || strcmp(c->category, JU_CAT_NOT_COUNTED) == 0;
        r.items[k] = (ju_chartitem){c->category, c->label, c->count, ju_percent10(c->count, t->base_n),
                                    category_color(&B->list->style, c, k), muted, NULL};
    }
    return r;
}

static void drop_items(ju_chartrow *r, bool (*keep)(const ju_chartitem *))
{
    size_t o = 0;
    for (size_t k = 0; k < r->n; k++)
        if (keep(&r->items[k]))
            r->items[o++] = r->items[k];
    r->n = o;
}

static bool nonzero(const ju_chartitem *it)
{
    return it->count > 0;
}

static bool not_empty_na(const ju_chartitem *it)
{
    return it->count > 0 || strcmp(it->category, JU_CAT_NO_ANSWER) != 0;
}

static const char *default_caption(builder *B, const ju_results *t, const ju_question *q, long base, bool with_n)
{
    const ju_base *b = base_of(t, B->spec->form, q);
    return ju_format_base(B->a, with_n ? base : -1, b->label, q->type == JU_QT_MULTI);
}

/* --- kinds ---------------------------------------------------------------- */

static void build_single(builder *B, const ju_results *t, const ju_question *q, ju_chartdata *out)
{
    ju_table tab;
    if (!table_sum(B, t, q->id, B->spec->segment, &tab)) {
        fail(B, "no table for segment %s", B->spec->segment);
        return;
    }
    ju_chartrow r = row_from_table(B, &tab, NULL, t->year, q->id);
    const ju_chartspec *s = B->spec;
    out->caption = default_caption(B, t, q, tab.base_n, true);
    if (s->kind == JU_CHART_PIE) {
        if (s->center) {
            for (size_t k = 0; k < r.n; k++)
                if (strcmp(r.items[k].category, s->center) == 0) {
                    out->center_text = ju_format_percent(B->a, r.items[k].pct10);
                    out->center_label = r.items[k].label;
                }
            if (!out->center_text)
                fail(B, "center = %s is not a category of the question", s->center);
        }
        out->legend = ju_arena_array(B->a, r.n, sizeof *out->legend);
        memcpy(out->legend, r.items, r.n * sizeof *r.items);
        out->nlegend = r.n;
        drop_items(&r, nonzero);
    } else if (s->kind == JU_CHART_COLUMNS) {
        /* bins are ordered: one colour, the muted categories apart */
        drop_items(&r, not_empty_na);
        for (size_t k = 0; k < r.n; k++)
            if (!r.items[k].muted)
                r.items[k].color = B->list->style.palette[0];
    } else { /* bars */
        drop_items(&r, not_empty_na);
        for (size_t k = 0; k < r.n; k++)
            if (!r.items[k].muted)
                r.items[k].color = B->list->style.palette[0];
    }
    out->rows = ju_arena_alloc(B->a, sizeof *out->rows);
    out->rows[0] = r;
    out->nrows = 1;
}

static int cmp_share(const void *pa, const void *pb)
{
    const ju_chartitem *a = pa, *b = pb;
    if (a->muted != b->muted)
        return a->muted ? 1 : -1;
    return (a->count < b->count) - (a->count > b->count);
}

static void build_bars(builder *B, const ju_results *t, const ju_question *q, ju_chartdata *out)
{
    build_single(B, t, q, out);
    if (failed(B))
        return;
    const ju_chartspec *s = B->spec;
    ju_chartrow *cur = &out->rows[0];
    bool by_share = !s->sort || strcmp(s->sort, "share") == 0;
    if (s->sort && !by_share && strcmp(s->sort, "codebook") != 0)
        fail(B, "sort = %s: use share or codebook", s->sort);
    /* stable sort by share: insertion keeps codebook order among ties */
    if (by_share)
        for (size_t i = 1; i < cur->n; i++)
            for (size_t j = i; j > 0 && cmp_share(&cur->items[j - 1], &cur->items[j]) > 0; j--) {
                ju_chartitem tmp = cur->items[j];
                cur->items[j] = cur->items[j - 1];
                cur->items[j - 1] = tmp;
            }
    if (!s->compare)
        return;
    if (strcmp(s->compare, "previous") != 0) {
        fail(B, "compare = %s: the only comparison is 'previous'", s->compare);
        return;
    }
    if (!B->in->previous)
        return; /* no previous year: the chart shows this year alone */
    ju_table prev;
    if (!table_sum(B, B->in->previous, q->id, s->segment, &prev))
        return;
    ju_chartrow pr = row_from_table(B, &prev, ju_wareki(B->a, B->in->previous->year), B->in->previous->year, q->id);
    /* align last year's items with this year's order */
    ju_chartrow aligned = {pr.label, pr.base, ju_arena_array(B->a, cur->n, sizeof(ju_chartitem)), cur->n,
                           pr.year, pr.question, pr.segment};
    for (size_t k = 0; k < cur->n; k++) {
        aligned.items[k] = cur->items[k];
        aligned.items[k].count = 0;
        aligned.items[k].pct10 = 0;
        for (size_t j = 0; j < pr.n; j++)
            if (strcmp(pr.items[j].category, cur->items[k].category) == 0)
                aligned.items[k] = pr.items[j];
        if (!aligned.items[k].muted)
            aligned.items[k].color = B->list->style.palette[1 % B->list->style.npalette];
    }
    cur->label = ju_wareki(B->a, B->in->current->year);
    ju_chartrow *rows = ju_arena_array(B->a, 2, sizeof *rows);
    rows[0] = aligned;
    rows[1] = *cur;
    out->rows = rows;
    out->nrows = 2;
    out->nlegend = 2;
    out->legend = ju_arena_array(B->a, 2, sizeof *out->legend);
    out->legend[0] = (ju_chartitem){.label = aligned.label, .color = aligned.items[0].color};
    out->legend[1] = (ju_chartitem){.label = rows[1].label, .color = B->list->style.palette[0]};
    out->caption = ju_arena_printf(B->a, "%s、%s", ju_format_base(B->a, aligned.base, aligned.label, false),
                                   ju_format_base(B->a, rows[1].base, rows[1].label, q->type == JU_QT_MULTI));
}

static void build_stack(builder *B, const ju_results *t, const ju_question *q, ju_chartdata *out)
{
    size_t nrows, nlabels;
    const char *bases = NULL; /* the rows' base labels, each once */
    char **rows = split_list(B->a, B->spec->rows ? B->spec->rows : "all", &nrows);
    char **labels = split_list(B->a, B->spec->row_labels, &nlabels);
    if (nlabels && nlabels != nrows) {
        fail(B, "row_labels has %zu labels but rows has %zu", nlabels, nrows);
        return;
    }
    out->rows = ju_arena_array(B->a, nrows, sizeof *out->rows);
    bool any_na = false;
    for (size_t i = 0; i < nrows; i++) {
        const ju_results *src = t;
        const char *seg = rows[i];
        if (strncmp(seg, "prev:", 5) == 0) {
            src = B->in->previous;
            seg = ju_trim(B->a, seg + 5);
            if (!src)
                continue; /* no previous year: the row is left out */
        }
        ju_table tab;
        if (!table_sum(B, src, q->id, seg, &tab))
            continue; /* nobody of the base is in this segment */
        const char *label = nlabels ? labels[i] : NULL;
        if (!label) {
            if (strcmp(seg, "all") == 0) {
                label = ju_wareki(B->a, src->year);
            } else {
                /* Q1=2: the segmenting question's choice label */
                const ju_form *f = form_of(src, B->spec->form);
                const ju_form *sf = ju_codebook_form(src->codebook, f->segment_form);
                const ju_question *sq = &sf->questions[ju_form_question(sf, f->segment_question)];
                const char *eq = strchr(seg, '=');
                long long code = eq ? atoll(eq + 1) : -1;
                int ci = ju_question_choice(sq, code);
                label = ci >= 0 ? sq->choices[ci].label : seg;
            }
        }
        const ju_question *sq_row = question_of(B, src, q->id);
        if (!sq_row)
            return;
        const char *bl = base_of(src, B->spec->form, sq_row)->label;
        if (!bases)
            bases = bl;
        else if (!strstr(bases, bl))
            bases = ju_arena_printf(B->a, "%s、%s", bases, bl);
        ju_chartrow r = row_from_table(B, &tab, ju_fill_year(B->a, label, t->year), src->year, q->id);
        for (size_t k = 0; k < r.n; k++)
            any_na = any_na || (r.items[k].muted && r.items[k].count > 0);
        out->rows[out->nrows++] = r;
    }
    if (out->nrows == 0) {
        fail(B, "none of the rows has data");
        return;
    }
    /* legend: the categories, 無回答 only where present */
    ju_chartrow *r0 = &out->rows[0];
    out->legend = ju_arena_array(B->a, r0->n, sizeof *out->legend);
    for (size_t k = 0; k < r0->n; k++)
        if (!r0->items[k].muted || any_na)
            out->legend[out->nlegend++] = r0->items[k];
    out->caption = ju_format_base(B->a, -1, bases, q->type == JU_QT_MULTI);
}

static void build_adoption(builder *B, const ju_results *t, const ju_question *q, ju_chartdata *out)
{
    if (q->type != JU_QT_YEAR) {
        fail(B, "an adoption chart needs a year question, not %s", q->id);
        return;
    }
    const ju_table *tab = ju_tables_find(&t->tables, B->spec->form, q->id, "all");
    if (!tab) {
        fail(B, "no table for %s", q->id);
        return;
    }
    const ju_chartstyle *st = &B->list->style;
    size_t ny = q->nchoices;
    out->rows = ju_arena_array(B->a, ny + 1, sizeof *out->rows);
    /* the table's cells are the fiscal years in order: each year's bodies
     * are those that started by then */
    const long *upto = ju_results_running(B->a, tab, ny);
    for (size_t k = 0; k < ny; k++) {
        long before = k ? upto[k - 1] : 0;
        ju_chartrow r = {ju_wareki(B->a, q->choices[k].value), upto[k], ju_arena_array(B->a, 2, sizeof(ju_chartitem)), 2,
                         t->year, q->id, "all"};
        r.items[0] = (ju_chartitem){"continuing", "前年度から実施", before, -1, st->palette[0], false, NULL};
        r.items[1] = (ju_chartitem){"new", "新規実施", upto[k] - before, -1, st->palette[1 % st->npalette], false, NULL};
        out->rows[out->nrows++] = r;
    }
    out->legend = ju_arena_array(B->a, 3, sizeof *out->legend);
    out->legend[0] = out->rows[0].items[0];
    out->legend[1] = out->rows[0].items[1];
    out->nlegend = 2;
    /* status = Q1:2 — the bodies preparing, beside the last year */
    if (B->spec->status) {
        const char *colon = strchr(B->spec->status, ':');
        if (!colon) {
            fail(B, "status = %s: write QUESTION:CODE (e.g. Q1:2)", B->spec->status);
            return;
        }
        char *sq = ju_arena_strndup(B->a, B->spec->status, (size_t)(colon - B->spec->status));
        const ju_table *st_tab = ju_tables_find(&t->tables, B->spec->form, sq, "all");
        const ju_question *sqq = question_of(B, t, sq);
        if (!st_tab || !sqq)
            return;
        int ci = ju_question_choice(sqq, atoll(colon + 1));
        if (ci < 0) {
            fail(B, "status code %s is not a choice", colon + 1);
            return;
        }
        long prep = ju_table_count(st_tab, sqq->choices[ci].code);
        size_t nl;
        char **labels = split_list(B->a, B->spec->row_labels, &nl);
        const char *label = ju_fill_year(B->a, nl ? labels[0] : sqq->choices[ci].label, t->year);
        ju_chartrow r = {label, prep, ju_arena_array(B->a, 1, sizeof(ju_chartitem)), 1, t->year, sqq->id, "all"};
        r.items[0] = (ju_chartitem){sqq->choices[ci].code, label, prep, -1, st->palette[2 % st->npalette], false, NULL};
        out->rows[out->nrows++] = r;
        out->legend[out->nlegend++] = r.items[0];
    }
    out->caption = ju_arena_printf(B->a, "各年度に実施している自治体数（%sの回答による）", ju_wareki(B->a, t->year));
}

static const char *short_name(ju_arena *a, const char *name)
{
    /* 千代田区 → 千代田, but 北区 stays: keep at least two characters */
    size_t n = strlen(name);
    if (n > 6 && (strcmp(name + n - 3, "区") == 0 || strcmp(name + n - 3, "市") == 0 ||
                  strcmp(name + n - 3, "町") == 0 || strcmp(name + n - 3, "村") == 0))
        return ju_arena_strndup(a, name, n - 3);
    return name;
}

static void build_tilemap(builder *B, const ju_results *t, const ju_question *q, ju_chartdata *out)
{
    const ju_chartinput *in = B->in;
    const ju_chartstyle *st = &B->list->style;
    const ju_master *master = t->master;
    const ju_form *f = form_of(t, B->spec->form);
    int fi = ju_codebook_form_index(t->codebook, B->spec->form);
    int qi = ju_form_question(f, q->id);
    /* categories: each choice of the question, then each status choice named */
    const ju_question *sq = NULL;
    char **codes = NULL;
    size_t ncodes = 0;
    if (B->spec->status) {
        const char *colon = strchr(B->spec->status, ':');
        char *sid = colon ? ju_arena_strndup(B->a, B->spec->status, (size_t)(colon - B->spec->status))
                          : ju_arena_strdup(B->a, B->spec->status);
        sq = question_of(B, t, sid);
        if (!sq)
            return;
        if (colon) {
            char *list = ju_arena_strdup(B->a, colon + 1);
            for (char *c = list; *c; c++)
                if (*c == ',')
                    *c = ';';
            codes = split_list(B->a, list, &ncodes);
        }
    }
    size_t ncat = q->nchoices + ncodes + 1;
    out->legend = ju_arena_array(B->a, ncat, sizeof *out->legend);
    for (size_t k = 0; k < q->nchoices; k++) {
        /* an ordered ramp from the first palette colour to a light tint */
        double tt = q->nchoices > 1 ? (double)k / (double)(q->nchoices - 1) * 0.62 : 0;
        unsigned c0 = st->palette[0];
        unsigned rch = (unsigned)(((c0 >> 16) & 255) + (255 - ((c0 >> 16) & 255)) * tt);
        unsigned gch = (unsigned)(((c0 >> 8) & 255) + (255 - ((c0 >> 8) & 255)) * tt);
        unsigned bch = (unsigned)((c0 & 255) + (255 - (c0 & 255)) * tt);
        out->legend[out->nlegend++] = (ju_chartitem){q->choices[k].code, q->choices[k].label, 0, -1,
                                                     rch << 16 | gch << 8 | bch, false, NULL, q->id};
    }
    for (size_t k = 0; k < ncodes; k++) {
        int ci = ju_question_choice(sq, atoll(codes[k]));
        if (ci < 0) {
            fail(B, "status code %s is not a choice", codes[k]);
            return;
        }
        unsigned color = k == 0 ? st->palette[1 % st->npalette] : 0xEFEFEF;
        out->legend[out->nlegend++] =
            (ju_chartitem){sq->choices[ci].code, sq->choices[ci].label, 0, -1, color, false, NULL, sq->id};
    }
    out->legend[out->nlegend++] = (ju_chartitem){JU_CAT_NO_ANSWER, "回答なし・無回答", 0, -1, 0xFFFFFF, true, NULL, q->id};

    /* the grid positions */
    ju_csv grid;
    if (ju_csv_read(B->a, B->d, in->tilemap_path, &grid) != JU_OK)
        return;
    static const char *const cols[] = {"code", "col", "row", NULL};
    int ix[3];
    if (!ju_csv_require(B->d, &grid, cols, ix))
        return;
    int sqi = sq ? ju_form_question(f, sq->id) : -1;
    out->tiles = ju_arena_array(B->a, grid.nrows, sizeof *out->tiles);
    for (size_t r = 1; r < grid.nrows; r++) {
        const char *code = ju_trim(B->a, ju_csv_get(&grid, r, ix[0]));
        int m = ju_master_find(master, code);
        if (m < 0) {
            int line, col;
            ju_csv_cell_pos(&grid, r, 0, &line, &col);
            ju_diag_add(B->d, JU_SEV_ERROR, in->tilemap_path, line, col, "%s is not in the master list", code);
            continue;
        }
        ju_tile tile = {master->items[m].code, short_name(B->a, master->items[m].name), master->items[m].name,
                        atoi(ju_csv_get(&grid, r, ix[1])), atoi(ju_csv_get(&grid, r, ix[2])),
                        strcmp(master->items[m].area, "島しょ") == 0, (int)ncat - 1};
        /* the municipality's own answer: a choice of the question, else a status it was given */
        const ju_rrow *row = ju_results_row(t, fi, m);
        if (row) {
            const ju_rvalue *v = &row->values[qi];
            if (v->state == JU_RV_VALUE) {
                int ci = ju_question_choice(q, v->value);
                if (ci >= 0)
                    tile.category = ci;
            } else if (sqi >= 0 && row->values[sqi].state == JU_RV_VALUE) {
                for (size_t k = 0; k < ncodes; k++)
                    if (atoll(codes[k]) == row->values[sqi].value)
                        tile.category = (int)(q->nchoices + k);
            }
        }
        out->legend[tile.category].count++;
        out->tiles[out->ntiles++] = tile;
    }
    out->caption = ju_arena_printf(B->a, "都内%zu区市町村（%sの回答による）", out->ntiles, ju_wareki(B->a, t->year));
}

static void build_callout(builder *B, const ju_results *t, ju_chartdata *out)
{
    size_t nv, nl;
    char **vals = split_list(B->a, B->spec->values, &nv);
    char **labels = split_list(B->a, B->spec->row_labels, &nl);
    ju_chartrow r = {NULL, 0, NULL, 0, t->year, NULL, B->spec->segment};
    size_t cap = 0;
    const char *nc_note = NULL;
    const ju_question *first = NULL;
    for (size_t i = 0; i < nv; i++) {
        const char *colon = strchr(vals[i], ':');
        if (!colon) {
            fail(B, "values: '%s' should be QUESTION:sum or QUESTION:top", vals[i]);
            return;
        }
        char *qid = ju_arena_strndup(B->a, vals[i], (size_t)(colon - vals[i]));
        const ju_question *q = question_of(B, t, qid);
        if (!q)
            return;
        if (!first)
            first = q;
        const ju_table *tab = ju_tables_find(&t->tables, B->spec->form, qid, B->spec->segment);
        if (!tab || !tab->has_stats) {
            fail(B, "values: %s is not a count question with statistics", qid);
            return;
        }
        r.base = tab->base_n;
        const char *what = colon + 1;
        if (tab->stats.not_counted > 0)
            nc_note = ju_arena_printf(B->a, "%s%s%s %ld地区", nc_note ? nc_note : "", nc_note ? "、" : "",
                                      nl > i ? labels[i] : q->short_label, tab->stats.not_counted);
        if (strcmp(what, "sum") == 0) {
            ju_chartitem it = {"sum", nl > i ? labels[i] : q->short_label, (long)tab->stats.sum, -1,
                               0, false,
                               ju_arena_printf(B->a, "%s%s", ju_format_count(B->a, tab->stats.sum), q->unit), q->id};
            JU_PUSH(B->a, r.items, r.n, cap, it);
        } else if (strcmp(what, "top") == 0) {
            static const char *const ranks[] = {"最多", "2番目", "3番目", "4番目", "5番目"};
            for (size_t k = 0; k < tab->ntop && k < 5; k++) {
                ju_chartitem it = {ju_arena_printf(B->a, "top%zu", k + 1), ranks[k], (long)tab->top[k].value, -1,
                                   B->list->style.palette[0], false,
                                   ju_arena_printf(B->a, "%s%s", ju_format_count(B->a, tab->top[k].value), q->unit),
                                   q->id};
                JU_PUSH(B->a, r.items, r.n, cap, it);
            }
        } else {
            fail(B, "values: '%s' — use sum or top", vals[i]);
            return;
        }
    }
    /* big numbers in the darkest colour: they must read on white */
    for (size_t k = 0; k < r.n; k++)
        r.items[k].color = B->list->style.palette[0];
    out->rows = ju_arena_alloc(B->a, sizeof *out->rows);
    out->rows[0] = r;
    out->nrows = 1;
    out->caption = default_caption(B, t, first, r.base, true);
    if (!B->spec->note && nc_note)
        out->note = ju_arena_printf(B->a, "%s：%s", JU_LABEL_NOT_COUNTED, nc_note);
}

ju_status ju_chartdata_build(ju_arena *a, ju_diags *d, const ju_chartlist *list, const ju_chartspec *spec,
                             const ju_chartinput *in, ju_chartdata *out)
{
    memset(out, 0, sizeof *out);
    out->spec = spec;
    out->year = in->current->year;
    builder B = {a, d, list, spec, in, d->errors};
    const ju_results *t = in->current;
    const ju_survey *sv = t->survey;
    const ju_question *q = NULL;
    if (spec->question) {
        if (!form_of(t, spec->form)) {
            fail(&B, "form %s is not in the codebook", spec->form);
            return JU_ERR_CONFIG;
        }
        q = question_of(&B, t, spec->question);
        if (!q)
            return JU_ERR_CONFIG;
        out->unit = q->unit;
        out->multiple = q->type == JU_QT_MULTI;
    }
    switch (spec->kind) {
    case JU_CHART_PIE:
    case JU_CHART_COLUMNS: build_single(&B, t, q, out); break;
    case JU_CHART_BARS: build_bars(&B, t, q, out); break;
    case JU_CHART_STACK: build_stack(&B, t, q, out); break;
    case JU_CHART_ADOPTION: build_adoption(&B, t, q, out); break;
    case JU_CHART_TILEMAP: build_tilemap(&B, t, q, out); break;
    case JU_CHART_CALLOUT: build_callout(&B, t, out); break;
    case JU_CHART_KIND_COUNT: return JU_ERR_CONFIG; /* the chart list said so already */
    }
    if (failed(&B))
        return JU_ERR_CONFIG;
    out->title = ju_fill_year(a, spec->title ? spec->title : q ? q->short_label : spec->id, sv->year);
    if (spec->caption)
        out->caption = ju_fill_year(a, spec->caption, sv->year);
    if (spec->note)
        out->note = ju_fill_year(a, spec->note, sv->year);
    const char *src = list->style.source ? list->style.source : "資料：{publisher}「{title}」（{wareki}）";
    src = ju_replace_all(a, src, "{publisher}", sv->publisher ? sv->publisher : "");
    src = ju_replace_all(a, src, "{title}", sv->title ? sv->title : "");
    out->source = ju_fill_year(a, src, sv->year);
    return JU_OK;
}
