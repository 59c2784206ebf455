/* master.h — the municipalities of a survey (data/municipalities.csv: Tokyo's 62;
 * another prefecture's data folder carries its own), and the tile map beside
 * the list.
 *
 * The master list is what a respondent's `code` must be one of. Codes are
 * 全国地方公共団体コード: five digits and a check digit. The tile map
 * (tilemap.csv: code,col,row) places each municipality on the map chart; it
 * decides the figure the map states (都内62区市町村), so it is checked as
 * data: every code once and in the master list, every position a whole number
 * from 0 to JU_TILE_MAX and held by one municipality (errors), and a
 * municipality of the list with no tile is a warning naming it. */
#ifndef JU_MASTER_H
#define JU_MASTER_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "status.h"
#include "strmap.h"

/* The master list's file name, and the tile map's beside it. */
#define JU_MASTER_FILE "municipalities.csv"
#define JU_TILEMAP_FILE "tilemap.csv"

enum { JU_TILE_MAX = 9999 };

typedef struct {
    const char *code; /* 131016 */
    const char *name; /* 千代田区 */
    const char *kana; /* ちよだく */
    const char *kind; /* 特別区, 市, 町, 村 */
    const char *area; /* 区部, 多摩, 島しょ */
} ju_municipality;

/* a municipality's place on the tile map */
typedef struct {
    int master; /* index in the master list */
    int col, row;
} ju_tile_place;

typedef struct {
    const char *path;      /* tilemap.csv beside the master list */
    bool present;          /* the file is there */
    ju_tile_place *places; /* in the file's order; none when it places none of the list */
    size_t n;
} ju_tilemap;

typedef struct {
    const char *path;
    ju_municipality *items;
    size_t n;
    ju_strmap codes;
    ju_tilemap map;
} ju_master;

/* ju_master_load() reads and checks the master list: every row whole (no
 * cell missing), six-digit codes with a valid check digit, each once, a name
 * for each (at most 60 characters, and one a file name can hold: names
 * become parts of file names), a kind of municipality (特別区, 市, 町 or 村)
 * and an area. Then the tile map beside it, if there is one. */
ju_status ju_master_load(ju_arena *a, ju_diags *d, const char *path, ju_master *out);

/* ju_master_find() is the index of `code`, or -1 (constant time). */
int ju_master_find(const ju_master *m, const char *code);

/* ju_code_check_digit() is the check digit the first five digits of `code`
 * call for ('0'..'9'), or 0 when they are not five digits. */
char ju_code_check_digit(const char *code);

#endif
