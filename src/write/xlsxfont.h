/* xlsxfont.h — the East Asian font of a workbook's native charts.
 *
 * libxlsxwriter 1.1.4 writes a chart font as its Latin typeface only
 * (<a:latin typeface="BIZ UDPゴシック"/>); Excel and LibreOffice then draw the
 * chart's Japanese text — titles, category names, the legend — in their own
 * default East Asian font, and LibreOffice even sets 令和7年度's digit apart.
 * ju_xlsx_chart_fonts() gives every such font its East Asian twin
 * (<a:ea typeface="BIZ UDPゴシック"/>, the slot DrawingML reads for Japanese).
 *
 * The package is rewritten with minizip (the zip library libxlsxwriter
 * itself writes with), in memory: read in one call, written back in one.
 * Every part but the charts is copied as it is, still compressed; each
 * chart part gets the twins (made once per process for parts that come
 * again, as a 区分's charts do in every municipality's workbook); names,
 * order, dates and attributes stay, so the file is as reproducible as
 * before. */
#ifndef JU_XLSXFONT_H
#define JU_XLSXFONT_H

#include "arena.h"
#include "diag.h"
#include "status.h"

/* ju_xlsx_chart_fonts() rewrites the workbook at `path` (a file this run
 * wrote, in its temporary output folder) in place. JU_ERR_IO with a
 * diagnostic when it cannot be read or written (the run then fails and its
 * temporary folder goes). */
ju_status ju_xlsx_chart_fonts(ju_arena *a, ju_diags *d, const char *path);

/* ju_xlsx_ea_twins() is chart part `xml` (n bytes) with an <a:ea …/> after
 * each <a:latin …/> that has none, same attributes; *out_n its length. */
char *ju_xlsx_ea_twins(ju_arena *a, const char *xml, size_t n, size_t *out_n);

#endif
