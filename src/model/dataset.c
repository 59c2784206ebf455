/* dataset.c — response files to typed answers; see dataset.h. */
#include "dataset.h"

#include <stdarg.h>
#include <string.h>

#include "csvread.h"
#include "source.h"
#include "text.h"

/* What a header cell of a response file stands for. */
typedef enum { COL_UNKNOWN, COL_ANSWER, COL_OPTION, COL_NC } colrole;

typedef struct {
    colrole role;
    int question;
    int option; /* COL_OPTION: the option's bit */
} colmap;

typedef struct {
    ju_arena *a;
    ju_diags *d;
    const ju_survey *survey;
    const ju_master *master;
    ju_formdata *fd;
    const ju_form *form;
    /* the header, mapped */
    colmap *map;
    size_t ncols;
    int keycol;
    size_t before; /* errors before this file */
    /* rows: a block that grows, copied into the arena at the end */
    void **rows_block;
    size_t caprows;
} reader;

bool ju_answer_chosen(const ju_answer *ans, int opt)
{
    return ans->kind == JU_ANS_VALUE && opt >= 0 && opt < JU_MAX_OPTIONS &&
           ((unsigned long long)ans->value >> opt & 1u);
}

int ju_formdata_find(const ju_formdata *fd, int m)
{
    return fd->row_of && m >= 0 && (size_t)m < fd->master_n ? fd->row_of[m] : -1;
}

