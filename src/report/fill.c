/* fill.c — placeholders filled from the data; see fill.h. */
#include "fill.h"

#include <stdlib.h>
#include <string.h>

#include "chartdata.h"
#include "phrase.h"

typedef struct {
    ju_arena *a;
    const ju_facts *f;
    const char *why; /* set: the template is wrong */
} ev;

/* --- conditions ------------------------------------------------------------ */

/* strips a "council." prefix; the first form otherwise */
static const ju_formdata *form_of(const ju_dataset *ds, const char **text)
{
    for (size_t i = 0; i < ds->nforms; i++) {
        const char *id = ds->forms[i].form->id;
        size_t n = strlen(id);
        if (strncmp(*text, id, n) == 0 && (*text)[n] == '.') {
            *text += n + 1;
            return &ds->forms[i];
        }
    }
    return ds->nforms ? &ds->forms[0] : NULL;
}

static const ju_formdata *form_named(const ju_dataset *ds, const char *id)
{
    for (size_t i = 0; i < ds->nforms; i++)
        if (strcmp(ds->forms[i].form->id, id) == 0)
            return &ds->forms[i];
    return NULL;
}

static int first_question(const ju_base *b)
{
    for (size_t t = 0; t < b->nterms; t++)
        for (size_t k = 0; k < b->terms[t].n; k++)
            if (b->terms[t].conds[k].question >= 0)
                return b->terms[t].conds[k].question;
    return -1;
}

/* Counts, in dataset `ds`, the respondents meeting `text` ("[form.]COND[ in
 * RESTRICTION]") among those in the base of its first question and meeting
 * the restriction. False (with `why`) when it does not parse there. */
