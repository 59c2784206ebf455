/* render.c — chart layout and drawing; see render.h. */
#include "render.h"

#include <errno.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <png.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codebook.h"
#include "guard.h"
#include "lexicon.h"
#include "pen.h"
#include "tabulate.h"

enum { MARGIN = 20 };

/* The smallest text a chart draws, in its own units: the report draws charts
 * at 0.8 of their size (pages.c), and print needs 7 pt at least. */
#define MIN_TEXT 9.0

static const double PI = 3.14159265358979323846;

typedef ju_pen pen;

typedef struct {
    double x, y, w, h;
} box;

/* --- colour and text ------------------------------------------------------ */

/* text on a fill: white on dark colours, ink on light ones */
static unsigned text_on(const pen *p, unsigned fill)
{
    double r = ((fill >> 16) & 255) / 255.0, g = ((fill >> 8) & 255) / 255.0, b = (fill & 255) / 255.0;
    double lum = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    return lum < 0.55 ? 0xFFFFFF : p->st->ink;
}

/* "12（19.4%）": a count and its percent, as words.ini writes them */
static void count_percent(char *line, size_t n, long count, const char *pct)
{
    char c[24];
    snprintf(c, sizeof c, "%ld", count);
    ju_lex_buf(line, n, "labels", "count_percent", "count", c, "percent", pct, NULL);
}

static const char *pct_text(char *buf, size_t n, long long pct10)
{
    if (pct10 < 0)
        snprintf(buf, n, "–");
    else
        snprintf(buf, n, "%lld.%lld%%", pct10 / 10, pct10 % 10);
    return buf;
}


/* the width to wrap `text` at so that its lines come out even: the
 * narrowest (down to a tenth) that keeps the line count `max` gives, so that
 * no line of one or two characters is left at the end */
static double balanced(pen *p, const char *text, double size, bool bold, double max)
{
    PangoLayout *l = ju_pen_layout(p, text, size, bold, max, PANGO_ALIGN_LEFT);
    p->unknown_glyphs -= pango_layout_get_unknown_glyphs_count(l); /* counted when drawn */
    int lines = pango_layout_get_line_count(l);
    bool whole = ju_pen_set_width(l, max); /* every word on one line */
    double lo = max / 10, hi = max;
    if (lines > 1 && whole)
        for (int i = 0; i < 12; i++) {
            double mid = (lo + hi) / 2;
            if (!ju_pen_set_width(l, mid) || pango_layout_get_line_count(l) > lines)
                lo = mid; /* a word would break, or another line */
            else
                hi = mid;
        }
    g_object_unref(l);
    return lines > 1 ? fmin(max, hi + 0.5) : max;
}

/* the size a label is drawn at: `size`, or smaller by half points down to
 * MIN_TEXT while a word of it is wider than `width` (it never breaks inside a
 * word where a smaller size keeps it whole); *lw is its balanced width there */
static double fitting(pen *p, const char *text, double size, bool bold, double width, double *lw)
{
    for (double s = size;; s -= 0.5) {
        if (s < MIN_TEXT)
            s = MIN_TEXT;
        PangoLayout *l = ju_pen_layout(p, text, s, bold, width, PANGO_ALIGN_LEFT);
        p->unknown_glyphs -= pango_layout_get_unknown_glyphs_count(l); /* counted when drawn */
        bool whole = ju_pen_set_width(l, width);
        g_object_unref(l);
        if (whole || s <= MIN_TEXT) {
            *lw = balanced(p, text, s, bold, width);
            return s;
        }
    }
}

/* --- frame: title, caption, legend, note, source --------------------------- */

static box frame(pen *p, const ju_chartdata *c)
{
    const ju_chartspec *s = c->spec;
    cairo_t *cr = p->cr;
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    double w = s->width - 2 * MARGIN;
    double y = MARGIN;
    y += ju_pen_text(p, c->title, MARGIN, y, 16, true, balanced(p, c->title, 16, true, w), PANGO_ALIGN_LEFT,
                     p->st->ink) + 3;
    if (c->caption && *c->caption)
        y += ju_pen_text(p, c->caption, MARGIN, y, 10.5, false, balanced(p, c->caption, 10.5, false, w),
                         PANGO_ALIGN_LEFT, p->st->muted);
    y += 10;
    double bottom = s->height - MARGIN;
    if (c->source && *c->source) {
        double sw, sh;
        ju_pen_measure(p, c->source, MIN_TEXT, false, w, &sw, &sh);
        bottom -= sh;
        ju_pen_text(p, c->source, MARGIN, bottom, MIN_TEXT, false, w, PANGO_ALIGN_LEFT, p->st->muted);
    }
    if (c->note && *c->note) {
        double nw, nh, even = balanced(p, c->note, 9.5, false, w);
        ju_pen_measure(p, c->note, 9.5, false, even, &nw, &nh);
        bottom -= nh + 3;
        ju_pen_text(p, c->note, MARGIN, bottom, 9.5, false, even, PANGO_ALIGN_LEFT, p->st->ink);
    }
    bottom -= 8;
    ju_pen_rule(p, MARGIN, bottom + 4, s->width - MARGIN, bottom + 4, 0.6, p->st->grid);
    return (box){MARGIN, y, w, bottom - y - 4};
}

/* fills the current path and strokes its edge: white gaps between slices
 * and segments, a darker rim on light swatches and tiles */
static void fill_edged(cairo_t *cr, unsigned fill, unsigned edge, double width)
{
    ju_pen_rgb(cr, fill);
    cairo_fill_preserve(cr);
    ju_pen_rgb(cr, edge);
    cairo_set_line_width(cr, width);
    cairo_stroke(cr);
}

static void swatch(pen *p, double x, double y, double size, unsigned rgb, bool outline)
{
    cairo_rectangle(p->cr, x, y, size, size);
    fill_edged(p->cr, rgb, outline ? p->st->muted : rgb, 0.6);
}

/* a legend flowing left to right, wrapping, at the top of `b`; `b` shrinks
 * by its height */
