/* workbook.c — the workbooks' entry point, the sheet layout, and the helpers
 * the summary and municipality workbooks share; see workbook.h and
 * workbook_int.h. */
#include "workbook.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvread.h"
#include "phrases.h"
#include "fill.h"
#include "inifile.h"
#include "outdir.h"
#include "text.h"
#include "workbook_int.h"
#include "xlsxfont.h"
#include "xlsxscratch.h"

#include "guard.h"

/* Sheet for questions the layout does not place. */
#define OTHER_SHEET WB("other_sheet")
#define SHEETNAME_MAX 31
#define LIST_MAX 8 /* names listed in one warning */
#define STR_MAX JU_EXCEL_CELL_MAX /* characters in a cell (Excel, text.h) */
#define BAND_SCALE_MIN 0.6
#define BAND_SCALE_MAX 0.75

/* ---------------------------------------------------------------- text */

/* next code point of s (advancing *i), or -1 for a byte that starts no
 * well-formed sequence (then *i moves one byte) */
static long next_cp(const unsigned char *s, size_t n, size_t *i)
{
    unsigned char c = s[*i];
    if (c < 0x80) {
        (*i)++;
        return c;
    }
    int len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
    if (len == 0 || *i + (size_t)len > n) {
        (*i)++;
        return -1;
    }
    long cp = c & (0x7F >> len);
    for (int k = 1; k < len; k++) {
        unsigned char t = s[*i + (size_t)k];
        if ((t & 0xC0) != 0x80) {
            (*i)++;
            return -1;
        }
        cp = (cp << 6) | (t & 0x3F);
    }
    static const long least[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < least[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        (*i)++;
        return -1;
    }
    *i += (size_t)len;
    return cp;
}

static size_t put_cp(char *out, long cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

const char *ju_wb_utf8(ju_arena *a, const char *s)
{
    if (!s)
        return "";
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s);
    bool plain = n <= STR_MAX;
    for (size_t i = 0; i < n && plain; i++)
        plain = u[i] >= 0x20 && u[i] < 0x80;
    if (plain)
        return s;
    char *out = ju_arena_alloc(a, 3 * n + 4); /* a bad byte becomes three (U+FFFD); and … */
    size_t o = 0, units = 0; /* Excel's characters: UTF-16 units */
    for (size_t i = 0; i < n;) {
        long cp = next_cp(u, n, &i);
        if (units + 1 + (cp > 0xFFFF) > STR_MAX - 1 && i < n) { /* longer than a cell: its start and … (dataset.c warned) */
            o += put_cp(out + o, 0x2026);
            break;
        }
        if (cp == '\r') {
            if (i < n && u[i] == '\n')
                continue;
            cp = '\n';
        }
        if (cp < 0 || cp == 0xFFFE || cp == 0xFFFF)
            cp = 0xFFFD;
        else if (cp < 0x20 && cp != '\t' && cp != '\n')
            continue;
        o += put_cp(out + o, cp);
        units += 1 + (cp > 0xFFFF);
    }
    out[o] = '\0';
    return out;
}

/* East Asian wide (and, in Japanese fonts, ambiguous) characters */
static bool wide_cp(long cp)
{
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2010 && cp <= 0x2BFF) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
           (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

/* The width of a character in Excel's column units (the width of a digit
 * of the default font, Calibri 11: 7 pixels). The cells are in BIZ
 * UDPゴシック 10 pt, whose characters are wider than one unit even when
 * half-width: a full-width character is 1 em (13.3 px, 2 units with the
 * padding), a digit 0.76 em (1.45), a Latin letter or sign about 0.65 em,
 * a space a third. Measured from the font's advance widths; a little over
 * rather than under, so that text fits where it is estimated to. */
static double char_units(long cp)
{
    if (cp >= 0 && wide_cp(cp))
        return 2.0;
    if (cp >= '0' && cp <= '9')
        return 1.45;
    if (cp == ' ')
        return 0.7;
    if (cp > 0x20 && cp < 0x7F)
        return 1.3;
    return 1.0;
}

/* widths of the lines of `text`, one call per line */
static void line_widths(const char *text, void (*each)(double w, void *ctx), void *ctx)
{
    const unsigned char *u = (const unsigned char *)text;
    size_t n = strlen(text);
    double w = 0;
    for (size_t i = 0; i < n;) {
        long cp = next_cp(u, n, &i);
        if (cp == '\n') {
            each(w, ctx);
            w = 0;
            continue;
        }
        w += char_units(cp);
    }
    each(w, ctx);
}

static void take_max(double w, void *ctx)
{
    double *m = ctx;
    if (w > *m)
        *m = w;
}

double ju_wb_text_width(const char *text)
{
    double m = 0;
    line_widths(text ? text : "", take_max, &m);
    return m;
}

typedef struct {
    double width;
    int lines;
} line_count;

static void add_lines(double w, void *ctx)
{
    line_count *lc = ctx;
    int k = (int)ceil(w / lc->width);
    lc->lines += k < 1 ? 1 : k;
}

int ju_wb_lines(const char *text, double width)
{
    line_count lc = {width > 1 ? width : 1, 0};
    line_widths(text ? text : "", add_lines, &lc);
    return lc.lines;
}

/* the pieces a line of text may be broken into: its phrases, and a phrase
 * wider than `width` in its inner pieces, else its characters (phrases.h) */
typedef struct {
    size_t from, to;
    double w;
} piece;

static double units_of(const unsigned char *u, size_t from, size_t to)
{
    double w = 0;
    for (size_t j = from; j < to;)
        w += char_units(next_cp(u, to, &j));
    return w;
}

static size_t pieces_of(ju_arena *a, const char *text, size_t i, size_t end, const unsigned char *breaks,
                        double width, piece **out)
{
    const unsigned char *u = (const unsigned char *)text;
    piece *ps = ju_arena_array(a, end - i + 1, sizeof *ps);
    size_t n = 0;
    for (size_t s = i; s < end;) {
        size_t e = ju_phrase_next(breaks, s, end, JU_BREAK_PHRASE);
        double w = units_of(u, s, e);
        if (w <= width) {
            ps[n++] = (piece){s, e, w};
        } else {
            for (size_t c = s; c < e;) {
                size_t ce = ju_phrase_next(breaks, c, e, JU_BREAK_INNER);
                double cw = units_of(u, c, ce);
                if (cw <= width) {
                    ps[n++] = (piece){c, ce, cw};
                } else /* no break fits: its characters */
                    for (size_t j = c; j < ce;) {
                        size_t k = j;
                        double one = char_units(next_cp(u, ce, &j));
                        ps[n++] = (piece){k, j, one};
                    }
                c = ce;
            }
        }
        s = e;
    }
    *out = ps;
    return n;
}

/* the lines greedy filling gives at width w */
static int lines_at(const piece *ps, size_t n, double w)
{
    int lines = n ? 1 : 0;
    double used = 0;
    for (size_t k = 0; k < n; k++) {
        if (used > 0 && used + ps[k].w > w) {
            lines++;
            used = 0;
        }
        used += ps[k].w;
    }
    return lines;
}

const char *ju_wb_balance(ju_arena *a, const char *text, double width)
{
    if (!text)
        return "";
    size_t n = strlen(text);
    const unsigned char *breaks = ju_phrase_breaks(text, n);
    if (!breaks)
        return text;
    unsigned char *b = ju_arena_alloc(a, n + 1); /* the analyser's answer is valid until its next call */
    memcpy(b, breaks, n + 1);
    char *out = ju_arena_alloc(a, 2 * n + 1);
    size_t o = 0;
    for (size_t i = 0; i <= n;) {
        size_t end = i;
        while (end < n && text[end] != '\n')
            end++;
        /* the line [i, end) as few lines as fit `width`, as even as they can be: broken between phrases */
        piece *ps;
        size_t np = width > 1 ? pieces_of(a, text, i, end, b, width, &ps) : 0;
        int k = np ? lines_at(ps, np, width) : 1;
        double lo = 0, hi = width;
        for (int t = 0; np && k > 1 && t < 20; t++) {
            double mid = (lo + hi) / 2;
            if (lines_at(ps, np, mid) > k)
                lo = mid;
            else
                hi = mid;
        }
        double used = 0;
        for (size_t p = 0; p < np; p++) {
            if (used > 0 && used + ps[p].w > hi) {
                out[o++] = '\n';
                used = 0;
            }
            memcpy(out + o, text + ps[p].from, ps[p].to - ps[p].from);
            o += ps[p].to - ps[p].from;
            used += ps[p].w;
        }
        if (!np) {
            memcpy(out + o, text + i, end - i);
            o += end - i;
        }
        if (end < n)
            out[o++] = '\n';
        i = end + 1;
    }
    out[o] = '\0';
    return out;
}

/* ---------------------------------------------------------------- names */

/* `name` made a valid sheet name: forbidden characters become '_', leading
 * and trailing apostrophes go, at most SHEETNAME_MAX characters (those
 * beyond the BMP count two, as Excel counts UTF-16 units). */
static const char *clean_sheet_name(ju_arena *a, const char *name)
{
    const char *s = ju_wb_utf8(a, name);
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s);
    char *out = ju_arena_alloc(a, n + 1);
    size_t o = 0;
    int units = 0;
    for (size_t i = 0; i < n;) {
        size_t start = i;
        long cp = next_cp(u, n, &i);
        int w = cp >= 0x10000 ? 2 : 1;
        if (units + w > SHEETNAME_MAX)
            break;
        if (cp < 0x20 || cp == 0x7F || (cp < 0x80 && strchr("[]:*?/\\", (int)cp) != NULL)) {
            if (cp >= 0x20 || o > 0)
                out[o++] = '_';
        } else {
            memcpy(out + o, s + start, i - start);
            o += i - start;
        }
        units += w;
    }
    out[o] = '\0';
    char *p = out;
    while (*p == '\'')
        p++;
    size_t len = strlen(p);
    while (len > 0 && p[len - 1] == '\'')
        p[--len] = '\0';
    if (*p == '\0' || strcasecmp(p, "History") == 0)
        return "Sheet";
    return p;
}

static bool name_used(const char **names, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(names[i], name) == 0)
            return true;
    return false;
}

