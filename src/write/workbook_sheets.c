/* workbook_sheets.c — the key-initiative workbooks; see sheetbooks.h. */
#include "sheetbooks.h"

#include <string.h>

#include "monthspan.h"
#include "workbook_int.h"

#define FW(k) f->words[JU_FORM_##k]

typedef struct {
    ju_wb_book b;
    lxw_format *label, *sub, *box, *title, *office, *big;
} formbook;

static lxw_format *boxed(lxw_workbook *wb, const char *font, double size, bool bold, unsigned bg)
{
    lxw_format *x = workbook_add_format(wb);
    format_set_font_name(x, font);
    format_set_font_size(x, size);
    format_set_font_charset(x, 128);
    format_set_font_family(x, 3);
    if (bold)
        format_set_bold(x);
    format_set_border(x, LXW_BORDER_THIN);
    format_set_text_wrap(x);
    format_set_align(x, LXW_ALIGN_VERTICAL_TOP);
    if (bg)
        format_set_bg_color(x, bg);
    return x;
}

/* the text of cells joined by line breaks */
static const char *joined(ju_arena *a, const char *const *lines, size_t n)
{
    ju_strbuf out;
    ju_strbuf_init(&out, a);
    for (size_t i = 0; i < n; i++)
        ju_strbuf_addf(&out, "%s%s", i ? "\n" : "", lines[i]);
    return ju_strbuf_str(&out);
}


/* columns: A the row's label, B a period or key, C–H the content */
enum { CONTENT_FIRST = 2, CONTENT_LAST = 7 };
static const double COL_W[] = {10, 12, 14, 14, 14, 14, 14, 14};

static double content_width(void)
{
    double w = 0;
    for (int c = CONTENT_FIRST; c <= CONTENT_LAST; c++)
        w += COL_W[c];
    return w;
}

/* a content row: its text merged over C–H, the row as tall as the text and
 * as its key in column B (`key` NULL: none). The widths are estimates (the
 * application measures with its own font): a tenth is kept in hand. */
static void content(ju_wb_sheet *s, int row, const char *key, const char *text, lxw_format *fmt)
{
    ju_wb_merge(s, row, CONTENT_FIRST, row, CONTENT_LAST, text, fmt);
    int lines = ju_wb_lines(text, content_width() * 0.9 - 1);
    int kl = key ? ju_wb_lines(key, COL_W[1] * 0.9 - 1) : 1;
    lines = lines > kl ? lines : kl;
    ju_wb_row_lines(s, row, lines < 1 ? 1 : lines);
}

/* a labelled block of rows: the label merged down column A */
static void label_rows(formbook *F, ju_wb_sheet *s, int r0, int r1, const char *label)
{
    ju_wb_merge(s, r0, 0, r1, 0, label, F->label);
}