static void legend_top(pen *p, const ju_chartitem *items, size_t n, box *bp)
{
    box b = *bp;
    double x = b.x, y = b.y, line_h = 14, size = 10;
    for (size_t i = 0; i < n; i++) {
        double w, h;
        ju_pen_measure(p, items[i].label, size, false, -1, &w, &h);
        double need = 12 + 4 + w + 14;
        if (x > b.x && x + need > b.x + b.w) {
            x = b.x;
            y += line_h + 4;
        }
        swatch(p, x, y + 2, 10, items[i].color, items[i].color == 0xFFFFFF);
        ju_pen_text(p, items[i].label, x + 14, y, size, false, -1, PANGO_ALIGN_LEFT, p->st->ink);
        x += need;
    }
    double h = y - b.y + line_h + 8;
    bp->y += h;
    bp->h -= h;
}

/* --- kinds ---------------------------------------------------------------- */

/* whether a box of w × h centred on (x, y) lies inside the ring sector
 * r0..r1, a0..a1 around (cx, cy) */
static bool box_in_wedge(double x, double y, double w, double h, double cx, double cy, double r0, double r1,
                         double a0, double a1)
{
    for (int i = 0; i < 4; i++) {
        double px = x + (i & 1 ? w / 2 : -w / 2) - cx, py = y + (i & 2 ? h / 2 : -h / 2) - cy;
        double r = hypot(px, py);
        if (r < r0 || r > r1)
            return false;
        double a = atan2(py, px);
        while (a < a0)
            a += 2 * PI;
        if (a > a1)
            return false;
    }
    return true;
}

/* a label outside the pie: its slice's middle angle, its box, and where it goes */
typedef struct {
    double mid, w, h, y;
    bool right;
    char text[32];
} outlabel;

/* Outside labels of one side, top to bottom: each at least its height below
 * the one before, pulled back up when the last would leave the area. */
static void spread(outlabel **ls, size_t n, double top, double bottom)
{
    for (size_t i = 1; i < n; i++) {
        double min_y = ls[i - 1]->y + (ls[i - 1]->h + ls[i]->h) / 2 + 2;
        if (ls[i]->y < min_y)
            ls[i]->y = min_y;
    }
    for (size_t i = n; i-- > 0;) {
        double max_y = i + 1 < n ? ls[i + 1]->y - (ls[i + 1]->h + ls[i]->h) / 2 - 2 : bottom - ls[i]->h / 2;
        if (ls[i]->y > max_y)
            ls[i]->y = max_y;
    }
    for (size_t i = 0; i < n; i++)
        if (ls[i]->y - ls[i]->h / 2 < top)
            ls[i]->y = top + ls[i]->h / 2;
}

static int by_y(const void *a, const void *b)
{
    double ya = (*(outlabel *const *)a)->y, yb = (*(outlabel *const *)b)->y;
    return ya < yb ? -1 : ya > yb;
}

