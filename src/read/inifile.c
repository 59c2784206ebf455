/* inifile.c — INI files through libinih's line reader; see inifile.h. */
#include "inifile.h"

#include <ini.h>
#include <stdbool.h>
#include <string.h>

#include "source.h"
#include "strmap.h"
#include "text.h"

/* Bytes of a long physical line handed to libinih at once: well under the
 * 199 its buffer holds, with room for the space and the line end added. */
enum { PIECE = 150 };

typedef struct {
    ju_arena *a;
    ju_diags *d;
    const char *path;
    const char *text;
    size_t len;
    size_t pos;          /* the next byte to feed */
    /* the physical line being fed */
    int line;
    size_t line_start, line_end; /* content, without the line end */
    size_t next_line;            /* where the line after it starts */
    bool long_line;              /* fed in pieces */
    size_t piece_end;            /* in a long line: where the piece fed last ends */
    /* the last piece fed: where its bytes start, and whether libinih sees it
     * as a continuation (an indented line, or the rest of a long one) */
    size_t fed_start;
    bool fed_continues;
    /* characters counted on the current line, for columns */
    size_t counted_to;
    int counted;
    /* libinih's line numbers (one per piece) back to physical lines */
    int *lines;
    size_t nlines, caplines;
    /* the last [section] header fed */
    int header_line, header_col;
    /* what the handler builds */
    ju_ini *out;
    size_t capsections, capentries;
    ju_strmap names;    /* sections seen */
    char *value;        /* the last entry's value as it grows */
    size_t vlen, vcap;
    size_t pcap;        /* and the capacity of its pieces */
} feeder;

/* appends to the last entry's value: doubling, so a value of n pieces costs O(n) */
static void append_value(feeder *F, const char *s)
{
    size_t n = strlen(s);
    if (F->vlen + n + 1 > F->vcap) {
        size_t cap = 2 * (F->vlen + n + 1);
        F->value = ju_arena_grow(F->a, F->value, F->vlen, cap, 1);
        F->vcap = cap;
    }
    memcpy(F->value + F->vlen, s, n + 1);
    F->vlen += n;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t';
}

/* the column (in characters) of byte `at` of the current line */
static int column_of(feeder *F, size_t at)
{
    if (at < F->counted_to) { /* behind: count again from the line's start */
        F->counted_to = F->line_start;
        F->counted = 0;
    }
    for (; F->counted_to < at; F->counted_to++)
        F->counted += ((unsigned char)F->text[F->counted_to] & 0xC0) != 0x80;
    return F->counted + 1;
}

/* where to cut a long line's content after `from`: at most PIECE bytes on, on
 * a character boundary, with no white space either side (libinih strips it)
 * and no comment character starting the next piece */
static size_t cut_at(const feeder *F, size_t from, size_t end)
{
    if (end - from <= PIECE)
        return end;
    for (size_t k = from + PIECE; k > from + PIECE / 2; k--) {
        unsigned char c = (unsigned char)F->text[k];
        if ((c & 0xC0) == 0x80 || is_space((char)c) || c == ';' || c == '#' || is_space(F->text[k - 1]))
            continue;
        return k;
    }
    size_t k = from + PIECE;
    while (k > from + 1 && ((unsigned char)F->text[k] & 0xC0) == 0x80)
        k--;
    return k;
}

static void note_line(feeder *F)
{
    JU_PUSH(F->a, F->lines, F->nlines, F->caplines, F->line);
}

