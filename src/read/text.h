/* text.h — bytes to UTF-8 text, positions, and the cell-level normalisations
 * the questionnaire allows (full-width digits, thousands separators, ○ flags).
 *
 * Files are decoded whole before they are parsed (source.h); positions are
 * 1-based physical lines (a quoted cell with a line break spans two) and
 * columns counted in characters. */
#ifndef JU_TEXT_H
#define JU_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"

typedef enum { JU_ENC_UTF8, JU_ENC_UTF8_BOM, JU_ENC_CP932 } ju_encoding;

/* ju_encoding_name() is how check.txt names an encoding ("UTF-8", "UTF-8 (BOM)", "CP932"). */
const char *ju_encoding_name(ju_encoding e);

/* ju_decode() decodes the n raw bytes of `file` in `bytes` (bytes[n] must be
 * writable). Detection: a UTF-8 BOM means UTF-8; otherwise valid UTF-8 is
 * UTF-8; otherwise CP932 (Windows-31J), unless the bytes look like damaged
 * UTF-8 (a sequence cut at the end of the file, or more valid multi-byte UTF-8
 * sequences than invalid bytes). UTF-8 is decoded in place: the result points
 * into `bytes` (past the BOM), NUL-terminated. CP932 is decoded into a new
 * block kept in `*block` (a ju_arena_slot; the caller may then free
 * `bytes`). A NUL byte or an undecodable file gets an error at the first bad
 * byte and NULL is returned. */
char *ju_decode(ju_arena *a, ju_diags *d, const char *file, unsigned char *bytes, size_t n, void **block,
                size_t *out_len, ju_encoding *enc);

/* ju_utf8_valid() is true when s[0..n) is well-formed UTF-8. */
bool ju_utf8_valid(const unsigned char *s, size_t n);

/* ju_trim() returns a copy of `s` without leading/trailing ASCII white space
 * and ideographic spaces (U+3000). */
char *ju_trim(ju_arena *a, const char *s);

/* ju_trim_span() is ju_trim() without a copy: the start of the trimmed text
 * in `s`, and its length in *len. */
const char *ju_trim_span(const char *s, size_t *len);

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
    JU_NUM_TOO_LARGE, /* beyond JU_MAX_COUNT */
    JU_NUM_NOT_NUMBER /* anything else */
} ju_num;

/* The largest count a cell may hold: with at most JU_MAX_ROWS respondents a
 * sum of counts stays below 10^18, inside a long long. */
#define JU_MAX_COUNT 1000000000000LL /* 10^12 */

/* ju_parse_count() reads a count: ASCII or full-width digits, optionally with
 * thousands separators (1,527 / １，５２７) in the right places, at most
 * JU_MAX_COUNT. The parse functions allocate nothing. */
ju_num ju_parse_count(const char *cell, long long *out);

/* ju_parse_int() reads a plain integer (single-choice code, year): digits
 * only, ASCII or full-width, with an optional minus sign, at most
 * JU_MAX_COUNT in size. */
ju_num ju_parse_int(const char *cell, long long *out);

/* ju_parse_flag() reads a multiple-choice or not-counted flag cell:
 * 1 for "1" or ○ (also ◯ 〇 and full-width １), 0 for "0" or blank, -1 otherwise. */
int ju_parse_flag(const char *cell);

/* Numbers of templates and tables written plainly, read strictly: nothing
 * but the number (no space, no '+', no hex, no exponent, no NaN or infinity),
 * and true only when it lies in [lo, hi].
 * ju_strict_long(): ASCII digits with an optional '-'.
 * ju_strict_real(): the same with an optional fraction (2, 0.5, -1.25).
 * ju_strict_rgb(): a colour, six hex digits after an optional '#'. */
bool ju_strict_long(const char *s, long lo, long hi, long *out);
bool ju_strict_real(const char *s, double lo, double hi, double *out);
bool ju_strict_rgb(const char *s, unsigned *rgb);

/* ju_is_blank() is true when the cell holds only white space. */
bool ju_is_blank(const char *s);

/* ju_typeset_japanese() gives data text the outputs' one typography: the
 * wave dash of a range is ～ (〜 U+301C, and an ASCII ~ next to a number,
 * a month or a bracket: 5~7月, (~11月)), and a pair of half-width ( ) around
 * Japanese text is （ ）. Other text is returned as it is. */
char *ju_typeset_japanese(ju_arena *a, const char *s);

/* ju_joined_lines() is `s` with its line breaks taken out (a title broken
 * for the cover, as a bookmark; a period's label on one line). */
char *ju_joined_lines(ju_arena *a, const char *s);

/* ju_file_name_problem() says why `name` cannot be a file name that jusou
 * reads or writes inside a folder (a '/', '\\' or ':', a control character, a
 * leading '.', more than 120 characters), or NULL when it can. */
const char *ju_file_name_problem(const char *name);

/* ju_text_longer() is true when `s` has more than `max` characters: *at is
 * then the byte offset of the first character past them and *chars how many
 * it has in all. Linear in `s`, and quick for a short one. */
bool ju_text_longer(const char *s, size_t max, size_t *at, size_t *chars);

/* The most a cell of Excel holds, in its characters (UTF-16 units: one
 * beyond U+FFFF counts two). */
enum { JU_EXCEL_CELL_MAX = 32767 };

/* ju_utf16_length() is the length of `s` in UTF-16 units, as Excel counts. */
size_t ju_utf16_length(const char *s);

/* ju_fold_case() is `name` as a case-insensitive file system compares it:
 * ASCII and full-width Latin capitals lowered (Ａ → ａ), the rest kept. */
char *ju_fold_case(ju_arena *a, const char *name);

/* ju_visible() quotes `s` for a message: characters a reader cannot see
 * (control characters, a BOM or zero-width space inside text) are written as
 * U+XXXX, and the text is cut after `max` characters with "…". */
const char *ju_visible(ju_arena *a, const char *s, size_t max);

#endif
