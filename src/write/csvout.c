/* csvout.c — see csvout.h. */
#include "csvout.h"

#include <string.h>

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
