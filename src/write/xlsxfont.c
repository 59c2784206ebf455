/* xlsxfont.c — the East Asian font of a workbook's native charts; see
 * xlsxfont.h. */
#define _GNU_SOURCE /* memmem */
#include "xlsxfont.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <minizip/unzip.h>
#include <minizip/zip.h>
#include <zlib.h>

#include "guard.h"
#include "i18n.h"
#include "outfile.h"

#define LATIN "<a:latin "
#define EA "<a:ea "
#define CHART_PREFIX "xl/charts/chart"
#define CHUNK 65536
#define PART_MAX (64u << 20) /* a chart part is a few kilobytes; anything larger is not ours */
#define LARGE_PART ((ZPOS64_T)1 << 20)     /* compressed on its way through, never cached */
#define LARGE_PACKAGE ((size_t)8 << 20)    /* read part by part from its file */

char *ju_xlsx_ea_twins(ju_arena *a, const char *xml, size_t n, size_t *out_n)
{
    size_t count = 0;
    for (const char *p = xml; (p = memmem(p, (size_t)(xml + n - p), LATIN, strlen(LATIN))) != NULL; p++)
        count++;
    /* each twin is at most its Latin element's length */
    char *out = ju_arena_alloc(a, 2 * n + 1);
    size_t o = 0;
    const char *p = xml, *end = xml + n;
    while (count > 0) {
        const char *l = memmem(p, (size_t)(end - p), LATIN, strlen(LATIN));
        if (!l)
            break;
        const char *close = memmem(l, (size_t)(end - l), "/>", 2);
        if (!close)
            break;
        close += 2;
        memcpy(out + o, p, (size_t)(close - p));
        o += (size_t)(close - p);
        bool has_twin = (size_t)(end - close) >= strlen(EA) && memcmp(close, EA, strlen(EA)) == 0;
        if (!has_twin) {
            size_t attrs = (size_t)(close - l) - strlen(LATIN);
            memcpy(out + o, EA, strlen(EA));
            o += strlen(EA);
            memcpy(out + o, l + strlen(LATIN), attrs);
            o += attrs;
        }
        p = close;
    }
    memcpy(out + o, p, (size_t)(end - p));
    o += (size_t)(end - p);
    out[o] = '\0';
    *out_n = o;
    return out;
}

static bool is_chart(const char *name)
{
    size_t n = strlen(name);
    return strncmp(name, CHART_PREFIX, strlen(CHART_PREFIX)) == 0 && n > 4 && strcmp(name + n - 4, ".xml") == 0 &&
           strchr(name + strlen(CHART_PREFIX), '/') == NULL;
}

static zip_fileinfo info_of(const unz_file_info64 *fi)
{
    zip_fileinfo zi;
    memset(&zi, 0, sizeof zi);
    zi.tmz_date.tm_sec = fi->tmu_date.tm_sec;
    zi.tmz_date.tm_min = fi->tmu_date.tm_min;
    zi.tmz_date.tm_hour = fi->tmu_date.tm_hour;
    zi.tmz_date.tm_mday = fi->tmu_date.tm_mday;
    zi.tmz_date.tm_mon = fi->tmu_date.tm_mon;
    zi.tmz_date.tm_year = fi->tmu_date.tm_year;
    zi.dosDate = fi->dosDate; /* the part's date as libxlsxwriter wrote it */
    zi.internal_fa = fi->internal_fa;
    zi.external_fa = fi->external_fa;
    return zi;
}

/* one part copied still compressed */
static bool copy_raw(unzFile in, zipFile out, const char *name, const unz_file_info64 *fi, char *buf)
{
    int method = 0, level = 0;
    if (unzOpenCurrentFile2(in, &method, &level, 1) != UNZ_OK)
        return false;
    zip_fileinfo zi = info_of(fi);
    bool ok = zipOpenNewFileInZip2_64(out, name, &zi, NULL, 0, NULL, 0, NULL, method, level, 1, 0) == ZIP_OK;
    int got = 0;
    while (ok && (got = unzReadCurrentFile(in, buf, CHUNK)) > 0)
        ok = zipWriteInFileInZip(out, buf, (unsigned)got) == ZIP_OK;
    ok = ok && got == 0;
    ok = (unzCloseCurrentFile(in) == UNZ_OK) && ok;
    ok = (zipCloseFileInZipRaw64(out, fi->uncompressed_size, fi->crc) == ZIP_OK) && ok;
    return ok;
}

