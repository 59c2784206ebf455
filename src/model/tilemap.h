/* tilemap.h — the tile map beside a master list (tilemap.csv: code,col,row),
 * read and checked as data (master.h says the rules). */
#ifndef JU_TILEMAP_H
#define JU_TILEMAP_H

#include "arena.h"
#include "diag.h"
#include "master.h"
#include "status.h"

/* ju_tilemap_load() reads the tile map beside m->path into m->map. No file
 * is no map (m->map.present false), not an error; a map that places none of
 * the list's municipalities (another prefecture's) is left empty for the
 * chart to leave out. Errors at file:line:col make JU_ERR_CONFIG. */
ju_status ju_tilemap_load(ju_arena *a, ju_diags *d, ju_master *m);

#endif
