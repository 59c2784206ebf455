/* checkfile.h — check.txt, the data-quality report of a run.
 *
 * For each year read: the files with their encoding and rows, the codebook
 * used, response counts and rates per form, who did not respond, ignored
 * columns, and every warning (answers outside their base, missing
 * respondents, …). */
#ifndef JU_CHECKFILE_H
#define JU_CHECKFILE_H

#include <stdio.h>

#include "diag.h"
#include "results.h"

/* ju_checkfile_write_year() writes one year's section to `f`; `d` holds the
 * run's diagnostics (those naming this year's files are listed). */
void ju_checkfile_write_year(ju_arena *a, FILE *f, const ju_results *r, const ju_diags *d);

#endif
