/* fill.c — placeholders filled from the data; see fill.h. */
#include "fill.h"

#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "lexicon.h"
#include "phrase.h"

typedef struct {
    ju_arena *a;
    const ju_facts *f;
    const char *why; /* set: the template is wrong */
} ev;

/* --- values ------------------------------------------------------------------ */


/* the question an argument names ("council." prefix allowed): its form, id
 * and index (-1 when the form lacks it), and the rest after ':' (or NULL) */
static int question_arg(ev *E, const char *args, const ju_form **form, const char **qid, const char **rest)
{
    const ju_results *R = E->f->results;
    const char *text = args;
    const ju_form *f = R->nforms ? R->forms[0].form : NULL;
    for (size_t i = 0; i < R->nforms; i++) {
        size_t n = strlen(R->forms[i].form->id);
        if (strncmp(text, R->forms[i].form->id, n) == 0 && text[n] == '.') {
            f = R->forms[i].form;
            text += n + 1;
        }
    }
    const char *colon = strchr(text, ':');
    *qid = colon ? ju_arena_strndup(E->a, text, (size_t)(colon - text)) : text;
    *rest = colon ? colon + 1 : NULL;
    *form = f;
    return f ? ju_form_question(f, *qid) : -1;
}

/* a count question's table and the rest after ':' */
static const ju_table *count_table(ev *E, const char *args, const char **rest)
{
    const ju_form *f;
    const char *qid;
    int q = question_arg(E, args, &f, &qid, rest);
    if (q < 0 || f->questions[q].type != JU_QT_COUNT) {
        E->why = ju_arena_printf(E->a, _("'%s' is not a count question of form %s"), qid, f ? f->id : "?");
        return NULL;
    }
    return ju_tables_find(&E->f->results->tables, f->id, qid, "all");
}

static const char *survey_field(ev *E, const char *name)
{
    const ju_survey *s = E->f->results->survey;
    struct { const char *name, *value; } fields[] = {
        {"title", s->title},           {"program", s->program}, {"publisher", s->publisher},
        {"department", s->department}, {"address", s->address}, {"contact", s->contact},
        {"email", s->email},
        {"method", s->method},
    };
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        if (strcmp(name, fields[i].name) == 0)
            return fields[i].value && *fields[i].value ? fields[i].value : NULL;
    if (strcmp(name, "issued") == 0)
        return ju_wareki_date(E->a, s->issued);
    if (strcmp(name, "fielding") == 0)
        return ju_format_period(E->a, s->fielding_start, s->fielding_end);
    static const char *const years[] = {"wareki", "wareki-1", "R", "R-1", "year", "year-1"};
    for (size_t i = 0; i < sizeof years / sizeof *years; i++)
        if (strcmp(name, years[i]) == 0)
            return ju_fill_year(E->a, ju_arena_printf(E->a, "{%s}", name), s->year);
    E->why = ju_arena_printf(E->a, _("'%s' is not a survey field or year (title, publisher, fielding, wareki, R, R-1, "
                             "year, …)"),
                             name);
    return NULL;
}

static const char *responses(ev *E, const char *kind, const char *arg)
{
    long got, expected;
    if (!ju_results_responses(E->f->results, arg, &got, &expected)) {
        E->why = ju_arena_printf(E->a, _("there is no form '%s' (or 'all')"), arg);
        return NULL;
    }
    if (strcmp(kind, "responses") == 0)
        return ju_format_count(E->a, got);
    if (strcmp(kind, "expected") == 0)
        return ju_format_count(E->a, expected);
    return ju_format_rate(E->a, got, expected);
}

/* {change:COND;COND…[:same:up:down]} */
static const char *change(ev *E, const char *args)
{
    const char *words[3] = {ju_lex("ratio", "same"), ju_lex("ratio", "up"), ju_lex("ratio", "down")};
    char *s = ju_arena_strdup(E->a, args);
    char *colon = strchr(s, ':');
    if (colon) {
        *colon = '\0';
        char *w = colon + 1;
        for (int i = 0; i < 3; i++) {
            char *next = strchr(w, ':');
            if (next)
                *next = '\0';
            words[i] = w;
            if (!next) {
                if (i != 2) {
                    E->why = "change takes three words after the conditions: same:up:down";
                    return NULL;
                }
                break;
            }
            w = next + 1;
        }
    }
    int dir = 2; /* none yet */
    for (char *cond = s; cond;) {
        char *semi = strchr(cond, ';');
        if (semi)
            *semi = '\0';
        long c1, b1, c0, b0;
        if (!ju_results_share(E->a, E->f->results, cond, &c1, &b1, &E->why))
            return NULL;
        const char *ignored;
        if (!E->f->previous || !ju_results_share(E->a, E->f->previous, cond, &c0, &b0, &ignored) || b0 == 0 ||
            b1 == 0)
            return NULL; /* no previous year, or it did not ask: the sentence goes */
        int d = ju_phrase_change(c0, b0, c1, b1);
        if (dir != 2 && d != dir)
            return NULL;
        dir = d;
        cond = semi ? semi + 1 : NULL;
    }
    const char *w = words[dir == 0 ? 0 : dir > 0 ? 1 : 2];
    return *w ? w : NULL;
}

