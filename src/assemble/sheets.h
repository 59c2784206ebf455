/* sheets.h — the `sheets` job: key-initiative sheets (様式4) from data, end to end.
 *
 * Reads the form (templates/initiatives/form.ini) and the initiatives
 * (data/initiatives/sheets.csv, schedule.csv), checks them, then writes into
 * a temporary folder and swaps it in (outdir.h, as report does):
 *   <form file>.pdf       every sheet, a page or more each
 *   sheets/<id>.pdf       each sheet alone, to send to its office
 *   pages/<id>-<n>.png    each page as an image
 *   gantt/<id>.png/.pdf/.svg/.csv, gantt/all.*   the schedule charts, each
 *                         sheet's and one of all sheets, with their data
 *   tracker.csv, check.txt  planned and reported counts per sheet and period;
 *                         the periods ended (--as-of) with nothing reported
 * Nothing is written when anything is wrong. */
#ifndef JU_SHEETS_H
#define JU_SHEETS_H

#include "arena.h"
#include "diag.h"
#include "status.h"

typedef struct {
    const char *data_dir;      /* NULL: data/initiatives */
    const char *templates_dir; /* "templates": the form is DIR/initiatives/form.ini, or DIR/form.ini */
    const char *out_dir;       /* NULL: out/initiatives */
    const char *as_of;         /* NULL, or YYYY-MM-DD: the line on the schedule charts */
} ju_sheets_options;

typedef struct {
    const char *out_dir;  /* where it wrote */
    size_t nsheets, npages;
} ju_sheets_result;

ju_status ju_sheets_run(ju_arena *a, ju_diags *d, const ju_sheets_options *o, ju_sheets_result *r);

#endif
