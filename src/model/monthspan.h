/* monthspan.h — the months of a fiscal year an initiative's item is planned or
 * reported in, as 様式4 writes them.
 *
 * A span is a set of the fiscal year's months (April … March), kept as 12
 * bits: bit 0 is April, bit 11 March. It is written as ranges and single
 * months, separated by 、 or commas, with or without 月, in half- or
 * full-width digits:
 *     4～3月    the whole year          5～7月 / 5-7   May to July
 *     ～11月    from the period's first month to November
 *     4月～     from April to the year's end (March)
 *     4、6月    April and June          1月～3月       January to March
 * A range runs forward in the fiscal year: 3～4月 would cross its end and is
 * an error, as is a month that is not 1–12. 随時 (any time) is no span. */
#ifndef JU_MONTHSPAN_H
#define JU_MONTHSPAN_H

#include <stdbool.h>
#include <stddef.h>

/* the fiscal month index (0 = April … 11 = March) of calendar month m (1–12) */
int ju_fiscal_index(int month);

/* ju_span_parse() reads a span written alone ("4～7", "5、7月", "～11月").
 * `first` is the fiscal index a range open at its start begins from (the
 * period's first month). Returns true with *months set (0 for 随時); false
 * with *why (a static English message) when it is not a span. */
bool ju_span_parse(const char *s, int first, unsigned *months, const char **why);

/* ju_span_in_text() finds the span an item's text ends with: the last
 * bracketed group (（…） or (…)) that holds 月 or a ～ between digits, e.g.
 * 「会議の開催（4、6月）」, 「検討（例：相談会等）（～3月）」, 「訪問（6～7月）※必要に応じて…」.
 * Returns 0 when the text has no such group (*months = 0), 1 when the group
 * is a span (*months set), -1 when it is not one (*why set); *at is the
 * group's byte offset in `text` either way (when found). */
int ju_span_in_text(const char *text, int first, unsigned *months, size_t *at, const char **why);

#endif
