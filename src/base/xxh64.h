/* xxh64.h — XXH64, the 64-bit xxHash of a run of bytes (seed 0), fed in
 * pieces: the check sum of each file in an output folder's stamp (outdir.c).
 * Eight times as fast as FNV-1a byte by byte, which the stamps of earlier
 * versions hold (and outdir.c still reads). */
#ifndef JU_XXH64_H
#define JU_XXH64_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint64_t v[4];
    uint64_t total;
    unsigned char mem[32]; /* bytes of a stripe not yet consumed */
    size_t memsize;
} ju_xxh64;

void ju_xxh64_init(ju_xxh64 *h);
void ju_xxh64_update(ju_xxh64 *h, const void *data, size_t n);
uint64_t ju_xxh64_digest(const ju_xxh64 *h);

#endif
