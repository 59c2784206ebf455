/* csvread.h — CSV files to rows of cells with positions (libcsv).
 *
 * The only module that includes csv.h. A file is read whole and decoded
 * (source.h), then parsed with libcsv in strict mode, one byte at a time so
 * that every cell knows the physical line and character column where it
 * starts (libcsv reports no positions; they are counted as the bytes go by,
 * so finding a position never rescans a line). A cell's text is written back
 * unescaped over its own bytes of the decoded file, so cells cost no copy.
 *
 * Limits, each an error at its file:line:col: a cell of more than
 * JU_MAX_CELL_BYTES, a row of more than JU_MAX_COLUMNS cells, more than
 * JU_MAX_ROWS rows after the header. */
#ifndef JU_CSVREAD_H
#define JU_CSVREAD_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "source.h"
#include "status.h"

enum {
    JU_MAX_CELL_BYTES = 1024 * 1024,
    JU_MAX_COLUMNS = 1000000,
    JU_MAX_ROWS = 1000000,
};

typedef struct {
    char *text;    /* the cell, unescaped and NUL-terminated, inside the decoded file */
    int line, col; /* where it starts: 1-based physical line, column in characters */
} ju_cell;

typedef struct {
    ju_cell *cells;
    size_t n;
} ju_row;

typedef struct {
    const char *path; /* as the user named it, for diagnostics */
    ju_encoding encoding;
    ju_row *rows; /* rows[0] is the header */
    size_t nrows;
} ju_csv;

/* A namer turns a header cell into how a quoting error names its column
 * (e.g. "Q4_1 (評価指標の具体例)"); NULL gives "column 'Q4_1'". */
typedef const char *(*ju_csv_namer)(void *ctx, ju_arena *a, const char *header);

/* Called for every row after the header, in file order; `row` (and its
 * cells array, not the cells' text) is valid during the call only. Returning
 * false stops the scan (ju_csv_scan() then returns JU_OK). */
typedef bool (*ju_csv_row_fn)(void *ctx, const ju_row *header, const ju_row *row);

/* ju_csv_scan() parses a decoded file row by row: the header row is kept in
 * the arena (*header), data rows are handed to `fn` one at a time, so memory
 * does not hold every row's cells at once. A blank file, a quoting error or
 * a limit passed gives JU_ERR_DATA with a diagnostic. */
ju_status ju_csv_scan(ju_arena *a, ju_diags *d, ju_source *src, ju_csv_namer namer, void *namer_ctx,
                      ju_csv_row_fn fn, void *ctx, ju_row *header);

/* ju_csv_read() reads the file at `path` whole (ju_source_read() and every
 * row kept): for the small tables of the codebook, master list and layout.
 * Errors as ju_source_read() and ju_csv_scan(). */
ju_status ju_csv_read(ju_arena *a, ju_diags *d, const char *path, ju_csv *out);

/* ju_csv_parse() does the same for bytes already in memory; `path` only names
 * them in diagnostics. */
ju_status ju_csv_parse(ju_arena *a, ju_diags *d, const char *path, const unsigned char *bytes, size_t n,
                       ju_csv *out);

/* ju_csv_column() is the index of the header cell named `name` (after
 * trimming), or -1. */
int ju_csv_column(const ju_csv *c, const char *name);

/* ju_csv_get() is row r's cell at column `col`, or "" when the row is short
 * or col < 0. */
const char *ju_csv_get(const ju_csv *c, size_t r, int col);

/* ju_csv_cell_pos() is where row r's cell at `col` starts, or where the row
 * starts when the row is short or col < 0 (line 0 for no such row). */
void ju_csv_cell_pos(const ju_csv *c, size_t r, int col, int *line, int *column);

/* ju_csv_require() looks up every column of `names` (NULL-terminated) and
 * stores the indexes in `cols`. A missing column is an error at the header
 * row; the result is false if any is missing. Used for the project's own
 * tables (codebook, master list), whose columns are fixed. */
bool ju_csv_require(ju_diags *d, const ju_csv *c, const char *const *names, int *cols);

#endif
