/* sheetformspec.c — 様式4 sheets as pages; see sheetform.h. */
#include "sheetform.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pen.h"
#include "render.h"

/* A4 portrait in points; the form's columns */
static const double PAGE_W = 595.28, PAGE_H = 841.89;
static const double MARGIN = 36, TOP = 78, BOTTOM = 800, LABEL_W = 58, SUB_W = 62, KEY_W = 96;
/* the labels' size; the cells' text is set at SIZE, or smaller down to
 * MIN_SIZE so that a sheet stays on one page (its padding with it) */
static const double LABEL_SIZE = 9, SIZE = 9, MIN_SIZE = 7, STEP = 0.25, PAD = 5, TITLE_RATIO = 12.0 / 9;
/* the space between the paragraphs of a cell, as a share of its padding */
static const double GAP = 0.6;

/* a paragraph of a cell */
typedef struct {
    const char *text;
    double size;
    bool bold;
    int goal;   /* > 0: the SDGs goal's coloured tile, then its name */
} para;

/* a cell placed on a page */
typedef enum { CELL_LABEL, CELL_SUB, CELL_CONTENT } cellkind;
typedef struct {
    cellkind kind;
    double x, y, w, h;
    const char *label;      /* LABEL, SUB */
    const char *flat;       /* LABEL: the label as written, when it stands (label) */
    const para *paras;      /* CONTENT: paras[0..n) */
    size_t n;
    bool row_start;         /* a new TR begins here */
} cell;

typedef struct {
    size_t sheet;
    size_t first, count; /* its sheet's pages: the first's index and how many */
    bool continued;
    double pad;          /* the cells' padding, as the text's size was set */
    cell *cells;
    size_t n, cap;
} page;

typedef struct {
    ju_arena *a;
    ju_pen pen;
    const ju_formspec *f;
    const ju_initiatives *in;
    unsigned accent, tint;
    page *pages;
    size_t npages, cap;
    bool tagged;
    double size, pad; /* the cells' text and padding as the sheet being laid out or drawn is set */
} sheets;

/* --- measuring --------------------------------------------------------------- */

/* a paragraph's list mark (・ ○ □ ■ …) hangs: the lines after the first start
 * under its text */
static double hang_of(sheets *S, const para *p)
{
    static const char *const marks[] = {"・", "○", "□", "■", "☑", "◎", "●", "※", "•", "⇒"};
    for (size_t i = 0; i < sizeof marks / sizeof *marks; i++) {
        size_t n = strlen(marks[i]);
        if (strncmp(p->text, marks[i], n) == 0) {
            double w, h;
            /* the mark and the space after it, if any */
            const char *after = p->text + n;
            size_t k = strncmp(after, "　", 3) == 0 ? 3 : *after == ' ' ? 1 : 0;
            char *lead = ju_arena_strndup(S->a, p->text, n + k);
            ju_pen_measure(&S->pen, lead, p->size, p->bold, -1, &w, &h);
            return w;
        }
    }
    return 0;
}


/* the width a paragraph is set at: `w`, or a little less when that leaves
 * one or two characters alone on its last line (「（4月\n～）」) */
static double para_width(sheets *S, const para *p, double w)
{
    PangoLayout *l = ju_pen_layout(&S->pen, p->text, p->size, p->bold, w, PANGO_ALIGN_LEFT);
    S->pen.unknown_glyphs -= pango_layout_get_unknown_glyphs_count(l);
    double set = ju_pen_unwidow(l, w, p->size);
    g_object_unref(l);
    return set;
}

static void para_style(sheets *S, const para *p)
{
    S->pen.spacing = p->size * 0.3;
    S->pen.hang = hang_of(S, p);
}

static double para_height(sheets *S, const para *p, double w)
{
    if (p->goal > 0)
        return 30;
    para_style(S, p);
    double tw, th;
    ju_pen_measure(&S->pen, p->text, p->size, p->bold, para_width(S, p, w), &tw, &th);
    S->pen.spacing = S->pen.hang = 0;
    return th;
}

