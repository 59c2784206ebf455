/* Unit tests: counting (aggregate/tabulate.c, aggregate/results.c) on the toy
 * questionnaire of fixture.h, every count worked out by hand in the comments:
 * the tables, the results each output reads (answers in their categories,
 * base sizes), and the queries (shares, selections, ranks, combined
 * segments, running totals). */
#include "check.h"
#include "fixture.h"

#include "codebook.h"
#include "dataset.h"
#include "format.h"
#include "master.h"
#include "results.h"
#include "survey.h"

static ju_arena *A;
static ju_results R;

static long count(const char *form, const char *q, const char *seg, const char *cat)
{
    const ju_table *x = ju_tables_find(&R.tables, form, q, seg);
    return x ? ju_table_count(x, cat) : -99;
}

static long base_n(const char *form, const char *q, const char *seg)
{
    const ju_table *x = ju_tables_find(&R.tables, form, q, seg);
    return x ? x->base_n : -99;
}

static void load_toy(void)
{
    char *root = fixture_dir(A, "tab");
    fixture_master(A, root);
    char *dir = ju_arena_printf(A, "%s/2025", root);
    fixture_codebook(A, dir);
    fixture_toy(A, dir);
    static ju_diags d;
    static ju_survey s;
    static ju_master m;
    static ju_codebook cb;
    static ju_dataset data;
    ju_diags_init(&d, A);
    CHECK_INT(ju_survey_load(A, &d, dir, &s), JU_OK);
    CHECK_INT(ju_master_load(A, &d, ju_arena_printf(A, "%s/municipalities.csv", root), &m), JU_OK);
    CHECK_INT(ju_codebook_load(A, &d, ju_arena_printf(A, "%s/codebook", dir), s.year, &cb), JU_OK);
    CHECK_INT(ju_dataset_read(A, &d, &s, &cb, &m, &data), JU_OK);
    ju_results_build(A, &data, &R);
}

static void test_tables(void)
{
    CHECK_INT(base_n("municipality", "Q1", "all"), 4);
    CHECK_INT(count("municipality", "Q1", "all", "1"), 3);
    CHECK_INT(count("municipality", "Q1", "all", "NA"), 0);
    CHECK_INT(base_n("municipality", "Q2", "all"), 3);
    CHECK_INT(count("municipality", "Q2", "all", "1"), 2);
    CHECK_INT(count("municipality", "Q2", "all", "2"), 1);
    CHECK(ju_tables_find(&R.tables, "municipality", "Q2", "Q1=2") == NULL); /* no preparing body in Q2's base */
    /* Q3: 千代田 3 (bin 1〜4回), 新宿 not counted */
    CHECK_INT(base_n("municipality", "Q3", "all"), 2);
    CHECK_INT(count("municipality", "Q3", "all", "0"), 0);
    CHECK_INT(count("municipality", "Q3", "all", "1"), 1);
    CHECK_INT(count("municipality", "Q3", "all", "nc"), 1);
    CHECK_INT(count("municipality", "Q3", "all", "NA"), 0);
    const ju_table *q3 = ju_tables_find(&R.tables, "municipality", "Q3", "all");
    CHECK(q3 && q3->has_stats && q3->stats.answered == 1 && q3->stats.not_counted == 1 && q3->stats.sum == 3);
    CHECK(q3 && q3->ntop == 1 && q3->top[0].value == 3);
    /* Q4 multi over all four: 千代田 chose both; the other three chose nothing */
    CHECK_INT(count("municipality", "Q4", "all", "Q4_1"), 1);
    CHECK_INT(count("municipality", "Q4", "all", "Q4_2"), 1);
    CHECK_INT(count("municipality", "Q4", "all", "NA"), 3);
    /* Q6 years 2021..2025 */
    CHECK_INT(count("municipality", "Q6", "all", "2021"), 1);
    CHECK_INT(count("municipality", "Q6", "all", "2024"), 1);
    CHECK_INT(count("municipality", "Q6", "all", "2025"), 1);
    /* Q7: (Q1=1 & Q6<=2024) | Q1=2 → 千代田, 中央, 新宿 */
    CHECK_INT(base_n("municipality", "Q7", "all"), 3);
    CHECK_INT(count("municipality", "Q7", "all", "1"), 1);
    CHECK_INT(count("municipality", "Q7", "all", "2"), 1);
    CHECK_INT(count("municipality", "Q7", "all", "NA"), 1);
    CHECK_INT(base_n("municipality", "Q7", "Q1=1"), 2);
    CHECK_INT(base_n("municipality", "Q7", "Q1=2"), 1);
    /* councils segmented by their municipality's Q1 */
    CHECK_INT(base_n("council", "S1", "all"), 3);
    CHECK_INT(count("council", "S1", "all", "NA"), 1);
    CHECK_INT(base_n("council", "S1", "Q1=1"), 2);
    CHECK_INT(count("council", "S1", "Q1=1", "1"), 1);
    CHECK_INT(count("council", "S1", "Q1=2", "2"), 1);
    CHECK(ju_tables_find(&R.tables, "council", "S1", "Q1=3") == NULL);
}

