/* dataset.c — response files to typed answers; see dataset.h. */
#include "dataset.h"

#include <string.h>

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
} reader;

bool ju_answer_chosen(const ju_answer *ans, int opt)
{
    return ans->kind == JU_ANS_VALUE && opt >= 0 && opt < 64 && (ans->value >> opt & 1);
}

void ju_answer_position(const ju_formdata *fd, const ju_answer *ans, int *line, int *col)
{
    ju_csv_pos(&fd->csv, ans->offset, line, col);
}

static void cell_error(reader *R, size_t offset, const ju_question *q, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* errors name the question: "Q14 (令和6年度の支援会議開催回数): …" */
static void cell_error(reader *R, size_t offset, const ju_question *q, const char *fmt, ...)
{
    int line, col;
    ju_csv_pos(&R->fd->csv, offset, &line, &col);
    va_list ap;
    va_start(ap, fmt);
    char *msg = ju_arena_vprintf(R->a, fmt, ap);
    va_end(ap);
    ju_diag_add(R->d, JU_SEV_ERROR, R->fd->path, line, col, "%s (%s): %s", q->id, q->label, msg);
}

/* a short quotation of a cell for messages: first line, at most 24 characters */
static const char *quote_cell(ju_arena *a, const char *s)
{
    size_t n = 0, chars = 0;
    while (s[n] && s[n] != '\n' && s[n] != '\r' && chars < 24) {
        n++;
        while (((unsigned char)s[n] & 0xC0) == 0x80)
            n++;
        chars++;
    }
    return ju_arena_printf(a, "\"%.*s%s\"", (int)n, s, s[n] ? "…" : "");
}

static const char *choice_list(ju_arena *a, const ju_question *q)
{
    if (q->nchoices == 0)
        return "";
    if (q->nchoices > 1 && q->choices[q->nchoices - 1].value - q->choices[0].value == (long long)q->nchoices - 1)
        return ju_arena_printf(a, "%lld–%lld", q->choices[0].value, q->choices[q->nchoices - 1].value);
    char *s = "";
    for (size_t i = 0; i < q->nchoices; i++)
        s = ju_arena_printf(a, "%s%s%s", s, i ? ", " : "", q->choices[i].code);
    return s;
}

static char *normalise_newlines(ju_arena *a, const char *s)
{
    size_t n = strlen(s);
    char *out = ju_arena_alloc(a, n + 1), *o = out;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\r') {
            *o++ = '\n';
            if (s[i + 1] == '\n')
                i++;
        } else {
            *o++ = s[i];
        }
    }
    *o = '\0';
    return out;
}

static const char *count_problem(ju_num r)
{
    switch (r) {
    case JU_NUM_NEGATIVE: return "is negative (a count is a non-negative whole number)";
    case JU_NUM_FRACTION: return "is not a whole number (a count has no fraction)";
    case JU_NUM_GROUPING: return "has misplaced thousands separators (write 1,527 or 1527)";
    case JU_NUM_TOO_LARGE: return "is too large to be a count";
    default: return "is not a count (a non-negative whole number)";
    }
}

/* what a header cell stands for in form `f` */
static colmap find_column(const ju_form *f, const char *name)
{
    for (size_t q = 0; q < f->nquestions; q++) {
        const ju_question *qq = &f->questions[q];
        if (qq->type == JU_QT_MULTI) {
            for (size_t k = 0; k < qq->nchoices; k++)
                if (strcmp(qq->choices[k].code, name) == 0)
                    return (colmap){COL_OPTION, (int)q, (int)qq->choices[k].value};
        } else if (strcmp(qq->id, name) == 0) {
            return (colmap){COL_ANSWER, (int)q, -1};
        } else if (qq->nc && strcmp(qq->nc, name) == 0) {
            return (colmap){COL_NC, (int)q, -1};
        }
    }
    return (colmap){COL_UNKNOWN, -1, -1};
}

