/* fuzz_form_ini — templates/initiatives/form.ini, the 様式4 form, and a word
 * of it filled as the sheets fill them. */
#include "formspec.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_write("form.ini", data, size);
    ju_arena *a = ju_arena_new();
    ju_diags d;
    ju_diags_init(&d, a);
    ju_formspec f;
    if (ju_form_load(a, &d, fuzz_path("form.ini"), &f) == JU_OK) {
        ju_form_word(a, &f, JU_FORM_KPI_NOW, "2019", "14.9");
        ju_form_word(a, &f, JU_FORM_TARGET, "2025", NULL);
    }
    ju_diags_sort(&d);
    ju_arena_free(a);
    return 0;
}
