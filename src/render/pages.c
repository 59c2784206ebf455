/* pages.c — the report's layout and drawing; see pages.h. */
#include "pages.h"

#include <errno.h>

#include <cairo-pdf.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "figures.h"
#include "format.h"
#include "lexicon.h"
#include "pen.h"
#include "render.h"

/* A4 landscape in points, and the page's frame */
static const double PAGE_W = 841.89, PAGE_H = 595.28;
static const double MARGIN_X = 40, BODY_BOTTOM = 552, FOOTER_Y = 566, GAP = 26;
/* charts are drawn at this share of their own size, so their 10-point
 * labels read at 8 points beside 10-point text */
static const double CHART_SCALE = 0.8;

typedef struct {
    const ju_block *b;
    double x, y, w, h;
} placed;

/* one physical page */
typedef struct {
    const ju_docpage *page;
    size_t page_index;  /* in the document */
    bool continued;     /* a continuation of the page before */
    double fit;         /* the share of their template heights its charts are drawn at */
    double zoom;        /* the size of its body's text and charts against the template's (a sparse page grows) */
    bool sparse;        /* laid out at 1 but sparse: its zoom is found when it is first drawn */
    placed *items;
    size_t n, cap;
} sheet;

typedef struct {
    ju_arena *a;
    ju_diags *d; /* set while drawing the PDF: warnings about answers the font cannot show */
    ju_pen pen;
    const ju_document *doc;
    unsigned accent, tint;
    sheet *sheets;
    size_t nsheets, cap;
    bool tagged; /* drawing the PDF: structure tags for a tagged PDF */
    double fit;  /* the sheet being laid out or drawn: its charts' share of their heights */
    double zoom; /* the sheet being laid out or drawn: its body's size */
    size_t page; /* the sheet being drawn */
    ju_broken broken; /* texts of the page being drawn broken inside a word */
} pg;

/* --- tagged PDF -------------------------------------------------------------- */

/* The PDF is tagged (cairo's structure tags): a Sect per page holding H1
 * (the headline), H2 and H3 (headings, list groups), P (text, notes, items,
 * names), L / LI / LBody (bullets and examples, a list per run), Figure (a
 * chart, its alternative text in alt) and TOC / TOCI (the contents), in the
 * order read: header, then the left column, then the right. The page's
 * background, footer and page number stay outside the structure. What
 * cairo 1.16 needs, found by trying: the structure's top elements must be
 * grouping ones (a page of top-level P and H1 is not marked as tagged), and
 * drawing of a grouping element's own (a paint, a rule between items) breaks
 * the file, so everything drawn inside Sect, L or TOC is inside a leaf. The
 * PNG pages draw the same without tags. */
static void tag_open(pg *P, const char *name, const char *attributes)
{
    if (P->tagged)
        cairo_tag_begin(P->pen.cr, name, attributes);
}

static void tag_close(pg *P, const char *name)
{
    if (P->tagged)
        cairo_tag_end(P->pen.cr, name);
}

/* a cairo attribute string: 'text' with quotes and backslashes escaped */
static const char *quoted(ju_arena *a, const char *text)
{
    size_t n = strlen(text);
    char *out = ju_arena_alloc(a, 2 * n + 3), *o = out;
    *o++ = '\'';
    for (const char *s = text; *s; s++) {
        if (*s == '\'' || *s == '\\')
            *o++ = '\\';
        *o++ = *s == '\n' ? ' ' : *s;
    }
    *o++ = '\'';
    *o = '\0';
    return out;
}

/* a chart's text alternative: its title, caption and every value drawn */
static const char *chart_alt(pg *P, const ju_chartdata *c)
{
    const char *sep = ju_lex("labels", "list_separator");
    ju_strbuf alt;
    ju_strbuf_init(&alt, P->a);
    ju_strbuf_addf(&alt, "%s %s", c->title ? c->title : "", c->caption ? c->caption : "");
    for (size_t i = 0; i < c->nrows; i++) {
        const ju_chartrow *r = &c->rows[i];
        if (r->label)
            ju_strbuf_addf(&alt, " %s:", r->label);
        for (size_t k = 0; k < r->n; k++) {
            const ju_chartitem *it = &r->items[k];
            const char *count = ju_arena_printf(P->a, "%ld", it->count);
            const char *v = it->value_text ? it->value_text
                          : it->pct10 >= 0 ? ju_lexf(P->a, "labels", "count_percent", "count", count, "percent",
                                                     ju_format_percent(P->a, it->pct10), NULL)
                                           : count;
            ju_strbuf_addf(&alt, "%s%s %s", k ? sep : " ", it->label ? it->label : "", v);
        }
    }
    return ju_arena_printf(P->a, "alt=%s", quoted(P->a, ju_strbuf_str(&alt)));
}

/* a diagram's text alternative: what it shows, its boxes and its arrows */
static const char *diagram_alt(pg *P, const ju_diagram *g)
{
    const char *alt = g->alt ? g->alt : "";
    for (size_t i = 0; i < g->nboxes; i++) {
        const ju_box *b = &g->boxes[i];
        alt = ju_arena_printf(P->a, "%s %s%s%s", alt, b->title, b->text ? ": " : "", b->text ? b->text : "");
    }
    for (size_t i = 0; i < g->narrows; i++) {
        const ju_arrow *a = &g->arrows[i];
        alt = ju_arena_printf(P->a, "%s %s %s %s%s%s", alt, g->boxes[a->from].title, a->both ? "↔" : "→",
                              g->boxes[a->to].title, a->label ? ": " : "", a->label ? a->label : "");
    }
    return ju_arena_printf(P->a, "alt=%s", quoted(P->a, alt));
}

