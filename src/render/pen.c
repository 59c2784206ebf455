/* pen.c — text and lines; see pen.h. */
#include "pen.h"

#include <string.h>

#include "phrases.h"

void ju_pen_rgb(cairo_t *cr, unsigned rgb)
{
    cairo_set_source_rgb(cr, ((rgb >> 16) & 255) / 255.0, ((rgb >> 8) & 255) / 255.0, (rgb & 255) / 255.0);
}

/* What the pen keeps on a wrapped layout of a short text: where its phrases
 * may break and where each character sits on one unbroken line, so that the
 * breaks can be chosen again for any width (ju_pen_set_width). */
typedef struct {
    PangoAttrList *base;  /* the text's own attributes (markup), or NULL */
    size_t n;             /* bytes of text */
    unsigned char *breaks; /* phrases.h, per byte */
    double *left, *right; /* per byte at a character's start: its extent on one line */
    bool broken;          /* at the width set last, a word had to break */
} wrapinfo;

static void free_wrap(gpointer data)
{
    wrapinfo *w = data;
    if (w->base)
        pango_attr_list_unref(w->base);
    g_free(w->breaks);
    g_free(w->left);
    g_free(w->right);
    g_free(w);
}

/* where each character of l's text sits, the layout set on one line (per paragraph) */
static void measure_chars(PangoLayout *l, wrapinfo *w)
{
    pango_layout_set_width(l, -1);
    PangoLayoutIter *it = pango_layout_get_iter(l);
    do {
        int i = pango_layout_iter_get_index(it);
        PangoRectangle r;
        pango_layout_iter_get_char_extents(it, &r);
        if (i >= 0 && (size_t)i < w->n) {
            w->left[i] = r.x / (double)PANGO_SCALE;
            w->right[i] = (r.x + r.width) / (double)PANGO_SCALE;
        }
    } while (pango_layout_iter_next_char(it));
    pango_layout_iter_free(it);
}

/* the width of text[s..e): from its first character's left to its last one's right */
static double span_width(const wrapinfo *w, const char *text, size_t s, size_t e)
{
    size_t last = e;
    while (last > s && (((unsigned char)text[last - 1] & 0xC0) == 0x80 || text[last - 1] == '\n'))
        last--;
    if (last == s)
        return 0;
    last--;
    while (last > s && ((unsigned char)text[last] & 0xC0) == 0x80)
        last--;
    return w->right[last] - w->left[s];
}

/* keeps text[s..e) on one line */
static void keep(PangoAttrList *list, size_t s, size_t e)
{
    PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);
    a->start_index = (guint)s;
    a->end_index = (guint)e;
    pango_attr_list_insert(list, a);
}

void ju_pen_note_broken(ju_pen *p, PangoLayout *l)
{
    wrapinfo *w = g_object_get_data(G_OBJECT(l), "ju-wrap");
    if (w && w->broken && p->broken && p->broken->n++ == 0) { /* the first, whole characters on one line */
        const char *t = pango_layout_get_text(l);
        size_t k = 0, cap = sizeof p->broken->first - 4;
        for (size_t i = 0; t[i] && k < cap; i++) {
            if (((unsigned char)t[i] & 0xC0) != 0x80 && k + 4 > cap)
                break;
            p->broken->first[k++] = t[i] == '\n' ? ' ' : t[i];
        }
        p->broken->first[k] = '\0';
    }
}

bool ju_pen_set_width(PangoLayout *l, double width)
{
    wrapinfo *w = g_object_get_data(G_OBJECT(l), "ju-wrap");
    bool forced = false;
    if (w) {
        const char *text = pango_layout_get_text(l);
        PangoAttrList *list = w->base ? pango_attr_list_copy(w->base) : pango_attr_list_new();
        for (size_t s = 0; s < w->n;) {
            size_t e = ju_phrase_next(w->breaks, s, w->n, JU_BREAK_PHRASE);
            if (span_width(w, text, s, e) <= width + 0.01) {
                keep(list, s, e);
            } else { /* wider than the line: inside the phrase (phrases.h), else anywhere */
                for (size_t c = s; c < e;) {
                    size_t ce = ju_phrase_next(w->breaks, c, e, JU_BREAK_INNER);
                    if (span_width(w, text, c, ce) <= width + 0.01)
                        keep(list, c, ce);
                    else
                        forced = true;
                    c = ce;
                }
            }
            s = e;
        }
        pango_layout_set_attributes(l, list);
        pango_attr_list_unref(list);
    }
    if (w)
        w->broken = forced;
    pango_layout_set_width(l, (int)(width * PANGO_SCALE));
    return !forced;
}

/* how many characters the last line of a layout holds */
static int last_line_chars(PangoLayout *l)
{
    PangoLayoutLine *line = pango_layout_get_line_readonly(l, pango_layout_get_line_count(l) - 1);
    const char *text = pango_layout_get_text(l);
    int n = 0;
    for (int i = line->start_index; i < line->start_index + line->length; i++)
        n += ((unsigned char)text[i] & 0xC0) != 0x80 && text[i] != '\n';
    return n;
}

