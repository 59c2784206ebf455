/* fuzz_survey_csv — a response file (municipality.csv) read against the
 * bundled 2025 codebook and master list, then tabulated. */
#include <string.h>

#include "codebook.h"
#include "dataset.h"
#include "fuzz.h"
#include "master.h"
#include "results.h"

static ju_master master;
static ju_codebook cb;
static ju_survey survey;

static void init(void)
{
    static int done;
    if (done++)
        return;
    static ju_arena *a; /* kept for the life of the process */
    a = ju_arena_new();
    ju_diags d;
    ju_diags_init(&d, a);
    if (ju_master_load(a, &d, "data/municipalities.csv", &master) != JU_OK ||
        ju_codebook_load(a, &d, "data/2025/codebook", 2025, &cb) != JU_OK)
        __builtin_trap();
    fuzz_copy("data/2025/council.csv", "council.csv");
    survey.year = 2025;
    survey.dir = fuzz_dir();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    init();
    fuzz_write("municipality.csv", data, size);
    ju_arena *a = ju_arena_new();
    ju_diags d;
    ju_diags_init(&d, a);
    ju_dataset ds;
    if (ju_dataset_read(a, &d, &survey, &cb, &master, &ds) == JU_OK) {
        ju_results r;
        ju_results_build(a, &ds, &r);
    }
    ju_diags_sort(&d);
    ju_arena_free(a);
    return 0;
}
