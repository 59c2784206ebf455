/* chartspec.c — reading templates/charts.ini; see chartspec.h. */
#include "chartspec.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tabulate.h"
#include "text.h"

static const char *const kind_names[] = {
    [JU_CHART_PIE] = "pie",         [JU_CHART_STACK] = "stack",     [JU_CHART_BARS] = "bars",
    [JU_CHART_COLUMNS] = "columns", [JU_CHART_ADOPTION] = "adoption", [JU_CHART_TILEMAP] = "tilemap",
    [JU_CHART_CALLOUT] = "callout",
};
_Static_assert(sizeof kind_names / sizeof *kind_names == JU_CHART_KIND_COUNT, "kind_names must name every kind");

const char *ju_chartkind_name(ju_chartkind k)
{
    return (unsigned)k < JU_CHART_KIND_COUNT ? kind_names[k] : "?";
}

bool ju_chart_id_valid(const char *id)
{
    size_t n = strlen(id);
    if (n == 0 || n > 64 || id[0] == '-' || id[0] == '_')
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((id[i] >= 'a' && id[i] <= 'z') || (id[i] >= 'A' && id[i] <= 'Z') || (id[i] >= '0' && id[i] <= '9') ||
              id[i] == '_' || id[i] == '-'))
            return false;
    return true;
}

const ju_inientry *ju_chartspec_entry(const ju_chartspec *s, const char *key)
{
    const ju_inientry *found = NULL;
    for (size_t i = 0; s->section && i < s->section->n; i++)
        if (strcmp(s->section->entries[i].key, key) == 0)
            found = &s->section->entries[i];
    return found;
}

unsigned ju_chartstyle_tint(unsigned c, double t)
{
    unsigned r = (c >> 16) & 255, g = (c >> 8) & 255, b = c & 255;
    r = (unsigned)(r + (255 - r) * t);
    g = (unsigned)(g + (255 - g) * t);
    b = (unsigned)(b + (255 - b) * t);
    return r << 16 | g << 8 | b;
}

double ju_chartstyle_lightness(unsigned c)
{
    double lin[3];
    for (int i = 0; i < 3; i++) {
        double v = ((c >> (16 - 8 * i)) & 255) / 255.0;
        lin[i] = v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
    }
    double y = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
    return y > 216.0 / 24389.0 ? 116 * cbrt(y) - 16 : y * 24389.0 / 27.0;
}

unsigned ju_chartstyle_category(const ju_chartstyle *st, const char *category, size_t index)
{
    if (strcmp(category, JU_CAT_NO_ANSWER) == 0)
        return st->no_answer;
    if (strcmp(category, JU_CAT_NOT_COUNTED) == 0)
        return st->not_counted;
    return st->palette[index % (st->npalette ? st->npalette : 1)];
}

unsigned ju_chartstyle_previous(const ju_chartstyle *st)
{
    return ju_chartstyle_tint(st->palette[0], 0.58);
}

static bool parse_color(const char *s, unsigned *out)
{
    char *end;
    if (*s != '#' || strlen(s) != 7)
        return false;
    unsigned long v = strtoul(s + 1, &end, 16);
    if (*end)
        return false;
    *out = (unsigned)v;
    return true;
}

