/* reportmatch.h — which planned item a progress line reports on.
 *
 * An office often writes 進捗の状況 as lines of their own rather than against
 * the item of スケジュール they report on (「多機関協働のための会議の開催（4、6月）、
 * 個別支援の実施（随時）」 for 「多機関協働担当を中心とした会議の開催（4、6月）」). A
 * progress-only row is taken to report on the item of the same sheet and
 * period whose words it shares most: similarity is the Dice coefficient of
 * the two texts' character pairs (bigrams), read without their parentheses
 * (months, notes), spaces, punctuation and list marks, on their first
 * JU_MATCH_CHARS characters. The best item is taken when its similarity is
 * at least JU_MATCH_MIN and leads the next item's by JU_MATCH_LEAD (an
 * ambiguous report stays on its own). Several reports may fall on one item.
 * A sheet's period with more than JU_MATCH_PAIRS item–report pairs is not
 * matched (a warning says so): its reports stay on their own. */
#ifndef JU_REPORTMATCH_H
#define JU_REPORTMATCH_H

#include "diag.h"
#include "initiatives.h"

#define JU_MATCH_MIN 0.3
#define JU_MATCH_LEAD 0.1
enum { JU_MATCH_CHARS = 120, JU_MATCH_PAIRS = 20000 };

/* ju_match_reports() sets `against` of every progress-only row of `in`, and
 * `heard` of every item row. */
void ju_match_reports(ju_arena *a, ju_diags *d, const ju_sheetrules *rules, ju_initiatives *in);

#endif
