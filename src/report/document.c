/* document.c — the report template resolved against the data; see document.h. */
#include "document.h"
#include "builder.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "strmap.h"
#include "text.h"

void doc_error(builder *B, const ju_inisection *s, const ju_inientry *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = ju_arena_vprintf(B->a, fmt, ap);
    va_end(ap);
    ju_diag_add(B->d, JU_SEV_ERROR, B->spec->path, e->line, e->col, _("[%s] %s: %s"), s->name, e->key, msg);
}

const char *doc_fill(builder *B, const ju_inisection *s, const ju_inientry *e)
{
    ju_textpos pos = {B->spec->path, e, ju_arena_printf(B->a, "[%s] %s", s->name, e->key)};
    const char *v = ju_fill(B->a, B->d, B->facts, &pos);
    return v ? ju_typeset_japanese(B->a, v) : NULL; /* the outputs' one typography: （）, ～ */
}

void doc_add(builder *B, blocks *bl, ju_block b)
{
    JU_PUSH(B->a, bl->items, bl->n, bl->cap, b);
}

/* words of a block value: "Q27 by Q27_cat max 6" */
static char **words(ju_arena *a, const char *s, size_t *n)
{
    char *t = ju_arena_strdup(a, s);
    char **w = NULL;
    size_t cap = 0;
    *n = 0;
    for (char *p = strtok(t, " \t"); p; p = strtok(NULL, " \t"))
        JU_PUSH(a, w, *n, cap, p);
    return w;
}

/* the question `id` of the first form that has it, and that form */
static const ju_question *question_of(builder *B, const ju_rform **fd, const char *id)
{
    const ju_results *R = B->facts->results;
    for (size_t i = 0; i < R->nforms; i++) {
        const ju_rform *f = &R->forms[i];
        int q = ju_form_question(f->form, id);
        if (q >= 0) {
            *fd = f;
            return &f->form->questions[q];
        }
    }
    return NULL;
}

/* --- blocks ------------------------------------------------------------------ */

static void chart_block(builder *B, const ju_inisection *s, const ju_inientry *e, blocks *bl)
{
    size_t n;
    char **w = words(B->a, e->value, &n);
    if (n < 1 || n > 2) {
        doc_error(B, s, e, _("write a chart of %s and, optionally, its height in points"), B->charts->path);
        return;
    }
    size_t which = B->charts->n;
    for (size_t i = 0; i < B->charts->n; i++)
        if (strcmp(B->charts->charts[i].id, w[0]) == 0)
            which = i;
    if (which == B->charts->n) {
        doc_error(B, s, e, _("there is no chart [%s] in %s"), w[0], B->charts->path);
        return;
    }
    long long h = 0;
    if (n == 2 && (ju_parse_int(w[1], &h) != JU_NUM_OK || h < 40 || h > 440)) {
        doc_error(B, s, e, _("'%s' is not a height in points (40 to 440, what a page body holds)"), w[1]);
        return;
    }
    if (!B->built[which])
        return; /* its error is reported with the chart list */
    ju_chartdata *cd = ju_arena_alloc(B->a, sizeof *cd);
    *cd = *B->built[which];
    cd->source = ""; /* the report names its source once, in the footer */
    doc_add(B, bl, (ju_block){.kind = JU_BLK_CHART, .chart = cd, .height = (double)h});
}

/* whether the character at p (inside [start, …)) is ASCII, or p is outside the text */
static bool ascii_at(const char *start, const char *p)
{
    return p < start || !*p || (unsigned char)*p < 0x80;
}

/* the character before p (its first byte), or NULL at the start */
static const char *char_before(const char *start, const char *p)
{
    if (p <= start)
        return NULL;
    do
        p--;
    while (p > start && ((unsigned char)*p & 0xC0) == 0x80);
    return p;
}