static void draw_pie(pen *p, const ju_chartdata *c, box b)
{
    cairo_t *cr = p->cr;
    const ju_chartrow *r = &c->rows[0];
    /* a narrow chart (a page's third) has its legend under the pie, one
     * line an item, so that the pie keeps the width */
    bool below = b.w < 400;
    double legend_w = below ? 0 : fmin(260, b.w * 0.45);
    char lines[JU_MAX_CHOICES + 2][400];
    double legend_h = 0, widest = 0;
    size_t nl = 0;
    for (size_t k = 0; below && k < c->nlegend && nl < sizeof lines / sizeof *lines; k++) {
        const ju_chartitem *it = &c->legend[k];
        if (it->muted && it->count == 0)
            continue;
        char buf[32], cp[96];
        count_percent(cp, sizeof cp, it->count, pct_text(buf, sizeof buf, it->pct10));
        snprintf(lines[nl], sizeof lines[nl], "%s　%s", it->label, cp);
        double w, h;
        ju_pen_measure(p, lines[nl++], 10, false, b.w - 18, &w, &h);
        legend_h += h + 4;
        widest = fmax(widest, w + 18);
    }
    box pb = b;
    if (below)
        pb.h -= legend_h + 8;
    /* room around the pie for outside labels: a percent beside it, and above and below */
    double pw, ph;
    ju_pen_measure(p, "100.0%", MIN_TEXT + 0.5, false, -1, &pw, &ph);
    double radius = fmin(pb.h / 2 - ph - 4, (b.w - legend_w) / 2 - pw - 22);
    if (radius < 20)
        radius = 20;
    double cx = b.x + (b.w - legend_w) / 2, cy = pb.y + pb.h / 2;
    double inner = c->center_text ? radius * 0.56 : 0;
    long total = 0;
    for (size_t k = 0; k < r->n; k++)
        total += r->items[k].count;
    outlabel out[JU_MAX_CHOICES + 2];
    size_t nout = 0;
    double a0 = -PI / 2;
    for (size_t k = 0; k < r->n && total > 0; k++) {
        const ju_chartitem *it = &r->items[k];
        double sweep = 2 * PI * it->count / (double)total;
        cairo_new_path(cr);
        if (inner > 0)
            cairo_arc_negative(cr, cx, cy, inner, a0 + sweep, a0);
        else
            cairo_move_to(cr, cx, cy);
        cairo_arc(cr, cx, cy, radius, a0, a0 + sweep);
        cairo_close_path(cr);
        fill_edged(cr, it->color, 0xFFFFFF, 1.2);
        char buf[32];
        pct_text(buf, sizeof buf, it->pct10);
        double mid = a0 + sweep / 2;
        /* inside when the label fits its slice, away from the slice's edges */
        double tw, th;
        ju_pen_measure(p, buf, 11, true, -1, &tw, &th);
        double rr = inner > 0 ? (inner + radius) / 2 : radius * 0.62;
        double lx = cx + rr * cos(mid), ly = cy + rr * sin(mid);
        double pad = 2; /* from the white gap between slices */
        double ring0 = inner > 0 ? inner : 0;
        bool inside = sweep < 2 * PI - 1e-9
                          ? box_in_wedge(lx, ly, tw + 2 * pad, th + 2 * pad, cx, cy, ring0, radius, a0 + 0.02,
                                         a0 + sweep - 0.02)
                          : box_in_wedge(lx, ly, tw, th, cx, cy, ring0, radius, -PI, PI);
        if (inside) {
            if (p->log)
                *p->log = (ju_textlog){p->log->f, p->log->instance, p->log->to_chart, true, false, cx, cy, ring0,
                                       radius, a0, a0 + sweep};
            ju_pen_text_centered(p, buf, lx, ly, 11, true, text_on(p, it->color));
            if (p->log)
                p->log->wedge = false;
        } else if (it->count > 0 && nout < sizeof out / sizeof *out) {
            outlabel *o = &out[nout++];
            o->mid = mid;
            o->right = cos(mid) >= 0;
            snprintf(o->text, sizeof o->text, "%s", buf);
            ju_pen_measure(p, buf, MIN_TEXT + 0.5, false, -1, &o->w, &o->h);
            o->y = cy + (radius + 10) * sin(mid);
        }
        a0 += sweep;
    }
    /* outside labels: each side spread so that none touches another, with a
     * leader line from its slice */
    for (int side = 0; side < 2; side++) {
        outlabel *ls[JU_MAX_CHOICES + 2];
        size_t n = 0;
        for (size_t i = 0; i < nout; i++)
            if (out[i].right == (side == 1))
                ls[n++] = &out[i];
        qsort(ls, n, sizeof *ls, by_y);
        spread(ls, n, pb.y, pb.y + pb.h);
        for (size_t i = 0; i < n; i++) {
            outlabel *o = ls[i];
            double ex = cx + radius * cos(o->mid), ey = cy + radius * sin(o->mid);
            double kx = cx + (radius + 8) * (o->right ? 1 : -1) * fabs(cos(o->mid)), ky = o->y;
            double tx = o->right ? fmax(kx, ex) + 6 : fmin(kx, ex) - 6 - o->w;
            cairo_set_line_width(cr, 0.6);
            ju_pen_rgb(cr, p->st->muted);
            cairo_move_to(cr, ex, ey);
            cairo_line_to(cr, o->right ? tx - 2 : tx + o->w + 2, ky);
            cairo_stroke(cr);
            ju_pen_text(p, o->text, tx, ky - o->h / 2, MIN_TEXT + 0.5, false, -1, PANGO_ALIGN_LEFT, p->st->ink);
        }
    }
    if (c->center_text) {
        /* the hole holds the percent, and its label when there is room */
        double size = fmax(MIN_TEXT, fmin(20, inner * 0.42));
        const char *label = c->center_label && inner >= 48 ? c->center_label : "";
        double tw, th = 0;
        if (*label)
            ju_pen_measure(p, label, 9.5, false, inner * 1.6, &tw, &th);
        double total_h = size * 1.2 + th;
        ju_pen_text_centered(p, c->center_text, cx, cy - total_h / 2 + size * 0.6, size, true, p->st->ink);
        if (*label)
            ju_pen_text(p, label, cx - inner * 0.8, cy - total_h / 2 + size * 1.3, 9.5, false, inner * 1.6,
                        PANGO_ALIGN_CENTER, p->st->ink);
    }
    if (below) { /* under the pie, centred as a block */
        double lx = b.x + fmax(0, (b.w - widest) / 2), ly = pb.y + pb.h + 8;
        size_t i = 0;
        for (size_t k = 0; k < c->nlegend && i < nl; k++) {
            const ju_chartitem *it = &c->legend[k];
            if (it->muted && it->count == 0)
                continue;
            swatch(p, lx, ly + 2, 10, it->color, false);
            ly += ju_pen_text(p, lines[i++], lx + 16, ly, 10, false, b.w - 18, PANGO_ALIGN_LEFT, p->st->ink) + 4;
        }
        return;
    }
    /* legend with counts and percents */
    double lx = b.x + b.w - legend_w, ly = b.y;
    double heights = 0;
    for (size_t k = 0; k < c->nlegend; k++) {
        if (c->legend[k].muted && c->legend[k].count == 0)
            continue;
        double w, h;
        ju_pen_measure(p, c->legend[k].label, 10.5, false, legend_w - 18, &w, &h);
        heights += h + 14 + 8;
    }
    ly = fmax(b.y, cy - heights / 2); /* a short chart: from the top, not over the caption */
    for (size_t k = 0; k < c->nlegend; k++) {
        const ju_chartitem *it = &c->legend[k];
        if (it->muted && it->count == 0)
            continue;
        swatch(p, lx, ly + 3, 11, it->color, false);
        double h = ju_pen_text(p, it->label, lx + 18, ly, 10.5, false, legend_w - 18, PANGO_ALIGN_LEFT, p->st->ink);
        char buf[32], line[96];
        count_percent(line, sizeof line, it->count, pct_text(buf, sizeof buf, it->pct10));
        h += ju_pen_text(p, line, lx + 18, ly + h + 1, 10, false, -1, PANGO_ALIGN_LEFT, p->st->muted) + 1;
        ly += h + 8;
    }
}

