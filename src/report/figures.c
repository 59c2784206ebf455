/* figures.c — tables and diagrams of the report template; see builder.h.
 *
 *   table = 対象 | ① 発見 | ② 関係構築      a table; this first row heads it
 *   head  = …                              another heading row (right after)
 *   row   = 個別支援 | … | <                a row; `<` merges the cell with the
 *                                          one to its left, `^` with the one above
 *
 *   diagram = what it shows (its text alternative)
 *   box   = ID @ COLUMN,ROW [strong] | title [| text]     COLUMN may be 1-3 (a span)
 *   arrow = ID -> ID [| label]       (<-> points both ways)
 *
 * Cells, titles, texts and labels take placeholders as any text does. */
#include "builder.h"

#include <stdio.h>
#include <string.h>

#include "text.h"

enum { MAX_COLS = 12, MAX_ROWS = 64, MAX_GRID = 8 };

/* the last block of the page when it is of `kind`, else NULL */
static ju_block *last_of(blocks *bl, ju_blockkind kind)
{
    return bl->n && bl->items[bl->n - 1].kind == kind ? &bl->items[bl->n - 1] : NULL;
}

/* splits `v` at '|' into at most `max` trimmed pieces; returns how many
 * (max + 1 when there are more) */
static int split_bars(ju_arena *a, const char *v, const char **out, int max)
{
    int n = 0;
    for (const char *p = v;; n++) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (n < max)
            out[n] = ju_trim(a, ju_arena_strndup(a, p, len));
        if (!bar)
            return n + 1 > max ? max + 1 : n + 1;
        p = bar + 1;
    }
}

/* how many cells the template wrote: '|' outside placeholders, plus one */
static int raw_cells(const char *v)
{
    int n = 1, depth = 0;
    for (const char *p = v; *p; p++) {
        depth += *p == '{' ? 1 : *p == '}' && depth ? -1 : 0;
        n += *p == '|' && depth == 0;
    }
    return n;
}

/* the entry's value with its placeholders filled; when a figure it needs
 * cannot be computed, the value as written with *missing set (the caller
 * leaves those words blank); NULL after an error in the template */
static const char *filled(builder *B, const ju_inisection *s, const ju_inientry *e, bool *missing)
{
    size_t before = B->d->errors;
    const char *v = doc_fill(B, s, e);
    *missing = !v;
    return v ? v : B->d->errors > before ? NULL : e->value;
}

static void table_row(builder *B, const ju_inisection *s, const ju_inientry *e, ju_doctable *t, bool head)
{
    bool missing;
    const char *v = filled(B, s, e, &missing);
    if (!v)
        return;
    int n = raw_cells(e->value);
    if (n > MAX_COLS) {
        doc_error(B, s, e, _("%d cells: a table has at most %d columns"), n, MAX_COLS);
        return;
    }
    const char *cell[MAX_COLS + 1];
    if (!missing)
        n = split_bars(B->a, v, cell, MAX_COLS);
    else /* the row's figures cannot be computed: its cells stay blank */
        for (int c = 0; c < n; c++)
            cell[c] = "";
    if (t->nrows >= MAX_ROWS) {
        doc_error(B, s, e, _("a table has at most %d rows"), MAX_ROWS);
        return;
    }
    if (t->nrows == 0)
        t->ncols = n;
    else if (n != t->ncols) {
        doc_error(B, s, e, _("%d cells, where the table's first row has %d"), n, t->ncols);
        return;
    }
    int r = t->nrows;
    t->grid = ju_arena_grow(B->a, t->grid, (size_t)r * (size_t)n, (size_t)(r + 1) * (size_t)n, sizeof *t->grid);
    for (int c = 0; c < n; c++) {
        int *at = &t->grid[r * n + c];
        bool left = strcmp(cell[c], "<") == 0, up = strcmp(cell[c], "^") == 0;
        if ((left && c == 0) || (up && r == 0)) {
            doc_error(B, s, e, left ? _("'<' in the first column: there is no cell to its left to merge with")
                                    : _("'^' in the first row: there is no cell above to merge with"));
            *at = -1;
            continue;
        }
        if (left || up) {
            int owner = left ? t->grid[r * n + c - 1] : t->grid[(r - 1) * n + c];
            *at = owner;
            if (owner < 0)
                continue;
            ju_doccell *o = &t->cells[owner];
            o->cols = c - o->col + 1 > o->cols ? c - o->col + 1 : o->cols;
            o->rows = r - o->row + 1 > o->rows ? r - o->row + 1 : o->rows;
            continue;
        }
        ju_doccell nc = {cell[c], r, c, 1, 1};
        *at = (int)t->n;
        JU_PUSH(B->a, t->cells, t->n, t->cap, nc);
    }
    t->nrows++;
    if (head)
        t->head_rows = t->nrows;
}

