/* checkfile.c — see checkfile.h. */
#include "checkfile.h"

#include <string.h>

#include "tabulate.h"
#include "tidy.h"

const char *ju_response_line(ju_arena *a, const ju_dataset *data, size_t form)
{
    const ju_formdata *fd = &data->forms[form];
    size_t expected = data->master->n;
    return ju_arena_printf(a, "%s %zu/%zu（回収率%s%%）", fd->form->label, fd->n, expected,
                           ju_format_tenths(a, ju_percent10((long long)fd->n, (long long)expected)));
}

static bool names_file(const ju_diag *g, const ju_dataset *data)
{
    if (!g->file)
        return false;
    for (size_t i = 0; i < data->nforms; i++)
        if (strcmp(g->file, data->forms[i].path) == 0)
            return true;
    return strncmp(g->file, data->survey->dir, strlen(data->survey->dir)) == 0;
}

void ju_checkfile_write_year(ju_arena *a, FILE *f, const ju_dataset *data, const ju_diags *d)
{
    const ju_survey *s = data->survey;
    fprintf(f, "== %s（%d）%s ==\n", ju_wareki(a, s->year), s->year, s->title ? s->title : "");
    fprintf(f, "データ: %s\n", s->dir);
    fprintf(f, "調査票の定義（codebook）: %s\n", data->codebook->dir);
    if (s->fielding_start && s->fielding_end)
        fprintf(f, "調査時期: %s～%s\n", ju_date_wareki(a, s->fielding_start), ju_date_wareki(a, s->fielding_end));
    fprintf(f, "\n回収状況\n");
    for (size_t i = 0; i < data->nforms; i++) {
        const ju_formdata *fd = &data->forms[i];
        fprintf(f, "  %s\n", ju_response_line(a, data, i));
        fprintf(f, "    %s: %s, %zu行\n", fd->path, ju_encoding_name(fd->encoding), fd->n);
        if (fd->nmissing) {
            fprintf(f, "    未回収:");
            for (size_t k = 0; k < fd->nmissing; k++)
                fprintf(f, " %s", data->master->items[fd->missing[k]].name);
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
        n += d->items[i].severity != JU_SEV_ERROR && names_file(&d->items[i], data);
    fprintf(f, "\n警告・注意（%zu件）\n", n);
    for (size_t i = 0; i < d->n; i++)
        if (d->items[i].severity != JU_SEV_ERROR && names_file(&d->items[i], data)) {
            fputs("  ", f);
            ju_diag_print(f, &d->items[i]);
        }
    fputc('\n', f);
}
