/* pen.c — text and lines; see pen.h. */
#include "pen.h"

void ju_pen_rgb(cairo_t *cr, unsigned rgb)
{
    cairo_set_source_rgb(cr, ((rgb >> 16) & 255) / 255.0, ((rgb >> 8) & 255) / 255.0, (rgb & 255) / 255.0);
}

PangoLayout *ju_pen_layout(ju_pen *p, const char *text, double size, bool bold, double width, PangoAlignment align)
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
    if (width > 0) {
        pango_layout_set_width(l, (int)(width * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_alignment(l, align);
    if (p->spacing > 0)
        pango_layout_set_spacing(l, (int)(p->spacing * PANGO_SCALE));
    if (p->hang > 0)
        pango_layout_set_indent(l, (int)(-p->hang * PANGO_SCALE));
    pango_layout_set_text(l, text, -1);
    p->unknown_glyphs += pango_layout_get_unknown_glyphs_count(l);
    return l;
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

double ju_pen_unwidow(PangoLayout *l, double w, double size)
{
    double set = w;
    for (int tries = 1; tries <= 4 && pango_layout_get_line_count(l) > 1 && last_line_chars(l) <= 2; tries++) {
        set = w - tries * size;
        pango_layout_set_width(l, (int)(set * PANGO_SCALE));
    }
    if (pango_layout_get_line_count(l) > 1 && last_line_chars(l) <= 2) {
        set = w; /* no width helps: as it was */
        pango_layout_set_width(l, (int)(w * PANGO_SCALE));
    }
    return set;
}
