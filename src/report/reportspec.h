/* reportspec.h — the report template as written: sections of ordered entries.
 *
 * templates/report.ini is read with libinih into sections (one per page, plus
 * [document]) of `key = value` entries in file order, each with its line and
 * the column where its value starts, so that document.c can interpret the
 * keys and report any problem at templates/report.ini:line:col. Keys repeat
 * (a page has many `bullet`s). A long value continues on indented lines
 * (the packaged inih reads lines of 198 bytes at most), joined without a
 * space; the entry's column is its first line's. */
#ifndef JU_REPORTSPEC_H
#define JU_REPORTSPEC_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "status.h"

/* where a part of a value starts: its first line, then each continuation */
typedef struct {
    size_t offset; /* in the joined value */
    int line, col; /* col counts characters, from 1 */
} ju_rpiece;

typedef struct {
    const char *key;
    const char *value;
    int line, col; /* of the value's first character */
    ju_rpiece *pieces;
    size_t npieces;
} ju_rentry;

/* ju_rentry_pos() is the line and column of byte `offset` of the value. */
void ju_rentry_pos(const ju_rentry *e, size_t offset, int *line, int *col);

typedef struct {
    const char *id;
    ju_rentry *entries;
    size_t n;
} ju_rsection;

typedef struct {
    const char *path;
    ju_rsection *sections;
    size_t n;
} ju_reportspec;

/* ju_reportspec_load() reads `path`. Lines that are not `key = value`,
 * [section] or comments, and lines too long for inih, are errors at their line. */
ju_status ju_reportspec_load(ju_arena *a, ju_diags *d, const char *path, ju_reportspec *out);

#endif
