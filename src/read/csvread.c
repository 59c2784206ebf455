/* csvread.c — libcsv with positions; see csvread.h. */
#include "csvread.h"

#include <csv.h>
#include <stdio.h>
#include <string.h>

#include "charclass.h"
#include "guard.h"

typedef struct {
    ju_arena *a;
    ju_diags *d;
    const char *path;
    char *text;
    /* the byte being fed, and where the byte after it is */
    size_t pos;
    int next_line, next_col;
    /* the cell being read */
    size_t field_start;
    int field_line, field_col;
    bool row_start; /* the next byte begins a new row (skip line ends) */
    /* the row being read: a block that grows and is reused for every row */
    void **cells_block;
    size_t ncells, capcells;
    ju_row header;
    bool have_header;
    size_t nrows; /* rows after the header */
    ju_csv_row_fn fn;
    void *ctx;
    bool stop;    /* fn asked to stop */
    bool failed;  /* a limit was passed (the diagnostic is added) */
    bool bad_text; /* a character the text rule refuses (charclass.h) */
} parse_state;

static ju_cell *cells(parse_state *p)
{
    return *p->cells_block;
}


static void on_field(void *s, size_t len, void *data)
{
    parse_state *p = data;
    if (p->failed || p->stop)
        return;
    if (len > JU_MAX_CELL_BYTES) {
        ju_diag_add(p->d, JU_SEV_ERROR, p->path, p->field_line, p->field_col,
                    _("this cell holds %zu bytes; a cell may hold at most %d (1 MB)"), len, JU_MAX_CELL_BYTES);
        p->failed = true;
        return;
    }
    if (p->ncells == JU_MAX_COLUMNS) {
        ju_diag_add(p->d, JU_SEV_ERROR, p->path, p->field_line, p->field_col,
                    _("this row has more than %d cells; a row may have at most %d"), JU_MAX_COLUMNS, JU_MAX_COLUMNS);
        p->failed = true;
        return;
    }
    if (p->ncells == p->capcells) {
        size_t cap = p->capcells ? p->capcells * 2 : 64;
        *p->cells_block = ju_realloc(p->a, *p->cells_block, cap * sizeof(ju_cell));
        p->capcells = cap;
    }
    /* the unescaped cell is never longer than its bytes in the file, and the
     * delimiter after them has been fed: write it back in place */
    char *t = p->text + p->field_start;
    if (len)
        memmove(t, s, len);
    t[len] = '\0';
    cells(p)[p->ncells++] = (ju_cell){t, p->field_line, p->field_col};
    p->field_start = p->pos + 1;
    p->field_line = p->next_line;
    p->field_col = p->next_col;
}

static void on_row(int term, void *data)
{
    (void)term;
    parse_state *p = data;
    if (p->failed || p->stop)
        return;
    ju_row r = {cells(p), p->ncells};
    if (!p->have_header) {
        p->header.cells = ju_arena_array(p->a, r.n, sizeof *r.cells);
        memcpy(p->header.cells, r.cells, r.n * sizeof *r.cells);
        p->header.n = r.n;
        p->have_header = true;
    } else if (p->nrows == JU_MAX_ROWS) {
        ju_diag_add(p->d, JU_SEV_ERROR, p->path, r.n ? r.cells[0].line : p->field_line, 0,
                    _("the file has more than %d rows after the header; a file may have at most %d"), JU_MAX_ROWS,
                    JU_MAX_ROWS);
        p->failed = true;
    } else {
        p->nrows++;
        if (!p->fn(p->ctx, &p->header, &r))
            p->stop = true;
    }
    p->ncells = 0;
    p->field_start = p->pos + 1;
    p->field_line = p->next_line;
    p->field_col = p->next_col;
    p->row_start = true;
}

/* keep cells verbatim: libcsv would otherwise trim spaces and tabs */
static int no_space(unsigned char c)
{
    (void)c;
    return 0;
}

/* libcsv's buffer grows through the arena's allocator (and fault switch) */
static _Thread_local ju_arena *csv_arena;

static void *csv_realloc(void *p, size_t n)
{
    return ju_realloc(csv_arena, p, n);
}

static void release_parser(void *p)
{
    csv_free(p);
}

/* how a quoting error names the cell being read: its column's header */
static const char *cell_name(const parse_state *st, ju_csv_namer namer, void *ctx)
{
    if (!st->have_header || st->ncells >= st->header.n)
        return NULL;
    const char *header = st->header.cells[st->ncells].text;
    const char *name = namer ? namer(ctx, st->a, header) : NULL;
    return name ? name : ju_arena_printf(st->a, "column '%s'", ju_visible(st->a, header, 40));
}