static void draw_stack(pen *p, const ju_chartdata *c, box b)
{
    cairo_t *cr = p->cr;
    legend_top(p, c->legend, c->nlegend, &b);
    double label_w = fmin(150, b.w * 0.26);
    double bx = b.x + label_w + 10, bw = b.w - label_w - 14;
    double row_h = b.h / (double)c->nrows;
    double thick = fmin(36, row_h * 0.52);
    for (size_t i = 0; i < c->nrows; i++) {
        const ju_chartrow *r = &c->rows[i];
        double cy = b.y + row_h * (i + 0.5);
        char lab[256];
        snprintf(lab, sizeof lab, "%s\nn=%ld", r->label ? r->label : "", r->base);
        double tw, th, lw, ls = fitting(p, r->label ? r->label : "", 10.5, false, label_w, &lw);
        ju_pen_measure(p, lab, ls, false, lw, &tw, &th);
        ju_pen_text(p, lab, b.x + label_w - lw, cy - th / 2, ls, false, lw, PANGO_ALIGN_RIGHT, p->st->ink);
        double x = bx;
        double last_above = -1e9, last_below = -1e9;
        for (size_t k = 0; k < r->n; k++) {
            const ju_chartitem *it = &r->items[k];
            if (it->count <= 0 || r->base <= 0)
                continue;
            double w = bw * it->count / (double)r->base;
            cairo_rectangle(cr, x, cy - thick / 2, w, thick);
            fill_edged(cr, it->color, 0xFFFFFF, 1);
            char buf[32];
            pct_text(buf, sizeof buf, it->pct10);
            double pw, ph;
            ju_pen_measure(p, buf, 10, true, -1, &pw, &ph);
            if (pw + 6 <= w) {
                ju_pen_text_centered(p, buf, x + w / 2, cy, 10, true, text_on(p, it->color));
            } else {
                /* too narrow: above the bar, else below, never on top of another label */
                double cxl = x + w / 2;
                if (cxl - pw / 2 > last_above + 3) {
                    ju_pen_text_centered(p, buf, cxl, cy - thick / 2 - 8, 9, false, p->st->ink);
                    last_above = cxl + pw / 2;
                } else if (cxl - pw / 2 > last_below + 3) {
                    ju_pen_text_centered(p, buf, cxl, cy + thick / 2 + 8, 9, false, p->st->ink);
                    last_below = cxl + pw / 2;
                }
            }
            x += w;
        }
    }
}

static void draw_bars(pen *p, const ju_chartdata *c, box b)
{
    cairo_t *cr = p->cr;
    if (c->nrows > 1)
        legend_top(p, c->legend, c->nlegend, &b);
    const ju_chartrow *cur = &c->rows[c->nrows - 1];
    size_t n = cur->n;
    if (n == 0)
        return;
    double label_w = fmin(220, b.w * 0.36);
    double value_w = 90;
    double bx = b.x + label_w + 10, bw = b.w - label_w - 10 - value_w;
    double row_h = b.h / (double)n;
    long long maxp = 1;
    for (size_t i = 0; i < c->nrows; i++)
        for (size_t k = 0; k < c->rows[i].n; k++)
            if (c->rows[i].items[k].pct10 > maxp)
                maxp = c->rows[i].items[k].pct10;
    double thick = fmin(c->nrows > 1 ? 11 : 18, row_h * (c->nrows > 1 ? 0.36 : 0.62));
    ju_pen_rule(p, bx, b.y, bx, b.y + b.h, 0.8, p->st->grid);
    for (size_t k = 0; k < n; k++) {
        double cy = b.y + row_h * (k + 0.5);
        double tw, th, lw, ls = fitting(p, cur->items[k].label, 10, false, label_w, &lw);
        ju_pen_measure(p, cur->items[k].label, ls, false, lw, &tw, &th);
        ju_pen_text(p, cur->items[k].label, b.x + label_w - lw, cy - th / 2, ls, false, lw, PANGO_ALIGN_RIGHT,
                    p->st->ink);
        for (size_t i = 0; i < c->nrows; i++) {
            const ju_chartitem *it = &c->rows[i].items[k];
            /* paired bars far enough apart for their two value labels */
            double step = fmax(thick + 2, MIN_TEXT * 1.1);
            double y = c->nrows > 1 ? cy - step / 2 - thick / 2 + i * step : cy - thick / 2;
            double w = it->pct10 > 0 ? bw * it->pct10 / (double)maxp : 0;
            cairo_rectangle(cr, bx, y, w, thick);
            ju_pen_rgb(cr, it->color);
            cairo_fill(cr);
            char buf[32], line[96];
            count_percent(line, sizeof line, it->count, pct_text(buf, sizeof buf, it->pct10));
            double vw, vh;
            double vs = c->nrows > 1 ? MIN_TEXT : 10;
            ju_pen_measure(p, line, vs, false, -1, &vw, &vh);
            ju_pen_text(p, line, bx + w + 4, y + thick / 2 - vh / 2, vs, false, -1, PANGO_ALIGN_LEFT, p->st->ink);
        }
    }
}

static void draw_columns(pen *p, const ju_chartdata *c, box b)
{
    cairo_t *cr = p->cr;
    const ju_chartrow *r = &c->rows[0];
    size_t n = r->n;
    if (n == 0)
        return;
    double label_h = 30;
    double slot = b.w / (double)n;
    double colw = fmin(56, slot * 0.62);
    long maxc = 1;
    for (size_t k = 0; k < n; k++)
        if (r->items[k].count > maxc)
            maxc = r->items[k].count;
    double top = b.y + 32, base_y = b.y + b.h - label_h;
    for (size_t k = 0; k < n; k++) {
        const ju_chartitem *it = &r->items[k];
        double cx = b.x + slot * (k + 0.5);
        double h = (base_y - top) * it->count / (double)maxc;
        cairo_rectangle(cr, cx - colw / 2, base_y - h, colw, h);
        ju_pen_rgb(cr, it->color);
        cairo_fill(cr);
        char buf[32], count[32];
        snprintf(count, sizeof count, "%ld", it->count);
        ju_pen_text_centered(p, count, cx, base_y - h - 22, 12, true, p->st->ink);
        ju_pen_text_centered(p, pct_text(buf, sizeof buf, it->pct10), cx, base_y - h - 9, 9, false, p->st->muted);
        double lw, ls = fitting(p, it->label, 9.5, false, slot - 1, &lw);
        ju_pen_text(p, it->label, cx - lw / 2, base_y + 5, ls, false, lw, PANGO_ALIGN_CENTER, p->st->ink);
    }
    ju_pen_rule(p, b.x, base_y, b.x + b.w, base_y, 0.8, p->st->muted);
}

