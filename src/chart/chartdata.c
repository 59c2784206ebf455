/* chartdata.c — chart specs resolved against the results; see chartdata.h. */
#include "chartdata.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "fill.h"
#include "format.h"
#include "lexicon.h"
#include "text.h"
#include "words.h"

/* --- helpers -------------------------------------------------------------- */

typedef struct {
    ju_arena *a;
    ju_diags *d;
    const ju_chartlist *list;
    const ju_chartspec *spec;
    const ju_chartinput *in;
    size_t before; /* the run's errors before this chart: more after means it failed */
    int form;      /* the chart's form, an index in the codebook */
    ju_facts facts;
} builder;

static bool failed(const builder *B)
{
    return B->d->errors > B->before;
}

/* a message at the entry of `key` (NULL: the section), at `part` of its
 * value when the value holds it (one condition of a list) */
static void say(builder *B, ju_severity sev, const char *key, const char *part, const char *fmt, va_list ap)
    __attribute__((format(printf, 5, 0)));

static void say(builder *B, ju_severity sev, const char *key, const char *part, const char *fmt, va_list ap)
{
    const char *msg = ju_arena_vprintf(B->a, fmt, ap);
    const ju_inientry *e = key ? ju_chartspec_entry(B->spec, key) : NULL;
    int line = e ? e->line : B->spec->section ? B->spec->section->line : 0;
    int col = e ? e->col : B->spec->section ? B->spec->section->col : 0;
    const char *at = e && part && *part ? strstr(e->value, part) : NULL;
    if (at)
        ju_ini_pos(e, (size_t)(at - e->value), &line, &col);
    ju_diag_add(B->d, sev, B->list->path, line, col, _("[%s] %s%s%s"), B->spec->id, key ? key : "", key ? ": " : "",
                msg);
}