/* the text rule (charclass.h) for the character at byte i, at line:col of
 * the cell being read */
static void check_char(parse_state *st, ju_csv_namer namer, void *namer_ctx, size_t i, size_t len, int line, int col)
{
    unsigned cp;
    int n;
    ju_charclass c = ju_char_class((const unsigned char *)st->text + i, len - i, &cp, &n);
    if (c == JU_CH_PLAIN)
        return;
    ju_severity sev = ju_char_is_error(c) ? JU_SEV_ERROR : JU_SEV_WARNING;
    const char *name = ju_diags_file_quiet(st->d, st->path, sev) ? NULL : cell_name(st, namer, namer_ctx);
    st->bad_text |= ju_char_report(st->d, st->path, line, col, name ? ju_arena_printf(st->a, "%s: ", name) : "", c, cp);
}

ju_status ju_csv_scan(ju_arena *a, ju_diags *d, ju_source *src, ju_csv_namer namer, void *namer_ctx,
                      ju_csv_row_fn fn, void *ctx, ju_row *header)
{
    memset(header, 0, sizeof *header);
    const char *path = src->path;
    if (ju_source_blank(src)) {
        ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, _("the file is empty (no header row)"));
        return JU_ERR_DATA;
    }
    char *text = src->text;
    size_t len = src->len;

    struct csv_parser cp;
    if (csv_init(&cp, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, _("cannot start the CSV parser"));
        return JU_ERR_NOMEM;
    }
    csv_arena = a;
    csv_set_realloc_func(&cp, csv_realloc);
    csv_set_free_func(&cp, ju_free);
    csv_set_space_func(&cp, no_space);
    int g = ju_guard(release_parser, &cp);
    parse_state st = {.a = a, .d = d, .path = path, .text = text, .row_start = true, .cells_block = ju_arena_slot(a),
                      .fn = fn, .ctx = ctx, .field_line = 1, .field_col = 1};
    ju_status status = JU_OK;
    int line = 1, col = 1; /* of byte i */
    for (size_t i = 0; i < len && !st.failed && !st.stop; i++) {
        unsigned char c = (unsigned char)text[i];
        st.pos = i;
        if (c == '\n' || (c == '\r' && text[i + 1] != '\n')) {
            st.next_line = line + 1;
            st.next_col = 1;
        } else {
            st.next_line = line;
            st.next_col = col + (c != '\r' && ((unsigned char)text[i + 1] & 0xC0) != 0x80);
        }
        if (st.row_start) {
            if (c == '\r' || c == '\n') {
                st.field_start = i + 1;
                st.field_line = st.next_line;
                st.field_col = st.next_col;
            } else {
                st.row_start = false;
                st.field_start = i;
                st.field_line = line;
                st.field_col = col;
            }
        }
        if (ju_char_may_need_class(c) && c != '\n' && c != '\r' && c != '\t')
            check_char(&st, namer, namer_ctx, i, len, line, col);
        if (csv_parse(&cp, text + i, 1, on_field, on_row, &st) != 1) {
            const char *name = cell_name(&st, namer, namer_ctx);
            const char *prefix = name ? ju_arena_printf(a, "%s: ", name) : "";
            if (csv_error(&cp) != CSV_EPARSE)
                ju_diag_add(d, JU_SEV_ERROR, path, st.field_line, st.field_col, _("%sCSV parser: %s"), prefix,
                            csv_strerror(csv_error(&cp)));
            else if (text[st.field_start] == '"' && line > st.field_line)
                /* a quoted cell ran over line ends until some later quote: its own closing quote is missing */
                ju_diag_add(d, JU_SEV_ERROR, path, st.field_line, st.field_col,
                            _("%storn quote: this quoted cell is never closed (a '\"' is missing)"), prefix);
            else
                ju_diag_add(d, JU_SEV_ERROR, path, st.field_line, st.field_col,
                            _("%smisplaced quote: a cell that is not quoted contains '\"', or text follows a closing quote"),
                            prefix);
            status = JU_ERR_DATA;
            break;
        }
        line = st.next_line;
        col = st.next_col;
    }
    if (status == JU_OK && !st.failed && !st.stop) {
        st.pos = len;
        if (csv_fini(&cp, on_field, on_row, &st) != 0) {
            const char *name = cell_name(&st, namer, namer_ctx);
            ju_diag_add(d, JU_SEV_ERROR, path, st.field_line, st.field_col,
                        _("%storn quote: this quoted cell is never closed (a '\"' is missing)"),
                        name ? ju_arena_printf(a, "%s: ", name) : "");
            status = JU_ERR_DATA;
        }
    }
    ju_unguard(g);
    csv_free(&cp);
    ju_free(*st.cells_block);
    *st.cells_block = NULL;
    if (st.failed || st.bad_text)
        status = JU_ERR_DATA;
    *header = st.header;
    return status;
}

