/* gantt.c — schedule charts of key-initiative sheets; see gantt.h. */
#include "gantt.h"

#include <math.h>
#include <string.h>

#include "format.h"
#include "monthspan.h"
#include "pen.h"
#include "render.h"

static const double W = 900, MARGIN = 24, LABEL_W = 330, ROW_H = 17, HEAD_H = 22, SIZE = 9, BAR_H = 8;
static const unsigned MARK = 0xE69F00, AS_OF = 0xC0392B;

typedef struct {
    ju_arena *a;
    ju_pen pen;
    const ju_formspec *f;
    const ju_initiatives *in;
    const ju_gantt *g;
    double top;   /* of the first row */
    double *at;   /* each row's top below `top`, and at[n] their height: a label wraps between phrases */
} chart;

static double height_of(const chart *C)
{
    return 110 + C->at[C->g->n] + MARGIN;
}

/* x of a point of the fiscal year: month index (0 = April) and its fraction */
static double x_at(double fm)
{
    double x0 = MARGIN + LABEL_W, x1 = W - MARGIN;
    return x0 + (x1 - x0) * fm / 12;
}

static double date_at(const ju_date *dt)
{
    return ju_fiscal_index(dt->m) + (dt->d - 1 + 0.5) / ju_days_in_month(dt->y, dt->m);
}

static void diamond(cairo_t *cr, double x, double y, double r, unsigned rgb)
{
    cairo_move_to(cr, x, y - r);
    cairo_line_to(cr, x + r, y);
    cairo_line_to(cr, x, y + r);
    cairo_line_to(cr, x - r, y);
    cairo_close_path(cr);
    ju_pen_rgb(cr, rgb);
    cairo_fill_preserve(cr);
    ju_pen_rgb(cr, 0xFFFFFF);
    cairo_set_line_width(cr, 0.8);
    cairo_stroke(cr);
}

/* a row's label: a heading (bold), an item, or progress reported on its own */
static const char *row_label(chart *C, const ju_ganttrow *r, bool *bold, double *x, double *w)
{
    *bold = r->heading != NULL;
    *x = MARGIN + (r->heading ? 4 : 14);
    *w = LABEL_W - (r->heading ? 8 : 20);
    const char *text = r->heading       ? r->heading
                       : r->item->item ? r->item->item
                                       : ju_arena_printf(C->a, "%s %s", C->f->words[JU_FORM_REPORTED], r->item->progress[0]);
    char *line = ju_arena_strdup(C->a, text);
    for (char *nl = strchr(line, '\n'); nl; nl = strchr(nl, '\n'))
        *nl = ' ';
    return line;
}

/* the rows' tops: a label of more than a line makes its row taller (the
 * pen wraps it between phrases; nothing is cut) */
static void lay_rows(chart *C)
{
    const ju_gantt *g = C->g;
    C->at = ju_arena_array(C->a, g->n + 1, sizeof *C->at);
    ju_canvas *scratch = ju_canvas_image(C->a, 1, 1);
    C->pen.cr = scratch->cr;
    double y = 0;
    for (size_t i = 0; i < g->n; i++) {
        bool bold;
        double x, w, tw, th;
        const char *text = row_label(C, &g->rows[i], &bold, &x, &w);
        ju_pen_measure(&C->pen, text, SIZE, bold, w, &tw, &th);
        C->at[i] = y;
        y += fmax(ROW_H, th + 7);
    }
    C->at[g->n] = y;
    ju_canvas_drop(scratch);
    C->pen.cr = NULL;
    C->pen.unknown_glyphs = 0;
}

static void label(chart *C, const ju_ganttrow *r, double cy, unsigned rgb)
{
    bool bold;
    double x, w, tw, th;
    const char *text = row_label(C, r, &bold, &x, &w);
    ju_pen_measure(&C->pen, text, SIZE, bold, w, &tw, &th);
    ju_pen_text(&C->pen, text, x, cy - th / 2, SIZE, bold, w, PANGO_ALIGN_LEFT, rgb);
}

