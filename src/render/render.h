/* render.h — drawing charts with cairo and pango (the only drawing module).
 *
 * ju_render_chart() lays out one chart's data (chartdata.h) on a cairo
 * context of the spec's size in points: title, base caption, plot, legend,
 * value labels, note and source line, in BIZ UDPGothic through pango.
 * ju_render_files() writes a chart as <id>.png (style.png_scale pixels per
 * point), <id>.pdf (vector, fonts embedded as subsets) and <id>.svg. */
#ifndef JU_RENDER_H
#define JU_RENDER_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "chartdata.h"
#include "pen.h"
#include "diag.h"
#include "status.h"

typedef struct _cairo cairo_t;
typedef struct _cairo_surface cairo_surface_t;

/* ju_render_chart() draws `c` on `cr` and returns how many glyphs the font
 * lacked (0 when every character was found); its texts broken inside a word
 * are counted in `broken` (NULL: not counted). */
int ju_render_chart(cairo_t *cr, const ju_chartstyle *st, const ju_chartdata *c, ju_broken *broken);

/* ju_broken_message() is the warning for `n` texts drawn broken inside a
 * word, `b->first` the first of them. */
const char *ju_broken_message(ju_arena *a, const ju_broken *b, int n);

/* ju_render_log_where() names, for the test switch JU_TEST_TEXTLOG
 * (render.c), where the next charts are drawn ("file", "page 7") and how
 * many print points one unit of the chart is there. */
void ju_render_log_where(const char *where, double print_scale);

/* ju_render_log_figure() starts, under the test switch, the log of a figure
 * that is not a chart (a table or diagram of the report) drawn in cr's
 * current coordinates over w × h; NULL (log nothing) without the switch. */
struct ju_textlog_s *ju_render_log_figure(cairo_t *cr, const char *id, double w, double h, struct ju_textlog_s *log);

/* ju_render_textlog() is the test switch's file, or NULL: the report's
 * pages add their paragraphs' lines to it (pages.c). */
FILE *ju_render_textlog(void);

/* ju_render_png() draws `c` into a PNG file at style.png_scale pixels per
 * point; `missing` is increased by the glyphs the font lacked (the benchmark's
 * measure of a chart's PNG; ju_render_files() writes the same image). */
bool ju_render_png(ju_arena *a, const ju_chartstyle *st, const ju_chartdata *c, const char *path, int *missing);

/* ju_png_write() writes an RGB24/ARGB32 image surface as an RGB PNG (zlib
 * level 1, no time chunk, so the bytes depend on the pixels only). Rows are
 * not filtered: on flat charts and pages the filters make zlib's input no
 * more alike (pages 14% larger with "up") and cost a pass over the image. */
bool ju_png_write(cairo_surface_t *img, const char *path);

/* A canvas: a cairo surface, its context and (for PDF and SVG) the file it
 * streams into. While open it is guarded (guard.h): when memory runs out in
 * the middle of drawing, all three are released. Canvases nest like calls:
 * close the newest first. When cairo runs out of memory (a surface it
 * cannot make, drawing that fails for want of memory), the canvas is
 * released and the run unwinds as when an allocation fails (arena.h): the
 * run ends with "out of memory", not with a file that could not be written. */
typedef struct {
    cairo_surface_t *surface;
    cairo_t *cr;
    FILE *file; /* NULL for an image */
    int guard;
    struct ju_svgbuf *svg; /* an SVG is held until closed: its surface ids are renumbered */
    ju_arena *a;           /* whose out-of-memory handler runs when cairo has no memory */
} ju_canvas;

/* ju_canvas_pdf() creates `path` and a PDF surface of w × h points streaming
 * into it, with jusou as its creator and both its dates at `epoch`; NULL
 * (with "cannot write the <what>") when the file cannot be created. */
ju_canvas *ju_canvas_pdf(ju_arena *a, ju_diags *d, const char *path, const char *what, double w, double h,
                         time_t epoch);

/* ju_canvas_svg() is the same for an SVG file. cairo names the surface of an
 * SVG after a counter of every surface the process has made ("surface1032"),
 * which would make the file depend on what was drawn before it (and in which
 * worker process); the ids are renumbered from 1 in each file when it is
 * closed. */
ju_canvas *ju_canvas_svg(ju_arena *a, ju_diags *d, const char *path, const char *what, double w, double h);

/* ju_canvas_image() is an RGB image of w × h pixels (ju_canvas_png() writes it). */
ju_canvas *ju_canvas_image(ju_arena *a, int w, int h);

/* ju_canvas_close() finishes a PDF or SVG canvas and closes its file;
 * JU_ERR_IO (with the reason) when drawing or writing failed. */
ju_status ju_canvas_close(ju_diags *d, const char *path, const char *what, ju_canvas *c);

/* ju_canvas_png() writes an image canvas to `path` as PNG and destroys it;
 * false when drawing or writing failed. */
bool ju_canvas_png(ju_canvas *c, const char *path);

/* ju_canvas_drop() destroys a canvas without writing it (a scratch surface). */
void ju_canvas_drop(ju_canvas *c);

/* The tallest PNG a drawing makes, in pixels (cairo's images stop at 32,767). */
enum { JU_PNG_MAX_PX = 32000 };

/* A drawing written in the three formats of a chart: its name, PDF title,
 * font (named when glyphs are missing), size in points, PNG pixels per point
 * (lowered, with a warning, so that the image stays within JU_PNG_MAX_PX), and what
 * draws it: draw(cr, ctx) on a context of width × height points, returning
 * how many glyphs the font lacked. */
typedef struct {
    const char *id, *title, *font;
    double width, height;
    double png_scale;
    int (*draw)(cairo_t *cr, void *ctx);
    void *ctx;
    ju_broken *broken; /* where draw() counts its texts broken inside a word (a warning), or NULL */
} ju_drawing;

/* ju_render_drawing() writes dir/<id>.png, .pdf (dates at `epoch`) and .svg;
 * missing glyphs are an error naming the PNG. */
ju_status ju_render_drawing(ju_arena *a, ju_diags *d, const ju_drawing *g, const char *dir, time_t epoch);

/* ju_render_files() writes dir/<id>.png, .pdf and .svg. `epoch` fixes the
 * PDF's dates. Missing glyphs are an error naming the chart. */
ju_status ju_render_files(ju_arena *a, ju_diags *d, const ju_chartstyle *st, const ju_chartdata *c,
                          const char *dir, time_t epoch);

#endif
