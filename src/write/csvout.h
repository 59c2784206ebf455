/* csvout.h — writing CSV cells (RFC 4180) for the tidy outputs. */
#ifndef JU_CSVOUT_H
#define JU_CSVOUT_H

#include <stdio.h>

#include "diag.h"

/* ju_csvout_bom() starts a file with the UTF-8 BOM Excel needs to read it as UTF-8. */
void ju_csvout_bom(FILE *f);

/* ju_csvout_cell() writes one cell, quoted when it holds a comma, quote or
 * line break, followed by ',' or, when `last`, a line end. */
void ju_csvout_cell(FILE *f, const char *s, int last);

/* ju_csvout_row() writes a row of `n` cells. */
void ju_csvout_row(FILE *f, const char *const *cells, int n);

/* ju_csvout_open() creates a CSV output file (outfile.h: guarded, closed with
 * ju_outfile_close()) and writes the BOM and the header row of `n` cells;
 * NULL after a diagnostic when it cannot be created. */
FILE *ju_csvout_open(ju_diags *d, const char *path, const char *const *head, int n, int *guard);

#endif