bool doc_table_entry(builder *B, const ju_inisection *s, const ju_inientry *e, blocks *bl)
{
    const char *k = e->key;
    if (strcmp(k, "table") == 0) {
        ju_doctable *t = ju_arena_array(B->a, 1, sizeof *t);
        t->entry = e;
        doc_add(B, bl, (ju_block){.kind = JU_BLK_TABLE, .table = t});
        table_row(B, s, e, t, true);
        return true;
    }
    bool head = strcmp(k, "head") == 0;
    if (!head && strcmp(k, "row") != 0)
        return false;
    ju_block *b = last_of(bl, JU_BLK_TABLE);
    if (!b)
        doc_error(B, s, e, _("a row belongs to a table: write 'table = …' (its first row) before it"));
    else if (head && b->table->head_rows != b->table->nrows)
        doc_error(B, s, e, _("a heading row comes right after 'table =' or another 'head ='"));
    else
        table_row(B, s, e, b->table, head);
    return true;
}

/* merged cells must be rectangles: every position a cell spans is its own */
static void table_end(builder *B, const ju_inisection *s, ju_doctable *t)
{
    for (size_t i = 0; i < t->n; i++) {
        const ju_doccell *c = &t->cells[i];
        int owned = 0;
        for (int k = 0; k < t->nrows * t->ncols; k++)
            owned += t->grid[k] == (int)i;
        bool whole = owned == c->rows * c->cols;
        for (int r = c->row; r < c->row + c->rows && whole; r++)
            for (int col = c->col; col < c->col + c->cols; col++)
                whole = whole && t->grid[r * t->ncols + col] == (int)i;
        if (!whole) {
            doc_error(B, s, t->entry, _("the cells merged into '%s' (row %d, column %d) do not make a rectangle"),
                      ju_visible(B->a, c->text, 30), c->row + 1, c->col + 1);
            return;
        }
    }
}

/* --- diagrams ------------------------------------------------------------------ */

static long box_of(const ju_diagram *g, const char *id)
{
    for (size_t i = 0; i < g->nboxes; i++)
        if (strcmp(g->boxes[i].id, id) == 0)
            return (long)i;
    return -1;
}

static void box_entry(builder *B, const ju_inisection *s, const ju_inientry *e, ju_diagram *g)
{
    bool blank; /* a figure its words need is missing: the box stays, empty */
    const char *v = filled(B, s, e, &blank);
    if (!v)
        return;
    const char *part[4];
    int n = split_bars(B->a, v, part, 3);
    const char *at = strstr(part[0], " @ ");
    char id[64], opt[16] = "";
    int c0, c1, row, used = 0;
    const char *pos = at ? at + 3 : "";
    bool ok = at && n >= 2 && n <= 3 && at - part[0] < (long)sizeof id && *part[1];
    if (ok) {
        memcpy(id, part[0], (size_t)(at - part[0]));
        id[at - part[0]] = '\0';
        ok = *id && strchr(id, ' ') == NULL;
    }
    if (ok && sscanf(pos, "%d-%d,%d %n", &c0, &c1, &row, &used) == 3)
        ;
    else if (ok && sscanf(pos, "%d,%d %n", &c0, &row, &used) == 2)
        c1 = c0;
    else
        ok = false;
    if (ok && pos[used]) {
        if (strcmp(pos + used, "strong") == 0)
            strcpy(opt, "strong");
        else
            ok = false;
    }
    if (!ok) {
        doc_error(B, s, e, _("write the box as 'ID @ column,row | title', optionally 'column-column,row', "
                             "'strong' and '| text'"));
        return;
    }
    if (c0 < 1 || c1 < c0 || c1 > MAX_GRID || row < 1 || row > MAX_GRID) {
        doc_error(B, s, e, _("box '%s': columns and rows are 1 to %d, the first column before the last"), id,
                  MAX_GRID);
        return;
    }
    if (box_of(g, id) >= 0) {
        doc_error(B, s, e, _("there is already a box '%s' in this diagram"), id);
        return;
    }
    for (size_t i = 0; i < g->nboxes; i++) {
        const ju_box *o = &g->boxes[i];
        if (o->row == row && c0 <= o->col + o->span - 1 && o->col <= c1) {
            doc_error(B, s, e, _("box '%s' takes the place of box '%s'"), id, o->id);
            return;
        }
    }
    ju_box b = {ju_arena_strdup(B->a, id), c0, row, c1 - c0 + 1, *opt != '\0', blank ? "" : part[1],
                !blank && n == 3 && *part[2] ? part[2] : NULL};
    JU_PUSH(B->a, g->boxes, g->nboxes, g->capboxes, b);
    g->ncols = c1 > g->ncols ? c1 : g->ncols;
    g->nrows = row > g->nrows ? row : g->nrows;
}

