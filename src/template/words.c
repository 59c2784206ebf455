/* words.c — the wording template; see words.h. */
#include "words.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "text.h"

/* Every key the program asks for, by section. The README lists them with
 * what each is for (README「文言（words.ini）」). */
static const struct {
    const char *section, *key;
} keys[] = {
    /* charts */
    {"charts", "continuing"},       /* adoption: bodies implementing since an earlier year */
    {"charts", "new"},              /* adoption: bodies that began that year */
    {"charts", "adoption_caption"}, /* adoption: the caption ({wareki}) */
    {"charts", "tilemap_caption"},  /* tile map: the caption ({n} municipalities, {wareki}) */
    {"charts", "no_answer_tile"},   /* tile map: the legend of tiles without an answer */
    {"charts", "rank1"},            /* callout: the top values' labels */
    {"charts", "rank2"},
    {"charts", "rank3"},
    {"charts", "rank4"},
    {"charts", "rank5"},
    {"charts", "not_counted_note"}, /* callout: a note on bodies that do not count ({list}) */
    {"charts", "not_counted_item"}, /* one item of that list ({label}, {n}) */
    {"charts", "list_separator"},   /* between items of a list: 、 */
};
enum { NKEYS = sizeof keys / sizeof *keys };

static int key_index(const char *section, const char *key)
{
    for (int i = 0; i < NKEYS; i++)
        if (strcmp(keys[i].section, section) == 0 && strcmp(keys[i].key, key) == 0)
            return i;
    return -1;
}

ju_status ju_words_load(ju_arena *a, ju_diags *d, const char *path, ju_words *out)
{
    memset(out, 0, sizeof *out);
    ju_status st = ju_ini_read(a, d, path, "wording template", NULL, &out->ini);
    if (st != JU_OK)
        return st;
    size_t before = d->errors;
    out->values = ju_arena_array(a, NKEYS, sizeof *out->values);
    out->entries = ju_arena_array(a, NKEYS, sizeof *out->entries);
    for (size_t s = 0; s < out->ini.n; s++) {
        const ju_inisection *sec = &out->ini.sections[s];
        for (size_t i = 0; i < sec->n; i++) {
            const ju_inientry *e = &sec->entries[i];
            int k = key_index(sec->name, e->key);
            if (k < 0) {
                ju_diag_add(d, JU_SEV_ERROR, path, e->line, e->key_col, "[%s] '%s' is not a word jusou uses",
                            ju_visible(a, sec->name, 40), ju_visible(a, e->key, 40));
                continue;
            }
            if (out->entries[k])
                ju_diag_add(d, JU_SEV_ERROR, path, e->line, e->key_col, "[%s] %s is given twice (also on line %d)",
                            sec->name, e->key, out->entries[k]->line);
            out->values[k] = e->value;
            out->entries[k] = e;
        }
    }
    for (int k = 0; k < NKEYS; k++)
        if (!out->entries[k])
            ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, "[%s] %s is missing", keys[k].section, keys[k].key);
    return d->errors > before ? JU_ERR_CONFIG : JU_OK;
}

static int must_index(const char *section, const char *key)
{
    int k = key_index(section, key);
    if (k < 0) {
        fprintf(stderr, "jusou: internal error: the word [%s] %s is not in words.c's table\n", section, key);
        abort();
    }
    return k;
}

const char *ju_word(const ju_words *w, const char *section, const char *key)
{
    return w->values[must_index(section, key)];
}

const ju_inientry *ju_word_entry(const ju_words *w, const char *section, const char *key)
{
    return w->entries[must_index(section, key)];
}

const char *ju_words_fill(ju_arena *a, const ju_words *w, const char *section, const char *key,
                          const char *const *pairs)
{
    const char *s = ju_word(w, section, key);
    for (size_t i = 0; pairs && pairs[i]; i += 2)
        s = ju_replace_all(a, s, ju_arena_printf(a, "{%s}", pairs[i]), pairs[i + 1]);
    return s;
}
