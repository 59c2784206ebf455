/* Unit tests: XXH64 (base/xxh64.c) against published check values, whole
 * and fed in pieces. */
#include "check.h"

#include <string.h>

#include "xxh64.h"

static uint64_t whole(const char *s)
{
    ju_xxh64 h;
    ju_xxh64_init(&h);
    ju_xxh64_update(&h, s, strlen(s));
    return ju_xxh64_digest(&h);
}

/* the same bytes fed one at a time, then in pieces of 5 */
static int pieces_agree(const char *s)
{
    size_t n = strlen(s);
    ju_xxh64 a, b;
    ju_xxh64_init(&a);
    ju_xxh64_init(&b);
    for (size_t i = 0; i < n; i++)
        ju_xxh64_update(&a, s + i, 1);
    for (size_t i = 0; i < n; i += 5)
        ju_xxh64_update(&b, s + i, n - i < 5 ? n - i : 5);
    return ju_xxh64_digest(&a) == whole(s) && ju_xxh64_digest(&b) == whole(s);
}

int main(void)
{
    CHECK(whole("") == 0xEF46DB3751D8E999ULL);
    CHECK(whole("a") == 0xD24EC4F1A98C6E5BULL);
    CHECK(whole("abc") == 0x44BC2CF5AD770999ULL);
    CHECK(whole("abcdefghijklmnopqrstuvwxyz12345") == 0x467605901B01D6F6ULL);      /* 31: no stripe */
    CHECK(whole("abcdefghijklmnopqrstuvwxyz012345") == 0xBF2CD639B4143B80ULL);     /* 32: one stripe */
    CHECK(whole("abcdefghijklmnopqrstuvwxyz0123456789") == 0x64F23ECF1609B766ULL); /* 36: a stripe and a tail */
    CHECK(pieces_agree("abcdefghijklmnopqrstuvwxyz0123456789"));
    char big[1000];
    for (size_t i = 0; i < sizeof big - 1; i++)
        big[i] = (char)('!' + (i * 7) % 90);
    big[sizeof big - 1] = '\0';
    CHECK(pieces_agree(big));
    CHECK(whole(big) != whole(big + 1));
    return check_done();
}
