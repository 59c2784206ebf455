/* master.h — the municipalities of a survey (data/municipalities.csv: Tokyo's 62;
 * another prefecture's data folder carries its own).
 *
 * The master list is what a respondent's `code` must be one of. Codes are
 * 全国地方公共団体コード: five digits and a check digit. */
#ifndef JU_MASTER_H
#define JU_MASTER_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "status.h"
#include "strmap.h"

/* The master list's file name, and the tile map's beside it (code,col,row:
 * where each municipality sits on the map chart). */
#define JU_MASTER_FILE "municipalities.csv"
#define JU_TILEMAP_FILE "tilemap.csv"

typedef struct {
    const char *code; /* 131016 */
    const char *name; /* 千代田区 */
    const char *kana; /* ちよだく */
    const char *kind; /* 特別区, 市, 町, 村 */
    const char *area; /* 区部, 多摩, 島しょ */
} ju_municipality;

typedef struct {
    const char *path;
    ju_municipality *items;
    size_t n;
    ju_strmap codes;
} ju_master;

/* ju_master_load() reads and checks the master list: six-digit codes with a
 * valid check digit, each once, and a name for each (at most 60 characters,
 * none of them a control character or '/': names become parts of file
 * names). */
ju_status ju_master_load(ju_arena *a, ju_diags *d, const char *path, ju_master *out);

/* ju_master_find() is the index of `code`, or -1 (constant time). */
int ju_master_find(const ju_master *m, const char *code);

/* ju_code_check_digit() is the check digit the first five digits of `code`
 * call for ('0'..'9'), or 0 when they are not five digits. */
char ju_code_check_digit(const char *code);

#endif
