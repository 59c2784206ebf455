/* figures.c — the report's tables and diagrams; see figures.h. */
#include "figures.h"

#include <math.h>
#include <string.h>

#include "render.h"

static const double SIZE = 9, TITLE = 9, LABEL = 8, PI = 3.14159265358979323846;

/* the height of `text` wrapped to `w` */
static double height_of(ju_figpen *f, const char *text, double size, bool bold, double w)
{
    double tw, th;
    ju_pen_measure(f->pen, text, size, bold, w, &tw, &th);
    return th;
}

static double width_of(ju_figpen *f, const char *text, double size, bool bold)
{
    double tw, th;
    ju_pen_measure(f->pen, text, size, bold, -1, &tw, &th);
    return tw;
}

/* under the test switch: the next texts must stay inside x0,y0 – x1,y1 */
static void keep_inside(ju_figpen *f, bool on, double x0, double y0, double x1, double y1)
{
    ju_textlog *log = f->pen->log;
    if (!log)
        return;
    log->rect = on;
    log->cx = x0, log->cy = y0, log->r0 = x1, log->r1 = y1;
}

static void tag(ju_figpen *f, const char *name, bool open)
{
    if (!f->tagged)
        return;
    if (open)
        cairo_tag_begin(f->pen->cr, name, NULL);
    else
        cairo_tag_end(f->pen->cr, name);
}

/* --- tables ------------------------------------------------------------------ */


/* the width a cell's text is set at: `w`, or a little less when that leaves
 * a paragraph's last line one or two characters long */
static double cell_width(ju_figpen *f, const char *text, double size, bool bold, double w)
{
    for (int tries = 0; tries <= 4; tries++)
        if (!ju_pen_lone_end(f->pen, text, size, bold, w - tries * size))
            return w - tries * size;
    return w;
}

/* a cell's text: lines a little apart, a list (・…) hanging from its marks */
static void cell_style(ju_figpen *f, const char *text, double size, bool bold)
{
    f->pen->spacing = size * 0.25;
    f->pen->hang = 0;
    if (strncmp(text, "・", strlen("・")) == 0)
        f->pen->hang = width_of(f, "・", size, bold);
}

static void plain_style(ju_figpen *f)
{
    f->pen->spacing = f->pen->hang = 0;
}

enum { PAD = 4 };

typedef struct {
    double colx[13], colw[12];
    double rowy[65], *rowh;
} grid;

/* column widths: a column of row headings as wide as its longest line (within
 * limits), the others sharing the rest; row heights from the cells' text */
static double table_layout(ju_figpen *f, const ju_doctable *t, double w, grid *g, double *rowh)
{
    int nc = t->ncols;
    bool row_heads = nc > 1 && t->nrows > t->head_rows;
    double first = w / nc;
    if (row_heads) {
        double widest = 0;
        for (size_t i = 0; i < t->n; i++) {
            const ju_doccell *c = &t->cells[i];
            if (c->col == 0 && c->cols == 1) {
                double cw = width_of(f, c->text, SIZE, true) + 2 * PAD + 1;
                widest = cw > widest ? cw : widest;
            }
        }
        first = fmin(fmax(widest, 4 * SIZE + 2 * PAD), w * 0.22);
    }
    g->colx[0] = 0;
    for (int c = 0; c < nc; c++) {
        g->colw[c] = row_heads ? (c == 0 ? first : (w - first) / (nc - 1)) : w / nc;
        g->colx[c + 1] = g->colx[c] + g->colw[c];
    }
    g->rowh = rowh;
    for (int r = 0; r < t->nrows; r++)
        rowh[r] = SIZE * 1.5 + 2 * PAD;
    /* cells of one row first, then those spanning more: what the rows lack
     * goes to the last row of the span */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < t->n; i++) {
            const ju_doccell *c = &t->cells[i];
            if ((c->rows > 1) != (pass == 1))
                continue;
            bool bold = c->row < t->head_rows || (row_heads && c->col == 0);
            cell_style(f, c->text, SIZE, bold);
            double cw = g->colx[c->col + c->cols] - g->colx[c->col] - 2 * PAD;
            double need = height_of(f, c->text, SIZE, bold, cell_width(f, c->text, SIZE, bold, cw)) + 2 * PAD;
            double have = 0;
            for (int r = c->row; r < c->row + c->rows; r++)
                have += rowh[r];
            if (need > have)
                rowh[c->row + c->rows - 1] += need - have;
        }
    plain_style(f);
    g->rowy[0] = 0;
    for (int r = 0; r < t->nrows; r++)
        g->rowy[r + 1] = g->rowy[r] + rowh[r];
    return g->rowy[t->nrows];
}

