/* chartcsv.c — see chartcsv.h. */
#include "chartcsv.h"

#include "csvout.h"
#include "format.h"
#include "lexicon.h"
#include "outfile.h"

static void item_row(ju_arena *a, FILE *f, const char *form, const ju_chartrow *r, const ju_chartitem *it)
{
    const char *cells[] = {r->label ? r->label : "",
                           ju_arena_printf(a, "%d", r->year),
                           form,
                           it->question ? it->question : r->question ? r->question : "",
                           r->segment ? r->segment : "",
                           ju_arena_printf(a, "%ld", r->base),
                           it->category ? it->category : "",
                           it->label ? it->label : "",
                           ju_arena_printf(a, "%ld", it->count),
                           ju_format_tenths(a, it->pct10)};
    ju_csvout_row(f, cells, 10);
}

ju_status ju_chartcsv_write(ju_arena *a, ju_diags *d, const ju_chartdata *c, const char *path)
{
    static const char *const head[] = {"row", "year", "form", "question", "segment", "base_n",
                                       "category", "label", "count", "percent"};
    int g;
    FILE *f = ju_csvout_open(d, path, head, 10, &g);
    if (!f)
        return JU_ERR_IO;
    const char *form = c->form;
    for (size_t i = 0; i < c->nrows; i++)
        for (size_t k = 0; k < c->rows[i].n; k++)
            item_row(a, f, form, &c->rows[i], &c->rows[i].items[k]);
    if (c->ntiles) {
        ju_chartrow legend = {ju_lex("labels", "legend"), (long)c->ntiles, NULL, 0, c->year, NULL, "all"};
        for (size_t k = 0; k < c->nlegend; k++)
            item_row(a, f, form, &legend, &c->legend[k]);
        for (size_t t = 0; t < c->ntiles; t++) {
            const ju_chartitem *cat = &c->legend[c->tiles[t].category];
            ju_chartrow tile = {ju_arena_printf(a, "%s %s", c->tiles[t].code, c->tiles[t].full_name), 1, NULL, 0,
                                c->year, NULL, "all"};
            ju_chartitem one = *cat;
            one.count = 1;
            one.pct10 = -1;
            item_row(a, f, form, &tile, &one);
        }
    }
    return ju_outfile_close(d, f, path, g);
}
