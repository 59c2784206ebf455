/* arena.h — one allocation arena per run.
 *
 * Everything parsed or computed during a run (decoded files, cells, answers,
 * tables) is allocated from one arena and freed at once by ju_arena_free().
 * Allocation never returns NULL: running out of memory ends the process with
 * JU_EXIT_SYSTEM after a one-line message (there is nothing useful to salvage
 * from a half-built report). */
#ifndef JU_ARENA_H
#define JU_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct ju_arena ju_arena;

/* ju_arena_new() returns a new, empty arena owned by the caller. */
ju_arena *ju_arena_new(void);

/* ju_arena_free() releases the arena and every block allocated from it. */
void ju_arena_free(ju_arena *a);

/* ju_arena_alloc() returns `size` zeroed bytes, aligned for any type. */
void *ju_arena_alloc(ju_arena *a, size_t size);

/* ju_arena_array() returns `n` zeroed elements of `size` bytes, checking the
 * multiplication for overflow. */
void *ju_arena_array(ju_arena *a, size_t n, size_t size);

/* ju_arena_grow() returns a copy of `old` (old_n elements) with room for
 * new_n elements; the tail is zeroed. The old block stays in the arena. */
void *ju_arena_grow(ju_arena *a, const void *old, size_t old_n, size_t new_n, size_t size);

/* ju_arena_strndup() copies `n` bytes of `s` and adds a NUL. */
char *ju_arena_strndup(ju_arena *a, const char *s, size_t n);

/* ju_arena_strdup() copies the NUL-terminated string `s` (NULL gives NULL). */
char *ju_arena_strdup(ju_arena *a, const char *s);

/* ju_arena_printf() formats into a new string owned by the arena. */
char *ju_arena_printf(ju_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *ju_arena_vprintf(ju_arena *a, const char *fmt, va_list ap);

/* JU_PUSH appends `value` to the arena-backed array `arr` of `n` elements
 * with capacity `cap`, doubling the block when it is full. */
#define JU_PUSH(arena, arr, n, cap, value)                                                 \
    do {                                                                                   \
        if ((n) == (cap)) {                                                                \
            size_t ju_newcap_ = (cap) ? (cap) * 2 : 8;                                     \
            (arr) = ju_arena_grow((arena), (arr), (n), ju_newcap_, sizeof *(arr));         \
            (cap) = ju_newcap_;                                                            \
        }                                                                                  \
        (arr)[(n)++] = (value);                                                            \
    } while (0)

#endif
