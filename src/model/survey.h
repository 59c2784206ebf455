/* survey.h — a survey year's metadata (survey.ini, read with libinih).
 *
 * Without survey.ini the year is the data folder's name and the texts are
 * empty. `issued` (YYYY-MM-DD) fixes the creation dates written into PDF and
 * xlsx files, so output bytes depend on the data only; SOURCE_DATE_EPOCH,
 * when set, wins. Its texts are one line each on the cover and in the
 * workbooks: at most JU_SURVEY_FIELD_MAX characters. */
#ifndef JU_SURVEY_H
#define JU_SURVEY_H

#include <stdbool.h>
#include <time.h>

#include "arena.h"
#include "diag.h"
#include "status.h"

enum { JU_SURVEY_FIELD_MAX = 200 };

typedef struct {
    int year;                /* western fiscal year of the survey */
    const char *dir;         /* the data folder */
    const char *title;       /* 重層的支援体制整備事業の取組状況に関する現況調査 */
    const char *program;     /* 東京都重層的支援体制整備事業後方支援事業 */
    const char *publisher;   /* 社会福祉法人東京都社会福祉協議会 */
    const char *department;
    const char *address;
    const char *contact;
    const char *email;
    const char *fielding_start; /* YYYY-MM-DD */
    const char *fielding_end;
    const char *method;
    const char *issued;         /* YYYY-MM-DD */
    bool has_metadata;          /* survey.ini was there */
    time_t epoch;               /* the creation time written into PDF and xlsx files */
} ju_survey;

/* ju_survey_load() reads `dir`/survey.ini if present; otherwise takes the
 * year from the folder's name (which must then be a 4-digit year). survey.ini
 * is read like every input (source.h); dates must be real dates. It also
 * fixes the creation time (ju_survey_epoch): SOURCE_DATE_EPOCH must then be
 * a time PDF and xlsx files can hold, or the result is JU_ERR_USAGE. */
ju_status ju_survey_load(ju_arena *a, ju_diags *d, const char *dir, ju_survey *out);

/* ju_survey_epoch() is the fixed creation time for output files:
 * SOURCE_DATE_EPOCH if set, else `issued` at 00:00 UTC, else 1 April of the
 * survey year (at most 9999-12-31). */
time_t ju_survey_epoch(const ju_survey *s);


/* ju_epoch_for() is the time written into PDF and xlsx files: SOURCE_DATE_EPOCH
 * if set (an error, JU_ERR_USAGE, when outside what those files can hold),
 * else 00:00 UTC of y-m-dd. */
ju_status ju_epoch_for(ju_diags *d, int y, int m, int dd, time_t *out);

#endif
