/* reportmatch.c — see reportmatch.h. */
#include "reportmatch.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "charclass.h"
#include "i18n.h"

static bool opens(uint32_t c)
{
    return c == '(' || c == 0xFF08 /* （ */;
}

static bool closes(uint32_t c)
{
    return c == ')' || c == 0xFF09 /* ） */;
}

/* what carries no meaning for the match: spaces, punctuation, brackets, marks */
static bool skipped(uint32_t c)
{
    if (c <= ' ' || c == 0x3000)
        return true;
    if (c < 0x80)
        return !((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
    if (c >= 0x3001 && c <= 0x3003) /* 、。〃 */
        return true;
    if (c >= 0x3008 && c <= 0x3011) /* 〈〉《》「」『』【】 */
        return true;
    if (c == 0x30FB || c == 0x2192 || c == 0x21D2 || c == 0x203B) /* ・ → ⇒ ※ */
        return true;
    if (c >= 0x25A0 && c <= 0x25FF) /* □ ■ ○ ● ◎ … */
        return true;
    if (c >= 0xFF01 && c <= 0xFF0F) /* ！＂＃…／ full-width punctuation */
        return true;
    if (c == 0xFF1A || c == 0xFF1B || c == 0xFF5E || c == 0x301C) /* ：；～〜 */
        return true;
    return false;
}

static int by_value(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return a < b ? -1 : a > b;
}

typedef struct {
    uint64_t *pairs; /* sorted, distinct */
    size_t n;
} bigrams;

static bigrams bigrams_of(ju_arena *a, const char *text)
{
    uint32_t cps[JU_MATCH_CHARS];
    size_t n = 0;
    int depth = 0;
    const unsigned char *p = (const unsigned char *)(text ? text : "");
    for (size_t left = strlen((const char *)p); *p && n < JU_MATCH_CHARS;) {
        unsigned c;
        int len;
        ju_char_class(p, left, &c, &len);
        p += len;
        left -= (size_t)len;
        if (opens(c))
            depth++;
        else if (closes(c))
            depth -= depth > 0;
        else if (depth == 0 && !skipped(c))
            cps[n++] = c;
    }
    bigrams b = {NULL, 0};
    if (n < 2)
        return b;
    b.pairs = ju_arena_array(a, n - 1, sizeof *b.pairs);
    for (size_t i = 0; i + 1 < n; i++)
        b.pairs[i] = (uint64_t)cps[i] << 32 | cps[i + 1];
    qsort(b.pairs, n - 1, sizeof *b.pairs, by_value);
    for (size_t i = 0; i < n - 1; i++)
        if (b.n == 0 || b.pairs[b.n - 1] != b.pairs[i])
            b.pairs[b.n++] = b.pairs[i];
    return b;
}

static double dice(const bigrams *x, const bigrams *y)
{
    if (!x->n || !y->n)
        return 0;
    size_t i = 0, j = 0, both = 0;
    while (i < x->n && j < y->n)
        if (x->pairs[i] == y->pairs[j])
            both++, i++, j++;
        else if (x->pairs[i] < y->pairs[j])
            i++;
        else
            j++;
    return 2.0 * (double)both / (double)(x->n + y->n);
}

void ju_match_reports(ju_arena *a, ju_diags *d, const ju_sheetrules *rules, ju_initiatives *in)
{
    for (size_t r = 0; r < in->nrows; r++) {
        in->rows[r].against = JU_NO_ROW;
        in->rows[r].heard = in->rows[r].item && in->rows[r].nprogress;
    }
    size_t *items = ju_arena_array(a, JU_SCHEDULE_ROWS_MAX + 1, sizeof *items);
    bigrams *grams = ju_arena_array(a, JU_SCHEDULE_ROWS_MAX + 1, sizeof *grams);
    for (size_t k = 0; k < in->nsheets; k++)
        for (size_t p = 0; p < rules->nperiods; p++) {
            size_t ni = 0, nr = 0;
            for (size_t r = in->first[k]; r != JU_NO_ROW; r = in->next[r]) {
                const ju_schedrow *row = &in->rows[r];
                if (row->period != p)
                    continue;
                if (row->item && ni < JU_SCHEDULE_ROWS_MAX)
                    items[ni++] = r;
                else if (!row->item && row->nprogress)
                    nr++;
            }
            if (!ni || !nr)
                continue;
            if (ni * nr > JU_MATCH_PAIRS) {
                ju_diag_add(d, JU_SEV_WARNING, in->schedule_path, 0, 0,
                            _("sheet '%s', %s: %zu items and %zu progress lines are too many to match "
                              "(at most %d pairs); the progress lines are counted on their own"),
                            in->sheets[k].id, rules->periods[p].name, ni, nr, JU_MATCH_PAIRS);
                continue;
            }
            for (size_t i = 0; i < ni; i++)
                grams[i] = bigrams_of(a, in->rows[items[i]].item);
            for (size_t r = in->first[k]; r != JU_NO_ROW; r = in->next[r]) {
                ju_schedrow *row = &in->rows[r];
                if (row->period != p || row->item || !row->nprogress)
                    continue;
                bigrams g = bigrams_of(a, row->progress[0]);
                double best = 0, second = 0;
                size_t at = JU_NO_ROW;
                for (size_t i = 0; i < ni; i++) {
                    double s = dice(&g, &grams[i]);
                    if (s > best) {
                        second = best;
                        best = s;
                        at = items[i];
                    } else if (s > second) {
                        second = s;
                    }
                }
                if (best >= JU_MATCH_MIN && best - second >= JU_MATCH_LEAD) {
                    row->against = at;
                    in->rows[at].heard = true;
                }
            }
        }
}