static void draw_adoption(pen *p, const ju_chartdata *c, box b)
{
    cairo_t *cr = p->cr;
    legend_top(p, c->legend, c->nlegend, &b);
    size_t n = c->nrows;
    double slot = b.w / (double)(n + 0.4);
    double colw = fmin(60, slot * 0.6);
    long maxc = 1;
    for (size_t i = 0; i < n; i++)
        if (c->rows[i].base > maxc)
            maxc = c->rows[i].base;
    double top = b.y + 22, base_y = b.y + b.h - 30;
    for (size_t i = 0; i < n; i++) {
        const ju_chartrow *r = &c->rows[i];
        bool status = r->n == 1;
        double cx = b.x + slot * (i + 0.5 + (status ? 0.4 : 0));
        double y = base_y;
        for (size_t k = 0; k < r->n; k++) {
            const ju_chartitem *it = &r->items[k];
            double h = (base_y - top) * it->count / (double)maxc;
            cairo_rectangle(cr, cx - colw / 2, y - h, colw, h);
            ju_pen_rgb(cr, it->color);
            cairo_fill(cr);
            if (k == 1 && it->count > 0 && h >= 14) {
                char s[32];
                snprintf(s, sizeof s, "+%ld", it->count);
                ju_pen_text_centered(p, s, cx, y - h / 2, 10, true, text_on(p, it->color));
            }
            y -= h;
        }
        char total[32];
        snprintf(total, sizeof total, "%ld", r->base);
        ju_pen_text_centered(p, total, cx, y - 11, 13, true, p->st->ink);
        double lw, ls = fitting(p, r->label, 9.5, false, slot, &lw);
        ju_pen_text(p, r->label, cx - lw / 2, base_y + 5, ls, false, lw, PANGO_ALIGN_CENTER, p->st->ink);
    }
    ju_pen_rule(p, b.x, base_y, b.x + b.w, base_y, 0.8, p->st->muted);
}

static void draw_tilemap(pen *p, const ju_chartdata *c, box b)
{
    cairo_t *cr = p->cr;
    double legend_w = 170;
    box map = {b.x, b.y, b.w - legend_w - 10, b.h};
    int maxc = 0, maxr = 0;
    for (size_t i = 0; i < c->ntiles; i++) {
        if (c->tiles[i].col > maxc)
            maxc = c->tiles[i].col;
        if (c->tiles[i].row > maxr)
            maxr = c->tiles[i].row;
    }
    /* tiles as tall as the map allows, and up to half as wide again where there
     * is room, so that a name stays whole on one line */
    double s = fmin(map.w / (maxc + 1), map.h / (maxr + 1));
    double sw = fmin(map.w / (maxc + 1), s * 1.5);
    double ox = map.x + (map.w - sw * (maxc + 1)) / 2, oy = map.y;
    double inset_x0 = 1e9, inset_y0 = 1e9, inset_x1 = -1e9, inset_y1 = -1e9;
    for (size_t i = 0; i < c->ntiles; i++) {
        const ju_tile *t = &c->tiles[i];
        const ju_chartitem *cat = &c->legend[t->category];
        double x = ox + t->col * sw, y = oy + t->row * s;
        cairo_rectangle(cr, x + 1, y + 1, sw - 2, s - 2);
        fill_edged(cr, cat->color, cat->color > 0xE0E0E0 ? p->st->muted : cat->color, 0.6);
        /* the name whole on one line, and under it the year it stands for */
        char label[400]; /* a name has at most 60 characters (master.h) */
        snprintf(label, sizeof label, t->mark ? "%s\n%s" : "%s", t->name, t->mark ? t->mark : "");
        double tw, th;
        ju_pen_measure(p, label, MIN_TEXT, false, -1, &tw, &th);
        if (p->log)
            *p->log = (ju_textlog){p->log->f, p->log->instance, p->log->to_chart, false, true, x + 1, y + 1,
                                   x + sw - 1, y + s - 1, 0, 0};
        if (tw > sw - 4) /* a name the tile cannot hold: counted, for the warning to ask for a shorter one */
            ju_pen_text(p, label, x + sw / 2 - (sw - 4) / 2, y + s / 2 - th / 2, MIN_TEXT, false, sw - 4,
                        PANGO_ALIGN_CENTER, text_on(p, cat->color));
        else
            ju_pen_text(p, label, x + sw / 2 - tw / 2, y + s / 2 - th / 2, MIN_TEXT, false, -1, PANGO_ALIGN_CENTER,
                        text_on(p, cat->color));
        if (p->log)
            p->log->rect = false;
        if (t->inset) {
            inset_x0 = fmin(inset_x0, x);
            inset_y0 = fmin(inset_y0, y);
            inset_x1 = fmax(inset_x1, x + sw);
            inset_y1 = fmax(inset_y1, y + s);
        }
    }
    if (inset_x1 > inset_x0) {
        /* the islands: an inset with its own frame */
        const double dash[] = {3, 2};
        cairo_set_dash(cr, dash, 2, 0);
        ju_pen_rgb(cr, p->st->muted);
        cairo_set_line_width(cr, 0.8);
        cairo_rectangle(cr, inset_x0 - 4, inset_y0 - 4, inset_x1 - inset_x0 + 8, inset_y1 - inset_y0 + 8);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
        ju_pen_text(p, ju_lex("charts", "islands"), inset_x1 + 8, inset_y0 + s / 2 - 7, 10, false, -1, PANGO_ALIGN_LEFT, p->st->muted);
    }
    double ly = b.y + 4, lx = b.x + b.w - legend_w;
    for (size_t k = 0; k < c->nlegend; k++) {
        const ju_chartitem *it = &c->legend[k];
        if (it->muted && it->count == 0)
            continue;
        swatch(p, lx, ly + 2, 12, it->color, it->color == 0xFFFFFF);
        char line[400], count[24];
        snprintf(count, sizeof count, "%ld", it->count);
        ju_lex_buf(line, sizeof line, "charts", "tile_legend", "label", it->label, "count", count, NULL);
        ly += ju_pen_text(p, line, lx + 18, ly, 10, false, legend_w - 18, PANGO_ALIGN_LEFT, p->st->ink) + 6;
    }
}

