/* results.c — the results object and its queries; see results.h. */
#include "results.h"

#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "text.h"

/* --- building ------------------------------------------------------------- */

/* the category codes of a count question's bins ("0", "1", "6" …), made once */
static const char **bin_codes(ju_arena *a, const ju_question *q)
{
    const char **codes = ju_arena_array(a, q->nbins + 1, sizeof *codes);
    for (size_t k = 0; k < q->nbins; k++)
        codes[k] = ju_arena_printf(a, "%lld", q->bins[k].lower);
    return codes;
}

static ju_rvalue value_of(const ju_question *q, const ju_answer *ans, bool in_base)
{
    ju_rvalue v = {.line = ans->line, .col = ans->col, .state = JU_RV_OUTSIDE};
    if (!in_base)
        return v;
    if (ans->kind == JU_ANS_NA) {
        v.state = JU_RV_NO_ANSWER;
        return v;
    }
    if (ans->kind == JU_ANS_NC) {
        v.state = JU_RV_NOT_COUNTED;
        return v;
    }
    v.state = JU_RV_VALUE;
    switch (q->type) {
    case JU_QT_SINGLE:
    case JU_QT_YEAR:
    case JU_QT_COUNT: v.value = ans->value; break;
    case JU_QT_MULTI: v.chosen = (unsigned long long)ans->value; break;
    case JU_QT_TEXT:
    case JU_QT_CODE:
    case JU_QT_NAME: v.text = ans->text; break;
    case JU_QT_COUNT_OF_TYPES: break;
    }
    return v;
}

/* the category of v and, through `label`, its label */
static const char *category_of(const ju_results *r, int form, int qi, const ju_rvalue *v, const char **label)
{
    const ju_question *q = &r->forms[form].form->questions[qi];
    *label = NULL;
    switch (v->state) {
    case JU_RV_NO_ANSWER: *label = JU_LABEL_NO_ANSWER; return JU_CAT_NO_ANSWER;
    case JU_RV_NOT_COUNTED: *label = JU_LABEL_NOT_COUNTED; return JU_CAT_NOT_COUNTED;
    case JU_RV_VALUE: break;
    default: return NULL;
    }
    if (q->type == JU_QT_SINGLE || q->type == JU_QT_YEAR) {
        int k = ju_question_choice(q, v->value);
        if (k < 0)
            return NULL;
        *label = q->choices[k].label;
        return q->choices[k].code;
    }
    if (q->type == JU_QT_COUNT) {
        size_t k = ju_bin_index(q, v->value);
        *label = q->bins[k].label;
        return r->forms[form].bin_codes[qi][k];
    }
    return NULL;
}

const char *ju_results_category(const ju_results *r, int form, int q, const ju_rvalue *v)
{
    const char *label;
    return category_of(r, form, q, v, &label);
}

const char *ju_results_label(const ju_results *r, int form, int q, const ju_rvalue *v)
{
    const char *label;
    category_of(r, form, q, v, &label);
    return label;
}

static void build_form(ju_arena *a, const ju_dataset *data, const ju_formdata *fd, ju_rform *out)
{
    const ju_form *f = fd->form;
    out->form = f;
    out->path = fd->path;
    out->encoding = fd->encoding;
    out->unknown_columns = fd->unknown_columns;
    out->nunknown = fd->nunknown;
    const char ***bins = ju_arena_array(a, f->nquestions + 1, sizeof *bins);
    for (size_t q = 0; q < f->nquestions; q++)
        if (f->questions[q].type == JU_QT_COUNT)
            bins[q] = bin_codes(a, &f->questions[q]);
    ju_rrow *rows = ju_arena_array(a, fd->n + 1, sizeof *rows);
    const ju_rrow **by_master = ju_arena_array(a, data->master->n + 1, sizeof *by_master);
    for (size_t i = 0; i < fd->n; i++) {
        const ju_respondent *r = &fd->rows[i];
        ju_rvalue *values = ju_arena_array(a, f->nquestions + 1, sizeof *values);
        for (size_t q = 0; q < f->nquestions; q++)
            values[q] = value_of(&f->questions[q], &r->answers[q], r->in_base[q]);
        rows[i] = (ju_rrow){r->master, r->code, data->master->items[r->master].name, r->segment, values};
        by_master[r->master] = &rows[i];
    }
    out->rows = rows;
    out->n = fd->n;
    out->by_master = by_master;
    out->bin_codes = (const char *const *const *)bins;
    long *base_n = ju_arena_array(a, f->nbases + 1, sizeof *base_n);
    for (size_t b = 0; b < f->nbases; b++) {
        base_n[b] = -1;
        for (size_t q = 0; q < f->nquestions && base_n[b] < 0; q++) {
            if (f->questions[q].base != (int)b)
                continue;
            base_n[b] = 0;
            for (size_t i = 0; i < fd->n; i++)
                base_n[b] += fd->rows[i].in_base[q];
        }
    }
    out->base_n = base_n;
}

