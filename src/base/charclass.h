/* charclass.h — the one text rule for every input: which characters a text
 * may not hold, or holds only with a warning.
 *
 *   noncharacters (U+FFFE, U+FFFF, U+FDD0–FDEF and the last two of every
 *   plane) and control characters (C0 but tab and line ends, DEL, C1):
 *   errors wherever they are — no output can show them, and they are the
 *   marks of a damaged or wrongly converted file;
 *   invisible formatting characters (zero-width spaces and joiners, the BOM
 *   inside text, soft hyphens, bidirectional controls such as U+202E that
 *   reorder what is shown): warnings in texts, errors in names and ids,
 *   which become file names (text.h, ju_file_name_problem()).
 * Messages show every such character as U+XXXX (diag.h). */
#ifndef JU_CHARCLASS_H
#define JU_CHARCLASS_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

typedef enum {
    JU_CH_PLAIN,      /* an ordinary character */
    JU_CH_NONCHAR,    /* a noncharacter */
    JU_CH_CONTROL,    /* a control character (not tab, LF, CR) */
    JU_CH_BIDI,       /* a bidirectional control */
    JU_CH_INVISIBLE,  /* another invisible formatting character */
} ju_charclass;

/* ju_char_class() classifies the character at s (n ≥ 1 bytes left, s[0] not
 * NUL): its class, and in *cp its code point and in *len its length in bytes.
 * A byte that does not start well-formed UTF-8 is JU_CH_PLAIN of length 1
 * (decoding has refused such files before). Constant time. */
ju_charclass ju_char_class(const unsigned char *s, size_t n, unsigned *cp, int *len);

/* ju_char_problem() says what is wrong with a character of class `c`, after
 * its U+XXXX ("is a control character, …; delete it"); NULL for a plain one.
 * ju_char_is_error() is true for the classes that are errors in every text. */
const char *ju_char_problem(ju_charclass c);
int ju_char_is_error(ju_charclass c);

/* ju_char_report() says what the rule says of character `cp` of class `c`
 * (not plain) at file:line:col, after `prefix` (a column's name and ": ", or
 * ""): an error or a warning; true for an error. Past the file's cap it only
 * counts it (nothing is composed). */
bool ju_char_report(ju_diags *d, const char *file, int line, int col, const char *prefix, ju_charclass c, unsigned cp);

/* ju_char_may_need_class() is false for a byte that cannot start a character
 * of a class other than plain: a quick test for scanning loops. */
static inline int ju_char_may_need_class(unsigned char c)
{
    return c < 0x20 || c == 0x7F || c == 0xC2 || c == 0xD8 || c == 0xE1 || c == 0xE2 || c == 0xEF || c >= 0xF0;
}

#endif
