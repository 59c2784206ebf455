/* fuzz_master_csv — a master list (municipalities.csv) of another
 * prefecture, with no tile map beside it. */
#include "fuzz.h"
#include "master.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_write("municipalities.csv", data, size);
    ju_arena *a = ju_arena_new();
    ju_diags d;
    ju_diags_init(&d, a);
    ju_master m;
    if (ju_master_load(a, &d, fuzz_path("municipalities.csv"), &m) == JU_OK)
        for (size_t i = 0; i < m.n; i++)
            if (ju_master_find(&m, m.items[i].code) != (int)i)
                __builtin_trap(); /* every code finds its own row */
    ju_diags_sort(&d);
    ju_arena_free(a);
    return 0;
}
