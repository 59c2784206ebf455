/* fuzz_codebook — a codebook folder: the input is cut at "\n--8<--\n" into
 * forms.csv, bases.csv, questions.csv, choices.csv and bins.csv. */
#include "codebook.h"
#include "fuzz.h"

static const char *const files[] = {"codebook/forms.csv", "codebook/bases.csv", "codebook/questions.csv",
                                    "codebook/choices.csv", "codebook/bins.csv"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *parts[5];
    size_t sizes[5];
    size_t n = fuzz_split(data, size, parts, sizes, 5);
    for (size_t i = 0; i < 5; i++)
        fuzz_write(files[i], i < n ? parts[i] : (const uint8_t *)"", i < n ? sizes[i] : 0);
    ju_arena *a = ju_arena_new();
    ju_diags d;
    ju_diags_init(&d, a);
    ju_codebook cb;
    if (ju_codebook_load(a, &d, fuzz_path("codebook"), 2025, &cb) == JU_OK && cb.nforms) {
        ju_base b;
        const char *why;
        ju_condition_parse(a, &cb.forms[0], 2025, "Q1=1 & Q1_1<=Y-1 | Q2 answered", &b, &why);
    }
    ju_diags_sort(&d);
    ju_arena_free(a);
    return 0;
}