/* a short text of more than eight characters is never left with one or two
 * on its last line: the narrowest width that keeps its line count and its
 * words whole evens its lines (「位置づける|予定」 rather than 「…予|定」) */
static void rebalance(PangoLayout *l, size_t chars, double width)
{
    int lines = pango_layout_get_line_count(l);
    if (chars <= 8 || lines < 2 || last_line_chars(l) > 2)
        return;
    double lo = width / 4, hi = width;
    for (int i = 0; i < 10; i++) {
        double mid = (lo + hi) / 2;
        if (!ju_pen_set_width(l, mid) || pango_layout_get_line_count(l) > lines)
            lo = mid;
        else
            hi = mid;
    }
    ju_pen_set_width(l, hi);
    if (last_line_chars(l) <= 2) /* evening out did not help: as it was */
        ju_pen_set_width(l, width);
}

/* a layout with the pen's font; text as it is, or pango markup */
static PangoLayout *make_layout(ju_pen *p, const char *text, bool markup, double size, bool bold, double width,
                                PangoAlignment align)
{
    PangoLayout *l = pango_cairo_create_layout(p->cr);
    PangoContext *ctx = pango_layout_get_context(l);
    pango_cairo_context_set_resolution(ctx, 72); /* font sizes in points = user units */
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(ctx, fo);
    cairo_font_options_destroy(fo);
    pango_layout_context_changed(l);
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, p->st->font);
    pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_alignment(l, align);
    if (p->spacing > 0)
        pango_layout_set_spacing(l, (int)(p->spacing * PANGO_SCALE));
    if (p->hang > 0)
        pango_layout_set_indent(l, (int)(-p->hang * PANGO_SCALE));
    if (markup)
        pango_layout_set_markup(l, text, -1);
    else
        pango_layout_set_text(l, text, -1);
    p->unknown_glyphs += pango_layout_get_unknown_glyphs_count(l);
    if (width > 0) {
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
        const char *t = pango_layout_get_text(l);
        size_t n = strlen(t);
        const unsigned char *b = p->running || n == 0 ? NULL : ju_phrase_breaks(t, n);
        if (b) { /* a short text: broken between its phrases */
            wrapinfo *w = g_new0(wrapinfo, 1);
            PangoAttrList *own = pango_layout_get_attributes(l);
            w->base = own ? pango_attr_list_copy(own) : NULL;
            w->n = n;
            w->breaks = g_memdup2(b, n + 1);
            w->left = g_new0(double, n + 1);
            w->right = g_new0(double, n + 1);
            measure_chars(l, w);
            g_object_set_data_full(G_OBJECT(l), "ju-wrap", w, free_wrap);
            ju_pen_set_width(l, width);
            size_t chars = 0;
            for (size_t i = 0; i < n; i++)
                chars += ((unsigned char)t[i] & 0xC0) != 0x80 && t[i] != '\n';
            rebalance(l, chars, width);
        } else
            ju_pen_set_width(l, width);
    }
    return l;
}

PangoLayout *ju_pen_layout(ju_pen *p, const char *text, double size, bool bold, double width, PangoAlignment align)
{
    return make_layout(p, text, false, size, bold, width, align);
}

PangoLayout *ju_pen_layout_markup(ju_pen *p, const char *markup, double size, bool bold, double width,
                                  PangoAlignment align)
{
    return make_layout(p, markup, true, size, bold, width, align);
}

void ju_pen_measure(ju_pen *p, const char *text, double size, bool bold, double width, double *w, double *h)
{
    PangoLayout *l = ju_pen_layout(p, text, size, bold, width, PANGO_ALIGN_LEFT);
    int pw, ph;
    pango_layout_get_size(l, &pw, &ph);
    p->unknown_glyphs -= pango_layout_get_unknown_glyphs_count(l); /* counted when drawn */
    *w = pw / (double)PANGO_SCALE;
    *h = ph / (double)PANGO_SCALE;
    g_object_unref(l);
}

