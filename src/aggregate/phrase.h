/* phrase.h — a share put into words the way the summary writes it.
 *
 * The summary never writes "76.7%" in a headline; it writes 7割以上, 7割弱,
 * 約半数, 2/3. These functions choose the words from the count and the base
 * alone, with exact integer arithmetic, so the same data always read the same
 * way (rules in README「結果の概要と報告書テンプレート」, tests in tests/unit/test_phrase.c).
 * The words themselves are [ratio] of words.ini (lexicon.h); below, those of
 * the bundled one.
 *
 * 割 (JU_RATIO_WARI), with p the share in percent and k a whole 割:
 *   p = 100            全て
 *   p = 10k            k割            (5割 is written 半数)
 *   10k − 2.5 ≤ p < 10k  k割弱        (5割弱 → 約半数, 10割弱 → ほぼ全て)
 *   otherwise, j = ⌊p/10⌋:
 *     p − 10j < 3      j割            (a figure just past a 割 reads as that 割: 92.9% → 9割)
 *     p − 10j ≥ 3      j割以上        (83.3% → 8割以上)
 *     any j = 5        半数以上       (more than half is never "半数")
 *     j = 0            1割未満
 * Fractions (JU_RATIO_FRACTION) among 1/4 1/3 1/2 2/3 3/4: exact → "2/3";
 *   within 2.5 points of one → "約2/3"; else the 割 wording.
 * JU_RATIO_APPROX is a fraction always written as approximate ("約1/3"),
 *   for shares the analysts want read as rough; else the 割 wording.
 * JU_RATIO_HALF compares with half only: 半数以上 / 半数 / 半数未満.
 * A count of 0 (or a base of 0) has no phrase: NULL, and the sentence using
 * it is left out. */
#ifndef JU_PHRASE_H
#define JU_PHRASE_H

#include "arena.h"

typedef enum { JU_RATIO_WARI, JU_RATIO_FRACTION, JU_RATIO_APPROX, JU_RATIO_HALF } ju_ratio_style;

/* ju_phrase_ratio() words count/base in `style`; NULL when it has none.
 * The string is the lexicon's or owned by `a`. */
const char *ju_phrase_ratio(ju_arena *a, long count, long base, ju_ratio_style style);

/* ju_phrase_change() compares two shares: 0 when they differ by less than one
 * percentage point ("変化はなかった"), +1 when the second is higher, -1 when
 * lower; bases must be positive. */
int ju_phrase_change(long count0, long base0, long count1, long base1);

#endif
