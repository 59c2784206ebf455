/* fuzz_tilemap_csv — a tile map (tilemap.csv) beside the bundled master list. */
#include "fuzz.h"
#include "master.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int copied;
    if (!copied++)
        fuzz_copy("data/municipalities.csv", "map/municipalities.csv");
    fuzz_write("map/tilemap.csv", data, size);
    ju_arena *a = ju_arena_new();
    ju_diags d;
    ju_diags_init(&d, a);
    ju_master m;
    if (ju_master_load(a, &d, fuzz_path("map/municipalities.csv"), &m) == JU_OK) {
        /* what the map chart relies on: each municipality placed once, in range */
        int seen[64] = {0};
        for (size_t i = 0; i < m.map.n; i++) {
            const ju_tile_place *p = &m.map.places[i];
            if (p->master < 0 || (size_t)p->master >= m.n || p->master >= 64 || seen[p->master]++ ||
                p->col < 0 || p->col > JU_TILE_MAX || p->row < 0 || p->row > JU_TILE_MAX)
                __builtin_trap();
        }
    }
    ju_diags_sort(&d);
    ju_arena_free(a);
    return 0;
}
