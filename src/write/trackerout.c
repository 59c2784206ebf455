/* trackerout.c — see trackerout.h. */
#include "trackerout.h"

#include <string.h>

#include "csvout.h"
#include "outfile.h"
#include "text.h"

static const char *iso(ju_arena *a, const ju_date *d)
{
    return ju_arena_printf(a, "%04d-%02d-%02d", d->y, d->m, d->d);
}


ju_status ju_tracker_write(ju_arena *a, ju_diags *d, const ju_formspec *f, const ju_initiatives *in,
                           const ju_tracker *t, const ju_date *as_of, const char *dir)
{
    const char *path = ju_arena_printf(a, "%s/tracker.csv", dir);
    static const char *const head[] = {"sheet", "fiscal_year", "organisation", "title", "period", "planned",
                                       "reported", "progress_only", "period_end", "past", "nothing_reported"};
    int guard;
    FILE *out = ju_csvout_open(d, path, head, 11, &guard);
    if (!out)
        return JU_ERR_IO;
    for (size_t i = 0; i < t->n; i++) {
        const ju_trackcell *c = &t->cells[i];
        const ju_sheet *s = &in->sheets[c->sheet];
        const char *cells[] = {s->id, ju_arena_printf(a, "%d", s->fiscal_year), s->organisation ? s->organisation : "",
                               s->title ? s->title : "", f->periods[c->period].name,
                               ju_arena_printf(a, "%ld", c->planned), ju_arena_printf(a, "%ld", c->reported),
                               ju_arena_printf(a, "%ld", c->progress_only), iso(a, &c->end), c->past ? "1" : "0",
                               c->silent ? "1" : "0"};
        ju_csvout_row(out, cells, 11);
    }
    ju_status st = ju_outfile_close(d, out, path, guard);
    if (st != JU_OK)
        return st;

    path = ju_arena_printf(a, "%s/check.txt", dir);
    out = ju_outfile_open(d, path, &guard);
    if (!out)
        return JU_ERR_IO;
    if (!as_of)
        fprintf(out, "%s\n", f->words[JU_FORM_NO_AS_OF]);
    else {
        fprintf(out, "%s\n\n", ju_form_word(a, f, JU_FORM_CHECK_TITLE, NULL, iso(a, as_of)));
        size_t silent = 0;
        for (size_t i = 0; i < t->n; i++) {
            const ju_trackcell *c = &t->cells[i];
            if (!c->silent)
                continue;
            const ju_sheet *s = &in->sheets[c->sheet];
            fprintf(out, "%s　%s　%s　%s（%s）\n", s->organisation ? s->organisation : s->id, s->title ? s->title : "",
                    ju_joined_lines(a, f->period_labels[c->period]), f->words[JU_FORM_SILENT], iso(a, &c->end));
            silent++;
        }
        if (!silent)
            fprintf(out, "%s\n", f->words[JU_FORM_ALL_REPORTED]);
    }
    return ju_outfile_close(d, out, path, guard);
}
