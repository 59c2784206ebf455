/* Unit tests: month spans of 様式4 items (model/monthspan.c), written as the
 * four Sakai sheets write them, and the mistakes a ward officer could make. */
#include "check.h"

#include "monthspan.h"

/* fiscal months as bits: APR … MAR */
#define M(m) (1u << ju_fiscal_index(m))
#define RANGE(a, b) range(a, b)

static unsigned range(int a, int b)
{
    unsigned bits = 0;
    for (int i = ju_fiscal_index(a); i <= ju_fiscal_index(b); i++)
        bits |= 1u << i;
    return bits;
}

static unsigned span(const char *s, int first)
{
    unsigned m = 0xFFFF;
    const char *why = NULL;
    if (!ju_span_parse(s, first, &m, &why)) {
        printf("# %s: %s\n", s, why);
        return 0xDEAD;
    }
    return m;
}

static bool rejects(const char *s)
{
    unsigned m;
    const char *why = NULL;
    return !ju_span_parse(s, 0, &m, &why) && why != NULL;
}

static void test_written_alone(void)
{
    CHECK_INT(span("4～3月", 0), 0xFFF);
    CHECK_INT(span("5～7月", 0), RANGE(5, 7));
    CHECK_INT(span("5-7", 0), RANGE(5, 7));
    CHECK_INT(span("4~7月", 0), RANGE(4, 7));
    CHECK_INT(span("～11月", 4), RANGE(8, 11));       /* 中期: from August */
    CHECK_INT(span("～3月", 8), RANGE(12, 3));        /* 後期: from December */
    CHECK_INT(span("4月～", 0), 0xFFF);               /* to the year's end */
    CHECK_INT(span("8～3月", 4), RANGE(8, 3));
    CHECK_INT(span("4、6月", 0), M(4) | M(6));
    CHECK_INT(span("8月、10月", 4), M(8) | M(10));
    CHECK_INT(span("12、2月", 8), M(12) | M(2));
    CHECK_INT(span("1月～3月", 8), RANGE(1, 3));
    CHECK_INT(span("１月", 8), M(1));                 /* full-width digit */
    CHECK_INT(span("１１～１２月", 4), RANGE(11, 12));
    CHECK_INT(span("随時", 0), 0);
    CHECK(rejects("13月"));
    CHECK(rejects("0月"));
    CHECK(rejects("3～4月"));   /* crosses the fiscal year's end */
    CHECK(rejects("～"));
    CHECK(rejects("4、"));
    CHECK(rejects("春"));
    CHECK(rejects("4月頃"));
}

static unsigned in_text(const char *text, int first, int want_found)
{
    unsigned m = 0xFFFF;
    size_t at = 0;
    const char *why = NULL;
    int r = ju_span_in_text(text, first, &m, &at, &why);
    CHECK_INT(r, want_found);
    return r < 0 ? 0xBAD : m;
}

static void test_in_text(void)
{
    CHECK_INT(in_text("多機関協働担当を中心とした会議の開催（4、6月）", 0, 1), M(4) | M(6));
    CHECK_INT(in_text("不登校の子どもの保護者への相談支援の検討・実施（例：相談会等）（～3月）", 8, 1), RANGE(12, 3));
    CHECK_INT(in_text("課題対応及び情報共有のため北区役所プラットフォーム担当者会議の開催（6～7月）※必要に応じてプラットフォーム会議を実施", 0, 1),
              RANGE(6, 7));
    CHECK_INT(in_text("【学校連携】区域内教育機関等へのヒアリング、関係構築及び課題整理 (5~7月)", 0, 1), RANGE(5, 7));
    CHECK_INT(in_text("区内小中学校の訪問による各校の状況把握と実情に応じた連携方策の検討・実施（4月～）", 0, 1), 0xFFF);
    CHECK_INT(in_text("多機関協働をより効果的に推進するため、課題の共有と取組の実施", 0, 0), 0);
    CHECK_INT(in_text("多機関協働のための会議の開催（4、6月）、個別支援の実施（随時）", 0, 1), M(4) | M(6));
    CHECK_INT(in_text("会議の開催（13月）", 0, -1), 0xBAD);
    unsigned m;
    size_t at = 0;
    const char *why;
    CHECK_INT(ju_span_in_text("会議（4～3月）", 0, &m, &at, &why), 1);
    CHECK_INT(at, strlen("会議（"));
}

int main(void)
{
    test_written_alone();
    test_in_text();
    return check_done();
}