/* the structure tag of a block, and whether it is an item of a list */
static const char *block_tag(const ju_block *b, bool *list_item)
{
    *list_item = b->kind == JU_BLK_BULLET || b->kind == JU_BLK_EXAMPLE;
    switch (b->kind) {
    case JU_BLK_HEADING: return "H2";
    case JU_BLK_GROUP: return "H3";
    case JU_BLK_CHART:
    case JU_BLK_DIAGRAM: return "Figure";
    case JU_BLK_TABLE: return "Table";
    case JU_BLK_BULLET:
    case JU_BLK_EXAMPLE: return "LI";
    case JU_BLK_TITLE: return "H1";
    default: return "P";
    }
}

static unsigned mix(unsigned rgb, double t)
{
    unsigned out = 0;
    for (int s = 0; s <= 16; s += 8) {
        double c = (rgb >> s) & 255;
        out |= (unsigned)lround(c * t + 255 * (1 - t)) << s;
    }
    return out;
}

/* --- text -------------------------------------------------------------------- */


/* under the test switch JU_TEST_TEXTLOG (render.c): every line of the
 * paragraph, for tests/report/lines.py */
static void log_lines(pg *P, PangoLayout *l)
{
    FILE *f = ju_render_textlog();
    if (!f)
        return;
    static int paragraph;
    paragraph++;
    const char *text = pango_layout_get_text(l);
    int n = pango_layout_get_line_count(l);
    for (int i = 0; i < n; i++) {
        PangoLayoutLine *line = pango_layout_get_line_readonly(l, i);
        bool hard = line->start_index > 0 && text[line->start_index - 1] == '\n'; /* after a \n of the text */
        fprintf(f, "L\t%zu\t%d\t%d\t%d\t%s", P->page + 1, paragraph, i, n, hard ? "\\" : "");
        for (int k = line->start_index; k < line->start_index + line->length; k++)
            if (text[k] != '\n')
                fputc(text[k], f);
        fputc('\n', f);
    }
}

/* a paragraph at x, y wrapped to width w (pango markup when `markup`);
 * draws it when `draw`, returns its height either way */
static double para(pg *P, const char *text, bool markup, double x, double y, double w, double size, bool bold,
                   unsigned rgb, bool draw)
{
    PangoLayout *l = markup ? ju_pen_layout_markup(&P->pen, text, size, bold, w, PANGO_ALIGN_LEFT)
                            : ju_pen_layout(&P->pen, text, size, bold, w, PANGO_ALIGN_LEFT);
    pango_layout_set_spacing(l, (int)(size * 0.35 * PANGO_SCALE));
    if (P->pen.running)
        ju_pen_unwidow(l, w, size);
    else if (!getenv("XNOBAL")) /* headings, group labels, names: lines of even length */
        ju_pen_balance(l, w);
    int pw, ph;
    pango_layout_get_size(l, &pw, &ph);
    if (draw && P->tagged)
        log_lines(P, l);
    if (draw) {
        ju_pen_note_broken(&P->pen, l);
        ju_pen_rgb(P->pen.cr, rgb);
        cairo_move_to(P->pen.cr, x, y);
        pango_cairo_show_layout(P->pen.cr, l);
    } else {
        P->pen.unknown_glyphs -= pango_layout_get_unknown_glyphs_count(l);
    }
    g_object_unref(l);
    return ph / (double)PANGO_SCALE;
}

/* a template's text with its **bold** runs as pango markup (escaped), or
 * NULL when it has none */
static const char *emphasis(pg *P, const char *text)
{
    if (!strstr(text, "**"))
        return NULL;
    ju_strbuf out;
    ju_strbuf_init(&out, P->a);
    bool bold = false;
    for (const char *s = text;;) {
        const char *star = strstr(s, "**");
        char *esc = g_markup_escape_text(s, star ? (gssize)(star - s) : -1);
        ju_strbuf_add(&out, esc);
        g_free(esc);
        if (!star)
            break;
        ju_strbuf_add(&out, bold ? "</b>" : "<b>");
        bold = !bold;
        s = star + 2;
    }
    if (bold)
        ju_strbuf_add(&out, "</b>");
    return ju_strbuf_str(&out);
}

/* a paragraph of the template's text: **bold** runs set bold */
static double body_para(pg *P, const char *text, double x, double y, double w, double size, unsigned rgb, bool draw)
{
    const char *m = emphasis(P, text);
    return para(P, m ? m : text, m != NULL, x, y, w, size, false, rgb, draw);
}

/* a lead mark (・ ◎ ◆ ▶ 1) and the text hanging beside it */
static double led(pg *P, const char *lead, unsigned lead_rgb, const char *text, double x, double y, double w,
                  double size, double indent, bool draw)
{
    if (draw)
        para(P, lead, false, x, y, indent, size, true, lead_rgb, true);
    return body_para(P, text, x + indent, y, w - indent, size, P->pen.st->ink, draw);
}

