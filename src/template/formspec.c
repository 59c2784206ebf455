/* formspec.c — the 様式4 form's words, periods and goals; see formspec.h. */
#include "formspec.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "inifile.h"
#include "monthspan.h"
#include "text.h"

static const char *const word_keys[JU_FORM_WORDS] = {
    "title", "number", "item", "issues", "actions", "schedule", "progress", "policy", "kpi", "kpi_now",
    "target", "goal", "goal_number", "plan", "sdgs_plan", "todo", "done", "tag", "continued", "file",
    "gantt", "gantt_all", "fiscal_year", "month", "planned", "reported", "as_of", "check_title", "silent",
    "all_reported", "no_as_of",
    "tracker_file", "tracker_sheet", "items_sheet", "tracker_chart", "col_sheet", "col_org", "col_fy", "col_period", "col_planned", "col_reported", "col_progress_only", "col_rate", "col_end", "col_silent", "col_tag", "col_item", "col_months", "col_status", "col_progress", "col_dates", "status_reported", "status_planned", "status_progress",
};

/* the placeholders a word takes */
static const char *takes(int which)
{
    switch (which) {
    case JU_FORM_KPI_NOW: return "year value";
    case JU_FORM_TARGET:
    case JU_FORM_FISCAL_YEAR: return "year";
    case JU_FORM_GANTT:
    case JU_FORM_MONTH:
    case JU_FORM_AS_OF:
    case JU_FORM_TAG:
    case JU_FORM_CHECK_TITLE: return "value";
    default: return "";
    }
}

/* \n written in the template as a line break */
static char *breaks(ju_arena *a, const char *v)
{
    char *out = ju_arena_strdup(a, v), *w = out;
    for (const char *r = v; *r; r++) {
        if (r[0] == '\\' && r[1] == 'n') {
            *w++ = '\n';
            r++;
        } else
            *w++ = *r;
    }
    *w = '\0';
    return out;
}

static void error_at(ju_diags *d, const char *path, const ju_inisection *s, const ju_inientry *e, size_t offset,
                     const char *msg)
{
    int line, col;
    ju_ini_pos(e, offset, &line, &col);
    ju_diag_add(d, JU_SEV_ERROR, path, line, col, "[%s] %s: %s", s->name, e->key, msg);
}

/* every {name} of a word must be one it takes */
static void check_placeholders(ju_arena *a, ju_diags *d, const char *path, const ju_inisection *s,
                               const ju_inientry *e, int which)
{
    for (const char *p = strchr(e->value, '{'); p; p = strchr(p + 1, '{')) {
        const char *q = strchr(p, '}');
        char *name = ju_arena_strndup(a, p + 1, q ? (size_t)(q - p - 1) : strlen(p + 1));
        bool ok = q && *name && !strchr(name, ' ') && strstr(takes(which), name) != NULL;
        if (ok) { /* a whole word of the list */
            const char *at = strstr(takes(which), name);
            size_t n = strlen(name);
            ok = (at == takes(which) || at[-1] == ' ') && (at[n] == '\0' || at[n] == ' ');
        }
        if (!ok)
            error_at(d, path, s, e, (size_t)(p - e->value),
                     ju_arena_printf(a, _("{%s}: this word takes %s"), name,
                                     *takes(which) ? ju_arena_printf(a, "{%s}", takes(which)) : _("no placeholder")));
    }
}

static void load_periods(ju_arena *a, ju_diags *d, const char *path, const ju_inisection *s, ju_formspec *f)
{
    f->periods = ju_arena_array(a, s->n + 1, sizeof *f->periods);
    f->period_labels = ju_arena_array(a, s->n + 1, sizeof *f->period_labels);
    for (size_t i = 0; i < s->n; i++) {
        const ju_inientry *e = &s->entries[i];
        const char *bar = strchr(e->value, '|');
        char *span = ju_trim(a, ju_arena_strndup(a, e->value, bar ? (size_t)(bar - e->value) : strlen(e->value)));
        ju_period p = {e->key, 0, 11, false};
        int m0, m1;
        char tail;
        if (strcmp(span, "next") == 0)
            p.beyond = true;
        else if (sscanf(span, "%d-%d%c", &m0, &m1, &tail) == 2 && m0 >= 1 && m0 <= 12 && m1 >= 1 && m1 <= 12 &&
                 ju_fiscal_index(m0) <= ju_fiscal_index(m1)) {
            p.first = ju_fiscal_index(m0);
            p.last = ju_fiscal_index(m1);
        } else {
            error_at(d, path, s, e, 0,
                     _("write the fiscal months it covers (4-7, 12-3) or next, then | and how the form writes it"));
            continue;
        }
        f->period_labels[f->nperiods] = breaks(a, bar ? ju_trim(a, bar + 1) : e->key);
        f->periods[f->nperiods++] = p;
    }
}

