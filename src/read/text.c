/* text.c — decoding, positions and cell normalisation; see text.h. */
#include "text.h"

#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <stdlib.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "charclass.h"
#include "guard.h"

static void close_iconv(void *cd)
{
    iconv_close((iconv_t)cd);
}

const char *ju_encoding_name(ju_encoding e)
{
    switch (e) {
    case JU_ENC_UTF8: return "UTF-8";
    case JU_ENC_UTF8_BOM: return "UTF-8 (BOM)";
    case JU_ENC_CP932: return "CP932";
    }
    return "?";
}

/* Length of the well-formed UTF-8 sequence at s (n bytes left), 0 if the
 * sequence is malformed, or -1 if it is a valid prefix cut by the end. */
static int utf8_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    int len;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else
        return 0;
    for (int i = 1; i < len; i++) {
        if ((size_t)i >= n)
            return -1;
        unsigned b = s[i];
        if (b < (i == 1 ? lo : 0x80) || b > (i == 1 ? hi : 0xBF))
            return 0;
    }
    return len;
}

bool ju_utf8_valid(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        int k = utf8_seq(s + i, n - i);
        if (k <= 0)
            return false;
        i += (size_t)k;
    }
    return true;
}

/* line and column of byte `at` in raw bytes that are valid UTF-8 up to `at`
 * (columns count characters) */
static void raw_pos(const unsigned char *s, size_t at, int *line, int *col)
{
    int l = 1, c = 1;
    for (size_t i = 0; i < at; i++) {
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= at || s[i + 1] != '\n')))
            l++, c = 1;
        else if (s[i] == '\r')
            ;
        else if ((s[i] & 0xC0) != 0x80)
            c++;
    }
    *line = l;
    *col = c;
}

static char *decode_cp932(ju_arena *a, ju_diags *d, const char *file, const unsigned char *bytes, size_t n,
                          void **block, size_t *out_len)
{
    iconv_t cd = iconv_open("UTF-8", "CP932");
    if (cd == (iconv_t)-1) {
        ju_diag_add(d, JU_SEV_ERROR, file, 0, 0, _("this system cannot decode CP932 (iconv)"));
        return NULL;
    }
    int g = ju_guard(close_iconv, cd);
    /* a CP932 byte never takes more than 3 UTF-8 bytes (half-width katakana);
     * pages of the block that are never written are never touched */
    size_t cap = n * 3 + 1;
    *block = ju_malloc(a, cap);
    char *out = *block;
    char *in = (char *)bytes, *op = out;
    size_t inleft = n, outleft = cap - 1;
    size_t r = iconv(cd, &in, &inleft, &op, &outleft);
    int err = errno;
    ju_unguard(g);
    iconv_close(cd);
    if (r == (size_t)-1) {
        size_t done = (size_t)(op - out);
        int line, col;
        raw_pos((const unsigned char *)out, done, &line, &col);
        if (err == EINVAL)
            ju_diag_add(d, JU_SEV_ERROR, file, line, col,
                        _("the file ends in the middle of a character (was it cut off?)"));
        else
            ju_diag_add(d, JU_SEV_ERROR, file, line, col,
                        _("byte 0x%02X cannot be decoded as UTF-8 or CP932; save the file as CSV (UTF-8)"),
                        bytes[n - inleft]);
        ju_free(*block);
        *block = NULL;
        return NULL;
    }
    *op = '\0';
    *out_len = (size_t)(op - out);
    *block = ju_realloc(a, *block, *out_len + 1);
    return *block;
}