static void draw_callout(pen *p, const ju_chartdata *c, box b)
{
    const ju_chartrow *r = &c->rows[0];
    size_t n = r->n;
    if (n == 0)
        return;
    double gap = 16, w = (b.w - gap * (n - 1)) / n;
    for (size_t k = 0; k < n; k++) {
        const ju_chartitem *it = &r->items[k];
        double x = b.x + k * (w + gap);
        cairo_rectangle(p->cr, x, b.y, w, b.h);
        ju_pen_rgb(p->cr, p->st->grid);
        cairo_set_line_width(p->cr, 1);
        cairo_stroke(p->cr);
        double even = balanced(p, it->label, 11.5, false, w - 20);
        double lh = ju_pen_text(p, it->label, x + w / 2 - even / 2, b.y + 12, 11.5, false, even, PANGO_ALIGN_CENTER,
                                p->st->ink);
        double vw, vh;
        /* as large as the box lets it be, in its height and its width */
        double size = fmax(MIN_TEXT, fmin(44, b.h * 0.32));
        ju_pen_measure(p, it->value_text, size, true, -1, &vw, &vh);
        if (vw > w - 12 && vw > 0) {
            size = fmax(MIN_TEXT, size * (w - 12) / vw);
            ju_pen_measure(p, it->value_text, size, true, -1, &vw, &vh);
        }
        double room = b.y + 12 + lh;
        ju_pen_text(p, it->value_text, x + w / 2 - vw / 2, room + (b.y + b.h - room) / 2 - vh / 2, size, true, -1,
                PANGO_ALIGN_LEFT, it->color);
    }
}

/* The test switch JU_TEST_TEXTLOG=FILE: every chart drawn appends to FILE a
 * line "C instance id where print_scale width height", then one line per
 * text it draws (pen.c), in the chart's own coordinates. `where` and the
 * scale to print points come from ju_render_log_where(). tests/charts/
 * collide.py reads it; nothing else does. */
static struct {
    bool checked;
    FILE *f;
    int instances;
    const char *where;
    double print_scale;
} textlog = {false, NULL, 0, "file", 1};

static void textlog_open(void)
{
    if (!textlog.checked) {
        textlog.checked = true;
        const char *path = getenv("JU_TEST_TEXTLOG");
        if (path && *path)
            textlog.f = fopen(path, "a");
    }
}

FILE *ju_render_textlog(void)
{
    textlog_open();
    return textlog.f;
}

void ju_render_log_where(const char *where, double print_scale)
{
    textlog.where = where;
    textlog.print_scale = print_scale;
}

ju_textlog *ju_render_log_figure(cairo_t *cr, const char *id, double w, double h, ju_textlog *log)
{
    textlog_open();
    if (!textlog.f)
        return NULL;
    memset(log, 0, sizeof *log);
    log->f = textlog.f;
    log->instance = ++textlog.instances;
    cairo_get_matrix(cr, &log->to_chart);
    cairo_matrix_invert(&log->to_chart);
    fprintf(textlog.f, "C\t%d\t%s\t%s\t%.4f\t%.3f\t%.3f\n", log->instance, id, textlog.where, textlog.print_scale,
            w, h);
    return log;
}

static ju_textlog *textlog_begin(cairo_t *cr, const ju_chartdata *c, ju_textlog *log)
{
    return ju_render_log_figure(cr, c->spec->id, c->spec->width, c->spec->height, log);
}

int ju_render_chart(cairo_t *cr, const ju_chartstyle *st, const ju_chartdata *c, ju_broken *broken)
{
    ju_textlog log;
    pen p = {cr, st, 0, textlog_begin(cr, c, &log), 0, 0, false, broken};
    box b = frame(&p, c);
    switch (c->spec->kind) {
    case JU_CHART_PIE: draw_pie(&p, c, b); break;
    case JU_CHART_STACK: draw_stack(&p, c, b); break;
    case JU_CHART_BARS: draw_bars(&p, c, b); break;
    case JU_CHART_COLUMNS: draw_columns(&p, c, b); break;
    case JU_CHART_ADOPTION: draw_adoption(&p, c, b); break;
    case JU_CHART_TILEMAP: draw_tilemap(&p, c, b); break;
    case JU_CHART_CALLOUT: draw_callout(&p, c, b); break;
    case JU_CHART_KIND_COUNT: break;
    }
    return p.unknown_glyphs;
}

const char *ju_broken_message(ju_arena *a, const ju_broken *b, int n)
{
    if (n <= 1)
        return ju_arena_printf(a, _("'%s' does not fit its place, even at the smallest size, without breaking a word; "
                                    "it is broken inside one: give it a shorter label"),
                               b->first);
    return ju_arena_printf(a,
                           ngettext("'%s' and %d more text do not fit their places, even at the smallest size, without "
                                    "breaking a word; they are broken inside one: give them shorter labels",
                                    "'%s' and %d more texts do not fit their places, even at the smallest size, "
                                    "without breaking a word; they are broken inside one: give them shorter labels",
                                    (unsigned long)(n - 1)),
                           b->first, n - 1);
}

/* --- files ---------------------------------------------------------------- */

/* Charts are large flat areas: libpng's fastest zlib level with the "up"
 * filter is several times faster than cairo's PNG writer (level 6, adaptive
 * filters) for files only slightly larger. No time chunk is written. */
/* libpng's errors end the write (errno ENOMEM when it was memory) and print nothing */
static void png_failed(png_structp png, png_const_charp msg)
{
    if (msg && strstr(msg, "memory"))
        errno = ENOMEM;
    png_longjmp(png, 1);
}

static void png_warned(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;
}

bool ju_png_write(cairo_surface_t *img, const char *path)
{
    FILE *f = fopen(path, "wbx");
    if (!f)
        return false;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, png_failed, png_warned);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
    int stride = cairo_image_surface_get_stride(img);
    unsigned char *data = cairo_image_surface_get_data(img);
    png_bytep row = malloc((size_t)w * 3);
    bool ok = png && info && row;
    if (ok && setjmp(png_jmpbuf(png)) == 0) {
        png_init_io(png, f);
        png_set_compression_level(png, 1);
        png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
        png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
        png_write_info(png, info);
        for (int y = 0; y < h; y++) {
            const uint32_t *px = (const uint32_t *)(data + (size_t)y * (size_t)stride);
            for (int x = 0; x < w; x++) {
                row[3 * x] = (png_byte)(px[x] >> 16);
                row[3 * x + 1] = (png_byte)(px[x] >> 8);
                row[3 * x + 2] = (png_byte)px[x];
            }
            png_write_row(png, row);
        }
        png_write_end(png, NULL);
    } else {
        ok = false;
    }
    png_destroy_write_struct(png ? &png : NULL, info ? &info : NULL);
    free(row);
    return fclose(f) == 0 && ok;
}