static void draw(chart *C)
{
    const ju_formspec *f = C->f;
    const ju_gantt *g = C->g;
    const ju_chartstyle *st = C->pen.st;
    cairo_t *cr = C->pen.cr;
    double h = height_of(C);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    double y = MARGIN;
    y += ju_pen_text(&C->pen, g->title, MARGIN, y, 14, true, W - 2 * MARGIN, PANGO_ALIGN_LEFT, st->ink) + 2;
    if (g->subtitle)
        y += ju_pen_text(&C->pen, g->subtitle, MARGIN, y, SIZE, false, W - 2 * MARGIN, PANGO_ALIGN_LEFT, st->muted);
    /* the legend */
    double ly = y + 10, lx = MARGIN;
    cairo_rectangle(cr, lx, ly - BAR_H / 2, 22, BAR_H);
    ju_pen_rgb(cr, f->style.accent);
    cairo_fill(cr);
    double tw, th;
    ju_pen_measure(&C->pen, f->words[JU_FORM_PLANNED], SIZE, false, -1, &tw, &th);
    ju_pen_text(&C->pen, f->words[JU_FORM_PLANNED], lx + 27, ly - th / 2, SIZE, false, -1, PANGO_ALIGN_LEFT, st->ink);
    lx += 27 + tw + 18;
    diamond(cr, lx + 5, ly, 5, MARK);
    ju_pen_measure(&C->pen, f->words[JU_FORM_REPORTED], SIZE, false, -1, &tw, &th);
    ju_pen_text(&C->pen, f->words[JU_FORM_REPORTED], lx + 14, ly - th / 2, SIZE, false, -1, PANGO_ALIGN_LEFT, st->ink);
    lx += 14 + tw + 18;
    if (g->as_of) {
        ju_pen_rule(&C->pen, lx, ly - 6, lx, ly + 6, 1.5, AS_OF);
        const char *when = ju_form_word(C->a, f, JU_FORM_AS_OF, NULL,
                                        ju_arena_printf(C->a, "%04d-%02d-%02d", g->as_of->y, g->as_of->m, g->as_of->d));
        ju_pen_measure(&C->pen, when, SIZE, false, -1, &tw, &th);
        ju_pen_text(&C->pen, when, lx + 6, ly - th / 2, SIZE, false, -1, PANGO_ALIGN_LEFT, st->ink);
    }
    /* the months */
    double top = y + 30;
    C->top = top + HEAD_H;
    double bottom = C->top + C->at[g->n];
    for (int m = 0; m < 12; m++) {
        const char *name = ju_form_word(C->a, f, JU_FORM_MONTH, NULL, ju_arena_printf(C->a, "%d", (m + 3) % 12 + 1));
        ju_pen_measure(&C->pen, name, SIZE, true, -1, &tw, &th);
        ju_pen_text(&C->pen, name, (x_at(m) + x_at(m + 1)) / 2 - tw / 2, top + (HEAD_H - th) / 2, SIZE, true, -1,
                    PANGO_ALIGN_LEFT, st->ink);
    }
    /* rows: heading bands, then the grid over them */
    for (size_t i = 0; i < g->n; i++) {
        const ju_ganttrow *r = &g->rows[i];
        double ry = C->top + C->at[i];
        if (r->heading) {
            cairo_rectangle(cr, MARGIN, ry, W - 2 * MARGIN, C->at[i + 1] - C->at[i]);
            ju_pen_rgb(cr, r->sheet_heading ? 0xD6E0EA : 0xEEF2F6);
            cairo_fill(cr);
        }
    }
    for (int m = 0; m <= 12; m++)
        ju_pen_rule(&C->pen, x_at(m), top, x_at(m), bottom, m % 12 ? 0.4 : 0.8, st->grid);
    ju_pen_rule(&C->pen, MARGIN, top + HEAD_H, W - MARGIN, top + HEAD_H, 0.8, st->ink);
    ju_pen_rule(&C->pen, MARGIN, bottom, W - MARGIN, bottom, 0.8, st->ink);
    for (size_t i = 0; i < g->n; i++) {
        const ju_ganttrow *r = &g->rows[i];
        double cy = C->top + (C->at[i] + C->at[i + 1]) / 2;
        if (r->heading) {
            label(C, r, cy, st->ink);
            continue;
        }
        const ju_schedrow *it = r->item;
        /* an item, or progress reported on its own (in the muted ink, with its marks only) */
        label(C, r, cy, it->item ? st->ink : st->muted);
        int runs[6][2];
        int nr = ju_span_runs(it->months, runs);
        for (int k = 0; k < nr; k++) {
            cairo_rectangle(cr, x_at(runs[k][0]) + 1.5, cy - BAR_H / 2, x_at(runs[k][1] + 1) - x_at(runs[k][0]) - 3,
                            BAR_H);
            ju_pen_rgb(cr, f->style.accent);
            cairo_fill(cr);
        }
        const ju_sheet *sh = &C->in->sheets[r->sheet];
        if (it->nreported) {
            for (size_t k = 0; k < it->nreported; k++) {
                const ju_date *dt = &it->reported[k];
                int fy = dt->m >= 4 ? dt->y : dt->y - 1;
                if (fy == sh->fiscal_year)
                    diamond(cr, x_at(date_at(dt)), cy, 5, MARK);
            }
        } else
            for (int m = 0; m < 12; m++)
                if (it->progress_months >> m & 1u)
                    diamond(cr, x_at(m + 0.5), cy, 5, MARK);
    }
    if (g->as_of) {
        double x = x_at(date_at(g->as_of));
        ju_pen_rule(&C->pen, x, top, x, bottom, 1.5, AS_OF);
    }
    (void)h;
}

/* draws the chart on cr (a format of it); returns the glyphs the font lacked */
static int draw_into(cairo_t *cr, void *ctx)
{
    chart *C = ctx;
    C->pen.cr = cr;
    C->pen.unknown_glyphs = 0;
    ju_textlog log;
    C->pen.log = ju_render_log_figure(cr, ju_arena_printf(C->a, "gantt-%s", C->g->id), W, height_of(C), &log);
    draw(C);
    C->pen.log = NULL;
    return C->pen.unknown_glyphs;
}

ju_status ju_render_gantt(ju_arena *a, ju_diags *d, const ju_formspec *f, const ju_initiatives *in, const ju_gantt *g,
                          const char *dir, time_t epoch)
{
    ju_chartstyle st = {.font = f->style.font, .palette = {f->style.accent}, .npalette = 1, .ink = f->style.ink,
                        .muted = f->style.muted, .grid = f->style.rule, .png_scale = f->style.png_scale};
    ju_broken broken = {0, ""};
    chart C = {a, {NULL, &st, 0, NULL, 0, 0, false, &broken}, f, in, g, 0, NULL};
    lay_rows(&C);
    ju_drawing dr = {g->id, g->title, st.font, W, height_of(&C), st.png_scale, draw_into, &C, &broken};
    return ju_render_drawing(a, d, &dr, dir, epoch);
}
