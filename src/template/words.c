/* words.c — the wording template; see words.h. */
#include "words.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "text.h"

/* Each {name} in the value must be one of `allowed` (space-separated). */
static void check_placeholders(ju_arena *a, ju_diags *d, const char *path, const ju_inisection *sec,
                               const ju_inientry *e, const char *allowed)
{
    for (const char *p = strchr(e->value, '{'); p; p = strchr(p + 1, '{')) {
        const char *close = strchr(p, '}');
        if (!close)
            break;
        size_t n = (size_t)(close - p - 1);
        bool ok = false;
        for (const char *w = allowed; *w;) {
            size_t k = strcspn(w, " ");
            if (k == n && strncmp(w, p + 1, n) == 0)
                ok = true;
            w += k;
            w += strspn(w, " ");
        }
        if (!ok) {
            int line, col;
            ju_ini_pos(e, (size_t)(p - e->value), &line, &col);
            const char *name = ju_visible(a, ju_arena_strndup(a, p + 1, n), 40);
            if (*allowed)
                ju_diag_add(d, JU_SEV_ERROR, path, line, col,
                            _("[%s] %s: {%s} is not a placeholder of this word (it may use {%s})"), sec->name, e->key,
                            name, ju_replace_all(a, allowed, " ", "} {"));
            else
                ju_diag_add(d, JU_SEV_ERROR, path, line, col,
                            _("[%s] %s: {%s} is not a placeholder of this word (it takes none)"), sec->name, e->key,
                            name);
        }
    }
}

/* eras = 令和 R 2019-05-01; 平成 H 1989-01-08 — newest first */
static bool read_eras(ju_arena *a, ju_diags *d, const char *path, const ju_inientry *e, ju_era **out, size_t *n)
{
    size_t cap = 4;
    *out = ju_arena_array(a, cap, sizeof **out);
    *n = 0;
    const char *v = e->value;
    for (;;) {
        size_t len = strcspn(v, ";");
        char *part = ju_trim(a, ju_arena_strndup(a, v, len));
        char name[64], abbr[16], date[16];
        int y, m, dd;
        int line, col;
        ju_ini_pos(e, (size_t)(v - e->value), &line, &col);
        if (sscanf(part, "%63s %15s %15s", name, abbr, date) != 3 || !ju_iso_date(date, &y, &m, &dd) ||
            (*n > 0 && (y > (*out)[*n - 1].year ||
                        (y == (*out)[*n - 1].year && m * 100 + dd >= (*out)[*n - 1].month * 100 + (*out)[*n - 1].day)))) {
            ju_diag_add(d, JU_SEV_ERROR, path, line, col,
                        _("[calendar] eras: '%s' is not 'NAME LETTER YYYY-MM-DD' (newest era first, e.g. 令和 R 2019-05-01)"),
                        ju_visible(a, part, 60));
            return false;
        }
        if (*n + 1 >= cap) {
            *out = ju_arena_grow(a, *out, cap, 2 * cap, sizeof **out);
            cap *= 2;
        }
        (*out)[(*n)++] = (ju_era){ju_arena_strdup(a, name), ju_arena_strdup(a, abbr), y, m, dd};
        if (!v[len])
            break;
        v += len + 1;
    }
    return true;
}

ju_status ju_words_load(ju_arena *a, ju_diags *d, const char *path, ju_words *out)
{
    memset(out, 0, sizeof *out);
    ju_status st = ju_ini_read(a, d, path, _("wording template"), NULL, &out->ini);
    if (st != JU_OK)
        return st;
    size_t before = d->errors, nkeys;
    const ju_lexkey *keys = ju_lexicon_keys(&nkeys);
    out->values = ju_arena_array(a, nkeys, sizeof *out->values);
    out->entries = ju_arena_array(a, nkeys, sizeof *out->entries);
    for (size_t s = 0; s < out->ini.n; s++) {
        const ju_inisection *sec = &out->ini.sections[s];
        for (size_t i = 0; i < sec->n; i++) {
            const ju_inientry *e = &sec->entries[i];
            int k = ju_lexicon_key(sec->name, e->key);
            if (k < 0) {
                ju_diag_add(d, JU_SEV_ERROR, path, e->line, e->key_col, _("[%s] '%s' is not a word jusou uses"),
                            ju_visible(a, sec->name, 40), ju_visible(a, e->key, 40));
                continue;
            }
            if (out->entries[k])
                ju_diag_add(d, JU_SEV_ERROR, path, e->line, e->key_col, _("[%s] %s is given twice (also on line %d)"),
                            sec->name, e->key, out->entries[k]->line);
            out->values[k] = e->value;
            out->entries[k] = e;
            if (strcmp(sec->name, "calendar") == 0 && strcmp(e->key, "eras") == 0)
                read_eras(a, d, path, e, &out->eras, &out->neras);
            else
                check_placeholders(a, d, path, sec, e, keys[k].placeholders);
        }
    }
    for (size_t k = 0; k < nkeys; k++)
        if (!out->entries[k])
            ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, _("[%s] %s is missing"), keys[k].section, keys[k].key);
    if (d->errors > before)
        return JU_ERR_CONFIG;
    ju_lexicon_install(out->values, out->eras, out->neras);
    return JU_OK;
}

static int must_index(const char *section, const char *key)
{
    int k = ju_lexicon_key(section, key);
    if (k < 0) {
        fprintf(stderr, "jusou: internal error: the word [%s] %s is not in lexicon_keys.h\n", section, key);
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