double ju_figure_table(ju_figpen *f, const ju_doctable *t, double x, double y, double w, bool draw)
{
    if (t->nrows == 0 || t->nrows > 64 || t->ncols > 12)
        return 0;
    grid g;
    double rowh[64];
    double h = table_layout(f, t, w, &g, rowh);
    if (!draw)
        return h;
    cairo_t *cr = f->pen->cr;
    const ju_chartstyle *st = f->pen->st;
    cairo_save(cr);
    cairo_translate(cr, x, y);
    ju_textlog log, *saved = f->pen->log;
    f->pen->log = ju_render_log_figure(cr, "table", w, h, &log);
    bool row_heads = t->ncols > 1 && t->nrows > t->head_rows;
    int open_row = -1;
    for (size_t i = 0; i < t->n; i++) {
        const ju_doccell *c = &t->cells[i];
        if (c->row != open_row) {
            if (open_row >= 0)
                tag(f, "TR", false);
            tag(f, "TR", true);
            open_row = c->row;
        }
        bool head = c->row < t->head_rows, row_head = !head && row_heads && c->col == 0;
        const char *name = head || row_head ? "TH" : "TD";
        tag(f, name, true);
        double x0 = g.colx[c->col], x1 = g.colx[c->col + c->cols];
        double y0 = g.rowy[c->row], y1 = g.rowy[c->row + c->rows];
        cairo_rectangle(cr, x0, y0, x1 - x0, y1 - y0);
        ju_pen_rgb(cr, head ? f->accent : row_head ? f->tint : 0xFFFFFF);
        cairo_fill_preserve(cr);
        ju_pen_rgb(cr, head ? 0xFFFFFF : st->grid);
        cairo_set_line_width(cr, head ? 0.8 : 0.6);
        cairo_stroke(cr);
        cell_style(f, c->text, SIZE, head || row_head);
        double tw = cell_width(f, c->text, SIZE, head || row_head, x1 - x0 - 2 * PAD);
        double th = height_of(f, c->text, SIZE, head || row_head, tw);
        /* headings and cells spanning columns centred; a row's heading and
         * a heading cell in the middle of its height; others from the top */
        PangoAlignment al = head || c->cols > 1 ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT;
        double ty = head || row_head || c->cols > 1 ? y0 + (y1 - y0 - th) / 2 : y0 + PAD;
        keep_inside(f, true, x0, y0, x1, y1);
        ju_pen_text(f->pen, c->text, x0 + PAD, ty, SIZE, head || row_head, tw, al, head ? 0xFFFFFF : st->ink);
        plain_style(f);
        tag(f, name, false);
    }
    if (open_row >= 0)
        tag(f, "TR", false);
    keep_inside(f, false, 0, 0, 0, 0);
    f->pen->log = saved;
    cairo_restore(cr);
    return h;
}

/* --- diagrams ------------------------------------------------------------------ */

enum { BOX_PAD = 6, MAXG = 8 };
static const double GAP_X = 22, GAP_Y = 20, OFFSET = 5, HEAD = 6;

typedef struct {
    double x0, y0, x1, y1;
} rect;

typedef struct {
    double colx[MAXG + 1], colw, gapx[MAXG];
    double rowy[MAXG + 1], rowh[MAXG], gapy[MAXG];
    rect *box;
} dlayout;

/* how an arrow runs: 'h' along a row, 'v' down a column, 'd' otherwise;
 * and its offset when two arrows join the same boxes */
static char arrow_way(const ju_diagram *g, const ju_arrow *a)
{
    const ju_box *p = &g->boxes[a->from], *q = &g->boxes[a->to];
    if (p->row == q->row)
        return 'h';
    if (p->col <= q->col + q->span - 1 && q->col <= p->col + p->span - 1)
        return 'v';
    return 'd';
}

