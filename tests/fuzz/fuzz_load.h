/* fuzz_load.h — the bundled 2025 year, read once, for the template targets. */
#ifndef JU_FUZZ_LOAD_H
#define JU_FUZZ_LOAD_H

#include "codebook.h"
#include "dataset.h"
#include "master.h"
#include "survey.h"
#include "results.h"
#include "words.h"

typedef struct {
    ju_master master;
    ju_survey survey;
    ju_codebook codebook;
    ju_dataset data;
    ju_results results;
    ju_words words;
} fuzz_year;

/* fuzz_year_load() reads data/2025 (from the top of the jusou folder) into
 * an arena that lives as long as the process. */
static inline const fuzz_year *fuzz_year_load(void)
{
    static fuzz_year y;
    static int done;
    if (done++)
        return &y;
    static ju_arena *a; /* kept for the life of the process */
    a = ju_arena_new();
    ju_diags d;
    ju_diags_init(&d, a);
    if (ju_master_load(a, &d, "data/municipalities.csv", &y.master) != JU_OK ||
        ju_survey_load(a, &d, "data/2025", &y.survey) != JU_OK ||
        ju_codebook_load(a, &d, "data/2025/codebook", 2025, &y.codebook) != JU_OK ||
        ju_dataset_read(a, &d, &y.survey, &y.codebook, &y.master, &y.data) != JU_OK)
        __builtin_trap();
    ju_results_build(a, &y.data, &y.results);
    if (ju_words_load(a, &d, "templates/2024/words.ini", &y.words) != JU_OK)
        __builtin_trap();
    return &y;
}

#endif
