/* Unit tests: shares in words (aggregate/phrase.c). The first block is every
 * share the 2025 summary puts into words, with the sample's counts; the rest
 * walk the rules' edges (README "Report templates"). */
#include "check.h"
#include "fixture.h"

#include "arena.h"
#include "phrase.h"

static ju_arena *A;

#define RATIO(c, b, style, want) CHECK_STR(ju_phrase_ratio(A, c, b, style), want)

static void test_summary(void)
{
    RATIO(23, 30, JU_RATIO_WARI, "7割以上");   /* 実施計画を策定 76.7% */
    RATIO(25, 30, JU_RATIO_WARI, "8割以上");   /* 現行計画に位置づけ 83.3% */
    RATIO(27, 30, JU_RATIO_WARI, "9割");       /* 次期予定を合わせると 90.0% */
    RATIO(16, 23, JU_RATIO_WARI, "7割弱");     /* 推進体制 69.6% */
    RATIO(11, 23, JU_RATIO_WARI, "約半数");    /* 評価指標 47.8% */
    RATIO(18, 30, JU_RATIO_WARI, "6割");       /* 総合相談窓口 60.0% */
    RATIO(14, 23, JU_RATIO_WARI, "6割");       /* the 2024 sample, 60.9% */
    RATIO(12, 30, JU_RATIO_WARI, "4割");       /* 窓口なし 40.0% */
    RATIO(9, 18, JU_RATIO_WARI, "半数");       /* その半数は一体的に */
    RATIO(5, 10, JU_RATIO_WARI, "半数");       /* 準備中の直営 */
    RATIO(26, 28, JU_RATIO_WARI, "9割");       /* 委託先は9割が社協 92.9% */
    RATIO(13, 23, JU_RATIO_WARI, "半数以上");  /* 計画期間5〜6年 56.5% */
    RATIO(20, 30, JU_RATIO_FRACTION, "2/3");   /* 研修 */
    RATIO(15, 30, JU_RATIO_FRACTION, "1/2");   /* 連絡会 */
    RATIO(10, 30, JU_RATIO_FRACTION, "1/3");   /* カウントしていない自治体 */
    RATIO(10, 30, JU_RATIO_APPROX, "約1/3");   /* 全て直営 */
    RATIO(16, 23, JU_RATIO_HALF, "半数以上");  /* 推進評価の体制 */
}

static void test_wari_edges(void)
{
    CHECK(ju_phrase_ratio(A, 0, 30, JU_RATIO_WARI) == NULL);
    CHECK(ju_phrase_ratio(A, 3, 0, JU_RATIO_WARI) == NULL);
    CHECK(ju_phrase_ratio(A, 31, 30, JU_RATIO_WARI) == NULL);
    RATIO(30, 30, JU_RATIO_WARI, "全て");
    RATIO(39, 40, JU_RATIO_WARI, "ほぼ全て");  /* 97.5%: exactly 2.5 below 10割 */
    RATIO(38, 40, JU_RATIO_WARI, "9割以上");   /* 95.0% */
    RATIO(27, 40, JU_RATIO_WARI, "7割弱");     /* 67.5%: the edge of 弱 */
    RATIO(269, 400, JU_RATIO_WARI, "6割以上"); /* 67.25%: just outside it */
    RATIO(130, 1000, JU_RATIO_WARI, "1割以上"); /* 13.0%: 3 points past is 以上 … */
    RATIO(129, 1000, JU_RATIO_WARI, "1割");    /* … 2.9 points past is not */
    RATIO(1, 20, JU_RATIO_WARI, "1割未満");
    RATIO(3, 40, JU_RATIO_WARI, "1割弱");      /* 7.5% */
    RATIO(19, 40, JU_RATIO_WARI, "約半数");    /* 47.5% */
    RATIO(21, 40, JU_RATIO_WARI, "半数以上");  /* 52.5% */
    RATIO(3, 5, JU_RATIO_WARI, "6割");
}

static void test_fraction_edges(void)
{
    RATIO(1, 4, JU_RATIO_FRACTION, "1/4");
    RATIO(3, 4, JU_RATIO_FRACTION, "3/4");
    RATIO(11, 30, JU_RATIO_FRACTION, "3割以上"); /* 36.7%: 3.3 points off 1/3 → 割 */
    RATIO(7, 20, JU_RATIO_FRACTION, "約1/3");   /* 35.0%: 1.7 points off */
    RATIO(9, 30, JU_RATIO_FRACTION, "3割");     /* 30.0%: nearer no fraction */
    RATIO(29, 60, JU_RATIO_FRACTION, "約1/2");  /* 48.3% */
    RATIO(30, 30, JU_RATIO_FRACTION, "全て");
    RATIO(15, 30, JU_RATIO_APPROX, "約1/2");
    RATIO(2, 30, JU_RATIO_APPROX, "1割未満");
    RATIO(15, 30, JU_RATIO_HALF, "半数");
    RATIO(14, 30, JU_RATIO_HALF, "半数未満");
}

static void test_change(void)
{
    CHECK_INT(ju_phrase_change(14, 23, 18, 30), 0);  /* 60.9% → 60.0% */
    CHECK_INT(ju_phrase_change(10, 100, 11, 100), 1); /* exactly one point up */
    CHECK_INT(ju_phrase_change(10, 100, 9, 100), -1);
    CHECK_INT(ju_phrase_change(100, 1000, 109, 1000), 0);
    CHECK_INT(ju_phrase_change(30, 62, 40, 62), 1);
}

int main(int argc, char **argv)
{
    fixture_words(argc > 1 ? argv[1] : ".");
    A = ju_arena_new();
    test_summary();
    test_wari_edges();
    test_fraction_edges();
    test_change();
    ju_arena_free(A);
    return check_done();
}
