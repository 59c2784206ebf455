/* lexicon.c — the wording of the run; see lexicon.h. */
#include "lexicon.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"

/* Every key the program asks for, by section, with the placeholders its
 * value may hold. The README (「文言（words.ini）」) and the bundled
 * words.ini say what each is for. */
static const ju_lexkey keys[] = {
#include "lexicon_keys.h"
};
enum { NKEYS = sizeof keys / sizeof *keys };

static const char *const *installed;
static const ju_era *eras_installed;
static size_t neras_installed;

const ju_lexkey *ju_lexicon_keys(size_t *n)
{
    *n = NKEYS;
    return keys;
}

/* The keys by hash of section and key: every label of every workbook is
 * looked up here, tens of thousands of times a run. Built on first use. */
enum { SLOTS = 1024 };
_Static_assert(NKEYS < SLOTS / 2, "the key table is more than half full");
static short slots[SLOTS]; /* key index + 1; 0 is empty */

static unsigned key_hash(const char *section, const char *key)
{
    unsigned h = 2166136261u;
    for (const char *p = section; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    h = (h ^ 0xff) * 16777619u; /* a byte no UTF-8 text holds, between the two */
    for (const char *p = key; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    return h;
}

static void build_slots(void)
{
    for (int i = 0; i < NKEYS; i++) {
        unsigned k = key_hash(keys[i].section, keys[i].key) % SLOTS;
        while (slots[k])
            k = (k + 1) % SLOTS;
        slots[k] = (short)(i + 1);
    }
}

int ju_lexicon_key(const char *section, const char *key)
{
    if (!slots[key_hash(keys[0].section, keys[0].key) % SLOTS]) /* the first key is always somewhere */
        build_slots();
    for (unsigned k = key_hash(section, key) % SLOTS; slots[k]; k = (k + 1) % SLOTS) {
        const ju_lexkey *e = &keys[slots[k] - 1];
        if (strcmp(e->section, section) == 0 && strcmp(e->key, key) == 0)
            return slots[k] - 1;
    }
    return -1;
}

void ju_lexicon_install(const char *const *values, const ju_era *eras, size_t neras)
{
    installed = values;
    eras_installed = eras;
    neras_installed = neras;
}

int ju_lexicon_ready(void)
{
    return installed != NULL;
}

const char *ju_lex(const char *section, const char *key)
{
    int k = ju_lexicon_key(section, key);
    if (k < 0 || !installed) {
        fprintf(stderr, "jusou: internal error: the word [%s] %s is %s\n", section, key,
                k < 0 ? "not in lexicon_keys.h" : "asked for before words.ini was read");
        abort();
    }
    return installed[k];
}

/* `s` with each {names[i]} replaced by values[i], in one pass (a value
 * holding braces is never filled again), into out (up to cap bytes, always
 * terminated when cap > 0); returns the length of the whole result */
static size_t fill_into(char *out, size_t cap, const char *s, const char *const *names, const char *const *values,
                        size_t n)
{
    size_t len = 0;
    for (const char *p = s; *p;) {
        size_t i = n;
        if (*p == '{')
            for (i = 0; i < n; i++) {
                size_t k = strlen(names[i]);
                if (strncmp(p + 1, names[i], k) == 0 && p[1 + k] == '}')
                    break;
            }
        const char *piece = i < n ? (values[i] ? values[i] : "") : p;
        size_t plen = i < n ? strlen(piece) : 1;
        for (size_t j = 0; j < plen; j++, len++)
            if (len + 1 < cap)
                out[len] = piece[j];
        p += i < n ? strlen(names[i]) + 2 : 1;
    }
    if (cap)
        out[len + 1 < cap ? len : cap - 1] = '\0';
    return len;
}

enum { MAX_PLACEHOLDERS = 16 };

/* section/key filled from the name, value pairs of `ap`: into buf (size
 * bytes) when `a` is NULL, else into a string of `a` */
static const char *fill_pairs(ju_arena *a, char *buf, size_t size, const char *section, const char *key, va_list ap)
{
    const char *s = ju_lex(section, key);
    const char *names[MAX_PLACEHOLDERS], *values[MAX_PLACEHOLDERS];
    size_t n = 0;
    for (const char *name; n < MAX_PLACEHOLDERS && (name = va_arg(ap, const char *)); n++) {
        names[n] = name;
        values[n] = va_arg(ap, const char *);
    }
    if (a) {
        size = fill_into(NULL, 0, s, names, values, n) + 1;
        buf = ju_arena_alloc(a, size);
    }
    fill_into(buf, size, s, names, values, n);
    return buf;
}

const char *ju_lexf(ju_arena *a, const char *section, const char *key, ...)
{
    va_list ap;
    va_start(ap, key);
    const char *out = fill_pairs(a, NULL, 0, section, key, ap);
    va_end(ap);
    return out;
}

const char *ju_lex_buf(char *buf, size_t size, const char *section, const char *key, ...)
{
    va_list ap;
    va_start(ap, key);
    fill_pairs(NULL, buf, size, section, key, ap);
    va_end(ap);
    return buf;
}

const ju_era *ju_lex_eras(size_t *n)
{
    *n = neras_installed;
    return eras_installed;
}
