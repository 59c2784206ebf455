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

typedef struct {
    const char *key;
    const char *value;
    int line, col; /* of the value */
} ju_rentry;

typedef struct {
    const char *id;
    int line;
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
