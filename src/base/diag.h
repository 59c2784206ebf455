/* diag.h — diagnostics collected during a run.
 *
 * Modules never print: they add diagnostics {file, line, col, severity,
 * message} to the run's list, and main.c prints them gcc-style, sorted by
 * file and position:
 *   data/2025/municipality.csv:14:23: error: Q14 (令和6年度の支援会議開催回数): "abc" is not a count
 * line and col are 1-based; 0 means "the whole file" (or the whole line).
 * Errors per file are capped (JU_DIAG_FILE_LIMIT): readers ask
 * ju_diags_file_full() and stop early once a file has reported that many.
 * Warnings per file are capped too (JU_DIAG_WARNING_LIMIT; the rest are
 * counted in one note), so a file of 50,000 unknown columns cannot flood the
 * terminal or the memory. Adding is constant time: files are kept in a small
 * table with their counts.
 *
 * One way to tell whether a step failed: note `errors` before it and compare
 * after (every error is a diagnostic, so nothing can fail silently). */
#ifndef JU_DIAG_H
#define JU_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "arena.h"
#include "i18n.h"

enum { JU_DIAG_FILE_LIMIT = 50, JU_DIAG_WARNING_LIMIT = 1000 };

typedef enum { JU_SEV_NOTE, JU_SEV_WARNING, JU_SEV_ERROR } ju_severity;

typedef struct {
    const char *file; /* as the user named it; NULL for messages about the run */
    int line, col;
    ju_severity severity;
    const char *message;
    size_t seq;  /* order of arrival, keeps sorting stable */
    bool tail;   /* sorted after every other diagnostic of its file */
    size_t rank; /* the file's order of first mention */
    bool counter; /* the note that counts a file's warnings past the cap */
} ju_diag;

/* One file's counts (errors and warnings stored, and past the caps). */
typedef struct {
    const char *file;
    size_t errors, warnings, dropped_warnings;
    size_t counter; /* 1 + the index of its counter note in items, 0 if none */
} ju_diagfile;

typedef struct {
    ju_arena *arena;
    ju_diag *items;
    size_t n, cap;
    size_t errors, warnings;
    ju_diagfile *files;
    size_t nfiles, capfiles;
} ju_diags;

/* ju_diags_init() prepares an empty list whose strings live in `arena`. */
void ju_diags_init(ju_diags *d, ju_arena *arena);

/* ju_diag_add() appends a diagnostic. Past JU_DIAG_FILE_LIMIT errors for one
 * file, further errors for it are counted but not stored, and one note says so. */
void ju_diag_add(ju_diags *d, ju_severity sev, const char *file, int line, int col,
                 const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* ju_diags_file_errors() counts the errors stored so far for `file` (with
 * the note that the limit was reached). */
size_t ju_diags_file_errors(const ju_diags *d, const char *file);

/* ju_diags_file_full() is true once `file` has passed the error limit: its
 * reader may stop. */
bool ju_diags_file_full(const ju_diags *d, const char *file);

/* ju_diags_file_quiet() is true when a diagnostic of severity `sev` for
 * `file` would only be counted, not stored (its cap is reached): a reader
 * can then skip composing its message. */
bool ju_diags_file_quiet(const ju_diags *d, const char *file, ju_severity sev);

/* ju_diags_rename() makes every diagnostic naming a file under folder `from`
 * name it under `to` instead (the temporary output folder becomes the output
 * folder the user asked for). */
void ju_diags_rename(ju_diags *d, const char *from, const char *to);

/* ju_diags_sort() orders the list by file (in order of first mention), line,
 * col. It allocates nothing, so it works after memory ran out. */
void ju_diags_sort(ju_diags *d);

/* ju_diag_print() writes one diagnostic gcc-style with a newline. Every
 * character a reader cannot see or that would break the line (control
 * characters, line ends and tabs, noncharacters, invisible formatting
 * characters: charclass.h), in the file name as in the message, is written
 * as U+XXXX, so one diagnostic is one line and says what is there. */
void ju_diag_print(FILE *f, const ju_diag *g);

/* ju_diag_escaped() is `s` written as ju_diag_print() writes it (for
 * messages copied into an output). */
const char *ju_diag_escaped(ju_arena *a, const char *s);

/* ju_severity_name() is "note", "warning" or "error". */
const char *ju_severity_name(ju_severity s);

#endif
