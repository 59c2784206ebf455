/* Unit tests: answers, bases and skip patterns (model/dataset.c) and the
 * tables computed from them (aggregate/tabulate.c), on a toy questionnaire
 * whose every count is worked out by hand in the comments. */
#include "check.h"
#include "fixture.h"

#include "codebook.h"
#include "dataset.h"
#include "master.h"
#include "survey.h"
#include "tabulate.h"

static ju_arena *A;

static long count(const ju_tables *t, const char *form, const char *q, const char *seg, const char *cat)
{
    const ju_table *x = ju_tables_find(t, form, q, seg);
    return x ? ju_table_count(x, cat) : -99;
}

static long base_n(const ju_tables *t, const char *form, const char *q, const char *seg)
{
    const ju_table *x = ju_tables_find(t, form, q, seg);
    return x ? x->base_n : -99;
}

static int warnings_matching(const ju_diags *d, const char *needle)
{
    int n = 0;
    for (size_t i = 0; i < d->n; i++)
        n += d->items[i].severity == JU_SEV_WARNING && strstr(d->items[i].message, needle) != NULL;
    return n;
}

static void test_toy(void)
{
    char *root = fixture_dir(A, "data");
    fixture_master(A, root);
    char *dir = ju_arena_printf(A, "%s/2025", root);
    fixture_codebook(A, dir);
    /* 千代田: implementer with a plan; 中央: preparing, answers Q2 and Q3 outside
     * their bases; 港: implementer without a plan, answers Q5 outside its base
     * (Q4_2 not chosen) and Q7 (began in 2025, not "previous-year");
     * 新宿: not counted (Q3_nc), chose nothing in Q4, left Q7 blank. */
    fixture_write(A, dir, "m.csv",
                  "\xEF\xBB\xBF" "code,name,Q1,Q2,Q3,Q3_nc,Q4_1,Q4_2,Q5,Q6,Q7,memo\r\n"
                  "131016,千代田区,1,1,３,,1,○,\"その他, \"\"x\"\"\r\n2行目\",2021,1,\r\n"
                  "131024,中央区,2,1,5,,,,,,2,note\r\n"
                  "131032,港区,1,2,,,0,0,text,2025,1,\r\n"
                  "131041,新宿区,1,1,,1,,,,2024,,\r\n");
    /* councils: 新宿区's is missing */
    fixture_write(A, dir, "c.csv", "S1,code\n1,131016\n2,131024\n,131032\n");

    ju_diags d;
    ju_diags_init(&d, A);
    ju_survey s;
    ju_master m;
    ju_codebook cb;
    ju_dataset data;
    CHECK_INT(ju_survey_load(A, &d, dir, &s), JU_OK);
    CHECK_INT(s.year, 2025); /* from the folder's name */
    CHECK_INT(ju_master_load(A, &d, ju_arena_printf(A, "%s/municipalities.csv", root), &m), JU_OK);
    CHECK_INT(ju_codebook_load(A, &d, ju_arena_printf(A, "%s/codebook", dir), s.year, &cb), JU_OK);
    CHECK_INT(ju_dataset_read(A, &d, &s, &cb, &m, &data), JU_OK);
    for (size_t i = 0; i < d.n; i++)
        printf("# %s:%d:%d: %s\n", d.items[i].file, d.items[i].line, d.items[i].col, d.items[i].message);
    CHECK_INT(d.errors, 0);
    CHECK_INT(warnings_matching(&d, "outside the question's base"), 4);
    CHECK_INT(warnings_matching(&d, "Q2 (計画): answered by 131024"), 1);
    /* Q3's base needs Q2=1: 中央区's Q2 was dropped, so its Q3 is outside too */
    CHECK_INT(warnings_matching(&d, "Q3 (回数): answered by 131024"), 1);
    CHECK_INT(warnings_matching(&d, "Q5 (その他の内容): answered by 131032"), 1);
    CHECK_INT(warnings_matching(&d, "Q7 (前年度の評価): answered by 131032"), 1);
    CHECK_INT(warnings_matching(&d, "column 'memo' is not in the codebook"), 1);
    CHECK_INT(warnings_matching(&d, "no row for 131041 新宿区"), 1);
    CHECK_INT(data.forms[1].nmissing, 1);

    const ju_formdata *mf = &data.forms[0];
    int q5 = ju_form_question(mf->form, "Q5");
    CHECK_STR(mf->rows[0].answers[q5].text, "その他, \"x\"\n2行目");
    const ju_answer *q7 = &mf->rows[2].answers[ju_form_question(mf->form, "Q7")];
    CHECK(q7->line == 5 && q7->col == 31); /* dropped answers keep their position */

    ju_tables t;
    ju_tabulate(A, &data, &t);
    CHECK_INT(base_n(&t, "municipality", "Q1", "all"), 4);
    CHECK_INT(count(&t, "municipality", "Q1", "all", "1"), 3);
    CHECK_INT(count(&t, "municipality", "Q1", "all", "NA"), 0);
    CHECK_INT(base_n(&t, "municipality", "Q2", "all"), 3);
    CHECK_INT(count(&t, "municipality", "Q2", "all", "1"), 2);
    CHECK_INT(count(&t, "municipality", "Q2", "all", "2"), 1);
    CHECK(ju_tables_find(&t, "municipality", "Q2", "Q1=2") == NULL); /* no preparing body in Q2's base */
    /* Q3: 千代田 3 (bin 1〜4回), 新宿 not counted */
    CHECK_INT(base_n(&t, "municipality", "Q3", "all"), 2);
    CHECK_INT(count(&t, "municipality", "Q3", "all", "0"), 0);
    CHECK_INT(count(&t, "municipality", "Q3", "all", "1"), 1);
    CHECK_INT(count(&t, "municipality", "Q3", "all", "nc"), 1);
    CHECK_INT(count(&t, "municipality", "Q3", "all", "NA"), 0);
    const ju_table *q3 = ju_tables_find(&t, "municipality", "Q3", "all");
    CHECK(q3 && q3->has_stats && q3->stats.answered == 1 && q3->stats.not_counted == 1 && q3->stats.sum == 3);
    CHECK(q3 && q3->ntop == 1 && q3->top[0].value == 3);
    /* Q4 multi over all four: 千代田 chose both; the other three chose nothing */
    CHECK_INT(count(&t, "municipality", "Q4", "all", "Q4_1"), 1);
    CHECK_INT(count(&t, "municipality", "Q4", "all", "Q4_2"), 1);
    CHECK_INT(count(&t, "municipality", "Q4", "all", "NA"), 3);
    /* Q6 years 2021..2025 */
    CHECK_INT(count(&t, "municipality", "Q6", "all", "2021"), 1);
    CHECK_INT(count(&t, "municipality", "Q6", "all", "2024"), 1);
    CHECK_INT(count(&t, "municipality", "Q6", "all", "2025"), 1);
    /* Q7: (Q1=1 & Q6<=2024) | Q1=2 → 千代田, 中央, 新宿 */
    CHECK_INT(base_n(&t, "municipality", "Q7", "all"), 3);
    CHECK_INT(count(&t, "municipality", "Q7", "all", "1"), 1);
    CHECK_INT(count(&t, "municipality", "Q7", "all", "2"), 1);
    CHECK_INT(count(&t, "municipality", "Q7", "all", "NA"), 1);
    CHECK_INT(base_n(&t, "municipality", "Q7", "Q1=1"), 2);
    CHECK_INT(base_n(&t, "municipality", "Q7", "Q1=2"), 1);
    /* councils segmented by their municipality's Q1 */
    CHECK_INT(base_n(&t, "council", "S1", "all"), 3);
    CHECK_INT(count(&t, "council", "S1", "all", "NA"), 1);
    CHECK_INT(base_n(&t, "council", "S1", "Q1=1"), 2);
    CHECK_INT(count(&t, "council", "S1", "Q1=1", "1"), 1);
    CHECK_INT(count(&t, "council", "S1", "Q1=2", "2"), 1);
    CHECK(ju_tables_find(&t, "council", "S1", "Q1=3") == NULL);
}

static void test_percent_and_stats(void)
{
    CHECK_INT(ju_percent10(16, 23), 696);  /* 69.565… */
    CHECK_INT(ju_percent10(11, 23), 478);  /* 47.826… */
    CHECK_INT(ju_percent10(18, 32), 563);  /* 56.25 rounds half up */
    CHECK_INT(ju_percent10(1, 8), 125);    /* 12.5 exactly */
    CHECK_INT(ju_percent10(1, 16), 63);    /* 6.25 → 6.3 */
    CHECK_INT(ju_percent10(21, 30), 700);
    CHECK_INT(ju_percent10(0, 5), 0);
    CHECK_INT(ju_percent10(3, 0), -1);
    CHECK_STR(ju_wareki(A, 2019), "令和元年度");
    CHECK_STR(ju_wareki(A, 2025), "令和7年度");
    CHECK_STR(ju_wareki(A, 2018), "平成30年度");
    CHECK_STR(ju_date_wareki(A, "2025-06-16"), "令和7年6月16日");
}

int main(void)
{
    A = ju_arena_new();
    test_toy();
    test_percent_and_stats();
    ju_arena_free(A);
    return check_done();
}
