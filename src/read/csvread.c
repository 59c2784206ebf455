/* csvread.c — libcsv with positions; see csvread.h. */
#include "csvread.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    ju_arena *a;
    size_t pos;         /* offset of the byte being fed */
    size_t field_start; /* offset where the current cell began */
    bool row_start;     /* the next byte begins a new row (skip line ends) */
    ju_cell *cells;
    size_t ncells, capcells;
    ju_row *rows;
    size_t nrows, caprows;
} parse_state;

static void on_field(void *s, size_t len, void *data)
{
    parse_state *p = data;
    ju_cell c = {ju_arena_strndup(p->a, s ? s : "", len), p->field_start};
    JU_PUSH(p->a, p->cells, p->ncells, p->capcells, c);
    p->field_start = p->pos + 1;
}

static void on_row(int term, void *data)
{
    (void)term;
    parse_state *p = data;
    ju_row r = {p->cells, p->ncells};
    JU_PUSH(p->a, p->rows, p->nrows, p->caprows, r);
    p->cells = NULL;
    p->ncells = p->capcells = 0;
    p->field_start = p->pos + 1;
    p->row_start = true;
}

/* keep cells verbatim: libcsv would otherwise trim spaces and tabs */
static int no_space(unsigned char c)
{
    (void)c;
    return 0;
}

void ju_csv_pos(const ju_csv *c, size_t offset, int *line, int *col)
{
    ju_lines_pos(&c->lines, offset, line, col);
}

/* how a quoting error names the cell being read: its column's header */
static const char *cell_name(const parse_state *st, ju_arena *a, ju_csv_namer namer, void *ctx)
{
    if (st->nrows == 0 || st->ncells >= st->rows[0].n)
        return NULL;
    const char *header = st->rows[0].cells[st->ncells].text;
    const char *name = namer ? namer(ctx, a, header) : NULL;
    return name ? name : ju_arena_printf(a, "column '%s'", header);
}

ju_status ju_csv_parse(ju_arena *a, ju_diags *d, const char *path, const unsigned char *bytes,
                       size_t n, ju_csv_namer namer, void *ctx, ju_csv *out)
{
    memset(out, 0, sizeof *out);
    out->path = path;
    size_t len;
    char *text = ju_decode(a, d, path, bytes, n, &len, &out->encoding);
    if (!text)
        return JU_ERR_DATA;
    ju_lines_index(&out->lines, a, text, len);
    if (ju_is_blank(text)) {
        ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, "the file is empty (no header row)");
        return JU_ERR_DATA;
    }

    struct csv_parser cp;
    if (csv_init(&cp, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, "cannot start the CSV parser");
        return JU_ERR_IO;
    }
    csv_set_space_func(&cp, no_space);
    parse_state st = {.a = a, .row_start = true};
    ju_status status = JU_OK;
    for (size_t i = 0; i < len; i++) {
        st.pos = i;
        if (st.row_start) {
            if (text[i] == '\r' || text[i] == '\n') {
                st.field_start = i + 1;
            } else {
                st.row_start = false;
                st.field_start = i;
            }
        }
        if (csv_parse(&cp, text + i, 1, on_field, on_row, &st) != 1) {
            int line, col, eline, ecol;
            ju_lines_pos(&out->lines, st.field_start, &line, &col);
            ju_lines_pos(&out->lines, i, &eline, &ecol);
            const char *name = cell_name(&st, a, namer, ctx);
            const char *prefix = name ? ju_arena_printf(a, "%s: ", name) : "";
            if (csv_error(&cp) != CSV_EPARSE)
                ju_diag_add(d, JU_SEV_ERROR, path, line, col, "%sCSV parser: %s", prefix,
                            csv_strerror(csv_error(&cp)));
            else if (text[st.field_start] == '"' && eline > line)
                /* a quoted cell ran over line ends until some later quote: its own closing quote is missing */
                ju_diag_add(d, JU_SEV_ERROR, path, line, col,
                            "%storn quote: this quoted cell is never closed (a '\"' is missing)", prefix);
            else
                ju_diag_add(d, JU_SEV_ERROR, path, line, col,
                            "%smisplaced quote: a cell that is not quoted contains '\"', or text follows a closing quote",
                            prefix);
            status = JU_ERR_DATA;
            break;
        }
    }
    if (status == JU_OK) {
        st.pos = len;
        if (csv_fini(&cp, on_field, on_row, &st) != 0) {
            int line, col;
            ju_lines_pos(&out->lines, st.field_start, &line, &col);
            const char *name = cell_name(&st, a, namer, ctx);
            ju_diag_add(d, JU_SEV_ERROR, path, line, col,
                        "%storn quote: this quoted cell is never closed (a '\"' is missing)",
                        name ? ju_arena_printf(a, "%s: ", name) : "");
            status = JU_ERR_DATA;
        }
    }
    csv_free(&cp);
    if (status != JU_OK)
        return status;
    out->rows = st.rows;
    out->nrows = st.nrows;
    return JU_OK;
}

ju_status ju_csv_read(ju_arena *a, ju_diags *d, const char *path, ju_csv *out)
{
    return ju_csv_read_named(a, d, path, NULL, NULL, out);
}

ju_status ju_csv_read_named(ju_arena *a, ju_diags *d, const char *path, ju_csv_namer namer, void *ctx,
                            ju_csv *out)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, "cannot open: %s", strerror(errno));
        return JU_ERR_IO;
    }
    size_t cap = 1 << 16, n = 0;
    unsigned char *buf = ju_arena_alloc(a, cap);
    for (;;) {
        if (n == cap) {
            buf = ju_arena_grow(a, buf, n, cap * 2, 1);
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    bool failed = ferror(f);
    fclose(f);
    if (failed) {
        ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, "cannot read: %s", strerror(errno));
        return JU_ERR_IO;
    }
    if (n == 0) {
        memset(out, 0, sizeof *out);
        ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, "the file is empty (no header row)");
        return JU_ERR_DATA;
    }
    return ju_csv_parse(a, d, path, buf, n, namer, ctx, out);
}

int ju_csv_column(ju_arena *a, const ju_csv *c, const char *name)
{
    if (c->nrows == 0)
        return -1;
    for (size_t i = 0; i < c->rows[0].n; i++)
        if (strcmp(ju_trim(a, c->rows[0].cells[i].text), name) == 0)
            return (int)i;
    return -1;
}

const char *ju_csv_get(const ju_csv *c, size_t r, int col)
{
    if (col < 0 || r >= c->nrows || (size_t)col >= c->rows[r].n)
        return "";
    return c->rows[r].cells[col].text;
}

bool ju_csv_require(ju_arena *a, ju_diags *d, const ju_csv *c, const char *const *names, int *cols)
{
    bool ok = true;
    for (size_t i = 0; names[i]; i++) {
        cols[i] = ju_csv_column(a, c, names[i]);
        if (cols[i] < 0) {
            ju_diag_add(d, JU_SEV_ERROR, c->path, 1, 0, "missing column '%s'", names[i]);
            ok = false;
        }
    }
    return ok;
}
