/* charclass.c — see charclass.h. */
#include "charclass.h"

#include "i18n.h"

/* the code point and length of the well-formed sequence at s, or 0 */
static int decode(const unsigned char *s, size_t n, unsigned *cp)
{
    unsigned c = s[0];
    int len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (len == 0 || (size_t)len > n)
        return 0;
    unsigned v = len == 1 ? c : len == 2 ? c & 0x1Fu : len == 3 ? c & 0x0Fu : c & 0x07u;
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = v << 6 | (s[i] & 0x3Fu);
    }
    *cp = v;
    return len;
}

ju_charclass ju_char_class(const unsigned char *s, size_t n, unsigned *cp, int *len)
{
    unsigned v;
    int k = decode(s, n, &v);
    if (!k) {
        *len = 1;
        *cp = s[0];
        return JU_CH_PLAIN;
    }
    *len = k;
    *cp = v;
    if (!ju_char_may_need_class(s[0]))
        return JU_CH_PLAIN;
    if ((v < 0x20 && v != '\t' && v != '\n' && v != '\r') || v == 0x7F || (v >= 0x80 && v < 0xA0))
        return JU_CH_CONTROL;
    if ((v >= 0xFDD0 && v <= 0xFDEF) || (v & 0xFFFEu) == 0xFFFEu)
        return JU_CH_NONCHAR;
    if (v == 0x061C || v == 0x200E || v == 0x200F || (v >= 0x202A && v <= 0x202E) || (v >= 0x2066 && v <= 0x2069))
        return JU_CH_BIDI;
    if (v == 0x00AD || v == 0x180E || (v >= 0x200B && v <= 0x200D) || v == 0x2028 || v == 0x2029 ||
        (v >= 0x2060 && v <= 0x2064) || v == 0xFEFF || (v >= 0xFFF9 && v <= 0xFFFB) || v == 0xE0001 ||
        (v >= 0xE0020 && v <= 0xE007F))
        return JU_CH_INVISIBLE;
    return JU_CH_PLAIN;
}

const char *ju_char_problem(ju_charclass c)
{
    switch (c) {
    case JU_CH_NONCHAR: return _("is not a character (a noncharacter: the file was damaged or converted wrongly); delete it");
    case JU_CH_CONTROL: return _("is a control character, which no output can show; delete it");
    case JU_CH_BIDI:
        return _("is a bidirectional control, which reorders the text around it where it is shown; delete it unless it "
                 "is meant");
    case JU_CH_INVISIBLE: return _("is an invisible formatting character; delete it unless it is meant");
    case JU_CH_PLAIN: break;
    }
    return NULL;
}

int ju_char_is_error(ju_charclass c)
{
    return c == JU_CH_NONCHAR || c == JU_CH_CONTROL;
}

bool ju_char_report(ju_diags *d, const char *file, int line, int col, const char *prefix, ju_charclass c, unsigned cp)
{
    ju_severity sev = ju_char_is_error(c) ? JU_SEV_ERROR : JU_SEV_WARNING;
    if (ju_diags_file_quiet(d, file, sev))
        ju_diag_add(d, sev, file, line, col, "%s", ""); /* counted only */
    else
        ju_diag_add(d, sev, file, line, col, "%sU+%04X %s", prefix, cp, ju_char_problem(c));
    return sev == JU_SEV_ERROR;
}