/* names a column for quoting errors: "Q4_1 (評価指標の具体例)" */
static const char *name_column(void *ctx, ju_arena *a, const char *header)
{
    const ju_form *f = ctx;
    colmap m = find_column(f, ju_trim(a, header));
    if (m.role == COL_UNKNOWN)
        return NULL;
    return ju_arena_printf(a, "%s (%s)", f->questions[m.question].id, f->questions[m.question].label);
}

/* --- the header ------------------------------------------------------------ */

static colmap *map_header(reader *R)
{
    const ju_csv *c = &R->fd->csv;
    const ju_form *f = R->form;
    const ju_row *h = &c->rows[0];
    colmap *map = ju_arena_array(R->a, h->n, sizeof *map);
    size_t unknown_cap = 0;
    for (size_t i = 0; i < h->n; i++) {
        const char *name = ju_trim(R->a, h->cells[i].text);
        int line, col;
        ju_csv_pos(c, h->cells[i].offset, &line, &col);
        map[i] = find_column(f, name);
        if (map[i].role == COL_UNKNOWN) {
            const char *shown = *name ? name : ju_arena_printf(R->a, "(no header, column %zu)", i + 1);
            ju_diag_add(R->d, JU_SEV_WARNING, R->fd->path, line, col,
                        "column '%s' is not in the codebook; it is ignored", shown);
            JU_PUSH(R->a, R->fd->unknown_columns, R->fd->nunknown, unknown_cap, shown);
            continue;
        }
        for (size_t j = 0; j < i; j++)
            if (map[j].role == map[i].role && map[j].question == map[i].question && map[j].option == map[i].option) {
                const ju_question *q = &f->questions[map[i].question];
                ju_diag_add(R->d, JU_SEV_ERROR, R->fd->path, line, col,
                            "%s (%s): column '%s' appears twice (also column %zu)", q->id, q->label, name, j + 1);
            }
    }
    /* every column of the layout must be there */
    for (size_t q = 0; q < f->nquestions; q++) {
        const ju_question *qq = &f->questions[q];
        size_t want = qq->type == JU_QT_MULTI ? qq->nchoices : 1;
        for (size_t k = 0; k < want; k++) {
            bool found = false;
            const char *name = qq->type == JU_QT_MULTI ? qq->choices[k].code : qq->id;
            for (size_t i = 0; i < h->n; i++)
                if (map[i].question == (int)q &&
                    (qq->type == JU_QT_MULTI ? map[i].option == (int)qq->choices[k].value : map[i].role == COL_ANSWER))
                    found = true;
            if (!found) {
                ju_diag_add(R->d, JU_SEV_ERROR, R->fd->path, 1, 0, "%s (%s): column '%s' is missing", qq->id,
                            qq->label, name);
            }
        }
        if (qq->nc) {
            bool found = false;
            for (size_t i = 0; i < h->n; i++)
                if (map[i].role == COL_NC && map[i].question == (int)q)
                    found = true;
            if (!found) {
                ju_diag_add(R->d, JU_SEV_ERROR, R->fd->path, 1, 0, "%s (%s): column '%s' (%s) is missing", qq->id,
                            qq->label, qq->nc, JU_LABEL_NOT_COUNTED);
            }
        }
    }
    return map;
}

/* --- cells ---------------------------------------------------------------- */

static void read_key(reader *R, ju_respondent *resp, const ju_question *q, const ju_cell *cell, size_t row)
{
    const char *raw = ju_fold_digits(R->a, ju_trim(R->a, cell->text));
    ju_answer *ans = &resp->answers[ju_form_key(R->form)];
    ans->offset = cell->offset;
    ans->text = raw;
    resp->master = -1;
    if (!*raw) {
        cell_error(R, cell->offset, q, "the code is blank");
        return;
    }
    bool digits = strlen(raw) == 6;
    for (size_t i = 0; raw[i]; i++)
        digits = digits && raw[i] >= '0' && raw[i] <= '9';
    if (!digits) {
        cell_error(R, cell->offset, q, "%s is not a 6-digit 全国地方公共団体コード", quote_cell(R->a, cell->text));
        return;
    }
    char check = ju_code_check_digit(raw);
    if (check != raw[5]) {
        cell_error(R, cell->offset, q, "%s fails its check digit (the last digit should be %c)", raw, check);
        return;
    }
    int m = ju_master_find(R->master, raw);
    if (m < 0) {
        cell_error(R, cell->offset, q, "%s is not one of the municipalities of %s", raw, R->master->path);
        return;
    }
    for (size_t i = 0; i < row; i++)
        if (R->fd->rows[i].master == m) {
            int line, col;
            ju_csv_pos(&R->fd->csv, R->fd->rows[i].answers[ju_form_key(R->form)].offset, &line, &col);
            cell_error(R, cell->offset, q, "%s %s appears twice (first on line %d)", raw, R->master->items[m].name,
                       line);
            return;
        }
    resp->master = m;
    resp->code = R->master->items[m].code;
    ans->kind = JU_ANS_VALUE;
}

