/* xlsxscratch.h — libxlsxwriter's scratch files, kept in memory, and its
 * parts stored for jusou to compress.
 *
 * libxlsxwriter 1.1.4 assembles every part of a package (each sheet, chart,
 * drawing…) in a scratch file of its own, made by its public function
 * lxw_tmpfile() (utility.h), then reads it back into the zip. On disk that
 * is a file created and unlinked per part — 66 per municipality workbook,
 * tens of thousands in a national run, and ext4 spends more time finding
 * inodes for them than zlib spends compressing. jusou defines lxw_tmpfile()
 * itself: a stream over a heap buffer (fopencookie), which the library's
 * calls resolve to (they go through its procedure linkage table, so the
 * executable's definition comes first). Nothing reaches the disk but the
 * workbook, unless a part grows past 8 MB (a national survey's response
 * sheets): it then moves to an unlinked file in the folder jusou names for
 * scratch files (the workbook's own, in the run's temporary output folder),
 * so that memory stays flat. Should a platform not let the definition take
 * over, the library falls back to its own files in that folder, as before.
 *
 * A scratch stream that cannot grow (memory ran out) makes the library's
 * writes short, which it does not check: ju_xlsx_scratch_failures() counts
 * those, and ju_wb_book_close() turns a change in the count into an error, so
 * a truncated part never passes as a workbook.
 *
 * libxlsxwriter then compresses every part (zlib level 6) into the package,
 * and jusou reads the package back at once to give the charts their East
 * Asian fonts (xlsxfont.h). Most parts of a municipality's workbook are the
 * same as the last one's (the styles, the theme, the drawings, the charts of
 * its 区分), so compressing them is best left to that step, which keeps what
 * it compressed: while ju_xlsx_store_parts(true) holds, jusou's definition of
 * minizip's zipOpenNewFileInZip4_64() — the call every new part goes
 * through — has the library store its parts instead (method 0), and
 * ju_xlsx_finish() compresses them exactly as minizip would have. Should the
 * definition not take over, the parts come compressed and are copied as
 * they are: the same file either way. */
#ifndef JU_XLSXSCRATCH_H
#define JU_XLSXSCRATCH_H

#include <stdbool.h>
#include <stdio.h>

/* lxw_tmpfile() as libxlsxwriter declares it; `tmpdir` is where a part past
 * 8 MB goes (NULL: it stays in memory). */
FILE *lxw_tmpfile(char *tmpdir);

/* ju_xlsx_store_parts() turns storing on (around workbook_close()) or off. */
void ju_xlsx_store_parts(bool on);

/* ju_xlsx_scratch_failures() is the number of scratch writes this process
 * could not complete. */
unsigned long ju_xlsx_scratch_failures(void);

/* ju_xlsx_scratch_spilled() is the number of scratch parts that grew into
 * files. */
unsigned long ju_xlsx_scratch_spilled(void);

/* ju_xlsx_scratch_opened() is the number of scratch streams this process
 * has opened (the tests see that the library's calls reach them). */
unsigned long ju_xlsx_scratch_opened(void);

#endif
