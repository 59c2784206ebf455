/* ganttcsv.h — the data of a schedule chart beside it: gantt/<id>.csv.
 *
 * UTF-8 with BOM, a row per item or progress line reported on its own:
 * sheet, fiscal_year, group, kind (item, progress), text, months (the
 * planned months as calendar months, runs joined by ;: "4-7;9"),
 * reported (the dates reported, ;), reported_months (the months the progress
 * names when no date is given). Readers who need the numbers behind the bars
 * get them here, and tests compare them with the data. */
#ifndef JU_GANTTCSV_H
#define JU_GANTTCSV_H

#include "diag.h"
#include "initiatives.h"
#include "status.h"

ju_status ju_ganttcsv_write(ju_arena *a, ju_diags *d, const ju_initiatives *in, const ju_ganttrow *rows, size_t n,
                            const char *path);

#endif
