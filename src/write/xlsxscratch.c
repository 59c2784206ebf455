/* xlsxscratch.c — libxlsxwriter's scratch files in memory; see
 * xlsxscratch.h. */
#define _GNU_SOURCE /* fopencookie */
#include "xlsxscratch.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include <minizip/zip.h>

typedef struct {
    char *p;
    size_t n, cap, pos;
} scratch;

static unsigned long failures, opened;

unsigned long ju_xlsx_scratch_failures(void)
{
    return failures;
}

unsigned long ju_xlsx_scratch_opened(void)
{
    return opened;
}

static ssize_t scratch_read(void *cookie, char *buf, size_t size)
{
    scratch *s = cookie;
    size_t left = s->pos < s->n ? s->n - s->pos : 0;
    size_t k = size < left ? size : left;
    memcpy(buf, s->p + s->pos, k);
    s->pos += k;
    return (ssize_t)k;
}

static ssize_t scratch_write(void *cookie, const char *buf, size_t size)
{
    scratch *s = cookie;
    if (size > SIZE_MAX / 2 - s->pos) {
        failures++;
        errno = EFBIG;
        return 0;
    }
    size_t end = s->pos + size;
    if (end > s->cap) {
        size_t cap = s->cap ? s->cap : 16384;
        while (cap < end)
            cap *= 2;
        char *p = realloc(s->p, cap);
        if (!p) {
            failures++;
            errno = ENOMEM;
            return 0; /* the stream's error flag; the library goes on regardless */
        }
        s->p = p;
        s->cap = cap;
    }
    if (s->pos > s->n) /* written past the end after a seek: the gap reads as zeros, as in a file */
        memset(s->p + s->n, 0, s->pos - s->n);
    memcpy(s->p + s->pos, buf, size);
    s->pos = end;
    if (end > s->n)
        s->n = end;
    return (ssize_t)size;
}

static int scratch_seek(void *cookie, off64_t *offset, int whence)
{
    scratch *s = cookie;
    off64_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (off64_t)s->pos : (off64_t)s->n;
    if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END) {
        errno = EINVAL;
        return -1;
    }
    if (*offset < -base || *offset > (off64_t)(SIZE_MAX / 4) - base) {
        errno = EINVAL;
        return -1;
    }
    s->pos = (size_t)(base + *offset);
    *offset = (off64_t)s->pos;
    return 0;
}

static int scratch_close(void *cookie)
{
    scratch *s = cookie;
    free(s->p);
    free(s);
    return 0;
}

FILE *lxw_tmpfile(char *tmpdir)
{
    (void)tmpdir;
    scratch *s = calloc(1, sizeof *s);
    if (!s)
        return NULL; /* the library reports that it cannot create a temporary file */
    cookie_io_functions_t io = {scratch_read, scratch_write, scratch_seek, scratch_close};
    FILE *f = fopencookie(s, "w+", io);
    if (!f)
        free(s);
    else
        opened++;
    return f;
}

static bool storing;

void ju_xlsx_store_parts(bool on)
{
    storing = on;
}

typedef int (*open_part_fn)(zipFile, const char *, const zip_fileinfo *, const void *, uInt, const void *, uInt,
                            const char *, int, int, int, int, int, int, const char *, uLong, uLong, uLong, int);

int zipOpenNewFileInZip4_64(zipFile file, const char *filename, const zip_fileinfo *zipfi, const void *extra_local,
                            uInt n_local, const void *extra_global, uInt n_global, const char *comment, int method,
                            int level, int raw, int windowBits, int memLevel, int strategy, const char *password,
                            uLong crc, uLong version_made_by, uLong flag_base, int zip64)
{
    static open_part_fn minizip;
    if (!minizip)
        minizip = (open_part_fn)dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64");
    if (!minizip)
        return ZIP_INTERNALERROR;
    if (storing && !raw && method == Z_DEFLATED) {
        method = 0;
        level = 0;
    }
    return minizip(file, filename, zipfi, extra_local, n_local, extra_global, n_global, comment, method, level, raw,
                   windowBits, memLevel, strategy, password, crc, version_made_by, flag_base, zip64);
}
