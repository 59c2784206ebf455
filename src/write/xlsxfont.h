/* xlsxfont.h — a workbook's package finished: its parts compressed, and the
 * East Asian font of its native charts.
 *
 * libxlsxwriter 1.1.4 writes a chart font as its Latin typeface only
 * (<a:latin typeface="BIZ UDPゴシック"/>); Excel and LibreOffice then draw the
 * chart's Japanese text — titles, category names, the legend — in their own
 * default East Asian font, and LibreOffice even sets 令和7年度's digit apart.
 * ju_xlsx_finish() gives every such font its East Asian twin
 * (<a:ea typeface="BIZ UDPゴシック"/>, the slot DrawingML reads for Japanese).
 *
 * The package is rewritten with minizip (the zip library libxlsxwriter
 * itself writes with), in memory: read in one call (part by part from the
 * file when it is over 8 MB), written back in one.
 * The parts libxlsxwriter stored (xlsxscratch.h) are compressed as it
 * would have compressed them, each chart part with the twins; a part that
 * comes again (the styles, the theme, a 区分's charts in every municipality's
 * workbook) is made once per process; a part over 1 MB (a sheet of
 * responses) is compressed on its way through. Names, order, dates and attributes
 * stay: the file is the one libxlsxwriter would have written, with the
 * twins. */
#ifndef JU_XLSXFONT_H
#define JU_XLSXFONT_H

#include "arena.h"
#include "diag.h"
#include "status.h"

/* ju_xlsx_finish() rewrites the workbook at `path` (a file this run wrote,
 * in its temporary output folder) in place. JU_ERR_IO with a
 * diagnostic when it cannot be read or written (the run then fails and its
 * temporary folder goes). */
ju_status ju_xlsx_finish(ju_arena *a, ju_diags *d, const char *path);

/* ju_xlsx_ea_twins() is chart part `xml` (n bytes) with an <a:ea …/> after
 * each <a:latin …/> that has none, same attributes; *out_n its length. */
char *ju_xlsx_ea_twins(ju_arena *a, const char *xml, size_t n, size_t *out_n);

#endif