void ju_results_build(ju_arena *a, const ju_dataset *data, ju_results *out)
{
    memset(out, 0, sizeof *out);
    out->year = data->survey->year;
    out->survey = data->survey;
    out->codebook = data->codebook;
    out->master = data->master;
    out->data = data;
    ju_tabulate(a, data, &out->tables);
    ju_rform *forms = ju_arena_array(a, data->nforms + 1, sizeof *forms);
    for (size_t i = 0; i < data->nforms; i++)
        build_form(a, data, &data->forms[i], &forms[i]);
    out->forms = forms;
    out->nforms = data->nforms;
}

const ju_rrow *ju_results_row(const ju_results *r, int form, int m)
{
    if (form < 0 || (size_t)form >= r->nforms || m < 0 || (size_t)m >= r->master->n)
        return NULL;
    return r->forms[form].by_master[m];
}

bool ju_results_responses(const ju_results *r, const char *form, long *got, long *expected)
{
    *got = *expected = 0;
    bool any = false;
    for (size_t i = 0; i < r->nforms; i++) {
        if (strcmp(form, "all") != 0 && strcmp(form, r->forms[i].form->id) != 0)
            continue;
        *got += (long)r->forms[i].n;
        *expected += (long)r->master->n;
        any = true;
    }
    return any;
}

const char *ju_results_response_line(ju_arena *a, const ju_results *r, int form)
{
    const ju_rform *f = &r->forms[form];
    return ju_format_response(a, f->form->label, (long long)f->n, (long long)r->master->n);
}

/* --- queries ----------------------------------------------------------------- */

/* strips a "council." prefix: the form it names, else the first */
static int form_of(const ju_results *r, const char **text)
{
    for (size_t i = 0; i < r->nforms; i++) {
        const char *id = r->forms[i].form->id;
        size_t n = strlen(id);
        if (strncmp(*text, id, n) == 0 && (*text)[n] == '.') {
            *text += n + 1;
            return (int)i;
        }
    }
    return r->nforms ? 0 : -1;
}

static int first_question(const ju_base *b)
{
    for (size_t t = 0; t < b->nterms; t++)
        for (size_t k = 0; k < b->terms[t].n; k++)
            if (b->terms[t].conds[k].question >= 0)
                return b->terms[t].conds[k].question;
    return -1;
}