/* a row's label as the form sets it: on one line when it fits the column,
 * else standing, a character a line (runs of Latin letters and digits kept
 * whole: KPI, 2025) */
static const char *label_text(sheets *S, const char *label, double w)
{
    double tw, th;
    ju_pen_measure(&S->pen, label, LABEL_SIZE, true, -1, &tw, &th);
    if (tw <= w - 2 * S->pad || strchr(label, '\n'))
        return label;
    char *out = ju_arena_alloc(S->a, 2 * strlen(label) + 1), *o = out;
    for (const char *c = label; *c;) {
        if (*c == ' ') { /* a space between words: the line break is enough */
            c++;
            continue;
        }
        size_t n = 1;
        if ((unsigned char)*c >= 0x80)
            while (((unsigned char)c[n] & 0xC0) == 0x80)
                n++;
        else
            while (c[n] && (unsigned char)c[n] < 0x80 && c[n] != ' ')
                n++;
        if (o > out)
            *o++ = '\n';
        memcpy(o, c, n);
        o += n;
        c += n;
    }
    *o = '\0';
    return out;
}

static double label_height(sheets *S, const char *label, double w)
{
    double tw, th;
    ju_pen_measure(&S->pen, label, LABEL_SIZE, true, w - 2 * S->pad, &tw, &th);
    return th + 2 * S->pad;
}

/* --- layout ------------------------------------------------------------------ */

typedef struct {
    const char *label;  /* NULL: the content spans the sub-label's column too */
    para *paras;
    size_t n;
} subrow;

static page *new_page(sheets *S, size_t sheet, bool continued)
{
    page p = {sheet, 0, 0, continued, S->pad, NULL, 0, 0};
    JU_PUSH(S->a, S->pages, S->npages, S->cap, p);
    return &S->pages[S->npages - 1];
}

static void place(sheets *S, page *pg, cell c)
{
    JU_PUSH(S->a, pg->cells, pg->n, pg->cap, c);
}

typedef struct {
    sheets *S;
    size_t sheet;
    page *pg;
    double y;
} flow;

/* lays out one row of the form: its label spanning its sub-rows, each sub-row
 * a sub-label and a cell of paragraphs; a row that does not fit continues on
 * the next page at a paragraph's boundary, labels repeated */
