/* xlsxscratch.c — libxlsxwriter's scratch files in memory; see
 * xlsxscratch.h. */
#define _GNU_SOURCE /* fopencookie */
#include "xlsxscratch.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include <minizip/zip.h>

#include "arena.h"
#include "outfile.h"

/* A scratch part in memory up to SPILL bytes; a larger one (the response
 * sheets of a national survey: tens of megabytes) moves to an unlinked file
 * in the folder libxlsxwriter names, so that memory stays flat. */
#define SPILL ((size_t)8 << 20)

typedef struct {
    ju_bytes b;    /* the part, while in memory */
    size_t pos;
    int fd;        /* ≥ 0 once spilled */
    size_t file_n; /* the part's length once spilled */
    char *dir;     /* where to spill (NULL: never) */
} scratch;

static unsigned long failures, opened, spilled;

unsigned long ju_xlsx_scratch_spilled(void)
{
    return spilled;
}

static size_t length(const scratch *s)
{
    return s->fd >= 0 ? s->file_n : s->b.n;
}

/* the part so far into an unlinked file in s->dir */
static bool spill(scratch *s)
{
    int fd = open(s->dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd < 0) { /* a file system without O_TMPFILE: a named file, unlinked at once */
        size_t len = strlen(s->dir);
        char *path = malloc(len + 20);
        if (!path)
            return false;
        snprintf(path, len + 20, "%s/.lxw-XXXXXX", s->dir);
        fd = mkostemp(path, O_CLOEXEC);
        if (fd >= 0)
            unlink(path);
        free(path);
        if (fd < 0)
            return false;
    }
    if (!ju_write_fully(fd, s->b.p, s->b.n, 0)) {
        close(fd);
        return false;
    }
    s->file_n = s->b.n;
    ju_bytes_free(&s->b);
    s->fd = fd;
    spilled++;
    return true;
}

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
    size_t k;
    if (s->fd >= 0) {
        size_t left = s->pos < s->file_n ? s->file_n - s->pos : 0;
        ssize_t r;
        while ((r = pread(s->fd, buf, size < left ? size : left, (off_t)s->pos)) < 0 && errno == EINTR)
            ;
        if (r < 0)
            return -1;
        k = (size_t)r;
    } else
        k = ju_bytes_read_at(&s->b, s->pos, buf, size);
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
    if (s->fd < 0 && end > SPILL && s->dir && !spill(s)) {
        failures++;
        return 0;
    }
    if (s->fd >= 0) { /* a file: the gap after a seek past the end reads as zeros by itself */
        if (!ju_write_fully(s->fd, buf, size, (long long)s->pos)) {
            failures++;
            return 0;
        }
        if (end > s->file_n)
            s->file_n = end;
    } else if (!ju_bytes_write_at(&s->b, s->pos, buf, size)) {
        failures++;
        errno = ENOMEM;
        return 0; /* the stream's error flag; the library goes on regardless */
    }
    s->pos = end;
    return (ssize_t)size;
}

static int scratch_seek(void *cookie, off64_t *offset, int whence)
{
    scratch *s = cookie;
    off64_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (off64_t)s->pos : (off64_t)length(s);
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
    if (s->fd >= 0)
        close(s->fd);
    ju_bytes_free(&s->b);
    free(s->dir);
    free(s);
    return 0;
}

FILE *lxw_tmpfile(char *tmpdir)
{
    scratch *s = calloc(1, sizeof *s);
    if (!s)
        return NULL; /* the library reports that it cannot create a temporary file */
    s->fd = -1;
    if (tmpdir && !(s->dir = strdup(tmpdir))) {
        free(s);
        return NULL;
    }
    cookie_io_functions_t io = {scratch_read, scratch_write, scratch_seek, scratch_close};
    FILE *f = fopencookie(s, "w+", io);
    if (!f) {
        free(s->dir);
        free(s);
    } else
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
