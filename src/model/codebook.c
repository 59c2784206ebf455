/* codebook.c — reading and checking the codebook folder; see codebook.h. */
#include "codebook.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "format.h"
#include "text.h"

static const char *const qtype_names[] = {
    [JU_QT_CODE] = "code", [JU_QT_NAME] = "name",   [JU_QT_SINGLE] = "single", [JU_QT_MULTI] = "multi",
    [JU_QT_COUNT] = "count", [JU_QT_YEAR] = "year", [JU_QT_TEXT] = "text",
};
_Static_assert(sizeof qtype_names / sizeof *qtype_names == JU_QT_COUNT_OF_TYPES,
               "qtype_names must name every ju_qtype");

const char *ju_qtype_name(ju_qtype t)
{
    return (unsigned)t < JU_QT_COUNT_OF_TYPES ? qtype_names[t] : "?";
}

const ju_form *ju_codebook_form(const ju_codebook *cb, const char *id)
{
    int i = ju_codebook_form_index(cb, id);
    return i < 0 ? NULL : &cb->forms[i];
}

int ju_codebook_form_index(const ju_codebook *cb, const char *id)
{
    size_t v;
    return ju_strmap_get(&cb->form_ids, id, strlen(id), &v) ? (int)v : -1;
}

/* a name's meaning packed into a map value: kind, option bit, question */
static size_t pack_name(ju_namekind kind, int question, int option)
{
    return (size_t)kind | (size_t)(option < 0 ? 0 : option) << 2 | (size_t)question << 8;
}

bool ju_form_name(const ju_form *f, const char *s, size_t n, ju_nameref *out)
{
    size_t v;
    if (!ju_strmap_get(&f->names, s, n, &v))
        return false;
    out->kind = (ju_namekind)(v & 3);
    out->option = out->kind == JU_NAME_OPTION ? (int)(v >> 2 & 63) : -1;
    out->question = (int)(v >> 8);
    return true;
}

int ju_form_question(const ju_form *f, const char *id)
{
    ju_nameref nm;
    return ju_form_name(f, id, strlen(id), &nm) && nm.kind == JU_NAME_QUESTION ? nm.question : -1;
}

int ju_form_key(const ju_form *f)
{
    for (size_t i = 0; i < f->nquestions; i++)
        if (f->questions[i].type == JU_QT_CODE)
            return (int)i;
    return -1;
}

int ju_question_choice(const ju_question *q, long long value)
{
    for (size_t i = 0; i < q->nchoices; i++)
        if (q->choices[i].value == value)
            return (int)i;
    return -1;
}

size_t ju_bin_index(const ju_question *q, long long v)
{
    size_t k = 0;
    for (size_t i = 0; i < q->nbins; i++)
        if (q->bins[i].lower <= v)
            k = i;
    return k;
}

/* --- reading helpers ----------------------------------------------------- */

typedef struct {
    ju_arena *a;
    ju_diags *d;
    const char *dir;
    int year;
    size_t before;    /* the run's errors before loading: more after means the codebook failed */
    ju_status status; /* JU_ERR_IO when a file could not be read */
} loader;

static bool failed(const loader *L)
{
    return L->d->errors > L->before;
}

