/* format.h — how every output writes a count, a percent, a year or a date.
 *
 * One place, so that check.txt, the tables, the charts, the report and the
 * workbooks say the same thing the same way, in the words of the run's
 * words.ini (lexicon.h) — with the bundled one:
 *   1,527            counts, with thousands separators
 *   69.6%            percents, to one decimal (from tenths: aggregate computes them)
 *   100% / 98.4%     response rates: whole when complete, else one decimal
 *   令和7年度         fiscal years (平成 before 2019, 元年 for the first)
 *   令和7年6月16日    dates
 *   令和7年6月16日～7月11日   periods: the era and year once when they agree
 *   n=23（令和6年度実施地区）（複数回答）   base captions
 * Every function returns a string owned by the arena. */
#ifndef JU_FORMAT_H
#define JU_FORMAT_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

/* ju_format_count() writes n with thousands separators ("1,527"). */
const char *ju_format_count(ju_arena *a, long long n);

/* ju_format_tenths() writes v/10 with one decimal ("69.6"); "" for v < 0. */
const char *ju_format_tenths(ju_arena *a, long long v);

/* ju_format_percent() writes a percent in tenths as "69.6%"; NULL for a
 * percent that does not exist (pct10 < 0: a base of 0). */
const char *ju_format_percent(ju_arena *a, long long pct10);

/* ju_format_percent_buf() is the same into buf (for drawing; "" for < 0). */
void ju_format_percent_buf(char *buf, size_t n, long long pct10);

/* ju_format_rate() is a response rate: "100%" when every expected form came
 * back, else to one decimal ("98.4%"); NULL when none was expected. */
const char *ju_format_rate(ju_arena *a, long long got, long long expected);

/* ju_format_response() is "自治体票 62/62（回収率100%）". */
const char *ju_format_response(ju_arena *a, const char *form_label, long long got, long long expected);

/* ju_wareki() writes fiscal year y as 令和7年度: the era begun in its
 * calendar year or before (fiscal 2019 is 令和元年度). */
const char *ju_wareki(ju_arena *a, long long y);

/* ju_short_year() writes fiscal year y with the era's letter: R7. */
const char *ju_short_year(ju_arena *a, long long y);

/* ju_days_in_month() is the number of days of month m (1–12) of year y. */
int ju_days_in_month(int y, int m);

/* ju_iso_date() reads YYYY-MM-DD, a real date from 1900 to 9999. */
bool ju_iso_date(const char *s, int *y, int *m, int *d);

/* ju_wareki_date() writes YYYY-MM-DD as 令和7年6月16日; NULL if malformed. */
const char *ju_wareki_date(ju_arena *a, const char *iso);

/* ju_format_period() is "令和7年6月16日～7月11日" (the era and year once when
 * both dates share them); NULL unless both dates are well formed. */
const char *ju_format_period(ju_arena *a, const char *from, const char *to);

/* ju_format_base() is a base caption: "n=23（令和6年度実施地区）" (without
 * "n=23" when n < 0), then "（複数回答）" for a multiple-choice question. */
const char *ju_format_base(ju_arena *a, long n, const char *label, bool multiple);

/* ju_replace_all() is `s` with every `from` replaced by `to`. */
const char *ju_replace_all(ju_arena *a, const char *s, const char *from, const char *to);

/* ju_fill_year() replaces {wareki} {wareki-1} {R} {R-1} {year} {year-1} in
 * `text` for survey year `year` (令和7年度, 令和6年度, R7, R6, 2025, 2024). */
const char *ju_fill_year(ju_arena *a, const char *text, int year);

#endif
