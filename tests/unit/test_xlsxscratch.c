/* Unit tests: libxlsxwriter's scratch files kept in memory and its parts
 * stored (write/xlsxscratch.c), then compressed by jusou (write/xlsxfont.c). */
#define _GNU_SOURCE
#include "check.h"

#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <minizip/unzip.h>
#include <xlsxwriter.h>

#include "arena.h"
#include "diag.h"
#include "xlsxfont.h"
#include "xlsxscratch.h"

/* the stream behaves as the library's own temporary files do */
static void test_stream(void)
{
    FILE *f = lxw_tmpfile(NULL);
    CHECK(f != NULL);
    if (!f)
        return;
    for (int i = 0; i < 5000; i++) /* past the first buffer and several growths */
        fprintf(f, "<row r=\"%d\"/>", i);
    long end = ftell(f);
    CHECK(end > 60000);
    fflush(f);
    rewind(f);
    char head[16] = {0};
    CHECK_INT(fread(head, 1, 11, f), 11);
    CHECK_STR(head, "<row r=\"0\"/");
    CHECK_INT(fseek(f, 0, SEEK_END), 0);
    CHECK_INT(ftell(f), end);
    /* written past the end: the gap reads as zeros */
    CHECK_INT(fseek(f, 4, SEEK_END), 0);
    fputs("xy", f);
    fflush(f);
    CHECK_INT(fseek(f, end, SEEK_SET), 0);
    unsigned char tail[8] = {1, 1, 1, 1, 1, 1, 1, 1};
    CHECK_INT(fread(tail, 1, sizeof tail, f), 6);
    CHECK(tail[0] == 0 && tail[3] == 0 && tail[4] == 'x' && tail[5] == 'y');
    CHECK(feof(f));
    CHECK(fseek(f, -1, SEEK_SET) != 0); /* before the start */
    CHECK_INT(fclose(f), 0);
}

/* a part past 8 MB moves to an unlinked file in the folder named, and
 * reads back whole; nothing is left in the folder */
static void test_spill(void)
{
    char dir[] = "xlsxspill-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    unsigned long spilled = ju_xlsx_scratch_spilled();
    FILE *f = lxw_tmpfile(dir);
    CHECK(f != NULL);
    if (!f)
        return;
    char line[64];
    for (int i = 0; i < 400000; i++) { /* about 10 MB */
        int n = snprintf(line, sizeof line, "<c r=\"A%d\"><v>%d</v></c>\n", i, i * 7);
        fwrite(line, 1, (size_t)n, f);
    }
    fflush(f);
    CHECK_INT(ju_xlsx_scratch_spilled(), spilled + 1);
    CHECK(ftell(f) > (8L << 20));
    rewind(f);
    int bad = 0;
    for (int i = 0; i < 400000 && !bad; i++) {
        int n = snprintf(line, sizeof line, "<c r=\"A%d\"><v>%d</v></c>\n", i, i * 7);
        char got[64];
        bad = fread(got, 1, (size_t)n, f) != (size_t)n || memcmp(got, line, (size_t)n) != 0;
    }
    CHECK(!bad);
    CHECK_INT(fseek(f, 10, SEEK_SET), 0); /* written over in the file */
    fputs("XY", f);
    fflush(f);
    CHECK_INT(fseek(f, 10, SEEK_SET), 0);
    char two[3] = {0};
    CHECK_INT(fread(two, 1, 2, f), 2);
    CHECK_STR(two, "XY");
    CHECK_INT(fclose(f), 0);
    CHECK_INT(rmdir(dir), 0); /* the file was never named there, or is gone */
}

/* A workbook with a chart: every part went through jusou's lxw_tmpfile()
 * (the library's calls resolve to it), none through a file in the folder
 * named for them, which does not exist. */