/* Parts this process has already made, by what libxlsxwriter wrote: a
 * municipality's workbook repeats most of the last one's — the styles, the
 * theme, the drawings, the charts of its 区分 (they show 都内全体 and the 区分,
 * not the municipality). A part whose bytes as written are the same as a
 * cached one's is the same XML, so what it becomes is the cached result:
 * copied, not compressed (and for a chart, inflated and patched) again.
 * Charts are kept the first time, other parts the second (a municipality's
 * own sheets never come back). The cache is a process's (each worker has its
 * own) and bounded; being a cache, it changes no byte of any file. */
typedef struct {
    int method_in;
    uint32_t crc_in;
    size_t n_in;      /* the bytes as libxlsxwriter wrote them */
    char *in;
    uint32_t crc_out; /* the part as it is to be */
    size_t size_out;  /* uncompressed */
    size_t n_out;     /* compressed */
    char *out;
    bool text;        /* zlib found text in it (minizip marks the part so) */
    int next;         /* the next in its bucket, + 1 */
} made_part;

#define CACHE_PARTS 2048
#define CACHE_BUCKETS 1024
#define CACHE_BYTES (24u << 20)
#define SEEN 4096
static made_part cache[CACHE_PARTS];
static int buckets[CACHE_BUCKETS]; /* first index + 1 */
static size_t cached, cached_bytes;
static uint64_t seen[SEEN]; /* parts made once: (crc, size), a ring */
static size_t seen_next;

static uint64_t seen_key(const made_part *t)
{
    return ((uint64_t)t->crc_in << 32 | (uint32_t)t->n_in) ^ (uint64_t)t->method_in << 31;
}

static const made_part *cache_find(const made_part *t)
{
    for (int k = buckets[t->crc_in % CACHE_BUCKETS]; k; k = cache[k - 1].next) {
        const made_part *c = &cache[k - 1];
        if (c->crc_in == t->crc_in && c->n_in == t->n_in && c->method_in == t->method_in &&
            memcmp(c->in, t->in, t->n_in) == 0)
            return c;
    }
    return NULL;
}

static void cache_add(const made_part *t, bool at_once)
{
    if (!at_once) { /* kept when it comes a second time */
        uint64_t key = seen_key(t);
        bool again = false;
        for (size_t k = 0; k < SEEN && !again; k++)
            again = seen[k] == key;
        if (!again) {
            seen[seen_next++ % SEEN] = key;
            return;
        }
    }
    if (cached == CACHE_PARTS || cached_bytes + t->n_in + t->n_out > CACHE_BYTES)
        return;
    char *in = malloc(t->n_in ? t->n_in : 1), *out = malloc(t->n_out ? t->n_out : 1);
    if (!in || !out) { /* a cache only: nothing is lost without it */
        free(in);
        free(out);
        return;
    }
    memcpy(in, t->in, t->n_in);
    memcpy(out, t->out, t->n_out);
    made_part *c = &cache[cached];
    *c = *t;
    c->in = in;
    c->out = out;
    c->next = buckets[t->crc_in % CACHE_BUCKETS];
    buckets[t->crc_in % CACHE_BUCKETS] = (int)++cached;
    cached_bytes += t->n_in + t->n_out;
}

/* `n` bytes of the current part, as they are stored (raw) or inflated */
static char *read_part(ju_arena *a, unzFile in, size_t n, bool raw)
{
    int method = 0, level = 0;
    if (n > PART_MAX || unzOpenCurrentFile2(in, &method, &level, raw) != UNZ_OK)
        return NULL;
    char *p = ju_arena_alloc(a, n + 1);
    size_t have = 0;
    int got = 0;
    while (have < n && (got = unzReadCurrentFile(in, p + have, (unsigned)(n - have))) > 0)
        have += (size_t)got;
    bool ok = unzCloseCurrentFile(in) == UNZ_OK && have == n && got >= 0;
    if (ok)
        p[n] = '\0';
    return ok ? p : NULL;
}

/* `xml` compressed as minizip compresses a part (raw deflate, default level) */
static char *deflate_part(ju_arena *a, const char *xml, size_t n, size_t *out_n, bool *text)
{
    size_t cap = compressBound((uLong)n); /* above raw deflate's bound; taken before zlib holds memory */
    char *out = ju_arena_alloc(a, cap);
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return NULL;
    z.next_in = (Bytef *)xml;
    z.avail_in = (uInt)n;
    z.next_out = (Bytef *)out;
    z.avail_out = (uInt)cap;
    int r = deflate(&z, Z_FINISH);
    *out_n = z.total_out;
    *text = z.data_type == Z_TEXT;
    deflateEnd(&z);
    return r == Z_STREAM_END ? out : NULL;
}

/* A large part libxlsxwriter stored — a sheet of responses, a
 * municipality's own and never seen again — compressed on its way through,
 * by minizip itself as the library would have: no copy of it is held. */
