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


static int warnings_matching(const ju_diags *d, const char *needle)
{
    int n = 0;
    for (size_t i = 0; i < d->n; i++)
        n += d->items[i].severity == JU_SEV_WARNING && strstr(d->items[i].message, needle) != NULL;
    return n;
}

/* reads the year in `dir` with the master list of `root`, checking each step */
static void load(const char *root, const char *dir, ju_diags *d, ju_survey *s, ju_dataset *data)
{
    static ju_master m;
    static ju_codebook cb;
    CHECK_INT(ju_survey_load(A, d, dir, s), JU_OK);
    CHECK_INT(ju_master_load(A, d, ju_arena_printf(A, "%s/municipalities.csv", root), &m), JU_OK);
    CHECK_INT(ju_codebook_load(A, d, ju_arena_printf(A, "%s/codebook", dir), s->year, &cb), JU_OK);
    CHECK_INT(ju_dataset_read(A, d, s, &cb, &m, data), JU_OK);
}

static void test_toy(void)
{
    char *root = fixture_dir(A, "data");
    fixture_master(A, root);
    char *dir = ju_arena_printf(A, "%s/2025", root);
    fixture_codebook(A, dir);
    fixture_toy(A, dir);

    ju_diags d;
    ju_diags_init(&d, A);
    ju_survey s;
    ju_dataset data;
    load(root, dir, &d, &s, &data);
    CHECK_INT(s.year, 2025); /* from the folder's name */
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

}

/* a multiple-choice question with 64 options: the last one is bit 63 of the
 * answer's mask (a signed shift there was undefined behaviour) */
static void test_64_options(void)
{
    char *root = fixture_dir(A, "opts");
    fixture_master(A, root);
    char *dir = ju_arena_printf(A, "%s/2025", root);
    fixture_write(A, dir, "codebook/forms.csv", "form,file,label,respondent,segment_by\nmunicipality,m.csv,票,自治体,\n");
    fixture_write(A, dir, "codebook/bases.csv", "form,id,definition,label\nmunicipality,all,all,全体\n");
    fixture_write(A, dir, "codebook/questions.csv",
                  "form,id,type,label,short,unit,base,bins,nc,min,top\n"
                  "municipality,code,code,コード,,,all,,,,\nmunicipality,name,name,名称,,,all,,,,\n"
                  "municipality,Q1,multi,取組,,,all,,,,\n");
    fixture_write(A, dir, "codebook/bins.csv", "bins,lower,label\n");
    char *choices = "form,question,code,label\n", *head = "code,name", *r1 = "131016,千代田区", *r2 = "131024,中央区";
    for (int i = 0; i < 64; i++) {
        choices = ju_arena_printf(A, "%smunicipality,Q1,O%d,選択肢%d\n", choices, i, i);
        head = ju_arena_printf(A, "%s,O%d", head, i);
        r1 = ju_arena_printf(A, "%s,%s", r1, i == 0 || i == 63 ? "1" : "");
        r2 = ju_arena_printf(A, "%s,1", r2);
    }
    fixture_write(A, dir, "codebook/choices.csv", choices);
    fixture_write(A, dir, "m.csv", ju_arena_printf(A, "%s\n%s\n%s\n", head, r1, r2));
    ju_diags d;
    ju_diags_init(&d, A);
    ju_survey s;
    ju_dataset data;
    load(root, dir, &d, &s, &data);
    const ju_answer *ans = &data.forms[0].rows[0].answers[ju_form_question(data.forms[0].form, "Q1")];
    CHECK(ju_answer_chosen(ans, 63) && ju_answer_chosen(ans, 0) && !ju_answer_chosen(ans, 62));
    ju_tables t;
    ju_tabulate(A, &data, &t);
    CHECK_INT(count(&t, "municipality", "Q1", "all", "O63"), 2);
    CHECK_INT(count(&t, "municipality", "Q1", "all", "O62"), 1);
}

/* a name in the master list becomes part of a file name: no '/' */
static void test_master_names(void)
{
    char *root = fixture_dir(A, "names");
    fixture_write(A, root, "municipalities.csv",
                  "code,name,kana,kind,area\n131016,千代田区,ちよだく,特別区,区部\n131024,中央/区,ちゅうおうく,特別区,区部\n");
    ju_diags d;
    ju_diags_init(&d, A);
    ju_master m;
    CHECK_INT(ju_master_load(A, &d, ju_arena_printf(A, "%s/municipalities.csv", root), &m), JU_ERR_CONFIG);
    CHECK_INT(d.errors, 1);
    CHECK(d.items[0].line == 3 && d.items[0].col == 8);
    CHECK_STR(d.items[0].message, "the name of 131024 cannot be part of a file name: it holds '/', '\\' or ':'");
}

int main(int argc, char **argv)
{
    fixture_words(argc > 1 ? argv[1] : ".");
    A = ju_arena_new();
    test_toy();
    test_64_options();
    test_master_names();
    ju_arena_free(A);
    return check_done();
}