char *ju_decode(ju_arena *a, ju_diags *d, const char *file, unsigned char *bytes, size_t n, void **block,
                size_t *out_len, ju_encoding *enc)
{
    if (n >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))) {
        ju_diag_add(d, JU_SEV_ERROR, file, 1, 1,
                    _("the file is UTF-16 (Excel \"Unicode text\"); save it as CSV (UTF-8) or CSV (CP932)"));
        return NULL;
    }
    bool bom = n >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
    unsigned char *s = bom ? bytes + 3 : bytes;
    size_t m = bom ? n - 3 : n;

    size_t multibyte = 0, bad = 0, first_bad = SIZE_MAX;
    bool cut_at_end = false;
    for (size_t i = 0; i < m;) {
        int k = utf8_seq(s + i, m - i);
        if (k > 0) {
            if (k > 1)
                multibyte++;
            i += (size_t)k;
            continue;
        }
        if (first_bad == SIZE_MAX)
            first_bad = i;
        bad++;
        if (k < 0) {
            cut_at_end = true;
            break;
        }
        i++;
    }
    const unsigned char *nul = memchr(s, 0, m);
    if (nul && (size_t)(nul - s) < first_bad) {
        int line, col;
        raw_pos(s, (size_t)(nul - s), &line, &col);
        ju_diag_add(d, JU_SEV_ERROR, file, line, col, _("the file contains a NUL byte; it is not a text file"));
        return NULL;
    }

    if (bad == 0) {
        *enc = bom ? JU_ENC_UTF8_BOM : JU_ENC_UTF8;
        *out_len = m;
        s[m] = '\0';
        return (char *)s;
    }
    if (bom || (bad == 1 && cut_at_end) || multibyte > bad) {
        int line, col;
        raw_pos(s, first_bad, &line, &col);
        if (bad == 1 && cut_at_end)
            ju_diag_add(d, JU_SEV_ERROR, file, line, col,
                        _("the file ends in the middle of a UTF-8 character (was it cut off?)"));
        else
            ju_diag_add(d, JU_SEV_ERROR, file, line, col,
                        _("invalid UTF-8 (byte 0x%02X); the file is damaged or mixes encodings"),
                        s[first_bad]);
        return NULL;
    }
    if (nul) {
        /* a NUL in a CP932 file: report it where CP932 puts it */
        int line = 1, col = 1;
        for (const unsigned char *p = s; p < nul; p++) {
            if (*p == '\n' || (*p == '\r' && p[1] != '\n'))
                line++, col = 1;
            else if (*p != '\r')
                col++, p += ((*p >= 0x81 && *p <= 0x9F) || (*p >= 0xE0 && *p <= 0xFC)) && p + 1 < nul;
        }
        ju_diag_add(d, JU_SEV_ERROR, file, line, col, _("the file contains a NUL byte; it is not a text file"));
        return NULL;
    }
    *enc = JU_ENC_CP932;
    return decode_cp932(a, d, file, s, m, block, out_len);
}

static bool is_space_at(const char *s, size_t *len)
{
    unsigned char c = (unsigned char)s[0];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') {
        *len = 1;
        return true;
    }
    if (c == 0xE3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80) { /* U+3000 */
        *len = 3;
        return true;
    }
    return false;
}

const char *ju_trim_span(const char *s, size_t *len)
{
    size_t k;
    while (*s && is_space_at(s, &k))
        s += k;
    size_t end = 0;
    for (size_t i = 0; s[i];) {
        if (is_space_at(s + i, &k)) {
            i += k;
        } else {
            i++;
            while (((unsigned char)s[i] & 0xC0) == 0x80)
                i++;
            end = i;
        }
    }
    *len = end;
    return s;
}

char *ju_trim(ju_arena *a, const char *s)
{
    size_t n;
    const char *t = ju_trim_span(s, &n);
    return ju_arena_strndup(a, t, n);
}

bool ju_is_blank(const char *s)
{
    size_t k;
    while (*s && is_space_at(s, &k))
        s += k;
    return *s == '\0';
}

/* folds one character at s (n bytes left): full-width ＋ ， － ． ／ ０..９ and
 * U+2212 to ASCII; returns the ASCII character (or the byte itself) and sets
 * *used to the bytes taken */
static char fold_one(const unsigned char *u, size_t n, size_t *used)
{
    /* U+FF0B..U+FF19 are EF BC 8B..99 */
    if (n >= 3 && u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x8B && u[2] <= 0x99) {
        *used = 3;
        return (char)('+' + (u[2] - 0x8B));
    }
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x88 && u[2] == 0x92) { /* U+2212 minus sign */
        *used = 3;
        return '-';
    }
    *used = 1;
    return (char)u[0];
}

char *ju_fold_digits(ju_arena *a, const char *s)
{
    size_t n = strlen(s);
    char *out = ju_arena_alloc(a, n + 1), *o = out;
    for (size_t i = 0, k; i < n; i += k)
        *o++ = fold_one((const unsigned char *)s + i, n - i, &k);
    *o = '\0';
    return out;
}

