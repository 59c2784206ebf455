/* sheets.c — the `sheets` job; see sheets.h. */
#include "sheets.h"

#include <string.h>

#include "formspec.h"
#include "format.h"
#include "gantt.h"
#include "ganttcsv.h"
#include "tracker.h"
#include "trackerout.h"
#include "sheetbooks.h"
#include "i18n.h"
#include "initiatives.h"
#include "outdir.h"
#include "phrases.h"
#include "sheetform.h"
#include "source.h"
#include "survey.h"

/* the time written into the PDFs: the latest date reported, else 1 April of
 * the latest fiscal year (SOURCE_DATE_EPOCH first, as for the report) */
static ju_status epoch_of(ju_diags *d, const ju_initiatives *in, time_t *out)
{
    ju_date last = {0, 0, 0};
    int fy = 0;
    for (size_t i = 0; i < in->nsheets; i++)
        fy = in->sheets[i].fiscal_year > fy ? in->sheets[i].fiscal_year : fy;
    for (size_t i = 0; i < in->nrows; i++)
        for (size_t k = 0; k < in->rows[i].nreported; k++) {
            const ju_date *dt = &in->rows[i].reported[k];
            if (dt->y * 10000 + dt->m * 100 + dt->d > last.y * 10000 + last.m * 100 + last.d)
                last = *dt;
        }
    if (last.y)
        return ju_epoch_for(d, last.y, last.m, last.d, out);
    return ju_epoch_for(d, fy ? fy : 2000, 4, 1, out);
}

/* a schedule chart and its data file */
static ju_status write_gantt(ju_arena *a, ju_diags *d, const ju_formspec *f, const ju_initiatives *in,
                             const size_t *which, size_t n, bool all, const ju_date *as_of, const char *dir,
                             time_t epoch)
{
    ju_ganttrow *rows;
    size_t nrows = ju_gantt_rows(a, in, &f->rules, which, n, all, &rows);
    const ju_sheet *s = &in->sheets[which[0]];
    ju_gantt g = {all ? "all" : s->id,
                  all ? f->words[JU_FORM_GANTT_ALL] : ju_form_word(a, f, JU_FORM_GANTT, NULL, s->title ? s->title : s->id),
                  all ? NULL
                      : ju_arena_printf(a, "%s%s%s%s%s", s->organisation ? s->organisation : "",
                                        s->department ? "　" : "", s->department ? s->department : "", "　",
                                        ju_form_word(a, f, JU_FORM_FISCAL_YEAR, ju_arena_printf(a, "%d", s->fiscal_year),
                                                     NULL)),
                  rows, nrows, as_of};
    ju_status st = ju_render_gantt(a, d, f, in, &g, dir, epoch);
    if (st == JU_OK)
        st = ju_ganttcsv_write(a, d, in, rows, nrows, ju_arena_printf(a, "%s/%s.csv", dir, g.id));
    return st;
}

ju_status ju_sheets_run(ju_arena *a, ju_diags *d, const ju_sheets_options *o, ju_sheets_result *r)
{
    memset(r, 0, sizeof *r);
    ju_date as_of_date, *as_of = NULL;
    if (o->as_of) {
        if (!ju_iso_date(o->as_of, &as_of_date.y, &as_of_date.m, &as_of_date.d)) {
            ju_diag_add(d, JU_SEV_ERROR, NULL, 0, 0, _("--as-of %s: write a date as YYYY-MM-DD"), o->as_of);
            return JU_ERR_USAGE;
        }
        as_of = &as_of_date;
    }
    const char *data = o->data_dir ? o->data_dir : "data/initiatives";
    const char *tdir = o->templates_dir ? o->templates_dir : "templates";
    if (!ju_is_dir(data)) { /* as report: a folder that is not there is a wrong command line */
        ju_diag_add(d, JU_SEV_ERROR, data, 0, 0, _("no such data folder"));
        return JU_ERR_USAGE;
    }
    const char *form_path = ju_arena_printf(a, "%s/form.ini", tdir);
    if (!ju_is_file(form_path))
        form_path = ju_arena_printf(a, "%s/initiatives/form.ini", tdir);
    ju_formspec form;
    ju_status st = ju_form_load(a, d, form_path, &form);
    if (st != JU_OK)
        return st;
    st = ju_phrases_start(d);
    if (st != JU_OK)
        return st;
    ju_initiatives in;
    st = ju_initiatives_load(a, d, data, &form.rules, &in);
    if (st != JU_OK)
        return st;
    time_t epoch;
    st = epoch_of(d, &in, &epoch);
    if (st != JU_OK)
        return st;

    r->out_dir = o->out_dir ? o->out_dir : "out/initiatives";
    const char *inputs[] = {data, tdir};
    ju_outdir od;
    st = ju_outdir_begin(a, d, r->out_dir, inputs, 2, "initiatives", &od);
    if (st != JU_OK)
        return st;
    const char *sheets_dir = ju_arena_printf(a, "%s/sheets", od.tmp), *pages_dir = ju_arena_printf(a, "%s/pages", od.tmp);
    const char *gantt_dir = ju_arena_printf(a, "%s/gantt", od.tmp);
    st = ju_mkdirs(a, d, sheets_dir);
    if (st == JU_OK)
        st = ju_mkdirs(a, d, pages_dir);
    if (st == JU_OK)
        st = ju_mkdirs(a, d, gantt_dir);
    size_t *all = ju_arena_array(a, in.nsheets + 1, sizeof *all);
    for (size_t i = 0; i < in.nsheets; i++)
        all[i] = i;
    if (st == JU_OK)
        st = ju_render_sheets(a, d, &form, &in, ju_arena_printf(a, "%s/%s.pdf", od.tmp, form.words[JU_FORM_FILE]),
                              pages_dir, sheets_dir, epoch);
    for (size_t i = 0; st == JU_OK && i < in.nsheets; i++)
        st = write_gantt(a, d, &form, &in, &all[i], 1, false, as_of, gantt_dir, epoch);
    if (st == JU_OK)
        st = write_gantt(a, d, &form, &in, all, in.nsheets, true, as_of, gantt_dir, epoch);
    /* the tracker: counts per sheet and period, and the periods ended with nothing reported */
    ju_tracker tr;
    ju_tracker_count(a, &in, &form.rules, as_of, &tr);
    for (size_t i = 0; st == JU_OK && i < tr.n; i++)
        if (tr.cells[i].silent) {
            const ju_trackcell *c = &tr.cells[i];
            ju_diag_add(d, JU_SEV_WARNING, in.schedule_path, 0, 0,
                        _("sheet '%s', %s: the period ended on %04d-%02d-%02d and nothing is reported (as of %s)"),
                        in.sheets[c->sheet].id, form.periods[c->period].name, c->end.y, c->end.m, c->end.d, o->as_of);
        }
    if (st == JU_OK)
        st = ju_tracker_write(a, d, &form, &in, &tr, as_of, od.tmp);
    if (st == JU_OK)
        st = ju_sheetbooks_write(a, d, &form, &in, &tr, od.tmp, epoch);
    st = ju_outdir_end(a, d, &od, st, r->out_dir);
    r->nsheets = in.nsheets;
    return st;
}
