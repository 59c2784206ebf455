/* master.c — the municipality master list; see master.h. */
#include "master.h"

#include <string.h>

#include "csvread.h"
#include "text.h"
#include "tilemap.h"

char ju_code_check_digit(const char *code)
{
    static const int weight[5] = {6, 5, 4, 3, 2};
    int sum = 0;
    for (int i = 0; i < 5; i++) {
        if (code[i] < '0' || code[i] > '9')
            return 0;
        sum += (code[i] - '0') * weight[i];
    }
    return (char)('0' + (11 - sum % 11) % 10);
}

int ju_master_find(const ju_master *m, const char *code)
{
    size_t v;
    return ju_strmap_get(&m->codes, code, strlen(code), &v) ? (int)v : -1;
}

/* the kinds of municipality (地方自治法: 市町村 and 特別区) */
static const char *const kinds[] = {"特別区", "市", "町", "村"};

static bool known_kind(const char *k)
{
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        if (strcmp(k, kinds[i]) == 0)
            return true;
    return false;
}

/* an error at row r's cell `col` */
static void cell_error(ju_diags *d, const ju_csv *c, size_t r, int col, const char *msg)
{
    int line, column;
    ju_csv_cell_pos(c, r, col, &line, &column);
    ju_diag_add(d, JU_SEV_ERROR, c->path, line, column, "%s", msg);
}

ju_status ju_master_load(ju_arena *a, ju_diags *d, const char *path, ju_master *out)
{
    memset(out, 0, sizeof *out);
    out->path = path;
    ju_csv c;
    ju_status st = ju_csv_read(a, d, path, &c);
    if (st != JU_OK)
        return st == JU_ERR_DATA ? JU_ERR_CONFIG : st;
    static const char *const cols[] = {"code", "name", "kana", "kind", "area", NULL};
    int ix[5];
    if (!ju_csv_require(d, &c, cols, ix))
        return JU_ERR_CONFIG;
    size_t cap = 0, before = d->errors;
    for (size_t r = 1; r < c.nrows && !ju_diags_file_full(d, path); r++) {
        ju_municipality m = {ju_trim(a, ju_csv_get(&c, r, ix[0])), ju_trim(a, ju_csv_get(&c, r, ix[1])),
                             ju_trim(a, ju_csv_get(&c, r, ix[2])), ju_trim(a, ju_csv_get(&c, r, ix[3])),
                             ju_trim(a, ju_csv_get(&c, r, ix[4]))};
        int line, col;
        ju_csv_cell_pos(&c, r, 0, &line, &col);
        if (strlen(m.code) != 6 || ju_code_check_digit(m.code) != m.code[5]) {
            ju_diag_add(d, JU_SEV_ERROR, path, line, col, _("'%s' is not a 6-digit local government code with its check digit"),
                        ju_visible(a, m.code, 20));
            continue;
        }
        if (!ju_strmap_put(a, &out->codes, m.code, strlen(m.code), out->n)) {
            ju_diag_add(d, JU_SEV_ERROR, path, line, col, _("code %s is listed twice"), m.code);
            continue;
        }
        if (c.rows[r].n < c.rows[0].n) {
            ju_diag_add(d, JU_SEV_ERROR, path, line, col,
                        _("the row of %s has %zu cells and the header %zu: every municipality needs code, name, kana, "
                          "kind and area"),
                        m.code, c.rows[r].n, c.rows[0].n);
            continue;
        }
        const char *why = ju_file_name_problem(m.name);
        size_t at, chars;
        if (!*m.name)
            ju_diag_add(d, JU_SEV_ERROR, path, line, col, _("code %s has no name"), m.code);
        else if (why || ju_text_longer(m.name, 60, &at, &chars))
            cell_error(d, &c, r, ix[1],
                       ju_arena_printf(a, _("the name of %s cannot be part of a file name: %s"), m.code,
                                       why ? why : _("it is longer than 60 characters")));
        if (!known_kind(m.kind))
            cell_error(d, &c, r, ix[3],
                       ju_arena_printf(a, _("the kind of %s is '%s'; a kind of municipality is 特別区, 市, 町 or 村"),
                                       m.code, ju_visible(a, m.kind, 20)));
        if (!*m.area)
            cell_error(d, &c, r, ix[4],
                       ju_arena_printf(a, _("%s has no area: write the part of the prefecture it is in (区部, 多摩, "
                                            "島しょ …)"),
                                       m.code));
        JU_PUSH(a, out->items, out->n, cap, m);
    }
    if (out->n == 0 && d->errors == before)
        ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, _("the master list has no municipalities"));
    if (d->errors > before)
        return JU_ERR_CONFIG;
    return ju_tilemap_load(a, d, out);
}