static void read_cell(reader *R, ju_respondent *resp, const colmap *cm, const ju_cell *cell)
{
    const ju_question *q = &R->form->questions[cm->question];
    ju_answer *ans = &resp->answers[cm->question];
    const char *s = cell->text;
    if (cm->role == COL_OPTION) {
        int flag = ju_parse_flag(R->a, s);
        if (flag < 0) {
            const ju_choice *ch = &q->choices[cm->option];
            cell_error(R, cell->offset, q, "%s (%s): %s is not a flag (1 or ○ = chosen, 0 or blank = not chosen)",
                       ch->code, ch->label, quote_cell(R->a, s));
        } else if (flag) {
            if (ans->kind == JU_ANS_NA)
                ans->offset = cell->offset;
            ans->kind = JU_ANS_VALUE;
            ans->value |= 1LL << cm->option;
        }
        return;
    }
    if (cm->role == COL_NC) {
        int flag = ju_parse_flag(R->a, s);
        if (flag < 0)
            cell_error(R, cell->offset, q, "%s: %s is not a flag (1 or ○ = %s, 0 or blank = counted)", q->nc,
                       quote_cell(R->a, s), JU_LABEL_NOT_COUNTED);
        else if (flag) {
            if (ans->kind == JU_ANS_VALUE)
                cell_error(R, ans->offset, q, "a count (%lld) together with its not-counted flag %s; give one or the other",
                           ans->value, q->nc);
            else {
                ans->kind = JU_ANS_NC;
                ans->offset = cell->offset;
            }
        }
        return;
    }
    ans->offset = cell->offset;
    if (ju_is_blank(s))
        return;
    long long v;
    ju_num r;
    switch (q->type) {
    case JU_QT_CODE:
        break; /* read_key */
    case JU_QT_NAME: {
        const char *name = ju_trim(R->a, s);
        ans->text = name;
        ans->offset = cell->offset;
        ans->kind = JU_ANS_VALUE;
        break;
    }
    case JU_QT_TEXT:
        ans->kind = JU_ANS_VALUE;
        ans->text = normalise_newlines(R->a, s);
        ans->offset = cell->offset;
        break;
    case JU_QT_SINGLE:
        r = ju_parse_int(R->a, s, &v);
        if (r != JU_NUM_OK || ju_question_choice(q, v) < 0) {
            cell_error(R, cell->offset, q, "%s is not one of its codes (%s)", quote_cell(R->a, s), choice_list(R->a, q));
            break;
        }
        *ans = (ju_answer){JU_ANS_VALUE, false, v, NULL, cell->offset};
        break;
    case JU_QT_YEAR:
        r = ju_parse_int(R->a, s, &v);
        if (r != JU_NUM_OK) {
            cell_error(R, cell->offset, q, "%s is not a year (write the western fiscal year, e.g. %d)",
                       quote_cell(R->a, s), R->survey->year);
            break;
        }
        if (v < q->min || v > R->survey->year) {
            cell_error(R, cell->offset, q, "%lld is outside %lld–%d", v, q->min, R->survey->year);
            break;
        }
        *ans = (ju_answer){JU_ANS_VALUE, false, v, NULL, cell->offset};
        break;
    case JU_QT_COUNT:
        r = ju_parse_count(R->a, s, &v);
        if (r != JU_NUM_OK) {
            cell_error(R, cell->offset, q, "%s %s", quote_cell(R->a, s), count_problem(r));
            break;
        }
        if (ans->kind == JU_ANS_NC) {
            cell_error(R, cell->offset, q, "a count (%lld) together with its not-counted flag %s; give one or the other",
                       v, q->nc);
            break;
        }
        *ans = (ju_answer){JU_ANS_VALUE, false, v, NULL, cell->offset};
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

static ju_status read_form(reader *R)
{
    ju_formdata *fd = R->fd;
    const ju_form *f = R->form;
    size_t before = R->d->errors;
    ju_status st = ju_csv_read_named(R->a, R->d, fd->path, name_column, (void *)f, &fd->csv);
    if (st != JU_OK)
        return st;
    colmap *map = map_header(R);
    const ju_csv *c = &fd->csv;
    size_t ncols = c->rows[0].n;
    int key = ju_form_key(f);
    int keycol = -1;
    for (size_t i = 0; i < ncols; i++)
        if (map[i].role == COL_ANSWER && map[i].question == key)
            keycol = (int)i;
    fd->rows = ju_arena_array(R->a, c->nrows, sizeof *fd->rows);
    for (size_t r = 1; r < c->nrows && !ju_diags_file_full(R->d, fd->path); r++) {
        const ju_row *row = &c->rows[r];
        if (row_blank(row))
            continue;
        int line, col;
        ju_csv_pos(c, row->cells[0].offset, &line, &col);
        if (row->n < ncols) {
            ju_diag_add(R->d, JU_SEV_ERROR, fd->path, line, 0,
                        "short row: %zu cells where the header has %zu (a cell or a comma is missing)", row->n, ncols);
            continue;
        }
        if (row->n > ncols) {
            ju_csv_pos(c, row->cells[ncols].offset, &line, &col);
            ju_diag_add(R->d, JU_SEV_ERROR, fd->path, line, col,
                        "long row: %zu cells where the header has %zu (an unquoted comma in a cell?)", row->n, ncols);
            continue;
        }
        ju_respondent *resp = &fd->rows[fd->n];
        resp->answers = ju_arena_array(R->a, f->nquestions, sizeof *resp->answers);
        resp->in_base = ju_arena_array(R->a, f->nquestions, sizeof *resp->in_base);
        resp->segment = -1;
        resp->master = -1;
        if (keycol >= 0)
            read_key(R, resp, &f->questions[key], &row->cells[keycol], fd->n);
        /* the key is read first so the count cell comes after it; nc flags after counts */
        for (int pass = 0; pass < 2; pass++)
            for (size_t i = 0; i < ncols; i++) {
                if (map[i].role == COL_UNKNOWN || (int)i == keycol)
                    continue;
                if ((pass == 0) == (map[i].role == COL_NC))
                    continue;
                read_cell(R, resp, &map[i], &row->cells[i]);
            }
        if (resp->master >= 0) {
            /* name must match the master list */
            for (size_t q = 0; q < f->nquestions; q++) {
                const ju_answer *ans = &resp->answers[q];
                if (f->questions[q].type != JU_QT_NAME)
                    continue;
                const char *want = R->master->items[resp->master].name;
                if (ans->kind != JU_ANS_VALUE)
                    cell_error(R, ans->offset, &f->questions[q], "the name of %s %s is blank",
                               resp->code, want);
                else if (strcmp(ans->text, want) != 0)
                    cell_error(R, ans->offset, &f->questions[q], "%s does not match %s %s in the master list",
                               quote_cell(R->a, ans->text), resp->code, want);
            }
        }
        fd->n++;
    }
    if (fd->n == 0 && R->d->errors == before)
        ju_diag_add(R->d, JU_SEV_ERROR, fd->path, 0, 0, "the file has a header row but no responses");
    if (R->d->errors > before)
        return JU_ERR_DATA;
    /* who did not answer at all */
    size_t cap = 0;
    for (size_t m = 0; m < R->master->n; m++) {
        bool seen = false;
        for (size_t i = 0; i < fd->n && !seen; i++)
            seen = fd->rows[i].master == (int)m;
        if (!seen) {
            JU_PUSH(R->a, fd->missing, fd->nmissing, cap, (int)m);
            ju_diag_add(R->d, JU_SEV_WARNING, fd->path, 0, 0, "no row for %s %s: this %s did not respond",
                        R->master->items[m].code, R->master->items[m].name, f->respondent);
        }
    }
    return JU_OK;
}

/* --- bases ---------------------------------------------------------------- */

typedef struct {
    ju_arena *a;
    ju_diags *d;
    const ju_master *master;
    ju_formdata *fd;
    unsigned char *done; /* per question */
} base_ctx;

static void settle(base_ctx *B, int q);

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

/* settles the questions a definition reads (B non-NULL), then evaluates it */
static bool base_holds(base_ctx *B, const ju_respondent *r, const ju_base *b)
{
    for (size_t t = 0; t < b->nterms; t++) {
        bool all = true;
        for (size_t k = 0; k < b->terms[t].n && all; k++) {
            const ju_cond *c = &b->terms[t].conds[k];
            if (B && c->op != JU_COND_ALL)
                settle(B, c->question);
            all = cond_holds(r, c);
        }
        if (all)
            return true;
    }
    return false;
}

bool ju_respondent_matches(const ju_respondent *r, const ju_base *b)
{
    return base_holds(NULL, r, b);
}

/* decides the base of question q for every respondent, after the questions
 * its base depends on, dropping answers given outside it */
static void settle(base_ctx *B, int q)
{
    if (B->done[q])
        return;
    B->done[q] = 1;
    const ju_form *f = B->fd->form;
    const ju_question *qq = &f->questions[q];
    const ju_base *b = &f->bases[qq->base];
    for (size_t i = 0; i < B->fd->n; i++) {
        ju_respondent *r = &B->fd->rows[i];
        r->in_base[q] = base_holds(B, r, b);
        ju_answer *ans = &r->answers[q];
        if (r->in_base[q] || ans->kind == JU_ANS_NA)
            continue;
        int line, col;
        ju_answer_position(B->fd, ans, &line, &col);
        ju_diag_add(B->d, JU_SEV_WARNING, B->fd->path, line, col,
                    "%s (%s): answered by %s %s, which is outside the question's base (%s: %s); the answer is ignored",
                    qq->id, qq->label, r->code, B->master->items[r->master].name, b->label, b->definition);
        ans->kind = JU_ANS_NA;
        ans->ignored = true;
    }
}

static void settle_form(ju_arena *a, ju_diags *d, const ju_master *m, ju_formdata *fd)
{
    base_ctx B = {a, d, m, fd, ju_arena_alloc(a, fd->form->nquestions)};
    for (size_t q = 0; q < fd->form->nquestions; q++)
        settle(&B, (int)q);
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
        reader R = {a, d, survey, master, fd, fd->form};
        ju_status st = read_form(&R);
        if (st == JU_ERR_IO || (st != JU_OK && worst == JU_OK))
            worst = st;
    }
    if (worst != JU_OK)
        return worst;
    for (size_t i = 0; i < out->nforms; i++)
        settle_form(a, d, master, &out->forms[i]);
    /* segments: each row takes the segmenting question's answer of its code */
    for (size_t i = 0; i < out->nforms; i++) {
        ju_formdata *fd = &out->forms[i];
        const ju_form *f = fd->form;
        if (!f->segment_form)
            continue;
        int sfi = ju_codebook_form_index(cb, f->segment_form);
        const ju_formdata *sfd = &out->forms[sfi];
        int sq = ju_form_question(sfd->form, f->segment_question);
        for (size_t r = 0; r < fd->n; r++)
            for (size_t k = 0; k < sfd->n; k++)
                if (sfd->rows[k].master == fd->rows[r].master && sfd->rows[k].answers[sq].kind == JU_ANS_VALUE)
                    fd->rows[r].segment = sfd->rows[k].answers[sq].value;
    }
    return JU_OK;
}