static void lay_row(flow *F, const char *label, const subrow *subs, size_t nsubs, double sub_w)
{
    sheets *S = F->S;
    const char *flat = label;
    label = label_text(S, label, LABEL_W);
    double x0 = MARGIN, right = PAGE_W - MARGIN;
    bool with_subs = false;
    for (size_t s = 0; s < nsubs; s++)
        with_subs = with_subs || subs[s].label;
    double cx = x0 + LABEL_W + (with_subs ? sub_w : 0), cw = right - cx - 2 * S->pad;
    double first_need = label_height(S, label, LABEL_W);
    if (nsubs && subs[0].n)
        first_need = fmax(first_need, para_height(S, &subs[0].paras[0], cw) + 2 * S->pad);
    if (F->y + first_need > BOTTOM && F->y > TOP) {
        F->pg = new_page(S, F->sheet, true);
        F->y = TOP;
    }
    double row_top = F->y;
    size_t label_at = F->pg->n; /* the label cell goes before the row's first sub-row */
    place(S, F->pg, (cell){CELL_LABEL, x0, row_top, LABEL_W, 0, label, flat, NULL, 0, true});
    for (size_t s = 0; s < nsubs; s++) {
        const subrow *sr = &subs[s];
        size_t i = 0;
        do {
            double top = F->y, y = top + S->pad;
            size_t start = i;
            while (i < sr->n) {
                double h = para_height(S, &sr->paras[i], cw);
                if (y + h + S->pad > BOTTOM && i > start)
                    break;
                y += h + (i + 1 < sr->n ? GAP * S->pad : 0);
                i++;
            }
            double h = fmax(y + S->pad - top, sr->label ? label_height(S, sr->label, sub_w) : 2 * S->pad + S->size * 1.4);
            bool first_cell = F->pg->n == label_at + 1;
            if (sr->label)
                place(S, F->pg, (cell){CELL_SUB, x0 + LABEL_W, top, sub_w, h, sr->label, NULL, NULL, 0, !first_cell});
            place(S, F->pg, (cell){CELL_CONTENT, with_subs ? cx : x0 + LABEL_W, top,
                                   right - (with_subs ? cx : x0 + LABEL_W), h, NULL, NULL, sr->paras + start, i - start,
                                   !sr->label && !first_cell});
            F->y = top + h;
            if (i < sr->n || (s + 1 < nsubs && F->y + 2 * S->pad + S->size * 1.4 > BOTTOM)) {
                /* the rest on the next page, under the row's label again */
                F->pg->cells[label_at].h = F->y - row_top;
                F->pg = new_page(S, F->sheet, true);
                F->y = row_top = TOP;
                label_at = F->pg->n;
                place(S, F->pg, (cell){CELL_LABEL, x0, row_top, LABEL_W, 0, label, flat, NULL, 0, true});
                if (i >= sr->n)
                    break;
            }
        } while (i < sr->n);
    }
    /* a row as tall as its label at least (a standing label of many characters) */
    double need = label_height(S, label, LABEL_W);
    if (F->pg->n > label_at + 1 && F->y - row_top < need) {
        double more = need - (F->y - row_top);
        double bottom = F->y;
        for (size_t i = label_at + 1; i < F->pg->n; i++) /* the cells of the last sub-row grow */
            if (F->pg->cells[i].y + F->pg->cells[i].h >= bottom - 0.01)
                F->pg->cells[i].h += more;
        F->y += more;
    }
    F->pg->cells[label_at].h = F->y - row_top;
    if (F->pg->cells[label_at].h <= 0) /* nothing followed it on this page */
        F->pg->n = label_at;
}

static para *paras_of(sheets *S, const char *const *lines, size_t n, double size, bool bold)
{
    para *p = ju_arena_array(S->a, n + 1, sizeof *p);
    for (size_t i = 0; i < n; i++)
        p[i] = (para){lines[i], size, bold, 0};
    return p;
}

static para *one(sheets *S, const char *text, double size, bool bold)
{
    para *p = ju_arena_array(S->a, 1, sizeof *p);
    *p = (para){text ? text : "", size, bold, 0};
    return p;
}