static const char *names_markup(pg *P, const ju_block *b)
{
    ju_strbuf out;
    ju_strbuf_init(&out, P->a);
    for (size_t i = 0; i < b->nnames; i++) {
        /* a name never breaks across lines */
        char *esc = g_markup_escape_text(b->names[i].name, -1);
        ju_strbuf_addf(&out, "%s<span allow_breaks=\"false\">%s%s%s</span>", i ? ju_lex("labels", "list_separator") : "",
                       b->names[i].marked ? "<u>" : "", esc, b->names[i].marked ? "</u>" : "");
        g_free(esc);
    }
    return ju_strbuf_str(&out);
}

/* --- blocks ------------------------------------------------------------------ */

static void chart_size(const pg *P, const ju_block *b, double w, double *lw, double *lh)
{
    const ju_chartspec *s = b->chart->spec;
    *lw = w / CHART_SCALE;
    *lh = (b->height > 0 ? b->height / CHART_SCALE : s->height * (*lw / s->width)) * P->fit * P->zoom;
}

/* draws (or measures) one block; returns its height without the space after */
static double block_of(pg *P, const ju_block *b, double x, double y, double w, bool draw);

/* the running text of a page is broken as Japanese prose is (anywhere but
 * for kinsoku); headings, names, callouts and the like between phrases */
static double block(pg *P, const ju_block *b, double x, double y, double w, bool draw)
{
    P->pen.running = (b->kind == JU_BLK_TEXT && !b->phrased) || b->kind == JU_BLK_BULLET ||
                     b->kind == JU_BLK_EXAMPLE || b->kind == JU_BLK_NOTE || b->kind == JU_BLK_ITEM;
    double h = block_of(P, b, x, y, w, draw);
    P->pen.running = false;
    return h;
}

static double block_of(pg *P, const ju_block *b, double x, double y, double w, bool draw)
{
    const ju_chartstyle *st = P->pen.st;
    cairo_t *cr = P->pen.cr;
    double z = P->zoom;
    switch (b->kind) {
    case JU_BLK_HEADING: {
        double h = para(P, b->text, false, x + 9 * z, y, w - 9 * z, 11 * z, true, st->ink, draw);
        if (draw) {
            ju_pen_rgb(cr, P->accent);
            cairo_rectangle(cr, x, y + 2 * z, 3.5 * z, h - 4 * z > 8 * z ? h - 4 * z : 8 * z);
            cairo_fill(cr);
        }
        return h;
    }
    case JU_BLK_TEXT: return body_para(P, b->text, x, y, w, 10 * z, st->ink, draw);
    case JU_BLK_BULLET:
        return led(P, b->lead ? b->lead : ju_lex("report", "bullet"), P->accent, b->text, x, y, w, 10 * z,
                   (b->lead ? 13 : 12) * z, draw);
    case JU_BLK_EXAMPLE:
        return led(P, b->lead ? b->lead : ju_lex("report", "bullet"), b->lead ? P->accent : st->muted, b->text,
                   x + 4 * z, y, w - 4 * z, 9.5 * z, (b->lead ? 13 : 11) * z, draw);
    case JU_BLK_NOTE: {
        double pad = 8 * z;
        double h = led(P, ju_lex("report", "note_mark"), P->accent, b->text, x + pad, y + pad, w - 2 * pad, 10 * z, 14 * z, false) + 2 * pad;
        if (draw) {
            ju_pen_rgb(cr, P->tint);
            cairo_rectangle(cr, x, y, w, h);
            cairo_fill(cr);
            led(P, ju_lex("report", "note_mark"), P->accent, b->text, x + pad, y + pad, w - 2 * pad, 10 * z, 14 * z, true);
        }
        return h;
    }
    case JU_BLK_ITEM: {
        double lw = 92 * z;
        if (draw)
            para(P, ju_arena_printf(P->a, "◆%s", b->text), false, x, y, lw, 10.5 * z, true, P->accent, true);
        return para(P, b->value, false, x + lw, y, w - lw, 10.5 * z, false, st->ink, draw);
    }
    case JU_BLK_GROUP: /* a little air above a group's label */
        return 4 * z + para(P, b->text, false, x, y + 4 * z, w, 10.5 * z, true, P->accent, draw);
    case JU_BLK_NAMES: return para(P, names_markup(P, b), true, x + 4 * z, y, w - 4 * z, 10 * z, false, st->ink, draw);
    case JU_BLK_CHART: {
        double lw, lh;
        chart_size(P, b, w, &lw, &lh);
        if (draw) {
            ju_chartspec spec = *b->chart->spec;
            spec.width = lw;
            spec.height = lh;
            ju_chartdata cd = *b->chart;
            cd.spec = &spec;
            cairo_save(cr);
            cairo_translate(cr, x, y);
            cairo_scale(cr, CHART_SCALE, CHART_SCALE);
            cairo_rectangle(cr, 0, 0, lw, lh);
            cairo_clip(cr);
            ju_render_log_where("page", CHART_SCALE);
            P->pen.unknown_glyphs += ju_render_chart(cr, st, &cd, &P->broken);
            ju_render_log_where("file", 1);
            cairo_restore(cr);
        }
        return lh * CHART_SCALE;
    }
    case JU_BLK_TABLE:
    case JU_BLK_DIAGRAM: {
        ju_figpen fp = {P->a, &P->pen, P->accent, P->tint, P->tagged && draw, false};
        ju_render_log_where("page", 1);
        double h = b->kind == JU_BLK_TABLE ? ju_figure_table(&fp, b->table, x, y, w, draw)
                                           : ju_figure_diagram(&fp, b->diagram, x, y, w, draw);
        ju_render_log_where("file", 1);
        if (fp.cramped && draw && P->d)
            ju_diag_add(P->d, JU_SEV_WARNING, NULL, 0, 0,
                        _("report page %zu ([%s]): the diagram has too many columns or labels for its width; give it "
                          "a wider column (band = 1) or fewer columns"),
                        P->page + 1, P->sheets[P->page].page->id);
        return h;
    }
    case JU_BLK_SUBTITLE: /* on a body page: a line under the headline */
        return para(P, b->text, false, x, y, w, 14 * z, true, P->accent, draw);
    case JU_BLK_CALLOUT: {
        double pad = 8 * z;
        double tw, th;
        PangoLayout *l = ju_pen_layout(&P->pen, b->text, 16 * z, true, w - 2 * pad, PANGO_ALIGN_CENTER);
        int pw, ph;
        pango_layout_get_size(l, &pw, &ph);
        if (!draw)
            P->pen.unknown_glyphs -= pango_layout_get_unknown_glyphs_count(l);
        g_object_unref(l);
        tw = pw / (double)PANGO_SCALE;
        th = ph / (double)PANGO_SCALE;
        double bw = fmin(w, tw + 4 * pad);
        if (draw) {
            cairo_rectangle(cr, x + (w - bw) / 2, y, bw, th + 2 * pad);
            ju_pen_rgb(cr, P->accent);
            cairo_set_line_width(cr, 1.2);
            cairo_stroke(cr);
            ju_pen_text(&P->pen, b->text, x + pad, y + pad, 16 * z, true, w - 2 * pad, PANGO_ALIGN_CENTER, P->accent);
        }
        return th + 2 * pad;
    }
    case JU_BLK_BREAK:
    case JU_BLK_BAND:
    case JU_BLK_KICKER:
    case JU_BLK_TITLE:
    case JU_BLK_LINE:
    case JU_BLK_KIND_COUNT: break;
    }
    return 0;
}