static void test_answers(void)
{
    const ju_form *f = R.forms[0].form;
    int q2 = ju_form_question(f, "Q2"), q3 = ju_form_question(f, "Q3"), q4 = ju_form_question(f, "Q4");
    int q5 = ju_form_question(f, "Q5");
    const ju_rrow *chiyoda = ju_results_row(&R, 0, 0), *chuo = ju_results_row(&R, 0, 1);
    const ju_rrow *shinjuku = ju_results_row(&R, 0, 3);
    CHECK(chiyoda && chuo && shinjuku);
    CHECK_STR(chiyoda->name, "千代田区");
    /* the category each answer counts in, as the tables count it */
    CHECK_STR(ju_results_category(&R, 0, q2, &chiyoda->values[q2]), "1");
    CHECK_STR(ju_results_category(&R, 0, q3, &chiyoda->values[q3]), "1"); /* 3 falls in the bin from 1 */
    CHECK_INT(chiyoda->values[q3].value, 3);
    CHECK_STR(ju_results_category(&R, 0, q3, &shinjuku->values[q3]), "nc");
    CHECK_INT(shinjuku->values[q3].state, JU_RV_NOT_COUNTED);
    CHECK(chiyoda->values[q4].chosen == 3);       /* both options */
    CHECK_STR(ju_results_category(&R, 0, q4, &shinjuku->values[q4]), "NA"); /* chose nothing: 無回答 */
    CHECK_INT(chuo->values[q2].state, JU_RV_OUTSIDE); /* dropped: outside Q2's base */
    CHECK(ju_results_category(&R, 0, q2, &chuo->values[q2]) == NULL);
    CHECK_STR(chiyoda->values[q5].text, "その他, \"x\"\n2行目");
    CHECK(ju_results_row(&R, 1, 3) == NULL); /* 新宿区's council did not respond */
    /* base sizes: all 4, impl 3, deep (Q1=1 & Q2=1) 2 */
    CHECK_INT(R.forms[0].base_n[0], 4);
    CHECK_INT(R.forms[0].base_n[1], 3);
    CHECK_INT(R.forms[0].base_n[2], 2);
    long got, expected;
    CHECK(ju_results_responses(&R, "council", &got, &expected) && got == 3 && expected == 4);
    CHECK(!ju_results_responses(&R, "nosuch", &got, &expected));
    CHECK_STR(ju_results_response_line(A, &R, 1), "社協票 3/4（回収率75%）");
}