static void err(ju_diags *d, const ju_chartlist *L, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void err(ju_diags *d, const ju_chartlist *L, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = ju_arena_vprintf(d->arena, fmt, ap);
    va_end(ap);
    ju_diag_add(d, JU_SEV_ERROR, L->path, line, col, _("%s"), msg);
}

static void read_style(ju_diags *d, ju_chartlist *L, const ju_inisection *sec)
{
    ju_chartstyle *s = &L->style;
    for (size_t i = 0; i < sec->n; i++) {
        const ju_inientry *e = &sec->entries[i];
        const char *name = e->key, *value = e->value;
        bool ok = true;
        if (strcmp(name, "font") == 0) {
            s->font = value;
        } else if (strcmp(name, "source") == 0) {
            s->source = value;
            L->source_entry = e;
        } else if (strcmp(name, "png_scale") == 0) {
            char *end;
            s->png_scale = strtod(value, &end);
            if (*end || s->png_scale < 0.5 || s->png_scale > 8) {
                err(d, L, e->line, e->col, _("[style] png_scale = %s: pixels per point, from 0.5 to 8"), value);
                s->png_scale = 2;
            }
            continue;
        } else if (strcmp(name, "palette") == 0) {
            s->npalette = 0;
            char *v = ju_arena_strdup(d->arena, value), *save = NULL;
            for (char *tok = strtok_r(v, " ,", &save); tok && ok; tok = strtok_r(NULL, " ,", &save)) {
                ok = s->npalette < sizeof s->palette / sizeof *s->palette &&
                     parse_color(tok, &s->palette[s->npalette]);
                s->npalette++;
            }
            if (!ok || s->npalette == 0) {
                err(d, L, e->line, e->col, _("[style] palette: 1 to 12 colours written #RRGGBB, separated by commas"));
                s->palette[0] = 0x1F4E79;
                s->npalette = 1;
            }
            continue;
        } else {
            struct { const char *key; unsigned *slot; } colors[] = {
                {"no_answer", &s->no_answer}, {"not_counted", &s->not_counted},
                {"ink", &s->ink}, {"muted", &s->muted}, {"grid", &s->grid},
            };
            bool known = false;
            for (size_t k = 0; k < sizeof colors / sizeof *colors; k++)
                if (strcmp(name, colors[k].key) == 0) {
                    known = true;
                    if (!parse_color(value, colors[k].slot))
                        err(d, L, e->line, e->col, _("[style] %s = %s: a colour is written #RRGGBB"), name, value);
                }
            if (!known)
                err(d, L, e->line, e->key_col,
                    _("[style] '%s' is not a style setting (font, palette, no_answer, not_counted, ink, muted, grid, "
                    "source, png_scale)"),
                    name);
        }
    }
}

static void read_chart(ju_diags *d, ju_chartlist *L, const ju_inisection *sec, ju_chartspec *cs)
{
    ju_arena *a = d->arena;
    *cs = (ju_chartspec){.id = sec->name, .section = sec, .segment = "all", .width = 640, .height = 400,
                         .kind = JU_CHART_KIND_COUNT};
    if (!ju_chart_id_valid(sec->name))
        err(d, L, sec->line, sec->col,
            _("[%s]: a chart's name becomes its file name: use at most 64 letters, digits, '_' and '-', starting with "
            "a letter or digit"),
            ju_visible(a, sec->name, 64));
    for (size_t i = 0; i < sec->n; i++) {
        const ju_inientry *e = &sec->entries[i];
        const char *name = e->key, *v = e->value;
        if (strcmp(name, "kind") == 0) {
            cs->kind = JU_CHART_KIND_COUNT;
            for (int k = 0; k < JU_CHART_KIND_COUNT; k++)
                if (strcmp(v, kind_names[k]) == 0)
                    cs->kind = (ju_chartkind)k;
            if (cs->kind == JU_CHART_KIND_COUNT)
                err(d, L, e->line, e->col,
                    _("[%s] kind = %s: not a kind of chart (pie, stack, bars, columns, adoption, tilemap, callout)"),
                    cs->id, v);
            continue;
        }
        if (strcmp(name, "width") == 0 || strcmp(name, "height") == 0) {
            char *end;
            double x = strtod(v, &end);
            if (*end || x < 100 || x > 2000)
                err(d, L, e->line, e->col, _("[%s] %s = %s: a size in points from 100 to 2000"), cs->id, name, v);
            else
                *(strcmp(name, "width") == 0 ? &cs->width : &cs->height) = x;
            continue;
        }
        if (strcmp(name, "question") == 0) {
            /* council.S2: the form is the prefix, as in conditions */
            const char *dot = strchr(v, '.');
            cs->form = dot ? ju_arena_strndup(a, v, (size_t)(dot - v)) : NULL;
            cs->question = dot ? dot + 1 : v;
            continue;
        }
        struct { const char *key; const char **slot; } keys[] = {
            {"segment", &cs->segment},       {"rows", &cs->rows},       {"row_labels", &cs->row_labels},
            {"compare", &cs->compare},       {"sort", &cs->sort},       {"center", &cs->center},
            {"values", &cs->values},         {"status", &cs->status},   {"title", &cs->title},
            {"caption", &cs->caption},       {"note", &cs->note},       {"labels", &cs->labels},
        };
        bool known = false;
        for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
            if (strcmp(name, keys[k].key) == 0) {
                *keys[k].slot = v;
                known = true;
            }
        if (!known)
            err(d, L, e->line, e->key_col,
                _("[%s] '%s' is not a chart setting (kind, question, segment, rows, row_labels, compare, sort, center, "
                "values, status, title, caption, note, labels, width, height)"),
                cs->id, name);
    }
    if (cs->kind == JU_CHART_KIND_COUNT && !ju_chartspec_entry(cs, "kind"))
        err(d, L, sec->line, sec->col, _("[%s] has no kind"), cs->id);
    if (cs->kind != JU_CHART_CALLOUT && cs->kind != JU_CHART_KIND_COUNT && !cs->question)
        err(d, L, sec->line, sec->col, _("[%s] has no question"), cs->id);
    if (cs->kind == JU_CHART_CALLOUT && !cs->values)
        err(d, L, sec->line, sec->col, _("[%s] a callout needs values (e.g. sum:Q23; sum:Q24)"), cs->id);
}

ju_status ju_chartlist_load(ju_arena *a, ju_diags *d, const char *path, ju_chartlist *out)
{
    memset(out, 0, sizeof *out);
    out->path = path;
    out->style = (ju_chartstyle){.font = "BIZ UDPGothic", .palette = {0x1F4E79}, .npalette = 1,
                                 .no_answer = 0xBDBDBD, .not_counted = 0x8C8C8C, .ink = 0x222222,
                                 .muted = 0x666666, .grid = 0xD9D9D9, .png_scale = 2};
    ju_status st = ju_ini_read(a, d, path, _("chart list"), _("write at least a comment line"), &out->ini);
    if (st != JU_OK)
        return st;
    size_t before = d->errors;
    out->charts = ju_arena_array(a, out->ini.n + 1, sizeof *out->charts);
    for (size_t i = 0; i < out->ini.n; i++) {
        const ju_inisection *sec = &out->ini.sections[i];
        if (strcmp(sec->name, "style") == 0)
            read_style(d, out, sec);
        else if (!*sec->name)
            err(d, out, sec->n ? sec->entries[0].line : 0, sec->n ? sec->entries[0].key_col : 0,
                _("'%s' comes before any [section]: a chart's settings follow its [name]"),
                sec->n ? sec->entries[0].key : "");
        else
            read_chart(d, out, sec, &out->charts[out->n++]);
    }
    return d->errors > before ? JU_ERR_CONFIG : JU_OK;
}