static double arrow_offset(const ju_diagram *g, size_t k, int *which)
{
    const ju_arrow *a = &g->arrows[k];
    int n = 0, mine = 0;
    for (size_t i = 0; i < g->narrows; i++) {
        const ju_arrow *b = &g->arrows[i];
        if ((b->from == a->from && b->to == a->to) || (b->from == a->to && b->to == a->from)) {
            if (i == k)
                mine = n;
            n++;
        }
    }
    *which = mine;
    return n < 2 ? 0 : (mine == 0 ? -OFFSET : OFFSET) * (n > 2 ? 1 + mine / 2 : 1);
}

/* the width a label takes within `room`: when it needs more than one line,
 * lines of even length (no word left alone on the last) */
static double label_width(ju_figpen *f, const char *label, double room)
{
    double natural = width_of(f, label, LABEL, false) + 1;
    room = fmax(room, 3 * LABEL);
    if (natural <= room)
        return natural;
    double lines = ceil(natural / room);
    return fmin(room, natural / lines + 2 * LABEL);
}

static void diagram_layout(ju_figpen *f, const ju_diagram *g, double w, dlayout *L, rect *boxes)
{
    int nc = g->ncols, nr = g->nrows;
    for (int c = 0; c < nc; c++)
        L->gapx[c] = GAP_X;
    for (int r = 0; r < nr; r++)
        L->gapy[r] = GAP_Y;
    /* a labelled arrow between neighbouring columns widens the gap */
    for (size_t i = 0; i < g->narrows; i++) {
        const ju_arrow *a = &g->arrows[i];
        if (!a->label || arrow_way(g, a) != 'h')
            continue;
        const ju_box *p = &g->boxes[a->from], *q = &g->boxes[a->to];
        const ju_box *l = p->col < q->col ? p : q, *r = p->col < q->col ? q : p;
        int after = l->col + l->span - 1; /* 1-based: the gap after column `after` */
        if (r->col == after + 1) {
            double want = fmin(width_of(f, a->label, LABEL, false) + 2 * HEAD + 12, w * 0.3);
            L->gapx[after - 1] = fmax(L->gapx[after - 1], want);
        }
    }
    double gaps = 0;
    for (int c = 0; c + 1 < nc; c++)
        gaps += L->gapx[c];
    if (gaps > w * 0.6) { /* many labelled arrows side by side: the boxes keep most of the width */
        for (int c = 0; c + 1 < nc; c++)
            L->gapx[c] *= w * 0.6 / gaps;
        gaps = w * 0.6;
    }
    L->colw = (w - gaps) / nc;
    if (L->colw < 3 * TITLE + 2 * BOX_PAD)
        f->cramped = true;
    for (int c = 0; c + 1 < nc; c++)
        if (L->gapx[c] > GAP_X && L->gapx[c] < 3 * LABEL + 2 * HEAD + 8)
            f->cramped = true;
    L->colx[0] = 0;
    for (int c = 0; c < nc; c++)
        L->colx[c + 1] = L->colx[c] + L->colw + (c + 1 < nc ? L->gapx[c] : 0);
    for (int r = 0; r < nr; r++)
        L->rowh[r] = TITLE * 1.5 + 2 * BOX_PAD;
    for (size_t i = 0; i < g->nboxes; i++) {
        const ju_box *b = &g->boxes[i];
        rect *o = &boxes[i];
        o->x0 = L->colx[b->col - 1];
        o->x1 = L->colx[b->col - 1 + b->span - 1] + L->colw;
        double tw = o->x1 - o->x0 - 2 * BOX_PAD;
        f->pen->spacing = SIZE * 0.2;
        double h = height_of(f, b->title, TITLE, true, tw) + 2 * BOX_PAD;
        if (b->text)
            h += 3 + height_of(f, b->text, SIZE, false, tw);
        plain_style(f);
        L->rowh[b->row - 1] = fmax(L->rowh[b->row - 1], h);
    }
    /* room for the labels: beside a vertical arrow in the gap below its upper
     * box; above and below a horizontal one within its row */
    for (size_t i = 0; i < g->narrows; i++) {
        const ju_arrow *a = &g->arrows[i];
        if (!a->label)
            continue;
        const ju_box *p = &g->boxes[a->from], *q = &g->boxes[a->to];
        char way = arrow_way(g, a);
        if (way == 'v') {
            int upper = (p->row < q->row ? p->row : q->row) - 1;
            double lh = height_of(f, a->label, LABEL, false, label_width(f, a->label, L->colw / 2));
            L->gapy[upper] = fmax(L->gapy[upper], lh + 8);
        } else if (way == 'h') {
            const ju_box *l = p->col < q->col ? p : q, *r = p->col < q->col ? q : p;
            double room = L->colx[r->col - 1] - (L->colx[l->col - 1 + l->span - 1] + L->colw) - 2 * HEAD - 8;
            double lh = height_of(f, a->label, LABEL, false, label_width(f, a->label, room));
            L->rowh[p->row - 1] = fmax(L->rowh[p->row - 1], 2 * (lh + 3 + OFFSET) + 4);
        }
    }
    L->rowy[0] = 0;
    for (int r = 0; r < nr; r++)
        L->rowy[r + 1] = L->rowy[r] + L->rowh[r] + (r + 1 < nr ? L->gapy[r] : 0);
    for (size_t i = 0; i < g->nboxes; i++) {
        boxes[i].y0 = L->rowy[g->boxes[i].row - 1];
        boxes[i].y1 = boxes[i].y0 + L->rowh[g->boxes[i].row - 1];
    }
    L->box = boxes;
}

