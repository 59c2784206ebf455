/* csvout.h — writing CSV cells (RFC 4180) for the tidy outputs. */
#ifndef JU_CSVOUT_H
#define JU_CSVOUT_H

#include <stdio.h>

/* ju_csvout_bom() starts a file with the UTF-8 BOM Excel needs to read it as UTF-8. */
void ju_csvout_bom(FILE *f);

/* ju_csvout_cell() writes one cell, quoted when it holds a comma, quote or
 * line break, followed by ',' or, when `last`, a line end. */
void ju_csvout_cell(FILE *f, const char *s, int last);

/* ju_csvout_row() writes a row of `n` cells. */
void ju_csvout_row(FILE *f, const char *const *cells, int n);

#endif
