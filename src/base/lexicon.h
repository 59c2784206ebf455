/* lexicon.h — the wording of this run's outputs.
 *
 * Text that jusou writes into a chart, the report, a workbook or check.txt
 * and that comes neither from the data nor from the codebook (和暦, 無回答,
 * 割 phrases, the workbooks' headings and notes) is not in the C code: it is
 * templates/<year>/words.ini, which template/words.c reads, checks and
 * installs here once per run, before anything is counted or drawn. Every
 * layer reads it through ju_lex(), as it would read a locale.
 *
 * The keys are fixed (lexicon.c's table, listed in the README); a value may
 * hold {name} placeholders, filled by ju_lexf(). */
#ifndef JU_LEXICON_H
#define JU_LEXICON_H

#include <stddef.h>

#include "arena.h"

typedef struct {
    const char *section, *key;
    const char *placeholders; /* the {names} its value may use, e.g. "n label" ("" for none) */
} ju_lexkey;

/* An era of the Japanese calendar: its name (令和), the one-letter
 * abbreviation ({R-1} → R6) and its first day. */
typedef struct {
    const char *name, *abbr;
    int year, month, day;
} ju_era;

/* ju_lexicon_keys() is the table of every key, and its length in *n. */
const ju_lexkey *ju_lexicon_keys(size_t *n);

/* ju_lexicon_key() is the index of section/key in that table, or -1. */
int ju_lexicon_key(const char *section, const char *key);

/* ju_lexicon_install() makes `values` (one per key of the table, in its
 * order) and `eras` (newest first) the wording of the run. They must live
 * as long as the run (the run's arena). */
void ju_lexicon_install(const char *const *values, const ju_era *eras, size_t neras);

/* ju_lexicon_ready() is whether a wording is installed. */
int ju_lexicon_ready(void);

/* ju_lex() is the text of section/key. Asking before a wording is installed,
 * or for a key not in the table, is a programming error: it aborts. */
const char *ju_lex(const char *section, const char *key);

/* ju_lexf() is the text with its {name} placeholders replaced: the
 * arguments after `key` are name, value pairs ending in NULL. */
const char *ju_lexf(ju_arena *a, const char *section, const char *key, ...);

/* ju_lex_buf() is ju_lexf() into buf (cut to size - 1 bytes), for drawing. */
const char *ju_lex_buf(char *buf, size_t size, const char *section, const char *key, ...);

/* ju_lex_eras() is the installed eras, newest first. */
const ju_era *ju_lex_eras(size_t *n);

#endif
