/* csvread.h — CSV files to rows of cells with positions (libcsv).
 *
 * The only module that includes csv.h. A file is read whole, decoded
 * (text.h), and parsed with libcsv in strict mode, one byte at a time so that
 * every cell knows the byte offset where it starts (libcsv reports no
 * positions). Cells are kept verbatim, NUL-terminated, in the arena. */
#ifndef JU_CSVREAD_H
#define JU_CSVREAD_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "status.h"
#include "text.h"

typedef struct {
    const char *text;
    size_t offset; /* where the cell starts in the decoded text */
} ju_cell;

typedef struct {
    ju_cell *cells;
    size_t n;
} ju_row;

typedef struct {
    const char *path; /* as the user named it, for diagnostics */
    ju_encoding encoding;
    ju_lines lines;
    ju_row *rows; /* rows[0] is the header */
    size_t nrows;
} ju_csv;

/* A namer turns a header cell into how a quoting error names its column
 * (e.g. "Q4_1 (評価指標の具体例)"); NULL gives "column 'Q4_1'". */
typedef const char *(*ju_csv_namer)(void *ctx, ju_arena *a, const char *header);

/* ju_csv_read() reads, decodes and parses the file at `path`. A missing or
 * unreadable file gives JU_ERR_IO; an empty, undecodable or badly quoted file
 * gives JU_ERR_DATA; both add a diagnostic. */
ju_status ju_csv_read(ju_arena *a, ju_diags *d, const char *path, ju_csv *out);

/* ju_csv_read_named() is ju_csv_read() with a namer for quoting errors. */
ju_status ju_csv_read_named(ju_arena *a, ju_diags *d, const char *path, ju_csv_namer namer, void *ctx,
                            ju_csv *out);

/* ju_csv_parse() does the same for bytes already in memory; `path` only names
 * them in diagnostics. */
ju_status ju_csv_parse(ju_arena *a, ju_diags *d, const char *path, const unsigned char *bytes,
                       size_t n, ju_csv_namer namer, void *ctx, ju_csv *out);

/* ju_csv_pos() turns a cell's offset into a 1-based line and column. */
void ju_csv_pos(const ju_csv *c, size_t offset, int *line, int *col);



/* ju_csv_column() is the index of the header cell named `name` (after
 * trimming), or -1. */
int ju_csv_column(ju_arena *a, const ju_csv *c, const char *name);

/* ju_csv_get() is row r's cell at column `col`, or "" when the row is short
 * or col < 0. */
const char *ju_csv_get(const ju_csv *c, size_t r, int col);

/* ju_csv_require() looks up every column of `names` (NULL-terminated) and
 * stores the indexes in `cols`. A missing column is an error at the header
 * row; the result is false if any is missing. Used for the project's own
 * tables (codebook, master list), whose columns are fixed. */
bool ju_csv_require(ju_arena *a, ju_diags *d, const ju_csv *c, const char *const *names, int *cols);
#endif