static double space_after(const pg *P, const ju_block *b)
{
    double z = P->zoom;
    switch (b->kind) {
    case JU_BLK_HEADING: return 5 * z;
    case JU_BLK_GROUP: return 3 * z;
    case JU_BLK_EXAMPLE: return 3 * z;
    case JU_BLK_BULLET: return 6 * z;
    case JU_BLK_ITEM: return 9 * z;
    case JU_BLK_CHART: return 10 * z;
    default: return 8 * z;
    }
}

/* --- layout ------------------------------------------------------------------ */

static double header_height(pg *P, const ju_docpage *p, bool draw, bool continued)
{
    double y = 24;
    cairo_t *cr = P->pen.cr;
    if (p->tag) {
        double tw, th;
        ju_pen_measure(&P->pen, p->tag, 9.5, true, -1, &tw, &th);
        if (draw) {
            ju_pen_rgb(cr, P->accent);
            cairo_rectangle(cr, MARGIN_X, y, tw + 16, th + 6);
            cairo_fill(cr);
            tag_open(P, "P", NULL);
            ju_pen_text(&P->pen, p->tag, MARGIN_X + 8, y + 3, 9.5, true, -1, PANGO_ALIGN_LEFT, 0xFFFFFF);
            tag_close(P, "P");
        }
        y += th + 12;
    }
    if (p->headline) {
        const char *h = continued ? ju_lexf(P->a, "report", "continued", "headline", p->headline, NULL) : p->headline;
        if (draw)
            tag_open(P, "H1", NULL);
        y += para(P, h, false, MARGIN_X, y, PAGE_W - 2 * MARGIN_X, 19, true, P->accent, draw) + 6;
        if (draw) {
            ju_pen_rule(&P->pen, MARGIN_X, y, PAGE_W - MARGIN_X, y, 1.5, P->accent);
            tag_close(P, "H1");
        }
    }
    return y + 14;
}

static sheet *new_sheet(pg *P, size_t index, bool continued)
{
    sheet s = {&P->doc->pages[index], index, continued, 1, P->zoom, false, NULL, 0, 0};
    JU_PUSH(P->a, P->sheets, P->nsheets, P->cap, s);
    return &P->sheets[P->nsheets - 1];
}

static void place(pg *P, sheet *s, const ju_block *b, double x, double y, double w, double h)
{
    placed it = {b, x, y, w, h};
    JU_PUSH(P->a, s->items, s->n, s->cap, it);
}

static bool keeps_with_next(const ju_block *b)
{
    return b->kind == JU_BLK_HEADING || b->kind == JU_BLK_GROUP;
}

static void set_columns(const ju_columns *c, double *colx, double *colw)
{
    double body_w = PAGE_W - 2 * MARGIN_X, x = MARGIN_X;
    for (int k = 0; k < c->n; k++) {
        colw[k] = (body_w - (c->n - 1) * GAP) * c->share[k];
        colx[k] = x;
        x += colw[k] + GAP;
    }
}

/* flows a body page's blocks down its columns, band after band, onto more
 * sheets if needed; returns how many sheets it took */
