/* csvout.c — see csvout.h. */
#include "csvout.h"

#include <string.h>

#include "outfile.h"

void ju_csvout_bom(FILE *f)
{
    fputs("\xEF\xBB\xBF", f);
}

void ju_csvout_cell(FILE *f, const char *s, int last)
{
    if (!s)
        s = "";
    if (strpbrk(s, ",\"\r\n")) {
        fputc('"', f);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', f);
            fputc(*s, f);
        }
        fputc('"', f);
    } else {
        fputs(s, f);
    }
    fputs(last ? "\n" : ",", f);
}

void ju_csvout_row(FILE *f, const char *const *cells, int n)
{
    for (int i = 0; i < n; i++)
        ju_csvout_cell(f, cells[i], i == n - 1);
}

FILE *ju_csvout_open(ju_diags *d, const char *path, const char *const *head, int n, int *guard)
{
    FILE *f = ju_outfile_open(d, path, guard);
    if (f) {
        ju_csvout_bom(f);
        ju_csvout_row(f, head, n);
    }
    return f;
}
