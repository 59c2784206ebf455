/* ganttcsv.c — see ganttcsv.h. */
#include "ganttcsv.h"

#include "csvout.h"
#include "monthspan.h"
#include "outfile.h"

/* "4-7;9": runs of fiscal months as calendar months */
static const char *months_text(ju_arena *a, unsigned months)
{
    int runs[6][2];
    int n = ju_span_runs(months, runs);
    char *out = "";
    for (int k = 0; k < n; k++) {
        int from = (runs[k][0] + 3) % 12 + 1, to = (runs[k][1] + 3) % 12 + 1;
        out = from == to ? ju_arena_printf(a, "%s%s%d", out, k ? ";" : "", from)
                         : ju_arena_printf(a, "%s%s%d-%d", out, k ? ";" : "", from, to);
    }
    return out;
}

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
        char *dates = "";
        for (size_t k = 0; k < it->nreported; k++)
            dates = ju_arena_printf(a, "%s%s%04d-%02d-%02d", dates, k ? ";" : "", it->reported[k].y, it->reported[k].m,
                                    it->reported[k].d);
        const char *cells[] = {sh->id, ju_arena_printf(a, "%d", sh->fiscal_year), group,
                               it->item ? "item" : "progress", it->item ? it->item : it->progress[0],
                               months_text(a, it->months), dates,
                               it->nreported ? "" : months_text(a, it->progress_months)};
        ju_csvout_row(f, cells, 8);
    }
    return ju_outfile_close(d, f, path, guard);
}
