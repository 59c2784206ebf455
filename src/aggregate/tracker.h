/* tracker.h — progress across key-initiative sheets: per sheet and period of
 * the fiscal year, the items planned, the items reported against, the
 * progress lines reported on their own, and, given an as-of date, whether the
 * period has ended with nothing reported. The only code that counts the
 * initiatives (what the tracker outputs show comes from here). */
#ifndef JU_TRACKER_H
#define JU_TRACKER_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "initiatives.h"

typedef struct {
    size_t sheet, period;
    long planned;       /* items (□) */
    long reported;      /* items with progress reported against them or matched to them (■) */
    long progress_only; /* progress lines reported on their own, matched to no item */
    ju_date end;        /* the period's last day in the sheet's fiscal year */
    bool past;          /* the as-of date is after `end` */
    bool silent;        /* past, and nothing reported in it */
} ju_trackcell;

typedef struct {
    size_t period;
    long planned, reported, progress_only; /* over all sheets */
} ju_trackperiod;

typedef struct {
    ju_trackcell *cells; /* sheet by sheet, periods in the form's order (not those after the year) */
    size_t n;
    ju_trackperiod *periods; /* the same periods, over all sheets */
    size_t nperiods;
    long planned, reported, progress_only; /* over all */
} ju_tracker;

/* ju_tracker_count() counts `in` (as_of NULL: no period is past). */
void ju_tracker_count(ju_arena *a, const ju_initiatives *in, const ju_sheetrules *rules, const ju_date *as_of,
                      ju_tracker *out);

#endif
