/* strmap.c — open addressing with linear probing; see strmap.h. */
#include "strmap.h"

#include <stdint.h>
#include <string.h>

/* FNV-1a, 64-bit */
static uint64_t hash(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

static ju_strmap_slot *find(const ju_strmap *m, const char *s, size_t n, uint64_t h)
{
    size_t mask = m->cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        ju_strmap_slot *sl = &m->slots[i];
        if (!sl->key || (sl->keylen == n && memcmp(sl->key, s, n) == 0))
            return sl;
    }
}

bool ju_strmap_get(const ju_strmap *m, const char *s, size_t n, size_t *value)
{
    if (!m->cap)
        return false;
    ju_strmap_slot *sl = find(m, s, n, hash(s, n));
    if (!sl->key)
        return false;
    *value = sl->value;
    return true;
}

bool ju_strmap_put(ju_arena *a, ju_strmap *m, const char *s, size_t n, size_t value)
{
    if (2 * (m->n + 1) > m->cap) {
        ju_strmap bigger = {ju_arena_array(a, m->cap ? 2 * m->cap : 16, sizeof(ju_strmap_slot)),
                            m->cap ? 2 * m->cap : 16, m->n};
        for (size_t i = 0; i < m->cap; i++)
            if (m->slots[i].key)
                *find(&bigger, m->slots[i].key, m->slots[i].keylen, hash(m->slots[i].key, m->slots[i].keylen)) =
                    m->slots[i];
        *m = bigger;
    }
    ju_strmap_slot *sl = find(m, s, n, hash(s, n));
    if (sl->key)
        return false;
    *sl = (ju_strmap_slot){s, n, value};
    m->n++;
    return true;
}