static bool compress_through(unzFile in, zipFile out, const char *name, const unz_file_info64 *fi, char *buf)
{
    if (unzOpenCurrentFile(in) != UNZ_OK)
        return false;
    zip_fileinfo zi = info_of(fi);
    bool ok = zipOpenNewFileInZip64(out, name, &zi, NULL, 0, NULL, 0, NULL, Z_DEFLATED, Z_DEFAULT_COMPRESSION, 0) ==
              ZIP_OK;
    int got = 0;
    while (ok && (got = unzReadCurrentFile(in, buf, CHUNK)) > 0)
        ok = zipWriteInFileInZip(out, buf, (unsigned)got) == ZIP_OK;
    ok = ok && got == 0;
    ok = (unzCloseCurrentFile(in) == UNZ_OK) && ok;
    ok = (zipCloseFileInZip(out) == ZIP_OK) && ok;
    return ok;
}

/* One part into the new package, compressed as libxlsxwriter compresses:
 * a part it stored (xlsxscratch.h) is compressed, a chart gets its twins,
 * any other part it compressed itself is copied as it is. */
static bool copy_part(ju_arena *a, unzFile in, zipFile out, const char *name, const unz_file_info64 *fi, char *buf)
{
    bool chart = is_chart(name);
    int method = (int)fi->compression_method;
    if (!chart && method != 0)
        return copy_raw(in, out, name, fi, buf);
    if (!chart && fi->uncompressed_size > LARGE_PART)
        return compress_through(in, out, name, fi, buf);
    if (fi->uncompressed_size > PART_MAX || fi->compressed_size > PART_MAX || (method != Z_DEFLATED && method != 0))
        return false;
    made_part t = {method, (uint32_t)fi->crc, (size_t)fi->compressed_size, NULL, 0, 0, 0, NULL, false, 0};
    if (!(t.in = read_part(a, in, t.n_in, true)))
        return false;
    const made_part *hit = cache_find(&t);
    if (hit)
        t = *hit;
    else {
        char *xml = method == 0 ? t.in : read_part(a, in, (size_t)fi->uncompressed_size, false);
        if (!xml)
            return false;
        const char *part = xml;
        t.size_out = (size_t)fi->uncompressed_size;
        t.crc_out = t.crc_in;
        if (chart) {
            part = ju_xlsx_ea_twins(a, xml, (size_t)fi->uncompressed_size, &t.size_out);
            t.crc_out = (uint32_t)crc32(0L, (const Bytef *)part, (uInt)t.size_out);
        }
        if (!(t.out = deflate_part(a, part, t.size_out, &t.n_out, &t.text)))
            return false;
        cache_add(&t, chart);
    }
    zip_fileinfo zi = info_of(fi);
    zi.internal_fa = t.text ? 1 : 0; /* as minizip sets it after compressing */
    bool ok = zipOpenNewFileInZip2_64(out, name, &zi, NULL, 0, NULL, 0, NULL, Z_DEFLATED, Z_DEFAULT_COMPRESSION, 1, 0) ==
              ZIP_OK;
    ok = ok && zipWriteInFileInZip(out, t.out, (unsigned)t.n_out) == ZIP_OK;
    ok = (zipCloseFileInZipRaw64(out, t.size_out, t.crc_out) == ZIP_OK) && ok;
    return ok;
}

/* A package in memory, for minizip (ioapi.h): the workbook is read in one
 * call and written in one, instead of a seek and a write or read for every
 * header of every part. */
typedef struct {
    ju_bytes b;
    size_t pos;
    bool failed;
} memzip;

static voidpf mem_open(voidpf opaque, const void *name, int mode)
{
    (void)name;
    (void)mode;
    return opaque;
}

static uLong mem_read(voidpf opaque, voidpf stream, void *buf, uLong size)
{
    (void)opaque;
    memzip *m = stream;
    size_t k = ju_bytes_read_at(&m->b, m->pos, buf, (size_t)size);
    m->pos += k;
    return (uLong)k;
}

static uLong mem_write(voidpf opaque, voidpf stream, const void *buf, uLong size)
{
    (void)opaque;
    memzip *m = stream;
    if (!ju_bytes_write_at(&m->b, m->pos, buf, (size_t)size)) {
        m->failed = true;
        return 0;
    }
    m->pos += (size_t)size;
    return size;
}

static ZPOS64_T mem_tell(voidpf opaque, voidpf stream)
{
    (void)opaque;
    return ((memzip *)stream)->pos;
}

static long mem_seek(voidpf opaque, voidpf stream, ZPOS64_T offset, int origin)
{
    (void)opaque;
    memzip *m = stream;
    size_t base;
    switch (origin) {
    case ZLIB_FILEFUNC_SEEK_SET: base = 0; break;
    case ZLIB_FILEFUNC_SEEK_CUR: base = m->pos; break;
    case ZLIB_FILEFUNC_SEEK_END: base = m->b.n; break;
    default: return -1;
    }
    if (offset > SIZE_MAX / 2 - base)
        return -1;
    m->pos = base + (size_t)offset; /* past the end: a write there fills the gap with zeros */
    return 0;
}

