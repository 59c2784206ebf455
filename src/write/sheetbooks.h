/* sheetbooks.h — the key-initiative workbooks (libxlsxwriter, through the
 * workbook helpers of workbook_int.h):
 *   <form file>.xlsx     the 様式4 form, a worksheet per sheet: merged cells,
 *                        borders, wrapped text, rows as tall as their text,
 *                        A4 portrait, one page wide
 *   <tracker file>.xlsx  進捗集計 (per sheet and period: planned, reported,
 *                        progress-only counts, the report rate, whether the
 *                        period ended with nothing reported; filters; a
 *                        native chart of planned and reported items by
 *                        period) and 項目一覧 (every item and progress line
 *                        with its status; filters) */
#ifndef JU_SHEETBOOKS_H
#define JU_SHEETBOOKS_H

#include <time.h>

#include "diag.h"
#include "formspec.h"
#include "status.h"
#include "tracker.h"

ju_status ju_sheetbooks_write(ju_arena *a, ju_diags *d, const ju_formspec *f, const ju_initiatives *in,
                              const ju_tracker *t, const char *dir, time_t epoch);

#endif
