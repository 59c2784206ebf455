/* strmap.h — a string-keyed hash map in the arena, for lookups that must
 * stay constant time however large a hostile file makes a table (header
 * columns, question ids, option columns, base and form ids).
 *
 * Keys are not copied: they must live as long as the map (arena strings).
 * The table doubles when it is half full; old tables stay in the arena. */
#ifndef JU_STRMAP_H
#define JU_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

typedef struct {
    const char *key;
    size_t keylen;
    size_t value;
} ju_strmap_slot;

typedef struct {
    ju_strmap_slot *slots; /* key NULL: empty */
    size_t cap, n;
} ju_strmap;

/* ju_strmap_get() finds the key s[0..n) and stores its value in *value. */
bool ju_strmap_get(const ju_strmap *m, const char *s, size_t n, size_t *value);

/* ju_strmap_put() adds key s[0..n) with `value`, or returns false (and leaves
 * the map as it was) when the key is already there. */
bool ju_strmap_put(ju_arena *a, ju_strmap *m, const char *s, size_t n, size_t value);

#endif