static void error_at(reader *R, int line, int col, const ju_question *q, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* errors name the question: "Q14 (令和6年度の支援会議開催回数): …" */
static void error_at(reader *R, int line, int col, const ju_question *q, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = ju_arena_vprintf(R->a, fmt, ap);
    va_end(ap);
    ju_diag_add(R->d, JU_SEV_ERROR, R->fd->path, line, col, _("%s (%s): %s"), q->id, q->label, msg);
}

#define cell_error(R, cell, q, ...) error_at((R), (cell)->line, (cell)->col, (q), __VA_ARGS__)
#define answer_error(R, ans, q, ...) error_at((R), (int)(ans)->line, (int)(ans)->col, (q), __VA_ARGS__)

/* a short quotation of a cell for messages: first line, at most 24 characters,
 * characters a reader cannot see written as U+XXXX */
static const char *quote_cell(ju_arena *a, const char *s)
{
    size_t n = 0;
    while (s[n] && s[n] != '\n' && s[n] != '\r')
        n++;
    const char *first = s[n] ? ju_arena_strndup(a, s, n) : s;
    const char *shown = ju_visible(a, first, 24);
    bool cut = s[n] && !strstr(shown, "…");
    return ju_arena_printf(a, "\"%s%s\"", shown, cut ? "…" : "");
}

static const char *choice_list(ju_arena *a, const ju_question *q)
{
    if (q->nchoices == 0)
        return "";
    if (q->nchoices > 1 && q->choices[q->nchoices - 1].value - q->choices[0].value == (long long)q->nchoices - 1)
        return ju_arena_printf(a, "%lld–%lld", q->choices[0].value, q->choices[q->nchoices - 1].value);
    char *s = "";
    for (size_t i = 0; i < q->nchoices && i < 20; i++)
        s = ju_arena_printf(a, "%s%s%s", s, i ? ", " : "", q->choices[i].code);
    return q->nchoices > 20 ? ju_arena_printf(a, "%s, …", s) : s;
}

/* CRLF and lone CR to LF, in place (the text only shrinks) */
static char *normalise_newlines(char *s)
{
    char *o = s;
    for (char *p = s; *p; p++) {
        if (*p == '\r') {
            *o++ = '\n';
            if (p[1] == '\n')
                p++;
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
    return s;
}

static const char *count_problem(ju_num r)
{
    switch (r) {
    case JU_NUM_NEGATIVE: return _("is negative (a count is a non-negative whole number)");
    case JU_NUM_FRACTION: return _("is not a whole number (a count has no fraction)");
    case JU_NUM_GROUPING: return _("has misplaced thousands separators (write 1,527 or 1527)");
    case JU_NUM_TOO_LARGE: return _("is too large to be a count");
    default: return _("is not a count (a non-negative whole number)");
    }
}

/* what a header cell stands for in form `f` (constant time) */
static colmap find_column(const ju_form *f, const char *header)
{
    size_t n;
    const char *name = ju_trim_span(header, &n);
    ju_nameref nm;
    if (!ju_form_name(f, name, n, &nm))
        return (colmap){COL_UNKNOWN, -1, -1};
    switch (nm.kind) {
    case JU_NAME_OPTION: return (colmap){COL_OPTION, nm.question, nm.option};
    case JU_NAME_NC: return (colmap){COL_NC, nm.question, -1};
    case JU_NAME_QUESTION: break;
    }
    if (f->questions[nm.question].type == JU_QT_MULTI) /* its options are the columns */
        return (colmap){COL_UNKNOWN, -1, -1};
    return (colmap){COL_ANSWER, nm.question, -1};
}

/* names a column for quoting errors: "Q4_1 (評価指標の具体例)" */
static const char *name_column(void *ctx, ju_arena *a, const char *header)
{
    const ju_form *f = ctx;
    colmap m = find_column(f, header);
    if (m.role == COL_UNKNOWN)
        return NULL;
    return ju_arena_printf(a, "%s (%s)", f->questions[m.question].id, f->questions[m.question].label);
}

/* --- the header ------------------------------------------------------------ */

/* a column's slot among every column the layout asks for: per question its
 * answer column or option columns, then its not-counted column */
typedef struct {
    size_t *first;  /* per question: index of its first slot */
    size_t n;
} slots;

static slots make_slots(ju_arena *a, const ju_form *f)
{
    slots s = {ju_arena_array(a, f->nquestions + 1, sizeof(size_t)), 0};
    for (size_t q = 0; q < f->nquestions; q++) {
        const ju_question *qq = &f->questions[q];
        s.first[q] = s.n;
        s.n += (qq->type == JU_QT_MULTI ? qq->nchoices : 1) + (qq->nc ? 1 : 0);
    }
    s.first[f->nquestions] = s.n;
    return s;
}

static size_t slot_of(const slots *s, const ju_form *f, const colmap *m)
{
    const ju_question *qq = &f->questions[m->question];
    size_t base = s->first[m->question];
    switch (m->role) {
    case COL_OPTION: return base + (size_t)m->option;
    case COL_NC: return base + (qq->type == JU_QT_MULTI ? qq->nchoices : 1);
    default: return base;
    }
}

static void map_header(reader *R, const ju_row *h)
{
    const ju_form *f = R->form;
    R->map = ju_arena_array(R->a, h->n, sizeof *R->map);
    R->ncols = h->n;
    R->keycol = -1;
    int key = ju_form_key(f);
    slots sl = make_slots(R->a, f);
    /* per slot: 1 + the column that fills it, 0 if none yet */
    size_t *seen = ju_arena_array(R->a, sl.n + 1, sizeof *seen);
    size_t unknown_cap = 0;
    for (size_t i = 0; i < h->n; i++) {
        const ju_cell *c = &h->cells[i];
        R->map[i] = find_column(f, c->text);
        if (R->map[i].role == COL_UNKNOWN) {
            const char *name = ju_trim(R->a, c->text);
            const char *shown = *name ? ju_visible(R->a, name, 60)
                                      : ju_arena_printf(R->a, "(no header, column %zu)", i + 1);
            ju_diag_add(R->d, JU_SEV_WARNING, R->fd->path, c->line, c->col,
                        _("column '%s' is not in the codebook; it is ignored"), shown);
            JU_PUSH(R->a, R->fd->unknown_columns, R->fd->nunknown, unknown_cap, shown);
            continue;
        }
        size_t k = slot_of(&sl, f, &R->map[i]);
        if (seen[k]) {
            const ju_question *q = &f->questions[R->map[i].question];
            error_at(R, c->line, c->col, q, _("column '%s' appears twice (also column %zu)"), ju_trim(R->a, c->text),
                     seen[k]);
            R->map[i].role = COL_UNKNOWN; /* read the first one only */
            continue;
        }
        seen[k] = i + 1;
        if (R->map[i].role == COL_ANSWER && R->map[i].question == key)
            R->keycol = (int)i;
    }
    /* every column of the layout must be there */
    for (size_t q = 0; q < f->nquestions; q++) {
        const ju_question *qq = &f->questions[q];
        size_t want = qq->type == JU_QT_MULTI ? qq->nchoices : 1;
        for (size_t k = 0; k < want; k++)
            if (!seen[sl.first[q] + k])
                ju_diag_add(R->d, JU_SEV_ERROR, R->fd->path, 1, 0, _("%s (%s): column '%s' is missing"), qq->id,
                            qq->label, qq->type == JU_QT_MULTI ? qq->choices[k].code : qq->id);
        if (qq->nc && !seen[sl.first[q] + want])
            ju_diag_add(R->d, JU_SEV_ERROR, R->fd->path, 1, 0, _("%s (%s): column '%s' (%s) is missing"), qq->id,
                        qq->label, qq->nc, JU_LABEL_NOT_COUNTED);
    }
}

/* --- cells ---------------------------------------------------------------- */

static void set_answer(ju_answer *ans, ju_anskind kind, long long value, const char *text, const ju_cell *cell)
{
    ans->kind = kind;
    if (text)
        ans->text = text;
    else
        ans->value = value;
    ans->line = (unsigned)cell->line;
    ans->col = (unsigned)cell->col;
}

static void read_key(reader *R, ju_respondent *resp, const ju_question *q, ju_cell *cell)
{
    ju_answer *ans = &resp->answers[ju_form_key(R->form)];
    set_answer(ans, JU_ANS_NA, 0, NULL, cell);
    resp->master = -1;
    size_t n;
    const char *t = ju_trim_span(cell->text, &n);
    char raw[7];
    size_t len = 0;
    bool digits = true;
    /* six digits, ASCII or full-width */
    for (size_t i = 0, k; i < n; i += k) {
        char c = t[i];
        k = 1;
        if ((unsigned char)t[i] == 0xEF && i + 2 < n && (unsigned char)t[i + 1] == 0xBC &&
            (unsigned char)t[i + 2] >= 0x90 && (unsigned char)t[i + 2] <= 0x99) {
            c = (char)('0' + ((unsigned char)t[i + 2] - 0x90));
            k = 3;
        }
        if (c < '0' || c > '9' || len == 6) {
            digits = false;
            break;
        }
        raw[len++] = c;
    }
    raw[len] = '\0';
    if (n == 0) {
        cell_error(R, cell, q, _("the code is blank"));
        return;
    }
    if (!digits || len != 6) {
        cell_error(R, cell, q, _("%s is not a 6-digit local government code"), quote_cell(R->a, cell->text));
        return;
    }
    char check = ju_code_check_digit(raw);
    if (check != raw[5]) {
        cell_error(R, cell, q, _("%s fails its check digit (the last digit should be %c)"), raw, check);
        return;
    }
    int m = ju_master_find(R->master, raw);
    if (m < 0) {
        cell_error(R, cell, q, _("%s is not one of the municipalities of %s"), raw, R->master->path);
        return;
    }
    int earlier = R->fd->row_of[m];
    if (earlier >= 0) {
        const ju_respondent *rows = *R->rows_block;
        cell_error(R, cell, q, _("%s %s appears twice (first on line %u)"), raw, R->master->items[m].name,
                   rows[earlier].answers[ju_form_key(R->form)].line);
        return;
    }
    R->fd->row_of[m] = (int)R->fd->n;
    resp->master = m;
    resp->code = R->master->items[m].code;
    ans->kind = JU_ANS_VALUE;
    ans->text = resp->code;
}

static void read_cell(reader *R, ju_respondent *resp, const colmap *cm, ju_cell *cell)
{
    const ju_question *q = &R->form->questions[cm->question];
    ju_answer *ans = &resp->answers[cm->question];
    const char *s = cell->text;
    if (cm->role == COL_OPTION) {
        int flag = ju_parse_flag(s);
        if (flag < 0) {
            const ju_choice *ch = &q->choices[cm->option];
            cell_error(R, cell, q, _("%s (%s): %s is not a flag (1 or ○ = chosen, 0 or blank = not chosen)"), ch->code,
                       ch->label, quote_cell(R->a, s));
        } else if (flag) {
            if (ans->kind == JU_ANS_NA)
                set_answer(ans, JU_ANS_VALUE, 0, NULL, cell);
            ans->value = (long long)((unsigned long long)ans->value | 1ULL << cm->option);
        }
        return;
    }
    if (cm->role == COL_NC) {
        int flag = ju_parse_flag(s);
        if (flag < 0)
            cell_error(R, cell, q, _("%s: %s is not a flag (1 or ○ = %s, 0 or blank = counted)"), q->nc,
                       quote_cell(R->a, s), JU_LABEL_NOT_COUNTED);
        else if (flag) {
            if (ans->kind == JU_ANS_VALUE)
                answer_error(R, ans, q, _("a count (%lld) together with its not-counted flag %s; give one or the other"),
                             ans->value, q->nc);
            else
                set_answer(ans, JU_ANS_NC, 0, NULL, cell);
        }
        return;
    }
    ans->line = (unsigned)cell->line;
    ans->col = (unsigned)cell->col;
    if (ju_is_blank(s))
        return;
    long long v;
    ju_num r;
    switch (q->type) {
    case JU_QT_CODE:
        break; /* read_key */
    case JU_QT_NAME: {
        size_t n;
        char *name = (char *)ju_trim_span(cell->text, &n);
        name[n] = '\0'; /* trimmed in place: the cell is read once */
        set_answer(ans, JU_ANS_VALUE, 0, name, cell);
        break;
    }
    case JU_QT_TEXT: {
        /* the outputs' one typography from the start: （） around Japanese, ～ for ranges */
        set_answer(ans, JU_ANS_VALUE, 0, ju_typeset_japanese(R->a, normalise_newlines(cell->text)), cell);
        size_t units = ju_utf16_length(ans->text);
        if (units > JU_EXCEL_CELL_MAX)
            ju_diag_add(R->d, JU_SEV_WARNING, R->fd->path, cell->line, cell->col,
                        _("%s (%s): this answer is %zu characters long; a cell of Excel holds at most %d, so the "
                          "workbooks show its first %d and …"),
                        q->id, q->label, units, JU_EXCEL_CELL_MAX, JU_EXCEL_CELL_MAX - 1);
        break;
    }
    case JU_QT_SINGLE:
        r = ju_parse_int(s, &v);
        if (r != JU_NUM_OK || ju_question_choice(q, v) < 0) {
            cell_error(R, cell, q, _("%s is not one of its codes (%s)"), quote_cell(R->a, s), choice_list(R->a, q));
            break;
        }
        set_answer(ans, JU_ANS_VALUE, v, NULL, cell);
        break;
    case JU_QT_YEAR:
        r = ju_parse_int(s, &v);
        if (r != JU_NUM_OK) {
            cell_error(R, cell, q, _("%s is not a year (write the western fiscal year, e.g. %d)"), quote_cell(R->a, s),
                       R->survey->year);
            break;
        }
        if (v < q->min || v > R->survey->year) {
            cell_error(R, cell, q, _("%lld is outside %lld–%d"), v, q->min, R->survey->year);
            break;
        }
        set_answer(ans, JU_ANS_VALUE, v, NULL, cell);
        break;
    case JU_QT_COUNT:
        r = ju_parse_count(s, &v);
        if (r != JU_NUM_OK) {
            cell_error(R, cell, q, _("%s %s"), quote_cell(R->a, s), count_problem(r));
            break;
        }
        if (ans->kind == JU_ANS_NC) {
            cell_error(R, cell, q, _("a count (%lld) together with its not-counted flag %s; give one or the other"), v,
                       q->nc);
            break;
        }
        set_answer(ans, JU_ANS_VALUE, v, NULL, cell);
        break;
    case JU_QT_MULTI:
    case JU_QT_COUNT_OF_TYPES:
        break;
    }
}

static bool row_blank(const ju_row *row)
{
    for (size_t i = 0; i < row->n; i++)
        if (!ju_is_blank(row->cells[i].text))
            return false;
    return true;
}

/* one data row: checked and typed, or only reported */
static bool read_row(void *ctx, const ju_row *header, const ju_row *row)
{
    reader *R = ctx;
    ju_formdata *fd = R->fd;
    const ju_form *f = R->form;
    if (!R->map)
        map_header(R, header);
    if (ju_diags_file_full(R->d, fd->path))
        return false;
    if (row_blank(row))
        return true;
    size_t ncols = R->ncols;
    if (row->n < ncols) {
        ju_diag_add(R->d, JU_SEV_ERROR, fd->path, row->cells[0].line, 0,
                    _("short row: %zu cells where the header has %zu (a cell or a comma is missing)"), row->n, ncols);
        return true;
    }
    if (row->n > ncols) {
        ju_diag_add(R->d, JU_SEV_ERROR, fd->path, row->cells[ncols].line, row->cells[ncols].col,
                    _("long row: %zu cells where the header has %zu (an unquoted comma in a cell?)"), row->n, ncols);
        return true;
    }
    if (fd->n == R->caprows) {
        R->caprows = R->caprows ? 2 * R->caprows : 64;
        *R->rows_block = ju_realloc(R->a, *R->rows_block, R->caprows * sizeof(ju_respondent));
    }
    ju_respondent *resp = &((ju_respondent *)*R->rows_block)[fd->n];
    memset(resp, 0, sizeof *resp);
    resp->answers = ju_arena_array(R->a, f->nquestions, sizeof *resp->answers);
    resp->in_base = ju_arena_array(R->a, f->nquestions, sizeof *resp->in_base);
    resp->segment = -1;
    resp->master = -1;
    int key = ju_form_key(f);
    if (R->keycol >= 0)
        read_key(R, resp, &f->questions[key], &row->cells[R->keycol]);
    /* the key is read first so the count cell comes after it; nc flags after counts */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < ncols; i++) {
            if (R->map[i].role == COL_UNKNOWN || (int)i == R->keycol)
                continue;
            if ((pass == 0) == (R->map[i].role == COL_NC))
                continue;
            read_cell(R, resp, &R->map[i], &row->cells[i]);
        }
    if (resp->master >= 0) {
        /* name must match the master list */
        for (size_t q = 0; q < f->nquestions; q++) {
            const ju_answer *ans = &resp->answers[q];
            if (f->questions[q].type != JU_QT_NAME)
                continue;
            const char *want = R->master->items[resp->master].name;
            if (ans->kind != JU_ANS_VALUE)
                answer_error(R, ans, &f->questions[q], _("the name of %s %s is blank"), resp->code, want);
            else if (strcmp(ans->text, want) != 0)
                answer_error(R, ans, &f->questions[q], _("%s does not match %s %s in the master list"),
                             quote_cell(R->a, ans->text), resp->code, want);
        }
    }
    fd->n++;
    return true;
}

static ju_status read_form(reader *R)
{
    ju_formdata *fd = R->fd;
    const ju_form *f = R->form;
    R->before = R->d->errors;
    fd->master_n = R->master->n;
    fd->row_of = ju_arena_array(R->a, R->master->n ? R->master->n : 1, sizeof *fd->row_of);
    for (size_t m = 0; m < R->master->n; m++)
        fd->row_of[m] = -1;
    ju_source src;
    ju_status st = ju_source_read(R->a, R->d, fd->path, &src);
    if (st != JU_OK)
        return st;
    fd->encoding = src.encoding;
    R->rows_block = ju_arena_slot(R->a);
    ju_row header;
    st = ju_csv_scan(R->a, R->d, &src, name_column, (void *)f, read_row, R, &header);
    if (st == JU_OK && !R->map)
        map_header(R, &header); /* a header and no rows */
    fd->rows = ju_arena_array(R->a, fd->n ? fd->n : 1, sizeof *fd->rows);
    if (fd->n)
        memcpy(fd->rows, *R->rows_block, fd->n * sizeof *fd->rows);
    ju_free(*R->rows_block);
    *R->rows_block = NULL;
    if (st != JU_OK)
        return st;
    if (fd->n == 0 && R->d->errors == R->before)
        ju_diag_add(R->d, JU_SEV_ERROR, fd->path, 0, 0, _("the file has a header row but no responses"));
    if (R->d->errors > R->before)
        return JU_ERR_DATA;
    /* who did not answer at all */
    size_t cap = 0;
    for (size_t m = 0; m < R->master->n; m++) {
        if (fd->row_of[m] >= 0)
            continue;
        JU_PUSH(R->a, fd->missing, fd->nmissing, cap, (int)m);
        ju_diag_add(R->d, JU_SEV_WARNING, fd->path, 0, 0, _("no row for %s %s: this %s did not respond"),
                    R->master->items[m].code, R->master->items[m].name, f->respondent);
    }
    return JU_OK;
}

/* --- bases ---------------------------------------------------------------- */

/* a condition on answers that are already settled */
static bool cond_holds(const ju_respondent *r, const ju_cond *c)
{
    if (c->op == JU_COND_ALL)
        return true;
    const ju_answer *ans = &r->answers[c->question];
    if (c->op == JU_COND_ANSWERED)
        return ans->kind != JU_ANS_NA;
    if (c->op == JU_COND_NOT_COUNTED)
        return ans->kind == JU_ANS_NC;
    if (c->option >= 0)
        return ju_answer_chosen(ans, c->option) == (c->values[0] == 1);
    if (ans->kind != JU_ANS_VALUE)
        return false;
    long long v = ans->value, w = c->values[0];
    switch (c->op) {
    case JU_COND_IN:
        for (size_t i = 0; i < c->nvalues; i++)
            if (c->values[i] == v)
                return true;
        return false;
    case JU_COND_LE: return v <= w;
    case JU_COND_GE: return v >= w;
    case JU_COND_LT: return v < w;
    case JU_COND_GT: return v > w;
    case JU_COND_ALL:
    case JU_COND_ANSWERED:
    case JU_COND_NOT_COUNTED: break;
    }
    return false;
}

bool ju_respondent_matches(const ju_respondent *r, const ju_base *b)
{
    for (size_t t = 0; t < b->nterms; t++) {
        bool all = true;
        for (size_t k = 0; k < b->terms[t].n && all; k++)
            all = cond_holds(r, &b->terms[t].conds[k]);
        if (all)
            return true;
    }
    return false;
}

/* decides every question's base for every respondent, each question after
 * the questions its base reads (the codebook's order), dropping answers
 * given outside it */
static void settle_form(ju_diags *d, const ju_master *m, ju_formdata *fd)
{
    const ju_form *f = fd->form;
    for (size_t k = 0; k < f->nquestions; k++) {
        int q = f->order[k];
        const ju_question *qq = &f->questions[q];
        const ju_base *b = &f->bases[qq->base];
        for (size_t i = 0; i < fd->n; i++) {
            ju_respondent *r = &fd->rows[i];
            r->in_base[q] = ju_respondent_matches(r, b);
            ju_answer *ans = &r->answers[q];
            if (r->in_base[q] || ans->kind == JU_ANS_NA)
                continue;
            ju_diag_add(d, JU_SEV_WARNING, fd->path, (int)ans->line, (int)ans->col,
                        _("%s (%s): answered by %s %s, which is outside the question's base (%s: %s); the answer is "
                        "ignored"),
                        qq->id, qq->label, r->code, m->items[r->master].name, b->label, b->definition);
            ans->kind = JU_ANS_NA;
            ans->ignored = 1;
        }
    }
}

ju_status ju_dataset_read(ju_arena *a, ju_diags *d, const ju_survey *survey, const ju_codebook *cb,
                          const ju_master *master, ju_dataset *out)
{
    memset(out, 0, sizeof *out);
    out->survey = survey;
    out->codebook = cb;
    out->master = master;
    out->nforms = cb->nforms;
    out->forms = ju_arena_array(a, cb->nforms, sizeof *out->forms);
    ju_status worst = JU_OK;
    for (size_t i = 0; i < cb->nforms; i++) {
        ju_formdata *fd = &out->forms[i];
        fd->form = &cb->forms[i];
        fd->path = ju_arena_printf(a, "%s/%s", survey->dir, fd->form->file);
        reader R = {.a = a, .d = d, .survey = survey, .master = master, .fd = fd, .form = fd->form};
        ju_status st = read_form(&R);
        if (st == JU_ERR_IO || (st != JU_OK && worst == JU_OK))
            worst = st;
    }
    if (worst != JU_OK)
        return worst;
    for (size_t i = 0; i < out->nforms; i++)
        settle_form(d, master, &out->forms[i]);
    /* segments: each row takes the segmenting question's answer of its code */
    for (size_t i = 0; i < out->nforms; i++) {
        ju_formdata *fd = &out->forms[i];
        const ju_form *f = fd->form;
        if (!f->segment_form)
            continue;
        int sfi = ju_codebook_form_index(cb, f->segment_form);
        const ju_formdata *sfd = &out->forms[sfi];
        int sq = ju_form_question(sfd->form, f->segment_question);
        for (size_t r = 0; r < fd->n; r++) {
            int k = ju_formdata_find(sfd, fd->rows[r].master);
            if (k >= 0 && sfd->rows[k].answers[sq].kind == JU_ANS_VALUE)
                fd->rows[r].segment = sfd->rows[k].answers[sq].value;
        }
    }
    return JU_OK;
}
