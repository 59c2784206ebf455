/* pen.h — text and lines on a cairo context, shared by charts and report pages.
 *
 * A pen is a cairo context, the style whose font and colours it draws with,
 * and a count of characters the font lacked (pango draws them as boxes; a
 * caller turns a non-zero count into an error). Sizes are in points = user
 * units. Nothing here owns the context. */
#ifndef JU_PEN_H
#define JU_PEN_H

#include <pango/pangocairo.h>
#include <stdbool.h>
#include <stdio.h>

#include "chartspec.h"

/* The test switch JU_TEST_TEXTLOG (render.c): where a chart's texts go, in
 * the chart's own coordinates, for tests/charts/collide.py. */
typedef struct ju_textlog_s {
    FILE *f;
    int instance;          /* which drawing of which chart */
    cairo_matrix_t to_chart; /* device space → the chart's coordinates */
    /* the area a label must stay inside, when it has one: a pie's slice
     * (wedge: centre, radii, angles) or a tile (rect: x0 = cx, y0 = cy,
     * x1 = r0, y1 = r1) */
    bool wedge, rect;
    double cx, cy, r0, r1, a0, a1;
} ju_textlog;

/* Short texts drawn broken inside a word, because a word is wider than its
 * line at the smallest size: how many, and the first of them (for a warning
 * asking for a shorter label). */
typedef struct {
    int n;
    char first[160];
} ju_broken;

typedef struct {
    cairo_t *cr;
    const ju_chartstyle *st;
    int unknown_glyphs;
    ju_textlog *log; /* NULL but under the test switch */
    /* when set: the space between lines, and a hanging indent for every
     * paragraph of a text (a list written ・…\n・… in one cell) */
    double spacing, hang;
    /* running text (the report's paragraphs): broken as pango breaks
     * Japanese, anywhere but for kinsoku; otherwise (titles, labels, cells,
     * headings) between phrases only (phrases.h) */
    bool running;
    ju_broken *broken; /* NULL, or where drawn texts broken inside a word are counted */
} ju_pen;

/* ju_pen_rgb() sets the source colour from 0xRRGGBB. */
void ju_pen_rgb(cairo_t *cr, unsigned rgb);

/* ju_pen_layout() is a pango layout of `text` in the style's font; width > 0
 * wraps it: a short text between its phrases, never inside a word (a word
 * wider than the line inside its phrase, else anywhere, and p->broken counts it
 * when it is drawn), running text as pango breaks Japanese. The caller
 * unrefs it. ju_pen_layout_markup() is the same for pango markup
 * (<span allow_breaks="false"> keeps a name whole). */
PangoLayout *ju_pen_layout(ju_pen *p, const char *text, double size, bool bold, double width, PangoAlignment align);
PangoLayout *ju_pen_layout_markup(ju_pen *p, const char *markup, double size, bool bold, double width,
                                  PangoAlignment align);

/* ju_pen_set_width() wraps a layout of the pen at another width, its breaks
 * chosen again by the rules above (use it instead of pango_layout_set_width);
 * false when a word had to be broken at that width. */
bool ju_pen_set_width(PangoLayout *l, double width);

/* ju_pen_note_broken() counts in p->broken a layout about to be drawn whose
 * words had to break (ju_pen_text does; a caller drawing a layout itself
 * calls it). */
void ju_pen_note_broken(ju_pen *p, PangoLayout *l);

/* ju_pen_measure() gives the size `text` would take. */
void ju_pen_measure(ju_pen *p, const char *text, double size, bool bold, double width, double *w, double *h);

/* ju_pen_text() draws text with its top-left (or, aligned, its box) at x, y
 * and returns its height. */
double ju_pen_text(ju_pen *p, const char *text, double x, double y, double size, bool bold, double width,
                   PangoAlignment align, unsigned rgb);

/* ju_pen_text_centered() draws text centred on (cx, cy). */
void ju_pen_text_centered(ju_pen *p, const char *text, double cx, double cy, double size, bool bold, unsigned rgb);

/* ju_pen_rule() draws a straight line: rules, axes and baselines. */
void ju_pen_rule(ju_pen *p, double x0, double y0, double x1, double y1, double width, unsigned rgb);

/* ju_pen_lone_end() is true when `text` set at width w leaves a paragraph of
 * two lines or more ending on a line of one or two characters (「…働きかけ」
 * leaving 「け」). */
bool ju_pen_lone_end(ju_pen *p, const char *text, double size, bool bold, double w);

/* ju_pen_unwidow() keeps a wrapped paragraph from ending on a line of one or
 * two characters (る。): it narrows the layout, set at width w, a text size
 * at a time (four at most) until the line before gives the last one company,
 * and leaves it at w when no width helps. Returns the width it set. */
double ju_pen_unwidow(PangoLayout *l, double w, double size);

/* ju_pen_balance() evens out the lines of a short text (a heading, a title):
 * it sets the layout to the narrowest width that keeps its number of lines,
 * so that a heading of two lines does not end in a word alone. Returns the
 * width set. */
double ju_pen_balance(PangoLayout *l, double w);

#endif
