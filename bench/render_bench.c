/* render_bench — how long each chart of the bundled year takes to draw and
 * to encode as PNG. Goal (issue 3): a few tens of milliseconds per chart,
 * with PNG encoding the part to watch. Run from the project's top folder:
 *   build/bench/render_bench [repetitions]
 * or `meson test -C build --benchmark`. Prints one line per chart and the
 * slowest; exits 1 when a chart's draw + encode exceeds 50 ms on average. */
#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "chartdata.h"
#include "job.h"
#include "render.h"
#include "words.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
    int reps = argc > 1 ? atoi(argv[1]) : 5;
    ju_arena *a = ju_arena_new();
    ju_diags d;
    ju_diags_init(&d, a);
    ju_options o = {.data_root = "data", .templates_dir = "templates"};
    ju_run run;
    ju_chartlist list;
    ju_words words;
    if (ju_job_load(a, &d, &o, true, &run) != JU_OK ||
        ju_words_load(a, &d, "templates/2024/words.ini", &words) != JU_OK ||
        ju_chartlist_load(a, &d, "templates/2024/charts.ini", &list) != JU_OK) {
        for (size_t i = 0; i < d.n; i++)
            ju_diag_print(stderr, &d.items[i]);
        return 2;
    }
    ju_chartinput in = {&run.current.results, run.has_previous ? &run.previous.results : NULL, &words, NULL};
    in.source = ju_chartlist_source(a, &d, &list, &in);
    double worst = 0;
    const char *worst_id = "";
    double total = 0;
    for (size_t i = 0; i < list.n; i++) {
        ju_chartdata cd;
        if (ju_chartdata_build(a, &d, &list, &list.charts[i], &in, &cd) != JU_OK)
            return 2;
        double draw = 0, file = 0;
        size_t bytes = 0;
        for (int r = 0; r < reps; r++) {
            /* drawing alone, into an image surface */
            double t0 = now_ms();
            double s = list.style.png_scale;
            cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(cd.spec->width * s),
                                                              (int)(cd.spec->height * s));
            cairo_t *cr = cairo_create(img);
            cairo_scale(cr, s, s);
            ju_render_chart(cr, &list.style, &cd, NULL);
            cairo_destroy(cr);
            cairo_surface_flush(img);
            cairo_surface_destroy(img);
            /* what report does: draw and encode the PNG file */
            double t1 = now_ms();
            int missing = 0;
            ju_render_png(a, &list.style, &cd, "/tmp/jusou-bench.png", &missing);
            double t2 = now_ms();
            draw += t1 - t0;
            file += t2 - t1;
        }
        FILE *f = fopen("/tmp/jusou-bench.png", "rb");
        if (f) {
            fseek(f, 0, SEEK_END);
            bytes = (size_t)ftell(f);
            fclose(f);
        }
        draw /= reps;
        file /= reps;
        double encode = file - draw;
        printf("%-24s draw %5.1f ms  png encoding %5.1f ms  (%zu KiB)\n", cd.spec->id, draw, encode, bytes / 1024);
        total += file;
        if (file > worst) {
            worst = file;
            worst_id = cd.spec->id;
        }
    }
    printf("%zu charts: %.1f ms in all, slowest %s %.1f ms\n", list.n, total, worst_id, worst);
    ju_arena_free(a);
    return worst > 50 ? 1 : 0;
}
