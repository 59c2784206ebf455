/* fuzz_report_ini — templates/report.ini, and the document it describes
 * built against the bundled 2025 data and chart list (placeholders filled,
 * examples and name lists made; pages are not drawn). */
#include "chartdata.h"
#include "chartspec.h"
#include "document.h"
#include "fuzz.h"
#include "fuzz_load.h"
#include "words.h"
#include "inifile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const fuzz_year *y = fuzz_year_load();
    static ju_chartlist charts;
    static const ju_chartdata **built; /* each chart's data, built once */
    static int loaded;
    if (!loaded++) {
        static ju_arena *ca; /* kept for the life of the process */
        ca = ju_arena_new();
        ju_diags cd;
        ju_diags_init(&cd, ca);
        if (ju_chartlist_load(ca, &cd, "templates/2024/charts.ini", &charts) != JU_OK)
            __builtin_trap();
        ju_chartinput in = {&y->results, NULL, &y->words, ""};
        built = ju_arena_array(ca, charts.n + 1, sizeof *built);
        for (size_t i = 0; i < charts.n; i++) {
            ju_chartdata *c = ju_arena_alloc(ca, sizeof *c);
            if (ju_chartdata_build(ca, &cd, &charts, &charts.charts[i], &in, c) == JU_OK)
                built[i] = c;
        }
    }
    fuzz_write("report.ini", data, size);
    ju_arena *a = ju_arena_new();
    ju_diags d;
    ju_diags_init(&d, a);
    ju_ini spec;
    if (ju_ini_read(a, &d, fuzz_path("report.ini"), "report template", NULL, &spec) == JU_OK) {
        ju_facts facts = {&y->results, NULL};
        ju_document doc;
        ju_document_build(a, &d, &spec, &facts, &charts, built, &doc);
    }
    ju_diags_sort(&d);
    ju_arena_free(a);
    return 0;
}