static size_t layout_body(pg *P, size_t index)
{
    const ju_docpage *p = &P->doc->pages[index];
    size_t first = P->nsheets;
    sheet *s = new_sheet(P, index, false);
    s->fit = P->fit;
    ju_columns cols = p->columns;
    double colx[3], colw[3];
    set_columns(&cols, colx, colw);
    double top = header_height(P, p, false, false);
    double band_top = top, bottom = top;
    int col = 0;
    double y = top;
    for (size_t i = 0; i < p->n; i++) {
        const ju_block *b = &p->blocks[i];
        if (b->kind == JU_BLK_BAND) { /* below everything so far, in its own columns */
            cols = b->columns;
            set_columns(&cols, colx, colw);
            band_top = y = bottom > y ? bottom : y;
            col = 0;
            continue;
        }
        bool next_column = b->kind == JU_BLK_BREAK;
        double h = 0, need = 0;
        if (!next_column) {
            h = block(P, b, colx[col], y, colw[col], false);
            need = h;
            if (keeps_with_next(b) && i + 1 < p->n && p->blocks[i + 1].kind != JU_BLK_BREAK &&
                p->blocks[i + 1].kind != JU_BLK_BAND)
                need += space_after(P, b) + block(P, &p->blocks[i + 1], colx[col], y, colw[col], false);
            next_column = y + need > BODY_BOTTOM && y > top;
        }
        if (next_column) {
            if (++col >= cols.n) {
                s = new_sheet(P, index, true);
                s->fit = P->fit;
                band_top = bottom = top = header_height(P, p, false, true);
                col = 0;
            }
            y = band_top;
            if (b->kind == JU_BLK_BREAK)
                continue;
            h = block(P, b, colx[col], y, colw[col], false); /* widths differ between columns */
        }
        place(P, s, b, colx[col], y, colw[col], h);
        y += h + space_after(P, b);
        bottom = y > bottom ? y : bottom;
    }
    return P->nsheets - first;
}

/* How many cells of the body, cut into a grid of 4 x 3, a sheet leaves
 * without ink (what tests/report/fullness.py measures on the printed page):
 * a cell is inked when a block reaches into it. */
/* whether every block of a sheet ends above the foot of the body */
static bool fits(const sheet *s)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->items[i].y + s->items[i].h > BODY_BOTTOM)
            return false;
    return true;
}

static int empty_cells(const sheet *s, double top)
{
    enum { COLS = 4, ROWS = 3 };
    bool ink[ROWS][COLS] = {{false}};
    double cw = (PAGE_W - 2 * MARGIN_X) / COLS, rh = (BODY_BOTTOM - top) / ROWS;
    for (size_t i = 0; i < s->n; i++) {
        const placed *it = &s->items[i];
        for (int r = 0; r < ROWS; r++)
            for (int c = 0; c < COLS; c++) {
                double cx = MARGIN_X + c * cw, cy = top + r * rh;
                if (it->x < cx + cw && it->x + it->w > cx && it->y < cy + rh && it->y + it->h > cy)
                    ink[r][c] = true;
            }
    }
    int empty = 0;
    for (int r = 0; r < ROWS; r++)
        for (int c = 0; c < COLS; c++)
            empty += !ink[r][c];
    return empty;
}

/* Charts are drawn at the heights the template gives; when a page's content
 * then takes one more sheet than it would with its charts a little lower,
 * they are lowered (down to 75%) so that the page stays one page. Text never
 * shrinks. A page of one sheet that leaves a quarter of its body blank (three
 * cells of the grid above) is marked sparse, to grow when drawn (zoom_sheet). */
static void layout_fitted(pg *P, size_t index)
{
    size_t mark = P->nsheets;
    P->fit = 1;
    P->zoom = 1;
    size_t need = layout_body(P, index);
    if (need > 1) {
        for (double f = 0.95; f > 0.74; f -= 0.05) {
            P->nsheets = mark;
            P->fit = f;
            if (layout_body(P, index) < need)
                break;
            P->fit = 1;
        }
        P->nsheets = mark;
        layout_body(P, index);
    } else /* a page of one sheet: grown when it is drawn if it is sparse (zoom_sheet) */
        P->sheets[mark].sparse = empty_cells(&P->sheets[mark], header_height(P, &P->doc->pages[index], false, false)) >= 3;
    P->fit = 1;
    P->zoom = 1;
}

static void layout(pg *P)
{
    for (size_t i = 0; i < P->doc->n; i++) {
        if (P->doc->pages[i].kind == JU_PAGE_BODY)
            layout_fitted(P, i);
        else
            new_sheet(P, i, false);
    }
}

/* A sparse sheet (a page of one sheet leaving three cells of the grid
 * blank) grows: its body's text, spacing and charts are set larger, to the
 * largest zoom on a grid of 5% steps up to the page's zoom_max (template;
 * 1.3 by default) that keeps it one sheet. Found when the sheet is first
 * drawn, so that a process drawing a share of the pages lays out only its
 * own again; a zoom keeps a page one sheet, so no page's number moves. The
 * largest is tried first (most sparse pages take it), then the steps are
 * halved between the largest that fitted and the smallest that did not. */