bool ju_results_share(ju_arena *a, const ju_results *r, const char *text, long *count, long *base,
                      const char **why)
{
    int fi = form_of(r, &text);
    if (fi < 0) {
        *why = "the data have no forms";
        return false;
    }
    const ju_formdata *fd = &r->data->forms[fi];
    const char *in = strstr(text, " in ");
    const char *cond = in ? ju_arena_strndup(a, text, (size_t)(in - text)) : text;
    /* a bare question id: those who answered it */
    if (cond[strspn(cond, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")] == '\0')
        cond = ju_arena_printf(a, "%s answered", cond);
    ju_base b, restrict_to;
    if (!ju_condition_parse(a, fd->form, r->codebook->year, cond, &b, why))
        return false;
    if (in && !ju_condition_parse(a, fd->form, r->codebook->year, in + 4, &restrict_to, why))
        return false;
    int q = first_question(&b);
    *count = *base = 0;
    for (size_t i = 0; i < fd->n; i++) {
        const ju_respondent *p = &fd->rows[i];
        if ((q >= 0 && !p->in_base[q]) || (in && !ju_respondent_matches(p, &restrict_to)))
            continue;
        ++*base;
        if (ju_respondent_matches(p, &b))
            ++*count;
    }
    return true;
}

static int by_master(const void *x, const void *y)
{
    const ju_rrow *const *a = x, *const *b = y;
    return ((*a)->master > (*b)->master) - ((*a)->master < (*b)->master);
}

long ju_results_select(ju_arena *a, const ju_results *r, const char *form, const char *cond, int *form_index,
                       const ju_rrow ***out, const char **why)
{
    int fi = form ? ju_codebook_form_index(r->codebook, form) : cond ? form_of(r, &cond) : (r->nforms ? 0 : -1);
    if (fi < 0) {
        *why = ju_arena_printf(a, _("there is no form '%s'"), form ? form : "");
        return -1;
    }
    const ju_formdata *fd = &r->data->forms[fi];
    ju_base b = {0};
    if (cond && !ju_condition_parse(a, fd->form, r->codebook->year, cond, &b, why))
        return -1;
    const ju_rrow **rows = ju_arena_array(a, fd->n + 1, sizeof *rows);
    long n = 0;
    for (size_t i = 0; i < fd->n; i++)
        if (!cond || ju_respondent_matches(&fd->rows[i], &b))
            rows[n++] = &r->forms[fi].rows[i];
    qsort(rows, (size_t)n, sizeof *rows, by_master);
    if (form_index)
        *form_index = fi;
    *out = rows;
    return n;
}

bool ju_results_rank(const ju_table *t, long long v, long *rank, long *n)
{
    *rank = *n = 0;
    if (!t->values)
        return false;
    /* the first value larger than v, in the ascending list */
    size_t lo = 0, hi = t->nvalues;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->values[mid] <= v)
            lo = mid + 1;
        else
            hi = mid;
    }
    *rank = 1 + (long)(t->nvalues - lo);
    *n = (long)t->nvalues;
    return true;
}

int ju_results_table(ju_arena *a, const ju_results *r, int form, const char *question, const char *cond,
                     ju_table *out, const char **why)
{
    const ju_form *f = r->forms[form].form;
    int qi = ju_form_question(f, question);
    if (qi < 0) {
        *why = ju_arena_printf(a, _("%s is not a question of form %s"), question, f->id);
        return -1;
    }
    size_t n;
    const char *c = ju_trim_span(cond, &n);
    if (n == 3 && strncmp(c, "all", 3) == 0) {
        const ju_table *t = ju_tables_find(&r->tables, f->id, question, "all");
        if (!t) {
            *why = ju_arena_printf(a, _("%s is not a tabulated question (it is %s)"), question,
                                   ju_qtype_name(f->questions[qi].type));
            return -1;
        }
        *out = *t;
        return out->base_n > 0;
    }
    /* the segmenting question (maybe of another form: a council's rows are
     * segmented by its municipality's Q1): its codes' tables added up */
    size_t idlen = f->segment_question ? strlen(f->segment_question) : 0;
    if (idlen && n > idlen && strncmp(c, f->segment_question, idlen) == 0) {
        const char *p = c + idlen;
        while (*p == ' ')
            p++;
        if (*p == '=') {
            bool any = false;
            char *codes = ju_arena_strndup(a, p + 1, n - (size_t)(p + 1 - c)), *save = NULL;
            for (char *code = strtok_r(codes, ",", &save); code; code = strtok_r(NULL, ",", &save)) {
                long long v;
                const ju_form *sf = f->segment_form ? ju_codebook_form(r->codebook, f->segment_form) : f;
                int sqi = sf ? ju_form_question(sf, f->segment_question) : -1;
                if (ju_parse_int(code, &v) != JU_NUM_OK ||
                    (sqi >= 0 && ju_question_choice(&sf->questions[sqi], v) < 0)) {
                    *why = ju_arena_printf(a, _("%s: %s is not a code of %s"), ju_arena_strndup(a, c, n),
                                           ju_trim(a, code), f->segment_question);
                    return -1;
                }
                const ju_table *x = ju_tables_find(&r->tables, f->id, question,
                                                   ju_arena_printf(a, "%s=%lld", f->segment_question, v));
                if (!x)
                    continue;
                if (!any) {
                    *out = *x;
                    out->cells = ju_arena_array(a, x->ncells, sizeof *x->cells);
                    memcpy(out->cells, x->cells, x->ncells * sizeof *x->cells);
                } else {
                    out->base_n += x->base_n;
                    for (size_t k = 0; k < x->ncells && k < out->ncells; k++)
                        out->cells[k].count += x->cells[k].count;
                    out->has_stats = false; /* statistics do not add up */
                    out->values = NULL;
                    out->nvalues = 0;
                }
                any = true;
            }
            if (!any) { /* nobody in these segments: the categories, all zero */
                const ju_table *t = ju_tables_find(&r->tables, f->id, question, "all");
                if (!t) {
                    *why = ju_arena_printf(a, _("%s is not a tabulated question (it is %s)"), question,
                                           ju_qtype_name(f->questions[qi].type));
                    return -1;
                }
                *out = *t;
                out->cells = ju_arena_array(a, t->ncells, sizeof *t->cells);
                for (size_t k = 0; k < t->ncells; k++) {
                    out->cells[k] = t->cells[k];
                    out->cells[k].count = 0;
                }
                out->base_n = 0;
                memset(&out->stats, 0, sizeof out->stats); /* has_stats kept: a count question still */
                out->top = NULL;
                out->ntop = 0;
                out->values = NULL;
                out->nvalues = 0;
            }
            out->segment_name = ju_arena_strndup(a, c, n);
            return any;
        }
    }
    ju_base where;
    if (!ju_condition_parse(a, f, r->codebook->year, cond, &where, why))
        return -1;
    if (!ju_tabulate_where(a, r->data, form, qi, &where, ju_arena_strndup(a, c, n), out)) {
        *why = ju_arena_printf(a, _("%s is not a tabulated question (it is %s)"), question,
                               ju_qtype_name(f->questions[qi].type));
        return -1;
    }
    return out->base_n > 0;
}

long *ju_results_running(ju_arena *a, const ju_table *t, size_t n)
{
    long *sum = ju_arena_array(a, n + 1, sizeof *sum);
    long total = 0;
    for (size_t k = 0; k < n && k < t->ncells; k++)
        sum[k] = total += t->cells[k].count;
    return sum;
}