/* libinih's reader: one physical line per call, or a piece of a long one */
static char *feed(char *buf, int size, void *stream)
{
    feeder *F = stream;
    if (F->long_line) {
        size_t from = F->piece_end;
        if (from < F->line_end) {
            size_t to = cut_at(F, from, F->line_end);
            size_t n = to - from;
            buf[0] = ' '; /* indented: libinih continues the value */
            memcpy(buf + 1, F->text + from, n);
            buf[n + 1] = '\n';
            buf[n + 2] = '\0';
            F->piece_end = to;
            F->fed_start = from;
            F->fed_continues = true;
            note_line(F);
            return buf;
        }
        F->long_line = false;
        F->pos = F->next_line;
    }
    if (F->pos >= F->len)
        return NULL;
    F->line++;
    F->line_start = F->pos;
    size_t e = F->pos;
    while (e < F->len && F->text[e] != '\n' && F->text[e] != '\r')
        e++;
    F->line_end = e;
    F->next_line = e < F->len ? e + (F->text[e] == '\r' && e + 1 < F->len && F->text[e + 1] == '\n' ? 2 : 1) : e;
    F->counted_to = F->line_start;
    F->counted = 0;
    note_line(F);
    size_t s = F->line_start;
    while (s < e && is_space(F->text[s]))
        s++;
    if (s == e || F->text[s] == ';' || F->text[s] == '#') { /* blank or a comment, however long */
        strcpy(buf, s == e ? "\n" : "#\n");
        F->pos = F->next_line;
        return buf;
    }
    if (F->text[s] == '[') {
        F->header_line = F->line;
        F->header_col = column_of(F, s + 1);
    }
    F->fed_start = F->line_start;
    F->fed_continues = s > F->line_start;
    size_t content_end = e;
    if ((size_t)size >= 3 && e - F->line_start <= (size_t)size - 3) {
        memcpy(buf, F->text + F->line_start, e - F->line_start);
        buf[e - F->line_start] = '\n';
        buf[e - F->line_start + 1] = '\0';
        F->pos = F->next_line;
        return buf;
    }
    /* a long line: an inline comment ends its content (libinih would strip
     * it only from the piece it starts in) */
    for (size_t k = s + 1; k < e; k++)
        if (F->text[k] == ';' && is_space(F->text[k - 1])) {
            content_end = k;
            break;
        }
    while (content_end > s && is_space(F->text[content_end - 1]))
        content_end--;
    F->line_end = content_end;
    F->long_line = true;
    size_t to = cut_at(F, F->line_start, content_end);
    memcpy(buf, F->text + F->line_start, to - F->line_start);
    buf[to - F->line_start] = '\n';
    buf[to - F->line_start + 1] = '\0';
    F->piece_end = to;
    return buf;
}

static int on_entry(void *user, const char *section, const char *name, const char *value)
{
    feeder *F = user;
    ju_ini *ini = F->out;
    if (F->fed_continues && ini->n && ini->sections[ini->n - 1].n) {
        /* a continuation: the value goes on, joined without a space */
        ju_inisection *sec = &ini->sections[ini->n - 1];
        ju_inientry *last = &sec->entries[sec->n - 1];
        size_t at = F->fed_start;
        while (at < F->line_end && is_space(F->text[at]))
            at++;
        ju_inipiece piece = {F->vlen, F->line, column_of(F, at)};
        JU_PUSH(F->a, last->pieces, last->npieces, F->pcap, piece);
        append_value(F, value);
        last->value = F->value;
        return 1;
    }
    if (F->fed_continues) {
        ju_diag_add(F->d, JU_SEV_ERROR, F->path, F->line, column_of(F, F->fed_start + 1),
                    _("an indented line continues nothing"));
        return 1;
    }
    if (ini->n == 0 || strcmp(ini->sections[ini->n - 1].name, section) != 0) {
        const char *name_copy = ju_arena_strdup(F->a, section);
        if (!ju_strmap_put(F->a, &F->names, name_copy, strlen(name_copy), ini->n)) {
            ju_diag_add(F->d, JU_SEV_ERROR, F->path, F->header_line, F->header_col,
                        _("[%s] appears twice: give each section its own name"), ju_visible(F->a, section, 60));
            return 1;
        }
        ju_inisection s = {name_copy, *section ? F->header_line : 0, *section ? F->header_col : 0, NULL, 0};
        JU_PUSH(F->a, ini->sections, ini->n, F->capsections, s);
        F->capentries = 0;
    }
    ju_inisection *sec = &ini->sections[ini->n - 1];
    /* the key starts the line; the value after the first '=' or ':' */
    size_t k = F->line_start;
    while (k < F->line_end && is_space(F->text[k]))
        k++;
    size_t v = k;
    while (v < F->line_end && F->text[v] != '=' && F->text[v] != ':')
        v++;
    if (v < F->line_end)
        v++;
    while (v < F->line_end && is_space(F->text[v]))
        v++;
    int key_col = column_of(F, k);
    int col = column_of(F, v);
    F->value = NULL;
    F->vlen = F->vcap = 0;
    append_value(F, value);
    ju_inientry e = {ju_arena_strdup(F->a, name), F->value, F->line, col, key_col, NULL, 0};
    ju_inipiece first = {0, F->line, col};
    F->pcap = 0;
    JU_PUSH(F->a, e.pieces, e.npieces, F->pcap, first);
    JU_PUSH(F->a, sec->entries, sec->n, F->capentries, e);
    return 1;
}