static void zoom_sheet(pg *P, size_t k)
{
    if (!P->sheets[k].sparse)
        return;
    P->sheets[k].sparse = false;
    size_t index = P->sheets[k].page_index, mark = P->nsheets;
    const ju_docpage *p = &P->doc->pages[index];
    double most = p->zoom_max > 0 ? p->zoom_max : 1.3;
    ju_canvas *scratch = ju_canvas_image(P->a, 1, 1); /* measured as the layout was */
    cairo_t *cr = P->pen.cr;
    P->pen.cr = scratch->cr;
    P->fit = 1;
    int lo = 0, hi = (int)floor((most - 1) / 0.05 + 1e-9), laid = 0; /* laid: the step laid out last */
    for (bool first = true; lo < hi; first = false) {
        int mid = first ? hi : (lo + hi + 1) / 2;
        P->nsheets = mark;
        P->zoom = 1 + 0.05 * mid;
        bool one = layout_body(P, index) == 1 && fits(&P->sheets[mark]);
        laid = mid;
        if (one)
            lo = mid;
        else
            hi = mid - 1;
    }
    if (lo > 0) {
        if (laid != lo) {
            P->nsheets = mark;
            P->zoom = 1 + 0.05 * lo;
            layout_body(P, index);
        }
        P->sheets[k] = P->sheets[mark];
    }
    P->nsheets = mark;
    P->zoom = 1;
    P->pen.cr = cr;
    ju_canvas_drop(scratch);
}

/* the first sheet of each document page, 1-based */
static size_t sheet_of(const pg *P, size_t page_index)
{
    for (size_t i = 0; i < P->nsheets; i++)
        if (P->sheets[i].page_index == page_index)
            return i + 1;
    return 1;
}

/* --- pages ------------------------------------------------------------------- */

static void draw_cover(pg *P, const ju_docpage *p)
{
    cairo_t *cr = P->pen.cr;
    const ju_chartstyle *st = P->pen.st;
    ju_pen_rgb(cr, P->accent);
    cairo_rectangle(cr, 0, 0, PAGE_W, 14);
    cairo_fill(cr);
    cairo_rectangle(cr, 0, PAGE_H - 6, PAGE_W, 6);
    cairo_fill(cr);
    tag_open(P, "Sect", NULL);
    double cx = 50, w = PAGE_W - 2 * cx, y = 150;
    double lines_h = 0;
    for (size_t i = 0; i < p->n; i++)
        if (p->blocks[i].kind == JU_BLK_LINE)
            lines_h += para(P, p->blocks[i].text, false, 0, 0, 320, 11, false, st->ink, false) + 3;
    double ly = PAGE_H - 64 - lines_h;
    bool first_line = true;
    for (size_t i = 0; i < p->n; i++) {
        const ju_block *b = &p->blocks[i];
        PangoAlignment center = PANGO_ALIGN_CENTER;
        bool item;
        const char *t = block_tag(b, &item);
        tag_open(P, t, NULL);
        switch (b->kind) {
        case JU_BLK_KICKER:
            y += ju_pen_text(&P->pen, b->text, cx, y, 15, false, w, center, st->muted) + 18;
            break;
        case JU_BLK_TITLE:
            y += ju_pen_text(&P->pen, b->text, cx, y, 22, true, w, center, st->ink) + 22;
            break;
        case JU_BLK_SUBTITLE:
            y += ju_pen_text(&P->pen, b->text, cx, y, 20, true, w, center, P->accent) + 18;
            break;
        case JU_BLK_LINE:
            if (first_line)
                ju_pen_rule(&P->pen, PAGE_W - 90 - 320, ly - 12, PAGE_W - 90, ly - 12, 1, P->accent);
            first_line = false;
            ly += para(P, b->text, false, PAGE_W - 90 - 320, ly, 320, 11, false, st->ink, true) + 3;
            break;
        default:
            y += block(P, b, cx, y, w, true) + space_after(P, b);
            break;
        }
        tag_close(P, t);
    }
    tag_close(P, "Sect");
}

static void draw_contents(pg *P, const ju_docpage *p, size_t self)
{
    cairo_t *cr = P->pen.cr;
    const ju_chartstyle *st = P->pen.st;
    const char *title = ju_lex("report", "contents");
    for (size_t i = 0; i < p->n; i++)
        if (p->blocks[i].kind == JU_BLK_TITLE)
            title = p->blocks[i].text;
    double y = 36;
    tag_open(P, "H1", NULL);
    y += ju_pen_text(&P->pen, title, MARGIN_X, y, 20, true, -1, PANGO_ALIGN_LEFT, P->accent) + 8;
    ju_pen_rule(&P->pen, MARGIN_X, y, PAGE_W - MARGIN_X, y, 1.5, P->accent);
    tag_close(P, "H1");
    tag_open(P, "TOC", NULL);
    y += 16;
    double top = y, colw = (PAGE_W - 2 * MARGIN_X - GAP) / 2;
    int col = 0;
    const char *tag = NULL;
    /* when the entries need two columns, the second starts at the section
     * nearest the middle, so that the columns come out even */
    double total = 0;
    for (size_t i = self + 1; i < P->doc->n; i++) {
        const ju_docpage *q = &P->doc->pages[i];
        if (q->kind != JU_PAGE_BODY)
            continue;
        total += (q->tag && (!tag || strcmp(tag, q->tag) != 0) ? 22 : 0) + 20;
        tag = q->tag;
    }
    tag = NULL;
    bool two = total > BODY_BOTTOM - top;
    for (size_t i = self + 1; i < P->doc->n; i++) {
        const ju_docpage *q = &P->doc->pages[i];
        if (q->kind != JU_PAGE_BODY)
            continue;
        bool new_tag = q->tag && (!tag || strcmp(tag, q->tag) != 0);
        double need = (new_tag ? 22 : 0) + 20;
        if (col == 0 && (y + need > BODY_BOTTOM || (two && new_tag && y - top >= total / 2 - 40))) {
            col = 1;
            y = top;
        }
        double x = MARGIN_X + col * (colw + GAP);
        if (new_tag) {
            tag_open(P, "TOCI", NULL);
            y += para(P, q->tag, false, x, y, colw, 10, true, P->accent, true) + 5;
            tag_close(P, "TOCI");
        }
        tag = q->tag;
        size_t number = sheet_of(P, i);
        char num[24];
        snprintf(num, sizeof num, "%zu", number);
        char *link = ju_arena_printf(P->a, "dest='page-%zu'", number);
        tag_open(P, "TOCI", NULL);
        cairo_tag_begin(cr, CAIRO_TAG_LINK, link);
        double nw, nh;
        ju_pen_measure(&P->pen, num, 10.5, false, -1, &nw, &nh);
        double indent = q->tag ? 12 : 0;
        double h = para(P, q->outline, false, x + indent, y, colw - indent - 40, 10.5, false, st->ink, true);
        ju_pen_text(&P->pen, num, x + colw - nw, y, 10.5, false, -1, PANGO_ALIGN_LEFT, st->ink);
        cairo_tag_end(cr, CAIRO_TAG_LINK);
        ju_pen_rule(&P->pen, x + indent, y + h + 3, x + colw, y + h + 3, 0.4, st->grid);
        tag_close(P, "TOCI");
        y += h + 9;
    }
    tag_close(P, "TOC");
}

