/* diag.c — the run's diagnostics list; see diag.h. */
#include "diag.h"

#include "charclass.h"

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

/* the file's entry; the newest file is looked at first, since diagnostics
 * come in runs per file (a run mentions a few dozen files at most) */
static ju_diagfile *file_entry(ju_diags *d, const char *file, bool add)
{
    for (size_t i = d->nfiles; i-- > 0;)
        if (same_file(d->files[i].file, file))
            return &d->files[i];
    if (!add)
        return NULL;
    ju_diagfile f = {file ? ju_arena_strdup(d->arena, file) : NULL, 0, 0, 0, 0};
    JU_PUSH(d->arena, d->files, d->nfiles, d->capfiles, f);
    return &d->files[d->nfiles - 1];
}

size_t ju_diags_file_errors(const ju_diags *d, const char *file)
{
    ju_diagfile *f = file_entry((ju_diags *)d, file, false);
    return f ? f->errors : 0;
}

bool ju_diags_file_full(const ju_diags *d, const char *file)
{
    return ju_diags_file_errors(d, file) > JU_DIAG_FILE_LIMIT;
}

bool ju_diags_file_quiet(const ju_diags *d, const char *file, ju_severity sev)
{
    ju_diagfile *f = file_entry((ju_diags *)d, file, false);
    if (!f)
        return false;
    return sev == JU_SEV_ERROR ? f->errors > JU_DIAG_FILE_LIMIT
                               : sev == JU_SEV_WARNING && f->warnings >= JU_DIAG_WARNING_LIMIT;
}

static void push(ju_diags *d, ju_diagfile *f, ju_severity sev, int line, int col, char *msg, bool tail)
{
    ju_diag g = {f->file, line, col, sev, msg, d->n, tail, (size_t)(f - d->files), false};
    JU_PUSH(d->arena, d->items, d->n, d->cap, g);
}

void ju_diag_add(ju_diags *d, ju_severity sev, const char *file, int line, int col,
                 const char *fmt, ...)
{
    ju_diagfile *f = file_entry(d, file, true);
    if (sev == JU_SEV_ERROR) {
        d->errors++;
        if (f->errors > JU_DIAG_FILE_LIMIT)
            return;
        if (f->errors++ == JU_DIAG_FILE_LIMIT) {
            push(d, f, JU_SEV_NOTE, 0, 0,
                 ju_arena_printf(d->arena, _("too many errors (more than %d); the rest of this file was not checked"),
                                 JU_DIAG_FILE_LIMIT),
                 true);
            return;
        }
    } else if (sev == JU_SEV_WARNING) {
        d->warnings++;
        if (f->warnings >= JU_DIAG_WARNING_LIMIT) {
            f->dropped_warnings++;
            char *msg = ju_arena_printf(d->arena,
                                        ngettext("%zu more warning in this file is not shown",
                                                 "%zu more warnings in this file are not shown", f->dropped_warnings),
                                        f->dropped_warnings);
            if (f->counter) {
                d->items[f->counter - 1].message = msg;
            } else {
                push(d, f, JU_SEV_NOTE, 0, 0, msg, true);
                d->items[d->n - 1].counter = true;
                f->counter = d->n;
            }
            return;
        }
        f->warnings++;
    }
    va_list ap;
    va_start(ap, fmt);
    char *msg = ju_arena_vprintf(d->arena, fmt, ap);
    va_end(ap);
    push(d, f, sev, line, col, msg, false);
}

void ju_diags_rename(ju_diags *d, const char *from, const char *to)
{
    size_t n = strlen(from);
    for (size_t i = 0; i < d->nfiles; i++) {
        const char *f = d->files[i].file;
        if (!f || strncmp(f, from, n) != 0 || (f[n] != '/' && f[n] != '\0'))
            continue;
        const char *renamed = ju_arena_printf(d->arena, "%s%s", to, f + n);
        for (size_t k = 0; k < d->n; k++)
            if (d->items[k].file == f)
                d->items[k].file = renamed;
        d->files[i].file = renamed;
    }
}

static int cmp_diag(const void *pa, const void *pb)
{
    const ju_diag *a = pa, *b = pb;
    if (a->rank != b->rank)
        return a->rank < b->rank ? -1 : 1;
    if (a->tail != b->tail)
        return a->tail ? 1 : -1;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->col != b->col)
        return a->col < b->col ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void ju_diags_sort(ju_diags *d)
{
    if (d->n < 2)
        return;
    qsort(d->items, d->n, sizeof *d->items, cmp_diag);
    /* the counter notes moved with the sort */
    for (size_t i = 0; i < d->n; i++)
        if (d->items[i].counter)
            d->files[d->items[i].rank].counter = i + 1;
}

const char *ju_severity_name(ju_severity s)
{
    switch (s) {
    case JU_SEV_NOTE: return _("note");
    case JU_SEV_WARNING: return _("warning");
    case JU_SEV_ERROR: return _("error");
    }
    return "?";
}

/* s with what a reader cannot see as U+XXXX, through put(bytes, n, ctx) */
static void escape(const char *s, void (*put)(const char *bytes, size_t n, void *ctx), void *ctx)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        unsigned cp;
        int len;
        ju_charclass c = ju_char_class((const unsigned char *)s + i, n - i, &cp, &len);
        if (c != JU_CH_PLAIN || cp == '\n' || cp == '\r' || cp == '\t') {
            char u[16];
            int k = snprintf(u, sizeof u, "U+%04X", cp);
            put(u, (size_t)k, ctx);
        } else
            put(s + i, (size_t)len, ctx);
        i += (size_t)len;
    }
}

static void put_file(const char *bytes, size_t n, void *f)
{
    fwrite(bytes, 1, n, f);
}

static void put_strbuf(const char *bytes, size_t n, void *b)
{
    ju_strbuf_addn(b, bytes, n);
}

const char *ju_diag_escaped(ju_arena *a, const char *s)
{
    ju_strbuf b;
    ju_strbuf_init(&b, a);
    escape(s, put_strbuf, &b);
    return ju_strbuf_str(&b);
}

void ju_diag_print(FILE *f, const ju_diag *g)
{
    if (!g->file)
        fputs("jusou", f);
    else
        escape(g->file, put_file, f);
    if (g->file && g->line > 0 && g->col > 0)
        fprintf(f, ":%d:%d", g->line, g->col);
    else if (g->file && g->line > 0)
        fprintf(f, ":%d", g->line);
    fprintf(f, ": %s: ", ju_severity_name(g->severity));
    escape(g->message, put_file, f);
    fputc('\n', f);
}