static void load_goals(ju_arena *a, ju_diags *d, const char *path, const ju_inisection *s, ju_formspec *f)
{
    for (size_t i = 0; i < s->n; i++) {
        const ju_inientry *e = &s->entries[i];
        char *end;
        long g = strtol(e->key, &end, 10);
        const char *bar = strchr(e->value, '|');
        unsigned rgb = 0;
        char *hex = bar ? ju_trim(a, bar + 1) : "";
        char *hend;
        rgb = (unsigned)strtoul(hex, &hend, 16);
        if (*end || g != f->ngoals + 1 || g > 17 || !bar || strlen(hex) != 6 || *hend) {
            error_at(d, path, s, e, 0,
                     ju_arena_printf(a, _("goal %d comes next: write '%d = its name | its colour (RRGGBB)'"),
                                     f->ngoals + 1, f->ngoals + 1));
            return;
        }
        f->goals[g] = (ju_goal){breaks(a, ju_trim(a, ju_arena_strndup(a, e->value, (size_t)(bar - e->value)))), rgb};
        f->ngoals = (int)g;
    }
}

static bool colour(const char *v, unsigned *rgb)
{
    char *end;
    if (*v == '#')
        v++;
    if (strlen(v) != 6)
        return false;
    *rgb = (unsigned)strtoul(v, &end, 16);
    return *end == '\0';
}

static void load_style(ju_arena *a, ju_diags *d, const char *path, const ju_inisection *s, ju_formspec *f)
{
    ju_formstyle *st = &f->style;
    for (size_t i = 0; i < s->n; i++) {
        const ju_inientry *e = &s->entries[i];
        unsigned *slot = strcmp(e->key, "accent") == 0 ? &st->accent
                         : strcmp(e->key, "ink") == 0  ? &st->ink
                         : strcmp(e->key, "muted") == 0 ? &st->muted
                         : strcmp(e->key, "rule") == 0  ? &st->rule
                                                        : NULL;
        if (slot) {
            if (!colour(e->value, slot))
                error_at(d, path, s, e, 0, _("a colour is written #RRGGBB"));
        } else if (strcmp(e->key, "font") == 0) {
            st->font = e->value;
        } else if (strcmp(e->key, "xlsx_font") == 0) {
            st->xlsx_font = e->value;
        } else if (strcmp(e->key, "png_scale") == 0) {
            char *end;
            double v = strtod(e->value, &end);
            if (*end || v < 0.5 || v > 8)
                error_at(d, path, s, e, 0, _("a scale from 0.5 to 8"));
            else
                st->png_scale = v;
        } else
            ju_diag_add(d, JU_SEV_ERROR, path, e->line, e->key_col,
                        _("[style] %s: unknown key (font, xlsx_font, accent, ink, muted, rule, png_scale)"), e->key);
    }
    (void)a;
}

