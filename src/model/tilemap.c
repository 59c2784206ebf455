/* tilemap.c — the tile map of a master list; see tilemap.h. */
#include "tilemap.h"

#include <string.h>

#include "csvread.h"
#include "source.h"
#include "text.h"

/* a position: a whole number from 0 to JU_TILE_MAX, or an error at its cell */
static bool position(ju_arena *a, ju_diags *d, const ju_csv *c, size_t r, int col, const char *name, int *out)
{
    long v;
    const char *s = ju_trim(a, ju_csv_get(c, r, col));
    if (ju_strict_long(s, 0, JU_TILE_MAX, &v)) {
        *out = (int)v;
        return true;
    }
    int line, column;
    ju_csv_cell_pos(c, r, col, &line, &column);
    ju_diag_add(d, JU_SEV_ERROR, c->path, line, column, _("%s: '%s' is not a whole number from 0 to %d"), name,
                ju_visible(a, s, 20), JU_TILE_MAX);
    return false;
}

ju_status ju_tilemap_load(ju_arena *a, ju_diags *d, ju_master *m)
{
    ju_tilemap *map = &m->map;
    memset(map, 0, sizeof *map);
    map->path = ju_arena_printf(a, "%s/" JU_TILEMAP_FILE, ju_parent_dir(a, m->path));
    if (!ju_is_file(map->path))
        return JU_OK;
    map->present = true;
    ju_csv c;
    ju_status st = ju_csv_read(a, d, map->path, &c);
    if (st != JU_OK)
        return st == JU_ERR_DATA ? JU_ERR_CONFIG : st;
    static const char *const cols[] = {"code", "col", "row", NULL};
    int ix[3];
    if (!ju_csv_require(d, &c, cols, ix))
        return JU_ERR_CONFIG;
    size_t known = 0;
    for (size_t r = 1; r < c.nrows; r++)
        known += ju_master_find(m, ju_trim(a, ju_csv_get(&c, r, ix[0]))) >= 0;
    if (known == 0)
        return JU_OK; /* another list's map: the chart says so */
    size_t before = d->errors;
    int *line_of = ju_arena_array(a, m->n + 1, sizeof *line_of); /* each municipality's row, 0: none yet */
    ju_strmap cells = {0};                                       /* "col,row" → the master index there */
    map->places = ju_arena_array(a, c.nrows, sizeof *map->places);
    for (size_t r = 1; r < c.nrows && !ju_diags_file_full(d, map->path); r++) {
        const char *code = ju_trim(a, ju_csv_get(&c, r, ix[0]));
        int line, col;
        ju_csv_cell_pos(&c, r, ix[0], &line, &col);
        int k = ju_master_find(m, code);
        if (k < 0) {
            ju_diag_add(d, JU_SEV_ERROR, map->path, line, col, _("%s is not in the master list %s"),
                        ju_visible(a, code, 20), m->path);
            continue;
        }
        if (line_of[k]) {
            ju_diag_add(d, JU_SEV_ERROR, map->path, line, col,
                        _("%s %s already has its tile on line %d; a municipality has one tile"), code, m->items[k].name,
                        line_of[k]);
            continue;
        }
        line_of[k] = line;
        ju_tile_place p = {k, 0, 0};
        if (!position(a, d, &c, r, ix[1], "col", &p.col) | !position(a, d, &c, r, ix[2], "row", &p.row))
            continue;
        const char *at = ju_arena_printf(a, "%d,%d", p.col, p.row);
        size_t other;
        if (!ju_strmap_put(a, &cells, at, strlen(at), (size_t)k) && ju_strmap_get(&cells, at, strlen(at), &other)) {
            ju_diag_add(d, JU_SEV_ERROR, map->path, line, col,
                        _("the tile of %s %s is at col %d, row %d, where %s %s is (line %d)"), code, m->items[k].name,
                        p.col, p.row, m->items[other].code, m->items[other].name, line_of[other]);
            continue;
        }
        map->places[map->n++] = p;
    }
    if (d->errors > before)
        return JU_ERR_CONFIG;
    for (size_t k = 0; k < m->n; k++)
        if (!line_of[k])
            ju_diag_add(d, JU_SEV_WARNING, map->path, 0, 0,
                        _("%s %s of the master list has no tile; the map leaves it out and counts one fewer"),
                        m->items[k].code, m->items[k].name);
    return JU_OK;
}
