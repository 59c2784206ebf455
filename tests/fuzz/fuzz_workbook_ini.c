/* fuzz_workbook_ini — workbook.ini (which question on which sheet) against
 * the bundled 2025 codebook. */
#include "fuzz.h"
#include "fuzz_load.h"
#include "workbook.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const fuzz_year *y = fuzz_year_load();
    fuzz_write("workbook.ini", data, size);
    ju_arena *a = ju_arena_new();
    ju_diags d;
    ju_diags_init(&d, a);
    ju_status st;
    ju_facts facts = {&y->results, NULL};
    ju_workbook_layout(a, &d, fuzz_dir(), &facts, &st);
    ju_diags_sort(&d);
    ju_arena_free(a);
    return 0;
}