ju_status ju_form_load(ju_arena *a, ju_diags *d, const char *path, ju_formspec *out)
{
    memset(out, 0, sizeof *out);
    out->path = path;
    out->style = (ju_formstyle){"BIZ UDPGothic", "BIZ UDPゴシック", 0x1F4E79, 0x222222, 0x5F5F5F, 0xD9D9D9, 2};
    size_t before = d->errors;
    ju_ini ini;
    ju_status st = ju_ini_read(a, d, path, _("the form is empty"), NULL, &ini);
    if (st != JU_OK)
        return st;
    for (size_t i = 0; i < ini.n; i++) {
        const ju_inisection *s = &ini.sections[i];
        if (strcmp(s->name, "form") == 0) {
            for (size_t k = 0; k < s->n; k++) {
                const ju_inientry *e = &s->entries[k];
                int which = -1;
                for (int w = 0; w < JU_FORM_WORDS; w++)
                    if (strcmp(e->key, word_keys[w]) == 0)
                        which = w;
                if (which < 0) {
                    ju_diag_add(d, JU_SEV_ERROR, path, e->line, e->key_col, _("[form] %s: unknown key"), e->key);
                    continue;
                }
                check_placeholders(a, d, path, s, e, which);
                out->words[which] = breaks(a, e->value);
            }
        } else if (strcmp(s->name, "periods") == 0)
            load_periods(a, d, path, s, out);
        else if (strcmp(s->name, "sdgs") == 0)
            load_goals(a, d, path, s, out);
        else if (strcmp(s->name, "style") == 0)
            load_style(a, d, path, s, out);
        else
            ju_diag_add(d, JU_SEV_ERROR, path, s->line, s->col,
                        _("[%s]: the form has [form], [periods], [sdgs] and [style]"), s->name);
    }
    for (int w = 0; w < JU_FORM_WORDS; w++)
        if (!out->words[w])
            ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, _("[form] %s is missing"), word_keys[w]);
    if (!out->nperiods)
        ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, _("[periods]: the form has no period"));
    const char *why = out->words[JU_FORM_FILE] ? ju_file_name_problem(out->words[JU_FORM_FILE]) : NULL;
    if (why)
        ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, _("[form] file: '%s' cannot name a file: %s"),
                    out->words[JU_FORM_FILE], why);
    out->rules = (ju_sheetrules){out->periods, out->nperiods, out->ngoals};
    return d->errors > before ? JU_ERR_CONFIG : JU_OK;
}

const char *ju_form_word(ju_arena *a, const ju_formspec *f, int which, const char *year, const char *value)
{
    const char *w = f->words[which];
    char *out = "";
    for (const char *p = w; *p;) {
        const char *o = strchr(p, '{');
        if (!o) {
            out = ju_arena_printf(a, "%s%s", out, p);
            break;
        }
        const char *c = strchr(o, '}');
        out = ju_arena_printf(a, "%s%.*s", out, (int)(o - p), p);
        if (!c)
            break;
        const char *name = ju_arena_strndup(a, o + 1, (size_t)(c - o - 1));
        const char *v = strcmp(name, "year") == 0 ? year : strcmp(name, "value") == 0 ? value : NULL;
        out = ju_arena_printf(a, "%s%s", out, v ? v : "");
        p = c + 1;
    }
    return out;
}

/* 「□ 【tag】text」 */
static const char *marked(ju_arena *a, const ju_formspec *f, bool done, const char *tag, const char *text)
{
    return ju_arena_printf(a, "%s %s%s", f->words[done ? JU_FORM_DONE : JU_FORM_TODO],
                           tag ? ju_form_word(a, f, JU_FORM_TAG, NULL, tag) : "", text);
}

const char **ju_form_period_lines(ju_arena *a, const ju_formspec *f, const ju_initiatives *in, size_t sheet,
                                  size_t period, bool progress, size_t *n)
{
    const char **out = NULL;
    size_t cap = 0;
    *n = 0;
    for (size_t r = in->first[sheet]; r != JU_NO_ROW; r = in->next[r]) {
        const ju_schedrow *row = &in->rows[r];
        if (row->period != period)
            continue;
        if (!progress && row->item) {
            const char *line = marked(a, f, row->nprogress > 0, row->tag, row->item);
            JU_PUSH(a, out, *n, cap, line);
        }
        if (progress && row->nprogress) {
            /* against an item: the item again, then what was reported; alone: its own lines */
            const char *line = marked(a, f, row->item != NULL, row->tag, row->item ? row->item : row->progress[0]);
            JU_PUSH(a, out, *n, cap, line);
            for (size_t l = row->item ? 0 : 1; l < row->nprogress; l++)
                JU_PUSH(a, out, *n, cap, row->progress[l]);
        }
    }
    return out;
}

const char *ju_form_kpi(ju_arena *a, const ju_formspec *f, const ju_sheet *s)
{
    const char *kpi = s->kpi ? s->kpi : "";
    if (s->kpi_now)
        kpi = ju_arena_printf(a, "%s\n%s", kpi,
                              ju_form_word(a, f, JU_FORM_KPI_NOW, s->kpi_now_year ? s->kpi_now_year : "", s->kpi_now));
    return kpi;
}
