/* words.h — the fixed wording of the outputs, as a template.
 *
 * Every word jusou writes into a chart, the report or a workbook that does
 * not come from the data or the codebook lives in templates/<year>/words.ini,
 * so that the C code holds no Japanese text and analysts can change a
 * heading as they change a report sentence. The file has sections
 * ([calendar], [labels], [ratio], [charts], [report], [check], [workbook])
 * of `key = text`; a text may hold the placeholders its key allows ({n},
 * {label}, …; lexicon_keys.h). Every key the program uses must be there:
 * ju_words_load() checks the whole list up front, so a missing or misspelt
 * key is an error at load, not a blank in a published page. */
#ifndef JU_WORDS_H
#define JU_WORDS_H

#include "arena.h"
#include "diag.h"
#include "inifile.h"
#include "lexicon.h"
#include "status.h"

typedef struct {
    ju_ini ini;
    const char **values; /* by key index (lexicon_keys.h) */
    const ju_inientry **entries;
    ju_era *eras;        /* [calendar] eras, newest first */
    size_t neras;
} ju_words;

/* ju_words_load() reads words.ini; every key of every section the program
 * uses must be present (else an error naming it), no unknown key either, and
 * a value may use only the placeholders of its key (an error at its column).
 * When all is well it installs the words as the run's lexicon (lexicon.h). */
ju_status ju_words_load(ju_arena *a, ju_diags *d, const char *path, ju_words *out);

/* ju_word() is the text of `section`/`key` ("charts", "continuing"). The key
 * must be one of words.c's table: asking for another is a programming error
 * (it aborts, and the tests catch it). */
const char *ju_word(const ju_words *w, const char *section, const char *key);

/* ju_word_entry() is the entry the text came from, for positions of errors
 * in its placeholders. */
const ju_inientry *ju_word_entry(const ju_words *w, const char *section, const char *key);

/* ju_words_fill() is the text of section/key with {name} placeholders
 * replaced by `values` (name, value pairs, NULL-terminated names). */
const char *ju_words_fill(ju_arena *a, const ju_words *w, const char *section, const char *key,
                          const char *const *pairs);

#endif