static void lay_sheet(sheets *S, size_t k)
{
    const ju_formspec *f = S->f;
    const ju_sheet *sh = &S->in->sheets[k];
    flow F = {S, k, new_page(S, k, false), TOP};
    subrow sr;

    sr = (subrow){NULL, one(S, sh->title, S->size * TITLE_RATIO, true), 1};
    lay_row(&F, f->words[JU_FORM_ITEM], &sr, 1, SUB_W);
    sr = (subrow){NULL, paras_of(S, sh->issues, sh->nissues, S->size, false), sh->nissues};
    lay_row(&F, f->words[JU_FORM_ISSUES], &sr, 1, SUB_W);
    sr = (subrow){NULL, paras_of(S, sh->actions, sh->nactions, S->size, false), sh->nactions};
    lay_row(&F, f->words[JU_FORM_ACTIONS], &sr, 1, SUB_W);

    /* スケジュール and 進捗の状況, by period */
    size_t np = f->nperiods;
    subrow *plan = ju_arena_array(S->a, np, sizeof *plan), *done = ju_arena_array(S->a, np, sizeof *done);
    size_t ndone = 0;
    for (size_t p = 0; p < np; p++) {
        size_t ni, nr;
        const char **items = ju_form_period_lines(S->a, f, S->in, k, p, false, &ni);
        const char **reports = ju_form_period_lines(S->a, f, S->in, k, p, true, &nr);
        plan[p] = (subrow){f->period_labels[p], paras_of(S, items, ni, S->size, false), ni};
        if (!f->periods[p].beyond)
            done[ndone++] = (subrow){f->period_labels[p], paras_of(S, reports, nr, S->size, false), nr};
    }
    lay_row(&F, f->words[JU_FORM_SCHEDULE], plan, np, SUB_W);
    lay_row(&F, f->words[JU_FORM_PROGRESS], done, ndone, SUB_W);

    /* the basic plan and the SDGs */
    const char *kpi = ju_form_kpi(S->a, f, sh);
    subrow basic[3] = {
        {f->words[JU_FORM_POLICY], one(S, sh->policy, S->size, false), 1},
        {f->words[JU_FORM_KPI], one(S, kpi, S->size, false), 1},
        {ju_form_word(S->a, f, JU_FORM_TARGET, sh->kpi_target_year ? sh->kpi_target_year : "", NULL),
         one(S, sh->kpi_target, S->size, false), 1},
    };
    lay_row(&F, sh->plan ? sh->plan : f->words[JU_FORM_PLAN], basic, 3, KEY_W);
    para *goal = one(S, sh->sdg ? f->goals[sh->sdg].name : "", S->size, true);
    goal->goal = sh->sdg;
    subrow sdgs[3] = {
        {f->words[JU_FORM_GOAL], goal, 1},
        {f->words[JU_FORM_KPI], one(S, sh->sdg_kpi, S->size, false), 1},
        {ju_form_word(S->a, f, JU_FORM_TARGET, sh->sdg_target_year ? sh->sdg_target_year : "", NULL),
         one(S, sh->sdg_target, S->size, false), 1},
    };
    lay_row(&F, sh->sdgs_plan ? sh->sdgs_plan : f->words[JU_FORM_SDGS_PLAN], sdgs, 3, KEY_W);
}

/* --- drawing ----------------------------------------------------------------- */

static void tag(sheets *S, const char *name, bool open, const char *attributes)
{
    if (!S->tagged)
        return;
    if (open)
        cairo_tag_begin(S->pen.cr, name, attributes);
    else
        cairo_tag_end(S->pen.cr, name);
}

static void draw_para(sheets *S, const para *p, double x, double y, double w)
{
    const ju_chartstyle *st = S->pen.st;
    if (p->goal > 0) {
        const ju_goal *g = &S->f->goals[p->goal];
        cairo_rectangle(S->pen.cr, x, y, 30, 30);
        ju_pen_rgb(S->pen.cr, g->rgb);
        cairo_fill(S->pen.cr);
        char num[8];
        snprintf(num, sizeof num, "%d", p->goal);
        ju_pen_text_centered(&S->pen, num, x + 15, y + 15, 14, true, 0xFFFFFF);
        double tw, th;
        ju_pen_measure(&S->pen, p->text, p->size, true, w - 38, &tw, &th);
        ju_pen_text(&S->pen, p->text, x + 38, y + 15 - th / 2, p->size, true, w - 38, PANGO_ALIGN_LEFT, st->ink);
        return;
    }
    para_style(S, p);
    ju_pen_text(&S->pen, p->text, x, y, p->size, p->bold, para_width(S, p, w), PANGO_ALIGN_LEFT, st->ink);
    S->pen.spacing = S->pen.hang = 0;
}