static void err_at(loader *L, const ju_csv *c, size_t r, int col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void err_at(loader *L, const ju_csv *c, size_t r, int col, const char *fmt, ...)
{
    int line, cl;
    ju_csv_cell_pos(c, r, col, &line, &cl);
    va_list ap;
    va_start(ap, fmt);
    char *msg = ju_arena_vprintf(L->a, fmt, ap);
    va_end(ap);
    ju_diag_add(L->d, JU_SEV_ERROR, c->path, line, cl, "%s", msg);
}

static bool read_table(loader *L, const char *name, const char *const *cols, ju_csv *c, int *idx)
{
    char *path = ju_arena_printf(L->a, "%s/%s", L->dir, name);
    ju_status st = ju_csv_read(L->a, L->d, path, c);
    if (st != JU_OK || !ju_csv_require(L->d, c, cols, idx)) {
        if (st == JU_ERR_IO || st == JU_ERR_NOMEM)
            L->status = st;
        return false;
    }
    return true;
}

static const char *cell(loader *L, const ju_csv *c, size_t r, int col)
{
    return ju_trim(L->a, ju_csv_get(c, r, col));
}

static bool is_identifier(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_')
            return false;
    return true;
}

static ju_form *find_form(ju_codebook *cb, const char *id)
{
    int i = ju_codebook_form_index(cb, id);
    return i < 0 ? NULL : &cb->forms[i];
}

/* --- base definitions ---------------------------------------------------- */

/* value := integer | Y | Y-k | Y+k */
static bool parse_value(loader *L, const char *s, long long *out)
{
    char *t = ju_trim(L->a, s);
    if (t[0] == 'Y') {
        long long k = 0;
        if (t[1] == '\0') {
            *out = L->year;
            return true;
        }
        if ((t[1] == '-' || t[1] == '+') && ju_parse_int(t + 2, &k) == JU_NUM_OK && k >= 0) {
            *out = t[1] == '-' ? L->year - k : L->year + k;
            return true;
        }
        return false;
    }
    return ju_parse_int(t, out) == JU_NUM_OK;
}

/* resolves an id to a question, or to a multi question's option column */
static bool resolve_id(const ju_form *f, const char *id, int *q, int *opt)
{
    ju_nameref nm;
    *opt = -1;
    *q = -1;
    if (!ju_form_name(f, id, strlen(id), &nm) || nm.kind == JU_NAME_NC)
        return false;
    *q = nm.question;
    *opt = nm.option;
    return true;
}

static bool parse_cond(loader *L, const ju_form *f, const char *text, ju_cond *c, const char **why)
{
    char *s = ju_trim(L->a, text);
    memset(c, 0, sizeof *c);
    c->question = c->option = -1;
    if (strcmp(s, "all") == 0) {
        c->op = JU_COND_ALL;
        return true;
    }
    size_t idlen = 0;
    while (s[idlen] && (isalnum((unsigned char)s[idlen]) || s[idlen] == '_'))
        idlen++;
    if (idlen == 0) {
        *why = "a condition must start with a question id";
        return false;
    }
    char *id = ju_arena_strndup(L->a, s, idlen);
    const char *rest = s + idlen;
    while (*rest == ' ')
        rest++;
    if (!resolve_id(f, id, &c->question, &c->option)) {
        *why = ju_arena_printf(L->a, _("'%s' is not a question or option of form %s"), id, f->id);
        return false;
    }
    if (strcmp(rest, "answered") == 0) {
        if (c->option >= 0) {
            *why = ju_arena_printf(L->a, _("'%s answered': use %s=1 for an option"), id, id);
            return false;
        }
        c->op = JU_COND_ANSWERED;
        return true;
    }
    if (strcmp(rest, "nc") == 0) {
        const ju_question *q = &f->questions[c->question];
        if (c->option >= 0 || q->type != JU_QT_COUNT || !q->nc) {
            *why = ju_arena_printf(L->a, _("'%s nc': %s has no %s flag"), id, id, JU_LABEL_NOT_COUNTED);
            return false;
        }
        c->op = JU_COND_NOT_COUNTED;
        return true;
    }
    static const struct { const char *tok; ju_condop op; } ops[] = {
        {"<=", JU_COND_LE}, {">=", JU_COND_GE}, {"<", JU_COND_LT}, {">", JU_COND_GT}, {"=", JU_COND_IN},
    };
    for (size_t i = 0; i < sizeof ops / sizeof *ops; i++) {
        size_t k = strlen(ops[i].tok);
        if (strncmp(rest, ops[i].tok, k) != 0)
            continue;
        c->op = ops[i].op;
        const char *vals = rest + k;
        size_t cap = 0;
        for (;;) {
            const char *comma = strchr(vals, ',');
            char *one = comma ? ju_arena_strndup(L->a, vals, (size_t)(comma - vals)) : ju_arena_strdup(L->a, vals);
            long long v;
            if (!parse_value(L, one, &v)) {
                *why = ju_arena_printf(L->a, _("'%s' is not a value (an integer, Y, Y-1 …)"), ju_trim(L->a, one));
                return false;
            }
            JU_PUSH(L->a, c->values, c->nvalues, cap, v);
            if (!comma)
                break;
            if (c->op != JU_COND_IN) {
                *why = "only '=' takes a list of values";
                return false;
            }
            vals = comma + 1;
        }
        const ju_question *q = &f->questions[c->question];
        if (c->option < 0 && (q->type == JU_QT_TEXT || q->type == JU_QT_MULTI || q->type == JU_QT_NAME ||
                              q->type == JU_QT_CODE)) {
            *why = q->type == JU_QT_MULTI
                       ? ju_arena_printf(L->a, _("%s is a %s question: only 'answered' (or OPTION=1) applies"), id,
                                         ju_qtype_name(q->type))
                       : ju_arena_printf(L->a, _("%s is a %s question: only 'answered' applies"), id,
                                         ju_qtype_name(q->type));
            return false;
        }
        if (c->option >= 0 && (c->op != JU_COND_IN || c->nvalues != 1 || (c->values[0] != 0 && c->values[0] != 1))) {
            *why = ju_arena_printf(L->a, _("an option column takes =1 (chosen) or =0 (not chosen)"));
            return false;
        }
        return true;
    }
    *why = ju_arena_printf(L->a, _("expected '=', '<=', '>=', '<', '>', 'answered' or 'nc' after %s"), id);
    return false;
}

/* definition := term ('|' term)* ; term := cond ('&' cond)* */
static bool parse_definition(loader *L, const ju_form *f, ju_base *b, const char **why)
{
    size_t capt = 0;
    const char *s = b->definition;
    for (;;) {
        const char *bar = strchr(s, '|');
        char *term_text = bar ? ju_arena_strndup(L->a, s, (size_t)(bar - s)) : ju_arena_strdup(L->a, s);
        ju_term t = {0};
        size_t capc = 0;
        const char *p = term_text;
        for (;;) {
            const char *amp = strchr(p, '&');
            char *ct = amp ? ju_arena_strndup(L->a, p, (size_t)(amp - p)) : ju_arena_strdup(L->a, p);
            ju_cond c;
            if (!parse_cond(L, f, ct, &c, why))
                return false;
            JU_PUSH(L->a, t.conds, t.n, capc, c);
            if (!amp)
                break;
            p = amp + 1;
        }
        JU_PUSH(L->a, b->terms, b->nterms, capt, t);
        if (!bar)
            break;
        s = bar + 1;
    }
    return true;
}

bool ju_condition_parse(ju_arena *a, const ju_form *f, int year, const char *text, ju_base *out, const char **why)
{
    loader L = {.a = a, .year = year};
    memset(out, 0, sizeof *out);
    out->id = out->label = "";
    out->definition = ju_arena_strdup(a, text);
    *why = NULL;
    return parse_definition(&L, f, out, why);
}

/* The questions in an order where each comes after the questions its base
 * reads (depth-first, with an explicit stack: linear in the codebook, and no
 * recursion a long chain of bases could overflow). Returns the index of a
 * question on a loop of bases, or -1. */
static int order_questions(ju_arena *a, ju_form *f)
{
    size_t n = f->nquestions;
    f->order = ju_arena_array(a, n ? n : 1, sizeof *f->order);
    unsigned char *state = ju_arena_alloc(a, n ? n : 1); /* 0 new, 1 on the stack, 2 placed */
    typedef struct { int q; size_t term, cond; } frame;
    frame *stack = ju_arena_array(a, n ? n : 1, sizeof *stack);
    size_t placed = 0;
    for (size_t start = 0; start < n; start++) {
        if (state[start])
            continue;
        size_t depth = 0;
        stack[depth++] = (frame){(int)start, 0, 0};
        state[start] = 1;
        while (depth) {
            frame *top = &stack[depth - 1];
            const ju_base *b = &f->bases[f->questions[top->q].base];
            int next = -1;
            while (top->term < b->nterms && next < 0) {
                const ju_term *t = &b->terms[top->term];
                if (top->cond == t->n) {
                    top->term++;
                    top->cond = 0;
                    continue;
                }
                int r = t->conds[top->cond++].question;
                if (r < 0 || state[r] == 2)
                    continue;
                if (state[r] == 1)
                    return r;
                next = r;
            }
            if (next >= 0) {
                state[next] = 1;
                stack[depth++] = (frame){next, 0, 0};
            } else {
                state[top->q] = 2;
                f->order[placed++] = top->q;
                depth--;
            }
        }
    }
    return -1;
}

/* --- the five files ------------------------------------------------------ */

static void load_forms(loader *L, ju_codebook *cb)
{
    static const char *const cols[] = {"form", "file", "label", "respondent", "segment_by", NULL};
    int ix[5];
    ju_csv c;
    if (!read_table(L, "forms.csv", cols, &c, ix))
        return;
    size_t cap = 0;
    for (size_t r = 1; r < c.nrows && !ju_diags_file_full(L->d, c.path); r++) {
        ju_form f = {0};
        f.id = cell(L, &c, r, ix[0]);
        f.file = cell(L, &c, r, ix[1]);
        f.label = cell(L, &c, r, ix[2]);
        f.respondent = cell(L, &c, r, ix[3]);
        const char *seg = cell(L, &c, r, ix[4]);
        if (!is_identifier(f.id)) {
            err_at(L, &c, r, ix[0], _("form id '%s' must be letters, digits and '_'"), f.id);
            continue;
        }
        if (!ju_strmap_put(L->a, &cb->form_ids, f.id, strlen(f.id), cb->nforms)) {
            err_at(L, &c, r, ix[0], _("form '%s' is defined twice"), f.id);
            continue;
        }
        if (!*f.file)
            err_at(L, &c, r, ix[1], _("form '%s' has no file name"), f.id);
        else if (ju_file_name_problem(f.file))
            err_at(L, &c, r, ix[1], _("form '%s': file '%s' must be a file name in the data folder: %s"), f.id,
                   ju_visible(L->a, f.file, 60), ju_file_name_problem(f.file));
        const char *dot = strchr(seg, '.');
        if (*seg) {
            if (!dot) {
                err_at(L, &c, r, ix[4], _("segment_by must be FORM.QUESTION, e.g. municipality.Q1"));
            } else {
                f.segment_form = ju_arena_strndup(L->a, seg, (size_t)(dot - seg));
                f.segment_question = dot + 1;
            }
        }
        JU_PUSH(L->a, cb->forms, cb->nforms, cap, f);
    }
    if (cb->nforms == 0 && !failed(L))
        err_at(L, &c, 0, 0, _("no forms are defined"));
}

static void load_bases(loader *L, ju_codebook *cb, ju_csv *c, int *ix)
{
    static const char *const cols[] = {"form", "id", "definition", "label", NULL};
    if (!read_table(L, "bases.csv", cols, c, ix))
        return;
    size_t *caps = ju_arena_array(L->a, cb->nforms, sizeof *caps);
    for (size_t r = 1; r < c->nrows && !ju_diags_file_full(L->d, c->path); r++) {
        const char *fid = cell(L, c, r, ix[0]);
        ju_form *f = find_form(cb, fid);
        if (!f) {
            err_at(L, c, r, ix[0], _("unknown form '%s' (forms.csv defines the forms)"), fid);
            continue;
        }
        ju_base b = {0};
        b.id = cell(L, c, r, ix[1]);
        b.definition = cell(L, c, r, ix[2]);
        b.label = cell(L, c, r, ix[3]);
        b.row = (int)r;
        if (!is_identifier(b.id)) {
            err_at(L, c, r, ix[1], _("base id '%s' must be letters, digits and '_'"), b.id);
            continue;
        }
        if (!ju_strmap_put(L->a, &f->base_ids, b.id, strlen(b.id), f->nbases)) {
            err_at(L, c, r, ix[1], _("base '%s' of form %s is defined twice"), b.id, f->id);
            continue;
        }
        if (!*b.definition)
            err_at(L, c, r, ix[2], _("base '%s' has no definition (write 'all' for everyone)"), b.id);
        JU_PUSH(L->a, f->bases, f->nbases, caps[f - cb->forms], b);
    }
}

static int find_base(const ju_form *f, const char *id)
{
    size_t v;
    return ju_strmap_get(&f->base_ids, id, strlen(id), &v) ? (int)v : -1;
}

typedef struct {
    size_t row;
    const char *bins; /* bin set id to attach */
} qextra;

static qextra *load_questions(loader *L, ju_codebook *cb, ju_csv *c, int *ix)
{
    static const char *const cols[] = {"form", "id", "type", "label", "short", "unit",
                                       "base", "bins", "nc", "min", "top", NULL};
    if (!read_table(L, "questions.csv", cols, c, ix))
        return NULL;
    size_t *caps = ju_arena_array(L->a, cb->nforms, sizeof *caps);
    qextra *extra = ju_arena_array(L->a, c->nrows, sizeof *extra);
    for (size_t r = 1; r < c->nrows && !ju_diags_file_full(L->d, c->path); r++) {
        const char *fid = cell(L, c, r, ix[0]);
        ju_form *f = find_form(cb, fid);
        if (!f) {
            err_at(L, c, r, ix[0], _("unknown form '%s' (forms.csv defines the forms)"), fid);
            continue;
        }
        ju_question q = {0};
        q.id = cell(L, c, r, ix[1]);
        q.label = cell(L, c, r, ix[3]);
        q.short_label = cell(L, c, r, ix[4]);
        if (!*q.short_label)
            q.short_label = q.label;
        q.unit = cell(L, c, r, ix[5]);
        q.line = (int)r;
        q.base = -1;
        q.top = 3;
        if (!is_identifier(q.id)) {
            err_at(L, c, r, ix[1], _("question id '%s' must be letters, digits and '_'"), q.id);
            continue;
        }
        ju_nameref seen;
        if (ju_form_name(f, q.id, strlen(q.id), &seen)) {
            if (seen.kind == JU_NAME_QUESTION)
                err_at(L, c, r, ix[1], _("question %s of form %s is defined twice"), q.id, f->id);
            else
                err_at(L, c, r, ix[1], _("question id %s of form %s is already a column of %s"), q.id, f->id,
                       f->questions[seen.question].id);
            continue;
        }
        const char *type = cell(L, c, r, ix[2]);
        int t = -1;
        for (int k = 0; k < JU_QT_COUNT_OF_TYPES; k++)
            if (strcmp(type, qtype_names[k]) == 0)
                t = k;
        if (t < 0) {
            err_at(L, c, r, ix[2], _("%s: unknown type '%s' (code, name, single, multi, count, year, text)"), q.id,
                   type);
            continue;
        }
        q.type = (ju_qtype)t;
        const char *base = cell(L, c, r, ix[6]);
        q.base = find_base(f, base);
        if (q.base < 0) {
            err_at(L, c, r, ix[6], _("%s: base '%s' is not defined for form %s in bases.csv"), q.id, base, f->id);
            continue;
        }
        const char *nc = cell(L, c, r, ix[8]);
        if (*nc) {
            if (q.type != JU_QT_COUNT)
                err_at(L, c, r, ix[8], _("%s: only count questions have a not-counted flag"), q.id);
            else if (!is_identifier(nc))
                err_at(L, c, r, ix[8], _("%s: '%s' is not a column name"), q.id, nc);
            else if (ju_form_name(f, nc, strlen(nc), &seen) ||
                     !ju_strmap_put(L->a, &f->names, nc, strlen(nc), pack_name(JU_NAME_NC, (int)f->nquestions, -1)))
                err_at(L, c, r, ix[8], _("%s: column %s is already used"), q.id, nc);
            q.nc = nc;
        }
        const char *min = cell(L, c, r, ix[9]);
        if (q.type == JU_QT_YEAR) {
            if (ju_parse_int(min, &q.min) != JU_NUM_OK || q.min > L->year || q.min < JU_FIRST_YEAR)
                err_at(L, c, r, ix[9], _("%s: a year question needs 'min', the first valid year (%d to %d)"), q.id,
                       JU_FIRST_YEAR, L->year);
        } else if (*min) {
            err_at(L, c, r, ix[9], _("%s: only year questions have 'min'"), q.id);
        }
        const char *top = cell(L, c, r, ix[10]);
        if (*top) {
            long long v;
            if (q.type != JU_QT_COUNT || ju_parse_int(top, &v) != JU_NUM_OK || v < 1 || v > 100)
                err_at(L, c, r, ix[10], _("%s: 'top' is a number from 1 to 100, for count questions"), q.id);
            else
                q.top = (int)v;
        }
        /* optional column: the year a question counts (Q14: last year's meetings) */
        int ycol = ju_csv_column(c, "year");
        const char *year = cell(L, c, r, ycol);
        long long back = 0;
        if (*year && strcmp(year, "Y") != 0 &&
            (strncmp(year, "Y-", 2) != 0 || ju_parse_int(year + 2, &back) != JU_NUM_OK || back < 1 || back > 9))
            err_at(L, c, r, ycol, _("%s: 'year' is the year the question counts: Y (the survey's), or Y-1 to Y-9"),
                   q.id);
        q.year_offset = -(int)back;
        const char *bins = cell(L, c, r, ix[7]);
        if (*bins && q.type != JU_QT_COUNT)
            err_at(L, c, r, ix[7], _("%s: only count questions have bins"), q.id);
        extra[r] = (qextra){r, *bins ? bins : NULL};
        ju_strmap_put(L->a, &f->names, q.id, strlen(q.id), pack_name(JU_NAME_QUESTION, (int)f->nquestions, -1));
        JU_PUSH(L->a, f->questions, f->nquestions, caps[f - cb->forms], q);
    }
    return extra;
}

static void load_choices(loader *L, ju_codebook *cb)
{
    static const char *const cols[] = {"form", "question", "code", "label", NULL};
    int ix[4];
    ju_csv c;
    if (!read_table(L, "choices.csv", cols, &c, ix))
        return;
    for (size_t r = 1; r < c.nrows && !ju_diags_file_full(L->d, c.path); r++) {
        const char *fid = cell(L, &c, r, ix[0]);
        ju_form *f = find_form(cb, fid);
        if (!f) {
            err_at(L, &c, r, ix[0], _("unknown form '%s'"), fid);
            continue;
        }
        const char *qid = cell(L, &c, r, ix[1]);
        int qi = ju_form_question(f, qid);
        if (qi < 0) {
            err_at(L, &c, r, ix[1], _("question %s is not in questions.csv for form %s"), qid, f->id);
            continue;
        }
        ju_question *q = &f->questions[qi];
        ju_choice ch = {cell(L, &c, r, ix[2]), 0, cell(L, &c, r, ix[3])};
        if (q->nchoices == JU_MAX_CHOICES) {
            err_at(L, &c, r, ix[2], _("%s: more than %d choices"), qid, JU_MAX_CHOICES);
            continue;
        }
        if (q->type == JU_QT_SINGLE) {
            if (ju_parse_int(ch.code, &ch.value) != JU_NUM_OK) {
                err_at(L, &c, r, ix[2], _("%s: a single-choice code is an integer, not '%s'"), qid, ch.code);
                continue;
            }
            if (ju_question_choice(q, ch.value) >= 0) {
                err_at(L, &c, r, ix[2], _("%s: code %s is defined twice"), qid, ch.code);
                continue;
            }
        } else if (q->type == JU_QT_MULTI) {
            if (!is_identifier(ch.code)) {
                err_at(L, &c, r, ix[2], _("%s: an option is a column name, not '%s'"), qid, ch.code);
                continue;
            }
            if (q->nchoices >= JU_MAX_OPTIONS) {
                err_at(L, &c, r, ix[2], _("%s: more than %d options (a multiple-choice question has at most %d)"), qid,
                       JU_MAX_OPTIONS, JU_MAX_OPTIONS);
                continue;
            }
            if (!ju_strmap_put(L->a, &f->names, ch.code, strlen(ch.code),
                               pack_name(JU_NAME_OPTION, qi, (int)q->nchoices))) {
                err_at(L, &c, r, ix[2], _("%s: column %s is already used"), qid, ch.code);
                continue;
            }
            ch.value = (long long)q->nchoices;
        } else {
            err_at(L, &c, r, ix[1], _("%s is a %s question; only single and multi questions have choices"), qid,
                   ju_qtype_name(q->type));
            continue;
        }
        if (!*ch.label)
            err_at(L, &c, r, ix[3], _("%s: choice %s has no label"), qid, ch.code);
        if (q->nchoices == 0 || (q->nchoices >= 8 && (q->nchoices & (q->nchoices - 1)) == 0))
            q->choices = ju_arena_grow(L->a, q->choices, q->nchoices, q->nchoices ? 2 * q->nchoices : 8,
                                       sizeof *q->choices);
        q->choices[q->nchoices++] = ch;
    }
}

typedef struct {
    const char *id;
    ju_bin *bins;
    size_t n, cap;
} binset;

static void load_bins(loader *L, ju_codebook *cb, const ju_csv *qc, const int *qix, const qextra *extra)
{
    static const char *const cols[] = {"bins", "lower", "label", NULL};
    int ix[3];
    ju_csv c;
    if (!read_table(L, "bins.csv", cols, &c, ix))
        return;
    binset *sets = NULL;
    size_t nsets = 0, capsets = 0;
    ju_strmap ids = {0};
    for (size_t r = 1; r < c.nrows && !ju_diags_file_full(L->d, c.path); r++) {
        const char *id = cell(L, &c, r, ix[0]);
        size_t k;
        if (!ju_strmap_get(&ids, id, strlen(id), &k)) {
            binset ns = {id, NULL, 0, 0};
            k = nsets;
            ju_strmap_put(L->a, &ids, id, strlen(id), k);
            JU_PUSH(L->a, sets, nsets, capsets, ns);
        }
        binset *s = &sets[k];
        ju_bin b = {0, cell(L, &c, r, ix[2])};
        if (ju_parse_int(cell(L, &c, r, ix[1]), &b.lower) != JU_NUM_OK || b.lower < 0) {
            err_at(L, &c, r, ix[1], _("bins %s: 'lower' is a non-negative integer"), id);
            continue;
        }
        if (s->n == 0 && b.lower != 0)
            err_at(L, &c, r, ix[1], _("bins %s: the first bin starts at 0"), id);
        if (s->n > 0 && b.lower <= s->bins[s->n - 1].lower)
            err_at(L, &c, r, ix[1], _("bins %s: lower bounds must ascend"), id);
        JU_PUSH(L->a, s->bins, s->n, s->cap, b);
    }
    /* attach: forms' questions were pushed in questions.csv row order */
    for (size_t fi = 0; fi < cb->nforms; fi++) {
        ju_form *f = &cb->forms[fi];
        for (size_t qi = 0; qi < f->nquestions; qi++) {
            ju_question *q = &f->questions[qi];
            if (q->type != JU_QT_COUNT)
                continue;
            const char *want = extra[q->line].bins;
            if (!want)
                continue;
            size_t k;
            bool found = ju_strmap_get(&ids, want, strlen(want), &k);
            if (found) {
                q->bins = sets[k].bins;
                q->nbins = sets[k].n;
            } else
                err_at(L, qc, (size_t)q->line, qix[7], _("%s: bins '%s' are not defined in bins.csv"), q->id, want);
        }
    }
}

/* every question gets what its type needs; bases are parsed and acyclic */
static void finish(loader *L, ju_codebook *cb, const ju_csv *qc, const int *qix, const ju_csv *bc,
                   const int *bix)
{
    for (size_t fi = 0; fi < cb->nforms; fi++) {
        ju_form *f = &cb->forms[fi];
        int keys = 0;
        for (size_t qi = 0; qi < f->nquestions; qi++) {
            ju_question *q = &f->questions[qi];
            size_t r = (size_t)q->line;
            keys += q->type == JU_QT_CODE;
            if ((q->type == JU_QT_SINGLE || q->type == JU_QT_MULTI) && q->nchoices == 0)
                err_at(L, qc, r, qix[2], _("%s: a %s question needs choices in choices.csv"), q->id,
                       ju_qtype_name(q->type));
            if (q->type == JU_QT_COUNT && q->nbins == 0) {
                /* no bins: one bin for every answered value */
                q->bins = ju_arena_alloc(L->a, sizeof *q->bins);
                q->bins[0] = (ju_bin){0, *q->unit ? ju_lexf(L->a, "labels", "answered_unit", "unit", q->unit, NULL)
                                                  : ju_lex("labels", "answered")};
                q->nbins = 1;
            }
            if (q->type == JU_QT_YEAR && q->min <= L->year) {
                q->nchoices = (size_t)(L->year - q->min + 1);
                q->choices = ju_arena_array(L->a, q->nchoices, sizeof *q->choices);
                for (size_t k = 0; k < q->nchoices; k++) {
                    long long y = q->min + (long long)k;
                    q->choices[k] = (ju_choice){ju_arena_printf(L->a, "%lld", y), y, ju_wareki(L->a, y)};
                }
            }
        }
        if (keys != 1)
            err_at(L, qc, 0, qix[2], _("form %s needs exactly one question of type 'code' (it has %d)"), f->id, keys);
        for (size_t bi = 0; bi < f->nbases; bi++) {
            ju_base *b = &f->bases[bi];
            const char *why = NULL;
            if (!parse_definition(L, f, b, &why)) {
                err_at(L, bc, (size_t)b->row, bix[2], _("base %s: %s"), b->id, why);
                b->nterms = 0;
            }
        }
        if (failed(L))
            continue;
        int loop = order_questions(L->a, f);
        if (loop >= 0)
            err_at(L, qc, (size_t)f->questions[loop].line, qix[6],
                   _("%s: its base depends on the question itself (a loop of bases)"),
                   f->questions[loop].id);
    }
    for (size_t fi = 0; fi < cb->nforms; fi++) {
        ju_form *f = &cb->forms[fi];
        if (!f->segment_form)
            continue;
        const ju_form *sf = find_form(cb, f->segment_form);
        int sq = sf ? ju_form_question(sf, f->segment_question) : -1;
        if (sq < 0 || sf->questions[sq].type != JU_QT_SINGLE) {
            ju_diag_add(L->d, JU_SEV_ERROR, ju_arena_printf(L->a, "%s/forms.csv", L->dir), 0, 0,
                        _("form %s: segment_by %s.%s is not a single-choice question"), f->id, f->segment_form,
                        f->segment_question);
        }
    }
}

ju_status ju_codebook_load(ju_arena *a, ju_diags *d, const char *dir, int year, ju_codebook *out)
{
    memset(out, 0, sizeof *out);
    out->dir = ju_arena_strdup(a, dir);
    out->year = year;
    loader L = {a, d, dir, year, d->errors, JU_OK};
    load_forms(&L, out);
    if (failed(&L))
        return L.status != JU_OK ? L.status : JU_ERR_CONFIG;
    ju_csv bc, qc;
    int bix[4], qix[11];
    load_bases(&L, out, &bc, bix);
    if (failed(&L))
        return L.status != JU_OK ? L.status : JU_ERR_CONFIG;
    qextra *extra = load_questions(&L, out, &qc, qix);
    if (failed(&L))
        return L.status != JU_OK ? L.status : JU_ERR_CONFIG;
    load_choices(&L, out);
    load_bins(&L, out, &qc, qix, extra);
    if (failed(&L))
        return L.status != JU_OK ? L.status : JU_ERR_CONFIG;
    finish(&L, out, &qc, qix, &bc, bix);
    return failed(&L) ? JU_ERR_CONFIG : JU_OK;
}
