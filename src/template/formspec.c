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
    "target", "goal", "goal_number", "plan", "sdgs_plan", "todo", "done", "legend", "tag", "continued", "file",
    "gantt", "gantt_all", "fiscal_year", "month", "planned", "reported", "as_of", "check_title", "silent",
    "all_reported", "no_as_of",
    "tracker_file", "tracker_sheet", "items_sheet", "tracker_chart", "col_sheet", "col_org", "col_fy", "col_period", "col_planned", "col_reported", "col_progress_only", "col_rate", "col_end", "col_silent", "col_tag", "col_item", "col_months", "col_status", "col_progress", "col_dates", "col_against", "status_reported", "status_planned", "status_progress",
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
    case JU_FORM_LEGEND:
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
        size_t n = strcspn(p + 1, "{}"); /* up to the next brace: each character is looked at once */
        const char *name = p[1 + n] == '}' && n <= 16 ? ju_arena_strndup(a, p + 1, n) : NULL;
        bool ok = name && *name && !strchr(name, ' ') && strstr(takes(which), name) != NULL;
        if (ok) { /* a whole word of the list */
            const char *at = strstr(takes(which), name);
            ok = (at == takes(which) || at[-1] == ' ') && (at[n] == '\0' || at[n] == ' ');
        }
        if (!ok)
            error_at(d, path, s, e, (size_t)(p - e->value),
                     ju_arena_printf(a, _("{%s}: this word takes %s"),
                                     ju_visible(a, ju_arena_strndup(a, p + 1, n < 64 ? n : 64), 16),
                                     *takes(which) ? ju_arena_printf(a, "{%s}", takes(which)) : _("no placeholder")));
    }
}

/* a month 1–12 written plainly */
static bool month_of(ju_arena *a, const char *s, size_t n, int *m)
{
    long v;
    if (!ju_strict_long(ju_trim(a, ju_arena_strndup(a, s, n)), 1, 12, &v))
        return false;
    *m = (int)v;
    return true;
}

/* the periods: each a run of the fiscal year's months (or next), none
 * sharing a month with another, together the whole year */
static void load_periods(ju_arena *a, ju_diags *d, const char *path, const ju_inisection *s, ju_formspec *f)
{
    f->periods = ju_arena_array(a, s->n + 1, sizeof *f->periods);
    f->period_labels = ju_arena_array(a, s->n + 1, sizeof *f->period_labels);
    unsigned covered = 0;
    bool whole = true;
    for (size_t i = 0; i < s->n; i++) {
        const ju_inientry *e = &s->entries[i];
        const char *bar = strchr(e->value, '|');
        char *span = ju_trim(a, ju_arena_strndup(a, e->value, bar ? (size_t)(bar - e->value) : strlen(e->value)));
        const char *dash = strchr(span, '-');
        ju_period p = {e->key, 0, 11, false};
        int m0, m1;
        if (strcmp(span, "next") == 0)
            p.beyond = true;
        else if (dash && month_of(a, span, (size_t)(dash - span), &m0) && month_of(a, dash + 1, strlen(dash + 1), &m1) &&
                 ju_fiscal_index(m0) <= ju_fiscal_index(m1)) {
            p.first = ju_fiscal_index(m0);
            p.last = ju_fiscal_index(m1);
            unsigned mine = 0;
            for (int m = p.first; m <= p.last; m++)
                mine |= 1u << m;
            for (size_t k = 0; k < f->nperiods; k++) {
                const ju_period *o = &f->periods[k];
                unsigned theirs = 0;
                for (int m = o->first; !o->beyond && m <= o->last; m++)
                    theirs |= 1u << m;
                if (mine & theirs) {
                    error_at(d, path, s, e, 0,
                             ju_arena_printf(a, _("months %s are in %s too; a month belongs to one period"),
                                             ju_span_text(a, mine & theirs, ", "), o->name));
                    whole = false;
                    break;
                }
            }
            covered |= mine;
        } else {
            error_at(d, path, s, e, 0,
                     _("write the fiscal months it covers (4-7, 12-3) or next, then | and how the form writes it"));
            whole = false;
            continue;
        }
        f->period_labels[f->nperiods] = breaks(a, bar ? ju_trim(a, bar + 1) : e->key);
        f->periods[f->nperiods++] = p;
    }
    if (whole && f->nperiods && covered != 0xFFFu)
        ju_diag_add(d, JU_SEV_ERROR, path, s->line, s->col,
                    _("[periods]: no period holds months %s; the periods together cover the fiscal year (4-3)"),
                    ju_span_text(a, ~covered & 0xFFFu, ", "));
}

