/* pngdiff — compares two PNGs the way cairo's test suite does: exact first,
 * then with a tolerance. A pixel differs when any channel differs by more
 * than `tolerance`; the images match when at most `max_pixels` differ.
 * On a mismatch a diff image (differing pixels red over a faded reference)
 * is written. Usage: pngdiff GOT WANT DIFF [tolerance [max_pixels]]
 * Exit: 0 match, 1 differ, 2 cannot read. */
#include <cairo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: pngdiff GOT WANT DIFF [tolerance [max_pixels]]\n");
        return 2;
    }
    int tolerance = argc > 4 ? atoi(argv[4]) : 24;
    long max_pixels = argc > 5 ? atol(argv[5]) : 200;
    cairo_surface_t *got = cairo_image_surface_create_from_png(argv[1]);
    cairo_surface_t *want = cairo_image_surface_create_from_png(argv[2]);
    if (cairo_surface_status(got) || cairo_surface_status(want)) {
        fprintf(stderr, "pngdiff: cannot read %s\n", cairo_surface_status(got) ? argv[1] : argv[2]);
        return 2;
    }
    int w = cairo_image_surface_get_width(want), h = cairo_image_surface_get_height(want);
    if (w != cairo_image_surface_get_width(got) || h != cairo_image_surface_get_height(got)) {
        fprintf(stderr, "pngdiff: size %dx%d, want %dx%d\n", cairo_image_surface_get_width(got),
                cairo_image_surface_get_height(got), w, h);
        return 1;
    }
    cairo_surface_flush(got);
    cairo_surface_flush(want);
    const unsigned char *g = cairo_image_surface_get_data(got), *t = cairo_image_surface_get_data(want);
    int gs = cairo_image_surface_get_stride(got), ts = cairo_image_surface_get_stride(want);
    cairo_surface_t *diff = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    unsigned char *dd = cairo_image_surface_get_data(diff);
    int ds = cairo_image_surface_get_stride(diff);
    long differ = 0, exact = 0;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            uint32_t a, b;
            memcpy(&a, g + y * gs + x * 4, 4);
            memcpy(&b, t + y * ts + x * 4, 4);
            int maxd = 0;
            for (int c = 0; c < 24; c += 8) {
                int da = (int)((a >> c) & 255) - (int)((b >> c) & 255);
                if (da < 0)
                    da = -da;
                if (da > maxd)
                    maxd = da;
            }
            exact += maxd > 0;
            uint32_t out;
            if (maxd > tolerance) {
                differ++;
                out = 0xFF0000;
            } else {
                unsigned lum = (((b >> 16) & 255) + ((b >> 8) & 255) + (b & 255)) / 3;
                lum = 192 + lum / 4;
                out = lum << 16 | lum << 8 | lum;
            }
            memcpy(dd + y * ds + x * 4, &out, 4);
        }
    cairo_surface_mark_dirty(diff);
    int rc = 0;
    if (differ > max_pixels) {
        cairo_surface_write_to_png(diff, argv[3]);
        fprintf(stderr, "pngdiff: %ld pixels differ by more than %d (allowed %ld); see %s\n", differ, tolerance,
                max_pixels, argv[3]);
        rc = 1;
    } else if (exact) {
        printf("pngdiff: %ld pixels differ slightly (within tolerance)\n", exact);
    }
    cairo_surface_destroy(diff);
    cairo_surface_destroy(got);
    cairo_surface_destroy(want);
    return rc;
}
