/* sheets.c — the `sheets` job; see sheets.h. */
#include "sheets.h"

#include <string.h>
#include <sys/stat.h>

#include "formspec.h"
#include "i18n.h"
#include "initiatives.h"
#include "outdir.h"
#include "sheetform.h"
#include "survey.h"

static bool is_file(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

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

ju_status ju_sheets_run(ju_arena *a, ju_diags *d, const ju_sheets_options *o, ju_sheets_result *r)
{
    memset(r, 0, sizeof *r);
    const char *data = o->data_dir ? o->data_dir : "data/initiatives";
    const char *tdir = o->templates_dir ? o->templates_dir : "templates";
    const char *form_path = ju_arena_printf(a, "%s/form.ini", tdir);
    if (!is_file(form_path))
        form_path = ju_arena_printf(a, "%s/initiatives/form.ini", tdir);
    ju_formspec form;
    ju_status st = ju_form_load(a, d, form_path, &form);
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
    st = ju_mkdirs(a, d, sheets_dir);
    if (st == JU_OK)
        st = ju_mkdirs(a, d, pages_dir);
    size_t *all = ju_arena_array(a, in.nsheets + 1, sizeof *all);
    for (size_t i = 0; i < in.nsheets; i++)
        all[i] = i;
    if (st == JU_OK)
        st = ju_render_sheets(a, d, &form, &in, all, in.nsheets, form.words[JU_FORM_TITLE],
                              ju_arena_printf(a, "%s/%s.pdf", od.tmp, form.words[JU_FORM_FILE]), pages_dir, epoch);
    for (size_t i = 0; st == JU_OK && i < in.nsheets; i++) {
        const ju_sheet *s = &in.sheets[i];
        const char *title = ju_arena_printf(a, "%s　%s", form.words[JU_FORM_TITLE], s->title ? s->title : s->id);
        st = ju_render_sheets(a, d, &form, &in, &all[i], 1, title,
                              ju_arena_printf(a, "%s/%s.pdf", sheets_dir, s->id), NULL, epoch);
    }
    const char *tmp = od.tmp;
    if (st == JU_OK)
        st = ju_outdir_commit(a, d, &od);
    else
        ju_outdir_abort(&od);
    ju_diags_rename(d, tmp, r->out_dir);
    r->nsheets = in.nsheets;
    return st;
}
