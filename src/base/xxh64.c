/* xxh64.c — XXH64 (seed 0); see xxh64.h. The algorithm as its author
 * specifies it: four lanes over 32-byte stripes, then the lanes merged, the
 * length added, the last bytes mixed in by 8, 4 and 1, and an avalanche. */
#define _DEFAULT_SOURCE /* le64toh */
#include "xxh64.h"

#include <endian.h>
#include <string.h>

static const uint64_t P1 = 0x9E3779B185EBCA87ULL, P2 = 0xC2B2AE3D27D4EB4FULL, P3 = 0x165667B19E3779F9ULL,
                      P4 = 0x85EBCA77C2B2AE63ULL, P5 = 0x27D4EB2F165667C5ULL;

static uint64_t rotl(uint64_t x, int r)
{
    return (x << r) | (x >> (64 - r));
}

/* little-endian, whatever the machine */
static uint64_t read64(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof v);
    return le64toh(v);
}

static uint32_t read32(const unsigned char *p)
{
    uint32_t v;
    memcpy(&v, p, sizeof v);
    return le32toh(v);
}

static uint64_t round64(uint64_t acc, uint64_t input)
{
    acc += input * P2;
    acc = rotl(acc, 31);
    return acc * P1;
}

static uint64_t merge(uint64_t acc, uint64_t v)
{
    acc ^= round64(0, v);
    return acc * P1 + P4;
}

void ju_xxh64_init(ju_xxh64 *h)
{
    memset(h, 0, sizeof *h);
    h->v[0] = P1 + P2;
    h->v[1] = P2;
    h->v[2] = 0;
    h->v[3] = 0 - P1;
}

static void stripe(ju_xxh64 *h, const unsigned char *p)
{
    for (int k = 0; k < 4; k++)
        h->v[k] = round64(h->v[k], read64(p + 8 * k));
}

void ju_xxh64_update(ju_xxh64 *h, const void *data, size_t n)
{
    const unsigned char *p = data, *end = p + n;
    h->total += n;
    if (h->memsize + n < 32) {
        memcpy(h->mem + h->memsize, p, n);
        h->memsize += n;
        return;
    }
    if (h->memsize) {
        size_t fill = 32 - h->memsize;
        memcpy(h->mem + h->memsize, p, fill);
        stripe(h, h->mem);
        p += fill;
        h->memsize = 0;
    }
    for (; end - p >= 32; p += 32)
        stripe(h, p);
    memcpy(h->mem, p, (size_t)(end - p));
    h->memsize = (size_t)(end - p);
}

uint64_t ju_xxh64_digest(const ju_xxh64 *h)
{
    uint64_t acc;
    if (h->total >= 32) {
        acc = rotl(h->v[0], 1) + rotl(h->v[1], 7) + rotl(h->v[2], 12) + rotl(h->v[3], 18);
        for (int k = 0; k < 4; k++)
            acc = merge(acc, h->v[k]);
    } else
        acc = P5; /* + the seed, 0 */
    acc += h->total;
    const unsigned char *p = h->mem, *end = p + h->memsize;
    for (; end - p >= 8; p += 8) {
        acc ^= round64(0, read64(p));
        acc = rotl(acc, 27) * P1 + P4;
    }
    if (end - p >= 4) {
        acc ^= (uint64_t)read32(p) * P1;
        acc = rotl(acc, 23) * P2 + P3;
        p += 4;
    }
    for (; p < end; p++) {
        acc ^= *p * P5;
        acc = rotl(acc, 11) * P1;
    }
    acc ^= acc >> 33;
    acc *= P2;
    acc ^= acc >> 29;
    acc *= P3;
    acc ^= acc >> 32;
    return acc;
}