/* a value past JU_INI_VALUE_MAX characters: an error where it passes it, and cut there */
static void limit_values(ju_diags *d, const char *path, ju_ini *ini)
{
    for (size_t i = 0; i < ini->n; i++)
        for (size_t k = 0; k < ini->sections[i].n; k++) {
            ju_inientry *e = &ini->sections[i].entries[k];
            size_t at, total;
            if (!ju_text_longer(e->value, JU_INI_VALUE_MAX, &at, &total))
                continue;
            int line, col;
            ju_ini_pos(e, at, &line, &col);
            ju_diag_add(d, JU_SEV_ERROR, path, line, col,
                        _("[%s] %s: this value is %zu characters long; a value may have at most %d"),
                        ini->sections[i].name, e->key, total, JU_INI_VALUE_MAX);
            ((char *)e->value)[at] = '\0';
        }
}

ju_status ju_ini_parse(ju_arena *a, ju_diags *d, const char *path, const char *text, ju_ini *out)
{
    memset(out, 0, sizeof *out);
    out->path = path;
    feeder F = {.a = a, .d = d, .path = path, .text = text, .len = strlen(text), .out = out};
    size_t before = d->errors;
    int r = ini_parse_stream(feed, &F, on_entry, &F);
    if (r > 0) {
        int line = (size_t)r <= F.nlines ? F.lines[r - 1] : 0;
        ju_diag_add(d, JU_SEV_ERROR, path, line, 0, _("this line is not 'key = value', [section] or a comment"));
    } else if (r < 0) {
        ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, _("cannot parse the file (out of memory in libinih)"));
    }
    limit_values(d, path, out);
    return d->errors > before ? JU_ERR_CONFIG : JU_OK;
}

ju_status ju_ini_read(ju_arena *a, ju_diags *d, const char *path, const char *what, const char *hint, ju_ini *out)
{
    memset(out, 0, sizeof *out);
    out->path = path;
    ju_source src;
    ju_status st = ju_source_read_config(a, d, path, what, hint, &src);
    if (st != JU_OK)
        return st;
    return ju_ini_parse(a, d, path, src.text, out);
}

void ju_ini_pos(const ju_inientry *e, size_t offset, int *line, int *col)
{
    size_t k = 0;
    while (k + 1 < e->npieces && e->pieces[k + 1].offset <= offset)
        k++;
    int c = 0;
    for (size_t i = e->pieces[k].offset; i < offset && e->value[i]; i++)
        c += ((unsigned char)e->value[i] & 0xC0) != 0x80;
    *line = e->pieces[k].line;
    *col = e->pieces[k].col + c;
}

const ju_inisection *ju_ini_section(const ju_ini *ini, const char *name)
{
    for (size_t i = 0; i < ini->n; i++)
        if (strcmp(ini->sections[i].name, name) == 0)
            return &ini->sections[i];
    return NULL;
}