static void form_sheet(formbook *F, const ju_formspec *f, const ju_initiatives *in, size_t k)
{
    ju_arena *a = F->b.a;
    const ju_sheet *sh = &in->sheets[k];
    ju_wb_sheet *s = ju_wb_sheet_add(&F->b, sh->id, 0, true);
    worksheet_set_portrait(s->ws);
    for (int c = 0; c <= CONTENT_LAST; c++)
        ju_wb_col_width(s, c, COL_W[c]);
    int row = 0;
    ju_wb_merge(s, row, 0, row, CONTENT_LAST, FW(TITLE), F->title);
    ju_wb_row_lines(s, row++, 2);
    const char *office = ju_arena_printf(a, "%s%s%s", sh->organisation ? sh->organisation : "",
                                         sh->organisation && sh->department ? "　" : "",
                                         sh->department ? sh->department : "");
    ju_wb_merge(s, row, 0, row, CONTENT_LAST, office, F->office);
    row++;
    /* 取組項目, 現状・課題, 取組の内容: label over A–B */
    const char *texts[] = {sh->title ? sh->title : "", joined(a, sh->issues, sh->nissues),
                           joined(a, sh->actions, sh->nactions)};
    const char *labels[] = {FW(ITEM), FW(ISSUES), FW(ACTIONS)};
    for (int i = 0; i < 3; i++, row++) {
        ju_wb_merge(s, row, 0, row, 1, labels[i], F->label);
        content(s, row, NULL, texts[i], i == 0 ? F->big : F->box);
    }
    /* スケジュール and 進捗の状況 by period */
    for (int part = 0; part < 2; part++) {
        int first = row;
        for (size_t p = 0; p < f->nperiods; p++) {
            if (part == 1 && f->periods[p].beyond)
                continue;
            size_t n;
            const char **lines = ju_form_period_lines(a, f, in, k, p, part == 1, &n);
            const char *text = joined(a, lines, n);
            ju_wb_merge(s, row, 1, row, 1, f->period_labels[p], F->sub);
            content(s, row, f->period_labels[p], text, F->box);
            row++;
        }
        label_rows(F, s, first, row - 1, part == 0 ? FW(SCHEDULE) : FW(PROGRESS));
    }
    /* the basic plan and the SDGs */
    const char *kpi = ju_form_kpi(a, f, sh);
    const char *keys[] = {FW(POLICY), FW(KPI),
                          ju_form_word(a, f, JU_FORM_TARGET, sh->kpi_target_year ? sh->kpi_target_year : "", NULL)};
    const char *values[] = {sh->policy ? sh->policy : "", kpi, sh->kpi_target ? sh->kpi_target : ""};
    int first = row;
    for (int i = 0; i < 3; i++, row++) {
        ju_wb_merge(s, row, 1, row, 1, keys[i], F->sub);
        content(s, row, keys[i], values[i], F->box);
    }
    label_rows(F, s, first, row - 1, sh->plan ? sh->plan : FW(PLAN));
    first = row;
    const char *goal = sh->sdg ? ju_arena_printf(a, "%s %d　%s", FW(GOAL_NUMBER), sh->sdg, f->goals[sh->sdg].name) : "";
    const char *skeys[] = {FW(GOAL), FW(KPI),
                           ju_form_word(a, f, JU_FORM_TARGET, sh->sdg_target_year ? sh->sdg_target_year : "", NULL)};
    const char *svalues[] = {goal, sh->sdg_kpi ? sh->sdg_kpi : "", sh->sdg_target ? sh->sdg_target : ""};
    for (int i = 0; i < 3; i++, row++) {
        ju_wb_merge(s, row, 1, row, 1, skeys[i], F->sub);
        lxw_format *fmt = F->box;
        if (i == 0 && sh->sdg) { /* the goal in its colour */
            fmt = boxed(F->b.wb, F->b.font, 10, true, f->goals[sh->sdg].rgb);
            format_set_font_color(fmt, 0xFFFFFF);
        }
        content(s, row, skeys[i], svalues[i], fmt);
    }
    label_rows(F, s, first, row - 1, sh->sdgs_plan ? sh->sdgs_plan : FW(SDGS_PLAN));
    ju_wb_merge(s, row, 0, row, CONTENT_LAST, FW(NUMBER), F->office);
    worksheet_print_area(s->ws, 0, 0, (lxw_row_t)row, CONTENT_LAST);
    worksheet_fit_to_pages(s->ws, 1, 0);
    ju_wb_sheet_finish(s);
}

static ju_status form_book(ju_arena *a, ju_diags *d, const ju_formspec *f, const ju_initiatives *in, const char *dir,
                           time_t epoch)
{
    formbook F;
    const char *path = ju_arena_printf(a, "%s/%s.xlsx", dir, FW(FILE));
    if (!ju_wb_book_open_as(&F.b, a, d, path, f->style.xlsx_font, FW(TITLE), FW(NUMBER), NULL, epoch))
        return JU_ERR_IO;
    F.label = boxed(F.b.wb, F.b.font, 10, true, 0xDDEBF7);
    format_set_align(F.label, LXW_ALIGN_CENTER);
    format_set_align(F.label, LXW_ALIGN_VERTICAL_CENTER);
    F.sub = boxed(F.b.wb, F.b.font, 10, true, 0xF2F2F2);
    format_set_align(F.sub, LXW_ALIGN_CENTER);
    format_set_align(F.sub, LXW_ALIGN_VERTICAL_CENTER);
    F.box = boxed(F.b.wb, F.b.font, 10, false, 0);
    F.big = boxed(F.b.wb, F.b.font, 12, true, 0);
    F.title = workbook_add_format(F.b.wb);
    format_set_font_name(F.title, F.b.font);
    format_set_font_size(F.title, 16);
    format_set_bold(F.title);
    format_set_align(F.title, LXW_ALIGN_CENTER);
    format_set_align(F.title, LXW_ALIGN_VERTICAL_CENTER);
    F.office = workbook_add_format(F.b.wb);
    format_set_font_name(F.office, F.b.font);
    format_set_font_size(F.office, 10);
    format_set_align(F.office, LXW_ALIGN_RIGHT);
    for (size_t k = 0; k < in->nsheets; k++)
        form_sheet(&F, f, in, k);
    return ju_wb_book_close(&F.b);
}

