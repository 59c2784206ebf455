/* Unit tests: placeholders filled from the data (report/fill.c) on the toy
 * questionnaire of fixture.h: every kind, sentences and optional [groups]
 * left out when a figure cannot be computed, and template mistakes reported
 * at their line and character column. */
#include "check.h"
#include "fixture.h"

#include "fill.h"
#include "tabulate.h"

static ju_arena *A;
static ju_diags D;
static ju_facts F;

/* fills `text` as if it were the value of line 7 starting at column 10 */
static const char *fill(const char *text, bool *failed)
{
    ju_inipiece piece = {0, 7, 10};
    ju_inientry e = {"bullet", text, 7, 10, 1, &piece, 1};
    ju_textpos pos = {"report.ini", &e, "[p] bullet"};
    size_t before = D.errors;
    const char *out = ju_fill(A, &D, &F, &pos);
    *failed = D.errors > before;
    return out;
}

#define FILLS(text, want)                                                                            \
    do {                                                                                             \
        bool failed_;                                                                                \
        CHECK_STR(fill(text, &failed_), want);                                                       \
        CHECK(!failed_);                                                                             \
    } while (0)

#define DROPS(text)                                                                                  \
    do {                                                                                             \
        bool failed_;                                                                                \
        CHECK(fill(text, &failed_) == NULL);                                                         \
        CHECK(!failed_);                                                                             \
    } while (0)

static const char *last_message(void)
{
    return D.n ? ju_arena_printf(A, "%s:%d:%d: %s", D.items[D.n - 1].file, D.items[D.n - 1].line,
                                 D.items[D.n - 1].col, D.items[D.n - 1].message)
               : "";
}

static void load(void)
{
    char *root = fixture_dir(A, "fill");
    fixture_master(A, root);
    char *dir = ju_arena_printf(A, "%s/2025", root);
    fixture_codebook(A, dir);
    /* 千代田: implementer with a plan, Q3 = 3; 中央: preparing; 港: implementer
     * without a plan; 新宿: implementer with a plan, not counted (Q3_nc) */
    fixture_write(A, dir, "m.csv",
                  "code,name,Q1,Q2,Q3,Q3_nc,Q4_1,Q4_2,Q5,Q6,Q7\n"
                  "131016,千代田区,1,1,3,,1,1,その他の例,2021,1\n"
                  "131024,中央区,2,,,,1,,,,2\n"
                  "131032,港区,1,2,,,0,0,,2025,\n"
                  "131041,新宿区,1,1,,1,,,,2024,\n");
    fixture_write(A, dir, "c.csv", "S1,code\n1,131016\n2,131024\n,131032\n");
    static ju_survey s;
    static ju_master m;
    static ju_codebook cb;
    static ju_dataset data;
    static ju_results results;
    CHECK_INT(ju_survey_load(A, &D, dir, &s), JU_OK);
    CHECK_INT(ju_master_load(A, &D, ju_arena_printf(A, "%s/municipalities.csv", root), &m), JU_OK);
    CHECK_INT(ju_codebook_load(A, &D, ju_arena_printf(A, "%s/codebook", dir), s.year, &cb), JU_OK);
    CHECK_INT(ju_dataset_read(A, &D, &s, &cb, &m, &data), JU_OK);
    ju_results_build(A, &data, &results);
    CHECK_INT(D.errors, 0);
    F = (ju_facts){&results, NULL};
}