static const struct { const char *kind; ju_ratio_style style; } ratio_kinds[] = {
    {"wari", JU_RATIO_WARI}, {"frac", JU_RATIO_FRACTION}, {"approx", JU_RATIO_APPROX}, {"half", JU_RATIO_HALF},
};

/* the value of {kind:args}; NULL when it cannot be computed (E->why set when
 * the template is at fault) */
static const char *evaluate(ev *E, const char *kind, const char *args)
{
    ju_arena *a = E->a;
    if (!args)
        return survey_field(E, kind);
    bool is_share = strcmp(kind, "n") == 0 || strcmp(kind, "base") == 0 || strcmp(kind, "pct") == 0 ||
                    strcmp(kind, "some") == 0;
    for (size_t i = 0; i < sizeof ratio_kinds / sizeof *ratio_kinds; i++)
        is_share = is_share || strcmp(kind, ratio_kinds[i].kind) == 0;
    if (is_share) {
        long c, b;
        if (!ju_results_share(a, E->f->results, args, &c, &b, &E->why))
            return NULL;
        if (strcmp(kind, "n") == 0)
            return ju_format_count(a, c);
        if (strcmp(kind, "some") == 0)
            return c > 0 ? "" : NULL;
        if (strcmp(kind, "base") == 0)
            return ju_format_count(a, b);
        if (strcmp(kind, "pct") == 0)
            return ju_format_percent(a, ju_percent10(c, b));
        for (size_t i = 0; i < sizeof ratio_kinds / sizeof *ratio_kinds; i++)
            if (strcmp(kind, ratio_kinds[i].kind) == 0)
                return ju_phrase_ratio(a, c, b, ratio_kinds[i].style);
    }
    if (strcmp(kind, "sum") == 0 || strcmp(kind, "nc") == 0 || strcmp(kind, "top") == 0) {
        const char *rest;
        const ju_table *t = count_table(E, args, &rest);
        if (!t)
            return NULL;
        if (strcmp(kind, "sum") == 0)
            return t->stats.answered ? ju_format_count(a, t->stats.sum) : NULL;
        if (strcmp(kind, "nc") == 0)
            return ju_format_count(a, t->stats.not_counted);
        long long k = 1;
        if (rest && (k = strtoll(rest, NULL, 10)) < 1) {
            E->why = "top takes a rank from 1: {top:Q21:2}";
            return NULL;
        }
        return (size_t)k <= t->ntop ? ju_format_count(a, t->top[k - 1].value) : NULL;
    }
    if (strcmp(kind, "names") == 0) {
        const ju_rrow **rows;
        long n = ju_results_select(a, E->f->results, NULL, args, NULL, &rows, &E->why);
        if (n <= 0)
            return NULL;
        ju_strbuf out;
        ju_strbuf_init(&out, a);
        for (long i = 0; i < n; i++) {
            if (i)
                ju_strbuf_add(&out, ju_lex("labels", "list_separator"));
            ju_strbuf_add(&out, rows[i]->name);
        }
        return ju_strbuf_str(&out);
    }
    if (strcmp(kind, "chosen") == 0) {
        /* {chosen:Q10} or {chosen:Q10:　◆}: the labels of a choice question's
         * choices someone chose (in the codebook's order, その他 left out),
         * joined by the list separator or the text after the second colon */
        const ju_results *R = E->f->results;
        const ju_form *f;
        const char *qid, *sep;
        int q = question_arg(E, args, &f, &qid, &sep);
        if (!sep)
            sep = ju_lex("labels", "list_separator");
        if (q < 0 || (f->questions[q].type != JU_QT_MULTI && f->questions[q].type != JU_QT_SINGLE)) {
            E->why = ju_arena_printf(a, _("'%s' is not a choice question of form %s"), qid, f ? f->id : "?");
            return NULL;
        }
        const ju_table *t = ju_tables_find(&R->tables, f->id, qid, "all");
        if (!t)
            return NULL;
        const char *other = ju_lex("labels", "other");
        ju_strbuf out;
        ju_strbuf_init(&out, a);
        bool any = false;
        for (size_t i = 0; i < t->ncells; i++) {
            const ju_tcell *c = &t->cells[i];
            if (c->count <= 0 || strcmp(c->category, JU_CAT_NO_ANSWER) == 0 ||
                strcmp(c->category, JU_CAT_NOT_COUNTED) == 0 || strcmp(c->label, other) == 0)
                continue;
            if (any)
                ju_strbuf_add(&out, sep);
            ju_strbuf_add(&out, c->label);
            any = true;
        }
        return any ? ju_strbuf_str(&out) : NULL;
    }
    if (strcmp(kind, "kinds") == 0) {
        /* the kinds of body among those meeting the condition, each by its
         * last character (特別区 → 区), in the order the master list first
         * has them: 区市, 区市町村 */
        const ju_rrow **rows;
        long n = ju_results_select(a, E->f->results, NULL, args, NULL, &rows, &E->why);
        if (n <= 0)
            return NULL;
        const ju_master *m = E->f->results->master;
        bool *has = ju_arena_alloc(a, m->n + 1);
        memset(has, 0, m->n + 1);
        for (long i = 0; i < n; i++)
            if (rows[i]->master >= 0)
                has[rows[i]->master] = true;
        /* the list's kinds in their first order (the master list allows four), and whether one is wanted */
        const char *kinds[8];
        bool wanted[8] = {false};
        size_t nk = 0;
        for (size_t i = 0; i < m->n; i++) {
            size_t k = 0;
            while (k < nk && strcmp(kinds[k], m->items[i].kind) != 0)
                k++;
            if (k == nk && nk < sizeof kinds / sizeof *kinds)
                kinds[nk++] = m->items[i].kind;
            if (k < nk && has[i])
                wanted[k] = true;
        }
        ju_strbuf out;
        ju_strbuf_init(&out, a);
        for (size_t k = 0; k < nk; k++) {
            const char *last = kinds[k];
            for (const char *c = kinds[k]; *c; c++)
                if (((unsigned char)*c & 0xC0) != 0x80)
                    last = c;
            if (wanted[k])
                ju_strbuf_add(&out, last);
        }
        return ju_strbuf_str(&out);
    }
    if (strcmp(kind, "responses") == 0 || strcmp(kind, "expected") == 0 || strcmp(kind, "rate") == 0)
        return responses(E, kind, args);
    if (strcmp(kind, "change") == 0)
        return change(E, args);
    E->why = ju_arena_printf(a, _("'%s' is not a kind of placeholder (n, base, pct, wari, frac, approx, half, some, sum, "
                                "top, nc, names, kinds, chosen, responses, expected, rate, change)"), kind);
    return NULL;
}

