/* reportspec.c — reading templates/report.ini; see reportspec.h. */
#include "reportspec.h"

#include <ini.h>
#include <string.h>

#include "source.h"
#include "text.h"

typedef struct {
    ju_arena *a;
    ju_diags *d;
    ju_reportspec *out;
    size_t cap, ecap;
    const char *path;
    const char *cursor; /* the next unread line of the file */
    int line;           /* its number */
} ctx;

/* Moves the cursor past the next line that holds a key, which inih has just
 * handed over (it calls in file order), and returns that line's text. */
static const char *next_key_line(ctx *c, bool *continuation)
{
    *continuation = false;
    while (*c->cursor) {
        const char *s = c->cursor;
        const char *eol = strchr(s, '\n');
        c->cursor = eol ? eol + 1 : s + strlen(s);
        c->line++;
        const char *p = s;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '\n' || *p == '\r' || *p == '\0' || *p == ';' || *p == '#' || *p == '[')
            continue;
        *continuation = p != s;
        return s;
    }
    return NULL;
}

static int chars(const char *s, size_t n)
{
    int k = 0;
    for (size_t i = 0; i < n && s[i]; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

/* the character column where a line's value starts: after "key =" for a
 * key line, after the indent for a continuation */
static int value_column(const char *line)
{
    const char *p = line;
    while (*p == ' ' || *p == '\t')
        p++;
    if (p == line) {
        const char *eq = strpbrk(line, "=:\n");
        if (eq && *eq != '\n')
            p = eq + 1;
        while (*p == ' ' || *p == '\t')
            p++;
    }
    return chars(line, (size_t)(p - line)) + 1;
}

void ju_rentry_pos(const ju_rentry *e, size_t offset, int *line, int *col)
{
    size_t k = 0;
    while (k + 1 < e->npieces && e->pieces[k + 1].offset <= offset)
        k++;
    *line = e->pieces[k].line;
    *col = e->pieces[k].col + chars(e->value + e->pieces[k].offset, offset - e->pieces[k].offset);
}

static int on_entry(void *user, const char *section, const char *name, const char *value)
{
    ctx *c = user;
    ju_reportspec *r = c->out;
    bool continuation;
    const char *text = next_key_line(c, &continuation);
    int line = c->line - 1;
    if (continuation) {
        /* inih hands an indented line over as the same key again: it
         * continues the value before, joined without a space (Japanese) */
        if (r->n == 0 || r->sections[r->n - 1].n == 0) {
            ju_diag_add(c->d, JU_SEV_ERROR, c->path, line, 1, "an indented line continues nothing");
            return 1;
        }
        ju_rentry *last = &r->sections[r->n - 1].entries[r->sections[r->n - 1].n - 1];
        ju_rpiece piece = {strlen(last->value), line, value_column(text)};
        size_t cap = last->npieces;
        JU_PUSH(c->a, last->pieces, last->npieces, cap, piece);
        last->value = ju_arena_printf(c->a, "%s%s", last->value, value);
        return 1;
    }
    if (r->n == 0 || strcmp(r->sections[r->n - 1].id, section) != 0) {
        for (size_t i = 0; i < r->n; i++)
            if (strcmp(r->sections[i].id, section) == 0) {
                ju_diag_add(c->d, JU_SEV_ERROR, c->path, line, 1, "[%s] appears twice: give each page its own name",
                            section);
                return 1;
            }
        ju_rsection s = {ju_arena_strdup(c->a, section), NULL, 0};
        JU_PUSH(c->a, r->sections, r->n, c->cap, s);
        c->ecap = 0;
    }
    ju_rsection *s = &r->sections[r->n - 1];
    int col = text ? value_column(text) : 1;
    ju_rentry e = {ju_arena_strdup(c->a, name), ju_arena_strdup(c->a, value), line, col, NULL, 0};
    ju_rpiece first = {0, line, col};
    size_t cap = 0;
    JU_PUSH(c->a, e.pieces, e.npieces, cap, first);
    JU_PUSH(c->a, s->entries, s->n, c->ecap, e);
    return 1;
}

ju_status ju_reportspec_load(ju_arena *a, ju_diags *d, const char *path, ju_reportspec *out)
{
    memset(out, 0, sizeof *out);
    out->path = path;
    ju_source src;
    ju_status rs = ju_source_read_config(a, d, path, "report template", NULL, &src);
    if (rs != JU_OK)
        return rs;
    const char *text = src.text; /* decoded, without a BOM */
    if (ju_long_lines(d, path, text))
        return JU_ERR_CONFIG;
    ctx c = {a, d, out, 0, 0, path, text, 1};
    size_t before = d->errors;
    int r = ini_parse_string(text, on_entry, &c);
    if (r > 0 && d->errors == before)
        ju_diag_add(d, JU_SEV_ERROR, path, r, 1, "this line is not 'key = value' or [section]");
    return d->errors > before ? JU_ERR_CONFIG : JU_OK;
}