static bool share(ju_arena *a, const ju_dataset *ds, const char *text, long *count, long *base, const char **why)
{
    const ju_formdata *fd = form_of(ds, &text);
    if (!fd) {
        *why = "the data have no forms";
        return false;
    }
    const char *in = strstr(text, " in ");
    const char *cond = in ? ju_arena_strndup(a, text, (size_t)(in - text)) : text;
    int year = ds->codebook->year;
    /* a bare question id: those who answered it */
    if (cond[strspn(cond, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")] == '\0')
        cond = ju_arena_printf(a, "%s answered", cond);
    ju_base b, r;
    if (!ju_condition_parse(a, fd->form, year, cond, &b, why))
        return false;
    if (in && !ju_condition_parse(a, fd->form, year, in + 4, &r, why))
        return false;
    int q = first_question(&b);
    *count = *base = 0;
    for (size_t i = 0; i < fd->n; i++) {
        const ju_respondent *p = &fd->rows[i];
        if ((q >= 0 && !p->in_base[q]) || (in && !ju_respondent_matches(p, &r)))
            continue;
        ++*base;
        if (ju_respondent_matches(p, &b))
            ++*count;
    }
    return true;
}

static int by_master(const void *x, const void *y)
{
    const ju_respondent *const *a = x, *const *b = y;
    return ((*a)->master > (*b)->master) - ((*a)->master < (*b)->master);
}

long ju_facts_select(ju_arena *a, const ju_facts *f, const char *form, const char *cond,
                     const ju_respondent ***out, const char **why)
{
    const ju_formdata *fd = form ? form_named(f->data, form)
                            : cond ? form_of(f->data, &cond)
                                   : (f->data->nforms ? &f->data->forms[0] : NULL);
    if (!fd) {
        *why = ju_arena_printf(a, "there is no form '%s'", form);
        return -1;
    }
    ju_base b = {0};
    if (cond && !ju_condition_parse(a, fd->form, f->data->codebook->year, cond, &b, why))
        return -1;
    const ju_respondent **rows = ju_arena_array(a, fd->n + 1, sizeof *rows);
    long n = 0;
    for (size_t i = 0; i < fd->n; i++)
        if (!cond || ju_respondent_matches(&fd->rows[i], &b))
            rows[n++] = &fd->rows[i];
    qsort(rows, (size_t)n, sizeof *rows, by_master);
    *out = rows;
    return n;
}

/* --- values ------------------------------------------------------------------ */

static const char *percent_text(ju_arena *a, long count, long base)
{
    long long p = ju_percent10(count, base);
    return p < 0 ? NULL : ju_arena_printf(a, "%lld.%lld%%", p / 10, p % 10);
}

/* a count question's table (form prefix allowed) and the rest after ':' */
static const ju_table *count_table(ev *E, const char *args, const char **rest)
{
    const char *text = args;
    const ju_formdata *fd = form_of(E->f->data, &text);
    const char *colon = strchr(text, ':');
    const char *qid = colon ? ju_arena_strndup(E->a, text, (size_t)(colon - text)) : text;
    *rest = colon ? colon + 1 : NULL;
    int q = ju_form_question(fd->form, qid);
    if (q < 0 || fd->form->questions[q].type != JU_QT_COUNT) {
        E->why = ju_arena_printf(E->a, "'%s' is not a count question of form %s", qid, fd->form->id);
        return NULL;
    }
    return ju_tables_find(E->f->tables, fd->form->id, qid, "all");
}

static const char *survey_field(ev *E, const char *name)
{
    const ju_survey *s = E->f->survey;
    struct { const char *name, *value; } fields[] = {
        {"title", s->title},           {"program", s->program}, {"publisher", s->publisher},
        {"department", s->department}, {"address", s->address}, {"contact", s->contact},
        {"method", s->method},
    };
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        if (strcmp(name, fields[i].name) == 0)
            return fields[i].value && *fields[i].value ? fields[i].value : NULL;
    if (strcmp(name, "issued") == 0)
        return s->issued ? ju_date_wareki(E->a, s->issued) : NULL;
    if (strcmp(name, "fielding") == 0) {
        const char *from = s->fielding_start ? ju_date_wareki(E->a, s->fielding_start) : NULL;
        const char *to = s->fielding_end ? ju_date_wareki(E->a, s->fielding_end) : NULL;
        if (!from || !to)
            return NULL;
        /* 令和7年6月16日～7月11日: the era and year once when they are the same */
        size_t k = 0;
        while (from[k] && from[k] == to[k] && strncmp(from + k, "年", 3) != 0)
            k++;
        if (strncmp(from + k, "年", 3) == 0 && strncmp(to + k, "年", 3) == 0)
            to += k + 3;
        return ju_arena_printf(E->a, "%s～%s", from, to);
    }
    static const char *const years[] = {"wareki", "wareki-1", "R", "R-1", "year", "year-1"};
    for (size_t i = 0; i < sizeof years / sizeof *years; i++)
        if (strcmp(name, years[i]) == 0)
            return ju_fill_year(E->a, ju_arena_printf(E->a, "{%s}", name), s->year);
    E->why = ju_arena_printf(E->a, "{%s} is not a survey field or year (title, publisher, fielding, wareki, R-1, …)",
                             name);
    return NULL;
}

static const char *responses(ev *E, const char *kind, const char *arg)
{
    const ju_dataset *ds = E->f->data;
    long got = 0, expected = 0;
    for (size_t i = 0; i < ds->nforms; i++) {
        if (strcmp(arg, "all") != 0 && strcmp(arg, ds->forms[i].form->id) != 0)
            continue;
        got += (long)ds->forms[i].n;
        expected += (long)E->f->master->n;
    }
    if (expected == 0) {
        E->why = ju_arena_printf(E->a, "there is no form '%s' (or 'all')", arg);
        return NULL;
    }
    if (strcmp(kind, "responses") == 0)
        return ju_format_count(E->a, got);
    if (strcmp(kind, "expected") == 0)
        return ju_format_count(E->a, expected);
    /* a response rate reads 100% when complete, else to one decimal */
    if (got * 100 % expected == 0)
        return ju_arena_printf(E->a, "%ld%%", got * 100 / expected);
    return percent_text(E->a, got, expected);
}

/* {change:COND;COND…[:same:up:down]} */
static const char *change(ev *E, const char *args)
{
    const char *words[3] = {"変化はなかった", "増加した", "減少した"};
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
        if (!share(E->a, E->f->data, cond, &c1, &b1, &E->why))
            return NULL;
        const char *ignored;
        if (!E->f->prev_data || !share(E->a, E->f->prev_data, cond, &c0, &b0, &ignored) || b0 == 0 || b1 == 0)
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
        if (!share(a, E->f->data, args, &c, &b, &E->why))
            return NULL;
        if (strcmp(kind, "n") == 0)
            return ju_format_count(a, c);
        if (strcmp(kind, "some") == 0)
            return c > 0 ? "" : NULL;
        if (strcmp(kind, "base") == 0)
            return ju_format_count(a, b);
        if (strcmp(kind, "pct") == 0)
            return percent_text(a, c, b);
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
        const ju_respondent **rows;
        long n = ju_facts_select(a, E->f, NULL, args, &rows, &E->why);
        if (n <= 0)
            return NULL;
        const char *out = "";
        for (long i = 0; i < n; i++)
            out = ju_arena_printf(a, "%s%s%s", out, i ? "、" : "", E->f->master->items[rows[i]->master].name);
        return out;
    }
    if (strcmp(kind, "responses") == 0 || strcmp(kind, "expected") == 0 || strcmp(kind, "rate") == 0)
        return responses(E, kind, args);
    if (strcmp(kind, "change") == 0)
        return change(E, args);
    E->why = ju_arena_printf(a, "'%s' is not a kind of placeholder (n, base, pct, wari, frac, approx, half, some, sum, "
                                "top, nc, names, responses, expected, rate, change)", kind);
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

const char *ju_fill(ju_arena *a, ju_diags *d, const ju_facts *f, const ju_textpos *pos, bool *failed)
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
            ju_rentry_pos(pos->entry, at, &line, &col);
            ju_diag_add(d, JU_SEV_ERROR, pos->file, line, col, "%s: %s", pos->what, problem);
            bad = true;
        }
    }
    if (group != (size_t)-1) {
        int line, col;
        ju_rentry_pos(pos->entry, group_at, &line, &col);
        ju_diag_add(d, JU_SEV_ERROR, pos->file, line, col, "%s: an optional '[' is not closed", pos->what);
        bad = true;
    }
    if (bad)
        *failed = true;
    return bad || drop ? NULL : out.s;
}
