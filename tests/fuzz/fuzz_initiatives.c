/* fuzz_initiatives — data/initiatives: sheets.csv and schedule.csv (the input
 * cut at "\n--8<--\n"), read against the bundled 様式4 form, month spans and
 * all. */
#include "formspec.h"
#include "fuzz.h"
#include "initiatives.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static ju_formspec form;
    static int loaded;
    if (!loaded++) {
        static ju_arena *fa; /* kept for the life of the process */
        fa = ju_arena_new();
        ju_diags fd;
        ju_diags_init(&fd, fa);
        if (ju_form_load(fa, &fd, "templates/initiatives/form.ini", &form) != JU_OK)
            __builtin_trap();
    }
    const uint8_t *parts[2];
    size_t sizes[2];
    size_t n = fuzz_split(data, size, parts, sizes, 2);
    fuzz_write("initiatives/sheets.csv", parts[0], sizes[0]);
    fuzz_write("initiatives/schedule.csv", n > 1 ? parts[1] : (const uint8_t *)"", n > 1 ? sizes[1] : 0);
    ju_arena *a = ju_arena_new();
    ju_diags d;
    ju_diags_init(&d, a);
    ju_initiatives in;
    ju_initiatives_load(a, &d, fuzz_path("initiatives"), &form.rules, &in);
    ju_diags_sort(&d);
    ju_arena_free(a);
    return 0;
}