/* An answer as the report shows it: set in Japanese where it was typed with
 * ASCII punctuation between Japanese characters — a comma (and the spaces
 * after it) becomes the list separator, brackets beside Japanese text the
 * full-width ones (words.ini [labels] list_separator, [report] paren_open,
 * paren_close). Only the report does this; the workbooks keep answers as
 * typed. */
static char *normalized(ju_arena *a, const char *text)
{
    const char *sep = ju_lex("labels", "list_separator"), *po = ju_lex("report", "paren_open"),
               *pc = ju_lex("report", "paren_close");
    size_t n = strlen(text);
    char *out = ju_arena_alloc(a, n * 4 + 1), *o = out;
    for (const char *p = text; *p;) {
        const char *prev = char_before(text, p);
        bool prev_wide = prev && !ascii_at(text, prev);
        if (*p == ',') {
            const char *q = p + 1;
            while (*q == ' ')
                q++;
            if (prev_wide && *q && !ascii_at(text, q)) {
                o += sprintf(o, "%s", sep);
                p = q;
                continue;
            }
        } else if (*p == '(' || *p == ')') {
            bool next_wide = p[1] && !ascii_at(text, p + 1);
            if (prev_wide || next_wide) {
                o += sprintf(o, "%s", *p == '(' ? po : pc);
                p++;
                continue;
            }
        }
        *o++ = *p++;
    }
    *o = '\0';
    return out;
}

/* An example longer than this is shortened in the report, with a warning at
 * its answer: a page cannot lay out a whole novel, and a layout engine asked
 * to try takes minutes. */
