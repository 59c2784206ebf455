/* rmtree.c — see rmtree.h. */
#define _GNU_SOURCE
#include "rmtree.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* the kernel's record for getdents64 */
struct dirent64_rec {
    uint64_t ino;
    int64_t off;
    unsigned short reclen;
    unsigned char type;
    char name[];
};

static bool dot_or_dotdot(const char *n)
{
    return n[0] == '.' && (n[1] == '\0' || (n[1] == '.' && n[2] == '\0'));
}

static void remove_at(int dirfd, const char *name, int depth)
{
    if (unlinkat(dirfd, name, 0) == 0 || errno == ENOENT)
        return;
    if (depth >= JU_RMTREE_DEPTH)
        return;
    int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return;
    /* entries removed while the folder is read: read it again until a pass
     * finds nothing left (two passes at most in practice) */
    for (int pass = 0; pass < 4; pass++) {
        bool removed = false;
        char buf[4096];
        lseek(fd, 0, SEEK_SET);
        for (;;) {
            long n = syscall(SYS_getdents64, fd, buf, sizeof buf);
            if (n <= 0)
                break;
            for (long off = 0; off < n;) {
                struct dirent64_rec *e = (struct dirent64_rec *)(buf + off);
                if (!dot_or_dotdot(e->name)) {
                    remove_at(fd, e->name, depth + 1);
                    removed = true;
                }
                off += e->reclen;
            }
        }
        if (!removed)
            break;
    }
    close(fd);
    unlinkat(dirfd, name, AT_REMOVEDIR);
}

bool ju_rmtree(const char *path)
{
    int saved = errno;
    remove_at(AT_FDCWD, path, 0);
    bool gone = faccessat(AT_FDCWD, path, F_OK, AT_SYMLINK_NOFOLLOW) != 0 && errno == ENOENT;
    errno = saved;
    return gone;
}
