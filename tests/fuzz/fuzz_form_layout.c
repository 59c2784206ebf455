/* fuzz_form_layout — a form.ini driven through everything the sheets do with
 * its words: every word filled with a long repeated value (as a hostile
 * sheets.csv would give), the bundled 様式4 data read against its periods and
 * goals, and every sheet laid out (pango, page breaks, つづき) without drawing. */
#include <string.h>

#include "formspec.h"
#include "fuzz.h"
#include "initiatives.h"
#include "sheetform.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char value[3 * 200 + 1]; /* the longest cell a sheet's one-line text may be */
    if (!value[0])
        for (int i = 0; i < 200; i++)
            memcpy(value + 3 * i, "長", 3);
    fuzz_write("form.ini", data, size);
    ju_arena *a = ju_arena_new();
    ju_diags d;
    ju_diags_init(&d, a);
    ju_formspec f;
    if (ju_form_load(a, &d, fuzz_path("form.ini"), &f) == JU_OK) {
        for (int w = 0; w < JU_FORM_WORDS; w++)
            if (strlen(ju_form_word(a, &f, w, value, value)) > (size_t)JU_FORM_WORD_MAX * 3 * 2 * sizeof value)
                __builtin_trap(); /* a filled word stays bounded */
        ju_initiatives in;
        if (ju_initiatives_load(a, &d, "data/initiatives", &f.rules, &in) == JU_OK)
            ju_layout_sheets(a, &f, &in);
    }
    ju_diags_sort(&d);
    ju_arena_free(a);
    return 0;
}