/* false when a goal could not be read (it was said) */
static bool load_goals(ju_arena *a, ju_diags *d, const char *path, const ju_inisection *s, ju_formspec *f)
{
    for (size_t i = 0; i < s->n; i++) {
        const ju_inientry *e = &s->entries[i];
        long g;
        const char *bar = strchr(e->value, '|');
        unsigned rgb = 0;
        if (!ju_strict_long(e->key, f->ngoals + 1, f->ngoals + 1, &g) || g > 17 || !bar ||
            !ju_strict_rgb(ju_trim(a, bar + 1), &rgb)) {
            error_at(d, path, s, e, 0,
                     ju_arena_printf(a, _("goal %d comes next: write '%d = its name | its colour (RRGGBB)'"),
                                     f->ngoals + 1, f->ngoals + 1));
            return false;
        }
        f->goals[g] = (ju_goal){breaks(a, ju_trim(a, ju_arena_strndup(a, e->value, (size_t)(bar - e->value)))), rgb};
        f->ngoals = (int)g;
    }
    return true;
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
            if (!ju_strict_rgb(e->value, slot))
                error_at(d, path, s, e, 0, _("a colour is written #RRGGBB"));
        } else if (strcmp(e->key, "font") == 0) {
            st->font = e->value;
        } else if (strcmp(e->key, "xlsx_font") == 0) {
            st->xlsx_font = e->value;
        } else if (strcmp(e->key, "png_scale") == 0) {
            if (!ju_strict_real(e->value, 0.5, 8, &st->png_scale))
                error_at(d, path, s, e, 0, _("a scale from 0.5 to 8"));
        } else
            ju_diag_add(d, JU_SEV_ERROR, path, e->line, e->key_col,
                        _("[style] %s: unknown key (font, xlsx_font, accent, ink, muted, rule, png_scale)"), e->key);
    }
    (void)a;
}

/* the words that name files (file, tracker_file): names a file can have,
 * and not the same name, also when case is ignored (a shared drive) */
static void names_distinct(ju_arena *a, ju_diags *d, const char *path, const ju_formspec *f)
{
    static const int named[] = {JU_FORM_FILE, JU_FORM_TRACKER_FILE};
    for (size_t i = 0; i < sizeof named / sizeof *named; i++) {
        const ju_inientry *e = f->word_entries[named[i]];
        const char *w = f->words[named[i]];
        const char *why = w ? ju_file_name_problem(w) : NULL;
        if (why) {
            ju_diag_add(d, JU_SEV_ERROR, path, e->line, e->col, _("[form] %s: '%s' cannot name a file: %s"), e->key,
                        ju_visible(a, w, 60), why);
            return;
        }
    }
    const ju_inientry *e0 = f->word_entries[JU_FORM_FILE], *e1 = f->word_entries[JU_FORM_TRACKER_FILE];
    if (e0 && e1 && strcmp(ju_fold_case(a, f->words[JU_FORM_FILE]), ju_fold_case(a, f->words[JU_FORM_TRACKER_FILE])) == 0)
        ju_diag_add(d, JU_SEV_ERROR, path, e1->line, e1->col,
                    _("[form] tracker_file: '%s' is the name given to file on line %d; the two workbooks need names of "
                      "their own (that differ in more than upper and lower case)"),
                    ju_visible(a, f->words[JU_FORM_TRACKER_FILE], 60), e0->line);
}

ju_status ju_form_load(ju_arena *a, ju_diags *d, const char *path, ju_formspec *out)
{
    memset(out, 0, sizeof *out);
    out->path = path;
    out->style = (ju_formstyle){"BIZ UDPGothic", "BIZ UDPゴシック", 0x1F4E79, 0x222222, 0x5F5F5F, 0xD9D9D9, 2};
    size_t before = d->errors;
    const ju_inisection *sdgs = NULL;
    bool goals_read = true;
    ju_ini ini;
    ju_status st = ju_ini_read(a, d, path, _("form"), NULL, &ini);
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
                size_t chars, past;
                if (ju_text_longer(e->value, JU_FORM_WORD_MAX, &past, &chars)) {
                    error_at(d, path, s, e, past,
                             ju_arena_printf(a, _("this word is %zu characters long; a word of the form has at most %d"),
                                             chars, JU_FORM_WORD_MAX));
                    ((char *)e->value)[past] = '\0'; /* nothing after spends time on it */
                } else
                    check_placeholders(a, d, path, s, e, which);
                out->words[which] = breaks(a, e->value);
                out->word_entries[which] = e;
            }
        } else if (strcmp(s->name, "periods") == 0)
            load_periods(a, d, path, s, out);
        else if (strcmp(s->name, "sdgs") == 0) {
            goals_read = load_goals(a, d, path, s, out);
            sdgs = s;
        }
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
    if (goals_read && out->ngoals < 17)
        ju_diag_add(d, JU_SEV_ERROR, path, sdgs ? sdgs->line : 0, sdgs ? sdgs->col : 0,
                    _("[sdgs]: goal %d is missing; the form lists the 17 SDGs goals"), out->ngoals + 1);
    names_distinct(a, d, path, out);
    out->rules = (ju_sheetrules){out->periods, out->nperiods, out->ngoals};
    return d->errors > before ? JU_ERR_CONFIG : JU_OK;
}

const char *ju_form_word(ju_arena *a, const ju_formspec *f, int which, const char *year, const char *value)
{
    ju_strbuf out;
    ju_strbuf_init(&out, a);
    for (const char *p = f->words[which]; *p;) {
        const char *o = strchr(p, '{');
        const char *c = o ? strchr(o, '}') : NULL;
        if (!c) {
            ju_strbuf_add(&out, p);
            break;
        }
        ju_strbuf_addn(&out, p, (size_t)(o - p));
        size_t n = (size_t)(c - o - 1);
        const char *v = n == 4 && memcmp(o + 1, "year", 4) == 0 ? year : n == 5 && memcmp(o + 1, "value", 5) == 0 ? value : NULL;
        if (v)
            ju_strbuf_add(&out, v);
        p = c + 1;
    }
    return ju_strbuf_str(&out);
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
            const char *line = marked(a, f, row->heard, row->tag, row->item);
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
