/* inifile.h — every template and configuration file, read one way.
 *
 * survey.ini, charts.ini, report.ini and workbook.ini are INI files: [section]
 * headers, `key = value` entries (keys may repeat; their order is kept), ';'
 * and '#' comments. A value continues on the lines after it that are
 * indented; the pieces are joined without a space (Japanese has none), and
 * each piece keeps its own line and column, so that any character of a value
 * can be reported at file:line:col.
 *
 * The files are decoded like every input (source.h) and parsed by the
 * packaged libinih through its line-reader interface. As packaged, libinih
 * reads lines of at most 199 bytes and reports no positions; the reader here
 * hands it each physical line, and any longer one in pieces libinih takes as
 * continuation lines, so lines have no length limit, and it knows the line
 * and column of everything libinih returns.
 *
 * A value has at most JU_INI_VALUE_MAX characters (the longest sentence of a
 * report template is a few hundred): a longer one is an error at its
 * character past the limit, and is cut there, so that nothing after the
 * reader spends time or memory on it. */
#ifndef JU_INIFILE_H
#define JU_INIFILE_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "status.h"

enum { JU_INI_VALUE_MAX = 10000 };

/* where a part of a value starts: its first line, then each continuation */
typedef struct {
    size_t offset; /* in the joined value */
    int line, col; /* col counts characters, from 1 */
} ju_inipiece;

typedef struct {
    const char *key;
    const char *value;
    int line, col;     /* of the value's first character */
    int key_col;       /* of the key */
    ju_inipiece *pieces;
    size_t npieces;
} ju_inientry;

typedef struct {
    const char *name; /* "" for entries before the first [section] */
    int line, col;    /* of the name, inside the brackets */
    ju_inientry *entries;
    size_t n;
} ju_inisection;

typedef struct {
    const char *path;
    ju_inisection *sections;
    size_t n;
} ju_ini;

/* ju_ini_read() reads the file at `path` (`what` names it when it is empty:
 * "the chart list is empty"). A line that is neither `key = value`, [section],
 * a comment nor a continuation, and a section that appears twice, are errors
 * at their line (JU_ERR_CONFIG); a file that cannot be read is JU_ERR_IO. */
ju_status ju_ini_read(ju_arena *a, ju_diags *d, const char *path, const char *what, const char *hint, ju_ini *out);

/* ju_ini_parse() does the same for text in memory (tests). */
ju_status ju_ini_parse(ju_arena *a, ju_diags *d, const char *path, const char *text, ju_ini *out);

/* ju_ini_pos() is the line and column of byte `offset` of an entry's value. */
void ju_ini_pos(const ju_inientry *e, size_t offset, int *line, int *col);

/* ju_ini_section() finds a section by name, or NULL. */
const ju_inisection *ju_ini_section(const ju_ini *ini, const char *name);

#endif
