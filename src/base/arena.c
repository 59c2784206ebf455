/* arena.c — bump allocator in chunks; see arena.h. */
#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CHUNK_MIN = 64 * 1024, ALIGN = 16 };

typedef struct chunk {
    struct chunk *next;
    size_t size, used;
    _Alignas(ALIGN) unsigned char data[];
} chunk;

typedef struct adopted {
    struct adopted *next;
    void *p;
} adopted;

struct ju_arena {
    chunk *head;
    adopted *adopted;
    void (*oom)(void *ctx);
    void *oom_ctx;
};

/* the fault switch: fail from the fault_at-th counted allocation on */
static _Thread_local unsigned long fault_at, fault_seen;

void ju_fault_arm(unsigned long n)
{
    fault_at = n;
    fault_seen = 0;
}

static bool fault_now(void)
{
    fault_seen++;
    return fault_at && fault_seen >= fault_at;
}

static _Noreturn void out_of_memory(ju_arena *a)
{
    if (a->oom)
        a->oom(a->oom_ctx);
    fputs("jusou: error: out of memory\n", stderr);
    abort();
}

void ju_arena_oom(ju_arena *a)
{
    out_of_memory(a);
}

ju_arena *ju_arena_new(void)
{
    return calloc(1, sizeof(ju_arena));
}

void ju_arena_on_oom(ju_arena *a, void (*handler)(void *ctx), void *ctx)
{
    a->oom = handler;
    a->oom_ctx = ctx;
}

void ju_arena_share_oom(ju_arena *to, const ju_arena *from)
{
    to->oom = from->oom;
    to->oom_ctx = from->oom_ctx;
}

void ju_arena_free(ju_arena *a)
{
    if (!a)
        return;
    for (adopted *d = a->adopted; d; d = d->next)
        free(d->p);
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
    if (fault_now() || size > SIZE_MAX / 2 - sizeof(chunk))
        out_of_memory(a);
    size = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    chunk *c = a->head;
    if (!c || c->size - c->used < size) {
        size_t want = size > CHUNK_MIN ? size : CHUNK_MIN;
        chunk *fresh = malloc(sizeof(chunk) + want);
        if (!fresh)
            out_of_memory(a);
        fresh->size = want;
        fresh->used = 0;
        /* a block bigger than a chunk gets a chunk of its own behind the
         * current one, so the current chunk's free space is not wasted */
        if (c && want > CHUNK_MIN) {
            fresh->next = c->next;
            c->next = fresh;
        } else {
            fresh->next = c;
            a->head = fresh;
        }
        c = fresh;
    }
    void *p = c->data + c->used;
    c->used += size;
    memset(p, 0, size);
    return p;
}

void *ju_arena_array(ju_arena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        out_of_memory(a);
    return ju_arena_alloc(a, n * size);
}

void *ju_arena_grow(ju_arena *a, const void *old, size_t old_n, size_t new_n, size_t size)
{
    void *p = ju_arena_array(a, new_n, size);
    if (old && old_n)
        memcpy(p, old, old_n * size);
    return p;
}

void *ju_malloc(ju_arena *a, size_t size)
{
    void *p = fault_now() ? NULL : malloc(size ? size : 1);
    if (!p)
        out_of_memory(a);
    return p;
}

void *ju_realloc(ju_arena *a, void *p, size_t size)
{
    void *q = fault_now() ? NULL : realloc(p, size ? size : 1);
    if (!q)
        out_of_memory(a); /* p is still valid: whoever holds it frees it */
    return q;
}

void ju_free(void *p)
{
    free(p);
}

void **ju_arena_slot(ju_arena *a)
{
    adopted *d = ju_arena_alloc(a, sizeof *d);
    d->next = a->adopted;
    a->adopted = d;
    return &d->p;
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
        out_of_memory(a);
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

void ju_strbuf_init(ju_strbuf *b, ju_arena *a)
{
    b->a = a;
    b->p = NULL;
    b->n = b->cap = 0;
}

static void strbuf_room(ju_strbuf *b, size_t more)
{
    if (b->n + more + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->n + more + 1)
        cap *= 2;
    char *p = ju_arena_alloc(b->a, cap);
    if (b->n)
        memcpy(p, b->p, b->n);
    b->p = p;
    b->cap = cap;
}

void ju_strbuf_addn(ju_strbuf *b, const char *s, size_t n)
{
    strbuf_room(b, n);
    if (n)
        memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

void ju_strbuf_add(ju_strbuf *b, const char *s)
{
    ju_strbuf_addn(b, s, strlen(s));
}

void ju_strbuf_addf(ju_strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (len <= 0)
        return;
    strbuf_room(b, (size_t)len);
    va_start(ap, fmt);
    vsnprintf(b->p + b->n, (size_t)len + 1, fmt, ap);
    va_end(ap);
    b->n += (size_t)len;
}

const char *ju_strbuf_str(const ju_strbuf *b)
{
    return b->p ? b->p : "";
}

bool ju_bytes_add(ju_bytes *b, const void *data, size_t len)
{
    if (b->n + len > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->n + len)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p)
            return false;
        b->p = p;
        b->cap = cap;
    }
    if (len && data)
        memcpy(b->p + b->n, data, len);
    else if (len)
        memset(b->p + b->n, 0, len);
    b->n += len;
    return true;
}

size_t ju_bytes_read_at(const ju_bytes *b, size_t pos, void *out, size_t len)
{
    size_t left = pos < b->n ? b->n - pos : 0;
    size_t k = len < left ? len : left;
    if (k)
        memcpy(out, b->p + pos, k);
    return k;
}

bool ju_bytes_write_at(ju_bytes *b, size_t pos, const void *data, size_t len)
{
    if (pos > SIZE_MAX / 2 || len > SIZE_MAX / 2 - pos)
        return false;
    if (pos + len > b->n && !ju_bytes_add(b, NULL, pos + len - b->n))
        return false;
    if (len)
        memcpy(b->p + pos, data, len);
    return true;
}

void ju_bytes_free(ju_bytes *b)
{
    free(b->p);
    b->p = NULL;
    b->n = b->cap = 0;
}
