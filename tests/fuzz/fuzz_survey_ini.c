/* fuzz_survey_ini — a data folder's survey.ini. */
#include "format.h"
#include "fuzz.h"
#include "survey.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_write("2025/survey.ini", data, size);
    ju_arena *a = ju_arena_new();
    ju_diags d;
    ju_diags_init(&d, a);
    ju_survey s;
    if (ju_survey_load(a, &d, fuzz_path("2025"), &s) == JU_OK) {
        ju_format_period(a, s.fielding_start, s.fielding_end);
        ju_wareki_date(a, s.issued);
    }
    ju_diags_sort(&d);
    ju_arena_free(a);
    return 0;
}
