/* outfile.c — see outfile.h. */
#include "outfile.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "guard.h"

static void close_file(void *f)
{
    fclose(f);
}

FILE *ju_outfile_open(ju_diags *d, const char *path, int *guard)
{
    FILE *f = fopen(path, "wbx"); /* new: an output never replaces another of the same run */
    if (!f) {
        ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, _("cannot write: %s"), ju_errno_text(errno));
        return NULL;
    }
    *guard = ju_guard(close_file, f);
    return f;
}

ju_status ju_outfile_close(ju_diags *d, FILE *f, const char *path, int guard)
{
    ju_unguard(guard);
    errno = 0;
    bool bad = ferror(f) != 0;
    int why = errno;
    if (fclose(f) != 0) {
        bad = true;
        why = errno;
    }
    if (bad) {
        ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, _("cannot write: %s"), why ? strerror(why) : "write error");
        return JU_ERR_IO;
    }
    return JU_OK;
}

bool ju_write_fully(int fd, const void *p, size_t n, long long at)
{
    const char *c = p;
    while (n > 0) {
        ssize_t w = at < 0 ? write(fd, c, n) : pwrite(fd, c, n, (off_t)at);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            if (w == 0)
                errno = EIO;
            return false;
        }
        c += w;
        n -= (size_t)w;
        if (at >= 0)
            at += w;
    }
    return true;
}

size_t ju_read_fully(int fd, void *p, size_t n)
{
    char *c = p;
    size_t have = 0;
    while (have < n) {
        ssize_t r = read(fd, c + have, n - have);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        have += (size_t)r;
    }
    return have;
}