/* the tracker: per sheet and period, then every item with its status */
static ju_status tracker_book(ju_arena *a, ju_diags *d, const ju_formspec *f, const ju_initiatives *in,
                              const ju_tracker *t, const char *dir, time_t epoch)
{
    ju_wb_book b;
    const char *path = ju_arena_printf(a, "%s/%s.xlsx", dir, FW(TRACKER_FILE));
    if (!ju_wb_book_open_as(&b, a, d, path, f->style.xlsx_font, FW(TRACKER_FILE), FW(TITLE), NULL, epoch))
        return JU_ERR_IO;
    ju_wb_sheet *s = ju_wb_sheet_add(&b, FW(TRACKER_SHEET), 1, true);
    const char *head[] = {FW(COL_SHEET), FW(COL_ORG), FW(ITEM), FW(COL_FY), FW(COL_PERIOD), FW(COL_PLANNED),
                          FW(COL_REPORTED), FW(COL_PROGRESS_ONLY), FW(COL_RATE), FW(COL_END), FW(COL_SILENT)};
    for (int c = 0; c < 11; c++)
        ju_wb_str(s, 0, c, head[c], b.f.head);
    for (size_t i = 0; i < t->n; i++) {
        const ju_trackcell *c = &t->cells[i];
        const ju_sheet *sh = &in->sheets[c->sheet];
        int r = (int)i + 1;
        ju_wb_str(s, r, 0, sh->id, b.f.label);
        ju_wb_str(s, r, 1, sh->organisation, b.f.label);
        ju_wb_str(s, r, 2, sh->title, b.f.label);
        ju_wb_num(s, r, 3, sh->fiscal_year, b.f.general);
        ju_wb_str(s, r, 4, f->periods[c->period].name, b.f.label);
        ju_wb_num(s, r, 5, (double)c->planned, b.f.count);
        ju_wb_num(s, r, 6, (double)c->reported, b.f.count);
        ju_wb_num(s, r, 7, (double)c->progress_only, b.f.count);
        ju_wb_pct(s, r, 8, c->planned ? (c->reported * 1000 + c->planned / 2) / c->planned : -1);
        ju_wb_str(s, r, 9, ju_arena_printf(a, "%04d-%02d-%02d", c->end.y, c->end.m, c->end.d), b.f.label);
        ju_wb_str(s, r, 10, c->silent ? "●" : "", b.f.mark);
    }
    worksheet_autofilter(s->ws, 0, 0, (lxw_row_t)t->n, 10);
    worksheet_freeze_panes(s->ws, 1, 0);
    /* one native chart: planned and reported items by period, over all sheets */
    int at = (int)t->n + 3;
    ju_wb_str(s, at, 4, FW(COL_PERIOD), b.f.head);
    ju_wb_str(s, at, 5, FW(COL_PLANNED), b.f.head);
    ju_wb_str(s, at, 6, FW(COL_REPORTED), b.f.head);
    int np = (int)t->nperiods;
    for (int q = 0; q < np; q++) {
        const ju_trackperiod *tp = &t->periods[q];
        ju_wb_str(s, at + 1 + q, 4, f->periods[tp->period].name, b.f.label);
        ju_wb_num(s, at + 1 + q, 5, (double)tp->planned, b.f.count);
        ju_wb_num(s, at + 1 + q, 6, (double)tp->reported, b.f.count);
    }
    lxw_chart *ch = workbook_add_chart(b.wb, LXW_CHART_COLUMN);
    static const lxw_color_t colours[2] = {0xA9C4E4, 0x1F4E79};
    for (int k = 0; k < 2; k++) {
        lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
        chart_series_set_categories(se, s->name, (lxw_row_t)(at + 1), 4, (lxw_row_t)(at + np), 4);
        chart_series_set_values(se, s->name, (lxw_row_t)(at + 1), (lxw_col_t)(5 + k), (lxw_row_t)(at + np),
                                (lxw_col_t)(5 + k));
        chart_series_set_name_range(se, s->name, (lxw_row_t)at, (lxw_col_t)(5 + k));
        lxw_chart_fill fill = {.color = colours[k]};
        chart_series_set_fill(se, &fill);
        chart_series_set_labels(se);
        lxw_chart_font lab = ju_wb_chart_font(&b, 8, false); /* else the application's default font */
        chart_series_set_labels_font(se, &lab);
    }
    ju_wb_chart_style(&b, ch, FW(TRACKER_CHART), true);
    lxw_chart_options opt = {.x_offset = 10, .y_offset = 0, .x_scale = 1, .y_scale = 1};
    worksheet_insert_chart_opt(s->ws, (lxw_row_t)at, 8, ch, &opt);
    ju_wb_drawing(s, 8, 10 + 480);                 /* libxlsxwriter's chart: 480 × 288 pixels */
    ju_wb_block(s, at, at + ju_wb_chart_rows(288) + 1);
    ju_wb_sheet_finish(s);

    /* every item and progress line with its status */
    ju_wb_sheet *it = ju_wb_sheet_add(&b, FW(ITEMS_SHEET), 1, true);
    const char *ihead[] = {FW(COL_SHEET), FW(COL_ORG), FW(COL_FY), FW(COL_PERIOD), FW(COL_TAG), FW(COL_ITEM),
                           FW(COL_MONTHS), FW(COL_STATUS), FW(COL_PROGRESS), FW(COL_DATES), FW(COL_AGAINST)};
    for (int c = 0; c < 11; c++)
        ju_wb_str(it, 0, c, ihead[c], b.f.head);
    ju_wb_col_width(it, 5, 50);
    ju_wb_col_width(it, 8, 50);
    ju_wb_col_width(it, 10, 50);
    int r = 1;
    for (size_t k = 0; k < in->nsheets; k++)
        for (size_t i = in->first[k]; i != JU_NO_ROW; i = in->next[i], r++) {
            const ju_schedrow *x = &in->rows[i];
            const ju_sheet *sh = &in->sheets[k];
            const char *months = ju_span_text(a, x->months, ";");
            const char *dates = ju_dates_text(a, x->reported, x->nreported);
            const char *status = !x->item ? FW(STATUS_PROGRESS) : x->heard ? FW(STATUS_REPORTED) : FW(STATUS_PLANNED);
            const char *against = !x->item && x->against != JU_NO_ROW ? in->rows[x->against].item : "";
            const char *text = x->item ? x->item : x->progress[0];
            const char *progress = x->nprogress ? joined(a, x->progress + (x->item ? 0 : 1),
                                                         x->nprogress - (x->item ? 0 : 1))
                                                : "";
            ju_wb_str(it, r, 0, sh->id, b.f.label);
            ju_wb_str(it, r, 1, sh->organisation, b.f.label);
            ju_wb_num(it, r, 2, sh->fiscal_year, b.f.general);
            ju_wb_str(it, r, 3, f->periods[x->period].name, b.f.label);
            ju_wb_str(it, r, 4, x->tag, b.f.label);
            ju_wb_merge(it, r, 5, r, 5, text, b.f.wrap_box);
            ju_wb_str(it, r, 6, months, b.f.label);
            ju_wb_str(it, r, 7, status, b.f.label);
            ju_wb_merge(it, r, 8, r, 8, progress, b.f.wrap_box);
            ju_wb_str(it, r, 9, dates, b.f.label);
            ju_wb_merge(it, r, 10, r, 10, against, b.f.wrap_box);
            int l1 = ju_wb_lines(text, 49), l2 = ju_wb_lines(progress, 49), l3 = ju_wb_lines(against, 49);
            l1 = l1 > l2 ? l1 : l2;
            ju_wb_row_lines(it, r, l1 > l3 ? l1 : l3);
        }
    worksheet_autofilter(it->ws, 0, 0, (lxw_row_t)(r - 1), 10);
    worksheet_freeze_panes(it->ws, 1, 0);
    ju_wb_sheet_finish(it);
    return ju_wb_book_close(&b);
}

ju_status ju_sheetbooks_write(ju_arena *a, ju_diags *d, const ju_formspec *f, const ju_initiatives *in,
                              const ju_tracker *t, const char *dir, time_t epoch)
{
    ju_status st = form_book(a, d, f, in, dir, epoch);
    if (st == JU_OK)
        st = tracker_book(a, d, f, in, t, dir, epoch);
    return st;
}
