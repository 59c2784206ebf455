/* tabulate.c — counting; see tabulate.h. */
#include "tabulate.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "text.h"

long long ju_percent10(long long count, long long base)
{
    if (base <= 0)
        return -1;
    return (2000 * count + base) / (2 * base);
}

static bool tabulated(ju_qtype t)
{
    return t == JU_QT_SINGLE || t == JU_QT_MULTI || t == JU_QT_COUNT || t == JU_QT_YEAR;
}

static int cmp_ll(const void *pa, const void *pb)
{
    long long a = *(const long long *)pa, b = *(const long long *)pb;
    return (a > b) - (a < b);
}

/* Counts are at most JU_MAX_COUNT and there are at most JU_MAX_ROWS
 * respondents: every sum fits a long long. */
_Static_assert(JU_MAX_COUNT <= LLONG_MAX / JU_MAX_ROWS, "a sum of counts must fit a long long");

static void count_stats(ju_arena *a, ju_table *t, const ju_question *q, const long long *values, size_t n)
{
    ju_stats *s = &t->stats;
    t->has_stats = true;
    if (n == 0)
        return;
    long long *v = ju_arena_array(a, n, sizeof *v);
    memcpy(v, values, n * sizeof *v);
    qsort(v, n, sizeof *v, cmp_ll);
    t->values = v;
    t->nvalues = n;
    s->min = v[0];
    s->max = v[n - 1];
    for (size_t i = 0; i < n; i++)
        s->sum += v[i]; /* cannot overflow: see the assertion above */
    /* the mean in tenths, rounded half up, without forming 10 × sum */
    long long whole = s->sum / (long long)n, rest = s->sum % (long long)n;
    s->mean10 = whole * 10 + (20 * rest + (long long)n) / (2 * (long long)n);
    s->median10 = n % 2 ? v[n / 2] * 10 : (v[n / 2 - 1] + v[n / 2]) * 5;
    t->top = ju_arena_array(a, (size_t)q->top, sizeof *t->top);
    for (size_t i = n; i-- > 0;) {
        if (t->ntop > 0 && t->top[t->ntop - 1].value == v[i]) {
            t->top[t->ntop - 1].count++;
            continue;
        }
        if (t->ntop == (size_t)q->top)
            break;
        t->top[t->ntop++] = (ju_topvalue){v[i], 1};
    }
}

/* counts question qi over the respondents in its base, of t->segment (or
 * all), and meeting `where` when given */
static void fill(ju_arena *a, ju_table *t, const ju_formdata *fd, const ju_question *q, int qi, const ju_base *where)
{
    size_t ncat = q->type == JU_QT_COUNT ? q->nbins + (q->nc ? 1 : 0) : q->nchoices;
    t->ncells = ncat + 1;
    t->cells = ju_arena_array(a, t->ncells, sizeof *t->cells);
    for (size_t k = 0; k < ncat; k++) {
        if (q->type == JU_QT_COUNT) {
            if (k < q->nbins)
                t->cells[k] = (ju_tcell){ju_arena_printf(a, "%lld", q->bins[k].lower), q->bins[k].label, 0};
            else
                t->cells[k] = (ju_tcell){JU_CAT_NOT_COUNTED, JU_LABEL_NOT_COUNTED, 0};
        } else {
            t->cells[k] = (ju_tcell){q->choices[k].code, q->choices[k].label, 0};
        }
    }
    t->cells[ncat] = (ju_tcell){JU_CAT_NO_ANSWER, JU_LABEL_NO_ANSWER, 0};

    /* a count question's values, for its statistics (no other question needs them) */
    long long *values = q->type == JU_QT_COUNT ? ju_arena_array(a, fd->n ? fd->n : 1, sizeof *values) : NULL;
    size_t nvalues = 0;
    for (size_t i = 0; i < fd->n; i++) {
        const ju_respondent *r = &fd->rows[i];
        if (!r->in_base[qi] || (t->segment >= 0 && r->segment != t->segment) ||
            (where && !ju_respondent_matches(r, where)))
            continue;
        t->base_n++;
        const ju_answer *ans = &r->answers[qi];
        if (ans->kind == JU_ANS_NA) {
            t->cells[ncat].count++;
            t->stats.no_answer++;
            continue;
        }
        switch (q->type) {
        case JU_QT_SINGLE:
        case JU_QT_YEAR:
            t->cells[ju_question_choice(q, ans->value)].count++;
            break;
        case JU_QT_MULTI:
            for (size_t k = 0; k < q->nchoices; k++)
                if (ju_answer_chosen(ans, (int)k))
                    t->cells[k].count++;
            break;
        case JU_QT_COUNT:
            if (ans->kind == JU_ANS_NC) {
                t->cells[q->nbins].count++;
                t->stats.not_counted++;
            } else {
                t->cells[ju_bin_index(q, ans->value)].count++;
                t->stats.answered++;
                values[nvalues++] = ans->value;
            }
            break;
        default:
            break;
        }
    }
    if (q->type == JU_QT_COUNT)
        count_stats(a, t, q, values, nvalues);
}