/* a unique sheet name: `base`, else base(2), base(3)… cut to fit */
static const char *unique_sheet_name(ju_wb_book *b, const char *name)
{
    const char *base = clean_sheet_name(b->a, name);
    const char *cand = base;
    for (int k = 2; name_used(b->names, b->nnames, cand) || workbook_validate_sheet_name(b->wb, cand) != LXW_NO_ERROR;
         k++) {
        const char *suffix = ju_arena_printf(b->a, "(%d)", k);
        /* drop characters from the end until base+suffix fits */
        char *cut = ju_arena_strdup(b->a, base);
        while (lxw_utf8_strlen(cut) + strlen(suffix) > SHEETNAME_MAX) {
            size_t len = strlen(cut);
            do
                len--;
            while (len > 0 && ((unsigned char)cut[len] & 0xC0) == 0x80);
            cut[len] = '\0';
        }
        cand = ju_arena_printf(b->a, "%s%s", cut, suffix);
        if (k > 999) {
            cand = ju_arena_printf(b->a, "Sheet%zu", b->nnames + 1);
            break;
        }
    }
    JU_PUSH(b->a, b->names, b->nnames, b->capnames, cand);
    return cand;
}

/* ---------------------------------------------------------------- workbooks */

static lxw_format *font_format(lxw_workbook *wb, const char *font, double size, bool bold)
{
    lxw_format *f = workbook_add_format(wb);
    format_set_font_name(f, font);
    format_set_font_size(f, size);
    format_set_font_charset(f, 128); /* SHIFTJIS_CHARSET: a Japanese font */
    format_set_font_family(f, 3);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (bold)
        format_set_bold(f);
    return f;
}

static lxw_format *cell_format(lxw_workbook *wb, const char *font, bool bold, bool border, const char *num_format)
{
    lxw_format *f = font_format(wb, font, JU_WB_FONT_SIZE, bold);
    if (border) {
        format_set_border(f, LXW_BORDER_THIN);
        format_set_border_color(f, 0xA6A6A6);
    }
    if (num_format)
        format_set_num_format(f, num_format);
    return f;
}

static void make_formats(lxw_workbook *wb, const char *font, ju_wb_formats *f)
{
    f->text = font_format(wb, font, JU_WB_FONT_SIZE, false);
    f->top = font_format(wb, font, JU_WB_FONT_SIZE, false);
    format_set_align(f->top, LXW_ALIGN_VERTICAL_TOP);
    f->wrap = font_format(wb, font, JU_WB_FONT_SIZE, false);
    format_set_text_wrap(f->wrap);
    format_set_align(f->wrap, LXW_ALIGN_VERTICAL_TOP);
    f->wrap_box = cell_format(wb, font, false, true, NULL);
    format_set_text_wrap(f->wrap_box);
    format_set_align(f->wrap_box, LXW_ALIGN_VERTICAL_TOP);
    f->bold = font_format(wb, font, JU_WB_FONT_SIZE, true);
    f->bold_wrap = font_format(wb, font, JU_WB_FONT_SIZE, true);
    format_set_text_wrap(f->bold_wrap);
    format_set_align(f->bold_wrap, LXW_ALIGN_VERTICAL_TOP);
    f->title = font_format(wb, font, 12, true);
    format_set_font_color(f->title, 0x1F3864);
    f->sheet_title = font_format(wb, font, 14, true);
    format_set_font_color(f->sheet_title, 0x1F3864);
    f->note = font_format(wb, font, 9, false);
    format_set_font_color(f->note, 0x595959);
    f->link = font_format(wb, font, JU_WB_FONT_SIZE, false);
    format_set_underline(f->link, LXW_UNDERLINE_SINGLE);
    format_set_font_color(f->link, 0x0563C1);
    f->head = cell_format(wb, font, true, true, NULL);
    format_set_bg_color(f->head, 0xDDEBF7);
    format_set_align(f->head, LXW_ALIGN_CENTER);
    format_set_text_wrap(f->head);
    f->head_left = cell_format(wb, font, true, true, NULL);
    format_set_bg_color(f->head_left, 0xDDEBF7);
    format_set_text_wrap(f->head_left);
    f->label = cell_format(wb, font, false, true, NULL);
    f->label_wrap = cell_format(wb, font, false, true, NULL);
    format_set_text_wrap(f->label_wrap);
    f->label_bold = cell_format(wb, font, true, true, NULL);
    format_set_bg_color(f->label_bold, 0xF2F2F2);
    f->count = cell_format(wb, font, false, true, "#,##0");
    f->pct = cell_format(wb, font, false, true, "0.0%");
    f->dec1 = cell_format(wb, font, false, true, "#,##0.0");
    f->general = cell_format(wb, font, false, true, "General");
    f->mark = cell_format(wb, font, true, true, NULL);
    format_set_align(f->mark, LXW_ALIGN_CENTER);
    format_set_font_color(f->mark, 0xC00000);
    f->code = font_format(wb, font, JU_WB_FONT_SIZE, false);
    format_set_num_format(f->code, "@");
    format_set_align(f->code, LXW_ALIGN_VERTICAL_TOP);
}