enum { NUMBUF = 64 };

/* the trimmed, folded cell in buf; false when it does not fit (then *digits
 * says whether it was digits and separators only) */
static bool fold_cell(const char *cell, char *buf, bool *digits)
{
    size_t n;
    const unsigned char *t = (const unsigned char *)ju_trim_span(cell, &n);
    size_t o = 0;
    *digits = true;
    for (size_t i = 0, k; i < n; i += k) {
        char c = fold_one(t + i, n - i, &k);
        *digits = *digits && ((c >= '0' && c <= '9') || c == ',');
        if (o + 1 < NUMBUF)
            buf[o] = c;
        o++;
    }
    if (o >= NUMBUF)
        return false;
    buf[o] = '\0';
    return true;
}

static bool all_digits(const char *s, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static ju_num digits_value(const char *s, long long *out)
{
    long long v = 0;
    for (; *s; s++) {
        if (*s == ',')
            continue;
        if (v > JU_MAX_COUNT)
            return JU_NUM_TOO_LARGE;
        v = v * 10 + (*s - '0');
    }
    if (v > JU_MAX_COUNT)
        return JU_NUM_TOO_LARGE;
    *out = v;
    return JU_NUM_OK;
}

/* shape of a number after folding: sign, digits with optional grouping, fraction */
static ju_num read_number(const char *cell, bool grouping, long long *out)
{
    char buf[NUMBUF];
    bool digits;
    if (!fold_cell(cell, buf, &digits))
        return digits ? JU_NUM_TOO_LARGE : JU_NUM_NOT_NUMBER;
    char *s = buf;
    if (*s == '\0')
        return JU_NUM_BLANK;
    bool neg = false;
    if (*s == '-' || *s == '+') {
        neg = *s == '-';
        s++;
    }
    char *dot = strchr(s, '.');
    size_t intlen = dot ? (size_t)(dot - s) : strlen(s);
    bool has_comma = memchr(s, ',', intlen) != NULL;
    /* the integer part: digits, or digits grouped by three */
    bool ok_int;
    bool bad_grouping = false;
    if (!has_comma) {
        ok_int = all_digits(s, intlen);
    } else {
        ok_int = true;
        size_t i = 0, group = 0;
        while (i < intlen) {
            size_t j = i;
            while (j < intlen && s[j] != ',')
                j++;
            size_t len = j - i;
            if (!all_digits(s + i, len))
                ok_int = false;
            else if ((group == 0 && len > 3) || (group > 0 && len != 3))
                bad_grouping = true;
            group++;
            i = j + 1;
            if (j < intlen && i == intlen)
                ok_int = false; /* trailing comma */
        }
    }
    if (!ok_int)
        return JU_NUM_NOT_NUMBER;
    if (dot) {
        const char *f = dot + 1;
        if (!all_digits(f, strlen(f)))
            return JU_NUM_NOT_NUMBER;
        bool zero = true;
        for (; *f; f++)
            if (*f != '0')
                zero = false;
        if (!zero)
            return JU_NUM_FRACTION;
        *dot = '\0';
    }
    if (has_comma && (!grouping || bad_grouping))
        return grouping ? JU_NUM_GROUPING : JU_NUM_NOT_NUMBER;
    long long v;
    ju_num r = digits_value(s, &v);
    if (r != JU_NUM_OK)
        return r;
    if (neg && v != 0)
        return JU_NUM_NEGATIVE;
    *out = v;
    return JU_NUM_OK;
}

ju_num ju_parse_count(const char *cell, long long *out)
{
    return read_number(cell, true, out);
}

ju_num ju_parse_int(const char *cell, long long *out)
{
    char buf[NUMBUF];
    bool digits;
    if (!fold_cell(cell, buf, &digits))
        return digits && !strchr(cell, ',') ? JU_NUM_TOO_LARGE : JU_NUM_NOT_NUMBER;
    char *s = buf;
    if (*s == '\0')
        return JU_NUM_BLANK;
    bool neg = *s == '-';
    if (*s == '-' || *s == '+')
        s++;
    if (!all_digits(s, strlen(s)))
        return JU_NUM_NOT_NUMBER;
    long long v;
    ju_num r = digits_value(s, &v);
    if (r != JU_NUM_OK)
        return r;
    *out = neg ? -v : v;
    return JU_NUM_OK;
}

bool ju_strict_long(const char *s, long lo, long hi, long *out)
{
    bool neg = *s == '-';
    const char *p = s + neg;
    if (!all_digits(p, strlen(p)))
        return false;
    long v = 0;
    for (; *p; p++) {
        if (v > (LONG_MAX - 9) / 10)
            return false;
        v = v * 10 + (*p - '0');
    }
    v = neg ? -v : v;
    if (v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

bool ju_strict_real(const char *s, double lo, double hi, double *out)
{
    const char *p = s + (*s == '-');
    size_t whole = strspn(p, "0123456789");
    const char *f = p + whole;
    size_t frac = *f == '.' ? strspn(f + 1, "0123456789") : 0;
    if (whole == 0 || (*f == '.' ? f[1 + frac] != '\0' || frac == 0 : *f != '\0') || whole > 15)
        return false;
    double v = strtod(s, NULL); /* the shape is checked: plain decimal digits */
    if (!(v >= lo && v <= hi))
        return false;
    *out = v;
    return true;
}

bool ju_strict_rgb(const char *s, unsigned *rgb)
{
    if (*s == '#')
        s++;
    if (strlen(s) != 6 || strspn(s, "0123456789abcdefABCDEF") != 6)
        return false;
    *rgb = (unsigned)strtoul(s, NULL, 16);
    return true;
}

int ju_parse_flag(const char *cell)
{
    char buf[NUMBUF];
    bool digits;
    if (!fold_cell(cell, buf, &digits))
        return -1;
    if (*buf == '\0' || strcmp(buf, "0") == 0)
        return 0;
    if (strcmp(buf, "1") == 0 || strcmp(buf, "○") == 0 || strcmp(buf, "◯") == 0 || strcmp(buf, "〇") == 0)
        return 1;
    return -1;
}

const char *ju_file_name_problem(const char *name)
{
    if (!*name)
        return "it is empty";
    size_t chars = 0, n = strlen(name);
    for (size_t i = 0; i < n;) {
        const unsigned char *p = (const unsigned char *)name + i;
        unsigned cp;
        int len;
        ju_charclass c = ju_char_class(p, n - i, &cp, &len);
        if (c == JU_CH_CONTROL || cp == '\t' || cp == '\n' || cp == '\r')
            return "it holds a control character";
        if (c == JU_CH_NONCHAR)
            return "it holds a noncharacter";
        if (c != JU_CH_PLAIN)
            return "it holds an invisible formatting character (a zero-width space, a bidirectional control or the like)";
        if (*p == '/' || *p == '\\' || *p == ':')
            return "it holds '/', '\\' or ':'";
        chars++;
        i += (size_t)len;
    }
    if (*name == '.')
        return "it starts with '.'";
    return chars > 120 ? "it is longer than 120 characters" : NULL;
}

bool ju_text_longer(const char *s, size_t max, size_t *at, size_t *chars)
{
    if (strnlen(s, max + 1) <= max) /* no more bytes than `max`: no more characters */
        return false;
    size_t k = 0, n = 0;
    for (; s[k]; k++)
        if (((unsigned char)s[k] & 0xC0) != 0x80 && n++ == max)
            break;
    if (!s[k])
        return false;
    *at = k;
    for (k++; s[k]; k++) /* the character at `at` is counted */
        n += ((unsigned char)s[k] & 0xC0) != 0x80;
    *chars = n;
    return true;
}

size_t ju_utf16_length(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        n += (*p & 0xC0) != 0x80 ? 1 + (*p >= 0xF0) : 0;
    return n;
}

char *ju_fold_case(ju_arena *a, const char *name)
{
    char *out = ju_arena_strdup(a, name);
    for (unsigned char *p = (unsigned char *)out; *p; p++) {
        if (*p >= 'A' && *p <= 'Z')
            *p = (unsigned char)(*p - 'A' + 'a');
        else if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0xA1 && p[2] <= 0xBA) { /* Ａ–Ｚ (U+FF21–FF3A) */
            p[1] = 0xBD;                                                     /* ａ–ｚ (U+FF41–FF5A) */
            p[2] = (unsigned char)(p[2] - 0xA1 + 0x81);
            p += 2;
        }
    }
    return out;
}

const char *ju_visible(ju_arena *a, const char *s, size_t max)
{
    size_t n = strlen(s);
    /* worst case: every byte becomes U+XXXXX (7 bytes) */
    char *out = ju_arena_alloc(a, (max < n ? max : n) * 8 + 8), *o = out;
    size_t chars = 0, i = 0;
    while (i < n && chars < max) {
        const unsigned char *u = (const unsigned char *)s + i;
        if (utf8_seq(u, n - i) <= 0) {
            o += sprintf(o, "\\x%02X", u[0]);
            i++;
            chars++;
            continue;
        }
        unsigned cp;
        int k;
        if (ju_char_class(u, n - i, &cp, &k) != JU_CH_PLAIN || cp < 0x20) {
            o += sprintf(o, "U+%04X", cp);
        } else {
            memcpy(o, u, (size_t)k);
            o += k;
        }
        i += (size_t)k;
        chars++;
    }
    if (i < n)
        o += sprintf(o, "…");
    *o = '\0';
    return out;
}

char *ju_joined_lines(ju_arena *a, const char *s)
{
    char *o = ju_arena_strdup(a, s), *w = o;
    for (const char *r = s; *r; r++)
        if (*r != '\n')
            *w++ = *r;
    *w = '\0';
    return o;
}

/* --- one typography for data text ------------------------------------------ */

/* the length in bytes of the character at s (charclass.h decodes it) */
static size_t cp_len(const char *s, size_t left)
{
    unsigned cp;
    int len;
    ju_char_class((const unsigned char *)s, left, &cp, &len);
    return (size_t)len;
}

static bool is_digitish(const char *p)
{
    unsigned char c = (unsigned char)*p;
    return (c >= '0' && c <= '9') || strncmp(p, "月", 3) == 0 || strncmp(p, "日", 3) == 0 ||
           strncmp(p, "年", 3) == 0 || (strncmp(p, "\xEF\xBC", 2) == 0 && (unsigned char)p[2] >= 0x90 &&
                                        (unsigned char)p[2] <= 0x99); /* ０–９ */
}

char *ju_typeset_japanese(ju_arena *a, const char *s)
{
    if (!s)
        return NULL;
    bool any = false;
    for (const char *p = s; *p; p++)
        any = any || *p == '~' || *p == '(' || strncmp(p, "〜", 3) == 0;
    if (!any)
        return (char *)s;
    size_t n = strlen(s);
    /* which ( ) pair holds Japanese: the pairs found with a stack (nesting up to 32 deep) */
    bool *wide = ju_arena_array(a, n + 1, sizeof *wide);
    size_t stack[32], depth = 0;
    for (size_t i = 0; i < n; i += cp_len(s + i, n - i)) {
        if (s[i] == '(' && depth < 32)
            stack[depth++] = i;
        else if (s[i] == ')' && depth > 0) {
            size_t o = stack[--depth];
            bool japanese = false;
            for (size_t k = o + 1; k < i && !japanese; k++)
                japanese = (unsigned char)s[k] >= 0x80;
            wide[o] = wide[i] = japanese;
        }
    }
    char *out = ju_arena_alloc(a, 3 * n + 1), *o = out;
    const char *prev = NULL; /* the previous character */
    for (size_t i = 0; i < n;) {
        size_t len = cp_len(s + i, n - i);
        const char *c = s + i;
        if (strncmp(c, "〜", 3) == 0 ||
            (*c == '~' && ((prev && (is_digitish(prev) || *prev == '(' || strncmp(prev, "（", 3) == 0)) ||
                           is_digitish(c + 1)))) {
            memcpy(o, "～", 3);
            o += 3;
        } else if ((*c == '(' || *c == ')') && wide[i]) {
            memcpy(o, *c == '(' ? "（" : "）", 3);
            o += 3;
        } else {
            memcpy(o, c, len);
            o += len;
        }
        prev = c;
        i += len;
    }
    *o = '\0';
    return out;
}
