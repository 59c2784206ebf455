/* guard.c — the guard stack; see guard.h. */
#include "guard.h"

#include <stdio.h>
#include <stdlib.h>

enum { MAX_GUARDS = 64 };

typedef struct {
    void (*release)(void *obj);
    void *obj;
} guard;

static _Thread_local guard stack[MAX_GUARDS];
static _Thread_local int depth;

int ju_guard(void (*release)(void *obj), void *obj)
{
    if (depth == MAX_GUARDS) {
        fputs("jusou: internal error: too many guards\n", stderr);
        abort();
    }
    stack[depth] = (guard){release, obj};
    return depth++;
}

void ju_unguard(int handle)
{
    if (handle != depth - 1) {
        fputs("jusou: internal error: guards released out of order\n", stderr);
        abort();
    }
    depth--;
}

void ju_guard_release_all(void)
{
    while (depth > 0) {
        depth--;
        stack[depth].release(stack[depth].obj);
    }
}

void ju_guard_forget_all(void)
{
    depth = 0;
}

int ju_guard_depth(void)
{
    return depth;
}
