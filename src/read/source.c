/* source.c — input files to UTF-8 text; see source.h. */
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "charclass.h"
#include "guard.h"

static void close_fd(void *fd)
{
    close((int)(intptr_t)fd);
}

static const char *file_kind(mode_t m)
{
    if (S_ISDIR(m))
        return _("a folder");
    if (S_ISFIFO(m))
        return _("a FIFO (named pipe)");
    if (S_ISCHR(m) || S_ISBLK(m))
        return _("a device");
    if (S_ISSOCK(m))
        return _("a socket");
    return _("not a regular file");
}

static ju_status finish(ju_arena *a, ju_diags *d, const char *path, void **raw, size_t n, ju_source *out)
{
    void **block = ju_arena_slot(a);
    char *text = ju_decode(a, d, path, *raw, n, block, &out->len, &out->encoding);
    if (!text)
        return JU_ERR_DATA;
    if (*block) { /* decoded into a new block: the raw bytes are not needed */
        ju_free(*raw);
        *raw = NULL;
    }
    out->text = text;
    return JU_OK;
}

ju_status ju_source_read(ju_arena *a, ju_diags *d, const char *path, ju_source *out)
{
    memset(out, 0, sizeof *out);
    out->path = path;
    /* O_NONBLOCK: opening a FIFO must not wait for a writer */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, _("cannot open: %s"), strerror(errno));
        return JU_ERR_IO;
    }
    struct stat sb;
    if (fstat(fd, &sb) != 0) {
        int e = errno;
        close(fd);
        ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, _("cannot read: %s"), strerror(e));
        return JU_ERR_IO;
    }
    if (!S_ISREG(sb.st_mode)) {
        close(fd);
        ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, _("cannot read: this is %s, not a file"), file_kind(sb.st_mode));
        return JU_ERR_IO;
    }
    if (sb.st_size > JU_SOURCE_MAX_BYTES) {
        close(fd);
        ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, _("the file is %lld MB; jusou reads files of at most %d MB"),
                    (long long)(sb.st_size >> 20), JU_SOURCE_MAX_BYTES >> 20);
        return JU_ERR_DATA;
    }
    int g = ju_guard(close_fd, (void *)(intptr_t)fd);
    size_t size = (size_t)sb.st_size;
    void **raw = ju_arena_slot(a);
    *raw = ju_malloc(a, size + 1);
    size_t n = 0;
    while (n < size) {
        ssize_t got = read(fd, (char *)*raw + n, size - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            int e = errno;
            ju_unguard(g);
            close(fd);
            ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, _("cannot read: %s"), strerror(e));
            return JU_ERR_IO;
        }
        if (got == 0) /* the file shrank while it was read */
            break;
        n += (size_t)got;
    }
    ju_unguard(g);
    close(fd);
    return finish(a, d, path, raw, n, out);
}

ju_status ju_source_decode(ju_arena *a, ju_diags *d, const char *path, const unsigned char *bytes, size_t n,
                           ju_source *out)
{
    memset(out, 0, sizeof *out);
    out->path = path;
    void **raw = ju_arena_slot(a);
    *raw = ju_malloc(a, n + 1);
    if (n)
        memcpy(*raw, bytes, n);
    return finish(a, d, path, raw, n, out);
}

/* the text rule (charclass.h) over a whole configuration file: false when it
 * holds a character that is an error */
static bool check_text(ju_diags *d, const char *path, const char *text, size_t len)
{
    bool ok = true;
    int line = 1, col = 1;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\n' || (c == '\r' && text[i + 1] != '\n')) {
            line++, col = 1, i++;
            continue;
        }
        unsigned cp;
        int n;
        ju_charclass k = ju_char_class((const unsigned char *)text + i, len - i, &cp, &n);
        if (k != JU_CH_PLAIN && ju_char_report(d, path, line, col, "", k, cp))
            ok = false;
        col += c != '\r';
        i += (size_t)n;
    }
    return ok;
}

ju_status ju_source_read_config(ju_arena *a, ju_diags *d, const char *path, const char *what, const char *hint,
                                ju_source *out)
{
    ju_status st = ju_source_read(a, d, path, out);
    if (st != JU_OK)
        return st == JU_ERR_DATA ? JU_ERR_CONFIG : st;
    if (!check_text(d, path, out->text, out->len))
        return JU_ERR_CONFIG;
    if (ju_source_blank(out)) {
        if (hint)
            ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, _("the %s is empty; %s"), what, hint);
        else
            ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, _("the %s is empty"), what);
        return JU_ERR_CONFIG;
    }
    return JU_OK;
}

bool ju_source_blank(const ju_source *s)
{
    return ju_is_blank(s->text);
}

bool ju_is_dir(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

bool ju_is_file(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

const char *ju_parent_dir(ju_arena *a, const char *path)
{
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        n--;
    while (n > 0 && path[n - 1] != '/')
        n--;
    if (n == 0)
        return ".";
    while (n > 1 && path[n - 1] == '/')
        n--;
    return ju_arena_strndup(a, path, n);
}