static void draw_cell(sheets *S, const cell *c)
{
    cairo_t *cr = S->pen.cr;
    const ju_chartstyle *st = S->pen.st;
    const char *name = c->kind == CELL_CONTENT ? "TD" : "TH";
    tag(S, name, true, NULL);
    cairo_rectangle(cr, c->x, c->y, c->w, c->h);
    ju_pen_rgb(cr, c->kind == CELL_LABEL ? S->tint : c->kind == CELL_SUB ? 0xF7F7F7 : 0xFFFFFF);
    cairo_fill_preserve(cr);
    ju_pen_rgb(cr, st->ink);
    cairo_set_line_width(cr, 0.7);
    cairo_stroke(cr);
    if (c->kind != CELL_CONTENT) {
        double tw, th;
        const char *label = c->label;
        ju_pen_measure(&S->pen, label, LABEL_SIZE, true, c->w - 2 * S->pad, &tw, &th);
        double size = LABEL_SIZE;
        if (c->flat && th > c->h - 2 * S->pad) { /* a short part of a row on its page: the label lies down, wrapped */
            label = c->flat;
            /* a little smaller rather than a last line of one or two characters (未来都市 SDGs 計|画) */
            while (size > LABEL_SIZE - 1.5 && ju_pen_lone_end(&S->pen, label, size, true, c->w - 2 * S->pad))
                size -= 0.5;
            ju_pen_measure(&S->pen, label, size, true, c->w - 2 * S->pad, &tw, &th);
        }
        ju_pen_text(&S->pen, label, c->x + S->pad, c->y + (c->h - th) / 2, size, true, c->w - 2 * S->pad,
                    PANGO_ALIGN_CENTER, st->ink);
    } else {
        double y = c->y + S->pad, w = c->w - 2 * S->pad;
        for (size_t i = 0; i < c->n; i++) {
            draw_para(S, &c->paras[i], c->x + S->pad, y, w);
            y += para_height(S, &c->paras[i], w) + GAP * S->pad;
        }
    }
    tag(S, name, false, NULL);
}

/* draws page k, the `number`-th of the file it goes into */
static void draw_page(sheets *S, size_t k, size_t number)
{
    const page *pg = &S->pages[k];
    S->pad = pg->pad;
    const ju_sheet *sh = &S->in->sheets[pg->sheet];
    const ju_formspec *f = S->f;
    const ju_chartstyle *st = S->pen.st;
    cairo_t *cr = S->pen.cr;
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    if (S->tagged) { /* the page's named destination, for the bookmarks */
        char *dest = ju_arena_printf(S->a, "name='page-%zu' x=0 y=0", number);
        cairo_tag_begin(cr, CAIRO_TAG_DEST, dest);
        cairo_tag_end(cr, CAIRO_TAG_DEST);
    }
    tag(S, "Sect", true, NULL);
    const char *title = pg->continued ? ju_arena_printf(S->a, "%s%s", f->words[JU_FORM_TITLE],
                                                        f->words[JU_FORM_CONTINUED])
                                      : f->words[JU_FORM_TITLE];
    tag(S, "H1", true, NULL);
    double tw, th;
    ju_pen_measure(&S->pen, title, 16, true, -1, &tw, &th);
    ju_pen_text(&S->pen, title, (PAGE_W - tw) / 2, 34, 16, true, -1, PANGO_ALIGN_LEFT, st->ink);
    tag(S, "H1", false, NULL);
    const char *office = ju_arena_printf(S->a, "%s%s%s", sh->organisation ? sh->organisation : "",
                                         sh->organisation && sh->department ? "　" : "",
                                         sh->department ? sh->department : "");
    if (*office) {
        tag(S, "P", true, NULL);
        ju_pen_measure(&S->pen, office, 10, false, -1, &tw, &th);
        ju_pen_text(&S->pen, office, PAGE_W - MARGIN - tw, TOP - th - 6, 10, false, -1, PANGO_ALIGN_LEFT, st->ink);
        tag(S, "P", false, NULL);
    }
    tag(S, "Table", true, NULL);
    bool in_row = false;
    for (size_t i = 0; i < pg->n; i++) {
        const cell *c = &pg->cells[i];
        if (c->row_start || !in_row) {
            if (in_row)
                tag(S, "TR", false, NULL);
            tag(S, "TR", true, NULL);
            in_row = true;
        }
        draw_cell(S, c);
    }
    if (in_row)
        tag(S, "TR", false, NULL);
    tag(S, "Table", false, NULL);
    tag(S, "Sect", false, NULL);
    /* the form's number, and the page of the sheet when it takes more than one */
    ju_pen_measure(&S->pen, f->words[JU_FORM_NUMBER], 9, false, -1, &tw, &th);
    ju_pen_text(&S->pen, f->words[JU_FORM_NUMBER], PAGE_W - MARGIN - tw, BOTTOM + 12, 9, false, -1, PANGO_ALIGN_LEFT,
                st->ink);
    double left = MARGIN;
    if (pg->count > 1) {
        char num[32];
        snprintf(num, sizeof num, "%zu/%zu", k - pg->first + 1, pg->count);
        ju_pen_measure(&S->pen, num, 9, false, -1, &tw, &th);
        left += tw + 14;
        ju_pen_text(&S->pen, num, MARGIN, BOTTOM + 12, 9, false, -1, PANGO_ALIGN_LEFT, st->muted);
    }
    /* the mark of reported items explained, where the form tells them apart */
    bool marked = strcmp(f->words[JU_FORM_TODO], f->words[JU_FORM_DONE]) != 0;
    for (size_t r = S->in->first[pg->sheet]; marked && r != JU_NO_ROW; r = S->in->next[r])
        if (S->in->rows[r].heard) {
            const char *legend = ju_form_word(S->a, f, JU_FORM_LEGEND, NULL, f->words[JU_FORM_DONE]);
            tag(S, "P", true, NULL);
            ju_pen_text(&S->pen, legend, left, BOTTOM + 12, 9, false, -1, PANGO_ALIGN_LEFT, st->ink);
            tag(S, "P", false, NULL);
            break;
        }
}