static void draw_sheet(pg *P, size_t k)
{
    zoom_sheet(P, k);
    P->page = k;
    const sheet *s = &P->sheets[k];
    const ju_docpage *p = s->page;
    P->fit = s->fit;
    P->zoom = s->zoom;
    cairo_t *cr = P->pen.cr;
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    /* a named destination at the page's top: links and bookmarks point here
     * (page numbers would not resolve for pages not yet written) */
    char *dest = ju_arena_printf(P->a, "name='page-%zu' x=0 y=0", k + 1);
    cairo_tag_begin(cr, CAIRO_TAG_DEST, dest);
    cairo_tag_end(cr, CAIRO_TAG_DEST);
    if (p->kind == JU_PAGE_COVER) {
        draw_cover(P, p);
        return;
    }
    tag_open(P, "Sect", NULL);
    if (p->kind == JU_PAGE_CONTENTS)
        draw_contents(P, p, s->page_index);
    else {
        header_height(P, p, true, s->continued);
        bool in_list = false;
        for (size_t i = 0; i < s->n; i++) {
            const ju_block *b = s->items[i].b;
            int before = P->pen.unknown_glyphs;
            bool item;
            const char *t = block_tag(b, &item);
            if (in_list && !item) {
                tag_close(P, "L");
                in_list = false;
            }
            if (item && !in_list) {
                tag_open(P, "L", NULL);
                in_list = true;
            }
            tag_open(P, t, !P->tagged                      ? NULL
                           : b->kind == JU_BLK_CHART   ? chart_alt(P, b->chart)
                           : b->kind == JU_BLK_DIAGRAM ? diagram_alt(P, b->diagram)
                                                       : NULL);
            if (item)
                tag_open(P, "LBody", NULL);
            block(P, b, s->items[i].x, s->items[i].y, s->items[i].w, true);
            double past = s->items[i].y + s->items[i].h - BODY_BOTTOM;
            if (past > 1 && P->d) /* taller than a page: nothing can place it whole */
                ju_diag_add(P->d, JU_SEV_WARNING, NULL, 0, 0,
                            _("report page %zu ([%s]): a block runs %.0f pt past the foot of the page; shorten it, "
                              "give it less height or split it"),
                            k + 1, p->id, past);
            if (item)
                tag_close(P, "LBody");
            tag_close(P, t);
            int lacking = P->pen.unknown_glyphs - before;
            /* a respondent's words may hold characters no font has: a warning
             * naming the answer, not a failed report */
            if (lacking > 0 && b->kind == JU_BLK_EXAMPLE) {
                P->pen.unknown_glyphs = before;
                if (P->d)
                    ju_diag_add(P->d, JU_SEV_WARNING, b->src_file, b->src_line, b->src_col,
                                ngettext("%s: %d character has no glyph in the font '%s'; the report (page %zu) "
                                         "prints it as a box",
                                         "%s: %d characters have no glyph in the font '%s'; the report (page %zu) "
                                         "prints them as boxes",
                                         (unsigned long)lacking),
                                b->src_question, lacking, P->pen.st->font, k + 1);
            }
        }
        if (in_list)
            tag_close(P, "L");
    }
    tag_close(P, "Sect");
    const ju_chartstyle *st = P->pen.st;
    ju_pen_rule(&P->pen, MARGIN_X, FOOTER_Y - 6, PAGE_W - MARGIN_X, FOOTER_Y - 6, 0.5, st->grid);
    if (P->doc->footer)
        ju_pen_text(&P->pen, P->doc->footer, MARGIN_X, FOOTER_Y, 8, false, PAGE_W - 2 * MARGIN_X - 60, PANGO_ALIGN_LEFT,
                    st->muted);
    char num[24];
    snprintf(num, sizeof num, "%zu", k + 1);
    double nw, nh;
    ju_pen_measure(&P->pen, num, 9, false, -1, &nw, &nh);
    ju_pen_text(&P->pen, num, PAGE_W - MARGIN_X - nw, FOOTER_Y, 9, false, -1, PANGO_ALIGN_LEFT, st->ink);
}

