/* arena.c — bump allocator in chunks; see arena.h. */
#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "status.h"

enum { CHUNK_MIN = 64 * 1024, ALIGN = 16 };

typedef struct chunk {
    struct chunk *next;
    size_t size, used;
    _Alignas(ALIGN) unsigned char data[];
} chunk;

struct ju_arena {
    chunk *head;
};

static _Noreturn void out_of_memory(void)
{
    fputs("jusou: error: out of memory\n", stderr);
    exit(JU_EXIT_SYSTEM);
}

ju_arena *ju_arena_new(void)
{
    ju_arena *a = calloc(1, sizeof *a);
    if (!a)
        out_of_memory();
    return a;
}

void ju_arena_free(ju_arena *a)
{
    if (!a)
        return;
    chunk *c = a->head;
    while (c) {
        chunk *next = c->next;
        free(c);
        c = next;
    }
    free(a);
}

void *ju_arena_alloc(ju_arena *a, size_t size)
{
    if (size > SIZE_MAX - 2 * ALIGN - sizeof(chunk))
        out_of_memory();
    size = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    chunk *c = a->head;
    if (!c || c->size - c->used < size) {
        size_t want = size > CHUNK_MIN ? size : CHUNK_MIN;
        c = malloc(sizeof(chunk) + want);
        if (!c)
            out_of_memory();
        c->size = want;
        c->used = 0;
        c->next = a->head;
        a->head = c;
    }
    void *p = c->data + c->used;
    c->used += size;
    memset(p, 0, size);
    return p;
}

void *ju_arena_array(ju_arena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        out_of_memory();
    return ju_arena_alloc(a, n * size);
}

void *ju_arena_grow(ju_arena *a, const void *old, size_t old_n, size_t new_n, size_t size)
{
    void *p = ju_arena_array(a, new_n, size);
    if (old && old_n)
        memcpy(p, old, old_n * size);
    return p;
}

char *ju_arena_strndup(ju_arena *a, const char *s, size_t n)
{
    char *p = ju_arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *ju_arena_strdup(ju_arena *a, const char *s)
{
    return s ? ju_arena_strndup(a, s, strlen(s)) : NULL;
}

char *ju_arena_vprintf(ju_arena *a, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        out_of_memory();
    char *p = ju_arena_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *ju_arena_printf(ju_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = ju_arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}
