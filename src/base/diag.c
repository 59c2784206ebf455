/* diag.c — the run's diagnostics list; see diag.h. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void ju_diags_init(ju_diags *d, ju_arena *arena)
{
    memset(d, 0, sizeof *d);
    d->arena = arena;
}

static bool same_file(const char *a, const char *b)
{
    return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

size_t ju_diags_file_errors(const ju_diags *d, const char *file)
{
    size_t n = 0;
    for (size_t i = 0; i < d->n; i++)
        if ((d->items[i].severity == JU_SEV_ERROR || d->items[i].tail) && same_file(d->items[i].file, file))
            n++;
    return n;
}

bool ju_diags_file_full(const ju_diags *d, const char *file)
{
    return ju_diags_file_errors(d, file) > JU_DIAG_FILE_LIMIT;
}

static void push(ju_diags *d, ju_severity sev, const char *file, int line, int col, char *msg,
                 bool tail)
{
    ju_diag g = {file ? ju_arena_strdup(d->arena, file) : NULL, line, col, sev, msg, d->n, tail};
    JU_PUSH(d->arena, d->items, d->n, d->cap, g);
}

void ju_diag_add(ju_diags *d, ju_severity sev, const char *file, int line, int col,
                 const char *fmt, ...)
{
    if (sev == JU_SEV_ERROR) {
        d->errors++;
        size_t seen = ju_diags_file_errors(d, file);
        if (seen > JU_DIAG_FILE_LIMIT)
            return;
        if (seen == JU_DIAG_FILE_LIMIT) {
            push(d, JU_SEV_NOTE, file, 0, 0,
                 ju_arena_printf(d->arena, "too many errors (more than %d); the rest of this file was not checked",
                                 JU_DIAG_FILE_LIMIT),
                 true);
            return;
        }
    } else if (sev == JU_SEV_WARNING) {
        d->warnings++;
    }
    va_list ap;
    va_start(ap, fmt);
    char *msg = ju_arena_vprintf(d->arena, fmt, ap);
    va_end(ap);
    push(d, sev, file, line, col, msg, false);
}

static int file_rank(const ju_diags *d, const char *file)
{
    for (size_t i = 0; i < d->n; i++)
        if (same_file(d->items[i].file, file))
            return (int)i;
    return 0;
}

typedef struct {
    ju_diag g;
    int rank;
} keyed;

static int cmp_keyed(const void *pa, const void *pb)
{
    const keyed *a = pa, *b = pb;
    if (a->rank != b->rank)
        return a->rank < b->rank ? -1 : 1;
    if (a->g.tail != b->g.tail)
        return a->g.tail ? 1 : -1;
    if (a->g.line != b->g.line)
        return a->g.line < b->g.line ? -1 : 1;
    if (a->g.col != b->g.col)
        return a->g.col < b->g.col ? -1 : 1;
    return a->g.seq < b->g.seq ? -1 : a->g.seq > b->g.seq;
}

void ju_diags_sort(ju_diags *d)
{
    if (d->n < 2)
        return;
    keyed *k = ju_arena_array(d->arena, d->n, sizeof *k);
    for (size_t i = 0; i < d->n; i++) {
        k[i].g = d->items[i];
        k[i].rank = file_rank(d, d->items[i].file);
    }
    qsort(k, d->n, sizeof *k, cmp_keyed);
    for (size_t i = 0; i < d->n; i++)
        d->items[i] = k[i].g;
}

const char *ju_severity_name(ju_severity s)
{
    switch (s) {
    case JU_SEV_NOTE: return "note";
    case JU_SEV_WARNING: return "warning";
    case JU_SEV_ERROR: return "error";
    }
    return "?";
}

void ju_diag_print(FILE *f, const ju_diag *g)
{
    const char *sev = ju_severity_name(g->severity);
    if (!g->file)
        fprintf(f, "jusou: %s: %s\n", sev, g->message);
    else if (g->line <= 0)
        fprintf(f, "%s: %s: %s\n", g->file, sev, g->message);
    else if (g->col <= 0)
        fprintf(f, "%s:%d: %s: %s\n", g->file, g->line, sev, g->message);
    else
        fprintf(f, "%s:%d:%d: %s: %s\n", g->file, g->line, g->col, sev, g->message);
}