void ju_tabulate(ju_arena *a, const ju_dataset *data, ju_tables *out)
{
    memset(out, 0, sizeof *out);
    out->year = data->survey->year;
    out->data = data;
    size_t cap = 0;
    const ju_codebook *cb = data->codebook;
    for (size_t fi = 0; fi < data->nforms; fi++) {
        const ju_formdata *fd = &data->forms[fi];
        const ju_form *f = fd->form;
        const ju_question *segq = NULL;
        if (f->segment_form) {
            const ju_form *sf = ju_codebook_form(cb, f->segment_form);
            segq = &sf->questions[ju_form_question(sf, f->segment_question)];
        }
        for (size_t qi = 0; qi < f->nquestions; qi++) {
            const ju_question *q = &f->questions[qi];
            if (!tabulated(q->type))
                continue;
            ju_table all = {.form = (int)fi, .question = (int)qi, .segment = -1, .segment_name = "all"};
            fill(a, &all, fd, q, (int)qi, NULL);
            JU_PUSH(a, out->tables, out->n, cap, all);
            if (!segq)
                continue;
            for (size_t k = 0; k < segq->nchoices; k++) {
                long long code = segq->choices[k].value;
                bool present = false;
                for (size_t i = 0; i < fd->n && !present; i++)
                    present = fd->rows[i].in_base[qi] && fd->rows[i].segment == code;
                if (!present)
                    continue;
                ju_table t = all;
                t.segment = code;
                t.segment_name = ju_arena_printf(a, "%s=%lld", segq->id, code);
                t.base_n = 0;
                t.stats = (ju_stats){0};
                t.top = NULL;
                t.ntop = 0;
                t.has_stats = false;
                t.values = NULL;
                t.nvalues = 0;
                fill(a, &t, fd, q, (int)qi, NULL);
                JU_PUSH(a, out->tables, out->n, cap, t);
            }
        }
    }
}

bool ju_tabulate_where(ju_arena *a, const ju_dataset *data, int form, int question, const ju_base *where,
                       const char *name, ju_table *out)
{
    const ju_formdata *fd = &data->forms[form];
    const ju_question *q = &fd->form->questions[question];
    if (!tabulated(q->type))
        return false;
    *out = (ju_table){.form = form, .question = question, .segment = -1, .segment_name = name};
    fill(a, out, fd, q, question, where);
    return true;
}

const ju_table *ju_tables_find(const ju_tables *t, const char *form, const char *question, const char *segment)
{
    const ju_codebook *cb = t->data->codebook;
    for (size_t i = 0; i < t->n; i++) {
        const ju_table *x = &t->tables[i];
        const ju_form *f = &cb->forms[x->form];
        if (strcmp(f->id, form) == 0 && strcmp(f->questions[x->question].id, question) == 0 &&
            strcmp(x->segment_name, segment) == 0)
            return x;
    }
    return NULL;
}

long ju_table_count(const ju_table *t, const char *category)
{
    for (size_t i = 0; i < t->ncells; i++)
        if (strcmp(t->cells[i].category, category) == 0)
            return t->cells[i].count;
    return -1;
}
