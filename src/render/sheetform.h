/* sheetformspec.h — key-initiative sheets (様式4) drawn as A4 pages.
 *
 * Each sheet is a bordered form, as the offices' 様式4: the title and the
 * office, then 取組項目, 現状・課題, 取組の内容, スケジュール and 進捗の状況 by
 * period, the basic plan (施策, KPI, target) and the SDGs goal in its colour.
 * Long text wraps; a sheet longer than a page continues on the next with
 * its row labels repeated and （つづき）. The PDF is tagged (a Table per page:
 * TR, TH, TD) with the fonts embedded; each page is also a PNG. */
#ifndef JU_SHEETFORM_H
#define JU_SHEETFORM_H

#include <stddef.h>
#include <time.h>

#include "diag.h"
#include "formspec.h"
#include "initiatives.h"
#include "status.h"

/* ju_render_sheets() lays out every sheet once and writes them as one PDF
 * at pdf_path, each page as png_dir/<id>-<page>.png, and each sheet alone as
 * sheets_dir/<id>.pdf. `epoch` fixes the PDFs' dates. */
ju_status ju_render_sheets(ju_arena *a, ju_diags *d, const ju_formspec *f, const ju_initiatives *in,
                           const char *pdf_path, const char *png_dir, const char *sheets_dir, time_t epoch);

/* ju_layout_sheets() lays the sheets out as ju_render_sheets() does, and
 * draws nothing: the pages they take (the fuzz target of the form). */
size_t ju_layout_sheets(ju_arena *a, const ju_formspec *f, const ju_initiatives *in);

#endif