enum { EXAMPLE_MAX_CHARS = 300 };

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* the first `max` characters of s and "…" */
static const char *shorten(ju_arena *a, const char *s, size_t max)
{
    size_t i = 0;
    for (size_t chars = 0; s[i] && chars < max; chars++) {
        i++;
        while (((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
    }
    return ju_arena_printf(a, "%.*s…", (int)i, s);
}

/* examples = Q27 [by Q27_cat] [max N]: the answers, a line each, once each */
static void examples_block(builder *B, const ju_inisection *s, const ju_inientry *e, blocks *bl)
{
    size_t n;
    char **w = words(B->a, e->value, &n);
    const char *by = NULL, *mark = NULL;
    long long max = 0;
    bool ok = n >= 1;
    for (size_t i = 1; ok && i < n; i += 2) {
        if (i + 1 >= n)
            ok = false;
        else if (strcmp(w[i], "by") == 0)
            by = w[i + 1];
        else if (strcmp(w[i], "mark") == 0)
            mark = w[i + 1];
        else if (strcmp(w[i], "max") == 0)
            ok = ju_parse_int(w[i + 1], &max) == JU_NUM_OK && max > 0;
        else
            ok = false;
    }
    if (!ok) {
        doc_error(B, s, e, _("write a text question, then optionally 'by QUESTION', 'max N' and 'mark ◆'"));
        return;
    }
    const ju_rform *fd;
    const ju_question *q = question_of(B, &fd, w[0]);
    if (!q || q->type != JU_QT_TEXT) {
        doc_error(B, s, e, _("'%s' is not a free-text question of the codebook"), w[0]);
        return;
    }
    int qi = (int)(q - fd->form->questions), gi = -1;
    const ju_question *g = NULL;
    if (by) {
        gi = ju_form_question(fd->form, by);
        g = gi >= 0 ? &fd->form->questions[gi] : NULL;
        if (!g || g->type != JU_QT_SINGLE) {
            doc_error(B, s, e, _("'%s' is not a single-choice question of form %s"), by, fd->form->id);
            return;
        }
    }
    const ju_rrow **rows;
    const char *why;
    long nrows = ju_results_select(B->a, B->facts->results, fd->form->id, NULL, NULL, &rows, &why);
    size_t ngroups = g ? g->nchoices + 1 : 1; /* the last: answers without a category */
    const char *qname = ju_arena_printf(B->a, "%s (%s)", q->id, q->label);
    for (size_t k = 0; k < ngroups; k++) {
        const char **items = NULL;
        const ju_rvalue **from = NULL; /* the answer each item came from */
        size_t ni = 0, cap = 0, fcap = 0;
        ju_strmap seen = {0};
        for (long r = 0; r < nrows; r++) {
            const ju_rvalue *ans = &rows[r]->values[qi];
            if (ans->state != JU_RV_VALUE || !ans->text)
                continue;
            if (g) {
                const ju_rvalue *ga = &rows[r]->values[gi];
                int c = ga->state == JU_RV_VALUE ? ju_question_choice(g, ga->value) : -1;
                if ((k < g->nchoices && c != (int)k) || (k == g->nchoices && c >= 0))
                    continue;
            }
            /* one item per line; a line opening with a bracket is a note to the
             * line before, and a line ending in 、 runs on into the next */
            char *t = normalized(B->a, ans->text);
            const char *item = NULL; /* the item so far: a line, or lines joined in `join` */
            size_t ilen = 0;
            ju_strbuf join; /* lines joined in linear time: an answer may run on over thousands */
            bool joined = false;
            for (char *line = strtok(t, "\n");; line = strtok(NULL, "\n")) {
                char *l = line ? ju_trim(B->a, line) : NULL;
                bool runs_on = ilen >= 3 && strcmp(item + ilen - 3, "、") == 0;
                if (l && item && (runs_on || strncmp(l, "（", 3) == 0 || *l == '(')) {
                    if (!joined) {
                        ju_strbuf_init(&join, B->a);
                        ju_strbuf_add(&join, item);
                        joined = true;
                    }
                    ju_strbuf_add(&join, l);
                    item = ju_strbuf_str(&join);
                    ilen = join.n;
                    continue;
                }
                if (item && *item && ju_strmap_put(B->a, &seen, item, ilen, ni)) {
                    size_t nf = ni;
                    JU_PUSH(B->a, items, ni, cap, item);
                    JU_PUSH(B->a, from, nf, fcap, ans);
                }
                if (!l)
                    break;
                item = l;
                ilen = strlen(l);
                joined = false;
            }
        }
        if (ni == 0)
            continue;
        if (g)
            doc_add(B, bl, (ju_block){.kind = JU_BLK_GROUP,
                                  .text = k < g->nchoices ? g->choices[k].label : ju_lex("labels", "other")});
        size_t shown = max > 0 && ni > (size_t)max ? (size_t)max : ni;
        for (size_t i = 0; i < shown; i++) {
            ju_block b = {.kind = JU_BLK_EXAMPLE, .text = items[i], .lead = mark, .src_file = fd->path, .src_question = qname,
                          .src_line = (int)from[i]->line, .src_col = (int)from[i]->col};
            if (utf8_chars(items[i]) > EXAMPLE_MAX_CHARS) {
                b.text = shorten(B->a, items[i], EXAMPLE_MAX_CHARS);
                ju_diag_add(B->d, JU_SEV_WARNING, fd->path, b.src_line, b.src_col,
                            _("%s: this answer is %zu characters; the report shows its first %d"), qname,
                            utf8_chars(items[i]), EXAMPLE_MAX_CHARS);
            }
            doc_add(B, bl, b);
        }
        if (shown < ni)
            doc_add(B, bl, (ju_block){.kind = JU_BLK_EXAMPLE, .text = ju_lexf(B->a, "labels", "more", "n", ju_arena_printf(B->a, "%zu", ni - shown), NULL)});
    }
}

/* A bullet or a pick written with a mark of its own (▶ 本人の…, ◆ UR・JKK)
 * keeps it as its lead instead of the usual one. */
static const char *const LEAD_MARKS[] = {"▶", "◆", "◇", "■", "□", "●", "○", "◎", "※"};

static void take_lead(ju_block *b)
{
    for (size_t i = 0; i < sizeof LEAD_MARKS / sizeof *LEAD_MARKS; i++) {
        size_t n = strlen(LEAD_MARKS[i]);
        if (strncmp(b->text, LEAD_MARKS[i], n) == 0) {
            const char *rest = b->text + n;
            while (*rest == ' ')
                rest++;
            if (strncmp(rest, "　", 3) == 0)
                rest += 3;
            if (*rest) {
                b->lead = LEAD_MARKS[i];
                b->text = rest;
            }
            return;
        }
    }
}

/* pick = TEXT [@ QUESTION]: one example the analysts chose and wrote, shown
 * as the examples are; with a question, the data must still hold an answer
 * to it that says the text (set as the report sets answers), else a warning
 * at the line: the respondent changed or withdrew it */
static void pick_block(builder *B, const ju_inisection *s, const ju_inientry *e, blocks *bl)
{
    const char *v = doc_fill(B, s, e);
    if (!v)
        return;
    const char *at = strstr(v, " @ ");
    const char *text = at ? ju_trim(B->a, ju_arena_strndup(B->a, v, (size_t)(at - v))) : v;
    if (at) {
        const char *qid = ju_trim(B->a, at + 3);
        const ju_rform *fd;
        const ju_question *q = question_of(B, &fd, qid);
        if (!q || q->type != JU_QT_TEXT) {
            doc_error(B, s, e, _("'%s' is not a free-text question of the codebook"), qid);
            return;
        }
        int qi = (int)(q - fd->form->questions);
        const ju_rrow **rows;
        const char *why;
        long n = ju_results_select(B->a, B->facts->results, fd->form->id, NULL, NULL, &rows, &why);
        const char *want = normalized(B->a, text);
        bool found = false;
        for (long r = 0; r < n && !found; r++) {
            const ju_rvalue *ans = &rows[r]->values[qi];
            found = ans->state == JU_RV_VALUE && ans->text && strstr(normalized(B->a, ans->text), want);
        }
        if (!found)
            ju_diag_add(B->d, JU_SEV_WARNING, B->spec->path, e->line, e->col,
                        _("[%s] pick: no answer to %s says '%s' any more; the report shows it as written"), s->name,
                        qid, ju_visible(B->a, text, 60));
    }
    ju_block b = {.kind = JU_BLK_EXAMPLE, .text = text};
    take_lead(&b);
    doc_add(B, bl, b);
}

/* listed = Q7_1=1 | 住民の身近な場所（…）に出向く出張相談: an item of a numbered
 * list in the page's words, shown when someone meets the condition (a choice
 * nobody chose drops out, and the numbers close up); entries in a row make
 * one list, numbered 1, 2, … */
static void listed_entry(builder *B, const ju_inisection *s, const ju_inientry *e, blocks *bl)
{
    const char *bar = strstr(e->value, "|");
    if (!bar) {
        doc_error(B, s, e, _("write a condition (Q7_1=1), '|', then the item's wording"));
        return;
    }
    const char *v = doc_fill(B, s, e);
    if (!v)
        return;
    const char *vb = strstr(v, "|");
    const char *cond = ju_trim(B->a, ju_arena_strndup(B->a, v, (size_t)(vb - v)));
    long c, base;
    const char *why = NULL;
    if (!ju_results_share(B->a, B->facts->results, cond, &c, &base, &why)) {
        doc_error(B, s, e, "%s", why ? why : cond);
        return;
    }
    long number = 1;
    if (bl->n && bl->items[bl->n - 1].choice)
        number = strtol(bl->items[bl->n - 1].lead, NULL, 10) + 1;
    ju_block b = {.kind = JU_BLK_EXAMPLE, .text = ju_trim(B->a, vb + 1), .choice = cond};
    take_lead(&b); /* listed = Q10_1=1 | ◆ UR・JKK: a list marked ◆, not numbered */
    if (!b.lead)
        b.lead = ju_arena_printf(B->a, "%ld", number);
    if (c > 0)
        doc_add(B, bl, b);
}

static ju_name *names_of(builder *B, const ju_rrow **rows, long n, int q, long long year)
{
    ju_name *out = ju_arena_array(B->a, (size_t)n + 1, sizeof *out);
    for (long i = 0; i < n; i++) {
        out[i].name = rows[i]->name;
        out[i].marked = q >= 0 && rows[i]->values[q].state == JU_RV_VALUE && rows[i]->values[q].value == year;
    }
    return out;
}

/* implementers = Q1_1: per fiscal year, the bodies whose start year is at or
 * before it, those starting that year marked */
static void implementers_block(builder *B, const ju_inisection *s, const ju_inientry *e, blocks *bl)
{
    const ju_rform *fd;
    const ju_question *q = question_of(B, &fd, ju_trim(B->a, e->value));
    if (!q || q->type != JU_QT_YEAR) {
        doc_error(B, s, e, _("'%s' is not a start-year question (type year) of the codebook"), e->value);
        return;
    }
    int qi = (int)(q - fd->form->questions);
    const char *why;
    /* each fiscal year of the question: the bodies that had started by then */
    for (size_t c = 0; c < q->nchoices; c++) {
        long long y = q->choices[c].value;
        const ju_rrow **upto;
        long k = ju_results_select(B->a, B->facts->results, fd->form->id,
                                   ju_arena_printf(B->a, "%s<=%lld", q->id, y), NULL, &upto, &why);
        if (k <= 0)
            continue;
        doc_add(B, bl, (ju_block){.kind = JU_BLK_GROUP,
                              .text = ju_lexf(B->a, "report", "year_group", "wareki", ju_wareki(B->a, y), "n",
                                              ju_arena_printf(B->a, "%ld", k), "respondent",
                                              fd->form->respondent ? fd->form->respondent : "", NULL)});
        doc_add(B, bl, (ju_block){.kind = JU_BLK_NAMES, .names = names_of(B, upto, k, qi, y), .nnames = (size_t)k});
    }
}

/* names = COND: the bodies meeting it */
static void names_block(builder *B, const ju_inisection *s, const ju_inientry *e, blocks *bl)
{
    const ju_rrow **rows;
    const char *why;
    long n = ju_results_select(B->a, B->facts->results, NULL, e->value, NULL, &rows, &why);
    if (n < 0) {
        doc_error(B, s, e, "%s", why);
        return;
    }
    if (n == 0)
        doc_add(B, bl, (ju_block){.kind = JU_BLK_TEXT, .text = ju_lex("labels", "none")});
    else
        doc_add(B, bl, (ju_block){.kind = JU_BLK_NAMES, .names = names_of(B, rows, n, -1, 0), .nnames = (size_t)n});
}

/* --- pages ------------------------------------------------------------------- */

static const struct { const char *key; ju_blockkind kind; } text_keys[] = {
    {"heading", JU_BLK_HEADING}, {"text", JU_BLK_TEXT},   {"bullet", JU_BLK_BULLET}, {"items", JU_BLK_TEXT},
    {"note", JU_BLK_NOTE},       {"kicker", JU_BLK_KICKER}, {"title", JU_BLK_TITLE},
    {"subtitle", JU_BLK_SUBTITLE}, {"line", JU_BLK_LINE}, {"callout", JU_BLK_CALLOUT},
};

/* "1", "2", "3", or the columns' percents: "58:42", "40:30:30" */
static bool parse_columns(const char *v, ju_columns *c)
{
    int n, pct[3];
    char tail;
    if (sscanf(v, "%d%c", &n, &tail) == 1 && n >= 1 && n <= 3) {
        c->n = n;
        for (int i = 0; i < n; i++)
            c->share[i] = 1.0 / n;
        return true;
    }
    n = sscanf(v, "%d:%d:%d%c", &pct[0], &pct[1], &pct[2], &tail);
    if (n == 1 || n == 4 || n < 1)
        return false;
    if (n == 2 && strchr(strchr(v, ':') + 1, ':'))
        return false;
    int sum = 0;
    for (int i = 0; i < n; i++) {
        if (pct[i] <= 0)
            return false;
        sum += pct[i];
    }
    if (sum != 100)
        return false;
    c->n = n;
    for (int i = 0; i < n; i++)
        c->share[i] = pct[i] / 100.0;
    return true;
}

static void page(builder *B, const ju_inisection *s, ju_docpage *p)
{
    blocks bl = {0};
    *p = (ju_docpage){.id = s->name, .kind = JU_PAGE_BODY, .columns = {2, {0.5, 0.5, 0}}};
    for (size_t i = 0; i < s->n; i++) {
        const ju_inientry *e = &s->entries[i];
        const char *k = e->key;
        bool done = false;
        for (size_t t = 0; t < sizeof text_keys / sizeof *text_keys && !done; t++)
            if (strcmp(k, text_keys[t].key) == 0) {
                const char *v = doc_fill(B, s, e);
                ju_block b = {.kind = text_keys[t].kind, .text = v, .phrased = strcmp(k, "items") == 0};
                if (v && b.kind == JU_BLK_BULLET)
                    take_lead(&b);
                if (v)
                    doc_add(B, &bl, b);
                done = true;
            }
        if (done)
            continue;
        if (strcmp(k, "layout") == 0) {
            if (strcmp(e->value, "cover") == 0)
                p->kind = JU_PAGE_COVER;
            else if (strcmp(e->value, "contents") == 0)
                p->kind = JU_PAGE_CONTENTS;
            else if (strcmp(e->value, "body") != 0)
                doc_error(B, s, e, _("'%s' is not a layout (body, cover, contents)"), e->value);
        } else if (strcmp(k, "tag") == 0) {
            p->tag = doc_fill(B, s, e);
        } else if (strcmp(k, "headline") == 0) {
            p->headline = doc_fill(B, s, e);
        } else if (strcmp(k, "outline") == 0) {
            p->outline = doc_fill(B, s, e);
        } else if (strcmp(k, "columns") == 0) {
            if (!parse_columns(e->value, &p->columns))
                doc_error(B, s, e, _("'%s': write 1, 2, 3 or the columns' percents like 60:40 or 40:30:30"), e->value);
        } else if (strcmp(k, "zoom_max") == 0) {
            char *end;
            errno = 0;
            double z = strtod(e->value, &end);
            if (end == e->value || *end || errno || !(z >= 1 && z <= 2))
                doc_error(B, s, e, _("'%s': write how much larger a sparse page's body may be set, from 1 to 2 (like 1.3)"),
                          e->value);
            else
                p->zoom_max = z;
        } else if (strcmp(k, "item") == 0) {
            const char *bar = strstr(e->value, "|");
            if (!bar) {
                doc_error(B, s, e, _("write the label, '|', then the value"));
                continue;
            }
            const char *v = doc_fill(B, s, e);
            if (!v)
                continue;
            const char *vb = strstr(v, "|");
            doc_add(B, &bl, (ju_block){.kind = JU_BLK_ITEM, .text = ju_trim(B->a, ju_arena_strndup(B->a, v, (size_t)(vb - v))),
                                   .value = ju_trim(B->a, vb + 1)});
        } else if (strcmp(k, "chart") == 0) {
            chart_block(B, s, e, &bl);
        } else if (strcmp(k, "examples") == 0) {
            examples_block(B, s, e, &bl);
        } else if (strcmp(k, "implementers") == 0) {
            implementers_block(B, s, e, &bl);
        } else if (strcmp(k, "names") == 0) {
            names_block(B, s, e, &bl);
        } else if (strcmp(k, "group") == 0) {
            const char *v = doc_fill(B, s, e);
            if (v)
                doc_add(B, &bl, (ju_block){.kind = JU_BLK_GROUP, .text = v});
        } else if (strcmp(k, "pick") == 0) {
            pick_block(B, s, e, &bl);
        } else if (strcmp(k, "listed") == 0) {
            listed_entry(B, s, e, &bl);
        } else if (strcmp(k, "break") == 0) {
            if (strcmp(e->value, "column") != 0)
                doc_error(B, s, e, _("'%s': write 'break = column' (a new band is 'band = COLUMNS')"), e->value);
            doc_add(B, &bl, (ju_block){.kind = JU_BLK_BREAK});
        } else if (strcmp(k, "band") == 0) {
            ju_block b = {.kind = JU_BLK_BAND};
            if (!parse_columns(e->value, &b.columns))
                doc_error(B, s, e, _("'%s': write 1, 2, 3 or the columns' percents like 60:40 or 40:30:30"), e->value);
            else
                doc_add(B, &bl, b);
        } else if (doc_table_entry(B, s, e, &bl) || doc_diagram_entry(B, s, e, &bl)) {
            /* a table's or a diagram's entry (figures.c) */
        } else {
            ju_inientry at = *e;
            at.col = 1; /* the key itself */
            doc_error(B, s, &at, _("unknown key (see the README on report templates)"));
        }
    }
    doc_figures_end(B, s, &bl);
    p->blocks = bl.items;
    p->n = bl.n;
    if (!p->outline)
        p->outline = p->headline;
    for (size_t i = 0; i < p->n && !p->outline; i++)
        if (p->blocks[i].kind == JU_BLK_HEADING || p->blocks[i].kind == JU_BLK_TITLE)
            p->outline = p->blocks[i].text;
    if (!p->outline)
        p->outline = p->id;
    /* a bookmark is one line: a title broken for the cover is joined */
    p->outline = ju_joined_lines(B->a, p->outline);
}

static void document_section(builder *B, const ju_inisection *s, ju_document *out)
{
    for (size_t i = 0; i < s->n; i++) {
        const ju_inientry *e = &s->entries[i];
        const char **slot = strcmp(e->key, "file") == 0      ? &out->file
                            : strcmp(e->key, "title") == 0   ? &out->title
                            : strcmp(e->key, "author") == 0  ? &out->author
                            : strcmp(e->key, "subject") == 0 ? &out->subject
                            : strcmp(e->key, "footer") == 0  ? &out->footer
                            : strcmp(e->key, "marked") == 0  ? &out->marked_note
                                                             : NULL;
        if (!slot) {
            doc_error(B, s, e, _("unknown key (file, title, author, subject, footer, marked)"));
            continue;
        }
        *slot = doc_fill(B, s, e); /* NULL (left out) when survey.ini lacks a field */
        const char *why = slot == &out->file && *slot ? ju_file_name_problem(*slot) : NULL;
        if (why)
            doc_error(B, s, e, _("the file name '%s' cannot be used: %s"), ju_visible(B->a, *slot, 60), why);
    }
}

ju_status ju_document_build(ju_arena *a, ju_diags *d, const ju_ini *spec, const ju_facts *facts,
                            const ju_chartlist *charts, const ju_chartdata *const *built, ju_document *out)
{
    builder B = {a, d, spec, facts, charts, built, d->errors};
    memset(out, 0, sizeof *out);
    out->pages = ju_arena_array(a, spec->n + 1, sizeof *out->pages);
    for (size_t i = 0; i < spec->n; i++) {
        const ju_inisection *s = &spec->sections[i];
        if (strcmp(s->name, "document") == 0)
            document_section(&B, s, out);
        else
            page(&B, s, &out->pages[out->n++]);
    }
    if (!out->file) /* no [document] file, or its fields are missing from survey.ini */
        out->file = ju_lexf(a, "report", "file", "wareki", ju_wareki(a, facts->results->codebook->year), NULL);
    return d->errors > B.before ? JU_ERR_CONFIG : JU_OK;
}
