/* ganttcsv.c — see ganttcsv.h. */
#include "ganttcsv.h"

#include "csvout.h"
#include "outfile.h"

ju_status ju_ganttcsv_write(ju_arena *a, ju_diags *d, const ju_initiatives *in, const ju_ganttrow *rows, size_t n,
                            const char *path)
{
    static const char *const head[] = {"sheet", "fiscal_year", "group", "kind", "text", "months", "reported",
                                       "reported_months"};
    int guard;
    FILE *f = ju_csvout_open(d, path, head, 8, &guard);
    if (!f)
        return JU_ERR_IO;
    const char *group = "";
    for (size_t i = 0; i < n; i++) {
        const ju_ganttrow *r = &rows[i];
        const ju_sheet *sh = &in->sheets[r->sheet];
        if (r->heading) {
            if (!r->sheet_heading)
                group = r->heading;
            continue;
        }
        const ju_schedrow *it = r->item;
        const char *cells[] = {sh->id, ju_arena_printf(a, "%d", sh->fiscal_year), group,
                               it->item ? "item" : "progress", it->item ? it->item : it->progress[0],
                               ju_span_text(a, it->months, ";"), ju_dates_text(a, it->reported, it->nreported),
                               it->nreported ? "" : ju_span_text(a, it->progress_months, ";")};
        ju_csvout_row(f, cells, 8);
    }
    return ju_outfile_close(d, f, path, guard);
}
