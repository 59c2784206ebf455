/* tidy.h — the tidy outputs: tables.csv, stats.csv, top.csv.
 *
 * UTF-8 with BOM, one row per category (tables), per count table (stats) or
 * per top value (top); years in the order given (previous year first), then
 * forms, questions and segments in codebook order. Layouts in README. */
#ifndef JU_TIDY_H
#define JU_TIDY_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "status.h"
#include "tabulate.h"

/* ju_tidy_write() writes the three files into folder `dir`. */
ju_status ju_tidy_write(ju_arena *a, ju_diags *d, const char *dir, const ju_tables *const *years, size_t nyears);


#endif