struct ju_svgbuf {
    ju_bytes b;
    bool failed;
};

static cairo_status_t write_svg(void *closure, const unsigned char *data, unsigned int length)
{
    struct ju_svgbuf *b = closure;
    if (!ju_bytes_add(&b->b, data, length)) {
        b->failed = true;
        return CAIRO_STATUS_NO_MEMORY;
    }
    return CAIRO_STATUS_SUCCESS;
}

static void free_svg(ju_canvas *c)
{
    if (c->svg) {
        ju_bytes_free(&c->svg->b);
        free(c->svg);
        c->svg = NULL;
    }
}

/* The SVG `svg` into f with each "surface<N>" renumbered by first appearance
 * (surface1, surface2, …); false when the file could not be written. */
static bool write_renumbered(const struct ju_svgbuf *svg, FILE *f)
{
    const ju_bytes *b = &svg->b;
    static const char key[] = "surface";
    const size_t klen = sizeof key - 1;
    unsigned long seen[64];
    size_t nseen = 0;
    size_t from = 0;
    for (size_t i = 0; i + klen < b->n; i++) {
        if (memcmp(b->p + i, key, klen) != 0 || b->p[i + klen] < '0' || b->p[i + klen] > '9')
            continue;
        size_t j = i + klen;
        unsigned long v = 0;
        while (j < b->n && b->p[j] >= '0' && b->p[j] <= '9' && v < 100000000UL)
            v = v * 10 + (unsigned long)(b->p[j++] - '0');
        size_t k = 0;
        while (k < nseen && seen[k] != v)
            k++;
        if (k == nseen) {
            if (nseen == sizeof seen / sizeof *seen)
                continue; /* more surfaces than any chart makes: leave the rest as cairo wrote them */
            seen[nseen++] = v;
        }
        if (fwrite(b->p + from, 1, i + klen - from, f) != i + klen - from || fprintf(f, "%zu", k + 1) < 0)
            return false;
        from = j;
        i = j - 1;
    }
    return fwrite(b->p + from, 1, b->n - from, f) == b->n - from;
}

static void release_canvas(void *p)
{
    ju_canvas *c = p;
    if (c->cr)
        cairo_destroy(c->cr);
    if (c->surface) {
        if (c->file)
            cairo_surface_finish(c->surface);
        cairo_surface_destroy(c->surface);
    }
    if (c->file)
        fclose(c->file);
    free_svg(c);
    c->cr = NULL;
    c->surface = NULL;
    c->file = NULL;
}

static ju_canvas *canvas_new(ju_arena *a)
{
    ju_canvas *c = ju_arena_alloc(a, sizeof *c); /* before anything is opened: its failure leaks nothing */
    c->a = a;
    c->guard = ju_guard(release_canvas, c);
    return c;
}

/* a canvas cairo could not get memory for: released, then the run unwinds */
static void check_memory(ju_canvas *c)
{
    if (cairo_status(c->cr) == CAIRO_STATUS_NO_MEMORY) {
        ju_unguard(c->guard);
        release_canvas(c);
        ju_arena_oom(c->a);
    }
}

static void canvas_end(ju_canvas *c)
{
    ju_unguard(c->guard);
    release_canvas(c);
}

/* ju_render_png(): see render.h. */
bool ju_render_png(ju_arena *a, const ju_chartstyle *st, const ju_chartdata *c, const char *path, int *missing)
{
    double scale = st->png_scale > 0 ? st->png_scale : 2;
    ju_canvas *cv = ju_canvas_image(a, (int)ceil(c->spec->width * scale), (int)ceil(c->spec->height * scale));
    cairo_scale(cv->cr, scale, scale);
    *missing += ju_render_chart(cv->cr, st, c, NULL);
    return ju_canvas_png(cv, path);
}

