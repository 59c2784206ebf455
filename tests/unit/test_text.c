/* Unit tests: decoding, positions, and cell normalisation (read/text.c). */
#include "check.h"

#include "arena.h"
#include "diag.h"
#include "source.h"
#include "text.h"

static ju_arena *A;

static char *decode(const char *bytes, size_t n, ju_encoding *enc, ju_diags *d)
{
    ju_source src;
    if (ju_source_decode(A, d, "t.csv", (const unsigned char *)bytes, n, &src) != JU_OK)
        return NULL;
    *enc = src.encoding;
    return src.text;
}

static void test_decode(void)
{
    ju_diags d;
    ju_encoding enc;
    ju_diags_init(&d, A);

    char *s = decode("a,b\n", 4, &enc, &d);
    CHECK_STR(s, "a,b\n");
    CHECK_INT(enc, JU_ENC_UTF8);

    s = decode("\xEF\xBB\xBF" "code\n", 8, &enc, &d);
    CHECK_STR(s, "code\n");
    CHECK_INT(enc, JU_ENC_UTF8_BOM);

    /* CP932: 千代田区 ① ㈱ 髙 ～ (extensions that SHIFT_JIS lacks) */
    const char cp932[] = "\x90\xE7\x91\xE3\x93\x63\x8B\xE6\x87\x40\x87\x8A\xFB\xFC\x81\x60";
    s = decode(cp932, sizeof cp932 - 1, &enc, &d);
    CHECK_STR(s, "千代田区①㈱髙～");
    CHECK_INT(enc, JU_ENC_CP932);
    CHECK_INT(d.errors, 0);

    /* UTF-8 cut in the middle of 区 (E5 8C BA) at the end */
    s = decode("\xe5\x8d\x83\xe5\x8c", 5, &enc, &d);
    CHECK(s == NULL);
    CHECK_INT(d.errors, 1);
    CHECK_STR(d.items[d.n - 1].message, "the file ends in the middle of a UTF-8 character (was it cut off?)");

    /* bytes that are neither UTF-8 nor CP932, on line 2 */
    s = decode("a\nb\x80\xFF", 5, &enc, &d);
    CHECK(s == NULL);
    CHECK_INT(d.items[d.n - 1].line, 2);
    CHECK_INT(d.items[d.n - 1].col, 2);

    /* a damaged UTF-8 file is not taken for CP932 */
    s = decode("千代田区\xff千代田区", 25, &enc, &d);
    CHECK(s == NULL);
    CHECK(strstr(d.items[d.n - 1].message, "invalid UTF-8") != NULL);

    s = decode("\xFF\xFE" "c\0o\0", 6, &enc, &d);
    CHECK(s == NULL);
    CHECK(strstr(d.items[d.n - 1].message, "UTF-16") != NULL);
}

static void test_source_file(void)
{
    ju_diags d;
    ju_diags_init(&d, A);
    ju_source src;
    /* a folder is refused at once, as a FIFO would be */
    CHECK_INT(ju_source_read(A, &d, "/", &src), JU_ERR_IO);
    CHECK_STR(d.items[d.n - 1].message, "cannot read: this is a folder, not a file");
    CHECK_INT(ju_source_read(A, &d, "/dev/null", &src), JU_ERR_IO);
    CHECK_STR(d.items[d.n - 1].message, "cannot read: this is a device, not a file");
    /* a NUL byte is an error at its position */
    CHECK(decode("a,b\n1,\0", 7, &(ju_encoding){0}, &d) == NULL);
    CHECK_INT(d.items[d.n - 1].line, 2);
    CHECK_INT(d.items[d.n - 1].col, 3);
    CHECK_STR(d.items[d.n - 1].message, "the file contains a NUL byte; it is not a text file");
}

static void test_visible(void)
{
    CHECK_STR(ju_visible(A, "\xEF\xBB\xBF" "code", 40), "U+FEFFcode");
    CHECK_STR(ju_visible(A, "a\tb", 40), "aU+0009b");
    CHECK_STR(ju_visible(A, "千代田区", 2), "千代…");
    CHECK(ju_file_name_problem("report.pdf") == NULL);
    CHECK(ju_file_name_problem("../x") != NULL);
    CHECK(ju_file_name_problem("a/b") != NULL);
    CHECK(ju_file_name_problem(".hidden") != NULL);
}

static void test_numbers(void)
{
    long long v = -1;
    CHECK_INT(ju_parse_count("15", &v), JU_NUM_OK);
    CHECK_INT(v, 15);
    CHECK_INT(ju_parse_count("１５", &v), JU_NUM_OK);
    CHECK_INT(v, 15);
    CHECK_INT(ju_parse_count("1,527", &v), JU_NUM_OK);
    CHECK_INT(v, 1527);
    CHECK_INT(ju_parse_count("１，５２７", &v), JU_NUM_OK);
    CHECK_INT(v, 1527);
    CHECK_INT(ju_parse_count(" 1,234,567 ", &v), JU_NUM_OK);
    CHECK_INT(v, 1234567);
    CHECK_INT(ju_parse_count("　12　", &v), JU_NUM_OK);
    CHECK_INT(v, 12);
    CHECK_INT(ju_parse_count("3.0", &v), JU_NUM_OK);
    CHECK_INT(v, 3);
    CHECK_INT(ju_parse_count("", &v), JU_NUM_BLANK);
    CHECK_INT(ju_parse_count("  ", &v), JU_NUM_BLANK);
    CHECK_INT(ju_parse_count("abc", &v), JU_NUM_NOT_NUMBER);
    CHECK_INT(ju_parse_count("12回", &v), JU_NUM_NOT_NUMBER);
    CHECK_INT(ju_parse_count("-3", &v), JU_NUM_NEGATIVE);
    CHECK_INT(ju_parse_count("－３", &v), JU_NUM_NEGATIVE);
    CHECK_INT(ju_parse_count("1.5", &v), JU_NUM_FRACTION);
    CHECK_INT(ju_parse_count("15,27", &v), JU_NUM_GROUPING);
    CHECK_INT(ju_parse_count("1527,", &v), JU_NUM_NOT_NUMBER);
    CHECK_INT(ju_parse_count("99999999999999999999", &v), JU_NUM_TOO_LARGE);
    CHECK_INT(ju_parse_int("2", &v), JU_NUM_OK);
    CHECK_INT(v, 2);
    CHECK_INT(ju_parse_int("1,2", &v), JU_NUM_NOT_NUMBER);
    CHECK_INT(ju_parse_int("２０２１", &v), JU_NUM_OK);
    CHECK_INT(v, 2021);
}

static void test_flags(void)
{
    CHECK_INT(ju_parse_flag("1"), 1);
    CHECK_INT(ju_parse_flag("○"), 1);
    CHECK_INT(ju_parse_flag(" ○ "), 1);
    CHECK_INT(ju_parse_flag("１"), 1);
    CHECK_INT(ju_parse_flag("0"), 0);
    CHECK_INT(ju_parse_flag(""), 0);
    CHECK_INT(ju_parse_flag("x"), -1);
    CHECK_INT(ju_parse_flag("2"), -1);
    CHECK_STR(ju_trim(A, "　 a b\t"), "a b");
}

int main(void)
{
    A = ju_arena_new();
    test_decode();
    test_source_file();
    test_visible();
    test_numbers();
    test_flags();
    ju_arena_free(A);
    return check_done();
}
