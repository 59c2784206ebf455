/* xlsxfont.c — the East Asian font of a workbook's native charts; see
 * xlsxfont.h. */
#define _GNU_SOURCE /* memmem */
#include "xlsxfont.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <minizip/unzip.h>
#include <minizip/zip.h>
#include <zlib.h>

#include "guard.h"
#include "i18n.h"

#define LATIN "<a:latin "
#define EA "<a:ea "
#define CHART_PREFIX "xl/charts/chart"
#define CHUNK 65536
#define PART_MAX (64u << 20) /* a chart part is a few kilobytes; anything larger is not ours */

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

/* one chart part read, given its twins, written compressed as before */
static bool copy_chart(ju_arena *a, unzFile in, zipFile out, const char *name, const unz_file_info64 *fi)
{
    if (fi->uncompressed_size > PART_MAX || unzOpenCurrentFile(in) != UNZ_OK)
        return false;
    size_t n = (size_t)fi->uncompressed_size;
    char *xml = ju_arena_alloc(a, n + 1);
    size_t have = 0;
    int got = 0;
    while (have < n && (got = unzReadCurrentFile(in, xml + have, (unsigned)(n - have))) > 0)
        have += (size_t)got;
    bool ok = unzCloseCurrentFile(in) == UNZ_OK && have == n && got >= 0;
    if (!ok)
        return false;
    size_t m;
    char *twins = ju_xlsx_ea_twins(a, xml, n, &m);
    zip_fileinfo zi = info_of(fi);
    ok = zipOpenNewFileInZip64(out, name, &zi, NULL, 0, NULL, 0, NULL, Z_DEFLATED, Z_DEFAULT_COMPRESSION, 0) == ZIP_OK;
    ok = ok && zipWriteInFileInZip(out, twins, (unsigned)m) == ZIP_OK;
    ok = (zipCloseFileInZip(out) == ZIP_OK) && ok;
    return ok;
}

/* the two packages open while parts are copied, closed if memory runs out */
typedef struct {
    unzFile in;
    zipFile out;
} packages;

static void close_packages(void *p)
{
    packages *k = p;
    if (k->out)
        zipClose(k->out, NULL);
    if (k->in)
        unzClose(k->in);
    k->in = k->out = NULL;
}

ju_status ju_xlsx_chart_fonts(ju_arena *a, ju_diags *d, const char *path)
{
    const char *tmp = ju_arena_printf(a, "%s.ea", path);
    unzFile in = unzOpen64(path);
    if (!in) {
        ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, _("cannot read the workbook back to set its charts' Japanese font"));
        return JU_ERR_IO;
    }
    errno = 0;
    zipFile out = zipOpen64(tmp, APPEND_STATUS_CREATE);
    if (!out) {
        int why = errno;
        unzClose(in);
        ju_diag_add(d, JU_SEV_ERROR, tmp, 0, 0, _("cannot write the workbook: %s"), strerror(why ? why : EIO));
        return JU_ERR_IO;
    }
    packages k = {in, out};
    int guard = ju_guard(close_packages, &k); /* the temporary output folder, .ea and all, goes with the run */
    char *buf = ju_arena_alloc(a, CHUNK);
    bool ok = true;
    for (int r = unzGoToFirstFile(in); ok && r == UNZ_OK; r = unzGoToNextFile(in)) {
        char name[1024];
        unz_file_info64 fi;
        ok = unzGetCurrentFileInfo64(in, &fi, name, sizeof name, NULL, 0, NULL, 0) == UNZ_OK;
        if (ok)
            ok = is_chart(name) ? copy_chart(a, in, out, name, &fi) : copy_raw(in, out, name, &fi, buf);
    }
    ju_unguard(guard);
    errno = 0;
    ok = (zipClose(out, NULL) == ZIP_OK) && ok;
    int why = errno;
    unzClose(in);
    if (ok && rename(tmp, path) != 0) {
        why = errno;
        ok = false;
    }
    if (!ok) {
        remove(tmp);
        ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, _("cannot set the Japanese font of the workbook's charts: %s"),
                    strerror(why ? why : EIO));
        return JU_ERR_IO;
    }
    return JU_OK;
}