static void test_queries(void)
{
    long c, b;
    const char *why = NULL;
    CHECK(ju_results_share(A, &R, "Q2=1", &c, &b, &why) && c == 2 && b == 3);
    CHECK(ju_results_share(A, &R, "Q1 in Q2=1", &c, &b, &why) && c == 2 && b == 2);
    CHECK(ju_results_share(A, &R, "council.S1=1", &c, &b, &why) && c == 1 && b == 3);
    CHECK(!ju_results_share(A, &R, "Q9=1", &c, &b, &why) && why != NULL);
    const ju_rrow **rows;
    int fi;
    CHECK_INT(ju_results_select(A, &R, NULL, "Q1=1", &fi, &rows, &why), 3);
    CHECK(fi == 0 && rows[0]->master == 0 && rows[1]->master == 2 && rows[2]->master == 3); /* master order */
    CHECK_INT(ju_results_select(A, &R, "council", NULL, &fi, &rows, &why), 3);
    CHECK_INT(fi, 1);
    CHECK_INT(ju_results_select(A, &R, "nosuch", NULL, &fi, &rows, &why), -1);
    /* ranks among the values of a table: 3 is the only value */
    long rank, n;
    const ju_table *q3 = ju_tables_find(&R.tables, "municipality", "Q3", "all");
    CHECK(ju_results_rank(q3, 3, &rank, &n) && rank == 1 && n == 1);
    CHECK(ju_results_rank(q3, 2, &rank, &n) && rank == 2 && n == 1);
    CHECK(!ju_results_rank(ju_tables_find(&R.tables, "municipality", "Q1", "all"), 1, &rank, &n));
    /* segments added up: Q7 of Q1=1 (2) and Q1=2 (1) */
    ju_table sum;
    CHECK_INT(ju_results_table(A, &R, 0, "Q7", "Q1=1,2", &sum, &why), 1);
    CHECK_INT(sum.base_n, 3);
    CHECK_INT(ju_table_count(&sum, "1"), 1);
    CHECK_INT(ju_results_table(A, &R, 0, "Q7", "Q1=3", &sum, &why), 0);
    /* councils by their municipality's Q1; any other condition over the form's own answers */
    CHECK_INT(ju_results_table(A, &R, 1, "S1", "Q1=1", &sum, &why), 1);
    CHECK_INT(sum.base_n, 2);
    CHECK_INT(ju_results_table(A, &R, 0, "Q7", "Q2=1", &sum, &why), 1); /* 千代田, 新宿 */
    CHECK_INT(sum.base_n, 2);
    CHECK_INT(ju_table_count(&sum, "1"), 1);
    CHECK_INT(ju_results_table(A, &R, 0, "Q7", "Q9=1", &sum, &why), -1);
    CHECK(why && strstr(why, "Q9") != NULL);
    /* running totals of the start years: 2021 1, 2022 1, 2023 1, 2024 2, 2025 3 */
    const ju_table *q6 = ju_tables_find(&R.tables, "municipality", "Q6", "all");
    long *run = ju_results_running(A, q6, 5);
    CHECK(run[0] == 1 && run[2] == 1 && run[3] == 2 && run[4] == 3);
}

static void test_percent_and_format(void)
{
    CHECK_INT(ju_percent10(16, 23), 696);  /* 69.565… */
    CHECK_INT(ju_percent10(11, 23), 478);  /* 47.826… */
    CHECK_INT(ju_percent10(18, 32), 563);  /* 56.25 rounds half up */
    CHECK_INT(ju_percent10(1, 8), 125);    /* 12.5 exactly */
    CHECK_INT(ju_percent10(1, 16), 63);    /* 6.25 → 6.3 */
    CHECK_INT(ju_percent10(21, 30), 700);
    CHECK_INT(ju_percent10(0, 5), 0);
    CHECK_INT(ju_percent10(3, 0), -1);
    CHECK_STR(ju_format_percent(A, 696), "69.6%");
    CHECK(ju_format_percent(A, -1) == NULL);
    CHECK_STR(ju_format_count(A, 1527), "1,527");
    CHECK_STR(ju_format_count(A, -1234567), "-1,234,567");
    CHECK_STR(ju_format_rate(A, 62, 62), "100%");
    CHECK_STR(ju_format_rate(A, 61, 62), "98.4%");
    CHECK_STR(ju_wareki(A, 2019), "令和元年度");
    CHECK_STR(ju_wareki(A, 2025), "令和7年度");
    CHECK_STR(ju_wareki(A, 2018), "平成30年度");
    CHECK_STR(ju_wareki_date(A, "2025-06-16"), "令和7年6月16日");
    CHECK_STR(ju_wareki_date(A, "2019-04-30"), "平成31年4月30日");
    CHECK(ju_wareki_date(A, "2025-02-31") == NULL);
    /* a period: the era and year once when they agree */
    CHECK_STR(ju_format_period(A, "2025-06-16", "2025-07-11"), "令和7年6月16日～7月11日");
    CHECK_STR(ju_format_period(A, "2025-12-16", "2026-01-11"), "令和7年12月16日～令和8年1月11日");
    CHECK_STR(ju_format_base(A, 23, "令和6年度実施地区", true), "n=23（令和6年度実施地区）（複数回答）");
    CHECK_STR(ju_format_base(A, -1, "全自治体", false), "（全自治体）");
}

int main(int argc, char **argv)
{
    fixture_words(argc > 1 ? argv[1] : ".");
    A = ju_arena_new();
    load_toy();
    test_tables();
    test_answers();
    test_queries();
    test_percent_and_format();
    ju_arena_free(A);
    return check_done();
}