static void test_workbook_without_files(void)
{
    char dir[] = "xlsxscratch-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[64], gone[64];
    snprintf(path, sizeof path, "%s/book.xlsx", dir);
    snprintf(gone, sizeof gone, "%s/no-such-folder", dir);
    lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .tmpdir = gone, .use_zip64 = LXW_FALSE};
    unsigned long failures = ju_xlsx_scratch_failures(), opened = ju_xlsx_scratch_opened();
    lxw_workbook *wb = workbook_new_opt(path, &opt);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "集計表");
    for (int r = 0; r < 200; r++) {
        worksheet_write_string(ws, (lxw_row_t)r, 0, "区分", NULL);
        worksheet_write_number(ws, (lxw_row_t)r, 1, r * 1.5, NULL);
    }
    lxw_chart *chart = workbook_add_chart(wb, LXW_CHART_BAR);
    chart_add_series(chart, "='集計表'!$A$1:$A$5", "='集計表'!$B$1:$B$5");
    worksheet_insert_chart(ws, 1, 3, chart);
    CHECK_INT(workbook_close(wb), LXW_NO_ERROR);
    CHECK_INT(ju_xlsx_scratch_failures(), failures);
    /* one a part: content types, rels, properties, workbook, styles, theme,
     * strings, the sheet, its drawing, the chart (14 in libxlsxwriter 1.1.4) */
    CHECK(ju_xlsx_scratch_opened() - opened >= 12);
    unzFile z = unzOpen(path);
    CHECK(z != NULL);
    if (z) {
        unz_global_info info;
        CHECK_INT(unzGetGlobalInfo(z, &info), UNZ_OK);
        CHECK(info.number_entry >= 10);
        CHECK_INT(unzLocateFile(z, "xl/charts/chart1.xml", 1), UNZ_OK);
        CHECK_INT(unzLocateFile(z, "xl/worksheets/sheet1.xml", 1), UNZ_OK);
        unz_file_info fi;
        CHECK_INT(unzGetCurrentFileInfo(z, &fi, NULL, 0, NULL, 0, NULL, 0), UNZ_OK);
        CHECK(fi.uncompressed_size > 200 * 40); /* every row reached the part */
        unzClose(z);
    }
    unlink(path);
    CHECK_INT(rmdir(dir), 0); /* nothing else was left there */
}

/* a small workbook with a chart whose title names the book's font */
static void make_book(const char *path, bool store)
{
    lxw_workbook *wb = workbook_new(path);
    lxw_doc_properties p = {.title = "集計表", .created = 1};
    workbook_set_properties(wb, &p);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "集計表");
    for (int r = 0; r < 40; r++) {
        worksheet_write_string(ws, (lxw_row_t)r, 0, r % 2 ? "実施している" : "無回答", NULL);
        worksheet_write_number(ws, (lxw_row_t)r, 1, r * 0.25, NULL);
    }
    lxw_chart *chart = workbook_add_chart(wb, LXW_CHART_BAR);
    chart_add_series(chart, "='集計表'!$A$1:$A$5", "='集計表'!$B$1:$B$5");
    chart_title_set_name(chart, "実施状況");
    lxw_chart_font f = {.name = "BIZ UDPゴシック", .size = 10};
    chart_title_set_name_font(chart, &f);
    worksheet_insert_chart(ws, 1, 3, chart);
    ju_xlsx_store_parts(store);
    CHECK_INT(workbook_close(wb), LXW_NO_ERROR);
    ju_xlsx_store_parts(false);
}

/* the compression method of every part: 0 stored, 8 deflated, -1 mixed */
static int methods(const char *path)
{
    unzFile z = unzOpen(path);
    int m = -2;
    for (int r = z ? unzGoToFirstFile(z) : UNZ_END_OF_LIST_OF_FILE; r == UNZ_OK; r = unzGoToNextFile(z)) {
        unz_file_info fi;
        unzGetCurrentFileInfo(z, &fi, NULL, 0, NULL, 0, NULL, 0);
        m = m == -2 || m == (int)fi.compression_method ? (int)fi.compression_method : -1;
    }
    if (z)
        unzClose(z);
    return m;
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    char *p = malloc(1 << 20);
    *n = f && p ? fread(p, 1, 1 << 20, f) : 0;
    if (f)
        fclose(f);
    return p;
}

