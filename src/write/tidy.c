/* tidy.c — tables.csv, stats.csv, top.csv; see tidy.h. */
#include "tidy.h"

#include "outfile.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "csvout.h"
#include "format.h"


/* median: whole numbers without a decimal, halves with ".5" */
static const char *format_median(ju_arena *a, long long v10)
{
    return v10 % 10 ? ju_format_tenths(a, v10) : ju_arena_printf(a, "%lld", v10 / 10);
}

static FILE *open_out(ju_arena *a, ju_diags *d, const char *dir, const char *name, const char **path, int *guard)
{
    *path = ju_arena_printf(a, "%s/%s", dir, name);
    FILE *f = ju_outfile_open(d, *path, guard);
    if (f)
        ju_csvout_bom(f);
    return f;
}

ju_status ju_tidy_write(ju_arena *a, ju_diags *d, const char *dir, const ju_tables *const *years, size_t nyears)
{
    const char *tp, *sp, *pp;
    int gt = -1, gs = -1, gp = -1;
    FILE *ft = open_out(a, d, dir, "tables.csv", &tp, &gt);
    FILE *fs = ft ? open_out(a, d, dir, "stats.csv", &sp, &gs) : NULL;
    FILE *fp = fs ? open_out(a, d, dir, "top.csv", &pp, &gp) : NULL;
    if (!fp) {
        if (fs)
            ju_outfile_close(d, fs, sp, gs);
        if (ft)
            ju_outfile_close(d, ft, tp, gt);
        return JU_ERR_IO;
    }
    static const char *const th[] = {"year", "form", "question", "segment", "base_n", "category", "label", "count", "percent"};
    static const char *const sh[] = {"year", "form", "question", "segment", "base_n", "answered", "not_counted",
                                     "no_answer", "sum", "mean", "median", "min", "max"};
    static const char *const ph[] = {"year", "form", "question", "segment", "base_n", "rank", "value", "count"};
    ju_csvout_row(ft, th, 9);
    ju_csvout_row(fs, sh, 13);
    ju_csvout_row(fp, ph, 8);
    for (size_t y = 0; y < nyears; y++) {
        const ju_tables *T = years[y];
        const ju_codebook *cb = T->data->codebook;
        const char *year = ju_arena_printf(a, "%d", T->year);
        for (size_t i = 0; i < T->n; i++) {
            const ju_table *t = &T->tables[i];
            const ju_form *f = &cb->forms[t->form];
            const ju_question *q = &f->questions[t->question];
            const char *base = ju_arena_printf(a, "%ld", t->base_n);
            for (size_t k = 0; k < t->ncells; k++) {
                const ju_tcell *c = &t->cells[k];
                const char *row[] = {year, f->id, q->id, t->segment_name, base, c->category, c->label,
                                     ju_arena_printf(a, "%ld", c->count),
                                     ju_format_tenths(a, ju_percent10(c->count, t->base_n))};
                ju_csvout_row(ft, row, 9);
            }
            if (!t->has_stats)
                continue;
            const ju_stats *s = &t->stats;
            bool any = s->answered > 0;
            const char *srow[] = {year, f->id, q->id, t->segment_name, base,
                                  ju_arena_printf(a, "%ld", s->answered),
                                  ju_arena_printf(a, "%ld", s->not_counted),
                                  ju_arena_printf(a, "%ld", s->no_answer),
                                  any ? ju_arena_printf(a, "%lld", s->sum) : "",
                                  any ? ju_format_tenths(a, s->mean10) : "",
                                  any ? format_median(a, s->median10) : "",
                                  any ? ju_arena_printf(a, "%lld", s->min) : "",
                                  any ? ju_arena_printf(a, "%lld", s->max) : ""};
            ju_csvout_row(fs, srow, 13);
            for (size_t k = 0; k < t->ntop; k++) {
                const char *prow[] = {year, f->id, q->id, t->segment_name, base, ju_arena_printf(a, "%zu", k + 1),
                                      ju_arena_printf(a, "%lld", t->top[k].value),
                                      ju_arena_printf(a, "%ld", t->top[k].count)};
                ju_csvout_row(fp, prow, 8);
            }
        }
    }
    /* newest first; a full disk is reported once */
    ju_status s3 = ju_outfile_close(d, fp, pp, gp);
    ju_status s2 = s3 == JU_OK ? ju_outfile_close(d, fs, sp, gs) : (fclose(fs), JU_ERR_IO);
    ju_status st = s2 == JU_OK ? ju_outfile_close(d, ft, tp, gt) : (fclose(ft), JU_ERR_IO);
    return st;
}