/* --- whole files ------------------------------------------------------- */

typedef struct {
    ju_arena *a;
    void **rows_block;
    size_t n, cap;
} keep_state;

static bool keep_row(void *ctx, const ju_row *header, const ju_row *row)
{
    (void)header;
    keep_state *k = ctx;
    if (k->n == k->cap) {
        k->cap = k->cap ? k->cap * 2 : 64;
        *k->rows_block = ju_realloc(k->a, *k->rows_block, k->cap * sizeof(ju_row));
    }
    ju_row copy = {ju_arena_array(k->a, row->n, sizeof(ju_cell)), row->n};
    memcpy(copy.cells, row->cells, row->n * sizeof(ju_cell));
    ((ju_row *)*k->rows_block)[k->n++] = copy;
    return true;
}

static ju_status keep_all(ju_arena *a, ju_diags *d, ju_source *src, ju_csv *out)
{
    memset(out, 0, sizeof *out);
    out->path = src->path;
    out->encoding = src->encoding;
    keep_state k = {a, ju_arena_slot(a), 1, 1};
    *k.rows_block = ju_malloc(a, sizeof(ju_row));
    ju_row header;
    ju_status st = ju_csv_scan(a, d, src, NULL, NULL, keep_row, &k, &header);
    if (st != JU_OK) {
        ju_free(*k.rows_block);
        *k.rows_block = NULL;
        return st;
    }
    out->rows = ju_arena_array(a, k.n, sizeof(ju_row));
    memcpy(out->rows, *k.rows_block, k.n * sizeof(ju_row));
    out->rows[0] = header;
    out->nrows = k.n;
    ju_free(*k.rows_block);
    *k.rows_block = NULL;
    return JU_OK;
}

ju_status ju_csv_read(ju_arena *a, ju_diags *d, const char *path, ju_csv *out)
{
    memset(out, 0, sizeof *out);
    out->path = path;
    ju_source src;
    ju_status st = ju_source_read(a, d, path, &src);
    if (st != JU_OK)
        return st;
    return keep_all(a, d, &src, out);
}

ju_status ju_csv_parse(ju_arena *a, ju_diags *d, const char *path, const unsigned char *bytes, size_t n,
                       ju_csv *out)
{
    memset(out, 0, sizeof *out);
    out->path = path;
    ju_source src;
    ju_status st = ju_source_decode(a, d, path, bytes, n, &src);
    if (st != JU_OK)
        return st;
    return keep_all(a, d, &src, out);
}

int ju_csv_column(const ju_csv *c, const char *name)
{
    if (c->nrows == 0)
        return -1;
    size_t want = strlen(name);
    for (size_t i = 0; i < c->rows[0].n; i++) {
        size_t n;
        const char *t = ju_trim_span(c->rows[0].cells[i].text, &n);
        if (n == want && memcmp(t, name, n) == 0)
            return (int)i;
    }
    return -1;
}

const char *ju_csv_get(const ju_csv *c, size_t r, int col)
{
    if (col < 0 || r >= c->nrows || (size_t)col >= c->rows[r].n)
        return "";
    return c->rows[r].cells[col].text;
}

void ju_csv_cell_pos(const ju_csv *c, size_t r, int col, int *line, int *column)
{
    *line = *column = 0;
    if (r >= c->nrows || c->rows[r].n == 0)
        return;
    const ju_cell *cell = col >= 0 && (size_t)col < c->rows[r].n ? &c->rows[r].cells[col] : &c->rows[r].cells[0];
    *line = cell->line;
    *column = cell->col;
}

bool ju_csv_require(ju_diags *d, const ju_csv *c, const char *const *names, int *cols)
{
    bool ok = true;
    for (size_t i = 0; names[i]; i++) {
        cols[i] = ju_csv_column(c, names[i]);
        if (cols[i] < 0) {
            ju_diag_add(d, JU_SEV_ERROR, c->path, 1, 0, _("missing column '%s'"), names[i]);
            ok = false;
        }
    }
    return ok;
}