/* Stored by libxlsxwriter and compressed by ju_xlsx_finish(), a workbook is
 * byte for byte the one libxlsxwriter compresses itself and ju_xlsx_finish()
 * only patches — the first time, and again when its parts come from the
 * cache. */
static void test_stored_then_finished(void)
{
    ju_arena *A = ju_arena_new();
    ju_diags d;
    ju_diags_init(&d, A);
    char dir[] = "xlsxstore-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char stored[64], compressed[64], again[64];
    snprintf(stored, sizeof stored, "%s/stored.xlsx", dir);
    snprintf(compressed, sizeof compressed, "%s/compressed.xlsx", dir);
    snprintf(again, sizeof again, "%s/again.xlsx", dir);
    make_book(stored, true);
    CHECK_INT(methods(stored), 0); /* jusou's zipOpenNewFileInZip4_64 took the library's calls */
    make_book(compressed, false);
    CHECK_INT(methods(compressed), Z_DEFLATED);
    CHECK_INT(ju_xlsx_finish(A, &d, stored), JU_OK);
    CHECK_INT(ju_xlsx_finish(A, &d, compressed), JU_OK);
    make_book(again, true);
    CHECK_INT(ju_xlsx_finish(A, &d, again), JU_OK);
    CHECK_INT(methods(stored), Z_DEFLATED);
    size_t n1, n2, n3;
    char *b1 = slurp(stored, &n1), *b2 = slurp(compressed, &n2), *b3 = slurp(again, &n3);
    CHECK(n1 > 1000 && n1 == n2 && memcmp(b1, b2, n1) == 0);
    CHECK(n1 == n3 && memcmp(b1, b3, n1) == 0);
    /* and the chart has its East Asian font */
    unzFile z = unzOpen(stored);
    char xml[65536] = {0};
    CHECK(z && unzLocateFile(z, "xl/charts/chart1.xml", 1) == UNZ_OK && unzOpenCurrentFile(z) == UNZ_OK);
    if (z) {
        unzReadCurrentFile(z, xml, sizeof xml - 1);
        unzCloseCurrentFile(z);
        unzClose(z);
    }
    CHECK(strstr(xml, "<a:ea typeface=\"BIZ UDPゴシック\"") != NULL);
    CHECK_INT(d.errors, 0);
    free(b1);
    free(b2);
    free(b3);
    unlink(stored);
    unlink(compressed);
    unlink(again);
    CHECK_INT(rmdir(dir), 0);
    ju_arena_free(A);
}

#ifndef __SANITIZE_ADDRESS__ /* AddressSanitizer cannot run under an address-space limit */
/* memory running out while a part is assembled is counted, not ignored */
static void test_failure_counted(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        /* the limit is on the whole address space: room for the program, not for 1 GB more */
        struct rlimit rl = {(rlim_t)512 << 20, (rlim_t)512 << 20};
        setrlimit(RLIMIT_AS, &rl);
        unsigned long before = ju_xlsx_scratch_failures();
        FILE *f = lxw_tmpfile(NULL);
        static char block[1 << 20];
        memset(block, 'x', sizeof block);
        size_t written = 0;
        for (int i = 0; i < 1024; i++) /* 1 GB: more than the limit */
            written += fwrite(block, 1, sizeof block, f);
        fflush(f);
        int ok = ju_xlsx_scratch_failures() > before && written < 1024u * sizeof block && ferror(f);
        fclose(f);
        _exit(ok ? 0 : 1);
    }
    int st = 0;
    waitpid(pid, &st, 0);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}
#endif

int main(void)
{
    test_stream();
    test_spill();
    test_workbook_without_files();
    test_stored_then_finished();
#ifndef __SANITIZE_ADDRESS__
    test_failure_counted();
#endif
    return check_done();
}
