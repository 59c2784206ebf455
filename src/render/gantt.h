/* gantt.h — schedule charts of key-initiative sheets: April–March, a row per
 * item grouped by tag (or period), the planned months as bars, what was
 * reported as marks at its date (or month), the as-of date as a line.
 *
 * ju_render_gantt() draws the rows (initiatives.h ju_gantt_rows()) as
 * dir/<id>.png, .pdf and .svg. Under the test switch JU_TEST_TEXTLOG every
 * text is logged like a chart's (tests/charts/collide.py reads it). */
#ifndef JU_GANTT_H
#define JU_GANTT_H

#include <time.h>

#include "diag.h"
#include "formspec.h"
#include "initiatives.h"
#include "status.h"

typedef struct {
    const char *id;       /* the files' name */
    const char *title;
    const char *subtitle; /* NULL: none */
    const ju_ganttrow *rows;
    size_t n;
    const ju_date *as_of; /* NULL: no line */
} ju_gantt;

ju_status ju_render_gantt(ju_arena *a, ju_diags *d, const ju_formspec *f, const ju_initiatives *in, const ju_gantt *g,
                          const char *dir, time_t epoch);

#endif
