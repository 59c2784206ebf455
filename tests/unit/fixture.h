/* fixture.h — writing small codebooks and data folders for the unit tests. */
#ifndef JU_FIXTURE_H
#define JU_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "words.h"

/* fixture_words() installs the bundled wording (templates/2024/words.ini
 * under `root`, the project's top folder) as the command does before it
 * reads anything: labels such as 無回答 and the 割 phrases come from it. */
static inline void fixture_words(const char *root)
{
    static ju_arena *a; /* kept for the life of the test */
    static ju_words words;
    a = ju_arena_new();
    ju_diags d;
    ju_diags_init(&d, a);
    if (ju_words_load(a, &d, ju_arena_printf(a, "%s/templates/2024/words.ini", root), &words) != JU_OK) {
        for (size_t i = 0; i < d.n; i++)
            ju_diag_print(stderr, &d.items[i]);
        exit(2);
    }
}

/* fixture_dir() makes a fresh temporary folder (removed by the OS's tmp cleaning). */
static inline char *fixture_dir(ju_arena *a, const char *name)
{
    char *t = ju_arena_printf(a, "/tmp/jusou-unit-%s-XXXXXX", name);
    if (!mkdtemp(t)) {
        perror("mkdtemp");
        exit(2);
    }
    return t;
}

/* fixture_write() writes `text` to dir/name, creating dir/name's folder. */
static inline void fixture_write(ju_arena *a, const char *dir, const char *name, const char *text)
{
    char *path = ju_arena_printf(a, "%s/%s", dir, name);
    for (char *s = path + 1; *s; s++)
        if (*s == '/') {
            *s = '\0';
            mkdir(path, 0777);
            *s = '/';
        }
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        exit(2);
    }
    fputs(text, f);
    fclose(f);
}

/* A toy questionnaire: Q1 (all) → Q2 (Q1=1) → Q3 count with nc (Q1=1 & Q2=1),
 * Q4 multi (all), Q5 text (Q4_2=1), Q6 year (Q1=1), and a council form S1
 * segmented by the municipality's Q1. */
static inline void fixture_codebook(ju_arena *a, const char *dir)
{
    fixture_write(a, dir, "codebook/forms.csv",
                  "form,file,label,respondent,segment_by\n"
                  "municipality,m.csv,自治体票,自治体,municipality.Q1\n"
                  "council,c.csv,社協票,社協,municipality.Q1\n");
    fixture_write(a, dir, "codebook/bases.csv",
                  "form,id,definition,label\n"
                  "municipality,all,all,全自治体\n"
                  "municipality,impl,Q1=1,実施地区\n"
                  "municipality,deep,Q1=1 & Q2=1,計画あり\n"
                  "municipality,other,Q4_2=1,その他を選択\n"
                  "municipality,prev,\"Q1=1 & Q6<=Y-1 | Q1=2\",前年度実施地区または準備\n"
                  "council,all,all,全社協\n");
    fixture_write(a, dir, "codebook/questions.csv",
                  "form,id,type,label,short,unit,base,bins,nc,min,top\n"
                  "municipality,code,code,コード,,,all,,,,\n"
                  "municipality,name,name,名称,,,all,,,,\n"
                  "municipality,Q1,single,実施状況,,,all,,,,\n"
                  "municipality,Q2,single,計画,,,impl,,,,\n"
                  "municipality,Q3,count,回数,,回,deep,few,Q3_nc,,2\n"
                  "municipality,Q4,multi,取組,,,all,,,,\n"
                  "municipality,Q5,text,その他の内容,,,other,,,,\n"
                  "municipality,Q6,year,開始年度,,,impl,,,2021,\n"
                  "municipality,Q7,single,前年度の評価,,,prev,,,,\n"
                  "council,code,code,コード,,,all,,,,\n"
                  "council,S1,single,拠点,,,all,,,,\n");
    fixture_write(a, dir, "codebook/choices.csv",
                  "form,question,code,label\n"
                  "municipality,Q1,1,実施\nmunicipality,Q1,2,準備\nmunicipality,Q1,3,未実施\n"
                  "municipality,Q2,1,策定済み\nmunicipality,Q2,2,未策定\n"
                  "municipality,Q4,Q4_1,研修\nmunicipality,Q4,Q4_2,その他\n"
                  "municipality,Q7,1,ある\nmunicipality,Q7,2,ない\n"
                  "council,S1,1,毎日\ncouncil,S1,2,定期\n");
    fixture_write(a, dir, "codebook/bins.csv",
                  "bins,lower,label\nfew,0,0回\nfew,1,1〜4回\nfew,5,5回以上\n");
}

static inline void fixture_master(ju_arena *a, const char *dir)
{
    fixture_write(a, dir, "municipalities.csv",
                  "code,name,kana,kind,area\n"
                  "131016,千代田区,ちよだく,特別区,区部\n"
                  "131024,中央区,ちゅうおうく,特別区,区部\n"
                  "131032,港区,みなとく,特別区,区部\n"
                  "131041,新宿区,しんじゅくく,特別区,区部\n");
}

/* fixture_toy() writes the toy year's responses in dir (the codebook of
 * fixture_codebook()). 千代田: implementer with a plan; 中央: preparing,
 * answers Q2 and Q3 outside their bases; 港: implementer without a plan,
 * answers Q5 outside its base (Q4_2 not chosen) and Q7 (began in 2025, not
 * "previous-year"); 新宿: not counted (Q3_nc), chose nothing in Q4, left Q7
 * blank. Councils: 新宿区's is missing. */
static inline void fixture_toy(ju_arena *a, const char *dir)
{
    fixture_write(a, dir, "m.csv",
                  "\xEF\xBB\xBF" "code,name,Q1,Q2,Q3,Q3_nc,Q4_1,Q4_2,Q5,Q6,Q7,memo\r\n"
                  "131016,千代田区,1,1,３,,1,○,\"その他, \"\"x\"\"\r\n2行目\",2021,1,\r\n"
                  "131024,中央区,2,1,5,,,,,,2,note\r\n"
                  "131032,港区,1,2,,,0,0,text,2025,1,\r\n"
                  "131041,新宿区,1,1,,1,,,,2024,,\r\n");
    fixture_write(a, dir, "c.csv", "S1,code\n1,131016\n2,131024\n,131032\n");
}

#endif
