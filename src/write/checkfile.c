/* checkfile.c — see checkfile.h. */
#include "checkfile.h"

#include <string.h>

#include "format.h"

static bool names_file(const ju_diag *g, const ju_results *r)
{
    if (!g->file)
        return false;
    for (size_t i = 0; i < r->nforms; i++)
        if (strcmp(g->file, r->forms[i].path) == 0)
            return true;
    return strncmp(g->file, r->survey->dir, strlen(r->survey->dir)) == 0;
}

void ju_checkfile_write_year(ju_arena *a, FILE *f, const ju_results *r, const ju_diags *d)
{
    const ju_survey *s = r->survey;
    fprintf(f, "== %s（%d）%s ==\n", ju_wareki(a, s->year), s->year, s->title ? s->title : "");
    fprintf(f, "データ: %s\n", s->dir);
    fprintf(f, "調査票の定義（codebook）: %s\n", r->codebook->dir);
    const char *period = ju_format_period(a, s->fielding_start, s->fielding_end);
    if (period)
        fprintf(f, "調査時期: %s\n", period);
    fprintf(f, "\n回収状況\n");
    for (size_t i = 0; i < r->nforms; i++) {
        const ju_rform *fd = &r->forms[i];
        fprintf(f, "  %s\n", ju_results_response_line(a, r, (int)i));
        fprintf(f, "    %s: %s, %zu行\n", fd->path, ju_encoding_name(fd->encoding), fd->n);
        if (fd->n < r->master->n) {
            fprintf(f, "    未回収:");
            for (size_t m = 0; m < r->master->n; m++)
                if (!fd->by_master[m])
                    fprintf(f, " %s", r->master->items[m].name);
            fputc('\n', f);
        }
        if (fd->nunknown) {
            fprintf(f, "    codebookにない列（無視）:");
            for (size_t k = 0; k < fd->nunknown; k++)
                fprintf(f, " %s", fd->unknown_columns[k]);
            fputc('\n', f);
        }
    }
    size_t n = 0;
    for (size_t i = 0; i < d->n; i++)
        n += d->items[i].severity != JU_SEV_ERROR && names_file(&d->items[i], r);
    fprintf(f, "\n警告・注意（%zu件）\n", n);
    for (size_t i = 0; i < d->n; i++)
        if (d->items[i].severity != JU_SEV_ERROR && names_file(&d->items[i], r)) {
            fputs("  ", f);
            ju_diag_print(f, &d->items[i]);
        }
    fputc('\n', f);
}