static void fail(builder *B, const char *key, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void fail_in(builder *B, const char *key, const char *part, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void warn(builder *B, const char *key, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* an error at the entry of `key` in the chart's section (NULL: the section) */
static void fail(builder *B, const char *key, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say(B, JU_SEV_ERROR, key, NULL, fmt, ap);
    va_end(ap);
}

/* the same, at `part` of the entry's value */
static void fail_in(builder *B, const char *key, const char *part, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say(B, JU_SEV_ERROR, key, part, fmt, ap);
    va_end(ap);
}

/* a warning there: the data, not the template, leave the chart empty */
static void warn(builder *B, const char *key, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say(B, JU_SEV_WARNING, key, NULL, fmt, ap);
    va_end(ap);
}

/* the text of entry `key` with its placeholders filled (as the report's);
 * `fallback` when the chart does not set it; NULL when a placeholder has no
 * value (or is wrong: then an error at its place) */
static const char *text_of(builder *B, const char *key, const char *fallback)
{
    const ju_inientry *e = ju_chartspec_entry(B->spec, key);
    if (!e)
        return fallback;
    ju_textpos pos = {B->list->path, e, ju_arena_printf(B->a, "[%s] %s", B->spec->id, key)};
    return ju_fill(B->a, B->d, &B->facts, &pos);
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

static const ju_form *the_form(const builder *B, const ju_results *t)
{
    return &t->codebook->forms[B->form];
}

/* question `qid` of the chart's form in year `t`; an error at `key` when it
 * is not there */
static const ju_question *question_of(builder *B, const ju_results *t, const char *qid, const char *key)
{
    int fi = ju_codebook_form_index(t->codebook, the_form(B, B->in->current)->id);
    const ju_form *f = fi >= 0 ? &t->codebook->forms[fi] : NULL;
    int qi = f ? ju_form_question(f, qid) : -1;
    if (qi < 0) {
        fail(B, key, _("%s is not a question of form %s in the codebook of %d"), qid,
              the_form(B, B->in->current)->id, t->year);
        return NULL;
    }
    return &f->questions[qi];
}

/* the table of question qid over the respondents meeting `cond`, in year t:
 * 1, 0 when nobody of the base meets it, -1 after an error at `key` */
static int table_of(builder *B, const ju_results *t, const char *qid, const char *cond, const char *key,
                    ju_table *out)
{
    int fi = ju_codebook_form_index(t->codebook, the_form(B, B->in->current)->id);
    if (fi < 0) {
        fail(B, key, _("form %s is not in the codebook of %d"), the_form(B, B->in->current)->id, t->year);
        return -1;
    }
    const char *why = NULL;
    int r = ju_results_table(B->a, t, fi, qid, cond, out, &why);
    if (r < 0)
        fail_in(B, key, cond, "%s", why);
    return r;
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
                                    ju_chartstyle_category(&B->list->style, c->category, k), muted, NULL};
    }
    return r;
}

/* a row of an earlier year, in the categories (and labels) of this year's
 * row `cur`: a renamed choice reads as it does now */
static ju_chartrow aligned_row(builder *B, const ju_chartrow *pr, const ju_chartrow *cur)
{
    ju_chartrow out = *pr;
    out.items = ju_arena_array(B->a, cur->n, sizeof(ju_chartitem));
    out.n = cur->n;
    for (size_t k = 0; k < cur->n; k++) {
        out.items[k] = cur->items[k];
        out.items[k].count = 0;
        out.items[k].pct10 = 0;
        for (size_t j = 0; j < pr->n; j++)
            if (strcmp(pr->items[j].category, cur->items[k].category) == 0) {
                out.items[k].count = pr->items[j].count;
                out.items[k].pct10 = pr->items[j].pct10;
            }
    }
    return out;
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

static const char *default_caption(builder *B, const ju_question *q, long base, bool with_n)
{
    const ju_base *b = &the_form(B, B->in->current)->bases[q->base];
    return ju_format_base(B->a, with_n ? base : -1, b->label, q->type == JU_QT_MULTI);
}

/* status = Q1=2,3: the status question (single choice) and its codes */
static bool status_of(builder *B, const ju_results *t, const ju_question **sq, long long **codes, size_t *ncodes)
{
    const char *why = NULL;
    ju_base b;
    if (!ju_condition_parse(B->a, the_form(B, t), t->codebook->year, B->spec->status, &b, &why)) {
        fail(B, "status", "%s", why);
        return false;
    }
    const ju_cond *c = b.nterms == 1 && b.terms[0].n == 1 ? &b.terms[0].conds[0] : NULL;
    const ju_question *q = c && c->question >= 0 ? &the_form(B, t)->questions[c->question] : NULL;
    if (!q || c->op != JU_COND_IN || c->option >= 0 || q->type != JU_QT_SINGLE) {
        fail(B, "status", _("write a single-choice question and its codes, e.g. Q1=2,3"));
        return false;
    }
    for (size_t i = 0; i < c->nvalues; i++)
        if (ju_question_choice(q, c->values[i]) < 0) {
            fail(B, "status", _("%lld is not a code of %s"), c->values[i], q->id);
            return false;
        }
    *sq = q;
    *codes = c->values;
    *ncodes = c->nvalues;
    return true;
}

/* --- kinds ---------------------------------------------------------------- */

static void build_single(builder *B, const ju_results *t, const ju_question *q, ju_chartdata *out)
{
    ju_table tab;
    int r0 = table_of(B, t, q->id, B->spec->segment, "segment", &tab);
    if (r0 < 0)
        return;
    if (r0 == 0 && strcmp(B->spec->segment, "all") == 0)
        warn(B, "question", _("no respondent is in the base of %s; the chart is drawn with n=0"), q->id);
    else if (r0 == 0)
        warn(B, "segment", _("no respondent is in the base of %s and %s; the chart is drawn with n=0"), q->id,
             B->spec->segment);
    ju_chartrow r = row_from_table(B, &tab, NULL, t->year, q->id);
    const ju_chartspec *s = B->spec;
    out->caption = default_caption(B, q, tab.base_n, true);
    if (s->kind == JU_CHART_PIE) {
        if (s->center) {
            for (size_t k = 0; k < r.n; k++)
                if (strcmp(r.items[k].category, s->center) == 0) {
                    const char *pct = ju_format_percent(B->a, r.items[k].pct10);
                    out->center_text = pct ? pct : ju_lex("labels", "no_percent"); /* n=0 */
                    out->center_label = r.items[k].label;
                }
            if (!out->center_text)
                fail(B, "center", _("%s is not a category of %s"), s->center, q->id);
        }
        out->legend = ju_arena_array(B->a, r.n, sizeof *out->legend);
        memcpy(out->legend, r.items, r.n * sizeof *r.items);
        out->nlegend = r.n;
        drop_items(&r, nonzero);
    } else { /* columns, bars: one colour (bins are ordered), the muted categories apart */
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

/* the tiles of a second status code and more (未実施) */
#define STATUS_GREY 0xDDDDDDu

/* the tint of `c` whose lightness is `l` (tints lighten as t grows) */
static unsigned tint_at(unsigned c, double l)
{
    double lo = 0, hi = 1;
    for (int i = 0; i < 30; i++) {
        double mid = (lo + hi) / 2;
        if (ju_chartstyle_lightness(ju_chartstyle_tint(c, mid)) < l)
            lo = mid;
        else
            hi = mid;
    }
    return ju_chartstyle_tint(c, hi);
}

/* Lightnesses for an ordered ramp of n classes, from `dark` up, each as far
 * from the one before and from every other class's lightness (`others`) as
 * can be had below the white of 無回答: so that the map's classes stay apart
 * printed in grey as well as in colour. */
static void ramp_lightness(double dark, const double *others, size_t nothers, size_t n, double *out)
{
    const double top = 100 - 6; /* the lightest class: a step below white */
    for (double step = 14; step >= 2; step -= 0.25) {
        double v = dark;
        size_t k = 0;
        for (; k < n; k++) {
            if (k)
                v += step;
            for (bool moved = true; moved;) {
                moved = false;
                for (size_t j = 0; j < nothers; j++)
                    if (fabs(v - others[j]) < step) {
                        v = others[j] + step;
                        moved = true;
                    }
            }
            if (v > top)
                break;
            out[k] = v;
        }
        if (k == n)
            return;
    }
    for (size_t k = 0; k < n; k++) /* too many classes to keep apart: even steps */
        out[k] = dark + (top - dark) * (n > 1 ? (double)k / (double)(n - 1) : 0);
}

/* after the choices, in this order: その他 (words.ini [labels] other), then
 * カウントしていない and 無回答 — whatever their shares */
static int rank_last(const ju_chartitem *it)
{
    if (it->muted)
        return 2;
    return it->label && strcmp(it->label, ju_lex("labels", "other")) == 0;
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
        fail(B, "sort", _("%s: use share or codebook"), s->sort);
    /* stable sort by share: insertion keeps codebook order among ties */
    if (by_share)
        for (size_t i = 1; i < cur->n; i++)
            for (size_t j = i; j > 0 && cmp_share(&cur->items[j - 1], &cur->items[j]) > 0; j--) {
                ju_chartitem tmp = cur->items[j];
                cur->items[j] = cur->items[j - 1];
                cur->items[j - 1] = tmp;
            }
    /* その他 and the muted categories last, in either order of sorting */
    for (size_t i = 1; i < cur->n; i++)
        for (size_t j = i; j > 0 && rank_last(&cur->items[j - 1]) > rank_last(&cur->items[j]); j--) {
            ju_chartitem tmp = cur->items[j];
            cur->items[j] = cur->items[j - 1];
            cur->items[j - 1] = tmp;
        }
    if (!s->compare)
        return;
    if (strcmp(s->compare, "previous") != 0) {
        fail(B, "compare", _("%s: the only comparison is 'previous'"), s->compare);
        return;
    }
    const ju_results *prev = B->in->previous;
    if (!prev || !question_of(B, prev, q->id, "question"))
        return; /* no previous year (or it did not ask): the chart shows this year alone */
    ju_table pt;
    if (table_of(B, prev, q->id, s->segment, "segment", &pt) <= 0)
        return;
    ju_chartrow pr = row_from_table(B, &pt, ju_wareki(B->a, prev->year), prev->year, q->id);
    ju_chartrow aligned = aligned_row(B, &pr, cur);
    for (size_t k = 0; k < aligned.n; k++)
        if (!aligned.items[k].muted)
            aligned.items[k].color = ju_chartstyle_previous(&B->list->style);
    cur->label = ju_wareki(B->a, t->year);
    ju_chartrow *rows = ju_arena_array(B->a, 2, sizeof *rows);
    rows[0] = aligned;
    rows[1] = *cur;
    out->rows = rows;
    out->nrows = 2;
    out->nlegend = 2;
    out->legend = ju_arena_array(B->a, 2, sizeof *out->legend);
    out->legend[0] = (ju_chartitem){.label = aligned.label, .color = ju_chartstyle_previous(&B->list->style)};
    out->legend[1] = (ju_chartitem){.label = rows[1].label, .color = B->list->style.palette[0]};
    out->caption = ju_arena_printf(B->a, "%s%s%s", ju_format_base(B->a, aligned.base, aligned.label, false),
                                   ju_lex("labels", "list_separator"),
                                   ju_format_base(B->a, rows[1].base, rows[1].label, q->type == JU_QT_MULTI));
}

/* how a stack row is named when row_labels does not: the year for "all", the
 * choice for a code of the segmenting question, else the condition */
static const char *row_name(builder *B, const ju_results *src, const char *cond)
{
    if (strcmp(cond, "all") == 0)
        return ju_wareki(B->a, src->year);
    const ju_form *f = the_form(B, B->in->current);
    const ju_form *sf = f->segment_form ? ju_codebook_form(src->codebook, f->segment_form) : NULL;
    int sqi = sf ? ju_form_question(sf, f->segment_question) : -1;
    size_t n = sqi >= 0 ? strlen(f->segment_question) : 0;
    if (n && strncmp(cond, f->segment_question, n) == 0 && cond[n] == '=' && !strchr(cond, ',')) {
        const ju_question *sq = &sf->questions[sqi];
        int ci = ju_question_choice(sq, atoll(cond + n + 1));
        if (ci >= 0)
            return sq->choices[ci].label;
    }
    return cond;
}

static void build_stack(builder *B, const ju_results *t, const ju_question *q, ju_chartdata *out)
{
    size_t nrows, nlabels;
    const char *bases = NULL; /* the rows' base labels, each once */
    char **rows = split_list(B->a, B->spec->rows ? B->spec->rows : "all", &nrows);
    const char *filled = text_of(B, "row_labels", NULL);
    char **labels = split_list(B->a, filled, &nlabels);
    if (nlabels && nlabels != nrows) {
        fail(B, "row_labels", _("%zu labels for %zu rows"), nlabels, nrows);
        return;
    }
    out->rows = ju_arena_array(B->a, nrows, sizeof *out->rows);
    const ju_chartrow *now = NULL; /* this year's first row: the categories and their labels */
    bool any_na = false;
    ju_chartrow empty = {0};
    size_t nempty = 0;
    for (size_t i = 0; i < nrows; i++) {
        const ju_results *src = t;
        const char *cond = rows[i];
        if (strncmp(cond, "prev:", 5) == 0) {
            src = B->in->previous;
            cond = ju_trim(B->a, cond + 5);
            if (!src)
                continue; /* no previous year: the row is left out */
        }
        const ju_question *qq = question_of(B, src, q->id, "question");
        if (!qq)
            return;
        ju_table tab;
        int r0 = table_of(B, src, q->id, cond, "rows", &tab);
        if (r0 < 0)
            return;
        if (r0 == 0 && (src != t || nempty++ > 0 || out->nrows > 0))
            continue; /* nobody of the base meets it: left out, unless no row has anybody */
        const char *label = nlabels ? labels[i] : row_name(B, src, cond);
        const char *bl = ju_codebook_form(src->codebook, the_form(B, t)->id)->bases[qq->base].label;
        if (!bases)
            bases = bl;
        else if (!strstr(bases, bl))
            bases = ju_arena_printf(B->a, "%s%s%s", bases, ju_lex("labels", "list_separator"), bl);
        ju_chartrow r = row_from_table(B, &tab, label, src->year, q->id);
        for (size_t k = 0; k < r.n; k++)
            any_na = any_na || (r.items[k].muted && r.items[k].count > 0);
        if (r0 == 0) { /* kept aside: this year's first row, drawn with n=0 if no row has anybody */
            empty = r;
            continue;
        }
        out->rows[out->nrows++] = r;
        if (!now && src == t)
            now = &out->rows[out->nrows - 1];
    }
    if (out->nrows == 0 && nempty > 0) {
        warn(B, "rows", _("no respondent is in any row; the chart is drawn with n=0"));
        out->rows[out->nrows++] = empty;
        now = &out->rows[0];
    } else if (out->nrows == 0) {
        fail(B, "rows", _("none of the rows has data"));
        return;
    }
    /* every row in this year's categories: labels come from the codebook of
     * the year being drawn */
    if (now)
        for (size_t i = 0; i < out->nrows; i++)
            if (out->rows[i].year != t->year)
                out->rows[i] = aligned_row(B, &out->rows[i], now);
    /* legend: the categories, 無回答 only where present */
    const ju_chartrow *r0 = now ? now : &out->rows[0];
    out->legend = ju_arena_array(B->a, r0->n, sizeof *out->legend);
    for (size_t k = 0; k < r0->n; k++)
        if (!r0->items[k].muted || any_na)
            out->legend[out->nlegend++] = r0->items[k];
    out->caption = ju_format_base(B->a, -1, bases, q->type == JU_QT_MULTI);
}

static void build_adoption(builder *B, const ju_results *t, const ju_question *q, ju_chartdata *out)
{
    if (q->type != JU_QT_YEAR) {
        fail(B, "question", _("an adoption chart needs a year question, not %s (%s)"), q->id, ju_qtype_name(q->type));
        return;
    }
    ju_table tab;
    if (table_of(B, t, q->id, "all", "question", &tab) < 0)
        return;
    const ju_chartstyle *st = &B->list->style;
    const ju_words *W = B->in->words;
    size_t ny = q->nchoices;
    out->rows = ju_arena_array(B->a, ny + 1, sizeof *out->rows);
    /* the table's cells are the fiscal years in order: each year's bodies
     * are those that started by then */
    const long *upto = ju_results_running(B->a, &tab, ny);
    for (size_t k = 0; k < ny; k++) {
        long before = k ? upto[k - 1] : 0;
        ju_chartrow r = {ju_wareki(B->a, q->choices[k].value), upto[k], ju_arena_array(B->a, 2, sizeof(ju_chartitem)),
                         2, t->year, q->id, "all"};
        r.items[0] = (ju_chartitem){"continuing", ju_word(W, "charts", "continuing"), before, -1, st->palette[0], false,
                                    NULL};
        r.items[1] = (ju_chartitem){"new", ju_word(W, "charts", "new"), upto[k] - before, -1,
                                    st->palette[1 % st->npalette], false, NULL};
        out->rows[out->nrows++] = r;
    }
    out->legend = ju_arena_array(B->a, 3, sizeof *out->legend);
    out->legend[0] = out->rows[0].items[0];
    out->legend[1] = out->rows[0].items[1];
    out->nlegend = 2;
    /* status = Q1=2: the bodies preparing, beside the last year */
    if (B->spec->status) {
        const ju_question *sq;
        long long *codes;
        size_t ncodes;
        if (!status_of(B, t, &sq, &codes, &ncodes))
            return;
        ju_table stab;
        if (table_of(B, t, sq->id, "all", "status", &stab) < 0)
            return;
        long prep = 0;
        for (size_t i = 0; i < ncodes; i++)
            prep += ju_table_count(&stab, sq->choices[ju_question_choice(sq, codes[i])].code);
        size_t nl;
        char **labels = split_list(B->a, text_of(B, "row_labels", NULL), &nl);
        const char *label = nl ? labels[0] : sq->choices[ju_question_choice(sq, codes[0])].label;
        ju_chartrow r = {label, prep, ju_arena_array(B->a, 1, sizeof(ju_chartitem)), 1, t->year, sq->id, "all"};
        r.items[0] = (ju_chartitem){sq->choices[ju_question_choice(sq, codes[0])].code, label, prep, -1,
                                    st->palette[2 % st->npalette], false, NULL};
        out->rows[out->nrows++] = r;
        out->legend[out->nlegend++] = r.items[0];
    }
    out->caption = ju_fill_year(B->a, ju_word(W, "charts", "adoption_caption"), t->year);
}

/* a tile's name: without the one of [charts] tile_suffixes it ends with
 * (千代田区 → 千代田, 北区 → 北): one rule for every tile */
static const char *short_name(ju_arena *a, const char *name)
{
    size_t n = strlen(name);
    for (const char *w = ju_lex("charts", "tile_suffixes"); *w;) {
        w += strspn(w, " ");
        size_t k = strcspn(w, " ");
        if (k && n > k && strncmp(name + n - k, w, k) == 0)
            return ju_arena_strndup(a, name, n - k);
        w += k;
    }
    return name;
}

static void build_tilemap(builder *B, const ju_results *t, const ju_question *q, ju_chartdata *out)
{
    const ju_chartstyle *st = &B->list->style;
    const ju_master *master = t->master;
    const ju_form *f = the_form(B, t);
    int qi = ju_form_question(f, q->id);
    /* categories: each choice of the question, then each status code named */
    const ju_question *sq = NULL;
    long long *codes = NULL;
    size_t ncodes = 0;
    if (B->spec->status && !status_of(B, t, &sq, &codes, &ncodes))
        return;
    size_t ncat = q->nchoices + ncodes + 1;
    out->legend = ju_arena_array(B->a, ncat, sizeof *out->legend);
    /* the status classes: the second palette colour, then a light grey;
     * 無回答 is white. The choices' ramp keeps its distance from them all. */
    double others[JU_MAX_CHOICES + 2];
    size_t nothers = 0;
    for (size_t k = 0; k < ncodes && nothers < JU_MAX_CHOICES; k++)
        others[nothers++] = ju_chartstyle_lightness(k == 0 ? st->palette[1 % st->npalette] : STATUS_GREY);
    others[nothers++] = 100;
    double *ls = ju_arena_array(B->a, q->nchoices + 1, sizeof *ls);
    ramp_lightness(ju_chartstyle_lightness(st->palette[0]), others, nothers, q->nchoices, ls);
    for (size_t k = 0; k < q->nchoices; k++)
        out->legend[out->nlegend++] = (ju_chartitem){q->choices[k].code, q->choices[k].label, 0, -1,
                                                     k ? tint_at(st->palette[0], ls[k]) : st->palette[0], false,
                                                     NULL, q->id};
    for (size_t k = 0; k < ncodes; k++) {
        int ci = ju_question_choice(sq, codes[k]);
        unsigned color = k == 0 ? st->palette[1 % st->npalette] : STATUS_GREY;
        out->legend[out->nlegend++] =
            (ju_chartitem){sq->choices[ci].code, sq->choices[ci].label, 0, -1, color, false, NULL, sq->id};
    }
    out->legend[out->nlegend++] =
        (ju_chartitem){JU_CAT_NO_ANSWER, ju_word(B->in->words, "charts", "no_answer_tile"), 0, -1, 0xFFFFFF, true,
                       NULL, q->id};

    /* the grid positions: a map of the municipalities of the master list, or
     * (another prefecture's data without one) no map */
    const ju_tilemap *map = &master->map;
    if (!map->present || map->n == 0) {
        if (!map->present)
            ju_diag_add(B->d, JU_SEV_WARNING, map->path, 0, 0,
                        _("[%s]: there is no tile map beside the master list %s; the chart is left out"), B->spec->id,
                        master->path);
        else
            ju_diag_add(B->d, JU_SEV_WARNING, map->path, 0, 0,
                        _("[%s]: the tile map places none of the municipalities of %s; the chart is left out"),
                        B->spec->id, master->path);
        out->left_out = true;
        return;
    }
    int sqi = sq ? ju_form_question(f, sq->id) : -1;
    out->tiles = ju_arena_array(B->a, map->n, sizeof *out->tiles);
    for (size_t r = 0; r < map->n; r++) {
        int m = map->places[r].master;
        ju_tile tile = {master->items[m].code, short_name(B->a, master->items[m].name), master->items[m].name,
                        map->places[r].col, map->places[r].row,
                        strcmp(master->items[m].area, ju_lex("charts", "islands")) == 0, (int)ncat - 1};
        /* the municipality's own answer: a choice of the question, else a status it gave */
        const ju_rrow *row = ju_results_row(t, B->form, m);
        if (row) {
            const ju_rvalue *v = &row->values[qi];
            if (v->state == JU_RV_VALUE) {
                int ci = ju_question_choice(q, v->value);
                if (ci >= 0)
                    tile.category = ci;
                if (ci >= 0 && q->type == JU_QT_YEAR) /* the year on the tile too: not by colour alone */
                    tile.mark = ju_short_year(B->a, v->value);
            } else if (sqi >= 0 && row->values[sqi].state == JU_RV_VALUE) {
                for (size_t k = 0; k < ncodes; k++)
                    if (codes[k] == row->values[sqi].value)
                        tile.category = (int)(q->nchoices + k);
            }
        }
        out->legend[tile.category].count++;
        out->tiles[out->ntiles++] = tile;
    }
    const char *n = ju_arena_printf(B->a, "%zu", out->ntiles);
    out->caption = ju_fill_year(B->a, ju_words_fill(B->a, B->in->words, "charts", "tilemap_caption",
                                                    (const char *const[]){"n", n, NULL}),
                                t->year);
}

static void build_callout(builder *B, const ju_results *t, ju_chartdata *out)
{
    size_t nv, nl;
    char **vals = split_list(B->a, B->spec->values, &nv);
    if (nv == 0) {
        fail(B, "values", _("a callout needs values (e.g. sum:Q23; sum:Q24)"));
        return;
    }
    char **labels = split_list(B->a, text_of(B, "row_labels", NULL), &nl);
    const ju_words *W = B->in->words;
    ju_chartrow r = {NULL, 0, NULL, 0, t->year, NULL, B->spec->segment};
    size_t cap = 0;
    const char *nc_note = NULL;
    const ju_question *first = NULL;
    for (size_t i = 0; i < nv; i++) {
        /* sum:Q23, top:Q21 — as the report's {sum:Q23} and {top:Q21:1} */
        const char *colon = strchr(vals[i], ':');
        const char *what = colon ? ju_arena_strndup(B->a, vals[i], (size_t)(colon - vals[i])) : vals[i];
        if (!colon || (strcmp(what, "sum") != 0 && strcmp(what, "top") != 0)) {
            fail(B, "values", _("'%s': write sum:QUESTION or top:QUESTION"), vals[i]);
            return;
        }
        const char *qid = ju_trim(B->a, colon + 1);
        const ju_question *q = question_of(B, t, qid, "values");
        if (!q)
            return;
        if (!first)
            first = q;
        ju_table tab;
        int r0 = table_of(B, t, qid, B->spec->segment, "segment", &tab);
        if (r0 < 0)
            return;
        if (q->type != JU_QT_COUNT || !tab.has_stats) {
            fail(B, "values", _("%s is not a count question (a total or top values needs counts)"), qid);
            return;
        }
        r.base = tab.base_n;
        if (tab.stats.not_counted > 0) {
            const char *item = ju_words_fill(
                B->a, W, "charts", "not_counted_item",
                (const char *const[]){"label", nl > i ? labels[i] : q->short_label, "n",
                                      ju_arena_printf(B->a, "%ld", tab.stats.not_counted), NULL});
            nc_note = nc_note ? ju_arena_printf(B->a, "%s%s%s", nc_note, ju_lex("labels", "list_separator"), item)
                              : item;
        }
        if (strcmp(what, "sum") == 0) {
            ju_chartitem it = {"sum", nl > i ? labels[i] : q->short_label, (long)tab.stats.sum, -1,
                               0, false,
                               ju_arena_printf(B->a, "%s%s", ju_format_count(B->a, tab.stats.sum), q->unit), q->id};
            JU_PUSH(B->a, r.items, r.n, cap, it);
        } else {
            static const char *const ranks[] = {"rank1", "rank2", "rank3", "rank4", "rank5"};
            for (size_t k = 0; k < tab.ntop && k < sizeof ranks / sizeof *ranks; k++) {
                ju_chartitem it = {ju_arena_printf(B->a, "top%zu", k + 1), ju_word(W, "charts", ranks[k]),
                                   (long)tab.top[k].value, -1,
                                   B->list->style.palette[0], false,
                                   ju_arena_printf(B->a, "%s%s", ju_format_count(B->a, tab.top[k].value), q->unit),
                                   q->id};
                JU_PUSH(B->a, r.items, r.n, cap, it);
            }
        }
    }
    /* big numbers in the darkest colour: they must read on white */
    for (size_t k = 0; k < r.n; k++)
        r.items[k].color = B->list->style.palette[0];
    out->rows = ju_arena_alloc(B->a, sizeof *out->rows);
    out->rows[0] = r;
    out->nrows = 1;
    out->caption = default_caption(B, first, r.base, true);
    if (!B->spec->note && nc_note)
        out->note = ju_words_fill(B->a, W, "charts", "not_counted_note", (const char *const[]){"list", nc_note, NULL});
}

/* labels = Q15_1_3=支援を要する世帯員が複数（高齢・障害・疾病・学習・就労等）: the
 * chart's own wording of a choice (the codebook's label stays the
 * questionnaire's), in its bars, slices and legend alike */
static void relabel(builder *B, const ju_question *q, ju_chartdata *out)
{
    size_t n;
    char **parts = split_list(B->a, B->spec->labels, &n);
    for (size_t i = 0; i < n; i++) {
        char *eq = strchr(parts[i], '=');
        const char *code = eq ? ju_trim(B->a, ju_arena_strndup(B->a, parts[i], (size_t)(eq - parts[i]))) : NULL;
        const char *label = eq ? ju_trim(B->a, eq + 1) : NULL;
        bool known = false;
        for (size_t k = 0; q && code && k < q->nchoices && !known; k++)
            known = strcmp(q->choices[k].code, code) == 0;
        if (!known || !*label) {
            fail(B, "labels", _("'%s': write a choice's code of %s, '=', then its wording; several ';'-separated"),
                 parts[i], q ? q->id : "?");
            continue;
        }
        label = ju_typeset_japanese(B->a, label);
        for (size_t r = 0; r < out->nrows; r++)
            for (size_t k = 0; k < out->rows[r].n; k++)
                if (out->rows[r].items[k].category && strcmp(out->rows[r].items[k].category, code) == 0)
                    out->rows[r].items[k].label = label;
        for (size_t k = 0; k < out->nlegend; k++)
            if (out->legend[k].category && strcmp(out->legend[k].category, code) == 0)
                out->legend[k].label = label;
    }
}

ju_status ju_chartdata_build(ju_arena *a, ju_diags *d, const ju_chartlist *list, const ju_chartspec *spec,
                             const ju_chartinput *in, ju_chartdata *out)
{
    memset(out, 0, sizeof *out);
    out->spec = spec;
    const ju_results *t = in->current;
    out->year = t->year;
    builder B = {a, d, list, spec, in, d->errors, 0, {in->current, in->previous}};
    if (spec->form) {
        B.form = ju_codebook_form_index(t->codebook, spec->form);
        if (B.form < 0) {
            fail(&B, "question", _("form %s is not in the codebook"), spec->form);
            return JU_ERR_CONFIG;
        }
    }
    if (t->codebook->nforms == 0)
        return JU_ERR_CONFIG;
    out->form = t->codebook->forms[B.form].id;
    const ju_question *q = NULL;
    if (spec->question) {
        q = question_of(&B, t, spec->question, "question");
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
    if (spec->labels)
        relabel(&B, q, out);
    if (failed(&B))
        return JU_ERR_CONFIG;
    out->title = text_of(&B, "title", q ? q->short_label : spec->id);
    out->caption = text_of(&B, "caption", out->caption);
    out->note = text_of(&B, "note", out->note);
    out->source = in->source;
    if (failed(&B))
        return JU_ERR_CONFIG;
    if (!out->title)
        out->title = "";
    return JU_OK;
}

const char *ju_chartlist_source(ju_arena *a, ju_diags *d, const ju_chartlist *list, const ju_chartinput *in)
{
    if (!list->source_entry)
        return list->style.source;
    ju_facts facts = {in->current, in->previous};
    ju_textpos pos = {list->path, list->source_entry, "[style] source"};
    const char *s = ju_fill(a, d, &facts, &pos);
    return s ? s : "";
}