/* Where libxlsxwriter would keep its scratch files. They are in memory
 * (xlsxscratch.h); should that not take effect, version 1.1.4 assembles
 * every part of a package (each sheet, chart, drawing…) in a temporary file
 * of its own, unlinked at once: nothing of it, not even a date, reaches the
 * package. They then go in the workbook's own folder, inside the run's
 * temporary output folder: jusou writes nowhere else, and if a run is killed
 * between a scratch file's creation and its unlinking, the next run removes
 * it with the rest of that folder. */
static char *scratch_dir(ju_arena *a, const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? ju_arena_strndup(a, path, (size_t)(slash - path)) : ju_arena_strdup(a, ".");
}

static void discard_workbook(void *p)
{
    ju_wb_book *b = p;
    if (b->wb)
        lxw_workbook_free(b->wb); /* frees it without writing */
    b->wb = NULL;
}

bool ju_wb_book_open_as(ju_wb_book *b, ju_arena *a, ju_diags *d, const char *path, const char *font,
                        const char *title, const char *subject, const char *author, time_t created)
{
    memset(b, 0, sizeof *b);
    b->a = a;
    b->d = d;
    b->path = path;
    b->font = font;
    struct stat sb;
    if (lstat(path, &sb) == 0) { /* libxlsxwriter would replace it: another output of this run has its name */
        ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, _("cannot write: %s"), ju_errno_text(EEXIST));
        return false;
    }
    /* not constant_memory: tables are written out of row order (merged
     * headers, the table of contents last) */
    lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .tmpdir = NULL, .use_zip64 = LXW_FALSE};
    const char *tmpdir = scratch_dir(a, path);
    opt.tmpdir = (char *)tmpdir;
    b->wb = workbook_new_opt(path, &opt);
    if (!b->wb) {
        ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, _("cannot create the workbook (out of memory)"));
        return false;
    }
    b->guard = ju_guard(discard_workbook, b);
    lxw_doc_properties p = {
        .title = (char *)ju_wb_utf8(a, title),
        .subject = (char *)ju_wb_utf8(a, subject),
        .author = (char *)ju_wb_utf8(a, author && *author ? author : "jusou"),
        .company = (char *)ju_wb_utf8(a, author),
        .comments = "jusou",
        /* 0 would mean "now" to libxlsxwriter: keep the file reproducible */
        .created = created > 0 ? created : 1,
    };
    workbook_set_properties(b->wb, &p);
    make_formats(b->wb, b->font, &b->f);
    return true;
}

bool ju_wb_book_open(ju_wb_book *b, ju_arena *a, ju_diags *d, const ju_wb_run *run, const char *path,
                     const char *title, const char *subject)
{
    const ju_survey *s = run->cur->survey;
    bool ok = ju_wb_book_open_as(b, a, d, path, JU_WB_FONT, title, subject, s->publisher, ju_survey_epoch(s));
    b->run = run;
    b->style = run->style;
    return ok;
}

ju_status ju_wb_book_close(ju_wb_book *b)
{
    ju_unguard(b->guard);
    errno = 0;
    unsigned long short_writes = ju_xlsx_scratch_failures();
    ju_xlsx_store_parts(true); /* ju_xlsx_finish() compresses them */
    lxw_error e = workbook_close(b->wb);
    ju_xlsx_store_parts(false);
    int why = errno; /* what the failed write said (libxlsxwriter's own message is generic) */
    b->wb = NULL;
    if (e == LXW_NO_ERROR && ju_xlsx_scratch_failures() != short_writes) {
        /* a part was cut short in memory and zipped as it was */
        ju_diag_add(b->d, JU_SEV_ERROR, b->path, 0, 0, _("cannot write the workbook: %s"), _("out of memory"));
        return JU_ERR_IO;
    }
    if (e != LXW_NO_ERROR) {
        if (why)
            ju_diag_add(b->d, JU_SEV_ERROR, b->path, 0, 0, _("cannot write the workbook: %s: %s"), lxw_strerror(e),
                        strerror(why));
        else
            ju_diag_add(b->d, JU_SEV_ERROR, b->path, 0, 0, _("cannot write the workbook: %s"), lxw_strerror(e));
        return JU_ERR_IO;
    }
    return ju_xlsx_finish(b->a, b->d, b->path);
}

ju_wb_sheet *ju_wb_sheet_add(ju_wb_book *b, const char *name, int repeat_rows, bool fit)
{
    ju_wb_sheet *s = ju_arena_alloc(b->a, sizeof *s);
    s->book = b;
    s->fit = fit;
    s->repeat_rows = repeat_rows;
    s->name = unique_sheet_name(b, name);
    s->ws = workbook_add_worksheet(b->wb, s->name);
    lxw_worksheet *ws = s->ws;
    worksheet_set_default_row(ws, JU_WB_ROW_HEIGHT, LXW_FALSE);
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
    if (fit)
        worksheet_fit_to_pages(ws, 1, 0);
    /* the sheet's name and the page number, in the book's font (else the
     * application's default, which may have no Japanese) */
    worksheet_set_header(ws, ju_arena_printf(b->a, "&L&\"%s,Regular\"&9&A", b->font));
    worksheet_set_footer(ws, ju_arena_printf(b->a, "&C&\"%s,Regular\"&9&P / &N", b->font));
    if (repeat_rows > 0)
        worksheet_repeat_rows(ws, 0, (lxw_row_t)(repeat_rows - 1));
    return s;
}

void ju_wb_col_width(ju_wb_sheet *s, int col, double width)
{
    if (col >= 0 && col < JU_WB_MAX_COLS)
        s->fixed[col] = width;
}

void ju_wb_block(ju_wb_sheet *s, int start, int end)
{
    if (end > s->bottom_row)
        s->bottom_row = end;
    JU_PUSH(s->book->a, s->blocks, s->nblocks, s->capblocks, start);
    JU_PUSH(s->book->a, s->blocks, s->nblocks, s->capblocks, end);
}

void ju_wb_drawing(ju_wb_sheet *s, int col, int px)
{
    if (col > s->right_col || (col == s->right_col && px > s->right_px)) {
        s->right_col = col;
        s->right_px = px;
    }
}

static double col_width(const ju_wb_sheet *s, int c)
{
    double w = s->fixed[c] > 0 ? s->fixed[c] : s->width[c];
    return w > 0 ? w : LXW_DEF_COL_WIDTH;
}

/* pixels of a column as Excel draws it with the default font (7-pixel digits) */
static double col_px(const ju_wb_sheet *s, int c)
{
    return (double)(int)(col_width(s, c) * 7 + 5);
}

static double row_px(const ju_wb_sheet *s, int r)
{
    double pt = r >= 0 && (size_t)r < s->nrow_pt && s->row_pt[r] > 0 ? s->row_pt[r] : JU_WB_ROW_HEIGHT;
    return pt * 96.0 / 72.0;
}

/* Page breaks between groups printed in order (blocks of rows down a page,
 * bands of columns across one): a group that would cross the end of the
 * page starts the next, where `head` (the repeated rows or columns) comes
 * again. start[i] is where group i begins and size[i] its size in pixels;
 * `used` is what the page holds before the first group. Writes the groups
 * that start a page to `breaks` (at most 1000) and returns how many. */
static size_t page_breaks(const int *start, const double *size, size_t n, double used, double room, double head,
                          int *breaks)
{
    size_t nbreaks = 0;
    for (size_t i = 0; i < n && nbreaks < 1000; i++) {
        if (used + size[i] > room && used > head + 1 && start[i] > 0) {
            breaks[nbreaks++] = start[i];
            used = head;
        }
        used += size[i];
    }
    return nbreaks;
}

