/* text.h — bytes to UTF-8 text, positions, and the cell-level normalisations
 * the questionnaire allows (full-width digits, thousands separators, ○ flags).
 *
 * Files are decoded whole before they are parsed, so every position the
 * program reports is a byte offset into the decoded UTF-8 text, turned into
 * a 1-based line and column (in characters) only when reported. Lines are
 * physical lines: a quoted cell with a line break spans two. */
#ifndef JU_TEXT_H
#define JU_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"

typedef enum { JU_ENC_UTF8, JU_ENC_UTF8_BOM, JU_ENC_CP932 } ju_encoding;

/* ju_encoding_name() is how check.txt names an encoding ("UTF-8", "UTF-8 (BOM)", "CP932"). */
const char *ju_encoding_name(ju_encoding e);

/* ju_decode() turns the raw bytes of `file` into NUL-terminated UTF-8 owned
 * by the arena. Detection: a UTF-8 BOM means UTF-8; otherwise valid UTF-8 is
 * UTF-8; otherwise CP932 (Windows-31J), unless the bytes look like damaged
 * UTF-8 (a sequence cut at the end of the file, or more valid multi-byte UTF-8
 * sequences than invalid bytes). An undecodable file gets an error at the
 * first bad byte and NULL is returned. */
char *ju_decode(ju_arena *a, ju_diags *d, const char *file, const unsigned char *bytes, size_t n,
                size_t *out_len, ju_encoding *enc);

/* ju_utf8_valid() is true when s[0..n) is well-formed UTF-8. */
bool ju_utf8_valid(const unsigned char *s, size_t n);

/* Line index of a text, for turning byte offsets into line:col. */
typedef struct {
    const char *text;
    size_t len;
    size_t *starts; /* byte offset of each line's first byte */
    size_t n;
} ju_lines;

/* ju_lines_index() indexes the line starts of `text` (LF, CRLF or lone CR). */
void ju_lines_index(ju_lines *l, ju_arena *a, const char *text, size_t len);

/* ju_lines_pos() gives the 1-based line and column (in characters) of `offset`. */
void ju_lines_pos(const ju_lines *l, size_t offset, int *line, int *col);

/* ju_trim() returns a copy of `s` without leading/trailing ASCII white space
 * and ideographic spaces (U+3000). */
char *ju_trim(ju_arena *a, const char *s);

/* ju_fold_digits() returns a copy of `s` with full-width digits, signs,
 * commas and periods folded to ASCII; other characters are kept. */
char *ju_fold_digits(ju_arena *a, const char *s);

/* Result of reading a count cell. */
typedef enum {
    JU_NUM_BLANK,     /* empty (after trimming) */
    JU_NUM_OK,        /* a non-negative integer */
    JU_NUM_NEGATIVE,  /* a negative integer */
    JU_NUM_FRACTION,  /* a number with a fractional part */
    JU_NUM_GROUPING,  /* thousands separators in the wrong places */
    JU_NUM_TOO_LARGE, /* beyond 10^15 */
    JU_NUM_NOT_NUMBER /* anything else */
} ju_num;

/* ju_parse_count() reads a count: ASCII or full-width digits, optionally with
 * thousands separators (1,527 / １，５２７) in the right places. */
ju_num ju_parse_count(ju_arena *a, const char *cell, long long *out);

/* ju_parse_int() reads a plain integer (single-choice code, year): digits
 * only, ASCII or full-width, with an optional minus sign. */
ju_num ju_parse_int(ju_arena *a, const char *cell, long long *out);

/* ju_parse_flag() reads a multiple-choice or not-counted flag cell:
 * 1 for "1" or ○ (also ◯ 〇 and full-width １), 0 for "0" or blank, -1 otherwise. */
int ju_parse_flag(ju_arena *a, const char *cell);

/* ju_is_blank() is true when the cell holds only white space. */
bool ju_is_blank(const char *s);

/* ju_read_file() reads a whole file into the arena, NUL-terminated (its
 * length in *n when n is not NULL); NULL when it cannot be opened or read,
 * with errno set. */
char *ju_read_file(ju_arena *a, const char *path, size_t *n);

/* The packaged libinih reads lines of at most JU_INI_MAX_LINE bytes and
 * silently cuts longer ones in two. ju_long_lines() reports every longer line
 * of an .ini text as an error (long values continue on indented lines) and
 * returns how many there were. */
enum { JU_INI_MAX_LINE = 198 };
int ju_long_lines(ju_diags *d, const char *path, const char *text);

#endif