static void head(cairo_t *cr, double x, double y, double dx, double dy)
{
    double len = hypot(dx, dy);
    if (len <= 0)
        return;
    dx /= len, dy /= len;
    cairo_move_to(cr, x, y);
    cairo_line_to(cr, x - HEAD * dx - 0.6 * HEAD * dy, y - HEAD * dy + 0.6 * HEAD * dx);
    cairo_line_to(cr, x - HEAD * dx + 0.6 * HEAD * dy, y - HEAD * dy - 0.6 * HEAD * dx);
    cairo_close_path(cr);
    cairo_fill(cr);
}

/* where the line from the centre of `b` towards (tx, ty) leaves it */
static void edge(const rect *b, double tx, double ty, double *x, double *y)
{
    double cx = (b->x0 + b->x1) / 2, cy = (b->y0 + b->y1) / 2, dx = tx - cx, dy = ty - cy;
    double sx = dx ? ((b->x1 - b->x0) / 2) / fabs(dx) : INFINITY, sy = dy ? ((b->y1 - b->y0) / 2) / fabs(dy) : INFINITY;
    double s = fmin(sx, sy);
    *x = cx + dx * s, *y = cy + dy * s;
}

static void draw_arrow(ju_figpen *f, const ju_diagram *g, const dlayout *L, size_t k)
{
    const ju_arrow *a = &g->arrows[k];
    const rect *p = &L->box[a->from], *q = &L->box[a->to];
    cairo_t *cr = f->pen->cr;
    int which;
    double off = arrow_offset(g, k, &which);
    double x0, y0, x1, y1;
    char way = arrow_way(g, a);
    if (way == 'h') {
        double y = (p->y0 + p->y1) / 2 + off;
        x0 = p->x1 < q->x0 ? p->x1 : p->x0;
        x1 = p->x1 < q->x0 ? q->x0 : q->x1;
        y0 = y1 = y;
    } else if (way == 'v') {
        double x = (fmax(p->x0, q->x0) + fmin(p->x1, q->x1)) / 2 + off;
        y0 = p->y1 < q->y0 ? p->y1 : p->y0;
        y1 = p->y1 < q->y0 ? q->y0 : q->y1;
        x0 = x1 = x;
    } else {
        edge(p, (q->x0 + q->x1) / 2, (q->y0 + q->y1) / 2, &x0, &y0);
        edge(q, (p->x0 + p->x1) / 2, (p->y0 + p->y1) / 2, &x1, &y1);
    }
    double dx = x1 - x0, dy = y1 - y0, len = hypot(dx, dy);
    if (len < 2 * HEAD)
        return;
    ju_pen_rgb(cr, f->accent);
    cairo_set_line_width(cr, 1.2);
    cairo_move_to(cr, x0 + (a->both ? HEAD * dx / len : 0), y0 + (a->both ? HEAD * dy / len : 0));
    cairo_line_to(cr, x1 - HEAD * dx / len, y1 - HEAD * dy / len);
    cairo_stroke(cr);
    head(cr, x1, y1, dx, dy);
    if (a->both)
        head(cr, x0, y0, -dx, -dy);
    if (!a->label)
        return;
    const ju_chartstyle *st = f->pen->st;
    if (way == 'h') {
        double room = fabs(x1 - x0) - 2 * HEAD - 8;
        double lw = label_width(f, a->label, room);
        double lh = height_of(f, a->label, LABEL, false, lw);
        double ly = which == 0 ? y0 - 3 - lh : y0 + 3;
        ju_pen_text(f->pen, a->label, (x0 + x1) / 2 - lw / 2, ly, LABEL, false, lw, PANGO_ALIGN_CENTER, st->ink);
    } else if (way == 'v') {
        double lw = label_width(f, a->label, L->colw / 2);
        double lh = height_of(f, a->label, LABEL, false, lw);
        double lx = which == 0 && off < 0 ? x0 - 4 - lw : x0 + 4;
        ju_pen_text(f->pen, a->label, lx, (y0 + y1) / 2 - lh / 2, LABEL, false, lw, PANGO_ALIGN_LEFT, st->ink);
    } else {
        double lw = label_width(f, a->label, L->colw / 2);
        ju_pen_text(f->pen, a->label, (x0 + x1) / 2 + 4, (y0 + y1) / 2, LABEL, false, lw, PANGO_ALIGN_LEFT, st->ink);
    }
}