static int mem_close(voidpf opaque, voidpf stream)
{
    (void)opaque;
    (void)stream;
    return 0;
}

static int mem_error(voidpf opaque, voidpf stream)
{
    (void)opaque;
    return ((memzip *)stream)->failed;
}

static zlib_filefunc64_def mem_funcs(memzip *m)
{
    zlib_filefunc64_def f = {mem_open, mem_read, mem_write, mem_tell, mem_seek, mem_close, mem_error, m};
    return f;
}

/* the whole file at `path` into m; false with errno set */
static bool read_whole(const char *path, memzip *m)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    struct stat st;
    bool ok = fstat(fd, &st) == 0 && st.st_size >= 0;
    if (ok && !ju_bytes_add(&m->b, NULL, (size_t)st.st_size)) {
        errno = ENOMEM;
        ok = false;
    }
    if (ok) {
        errno = EIO; /* unless a read says otherwise: it shrank as it was read */
        ok = ju_read_fully(fd, m->b.p, m->b.n) == m->b.n;
    }
    int why = errno;
    close(fd);
    errno = why;
    return ok;
}

/* `n` bytes at `p` over the file at `path` (this run's own) */
static bool write_whole(const char *path, const char *p, size_t n)
{
    int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd < 0)
        return false;
    bool ok = ju_write_fully(fd, p, n, -1);
    int why = errno;
    ok = close(fd) == 0 && ok;
    if (!ok && !errno)
        errno = why;
    return ok;
}

/* the two packages open while parts are copied, and their bytes; released
 * if memory runs out */
typedef struct {
    unzFile in;
    zipFile out;
    memzip min, mout;
} packages;

static void close_packages(void *p)
{
    packages *k = p;
    if (k->out)
        zipClose(k->out, NULL);
    if (k->in)
        unzClose(k->in);
    k->in = k->out = NULL;
    ju_bytes_free(&k->min.b);
    ju_bytes_free(&k->mout.b);
}

ju_status ju_xlsx_finish(ju_arena *a, ju_diags *d, const char *path)
{
    packages k;
    memset(&k, 0, sizeof k);
    int guard = ju_guard(close_packages, &k); /* the temporary output folder goes with the run */
    /* a large package (a national survey's responses) is read from its file,
     * part by part, to keep memory flat; a small one at once */
    struct stat st;
    errno = 0;
    bool ok = stat(path, &st) == 0;
    bool large = ok && st.st_size > (off_t)LARGE_PACKAGE;
    zlib_filefunc64_def fin, fout = mem_funcs(&k.mout);
    if (large)
        fill_fopen64_filefunc(&fin);
    else {
        ok = ok && read_whole(path, &k.min);
        fin = mem_funcs(&k.min);
    }
    int why = errno;
    if (ok && !(k.in = unzOpen2_64(path, &fin))) {
        ok = false;
        why = EINVAL;
    }
    if (!ok) {
        ju_unguard(guard);
        close_packages(&k);
        ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, _("cannot read the workbook back to finish it: %s"),
                    strerror(why ? why : EIO));
        return JU_ERR_IO;
    }
    k.out = zipOpen2_64(path, APPEND_STATUS_CREATE, NULL, &fout);
    ok = k.out != NULL;
    char *buf = ju_arena_alloc(a, CHUNK);
    for (int r = ok ? unzGoToFirstFile(k.in) : UNZ_OK; ok && r == UNZ_OK; r = unzGoToNextFile(k.in)) {
        char name[1024];
        unz_file_info64 fi;
        ok = unzGetCurrentFileInfo64(k.in, &fi, name, sizeof name, NULL, 0, NULL, 0) == UNZ_OK;
        if (ok)
            ok = copy_part(a, k.in, k.out, name, &fi, buf);
    }
    if (k.out)
        ok = (zipClose(k.out, NULL) == ZIP_OK) && ok;
    k.out = NULL;
    unzClose(k.in); /* before the file it reads is written over */
    k.in = NULL;
    ok = ok && !k.mout.failed;
    why = ok ? 0 : k.mout.failed ? ENOMEM : EIO;
    errno = 0;
    if (ok && !write_whole(path, k.mout.b.p, k.mout.b.n)) {
        ok = false;
        why = errno ? errno : EIO;
    }
    ju_unguard(guard);
    close_packages(&k);
    if (!ok) {
        ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, _("cannot write the workbook: %s"), strerror(why));
        return JU_ERR_IO;
    }
    return JU_OK;
}