/* --- outline, labels, files -------------------------------------------------- */

static const char *page_label(const pg *P, size_t k)
{
    switch (P->sheets[k].page->kind) {
    case JU_PAGE_COVER: return ju_lex("report", "cover");
    case JU_PAGE_CONTENTS: return ju_lex("report", "contents");
    case JU_PAGE_BODY: break;
    }
    return ju_arena_printf(P->a, "%zu", k + 1);
}

/* one bookmark per page; pages of one section (tag) under the section's */
static void outline(pg *P, cairo_surface_t *surface)
{
    const char *tag = NULL;
    int parent = CAIRO_PDF_OUTLINE_ROOT;
    for (size_t k = 0; k < P->nsheets; k++) {
        const sheet *s = &P->sheets[k];
        if (s->continued)
            continue;
        const ju_docpage *p = s->page;
        char *dest = ju_arena_printf(P->a, "dest='page-%zu'", k + 1);
        if (!p->tag) {
            tag = NULL;
            parent = CAIRO_PDF_OUTLINE_ROOT;
        } else if (!tag || strcmp(tag, p->tag) != 0) {
            tag = p->tag;
            parent = cairo_pdf_surface_add_outline(surface, CAIRO_PDF_OUTLINE_ROOT, p->tag, dest,
                                                   CAIRO_PDF_OUTLINE_FLAG_OPEN);
        }
        cairo_pdf_surface_add_outline(surface, parent, p->outline, dest, 0);
    }
}

static ju_status write_pdf(pg *P, ju_diags *d, const char *path, time_t epoch)
{
    ju_canvas *cv = ju_canvas_pdf(P->a, d, path, "report", PAGE_W, PAGE_H, epoch);
    if (!cv)
        return JU_ERR_IO;
    cairo_surface_t *s = cv->surface;
    const ju_document *doc = P->doc;
    if (doc->title)
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, doc->title);
    if (doc->author)
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, doc->author);
    if (doc->subject)
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, doc->subject);
    cairo_t *cr = cv->cr;
    P->pen.cr = cr;
    P->tagged = true;
    P->pen.broken = &P->broken;
    for (size_t k = 0; k < P->nsheets; k++) {
        cairo_pdf_surface_set_page_label(s, page_label(P, k));
        P->broken = (ju_broken){0, ""};
        draw_sheet(P, k);
        cairo_show_page(cr);
        if (P->broken.n)
            ju_diag_add(d, JU_SEV_WARNING, path, 0, 0, _("report page %zu ([%s]): %s"), k + 1, P->sheets[k].page->id,
                        ju_broken_message(P->a, &P->broken, P->broken.n));
    }
    P->pen.broken = NULL;
    P->tagged = false;
    outline(P, s);
    return ju_canvas_close(d, path, _("report"), cv);
}

static ju_status write_pngs(pg *P, ju_diags *d, const char *dir, size_t part, size_t parts)
{
    double scale = P->pen.st->png_scale > 0 ? P->pen.st->png_scale : 2;
    for (size_t k = parts > 1 ? part : 0; k < P->nsheets; k += parts > 1 ? parts : 1) {
        const char *path = ju_arena_printf(P->a, "%s/page-%02zu.png", dir, k + 1);
        ju_canvas *cv = ju_canvas_image(P->a, (int)lround(PAGE_W * scale), (int)lround(PAGE_H * scale));
        cairo_scale(cv->cr, scale, scale);
        P->pen.cr = cv->cr;
        int before = P->pen.unknown_glyphs;
        draw_sheet(P, k);
        P->pen.unknown_glyphs = before; /* counted once, in the PDF */
        errno = 0;
        if (!ju_canvas_png(cv, path)) {
            if (errno)
                ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, _("cannot write the page: %s"), ju_errno_text(errno));
            else
                ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, _("cannot write the page"));
            return JU_ERR_IO;
        }
    }
    return JU_OK;
}

ju_status ju_render_report(ju_arena *a, ju_diags *d, const ju_chartstyle *st, const ju_document *doc,
                           const char *pdf_path, const char *png_dir, size_t png_part, size_t png_parts,
                           time_t epoch)
{
    unsigned accent = st->npalette ? st->palette[0] : st->ink;
    pg P = {.a = a, .pen = {NULL, st, 0, NULL, 0, 0}, .doc = doc, .accent = accent, .tint = mix(accent, 0.08),
            .fit = 1, .zoom = 1};
    /* lay out on a scratch surface: pango measures the same there */
    ju_canvas *scratch = ju_canvas_image(a, 1, 1);
    P.pen.cr = scratch->cr;
    layout(&P);
    ju_canvas_drop(scratch);
    P.pen.unknown_glyphs = 0;
    P.d = d;
    ju_status r = pdf_path ? write_pdf(&P, d, pdf_path, epoch) : JU_OK;
    P.d = NULL;
    if (r == JU_OK && png_dir)
        r = write_pngs(&P, d, png_dir, png_part, png_parts);
    if (r == JU_OK && P.pen.unknown_glyphs > 0) {
        ju_diag_add(d, JU_SEV_ERROR, pdf_path, 0, 0, _("%d characters have no glyph in the font '%s' (is %s installed?)"),
                    P.pen.unknown_glyphs, st->font, "fonts-morisawa-bizud-gothic");
        r = JU_ERR_CONFIG;
    }
    return r;
}
