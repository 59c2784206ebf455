/* chartspec.c — reading templates/charts.ini; see chartspec.h. */
#include "chartspec.h"

#include <ini.h>

#include "source.h"
#include "text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

typedef struct {
    ju_arena *a;
    ju_diags *d;
    ju_chartlist *list;
    size_t cap;
    const char *text; /* the file, to find a section's line */
} ctx;

static int section_line(const char *text, const char *section)
{
    int line = 1;
    size_t n = strlen(section);
    for (const char *p = text; *p; p++) {
        if ((p == text || p[-1] == '\n') && *p == '[' && strncmp(p + 1, section, n) == 0 && p[1 + n] == ']')
            return line;
        if (*p == '\n')
            line++;
    }
    return 0;
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

static int on_style(ctx *c, const char *name, const char *value)
{
    ju_chartstyle *s = &c->list->style;
    if (strcmp(name, "font") == 0)
        s->font = ju_arena_strdup(c->a, value);
    else if (strcmp(name, "source") == 0)
        s->source = ju_arena_strdup(c->a, value);
    else if (strcmp(name, "png_scale") == 0)
        s->png_scale = atof(value);
    else if (strcmp(name, "palette") == 0) {
        s->npalette = 0;
        char *v = ju_arena_strdup(c->a, value), *save = NULL;
        for (char *tok = strtok_r(v, " ,", &save); tok; tok = strtok_r(NULL, " ,", &save)) {
            if (s->npalette == sizeof s->palette / sizeof *s->palette || !parse_color(tok, &s->palette[s->npalette]))
                return 0;
            s->npalette++;
        }
    } else {
        struct { const char *key; unsigned *slot; } colors[] = {
            {"no_answer", &s->no_answer}, {"not_counted", &s->not_counted},
            {"ink", &s->ink}, {"muted", &s->muted}, {"grid", &s->grid},
        };
        for (size_t i = 0; i < sizeof colors / sizeof *colors; i++)
            if (strcmp(name, colors[i].key) == 0)
                return parse_color(value, colors[i].slot);
        return 0;
    }
    return 1;
}

static int on_entry(void *user, const char *section, const char *name, const char *value)
{
    ctx *c = user;
    if (strcmp(section, "style") == 0) {
        if (!on_style(c, name, value))
            ju_diag_add(c->d, JU_SEV_ERROR, c->list->path, section_line(c->text, section), 0,
                        "[style] %s = %s: not a style setting (font, palette, no_answer, not_counted, ink, muted, grid, source, png_scale) or not a #RRGGBB colour",
                        name, value);
        return 1;
    }
    ju_chartlist *L = c->list;
    ju_chartspec *cs = L->n ? &L->charts[L->n - 1] : NULL;
    if (!cs || strcmp(cs->id, section) != 0) {
        ju_chartspec fresh = {.id = ju_arena_strdup(c->a, section), .form = "municipality", .segment = "all",
                              .width = 640, .height = 400, .kind = JU_CHART_KIND_COUNT,
                              .line = section_line(c->text, section)};
        if (!ju_chart_id_valid(section))
            ju_diag_add(c->d, JU_SEV_ERROR, L->path, fresh.line, 2,
                        "[%s]: a chart's name becomes its file name: use at most 64 letters, digits, '_' and '-', "
                        "starting with a letter or digit",
                        ju_visible(c->a, section, 64));
        for (size_t i = 0; i < L->n; i++)
            if (strcmp(L->charts[i].id, section) == 0)
                ju_diag_add(c->d, JU_SEV_ERROR, L->path, fresh.line, 0, "chart [%s] is defined twice", section);
        JU_PUSH(c->a, L->charts, L->n, c->cap, fresh);
        cs = &L->charts[L->n - 1];
    }
    const char *v = ju_arena_strdup(c->a, value);
    if (strcmp(name, "kind") == 0) {
        for (int k = 0; k < JU_CHART_KIND_COUNT; k++)
            if (strcmp(v, kind_names[k]) == 0)
                cs->kind = (ju_chartkind)k;
        if (cs->kind == JU_CHART_KIND_COUNT)
            ju_diag_add(c->d, JU_SEV_ERROR, L->path, cs->line, 0,
                        "[%s] kind = %s: not a kind of chart (pie, stack, bars, columns, adoption, tilemap, callout)",
                        section, v);
        return 1;
    }
    if (strcmp(name, "width") == 0 || strcmp(name, "height") == 0) {
        double x = atof(v);
        if (x < 100 || x > 2000)
            ju_diag_add(c->d, JU_SEV_ERROR, L->path, cs->line, 0, "[%s] %s = %s: a size in points from 100 to 2000",
                        section, name, v);
        *(strcmp(name, "width") == 0 ? &cs->width : &cs->height) = x;
        return 1;
    }
    struct { const char *key; const char **slot; } keys[] = {
        {"form", &cs->form},       {"question", &cs->question}, {"segment", &cs->segment},
        {"rows", &cs->rows},       {"row_labels", &cs->row_labels}, {"compare", &cs->compare},
        {"sort", &cs->sort},       {"center", &cs->center},     {"values", &cs->values},
        {"status", &cs->status},   {"title", &cs->title},       {"caption", &cs->caption},
        {"note", &cs->note},
    };
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        if (strcmp(name, keys[i].key) == 0) {
            *keys[i].slot = v;
            return 1;
        }
    ju_diag_add(c->d, JU_SEV_ERROR, L->path, cs->line, 0, "[%s] '%s' is not a chart setting", section, name);
    return 1;
}

ju_status ju_chartlist_load(ju_arena *a, ju_diags *d, const char *path, ju_chartlist *out)
{
    memset(out, 0, sizeof *out);
    out->path = path;
    out->style = (ju_chartstyle){.font = "BIZ UDPGothic", .palette = {0x1F4E79}, .npalette = 1,
                                 .no_answer = 0xBDBDBD, .not_counted = 0x8C8C8C, .ink = 0x222222,
                                 .muted = 0x666666, .grid = 0xD9D9D9, .png_scale = 2};
    ju_source src;
    ju_status rs = ju_source_read_config(a, d, path, "chart list", "write at least a comment line", &src);
    if (rs != JU_OK)
        return rs;
    const char *text = src.text;
    if (ju_long_lines(d, path, text))
        return JU_ERR_CONFIG;
    ctx c = {a, d, out, 0, text};
    size_t before = d->errors;
    int r = ini_parse_string(text, on_entry, &c);
    if (r > 0)
        ju_diag_add(d, JU_SEV_ERROR, path, r, 0, "this line is not 'key = value' or [section]");
    for (size_t i = 0; i < out->n; i++) {
        ju_chartspec *cs = &out->charts[i];
        if (cs->kind == JU_CHART_KIND_COUNT && d->errors == before)
            ju_diag_add(d, JU_SEV_ERROR, path, cs->line, 0, "[%s] has no kind", cs->id);
        bool needs_question = cs->kind != JU_CHART_CALLOUT;
        if (needs_question && !cs->question)
            ju_diag_add(d, JU_SEV_ERROR, path, cs->line, 0, "[%s] has no question", cs->id);
        if (cs->kind == JU_CHART_CALLOUT && !cs->values)
            ju_diag_add(d, JU_SEV_ERROR, path, cs->line, 0, "[%s] a callout needs values (e.g. Q23:sum; Q24:sum)", cs->id);
    }
    return d->errors > before ? JU_ERR_CONFIG : JU_OK;
}