static void test_values(void)
{
    FILLS("{n:Q1=1}地区", "3地区");
    FILLS("{base:Q2}", "3");               /* the base of Q2: the implementers */
    FILLS("{n:Q2}", "3");                  /* a bare question: those who answered it */
    FILLS("{pct:Q2=1}", "66.7%");
    FILLS("{frac:Q2=1}", "2/3");
    FILLS("{wari:Q2=1}", "6割以上");
    FILLS("{half:Q2=1}", "半数以上");
    FILLS("{base:Q1 in Q2=1}", "2");       /* a restriction narrows the base */
    FILLS("{wari:Q4_1=1 in Q1=1}", "3割以上"); /* 1 of 3 implementers ticks Q4_1 */
    FILLS("{names:Q1=1}", "千代田区、港区、新宿区");
    FILLS("{names:Q6=Y}", "港区");         /* Y is the survey year */
    FILLS("{kinds:Q1=1}《{n:Q1=1}地区》", "区《3地区》"); /* 特別区 → 区: the fixture's list is all wards */
    FILLS("{chosen:Q1}", "実施、準備");       /* 未実施 is chosen by no one */
    FILLS("◆{chosen:Q4:　◆}", "◆研修");       /* その他 is left out */
    FILLS("{n:Q3 nc}", "1");
    FILLS("{nc:Q3}", "1");
    FILLS("{sum:Q3}", "3");
    FILLS("{top:Q3:1}回", "3回");
    FILLS("{n:council.S1=1}社協", "1社協");
    FILLS("{responses:council}/{expected:council}", "3/4");
    FILLS("{rate:council}", "75%");
    FILLS("{rate:all}", "87.5%");          /* 7 of 8 forms returned */
    FILLS("{wareki}と{R-1}", "令和7年度とR6");
    FILLS("{some:Q3 nc}※ 数えていない地区がある", "※ 数えていない地区がある");
    FILLS("一行目\\n二行目", "一行目\n二行目");
}

static void test_left_out(void)
{
    DROPS("{top:Q3:2}回");                 /* only one value was given */
    DROPS("{some:Q1=3}未実施がある");       /* no one */
    DROPS("{wari:Q1=3}");                  /* a share of 0 has no words */
    DROPS("{title}");                      /* no survey.ini */
    DROPS("前年比{change:Q1=1}");          /* no previous year */
    FILLS("あり[、前年比{change:Q1=1}]。", "あり。");
    FILLS("[{top:Q3:1}回][、{top:Q3:2}回]", "3回");
    /* the same data as the previous year: no change, in default or given words */
    ju_facts with_prev = F;
    with_prev.previous = F.results;
    ju_facts saved = F;
    F = with_prev;
    FILLS("{change:Q1=1}", "変化はなかった");
    FILLS("{change:Q1=1;Q2=1:同じ:増えた:減った}", "同じ");
    DROPS("{change:Q1=1::増えた:減った}");  /* no words for "the same" */
    F = saved;
}

static void test_mistakes(void)
{
    bool failed;
    CHECK(fill("ab{bogus:Q1=1}", &failed) == NULL && failed);
    CHECK(strstr(last_message(), "report.ini:7:12: [p] bullet: {bogus:Q1=1}: 'bogus' is not a kind") != NULL);
    CHECK(fill("{n:Q9=1}", &failed) == NULL && failed);
    CHECK(strstr(last_message(), "report.ini:7:10: [p] bullet: {n:Q9=1}: 'Q9' is not a question or option") != NULL);
    CHECK(fill("{sum:Q1}", &failed) == NULL && failed);
    CHECK(strstr(last_message(), "'Q1' is not a count question") != NULL);
    CHECK(fill("{unknown}", &failed) == NULL && failed);
    CHECK(fill("全角も数える[{n:Q1=1}", &failed) == NULL && failed);
    CHECK(strstr(last_message(), "report.ini:7:16: [p] bullet: an optional '[' is not closed") != NULL);
    CHECK(fill("{n:Q1=1", &failed) == NULL && failed);
    /* a value continued on a second line: the column is that line's */
    ju_inipiece pieces[2] = {{0, 7, 10}, {6, 8, 5}};
    ju_inientry e = {"bullet", "一行目{n:Q7x}", 7, 10, 1, pieces, 2};
    ju_textpos pos = {"report.ini", &e, "[p] bullet"};
    size_t before = D.errors;
    CHECK(ju_fill(A, &D, &F, &pos) == NULL && D.errors == before + 1);
    CHECK(strstr(last_message(), "report.ini:8:6: ") != NULL);
}

int main(int argc, char **argv)
{
    fixture_words(argc > 1 ? argv[1] : ".");
    A = ju_arena_new();
    ju_diags_init(&D, A);
    load();
    test_values();
    test_left_out();
    test_mistakes();
    for (size_t i = 0; i < D.n; i++)
        printf("# %s:%d:%d: %s\n", D.items[i].file, D.items[i].line, D.items[i].col, D.items[i].message);
    ju_arena_free(A);
    return check_done();
}
