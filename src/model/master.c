/* master.c — the municipality master list; see master.h. */
#include "master.h"

#include <string.h>

#include "csvread.h"
#include "text.h"

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

/* a name that can be part of a file name: the problem, or NULL */
static const char *name_problem(const char *s)
{
    size_t chars = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p == 0x7F || *p == '/' || *p == '\\')
            return "a control character, '/' or '\\'";
        chars += (*p & 0xC0) != 0x80;
    }
    return chars > 60 ? "more than 60 characters" : NULL;
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
    for (size_t r = 1; r < c.nrows; r++) {
        ju_municipality m = {ju_trim(a, ju_csv_get(&c, r, ix[0])), ju_trim(a, ju_csv_get(&c, r, ix[1])),
                             ju_trim(a, ju_csv_get(&c, r, ix[2])), ju_trim(a, ju_csv_get(&c, r, ix[3])),
                             ju_trim(a, ju_csv_get(&c, r, ix[4]))};
        int line, col;
        ju_csv_cell_pos(&c, r, 0, &line, &col);
        if (strlen(m.code) != 6 || ju_code_check_digit(m.code) != m.code[5]) {
            ju_diag_add(d, JU_SEV_ERROR, path, line, col, _("'%s' is not a 6-digit local government code with its check digit"),
                        m.code);
            continue;
        }
        if (!ju_strmap_put(a, &out->codes, m.code, strlen(m.code), out->n)) {
            ju_diag_add(d, JU_SEV_ERROR, path, line, col, _("code %s is listed twice"), m.code);
            continue;
        }
        const char *why = name_problem(m.name);
        if (!*m.name) {
            ju_diag_add(d, JU_SEV_ERROR, path, line, col, _("code %s has no name"), m.code);
        } else if (why) {
            int nl, nc;
            ju_csv_cell_pos(&c, r, ix[1], &nl, &nc);
            ju_diag_add(d, JU_SEV_ERROR, path, nl, nc, _("the name of %s has %s"), m.code, why);
        }
        JU_PUSH(a, out->items, out->n, cap, m);
    }
    if (out->n == 0 && d->errors == before)
        ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, _("the master list has no municipalities"));
    return d->errors > before ? JU_ERR_CONFIG : JU_OK;
}