/* Page breaks for a sheet printed one page wide on A4 landscape: the scale
 * is what fitting the widest content to the page width gives, and a block
 * that would cross the bottom of a page starts the next one. */
static void paginate(ju_wb_sheet *s, int last_col)
{
    const double page_w = (11.69 - 0.8) * 96, page_h = (8.27 - 1.2) * 96 * 0.96;
    double width = 0;
    for (int c = 0; c <= last_col; c++)
        width += col_px(s, c);
    double scale = width > page_w ? (double)(int)(100 * page_w / width) / 100 : 1.0;
    double room = page_h / scale, head = 0;
    for (int r = 0; r < s->repeat_rows; r++)
        head += row_px(s, r);
    size_t n = s->nblocks / 2;
    int *start = ju_arena_array(s->book->a, n + 1, sizeof *start), *at = ju_arena_array(s->book->a, n + 1, sizeof *at);
    double *size = ju_arena_array(s->book->a, n + 1, sizeof *size);
    for (size_t i = 0; i < n; i++) {
        start[i] = s->blocks[2 * i];
        for (int r = s->blocks[2 * i]; r < s->blocks[2 * i + 1]; r++)
            size[i] += row_px(s, r);
    }
    double used = 0;
    for (int r = 0; r < (n ? start[0] : 0); r++)
        used += row_px(s, r);
    size_t nbreaks = page_breaks(start, size, n, used, room, head, at);
    lxw_row_t *breaks = ju_arena_array(s->book->a, nbreaks + 1, sizeof *breaks);
    for (size_t i = 0; i < nbreaks; i++)
        breaks[i] = (lxw_row_t)at[i];
    if (nbreaks)
        worksheet_set_h_pagebreaks(s->ws, breaks);
}

void ju_wb_nav(ju_wb_sheet *s, const char *target, const char *text)
{
    s->nav_target = target;
    s->nav_text = text;
}

void ju_wb_bands(ju_wb_sheet *s, const int *starts, size_t n, int repeat_cols)
{
    for (size_t i = 0; i < n; i++)
        JU_PUSH(s->book->a, s->bands, s->nbands, s->capbands, starts[i]);
    s->repeat_cols = repeat_cols;
}

/* the last column a drawing reaches into */
static int drawing_end_col(const ju_wb_sheet *s)
{
    if (s->right_px <= 0)
        return s->right_col > 0 ? s->right_col : -1;
    int c = s->right_col;
    double px = s->right_px;
    while (c < JU_WB_MAX_COLS - 1 && px > col_px(s, c)) {
        px -= col_px(s, c);
        c++;
    }
    return c;
}

/* A sheet wider than a page, in bands: printed at a scale where the widest
 * column group (with the repeated columns) fits the page, never below 60%
 * nor above 75% (a grid of data, not prose: more of it on a page), with a
 * page break before each group that would cross the right edge. */
static void print_bands(ju_wb_sheet *s, int last_col)
{
    /* A4 landscape between the margins, less 5%: LibreOffice measures
     * columns a little wider than Excel */
    const double page_w = (11.69 - 0.8) * 96 * 0.95;
    double rep = 0;
    for (int c = 0; c < s->repeat_cols; c++)
        rep += col_px(s, c);
    double *size = ju_arena_array(s->book->a, s->nbands + 1, sizeof *size), widest = 0;
    for (size_t i = 0; i < s->nbands; i++) {
        int end = i + 1 < s->nbands ? s->bands[i + 1] : last_col + 1;
        for (int c = s->bands[i]; c < end; c++)
            size[i] += col_px(s, c);
        if (size[i] > widest)
            widest = size[i];
    }
    double scale = page_w / (rep + widest);
    scale = scale > BAND_SCALE_MAX ? BAND_SCALE_MAX : scale < BAND_SCALE_MIN ? BAND_SCALE_MIN : scale;
    int pct = (int)(scale * 100);
    worksheet_set_print_scale(s->ws, (uint16_t)pct);
    int *at = ju_arena_array(s->book->a, s->nbands + 1, sizeof *at);
    size_t nbreaks = page_breaks(s->bands, size, s->nbands, rep, page_w * 100 / pct, rep, at);
    lxw_col_t *breaks = ju_arena_array(s->book->a, nbreaks + 1, sizeof *breaks);
    for (size_t i = 0; i < nbreaks; i++)
        breaks[i] = (lxw_col_t)at[i];
    if (nbreaks)
        worksheet_set_v_pagebreaks(s->ws, breaks);
    worksheet_repeat_columns(s->ws, 0, (lxw_col_t)(s->repeat_cols - 1));
}

void ju_wb_sheet_finish(ju_wb_sheet *s)
{
    for (int c = 0; c < JU_WB_MAX_COLS; c++) {
        double w = s->fixed[c] > 0 ? s->fixed[c] : s->width[c];
        if (w > 0)
            worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL);
    }
    /* what is printed: every cell written so far and every drawing */
    int last_col = s->ws->dim_colmax, last_row = s->ws->dim_rowmax;
    int dc = drawing_end_col(s);
    if (dc > last_col)
        last_col = dc;
    if (s->bottom_row - 1 > last_row)
        last_row = s->bottom_row - 1;
    worksheet_print_area(s->ws, 0, 0, (lxw_row_t)last_row, (lxw_col_t)last_col);
    if (s->nav_target) {
        int c = last_col + 2;
        ju_wb_link(s, 0, c, s->nav_target, 0, 0, s->nav_text);
        worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, s->width[c], NULL);
    }
    if (s->nbands && s->repeat_cols > 0)
        print_bands(s, last_col);
    else if (s->fit && s->nblocks)
        paginate(s, last_col);
}

/* a sheet's name in a formula or link: quoted, an apostrophe doubled
 * ('Tom''s sheet'!A1) */
static const char *quoted_sheet(ju_arena *a, const char *sheet)
{
    size_t n = strlen(sheet), q = 0;
    for (size_t i = 0; i < n; i++)
        q += sheet[i] == '\'';
    char *out = ju_arena_alloc(a, n + q + 3), *o = out;
    *o++ = '\'';
    for (size_t i = 0; i < n; i++) {
        if (sheet[i] == '\'')
            *o++ = '\'';
        *o++ = sheet[i];
    }
    *o++ = '\'';
    *o = '\0';
    return out;
}