/* pages [from, to) as a tagged PDF at `path`, a bookmark per sheet */
static ju_status write_pdf(sheets *S, ju_diags *d, size_t from, size_t to, const char *title, const char *path,
                           time_t epoch)
{
    ju_canvas *cv = ju_canvas_pdf(S->a, d, path, "sheets", PAGE_W, PAGE_H, epoch);
    if (!cv)
        return JU_ERR_IO;
    if (title)
        cairo_pdf_surface_set_metadata(cv->surface, CAIRO_PDF_METADATA_TITLE, title);
    S->pen.cr = cv->cr;
    S->tagged = true;
    for (size_t k = from; k < to; k++) {
        draw_page(S, k, k - from + 1);
        cairo_show_page(cv->cr);
    }
    S->tagged = false;
    for (size_t k = from; k < to; k++)
        if (!S->pages[k].continued) {
            const ju_sheet *sh = &S->in->sheets[S->pages[k].sheet];
            const char *name = ju_arena_printf(S->a, "%s%s%s", sh->organisation ? sh->organisation : "",
                                               sh->organisation ? "　" : "", sh->title ? sh->title : sh->id);
            cairo_pdf_surface_add_outline(cv->surface, CAIRO_PDF_OUTLINE_ROOT, name,
                                          ju_arena_printf(S->a, "dest='page-%zu'", k - from + 1), 0);
        }
    return ju_canvas_close(d, path, _("sheets"), cv);
}

static void set_size(sheets *S, double size)
{
    S->size = size;
    S->pad = PAD * size / SIZE;
}

