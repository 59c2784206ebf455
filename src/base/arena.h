/* arena.h — one allocation arena per run.
 *
 * Everything parsed or computed during a run (decoded files, cells, answers,
 * tables) is allocated from one arena and freed at once by ju_arena_free().
 *
 * Running out of memory: allocation never returns NULL. When memory runs out
 * (or the test-only fault switch says so, see ju_fault_arm()) the arena calls
 * its out-of-memory handler, which does not return: the run installs one with
 * ju_arena_on_oom() that unwinds to the run's recovery point (job.c), where
 * guards (guard.h) release library objects, the temporary output folder is
 * removed and the command exits 3 with a clean message. Without a handler the
 * process prints one line and aborts. After the first failure every later
 * allocation fails too, as when memory really is exhausted. */
#ifndef JU_ARENA_H
#define JU_ARENA_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct ju_arena ju_arena;

/* ju_arena_new() returns a new, empty arena owned by the caller. It is
 * allocated with plain malloc (not counted by the fault switch); NULL when
 * even that fails. */
ju_arena *ju_arena_new(void);

/* ju_arena_free() releases the arena, every block allocated from it and
 * every block it adopted. */
void ju_arena_free(ju_arena *a);

/* ju_arena_on_oom() sets the function called when an allocation fails; it
 * must not return (it longjmps to the run's recovery point). */
void ju_arena_on_oom(ju_arena *a, void (*handler)(void *ctx), void *ctx);

/* ju_arena_share_oom() gives `to` the handler `from` has now (an arena of
 * one task unwinds to the same recovery point as the run's). */
void ju_arena_share_oom(ju_arena *to, const ju_arena *from);

/* ju_arena_oom() is what a failed allocation does (the handler, which
 * unwinds), for memory a library could not get (cairo's surfaces). */
_Noreturn void ju_arena_oom(ju_arena *a);

/* ju_arena_alloc() returns `size` zeroed bytes, aligned for any type. */
void *ju_arena_alloc(ju_arena *a, size_t size);

/* ju_arena_array() returns `n` zeroed elements of `size` bytes, checking the
 * multiplication for overflow. */
void *ju_arena_array(ju_arena *a, size_t n, size_t size);

/* ju_arena_grow() returns a copy of `old` (old_n elements) with room for
 * new_n elements; the tail is zeroed. The old block stays in the arena, so
 * growing by doubling costs at most twice the final size. */
void *ju_arena_grow(ju_arena *a, const void *old, size_t old_n, size_t new_n, size_t size);

/* ju_malloc() and ju_realloc() are malloc/realloc under the arena's failure
 * rules (the fault switch, the handler), for blocks that grow and shrink (a
 * file being read, a row of cells) and for libraries that take an allocator.
 * They never return NULL; when ju_realloc() fails, `p` is left as it was.
 * ju_free() is free(). */
void *ju_malloc(ju_arena *a, size_t size);
void *ju_realloc(ju_arena *a, void *p, size_t size);
void ju_free(void *p);

/* ju_arena_slot() returns a pointer slot owned by the arena, NULL at first.
 * A ju_malloc/ju_realloc block kept in it is freed with the arena, also when
 * an allocation fails half-way; the owner may free it earlier (and set the
 * slot to NULL). Use:  void **buf = ju_arena_slot(a);
 *                      *buf = ju_realloc(a, *buf, n);  */
void **ju_arena_slot(ju_arena *a);

/* ju_arena_strndup() copies `n` bytes of `s` and adds a NUL. */
char *ju_arena_strndup(ju_arena *a, const char *s, size_t n);

/* ju_arena_strdup() copies the NUL-terminated string `s` (NULL gives NULL). */
char *ju_arena_strdup(ju_arena *a, const char *s);

/* ju_arena_printf() formats into a new string owned by the arena. */
char *ju_arena_printf(ju_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *ju_arena_vprintf(ju_arena *a, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* The fault switch, for tests only. ju_fault_arm(n) makes the n-th counted
 * allocation from now on (arena allocations and ju_malloc/ju_realloc, n ≥ 1)
 * and every one after it fail; 0 disarms it. main.c arms it from the
 * environment variable JU_TEST_FAIL_ALLOC. */
void ju_fault_arm(unsigned long n);

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

/* A run of bytes growing on the heap, not in the arena: it is given back as
 * soon as it has been used (ju_bytes_free). Start it zeroed. */
typedef struct {
    char *p;
    size_t n, cap;
} ju_bytes;

/* ju_bytes_add() appends `len` bytes (zeros when `data` is NULL); false
 * (nothing appended) when memory runs out: the caller decides what that
 * means, no unwinding. */
bool ju_bytes_add(ju_bytes *b, const void *data, size_t len);
void ju_bytes_free(ju_bytes *b);

/* The run read and written at an offset, as a file is (the streams over
 * memory that minizip and libxlsxwriter are given). ju_bytes_read_at()
 * copies up to `len` bytes from offset `pos` and returns how many (0 past
 * the end); ju_bytes_write_at() writes `len` bytes at `pos`, growing the run
 * (a gap before `pos` reads as zeros), false (nothing written) when memory
 * runs out or the run would pass half the address space. */
size_t ju_bytes_read_at(const ju_bytes *b, size_t pos, void *out, size_t len);
bool ju_bytes_write_at(ju_bytes *b, size_t pos, const void *data, size_t len);

/* A string built piece by piece in the arena in linear time (appending with
 * ju_arena_printf("%s%s", s, piece) copies the whole string each time:
 * quadratic in a list of thousands of municipalities). */
typedef struct {
    ju_arena *a;
    char *p;
    size_t n, cap;
} ju_strbuf;

void ju_strbuf_init(ju_strbuf *b, ju_arena *a);
void ju_strbuf_add(ju_strbuf *b, const char *s);
/* ju_strbuf_addn() appends the first `n` bytes of `s`. */
void ju_strbuf_addn(ju_strbuf *b, const char *s, size_t n);
void ju_strbuf_addf(ju_strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* ju_strbuf_str() is the string so far ("" when nothing was added). */
const char *ju_strbuf_str(const ju_strbuf *b);

#endif
