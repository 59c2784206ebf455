/* figures.h — the report's tables and diagrams (document.h), laid out and drawn.
 *
 * Both measure themselves at a width and return their height; with `draw`
 * they draw at x, y. Text is 8.5 points (print size: pages draw at 1:1).
 * Under the test switch JU_TEST_TEXTLOG each drawing is logged as a figure
 * whose every text must stay inside its cell or box (tests/charts/collide.py). */
#ifndef JU_FIGURES_H
#define JU_FIGURES_H

#include <stdbool.h>

#include "document.h"
#include "pen.h"

typedef struct {
    ju_arena *a;
    ju_pen *pen;
    unsigned accent, tint;
    bool tagged; /* the PDF: TR, TH and TD structure tags inside the caller's Table */
    bool cramped; /* set by a diagram whose width leaves its boxes or labels no room */
} ju_figpen;

double ju_figure_table(ju_figpen *f, const ju_doctable *t, double x, double y, double w, bool draw);
double ju_figure_diagram(ju_figpen *f, const ju_diagram *g, double x, double y, double w, bool draw);

#endif