/* under the test switch: the text's inked box in the chart's coordinates */
static void log_text(ju_pen *p, PangoLayout *l, const char *text, double x, double y, double size)
{
    PangoRectangle ink;
    pango_layout_get_extents(l, &ink, NULL);
    if (ink.width <= 0 || ink.height <= 0)
        return;
    double xs[2] = {x + ink.x / (double)PANGO_SCALE, x + (ink.x + ink.width) / (double)PANGO_SCALE};
    double ys[2] = {y + ink.y / (double)PANGO_SCALE, y + (ink.y + ink.height) / (double)PANGO_SCALE};
    double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
    for (int i = 0; i < 4; i++) {
        double dx = xs[i & 1], dy = ys[i >> 1];
        cairo_user_to_device(p->cr, &dx, &dy);
        cairo_matrix_transform_point(&p->log->to_chart, &dx, &dy);
        x0 = dx < x0 ? dx : x0, x1 = dx > x1 ? dx : x1, y0 = dy < y0 ? dy : y0, y1 = dy > y1 ? dy : y1;
    }
    /* the size as the chart's own units give it */
    double ux = size, uy = 0;
    cairo_user_to_device_distance(p->cr, &ux, &uy);
    cairo_matrix_transform_distance(&p->log->to_chart, &ux, &uy);
    fprintf(p->log->f, "T\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f", p->log->instance, x0, y0, x1, y1, ux);
    if (p->log->wedge || p->log->rect) {
        /* the container, in the chart's coordinates too */
        double c[4] = {p->log->cx, p->log->cy, p->log->r0, p->log->r1};
        if (p->log->rect)
            for (int i = 0; i < 4; i += 2) {
                cairo_user_to_device(p->cr, &c[i], &c[i + 1]);
                cairo_matrix_transform_point(&p->log->to_chart, &c[i], &c[i + 1]);
            }
        else {
            cairo_user_to_device(p->cr, &c[0], &c[1]);
            cairo_matrix_transform_point(&p->log->to_chart, &c[0], &c[1]);
        }
        fprintf(p->log->f, "\t%s\t%.3f\t%.3f\t%.3f\t%.3f\t%.5f\t%.5f", p->log->rect ? "R" : "W", c[0], c[1], c[2],
                c[3], p->log->a0, p->log->a1);
    }
    else
        fputs("\t-\t\t\t\t\t\t", p->log->f);
    fputc('\t', p->log->f);
    for (const char *c = text; *c; c++)
        fputc(*c == '\n' || *c == '\t' ? ' ' : *c, p->log->f);
    fputc('\n', p->log->f);
}

double ju_pen_text(ju_pen *p, const char *text, double x, double y, double size, bool bold, double width,
                   PangoAlignment align, unsigned rgb)
{
    PangoLayout *l = ju_pen_layout(p, text, size, bold, width, align);
    int pw, ph;
    pango_layout_get_size(l, &pw, &ph);
    if (p->log)
        log_text(p, l, text, x, y, size);
    ju_pen_note_broken(p, l);
    ju_pen_rgb(p->cr, rgb);
    cairo_move_to(p->cr, x, y);
    pango_cairo_show_layout(p->cr, l);
    g_object_unref(l);
    return ph / (double)PANGO_SCALE;
}

void ju_pen_text_centered(ju_pen *p, const char *text, double cx, double cy, double size, bool bold, unsigned rgb)
{
    double w, h;
    ju_pen_measure(p, text, size, bold, -1, &w, &h);
    ju_pen_text(p, text, cx - w / 2, cy - h / 2, size, bold, -1, PANGO_ALIGN_LEFT, rgb);
}

void ju_pen_rule(ju_pen *p, double x0, double y0, double x1, double y1, double width, unsigned rgb)
{
    ju_pen_rgb(p->cr, rgb);
    cairo_set_line_width(p->cr, width);
    cairo_move_to(p->cr, x0, y0);
    cairo_line_to(p->cr, x1, y1);
    cairo_stroke(p->cr);
}

double ju_pen_unwidow(PangoLayout *l, double w, double size)
{
    double set = w;
    for (int tries = 1; tries <= 4 && pango_layout_get_line_count(l) > 1 && last_line_chars(l) <= 2; tries++) {
        set = w - tries * size;
        ju_pen_set_width(l, set);
    }
    if (pango_layout_get_line_count(l) > 1 && last_line_chars(l) <= 2) {
        set = w; /* no width helps: as it was */
        ju_pen_set_width(l, w);
    }
    return set;
}

double ju_pen_balance(PangoLayout *l, double w)
{
    int n = pango_layout_get_line_count(l);
    if (n < 2 || pango_layout_get_text(l)[0] == '\0')
        return w;
    /* the narrowest width (to a quarter point) that keeps the lines as many */
    double lo = w / n, hi = w;
    while (hi - lo > 0.25) {
        double mid = (lo + hi) / 2;
        ju_pen_set_width(l, mid);
        if (pango_layout_get_line_count(l) > n)
            lo = mid;
        else
            hi = mid;
    }
    ju_pen_set_width(l, hi);
    return hi;
}

bool ju_pen_lone_end(ju_pen *p, const char *text, double size, bool bold, double w)
{
    PangoLayout *l = ju_pen_layout(p, text, size, bold, w, PANGO_ALIGN_LEFT);
    p->unknown_glyphs -= pango_layout_get_unknown_glyphs_count(l);
    bool lone = false;
    int n = pango_layout_get_line_count(l);
    for (int i = 1; i < n && !lone; i++) { /* a paragraph's first line is never alone */
        PangoLayoutLine *line = pango_layout_get_line_readonly(l, i);
        int end = line->start_index + line->length;
        bool last = text[end] == '\0' || text[end] == '\n';
        bool starts = line->start_index > 0 && text[line->start_index - 1] == '\n';
        if (!last || starts)
            continue;
        int chars = 0;
        for (int k = line->start_index; k < end; k++)
            chars += ((unsigned char)text[k] & 0xC0) != 0x80;
        lone = chars <= 2;
    }
    g_object_unref(l);
    return lone;
}