static cairo_status_t write_file(void *closure, const unsigned char *data, unsigned int length)
{
    return fwrite(data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static FILE *create(ju_diags *d, const char *path, const char *what)
{
    FILE *f = fopen(path, "wbx");
    if (!f)
        ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, _("cannot write the %s: %s"), what, ju_errno_text(errno));
    return f;
}

ju_canvas *ju_canvas_pdf(ju_arena *a, ju_diags *d, const char *path, const char *what, double w, double h,
                         time_t epoch)
{
    ju_canvas *c = canvas_new(a);
    if (!(c->file = create(d, path, what))) {
        canvas_end(c);
        return NULL;
    }
    struct tm tm;
    gmtime_r(&epoch, &tm);
    char date[32];
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
    c->surface = cairo_pdf_surface_create_for_stream(write_file, c->file, w, h);
    cairo_pdf_surface_set_metadata(c->surface, CAIRO_PDF_METADATA_CREATOR, "jusou");
    cairo_pdf_surface_set_metadata(c->surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
    cairo_pdf_surface_set_metadata(c->surface, CAIRO_PDF_METADATA_MOD_DATE, date);
    c->cr = cairo_create(c->surface);
    check_memory(c);
    return c;
}

ju_canvas *ju_canvas_svg(ju_arena *a, ju_diags *d, const char *path, const char *what, double w, double h)
{
    ju_canvas *c = canvas_new(a);
    if (!(c->file = create(d, path, what))) {
        canvas_end(c);
        return NULL;
    }
    c->svg = calloc(1, sizeof *c->svg);
    c->surface = c->svg ? cairo_svg_surface_create_for_stream(write_svg, c->svg, w, h)
                        : cairo_image_surface_create(CAIRO_FORMAT_INVALID, 0, 0); /* an error surface */
    c->cr = cairo_create(c->surface);
    if (!c->svg) {
        ju_unguard(c->guard);
        release_canvas(c);
        ju_arena_oom(a);
    }
    check_memory(c);
    return c;
}

ju_canvas *ju_canvas_image(ju_arena *a, int w, int h)
{
    ju_canvas *c = canvas_new(a);
    c->surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    c->cr = cairo_create(c->surface);
    check_memory(c);
    return c;
}

ju_status ju_canvas_close(ju_diags *d, const char *path, const char *what, ju_canvas *c)
{
    ju_unguard(c->guard);
    cairo_status_t cst = cairo_status(c->cr);
    cairo_destroy(c->cr);
    cairo_surface_finish(c->surface);
    if (cst == CAIRO_STATUS_SUCCESS)
        cst = cairo_surface_status(c->surface);
    cairo_surface_destroy(c->surface);
    errno = 0;
    bool bad = c->svg && (c->svg->failed || !write_renumbered(c->svg, c->file));
    bad = ferror(c->file) != 0 || bad;
    int why = errno;
    free_svg(c);
    if (fclose(c->file) != 0) {
        bad = true;
        why = errno;
    }
    c->cr = NULL;
    c->surface = NULL;
    c->file = NULL;
    if (cst == CAIRO_STATUS_NO_MEMORY || (bad && why == ENOMEM))
        ju_arena_oom(c->a);
    if (cst != CAIRO_STATUS_SUCCESS || bad) {
        ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, _("cannot write the %s: %s"), what,
                    cst != CAIRO_STATUS_SUCCESS && cst != CAIRO_STATUS_WRITE_ERROR ? cairo_status_to_string(cst)
                    : why ? strerror(why) : _("write error"));
        return JU_ERR_IO;
    }
    return JU_OK;
}

bool ju_canvas_png(ju_canvas *c, const char *path)
{
    ju_unguard(c->guard);
    cairo_status_t cst = cairo_status(c->cr);
    cairo_destroy(c->cr);
    c->cr = NULL;
    cairo_surface_flush(c->surface);
    errno = 0;
    bool ok = cst == CAIRO_STATUS_SUCCESS && ju_png_write(c->surface, path);
    int why = errno;
    cairo_surface_destroy(c->surface);
    c->surface = NULL;
    if (cst == CAIRO_STATUS_NO_MEMORY || (!ok && why == ENOMEM))
        ju_arena_oom(c->a);
    errno = why;
    return ok;
}

void ju_canvas_drop(ju_canvas *c)
{
    canvas_end(c);
}

ju_status ju_render_drawing(ju_arena *a, ju_diags *d, const ju_drawing *g, const char *dir, time_t epoch)
{
    int missing = 0;
    double scale = g->png_scale > 0 ? g->png_scale : 2;
    const char *png = ju_arena_printf(a, "%s/%s.png", dir, g->id);
    if (g->height * scale > JU_PNG_MAX_PX) { /* thousands of rows: an image as tall as cairo makes them */
        double asked = scale;
        scale = JU_PNG_MAX_PX / g->height;
        ju_diag_add(d, JU_SEV_WARNING, png, 0, 0,
                    _("the chart is %.0f points tall; its PNG is drawn at %.2f pixels a point instead of %g so that it "
                      "stays within %d pixels (the PDF and SVG are whole)"),
                    g->height, scale, asked, JU_PNG_MAX_PX);
    }
    ju_canvas *cv = ju_canvas_image(a, (int)ceil(g->width * scale), (int)ceil(g->height * scale));
    cairo_scale(cv->cr, scale, scale);
    missing += g->draw(cv->cr, g->ctx);
    errno = 0;
    if (!ju_canvas_png(cv, png)) {
        if (errno)
            ju_diag_add(d, JU_SEV_ERROR, png, 0, 0, _("cannot write the chart: %s"), ju_errno_text(errno));
        else
            ju_diag_add(d, JU_SEV_ERROR, png, 0, 0, _("cannot write the chart"));
        return JU_ERR_IO;
    }
    const char *pdf = ju_arena_printf(a, "%s/%s.pdf", dir, g->id);
    cv = ju_canvas_pdf(a, d, pdf, "chart", g->width, g->height, epoch);
    if (!cv)
        return JU_ERR_IO;
    cairo_pdf_surface_set_metadata(cv->surface, CAIRO_PDF_METADATA_TITLE, g->title);
    missing += g->draw(cv->cr, g->ctx);
    ju_status r = ju_canvas_close(d, pdf, _("chart"), cv);
    if (r != JU_OK)
        return r;
    const char *svg = ju_arena_printf(a, "%s/%s.svg", dir, g->id);
    cv = ju_canvas_svg(a, d, svg, "chart", g->width, g->height);
    if (!cv)
        return JU_ERR_IO;
    missing += g->draw(cv->cr, g->ctx);
    r = ju_canvas_close(d, svg, _("chart"), cv);
    if (r != JU_OK)
        return r;
    if (missing > 0) {
        ju_diag_add(d, JU_SEV_ERROR, png, 0, 0, _("%d characters have no glyph in the font '%s' (is %s installed?)"),
                    missing / 3, g->font, "fonts-morisawa-bizud-gothic");
        return JU_ERR_CONFIG;
    }
    if (g->broken && g->broken->n > 0) /* drawn three times: once a format */
        ju_diag_add(d, JU_SEV_WARNING, png, 0, 0, "%s", ju_broken_message(d->arena, g->broken, g->broken->n / 3));
    return JU_OK;
}

typedef struct {
    const ju_chartstyle *st;
    const ju_chartdata *c;
    ju_broken broken;
} chart_drawing;

static int draw_chart(cairo_t *cr, void *ctx)
{
    chart_drawing *cd = ctx;
    return ju_render_chart(cr, cd->st, cd->c, &cd->broken);
}

ju_status ju_render_files(ju_arena *a, ju_diags *d, const ju_chartstyle *st, const ju_chartdata *c,
                          const char *dir, time_t epoch)
{
    chart_drawing cd = {st, c, {0, ""}};
    ju_drawing g = {c->spec->id, c->title, st->font, c->spec->width, c->spec->height, st->png_scale, draw_chart, &cd,
                    &cd.broken};
    return ju_render_drawing(a, d, &g, dir, epoch);
}
