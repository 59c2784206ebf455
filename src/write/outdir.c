/* outdir.c — temporary folder and swap; see outdir.h. */
#define _XOPEN_SOURCE 700
#include "outdir.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

ju_status ju_mkdirs(ju_arena *a, ju_diags *d, const char *path)
{
    char *p = ju_arena_strdup(a, path);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            ju_diag_add(d, JU_SEV_ERROR, p, 0, 0, "cannot create folder: %s", strerror(errno));
            return JU_ERR_IO;
        }
        *s = '/';
    }
    if (mkdir(p, 0777) != 0 && errno != EEXIST) {
        ju_diag_add(d, JU_SEV_ERROR, p, 0, 0, "cannot create folder: %s", strerror(errno));
        return JU_ERR_IO;
    }
    return JU_OK;
}

static void split(ju_arena *a, const char *target, char **parent, const char **base)
{
    char *t = ju_arena_strdup(a, target);
    size_t n = strlen(t);
    while (n > 1 && t[n - 1] == '/')
        t[--n] = '\0';
    char *slash = strrchr(t, '/');
    if (!slash) {
        *parent = ".";
        *base = t;
    } else if (slash == t) {
        *parent = "/";
        *base = t + 1;
    } else {
        *slash = '\0';
        *parent = t;
        *base = slash + 1;
    }
}

ju_status ju_outdir_begin(ju_arena *a, ju_diags *d, const char *target, ju_outdir *out)
{
    char *parent;
    const char *base;
    split(a, target, &parent, &base);
    out->target = target;
    out->tmp = NULL;
    ju_status st = ju_mkdirs(a, d, parent);
    if (st != JU_OK)
        return st;
    char *tmpl = ju_arena_printf(a, "%s/.%s.tmp-XXXXXX", parent, base);
    if (!mkdtemp(tmpl)) {
        ju_diag_add(d, JU_SEV_ERROR, parent, 0, 0, "cannot create a temporary folder: %s", strerror(errno));
        return JU_ERR_IO;
    }
    /* mkdtemp makes it 0700; an output folder is an ordinary folder */
    mode_t mask = umask(0);
    umask(mask);
    chmod(tmpl, 0777 & ~mask);
    out->tmp = tmpl;
    return JU_OK;
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

static void remove_tree(const char *path)
{
    nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

ju_status ju_outdir_commit(ju_arena *a, ju_diags *d, ju_outdir *o)
{
    char *parent;
    const char *base;
    split(a, o->target, &parent, &base);
    struct stat sb;
    char *old = NULL;
    if (lstat(o->target, &sb) == 0) {
        old = ju_arena_printf(a, "%s/.%s.old-XXXXXX", parent, base);
        if (!mkdtemp(old)) {
            ju_diag_add(d, JU_SEV_ERROR, parent, 0, 0, "cannot create a temporary folder: %s", strerror(errno));
            return JU_ERR_IO;
        }
        rmdir(old);
        if (rename(o->target, old) != 0) {
            ju_diag_add(d, JU_SEV_ERROR, o->target, 0, 0, "cannot move the earlier output aside: %s", strerror(errno));
            return JU_ERR_IO;
        }
    }
    if (rename(o->tmp, o->target) != 0) {
        int e = errno;
        if (old)
            rename(old, o->target); /* put the earlier output back */
        ju_diag_add(d, JU_SEV_ERROR, o->target, 0, 0, "cannot put the new output in place: %s", strerror(e));
        return JU_ERR_IO;
    }
    o->tmp = NULL;
    if (old)
        remove_tree(old);
    return JU_OK;
}

void ju_outdir_abort(ju_outdir *o)
{
    if (o->tmp)
        remove_tree(o->tmp);
    o->tmp = NULL;
}
