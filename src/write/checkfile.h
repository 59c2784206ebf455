/* checkfile.h — check.txt, the data-quality report of a run.
 *
 * For each year read: the files with their encoding and rows, the codebook
 * used, response counts and rates per form, ignored columns, and every
 * warning (answers outside their base, missing respondents, …). */
#ifndef JU_CHECKFILE_H
#define JU_CHECKFILE_H

#include <stdio.h>

#include "dataset.h"
#include "diag.h"

/* ju_checkfile_write_year() writes one year's section to `f`; `d` holds the
 * run's diagnostics (those naming this year's files are listed). */
void ju_checkfile_write_year(ju_arena *a, FILE *f, const ju_dataset *data, const ju_diags *d);

/* ju_response_line() is "自治体票 62/62（回収率100.0%）" for a form. */
const char *ju_response_line(ju_arena *a, const ju_dataset *data, size_t form);

#endif