/* defined names: letters, digits and '_' only, never a cell reference */
const char *ju_wb_define(ju_wb_book *b, const char *sheet, int r0, int c0, int r1, int c1, const char *kind,
                         const char *form, const char *question)
{
    char *name = ju_arena_printf(b->a, "%s_%s_%s", kind, form, question);
    for (char *p = name; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
            *p = '_';
    const char *cand = name;
    for (int k = 2; name_used(b->defined, b->ndefined, cand); k++)
        cand = ju_arena_printf(b->a, "%s_%d", name, k);
    char range[LXW_MAX_CELL_RANGE_LENGTH];
    lxw_rowcol_to_range_abs(range, (lxw_row_t)r0, (lxw_col_t)c0, (lxw_row_t)r1, (lxw_col_t)c1);
    const char *formula = ju_arena_printf(b->a, "=%s!%s", quoted_sheet(b->a, sheet), range);
    if (workbook_define_name(b->wb, cand, formula) != LXW_NO_ERROR)
        return NULL;
    JU_PUSH(b->a, b->defined, b->ndefined, b->capdefined, cand);
    return cand;
}

/* ---------------------------------------------------------------- cells */

static void widen(ju_wb_sheet *s, int col, double w)
{
    if (col >= 0 && col < JU_WB_MAX_COLS && w > s->width[col])
        s->width[col] = w > 60 ? 60 : w;
}

void ju_wb_str(ju_wb_sheet *s, int row, int col, const char *text, lxw_format *f)
{
    if (!text || !*text) {
        ju_wb_blank(s, row, col, f);
        return;
    }
    const char *t = ju_wb_utf8(s->book->a, text);
    worksheet_write_string(s->ws, (lxw_row_t)row, (lxw_col_t)col, t, f);
    widen(s, col, ju_wb_text_width(t) + 2);
}

void ju_wb_label(ju_wb_sheet *s, int row, const char *text, double width)
{
    const char *t = ju_wb_utf8(s->book->a, text);
    if (ju_wb_text_width(t) + 1 <= width) {
        worksheet_write_string(s->ws, (lxw_row_t)row, 0, t, s->book->f.label);
        return;
    }
    worksheet_write_string(s->ws, (lxw_row_t)row, 0, t, s->book->f.label_wrap);
    ju_wb_row_lines(s, row, ju_wb_lines(t, width - 1));
}

void ju_wb_str_free(ju_wb_sheet *s, int row, int col, const char *text, lxw_format *f)
{
    if (!text || !*text)
        return;
    worksheet_write_string(s->ws, (lxw_row_t)row, (lxw_col_t)col, ju_wb_utf8(s->book->a, text), f);
}

void ju_wb_num(ju_wb_sheet *s, int row, int col, double v, lxw_format *f)
{
    worksheet_write_number(s->ws, (lxw_row_t)row, (lxw_col_t)col, v, f);
    char buf[64];
    snprintf(buf, sizeof buf, "%.1f,", v); /* a separator's room: 1,234.5 */
    widen(s, col, ju_wb_text_width(buf) + 2);
}

void ju_wb_pct(ju_wb_sheet *s, int row, int col, long long percent10)
{
    if (percent10 < 0)
        ju_wb_blank(s, row, col, s->book->f.pct);
    else
        worksheet_write_number(s->ws, (lxw_row_t)row, (lxw_col_t)col, (double)percent10 / 1000.0, s->book->f.pct);
}

void ju_wb_blank(ju_wb_sheet *s, int row, int col, lxw_format *f)
{
    worksheet_write_blank(s->ws, (lxw_row_t)row, (lxw_col_t)col, f);
}

void ju_wb_merge(ju_wb_sheet *s, int r0, int c0, int r1, int c1, const char *text, lxw_format *f)
{
    const char *t = ju_wb_utf8(s->book->a, text);
    if (r0 == r1 && c0 == c1)
        worksheet_write_string(s->ws, (lxw_row_t)r0, (lxw_col_t)c0, t, f);
    else
        worksheet_merge_range(s->ws, (lxw_row_t)r0, (lxw_col_t)c0, (lxw_row_t)r1, (lxw_col_t)c1, t, f);
}

void ju_wb_link(ju_wb_sheet *s, int row, int col, const char *target, int trow, int tcol, const char *text)
{
    char cell[LXW_MAX_CELL_NAME_LENGTH];
    lxw_rowcol_to_cell(cell, (lxw_row_t)trow, (lxw_col_t)tcol);
    const char *url = ju_arena_printf(s->book->a, "internal:%s!%s", quoted_sheet(s->book->a, target), cell);
    const char *t = ju_wb_utf8(s->book->a, text);
    worksheet_write_url_opt(s->ws, (lxw_row_t)row, (lxw_col_t)col, url, s->book->f.link, t, NULL);
    widen(s, col, ju_wb_text_width(t) + 2);
}

void ju_wb_row_lines(ju_wb_sheet *s, int row, int lines)
{
    if (lines < 1)
        lines = 1;
    if (lines > 30)
        lines = 30;
    double pt = JU_WB_ROW_HEIGHT + 13.0 * (lines - 1);
    worksheet_set_row(s->ws, (lxw_row_t)row, pt, NULL);
    if ((size_t)row >= s->nrow_pt) {
        size_t n = (size_t)row + 64;
        s->row_pt = ju_arena_grow(s->book->a, s->row_pt, s->nrow_pt, n, sizeof *s->row_pt);
        s->nrow_pt = n;
    }
    s->row_pt[row] = pt;
}

/* ---------------------------------------------------------------- charts */

lxw_chart_font ju_wb_chart_font(const ju_wb_book *b, double size, bool bold)
{
    lxw_chart_font f = {0};
    f.name = (char *)b->font; /* libxlsxwriter copies it */
    f.size = size;
    f.bold = bold ? 1 : 0;
    f.charset = 128;
    return f;
}

/* a label's colour on a fill: white on a dark one, the style's ink on a light one */
static unsigned label_colour(const ju_chartstyle *st, unsigned fill)
{
    return ju_chartstyle_lightness(fill) < 55 ? 0xFFFFFF : st->ink;
}

void ju_wb_chart_style(const ju_wb_book *b, lxw_chart *c, const char *title, bool legend)
{
    lxw_chart_font tf = ju_wb_chart_font(b, 10, true), af = ju_wb_chart_font(b, 8, false),
                   lf = ju_wb_chart_font(b, 8, false);
    if (b->style) {
        tf.color = b->style->ink;
        af.color = lf.color = b->style->muted;
    }
    if (title && *title) {
        chart_title_set_name(c, title);
        chart_title_set_name_font(c, &tf);
    } else {
        chart_title_off(c);
    }
    chart_axis_set_num_font(c->x_axis, &af);
    chart_axis_set_num_font(c->y_axis, &af);
    if (b->style) {
        lxw_chart_line axis = {.color = b->style->muted, .width = 0.75}, grid = {.color = b->style->grid, .width = 0.5};
        chart_axis_set_line(c->x_axis, &axis);
        chart_axis_set_line(c->y_axis, &axis);
        /* a bar chart: x is the value axis (across), y the categories */
        chart_axis_major_gridlines_set_line(c->x_axis, &grid);
    }
    if (legend) {
        chart_legend_set_position(c, LXW_CHART_LEGEND_BOTTOM);
        chart_legend_set_font(c, &lf);
    } else {
        chart_legend_set_position(c, LXW_CHART_LEGEND_NONE);
    }
    lxw_chart_line none = {.none = LXW_TRUE};
    chart_chartarea_set_line(c, &none);
}

void ju_wb_series_colours(const ju_wb_book *b, lxw_chart_series *s, unsigned colour, const unsigned *points,
                          const bool *hide, size_t n, bool inside)
{
    lxw_chart_font lab = ju_wb_chart_font(b, 7, false);
    chart_series_set_labels(s);
    chart_series_set_labels_num_format(s, "0.0%;;;");
    const ju_chartstyle *st = b->style;
    if (!st) {
        chart_series_set_labels_font(s, &lab);
        return;
    }
    lab.color = inside ? label_colour(st, colour) : st->ink;
    chart_series_set_labels_font(s, &lab);
    lxw_chart_fill fill = {.color = colour};
    chart_series_set_fill(s, &fill);
    bool differ = false, hidden = false;
    for (size_t k = 0; k < n; k++) {
        differ = differ || (points && points[k] != colour);
        hidden = hidden || (hide && hide[k]);
    }
    if (!differ && !hidden)
        return;
    /* libxlsxwriter copies the points and labels it is given */
    lxw_chart_point *pt = ju_arena_array(b->a, n, sizeof *pt);
    lxw_chart_point **pp = ju_arena_array(b->a, n + 1, sizeof *pp);
    lxw_chart_fill *fills = ju_arena_array(b->a, n, sizeof *fills);
    lxw_chart_font *fonts = ju_arena_array(b->a, n, sizeof *fonts);
    lxw_chart_data_label *dl = ju_arena_array(b->a, n, sizeof *dl);
    lxw_chart_data_label **dp = ju_arena_array(b->a, n + 1, sizeof *dp);
    bool relabel = false;
    for (size_t k = 0; k < n; k++) {
        unsigned fill_k = points ? points[k] : colour;
        fills[k] = (lxw_chart_fill){.color = fill_k};
        /* a point in the series' own colour is left as it is: no <c:dPt> */
        pt[k] = fill_k != colour ? (lxw_chart_point){.fill = &fills[k]} : (lxw_chart_point){0};
        pp[k] = &pt[k];
        fonts[k] = lab;
        fonts[k].color = inside ? label_colour(st, fill_k) : st->ink;
        if (fonts[k].color != lab.color) {
            dl[k].font = &fonts[k];
            relabel = true;
        }
        if (hide && hide[k]) {
            dl[k].hide = LXW_TRUE;
            relabel = true;
        }
        dp[k] = &dl[k];
    }
    if (differ)
        chart_series_set_points(s, pp);
    if (relabel)
        chart_series_set_labels_custom(s, dp);
}

lxw_chart_series *ju_wb_column_series(lxw_chart *c, const ju_wb_sheet *sh, int first_row, int nrows, int value_col,
                                      const char *name, unsigned colour, double tint,
                                      const char *const *categories)
{
    lxw_chart_series *s = chart_add_series(c, NULL, NULL);
    chart_series_set_categories(s, sh->name, (lxw_row_t)first_row, 0, (lxw_row_t)(first_row + nrows - 1), 0);
    chart_series_set_values(s, sh->name, (lxw_row_t)first_row, (lxw_col_t)value_col, (lxw_row_t)(first_row + nrows - 1),
                            (lxw_col_t)value_col);
    chart_series_set_name(s, ju_wb_utf8(sh->book->a, name));
    const ju_chartstyle *st = sh->book->style;
    unsigned *points = NULL;
    if (st && categories && nrows > 0) {
        points = ju_arena_array(sh->book->a, (size_t)nrows, sizeof *points);
        for (int k = 0; k < nrows; k++) {
            unsigned grey = ju_chartstyle_category(st, categories[k], 0);
            bool muted = strcmp(categories[k], JU_CAT_NO_ANSWER) == 0 || strcmp(categories[k], JU_CAT_NOT_COUNTED) == 0;
            points[k] = muted ? ju_chartstyle_tint(grey, tint) : colour;
        }
    }
    ju_wb_series_colours(sh->book, s, colour, points, NULL, (size_t)(nrows > 0 ? nrows : 0), false);
    return s;
}

void ju_wb_insert_bar_chart(ju_wb_sheet *sh, lxw_chart *c, int row, int col, int width, int *height, bool full)
{
    chart_axis_set_reverse(c->y_axis);
    chart_axis_set_crossing_max(c->y_axis);
    if (full) {
        chart_axis_set_min(c->x_axis, 0);
        chart_axis_set_max(c->x_axis, 1);
        chart_axis_set_major_unit(c->x_axis, 0.2);
    }
    chart_axis_set_num_format(c->x_axis, "0%");
    if (*height < 170)
        *height = 170;
    lxw_chart_options o = {.x_offset = 8, .y_offset = 2, .x_scale = width / 480.0, .y_scale = *height / 288.0};
    worksheet_insert_chart_opt(sh->ws, (lxw_row_t)row, (lxw_col_t)col, c, &o);
}

int ju_wb_chart_rows(int height)
{
    double row_px = JU_WB_ROW_HEIGHT * 96.0 / 72.0;
    return (int)ceil(height / row_px);
}

/* ---------------------------------------------------------------- the survey */

const char *ju_wb_segment_label(ju_arena *a, const ju_codebook *cb, int form, long long segment)
{
    if (segment < 0)
        return JU_WB_ALL;
    const ju_form *f = &cb->forms[form];
    const ju_form *sf = f->segment_form ? ju_codebook_form(cb, f->segment_form) : NULL;
    int qi = sf ? ju_form_question(sf, f->segment_question) : -1;
    if (qi >= 0) {
        int k = ju_question_choice(&sf->questions[qi], segment);
        if (k >= 0)
            return sf->questions[qi].choices[k].label;
    }
    return ju_arena_printf(a, "%lld", segment);
}

const char *ju_wb_year_head(ju_arena *a, int year, const ju_question *q, const char *sep)
{
    if (!q || q->year_offset == 0)
        return ju_wareki(a, year);
    return ju_arena_printf(a, "%s%s%s", WBF(a, "counted_year", "counted", ju_wareki(a, year + q->year_offset)), sep,
                           WBF(a, "counted_survey", "survey", ju_wareki(a, year)));
}

bool ju_wb_segment_shown(const ju_codebook *cb, int form, const ju_question *q, const ju_table *all,
                         const ju_table *seg)
{
    const ju_form *f = &cb->forms[form];
    if (f->segment_form && strcmp(f->segment_form, f->id) == 0 && strcmp(f->segment_question, q->id) == 0)
        return false;
    return seg && all && seg->base_n > 0 && seg->base_n != all->base_n;
}

const char *ju_wb_type_label(ju_qtype t)
{
    switch (t) {
    case JU_QT_SINGLE:
        return WB("type_single");
    case JU_QT_MULTI:
        return WB("type_multi");
    case JU_QT_COUNT:
        return WB("type_count");
    case JU_QT_YEAR:
        return WB("type_year");
    case JU_QT_TEXT:
        return WB("type_text");
    default:
        return "";
    }
}

const char *ju_wb_display_id(ju_arena *a, const char *id)
{
    /* the questionnaire's number: a part after '_' that begins with a letter
     * is the codebook's own (Q27_cat, Q6_6_text) and is left off */
    for (const char *u = strchr(id, '_'); u; u = strchr(u + 1, '_'))
        if ((u[1] >= 'a' && u[1] <= 'z') || (u[1] >= 'A' && u[1] <= 'Z'))
            return ju_arena_strndup(a, id, (size_t)(u - id));
    return id;
}

const char *ju_wb_qtitle(ju_arena *a, const ju_question *q)
{
    return WBF(a, "question_title", "id", ju_wb_display_id(a, q->id), "label", q->label);
}

const char *ju_wb_base_text(ju_arena *a, const ju_form *f, const ju_question *q)
{
    /* the base's name only: its definition, in words, is on the 集計条件 sheet */
    return WBF(a, "base_note", "label", f->bases[q->base].label);
}

/* one condition of a base, in words: Q1（実施状況）が「実施している」 */
static const char *condition_words(ju_arena *a, const ju_form *f, const ju_cond *c)
{
    if (c->op == JU_COND_ALL || c->question < 0 || (size_t)c->question >= f->nquestions)
        return WB("def_all");
    const ju_question *q = &f->questions[c->question];
    const char *who = WBF(a, "def_question", "id", ju_wb_display_id(a, q->id), "label",
                          q->short_label ? q->short_label : q->label);
    bool year = q->type == JU_QT_YEAR;
    const char *v0 = c->nvalues ? (year ? ju_wareki(a, c->values[0]) : ju_arena_printf(a, "%lld", c->values[0])) : "";
    switch (c->op) {
    case JU_COND_ALL: break;
    case JU_COND_ANSWERED: return WBF(a, "def_answered", "question", who);
    case JU_COND_NOT_COUNTED: return WBF(a, "def_not_counted", "question", who);
    case JU_COND_LE: return WBF(a, year ? "def_le_year" : "def_le", "question", who, "value", v0);
    case JU_COND_GE: return WBF(a, year ? "def_ge_year" : "def_ge", "question", who, "value", v0);
    case JU_COND_LT: return WBF(a, year ? "def_lt_year" : "def_lt", "question", who, "value", v0);
    case JU_COND_GT: return WBF(a, year ? "def_gt_year" : "def_gt", "question", who, "value", v0);
    case JU_COND_IN: break;
    }
    if (c->option >= 0) { /* a multi option ticked (or not) */
        const char *label = "";
        for (size_t k = 0; k < q->nchoices; k++)
            if (q->choices[k].value == c->option)
                label = q->choices[k].label;
        bool ticked = c->nvalues && c->values[0] != 0;
        return WBF(a, ticked ? "def_option" : "def_option_not", "question", who, "choice", label);
    }
    ju_strbuf vs;
    ju_strbuf_init(&vs, a);
    for (size_t i = 0; i < c->nvalues; i++) {
        int k = q->type == JU_QT_SINGLE ? ju_question_choice(q, c->values[i]) : -1;
        const char *label = k >= 0 ? q->choices[k].label
                          : year ? ju_wareki(a, c->values[i]) : ju_arena_printf(a, "%lld", c->values[i]);
        if (i)
            ju_strbuf_add(&vs, WB("def_or_value"));
        ju_strbuf_add(&vs, WBF(a, "def_value", "value", label));
    }
    return WBF(a, "def_in", "question", who, "values", ju_strbuf_str(&vs));
}

const char *ju_wb_definition(ju_arena *a, const ju_form *f, const ju_base *b)
{
    ju_strbuf out;
    ju_strbuf_init(&out, a);
    for (size_t t = 0; t < b->nterms; t++) {
        if (t)
            ju_strbuf_add(&out, WB("def_or"));
        for (size_t i = 0; i < b->terms[t].n; i++) {
            if (i)
                ju_strbuf_add(&out, WB("def_and"));
            ju_strbuf_add(&out, condition_words(a, f, &b->terms[t].conds[i]));
        }
    }
    return out.n ? ju_strbuf_str(&out) : WB("def_all");
}

const ju_table *ju_wb_find(const ju_tables *T, const char *form, const char *question, long long segment)
{
    const ju_codebook *cb = T->data->codebook;
    for (size_t i = 0; i < T->n; i++) {
        const ju_table *t = &T->tables[i];
        if (t->segment != segment)
            continue;
        const ju_form *f = &cb->forms[t->form];
        if (strcmp(f->id, form) == 0 && strcmp(f->questions[t->question].id, question) == 0)
            return t;
    }
    return NULL;
}


bool ju_wb_is_tabulated(ju_qtype t)
{
    return t == JU_QT_SINGLE || t == JU_QT_MULTI || t == JU_QT_COUNT || t == JU_QT_YEAR;
}

/* ---------------------------------------------------------------- layout */

static ju_wb_section *section_for(ju_arena *a, ju_wb_layout *L, const char *name, const char *title)
{
    for (size_t i = 0; i < L->n; i++)
        if (strcmp(L->sections[i].name, name) == 0)
            return &L->sections[i];
    ju_wb_section s = {name, title && *title ? title : name, NULL, 0, 0};
    JU_PUSH(a, L->sections, L->n, L->cap, s);
    return &L->sections[L->n - 1];
}

static void add_item(ju_arena *a, ju_wb_section *s, int form, int question, int by)
{
    ju_wb_item it = {form, question, by, NULL, 0};
    JU_PUSH(a, s->items, s->n, s->cap, it);
}

/* appends `name` to a list shown in one warning (the first LIST_MAX) */
static void list_add(ju_arena *a, const char **list, size_t *n, const char *name)
{
    if (*n < LIST_MAX)
        *list = *n ? ju_arena_printf(a, "%s, %s", *list, name) : name;
    else if (*n == LIST_MAX)
        *list = ju_arena_printf(a, "%s, …", *list);
    (*n)++;
}

/* the question an item of `questions =` names: "Q1", "council.S1" (a form
 * prefix, as conditions write it); -1 (and *fi -1 for an unknown form) if none */
static int item_question(const ju_codebook *cb, const char *item, int *fi, const char **qid)
{
    *fi = 0;
    *qid = item;
    const char *dot = strchr(item, '.');
    if (dot) {
        *fi = -1;
        for (size_t i = 0; i < cb->nforms; i++)
            if (strlen(cb->forms[i].id) == (size_t)(dot - item) && strncmp(cb->forms[i].id, item, (size_t)(dot - item)) == 0)
                *fi = (int)i;
        *qid = dot + 1;
    }
    if (*fi < 0 || (size_t)*fi >= cb->nforms)
        return -1;
    return ju_form_question(&cb->forms[*fi], *qid);
}

typedef struct {
    ju_arena *a;
    ju_diags *d;
    const char *path;
    const ju_codebook *cb;
    ju_wb_layout *L;
    bool **placed;
    int **placed_line; /* per form: the line that placed each question, for messages */
} layout_reader;

/* each item of `e` ("Q1; council.S1; Q27 by Q27_cat"): placed on `sec`,
 * or (sec NULL) left out on purpose */
static void read_items(layout_reader *R, const ju_inisection *s, const ju_inientry *e, ju_wb_section *sec)
{
    ju_arena *a = R->a;
    for (const char *v = e->value; *v;) {
        size_t len = strcspn(v, ";");
        size_t lead = strspn(v, " \t");
        const char *item = ju_trim(a, ju_arena_strndup(a, v, len));
        int line, col;
        ju_ini_pos(e, (size_t)(v + lead - e->value), &line, &col);
        v += len + (v[len] == ';');
        if (!*item)
            continue;
        const char *by = NULL;
        const char *sp = strstr(item, " by ");
        if (sp) {
            by = ju_trim(a, sp + 4);
            item = ju_trim(a, ju_arena_strndup(a, item, (size_t)(sp - item)));
        }
        int fi;
        const char *qid;
        int qi = item_question(R->cb, item, &fi, &qid);
        if (qi < 0) {
            ju_diag_add(R->d, JU_SEV_ERROR, R->path, line, col, _("[%s] %s: %s is not a question of the %d codebook (%s)"),
                        s->name, e->key, ju_visible(a, item, 60), R->cb->year, R->cb->dir);
            continue;
        }
        const ju_form *f = &R->cb->forms[fi];
        const ju_question *q = &f->questions[qi];
        if (R->placed[fi][qi]) {
            ju_diag_add(R->d, JU_SEV_ERROR, R->path, line, col, _("[%s] %s: %s.%s is placed twice (also on line %d)"),
                        s->name, e->key, f->id, qid, R->placed_line[fi][qi]);
            continue;
        }
        R->placed[fi][qi] = true;
        R->placed_line[fi][qi] = line;
        if (!sec)
            continue;
        if (q->type == JU_QT_CODE || q->type == JU_QT_NAME) {
            ju_diag_add(R->d, JU_SEV_ERROR, R->path, line, col,
                        q->type == JU_QT_CODE ? _("[%s] %s: %s.%s is the respondent's code, not a question to tabulate")
                                              : _("[%s] %s: %s.%s is the respondent's name, not a question to tabulate"),
                        s->name, e->key, f->id, qid);
            continue;
        }
        int bi = -1;
        if (by) {
            bi = ju_form_question(f, by);
            if (bi < 0 || f->questions[bi].type != JU_QT_SINGLE || q->type != JU_QT_TEXT) {
                ju_diag_add(R->d, JU_SEV_ERROR, R->path, line, col,
                            _("[%s] %s: '%s by %s': a text question is grouped by a single-choice question of its form"),
                            s->name, e->key, ju_visible(a, item, 40), ju_visible(a, by, 40));
                continue;
            }
        }
        add_item(a, sec, fi, qi, bi);
    }
}

/* Reads workbook.ini for the current codebook: each [section] is a sheet
 * (its name), with `title` and `questions`; `leave_out` before the first
 * section lists questions kept off every sheet on purpose. */
ju_status ju_wb_layout_load(ju_arena *a, ju_diags *d, const char *templates, const ju_facts *facts,
                            ju_wb_layout *L)
{
    const ju_codebook *cb = facts->results->codebook;
    memset(L, 0, sizeof *L);
    const char *path = ju_arena_printf(a, "%s/%s", templates, JU_WORKBOOK_LAYOUT);
    layout_reader R = {a, d, path, cb, L, NULL, NULL};
    R.placed = ju_arena_array(a, cb->nforms ? cb->nforms : 1, sizeof *R.placed);
    R.placed_line = ju_arena_array(a, cb->nforms ? cb->nforms : 1, sizeof *R.placed_line);
    for (size_t fi = 0; fi < cb->nforms; fi++) {
        R.placed[fi] = ju_arena_array(a, cb->forms[fi].nquestions + 1, sizeof **R.placed);
        R.placed_line[fi] = ju_arena_array(a, cb->forms[fi].nquestions + 1, sizeof **R.placed_line);
    }
    size_t before = d->errors;
    struct stat sb;
    bool absent = stat(path, &sb) != 0 && errno == ENOENT;
    if (absent) {
        ju_diag_add(d, JU_SEV_WARNING, path, 0, 0, _("there is no workbook layout; every question is put on sheet %s"),
                    OTHER_SHEET);
    } else {
        ju_ini ini;
        ju_status st = ju_ini_read(a, d, path, _("workbook layout"), _("write a [sheet] with title and questions"), &ini);
        if (st != JU_OK)
            return st;
        for (size_t i = 0; i < ini.n; i++) {
            const ju_inisection *s = &ini.sections[i];
            ju_wb_section *sec = NULL;
            if (s->name[0]) {
                const char *clean = clean_sheet_name(a, s->name);
                if (strcmp(clean, s->name) != 0)
                    ju_diag_add(d, JU_SEV_ERROR, path, s->line, s->col,
                                _("[%s] is not a sheet name Excel takes (at most 31 characters, none of []:*?/\\)"),
                                ju_visible(a, s->name, 40));
                /* the title, its placeholders filled as in every template */
                const char *title = NULL;
                for (size_t k = 0; k < s->n; k++)
                    if (strcmp(s->entries[k].key, "title") == 0) {
                        ju_textpos pos = {path, &s->entries[k], ju_arena_printf(a, "[%s] title", s->name)};
                        title = ju_fill(a, d, facts, &pos);
                    }
                sec = section_for(a, L, clean, title);
            }
            for (size_t k = 0; k < s->n; k++) {
                const ju_inientry *e = &s->entries[k];
                if (!s->name[0] && strcmp(e->key, "leave_out") == 0)
                    read_items(&R, s, e, NULL);
                else if (s->name[0] && strcmp(e->key, "questions") == 0)
                    read_items(&R, s, e, sec);
                else if (s->name[0] && strcmp(e->key, "title") != 0)
                    ju_diag_add(d, JU_SEV_ERROR, path, e->line, e->key_col,
                                _("[%s] '%s' is not a key of a sheet (title, questions)"), s->name,
                                ju_visible(a, e->key, 40));
                else if (!s->name[0])
                    ju_diag_add(d, JU_SEV_ERROR, path, e->line, e->key_col,
                                _("'%s' is not a key before the sheets (leave_out)"), ju_visible(a, e->key, 40));
            }
        }
    }
    if (d->errors > before)
        return JU_ERR_CONFIG;

    /* questions the layout does not place: on a sheet of their own */
    const char *unplaced = "";
    size_t nunplaced = 0;
    for (size_t fi = 0; fi < cb->nforms; fi++) {
        const ju_form *f = &cb->forms[fi];
        for (size_t qi = 0; qi < f->nquestions; qi++) {
            const ju_question *q = &f->questions[qi];
            if (R.placed[fi][qi] || q->type == JU_QT_CODE || q->type == JU_QT_NAME)
                continue;
            list_add(a, &unplaced, &nunplaced, ju_arena_printf(a, "%s.%s", f->id, q->id));
            add_item(a, section_for(a, L, OTHER_SHEET, OTHER_SHEET), (int)fi, (int)qi, -1);
        }
    }
    if (nunplaced && !absent)
        ju_diag_add(d, JU_SEV_WARNING, path, 0, 0,
                    ngettext("%zu question of the codebook is on no sheet; put on sheet %s: %s",
                             "%zu questions of the codebook are on no sheet; put on sheet %s: %s", nunplaced),
                    nunplaced, OTHER_SHEET, unplaced);
    return JU_OK;
}

ju_wb_layout *ju_workbook_layout(ju_arena *a, ju_diags *d, const char *templates, const ju_facts *facts,
                                 ju_status *st)
{
    ju_wb_layout *layout = ju_arena_alloc(a, sizeof *layout);
    *st = ju_wb_layout_load(a, d, templates, facts, layout);
    return *st == JU_OK ? layout : NULL;
}

/* ---------------------------------------------------------------- entry point */

/* a file name part: no path separators or characters Windows refuses */
static const char *file_part(ju_arena *a, const char *s)
{
    char *out = ju_arena_strdup(a, ju_wb_utf8(a, s));
    for (char *p = out; *p; p++)
        if ((unsigned char)*p < 0x20 || ((unsigned char)*p < 0x80 && strchr("/\\:*?\"<>|", *p)))
            *p = '_';
    return out;
}

static bool answered_any(const ju_results *r, int m)
{
    for (size_t fi = 0; fi < r->nforms; fi++)
        if (ju_results_row(r, (int)fi, m))
            return true;
    return false;
}

const char *ju_workbook_summary_path(ju_arena *a, const char *dir, const ju_wb_run *run)
{
    return ju_arena_printf(a, "%s/%s.xlsx", dir, WBF(a, "file", "wareki", ju_wareki(a, run->cur->survey->year)));
}

ju_status ju_workbook_summary(ju_arena *a, ju_diags *d, ju_wb_layout *layout, const char *dir, const ju_wb_run *run)
{
    return ju_wb_write_summary(a, d, run, layout, ju_workbook_summary_path(a, dir, run));
}

ju_status ju_workbook_folder(ju_arena *a, ju_diags *d, const char *dir)
{
    return ju_mkdirs(a, d, ju_arena_printf(a, "%s/municipalities", dir));
}

bool ju_workbook_has(const ju_wb_run *run, int m)
{
    return answered_any(run->cur, m);
}

const char *ju_workbook_municipality_path(ju_arena *a, const char *dir, const ju_wb_run *run, int m)
{
    const ju_master *master = run->cur->master;
    return ju_arena_printf(a, "%s/municipalities/%s_%s.xlsx", dir, file_part(a, master->items[m].code),
                           file_part(a, master->items[m].name));
}

ju_status ju_workbook_municipality(ju_arena *a, ju_diags *d, const char *dir, const ju_wb_run *run, int m)
{
    return ju_wb_write_municipality(a, d, run, m, ju_workbook_municipality_path(a, dir, run, m));
}
