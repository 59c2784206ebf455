/* tracker.c — progress across key-initiative sheets; see tracker.h. */
#include "tracker.h"

#include <string.h>

#include "format.h"

static long key(const ju_date *d)
{
    return (long)d->y * 10000 + d->m * 100 + d->d;
}

void ju_tracker_count(ju_arena *a, const ju_initiatives *in, const ju_sheetrules *rules, const ju_date *as_of,
                      ju_tracker *out)
{
    memset(out, 0, sizeof *out);
    out->cells = ju_arena_array(a, in->nsheets * rules->nperiods + 1, sizeof *out->cells);
    out->periods = ju_arena_array(a, rules->nperiods + 1, sizeof *out->periods);
    for (size_t p = 0; p < rules->nperiods; p++)
        if (!rules->periods[p].beyond)
            out->periods[out->nperiods++] = (ju_trackperiod){p, 0, 0, 0};
    for (size_t k = 0; k < in->nsheets; k++) {
        size_t base = out->n;
        for (size_t p = 0; p < rules->nperiods; p++) {
            const ju_period *pd = &rules->periods[p];
            if (pd->beyond)
                continue;
            int m = (pd->last + 3) % 12 + 1; /* the period's last calendar month */
            int y = in->sheets[k].fiscal_year + (m <= 3);
            ju_trackcell c = {k, p, 0, 0, 0, {y, m, ju_days_in_month(y, m)}, false, false};
            c.past = as_of && key(as_of) > key(&c.end);
            out->cells[out->n++] = c;
        }
        for (size_t r = in->first[k]; r != JU_NO_ROW; r = in->next[r]) {
            const ju_schedrow *row = &in->rows[r];
            for (size_t i = base; i < out->n; i++) {
                ju_trackcell *c = &out->cells[i];
                if (c->period != row->period)
                    continue;
                c->planned += row->item != NULL;
                c->reported += row->item && row->heard;
                c->progress_only += !row->item && row->nprogress && row->against == JU_NO_ROW;
            }
        }
        for (size_t i = base; i < out->n; i++) {
            ju_trackcell *c = &out->cells[i];
            c->silent = c->past && c->reported == 0 && c->progress_only == 0;
            out->planned += c->planned;
            out->reported += c->reported;
            out->progress_only += c->progress_only;
            for (size_t q = 0; q < out->nperiods; q++)
                if (out->periods[q].period == c->period) {
                    out->periods[q].planned += c->planned;
                    out->periods[q].reported += c->reported;
                    out->periods[q].progress_only += c->progress_only;
                }
        }
    }
}
