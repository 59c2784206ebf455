/* fuzz_charts_ini — templates/charts.ini, and each chart's data built from
 * the bundled 2025 tables (drawing is left out: it reads no input). */
#include "chartdata.h"
#include "chartspec.h"
#include "fuzz.h"
#include "fuzz_load.h"
#include "words.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const fuzz_year *y = fuzz_year_load();
    fuzz_write("charts.ini", data, size);
    ju_arena *a = ju_arena_new();
    ju_diags d;
    ju_diags_init(&d, a);
    ju_chartlist list;
    if (ju_chartlist_load(a, &d, fuzz_path("charts.ini"), &list) == JU_OK) {
        ju_chartinput in = {&y->results, NULL, &y->words, NULL};
        in.source = ju_chartlist_source(a, &d, &list, &in);
        for (size_t i = 0; i < list.n; i++) {
            ju_chartdata cd;
            ju_chartdata_build(a, &d, &list, &list.charts[i], &in, &cd);
        }
    }
    ju_diags_sort(&d);
    ju_arena_free(a);
    return 0;
}
