/* phrase.c — shares in the summary's words; see phrase.h. */
#include "phrase.h"

#include <stdbool.h>
#include <stdlib.h>

#include "lexicon.h"

/* All comparisons are on 20 × count × 100 against 20 × base × percent so
 * that 2.5 and 3 points stay integers. */

/* a word of [ratio] with its number filled in: 6割 */
static const char *num(ju_arena *a, const char *key, const char *name, int v)
{
    return ju_lexf(a, "ratio", key, name, ju_arena_printf(a, "%d", v), NULL);
}

static const char *wari(ju_arena *a, long c, long b)
{
    long long p200 = 200LL * 100 * c; /* 200·100·c compared with 200·b·percent */
    long long B = b;
    if (c == b)
        return ju_lex("ratio", "all");
    int k = (int)((10LL * c + b - 1) / b); /* the 割 at or above */
    if (10LL * c == (long long)k * b)
        return k == 5 ? ju_lex("ratio", "half") : num(a, "wari", "k", k);
    /* within 2.5 points below k割: 200·(10k − p) ≤ 500 */
    if (200LL * 10 * k * B - p200 <= 500 * B)
        return k == 5 ? ju_lex("ratio", "about_half") : k == 10 ? ju_lex("ratio", "almost_all") : num(a, "wari_under", "k", k);
    int j = (int)(10LL * c / b);
    if (j == 0)
        return ju_lex("ratio", "under_tenth");
    if (j == 5)
        return ju_lex("ratio", "over_half");
    /* less than 3 points past j割: 200·(p − 10j) < 600 */
    if (p200 - 200LL * 10 * j * B < 600 * B)
        return num(a, "wari", "k", j);
    return num(a, "wari_over", "k", j);
}

static const struct { int num, den; } fractions[] = {{1, 4}, {1, 3}, {1, 2}, {2, 3}, {3, 4}};

static const char *fraction(ju_arena *a, long c, long b, bool always_about)
{
    long long best = -1;
    size_t bi = 0;
    for (size_t i = 0; i < sizeof fractions / sizeof *fractions; i++) {
        long long n = fractions[i].num, d = fractions[i].den;
        if ((long long)c * d == n * b && !always_about)
            return ju_lexf(a, "ratio", "fraction", "num", ju_arena_printf(a, "%lld", n), "den",
                          ju_arena_printf(a, "%lld", d), NULL);
        /* 200·b·d × the distance in points; within 2.5 points ⇔ dist ≤ 500·b·d */
        long long dist = llabs(200LL * 100 * c * d - 200LL * 100 * n * b);
        if (dist <= 500LL * b * d && (best < 0 || dist * (long long)fractions[bi].den < best * d)) {
            best = dist;
            bi = i;
        }
    }
    if (best >= 0)
        return ju_lexf(a, "ratio", "about_fraction", "num", ju_arena_printf(a, "%d", fractions[bi].num), "den",
                       ju_arena_printf(a, "%d", fractions[bi].den), NULL);
    return wari(a, c, b);
}

const char *ju_phrase_ratio(ju_arena *a, long count, long base, ju_ratio_style style)
{
    if (base <= 0 || count <= 0 || count > base)
        return NULL;
    switch (style) {
    case JU_RATIO_WARI: return wari(a, count, base);
    case JU_RATIO_FRACTION: return count == base ? ju_lex("ratio", "all") : fraction(a, count, base, false);
    case JU_RATIO_APPROX: return count == base ? ju_lex("ratio", "all") : fraction(a, count, base, true);
    case JU_RATIO_HALF:
        return ju_lex("ratio", 2 * count > base ? "over_half" : 2 * count == base ? "half" : "under_half");
    }
    return NULL;
}

int ju_phrase_change(long count0, long base0, long count1, long base1)
{
    /* 100·(c1/b1 − c0/b0) against ±1, over the common denominator b0·b1 */
    long long diff = 100LL * (count1 * (long long)base0 - count0 * (long long)base1);
    long long unit = (long long)base0 * base1;
    if (diff >= unit)
        return 1;
    if (diff <= -unit)
        return -1;
    return 0;
}
