/* pages.h — the summary report laid out on A4 landscape pages and drawn.
 *
 * ju_render_report() lays a document (document.h) out — a header with the
 * section tag and headline, blocks flowing down one or two columns, a page
 * that overflows continuing on the next with the same headline — then draws
 * it twice: into one PDF (fonts embedded as subsets, text extractable,
 * bookmarks per section and page, page labels, a contents page whose entries
 * link to their pages, metadata, dates fixed by `epoch`) and into one PNG per
 * page (png_dir/page-01.png …, style.png_scale pixels per point).
 *
 * The PDF and the pages can be made apart, side by side (each lays the
 * document out itself, the same way): `pdf_path` NULL makes no PDF,
 * `png_dir` NULL no pages, and with `png_parts` > 1 only the pages k (from 0)
 * with k % png_parts == png_part are drawn. Characters without a glyph are
 * an error of the PDF's; the pages alone report only what they cannot
 * write. */
#ifndef JU_PAGES_H
#define JU_PAGES_H

#include <time.h>

#include "chartspec.h"
#include "diag.h"
#include "document.h"
#include "status.h"

ju_status ju_render_report(ju_arena *a, ju_diags *d, const ju_chartstyle *st, const ju_document *doc,
                           const char *pdf_path, const char *png_dir, size_t png_part, size_t png_parts,
                           time_t epoch);

#endif
