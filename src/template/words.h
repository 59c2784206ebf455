/* words.h — the fixed wording of the outputs, as a template.
 *
 * Every word jusou writes into a chart, the report or a workbook that does
 * not come from the data or the codebook lives in templates/…/words.ini, so
 * that the C code holds no Japanese text and analysts can change a heading
 * as they change a report sentence. The file has sections (one per output:
 * [format], [charts], [report], [workbook]) of `key = text`; a text may hold
 * the placeholders its key documents ({n}, {label}, {wareki}, …). Every key
 * the program uses must be there: ju_words_load() checks the whole list up
 * front, so a missing or misspelt key is an error at load, not a blank in a
 * published page. */
#ifndef JU_WORDS_H
#define JU_WORDS_H

#include "arena.h"
#include "diag.h"
#include "inifile.h"
#include "status.h"

typedef struct {
    ju_ini ini;
    const char **values; /* by key index (words.c's table) */
    const ju_inientry **entries;
} ju_words;

/* ju_words_load() reads words.ini; every key of every section the program
 * uses must be present (else an error naming it), and no unknown key either. */
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