double ju_figure_diagram(ju_figpen *f, const ju_diagram *g, double x, double y, double w, bool draw)
{
    if (g->nboxes == 0 || g->ncols > MAXG || g->nrows > MAXG)
        return 0;
    dlayout L;
    rect *boxes = ju_arena_array(f->a, g->nboxes, sizeof *boxes);
    diagram_layout(f, g, w, &L, boxes);
    double h = L.rowy[g->nrows];
    if (!draw)
        return h;
    cairo_t *cr = f->pen->cr;
    cairo_save(cr);
    cairo_translate(cr, x, y);
    ju_textlog log, *saved = f->pen->log;
    f->pen->log = ju_render_log_figure(cr, "diagram", w, h, &log);
    for (size_t i = 0; i < g->nboxes; i++) {
        const ju_box *b = &g->boxes[i];
        const rect *o = &boxes[i];
        double r = 4;
        cairo_new_sub_path(cr);
        cairo_arc(cr, o->x1 - r, o->y0 + r, r, -PI / 2, 0);
        cairo_arc(cr, o->x1 - r, o->y1 - r, r, 0, PI / 2);
        cairo_arc(cr, o->x0 + r, o->y1 - r, r, PI / 2, PI);
        cairo_arc(cr, o->x0 + r, o->y0 + r, r, PI, 3 * PI / 2);
        cairo_close_path(cr);
        ju_pen_rgb(cr, b->strong ? f->accent : f->tint);
        cairo_fill_preserve(cr);
        ju_pen_rgb(cr, f->accent);
        cairo_set_line_width(cr, 1);
        cairo_stroke(cr);
        double tw = o->x1 - o->x0 - 2 * BOX_PAD;
        f->pen->spacing = SIZE * 0.2;
        double th = height_of(f, b->title, TITLE, true, tw);
        double xh = b->text ? 3 + height_of(f, b->text, SIZE, false, tw) : 0;
        double ty = (o->y0 + o->y1) / 2 - (th + xh) / 2;
        unsigned ink = b->strong ? 0xFFFFFF : f->pen->st->ink;
        keep_inside(f, true, o->x0, o->y0, o->x1, o->y1);
        ju_pen_text(f->pen, b->title, o->x0 + BOX_PAD, ty, TITLE, true, tw, PANGO_ALIGN_CENTER, ink);
        if (b->text)
            ju_pen_text(f->pen, b->text, o->x0 + BOX_PAD, ty + th + 3, SIZE, false, tw, PANGO_ALIGN_CENTER, ink);
        plain_style(f);
    }
    keep_inside(f, false, 0, 0, 0, 0);
    for (size_t k = 0; k < g->narrows; k++)
        draw_arrow(f, g, &L, k);
    f->pen->log = saved;
    cairo_restore(cr);
    return h;
}
