/* chartcsv.h — the numbers a chart draws, beside it: charts/<id>.csv.
 *
 * One row per drawn category, with where it comes from, so that a reader
 * can reuse the numbers and the tests can hold each chart to tables.csv:
 *   row,year,form,question,segment,base_n,category,label,count,percent
 * `row` is the chart's row label (a year, a segment; empty for a one-row
 * chart); `segment` is the tables' segment ("all", "Q1=2", or segments added
 * up, "Q1=2+Q1=3"); `percent` is in the chart's base, as drawn. Adoption
 * charts give each fiscal year's bodies as "continuing" and "new"; callouts
 * give "sum" or "topN" with the value as count; tile maps give their legend
 * (row 凡例) and each tile (row: code and name) with its category.
 * UTF-8 with a BOM, as the other CSV outputs. */
#ifndef JU_CHARTCSV_H
#define JU_CHARTCSV_H

#include "arena.h"
#include "chartdata.h"
#include "diag.h"
#include "status.h"

/* ju_chartcsv_write() writes chart `c` of form `form` to `path`. */
ju_status ju_chartcsv_write(ju_arena *a, ju_diags *d, const ju_chartdata *c, const char *path);

#endif