/* every sheet laid out into S->pages, on a scratch surface */
static void lay_out(ju_arena *a, const ju_formspec *f, const ju_initiatives *in, sheets *S)
{
    /* the pen draws with a chart style: the form's look in its terms */
    ju_chartstyle *st = ju_arena_array(a, 1, sizeof *st);
    *st = (ju_chartstyle){.font = f->style.font, .palette = {f->style.accent}, .npalette = 1, .ink = f->style.ink,
                          .muted = f->style.muted, .grid = f->style.rule, .png_scale = f->style.png_scale};
    unsigned accent = f->style.accent;
    unsigned tint = 0;
    for (int s = 0; s <= 16; s += 8) /* the accent, light */
        tint |= (unsigned)lround(((accent >> s) & 255) * 0.1 + 255 * 0.9) << s;
    *S = (sheets){a, {NULL, st, 0, NULL, 0, 0}, f, in, accent, tint, NULL, 0, 0, false};
    ju_canvas *scratch = ju_canvas_image(a, 1, 1);
    S->pen.cr = scratch->cr;
    for (size_t k = 0; k < in->nsheets; k++) {
        size_t first = S->npages;
        /* the largest size, down to MIN_SIZE, that sets the sheet on as few
         * pages as MIN_SIZE does: one page whenever the smallest allows */
        enum { SIZES = (int)((SIZE - MIN_SIZE) / STEP + 1.5) };
        size_t pages[SIZES];
        int pick = SIZES - 1;
        for (int t = 0; t < SIZES; t++) {
            set_size(S, SIZE - t * STEP);
            S->npages = first;
            lay_sheet(S, k);
            pages[t] = S->npages - first;
            if (pages[t] == 1) {
                pick = t;
                break;
            }
        }
        if (pages[pick] != 1)
            for (pick = 0; pages[pick] > pages[SIZES - 1]; pick++)
                ;
        if (S->npages - first != pages[pick] || S->size != SIZE - pick * STEP) {
            set_size(S, SIZE - pick * STEP);
            S->npages = first;
            lay_sheet(S, k);
        }
        for (size_t i = first; i < S->npages; i++)
            S->pages[i].first = first, S->pages[i].count = S->npages - first;
    }
    ju_canvas_drop(scratch);
    S->pen.unknown_glyphs = 0;
}

size_t ju_layout_sheets(ju_arena *a, const ju_formspec *f, const ju_initiatives *in)
{
    sheets S;
    lay_out(a, f, in, &S);
    return S.npages;
}

ju_status ju_render_sheets(ju_arena *a, ju_diags *d, const ju_formspec *f, const ju_initiatives *in,
                           const char *pdf_path, const char *png_dir, const char *sheets_dir, time_t epoch)
{
    sheets S; /* laid out once, for every file */
    lay_out(a, f, in, &S);
    const ju_chartstyle *st = S.pen.st;

    ju_status r = write_pdf(&S, d, 0, S.npages, f->words[JU_FORM_TITLE], pdf_path, epoch);
    if (r != JU_OK)
        return r;
    double scale = st->png_scale > 0 ? st->png_scale : 2;
    for (size_t k = 0; k < S.npages; k++) {
        const char *path = ju_arena_printf(a, "%s/%s-%zu.png", png_dir, in->sheets[S.pages[k].sheet].id,
                                           k - S.pages[k].first + 1);
        ju_canvas *img = ju_canvas_image(a, (int)lround(PAGE_W * scale), (int)lround(PAGE_H * scale));
        cairo_scale(img->cr, scale, scale);
        S.pen.cr = img->cr;
        int before = S.pen.unknown_glyphs;
        draw_page(&S, k, k + 1);
        S.pen.unknown_glyphs = before;
        errno = 0;
        if (!ju_canvas_png(img, path)) {
            ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, _("cannot write the page: %s"),
                        errno ? ju_errno_text(errno) : _("unknown error"));
            return JU_ERR_IO;
        }
    }
    if (S.pen.unknown_glyphs > 0) {
        ju_diag_add(d, JU_SEV_ERROR, pdf_path, 0, 0, _("%d characters have no glyph in the font '%s' (is %s installed?)"),
                    S.pen.unknown_glyphs, st->font, "fonts-morisawa-bizud-gothic");
        return JU_ERR_CONFIG;
    }
    /* each sheet alone, from the same pages (its glyphs were counted above) */
    for (size_t k = 0; k < S.npages && r == JU_OK; k = S.pages[k].first + S.pages[k].count) {
        const ju_sheet *sh = &in->sheets[S.pages[k].sheet];
        const char *title = ju_arena_printf(a, "%s　%s", f->words[JU_FORM_TITLE], sh->title ? sh->title : sh->id);
        r = write_pdf(&S, d, k, k + S.pages[k].count, title, ju_arena_printf(a, "%s/%s.pdf", sheets_dir, sh->id),
                      epoch);
    }
    return r;
}