/* --- text ---------------------------------------------------------------- */

typedef struct {
    char *s;
    size_t n, cap;
} buf;

static void put(ju_arena *a, buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = (b->n + n + 1) * 2;
        b->s = ju_arena_grow(a, b->s, b->n, cap, 1);
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

const char *ju_fill(ju_arena *a, ju_diags *d, const ju_facts *f, const ju_textpos *pos)
{
    const char *text = pos->entry->value;
    buf out = {0};
    put(a, &out, "", 0);
    size_t group = (size_t)-1; /* where an optional [group] started in out */
    size_t group_at = 0;       /* and in text */
    bool group_drop = false, drop = false, bad = false;
    for (size_t i = 0; text[i];) {
        const char *problem = NULL;
        size_t at = i;
        if (text[i] == '[') {
            if (group != (size_t)-1)
                problem = "'[' inside an optional [group]: groups do not nest";
            group = out.n;
            group_at = i;
            group_drop = false;
            i++;
        } else if (text[i] == ']' && group != (size_t)-1) {
            if (group_drop) {
                out.n = group;
                out.s[out.n] = '\0';
            }
            group = (size_t)-1;
            i++;
        } else if (text[i] == '{') {
            const char *close = strchr(text + i, '}');
            if (!close) {
                problem = "'{' without '}'";
                i = strlen(text);
            } else {
                char *token = ju_arena_strndup(a, text + i + 1, (size_t)(close - text - i - 1));
                char *colon = strchr(token, ':');
                if (colon)
                    *colon = '\0';
                ev E = {a, f, NULL};
                const char *v = evaluate(&E, token, colon ? colon + 1 : NULL);
                if (E.why)
                    problem = ju_arena_printf(a, "{%s}: %s", ju_arena_strndup(a, text + i + 1,
                                                                             (size_t)(close - text - i - 1)), E.why);
                else if (!v && group != (size_t)-1)
                    group_drop = true;
                else if (!v)
                    drop = true;
                else
                    put(a, &out, v, strlen(v));
                i = (size_t)(close - text) + 1;
            }
        } else if (text[i] == '\\' && text[i + 1] == 'n') {
            put(a, &out, "\n", 1); /* a line break inside one template line */
            i += 2;
        } else {
            put(a, &out, text + i, 1);
            i++;
        }
        if (problem) {
            int line, col;
            ju_ini_pos(pos->entry, at, &line, &col);
            ju_diag_add(d, JU_SEV_ERROR, pos->file, line, col, _("%s: %s"), pos->what, problem);
            bad = true;
        }
    }
    if (group != (size_t)-1) {
        int line, col;
        ju_ini_pos(pos->entry, group_at, &line, &col);
        ju_diag_add(d, JU_SEV_ERROR, pos->file, line, col, _("%s: an optional '[' is not closed"), pos->what);
        bad = true;
    }
    return bad || drop ? NULL : out.s;
}
