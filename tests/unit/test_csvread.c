/* Unit tests: CSV parsing with positions (read/csvread.c). */
#include "check.h"

#include <stdlib.h>

#include "csvread.h"

static ju_arena *A;

static ju_status parse(const char *text, ju_csv *c, ju_diags *d)
{
    return ju_csv_parse(A, d, "t.csv", (const unsigned char *)text, strlen(text), c);
}

static void test_quoting(void)
{
    ju_diags d;
    ju_diags_init(&d, A);
    ju_csv c;
    const char *t = "code,Q4_1,Q2\r\n131016,\"a, \"\"b\"\"\r\nc\",  1 \r\n\r\n131024,,2";
    CHECK_INT(parse(t, &c, &d), JU_OK);
    CHECK_INT(c.nrows, 3);
    CHECK_INT(c.rows[1].n, 3);
    CHECK_STR(c.rows[1].cells[1].text, "a, \"b\"\r\nc");
    CHECK_STR(c.rows[1].cells[2].text, "  1 "); /* kept verbatim: no trimming */
    CHECK_STR(c.rows[2].cells[0].text, "131024");
    CHECK_STR(c.rows[2].cells[1].text, "");
    CHECK_INT(c.rows[1].cells[2].line, 3); /* the quoted cell spans lines 2 and 3 */
    CHECK_INT(c.rows[1].cells[2].col, 4);
    CHECK(c.rows[2].cells[2].line == 5 && c.rows[2].cells[2].col == 9);
    CHECK_INT(ju_csv_column(&c, "Q2"), 2);
    CHECK_INT(ju_csv_column(&c, "Q3"), -1);
    CHECK_STR(ju_csv_get(&c, 2, 7), "");
}

static void test_broken(void)
{
    ju_diags d;
    ju_diags_init(&d, A);
    ju_csv c;
    CHECK_INT(parse("a,b\n1,\"torn\n2,3\n", &c, &d), JU_ERR_DATA);
    CHECK_INT(d.n, 1);
    CHECK(d.items[0].line == 2 && d.items[0].col == 3);
    CHECK_STR(d.items[0].message, "column 'b': torn quote: this quoted cell is never closed (a '\"' is missing)");

    CHECK_INT(parse("a,b\n1,ab\"c\n", &c, &d), JU_ERR_DATA);
    CHECK(d.items[1].line == 2 && d.items[1].col == 3); /* where the cell starts */
    CHECK_STR(d.items[1].message,
              "column 'b': misplaced quote: a cell that is not quoted contains '\"', or text follows a closing quote");

    CHECK_INT(parse("  \r\n", &c, &d), JU_ERR_DATA);
    CHECK(strstr(d.items[2].message, "empty") != NULL);

    /* a quoted cell whose closing quote is missing runs into a later quoted cell */
    CHECK_INT(parse("a,b,c\n1,\"x\n2,\"y\",3\n", &c, &d), JU_ERR_DATA);
    CHECK(d.items[3].line == 2 && d.items[3].col == 3);
    CHECK(strstr(d.items[3].message, "column 'b': torn quote") != NULL);
}

/* positions count characters, and stay right after cells are unescaped in place */
static void test_positions(void)
{
    ju_diags d;
    ju_diags_init(&d, A);
    ju_csv c;
    CHECK_INT(parse("ab,\"x\"\"y\",千代田,z\r\n\"q\",千,w", &c, &d), JU_OK);
    CHECK_STR(c.rows[0].cells[1].text, "x\"y");
    CHECK(c.rows[0].cells[2].line == 1 && c.rows[0].cells[2].col == 11);
    CHECK(c.rows[0].cells[3].line == 1 && c.rows[0].cells[3].col == 15);
    CHECK(c.rows[1].cells[2].line == 2 && c.rows[1].cells[2].col == 7);
    CHECK_STR(c.rows[1].cells[0].text, "q");
}

/* the limits are errors at the place they are passed */
static void test_limits(void)
{
    ju_diags d;
    ju_diags_init(&d, A);
    ju_csv c;
    size_t n = JU_MAX_CELL_BYTES + 10;
    char *big = malloc(n + 8);
    memcpy(big, "a\n", 2);
    memset(big + 2, 'x', n);
    big[n + 2] = '\0';
    CHECK_INT(parse(big, &c, &d), JU_ERR_DATA);
    CHECK(d.items[d.n - 1].line == 2 && d.items[d.n - 1].col == 1);
    CHECK(strstr(d.items[d.n - 1].message, "a cell may hold at most 1048576 (1 MB)") != NULL);
    free(big);
}

int main(void)
{
    A = ju_arena_new();
    test_quoting();
    test_broken();
    test_positions();
    test_limits();
    ju_arena_free(A);
    return check_done();
}
