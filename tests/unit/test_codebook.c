/* Unit tests: the codebook (model/codebook.c) — the bundled one and
 * broken ones, which must be rejected at their file:line:col. */
#include "check.h"
#include "fixture.h"

#include "codebook.h"

static ju_arena *A;

static const ju_question *question(const ju_codebook *cb, const char *form, const char *id)
{
    const ju_form *f = ju_codebook_form(cb, form);
    int i = f ? ju_form_question(f, id) : -1;
    return i < 0 ? NULL : &f->questions[i];
}

static void test_bundled(const char *root)
{
    ju_diags d;
    ju_diags_init(&d, A);
    ju_codebook cb;
    CHECK_INT(ju_codebook_load(A, &d, ju_arena_printf(A, "%s/data/2025/codebook", root), 2025, &cb), JU_OK);
    for (size_t i = 0; i < d.n; i++)
        printf("# %s:%d:%d: %s\n", d.items[i].file, d.items[i].line, d.items[i].col, d.items[i].message);
    CHECK_INT(cb.nforms, 2);
    const ju_question *q1_1 = question(&cb, "municipality", "Q1_1");
    CHECK(q1_1 && q1_1->type == JU_QT_YEAR);
    CHECK_INT(q1_1->nchoices, 5); /* 2021..2025 */
    CHECK_STR(q1_1->choices[0].label, "令和3年度");
    const ju_question *q14 = question(&cb, "municipality", "Q14");
    CHECK(q14 && q14->type == JU_QT_COUNT && q14->nbins == 5);
    const ju_form *m = ju_codebook_form(&cb, "municipality");
    const ju_base *b = &m->bases[q14->base];
    /* R6 implementers: Q1=1 & Q1_1<=Y-1, Y resolved to the survey year */
    CHECK_INT(b->nterms, 1);
    CHECK_INT(b->terms[0].n, 2);
    CHECK_INT(b->terms[0].conds[1].op, JU_COND_LE);
    CHECK_INT(b->terms[0].conds[1].values[0], 2024);
    const ju_question *q21 = question(&cb, "municipality", "Q21");
    CHECK(q21 && q21->nc && strcmp(q21->nc, "Q21_nc") == 0);
    const ju_question *q23 = question(&cb, "municipality", "Q23");
    CHECK(q23 && q23->nbins == 1 && q23->bins[0].lower == 0);
    const ju_question *q6 = question(&cb, "municipality", "Q6");
    CHECK(q6 && q6->type == JU_QT_MULTI && q6->nchoices == 6);
    CHECK_STR(q6->choices[5].code, "Q6_6");
}

static void test_toy(void)
{
    ju_diags d;
    ju_diags_init(&d, A);
    char *dir = fixture_dir(A, "cb");
    fixture_codebook(A, dir);
    ju_codebook cb;
    CHECK_INT(ju_codebook_load(A, &d, ju_arena_printf(A, "%s/codebook", dir), 2025, &cb), JU_OK);
    const ju_form *m = ju_codebook_form(&cb, "municipality");
    const ju_base *prev = &m->bases[question(&cb, "municipality", "Q7")->base];
    CHECK_INT(prev->nterms, 2); /* '&' binds tighter than '|' */
    CHECK_INT(prev->terms[0].n, 2);
    CHECK_INT(prev->terms[1].n, 1);
    const ju_base *other = &m->bases[question(&cb, "municipality", "Q5")->base];
    CHECK_INT(other->terms[0].conds[0].option, 1); /* Q4_2 is option bit 1 of Q4 */
    CHECK_INT(question(&cb, "municipality", "Q3")->top, 2);
}

/* replaces one codebook file of the toy and expects exactly one error */
static void expect_error(const char *file, const char *text, int line, int col, const char *message)
{
    ju_diags d;
    ju_diags_init(&d, A);
    char *dir = fixture_dir(A, "cbbad");
    fixture_codebook(A, dir);
    fixture_write(A, dir, ju_arena_printf(A, "codebook/%s", file), text);
    ju_codebook cb;
    CHECK_INT(ju_codebook_load(A, &d, ju_arena_printf(A, "%s/codebook", dir), 2025, &cb), JU_ERR_CONFIG);
    CHECK_INT(d.errors, 1);
    if (d.n) {
        CHECK_INT(d.items[0].line, line);
        CHECK_INT(d.items[0].col, col);
        CHECK_STR(d.items[0].message, message);
    }
}

static void test_broken(void)
{
    expect_error("bases.csv",
                 "form,id,definition,label\nmunicipality,all,all,全\nmunicipality,impl,Q9=1,x\n"
                 "municipality,deep,Q1=1,x\nmunicipality,other,Q4_2=1,x\nmunicipality,prev,Q1=1,x\ncouncil,all,all,x\n",
                 3, 19, "base impl: 'Q9' is not a question or option of form municipality");
    expect_error("bases.csv",
                 "form,id,definition,label\nmunicipality,all,all,全\nmunicipality,impl,Q1~1,x\n"
                 "municipality,deep,Q1=1,x\nmunicipality,other,Q4_2=1,x\nmunicipality,prev,Q1=1,x\ncouncil,all,all,x\n",
                 3, 19, "base impl: expected '=', '<=', '>=', '<', '>', 'answered' or 'nc' after Q1");
    /* Q3's base names Q3: a loop, reported at Q3's base cell in questions.csv */
    expect_error("bases.csv",
                 "form,id,definition,label\nmunicipality,all,all,全\nmunicipality,impl,Q1=1,x\n"
                 "municipality,deep,Q3>=1,x\nmunicipality,other,Q4_2=1,x\nmunicipality,prev,Q1=1,x\ncouncil,all,all,x\n",
                 6, 29, "Q3: its base depends on the question itself (a loop of bases)");
    expect_error("bins.csv", "bins,lower,label\nfew,1,1回\nfew,5,5回以上\n", 2, 5,
                 "bins few: the first bin starts at 0");
    expect_error("choices.csv",
                 "form,question,code,label\nmunicipality,Q1,1,実施\nmunicipality,Q1,one,準備\n"
                 "municipality,Q2,1,a\nmunicipality,Q4,Q4_1,a\nmunicipality,Q4,Q4_2,b\nmunicipality,Q7,1,a\ncouncil,S1,1,a\n",
                 3, 17, "Q1: a single-choice code is an integer, not 'one'");
}

int main(int argc, char **argv)
{
    fixture_words(argc > 1 ? argv[1] : ".");
    A = ju_arena_new();
    test_bundled(argc > 1 ? argv[1] : ".");
    test_toy();
    test_broken();
    ju_arena_free(A);
    return check_done();
}
