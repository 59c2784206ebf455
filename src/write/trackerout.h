/* trackerout.h — the progress tracker as files: tracker.csv and check.txt.
 *
 * tracker.csv (UTF-8 with BOM): a row per sheet and period: sheet,
 * fiscal_year, organisation, title, period, planned, reported,
 * progress_only, period_end, past, nothing_reported (1 or 0).
 * check.txt: the periods already ended (given --as-of) with nothing
 * reported, a line each, in the form's words. */
#ifndef JU_TRACKEROUT_H
#define JU_TRACKEROUT_H

#include "diag.h"
#include "formspec.h"
#include "status.h"
#include "tracker.h"

ju_status ju_tracker_write(ju_arena *a, ju_diags *d, const ju_formspec *f, const ju_initiatives *in,
                           const ju_tracker *t, const ju_date *as_of, const char *dir);

#endif
