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
#include "diag.h"
#include "status.h"

typedef struct _cairo cairo_t;
typedef struct _cairo_surface cairo_surface_t;

/* ju_render_chart() draws `c` on `cr` and returns how many glyphs the font
 * lacked (0 when every character was found). */
int ju_render_chart(cairo_t *cr, const ju_chartstyle *st, const ju_chartdata *c);

/* ju_render_png() draws `c` into a PNG file at style.png_scale pixels per
 * point; `missing` is increased by the glyphs the font lacked. */
bool ju_render_png(const ju_chartstyle *st, const ju_chartdata *c, const char *path, int *missing);

/* ju_png_write() writes an RGB24/ARGB32 image surface as an RGB PNG (zlib
 * level 1, no time chunk, so the bytes depend on the pixels only). */
bool ju_png_write(cairo_surface_t *img, const char *path);

/* ju_pdf_open() creates `path` and a PDF surface of w × h points streaming
 * into it, with jusou as its creator and both its dates at `epoch`; NULL
 * (with "cannot write the <what>") when the file cannot be created. The
 * caller sets the title and closes it with ju_surface_close(). */
cairo_surface_t *ju_pdf_open(ju_diags *d, const char *path, const char *what, double w, double h, time_t epoch,
                             FILE **f);

/* ju_surface_close() destroys `cr`, finishes and destroys `s` and closes `f`;
 * JU_ERR_IO (with the reason) when drawing or writing failed. */
ju_status ju_surface_close(ju_diags *d, const char *path, const char *what, cairo_surface_t *s, cairo_t *cr,
                           FILE *f);

/* ju_render_files() writes dir/<id>.png, .pdf and .svg. `epoch` fixes the
 * PDF's dates. Missing glyphs are an error naming the chart. */
ju_status ju_render_files(ju_arena *a, ju_diags *d, const ju_chartstyle *st, const ju_chartdata *c,
                          const char *dir, time_t epoch);

#endif
