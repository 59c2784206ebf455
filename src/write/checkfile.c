/* checkfile.c — see checkfile.h. */
#include "checkfile.h"

#include <string.h>

#include "format.h"
#include "lexicon.h"

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
    fprintf(f, "%s\n", ju_lexf(a, "check", "title", "wareki", ju_wareki(a, s->year), "year",
                               ju_arena_printf(a, "%d", s->year), "title", s->title ? s->title : "", NULL));
    fprintf(f, "%s\n", ju_lexf(a, "check", "data", "dir", s->dir, NULL));
    fprintf(f, "%s\n", ju_lexf(a, "check", "codebook", "dir", r->codebook->dir, NULL));
    const char *period = ju_format_period(a, s->fielding_start, s->fielding_end);
    if (period)
        fprintf(f, "%s\n", ju_lexf(a, "check", "fielding", "period", period, NULL));
    fprintf(f, "\n%s\n", ju_lex("check", "responses"));
    for (size_t i = 0; i < r->nforms; i++) {
        const ju_rform *fd = &r->forms[i];
        fprintf(f, "  %s\n", ju_results_response_line(a, r, (int)i));
        fprintf(f, "    %s\n", ju_lexf(a, "check", "file", "path", fd->path, "encoding", ju_encoding_name(fd->encoding), "n",
                                     ju_arena_printf(a, "%zu", fd->n), NULL));
        if (fd->n < r->master->n) {
            fprintf(f, "    %s", ju_lex("check", "missing"));
            for (size_t m = 0; m < r->master->n; m++)
                if (!fd->by_master[m])
                    fprintf(f, " %s", r->master->items[m].name);
            fputc('\n', f);
        }
        if (fd->nunknown) {
            fprintf(f, "    %s", ju_lex("check", "unknown_columns"));
            for (size_t k = 0; k < fd->nunknown; k++)
                fprintf(f, " %s", fd->unknown_columns[k]);
            fputc('\n', f);
        }
    }
    size_t n = 0;
    for (size_t i = 0; i < d->n; i++)
        n += d->items[i].severity != JU_SEV_ERROR && names_file(&d->items[i], r);
    fprintf(f, "\n%s\n", ju_lexf(a, "check", "problems", "n", ju_arena_printf(a, "%zu", n), NULL));
    for (size_t i = 0; i < d->n; i++)
        if (d->items[i].severity != JU_SEV_ERROR && names_file(&d->items[i], r)) {
            fputs("  ", f);
            ju_diag_print(f, &d->items[i]);
        }
    fputc('\n', f);
}