static void arrow_entry(builder *B, const ju_inisection *s, const ju_inientry *e, ju_diagram *g)
{
    bool missing;
    const char *v = filled(B, s, e, &missing);
    if (!v)
        return;
    const char *part[3];
    int n = split_bars(B->a, v, part, 2);
    if (missing && n == 2)
        part[1] = ""; /* its label's figures are missing: no label */
    char from[64], to[64], tail;
    bool both = sscanf(part[0], "%63s <-> %63s %c", from, to, &tail) == 2;
    if (n > 2 || (!both && sscanf(part[0], "%63s -> %63s %c", from, to, &tail) != 2)) {
        doc_error(B, s, e, _("write the arrow as 'ID -> ID' or 'ID <-> ID', optionally '| label'"));
        return;
    }
    long f = box_of(g, from), t = box_of(g, to);
    if ((f < 0 || t < 0) && g->broken)
        return; /* a box it names was wrong: said at the box */
    if (f < 0 || t < 0) {
        doc_error(B, s, e, _("there is no box '%s' in this diagram (boxes come before their arrows)"),
                  f < 0 ? from : to);
        return;
    }
    if (f == t) {
        doc_error(B, s, e, _("an arrow from box '%s' to itself"), from);
        return;
    }
    ju_arrow a = {(size_t)f, (size_t)t, both, n == 2 && *part[1] ? part[1] : NULL};
    JU_PUSH(B->a, g->arrows, g->narrows, g->caparrows, a);
}

bool doc_diagram_entry(builder *B, const ju_inisection *s, const ju_inientry *e, blocks *bl)
{
    const char *k = e->key;
    if (strcmp(k, "diagram") == 0) {
        ju_diagram *g = ju_arena_array(B->a, 1, sizeof *g);
        g->entry = e;
        g->alt = doc_fill(B, s, e);
        doc_add(B, bl, (ju_block){.kind = JU_BLK_DIAGRAM, .diagram = g});
        return true;
    }
    bool box = strcmp(k, "box") == 0;
    if (!box && strcmp(k, "arrow") != 0)
        return false;
    ju_block *b = last_of(bl, JU_BLK_DIAGRAM);
    if (!b)
        doc_error(B, s, e, _("a box or an arrow belongs to a diagram: write 'diagram = …' before it"));
    else if (box) {
        size_t n = b->diagram->nboxes;
        box_entry(B, s, e, b->diagram);
        b->diagram->broken |= b->diagram->nboxes == n; /* wrong, and said so */
    }
    else
        arrow_entry(B, s, e, b->diagram);
    return true;
}

void doc_figures_end(builder *B, const ju_inisection *s, blocks *bl)
{
    for (size_t i = 0; i < bl->n; i++) {
        ju_block *b = &bl->items[i];
        if (b->kind == JU_BLK_TABLE && b->table->nrows)
            table_end(B, s, b->table);
        if (b->kind == JU_BLK_DIAGRAM && b->diagram->nboxes == 0)
            doc_error(B, s, b->diagram->entry, _("a diagram without boxes"));
    }
}
