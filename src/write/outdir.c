/* outdir.c — stamped output folders, a lock, an atomic swap; see outdir.h. */
#define _GNU_SOURCE
#include "outdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guard.h"
#include "outfile.h"
#include "rmtree.h"
#include "strmap.h"
#include "text.h"
#include "xxh64.h"

#define STAMP_HEAD "jusou output folder: every file jusou wrote here is listed below (hash, size, path)."
#define STAMP_NOTE                                                                                                  \
    "jusou replaces this folder as a whole when it writes here again, and refuses to if a file here is not listed " \
    "or was changed."

enum { MAX_DEPTH = 6 };

ju_status ju_mkdirs(ju_arena *a, ju_diags *d, const char *path)
{
    char *p = ju_arena_strdup(a, path);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            ju_diag_add(d, JU_SEV_ERROR, p, 0, 0, _("cannot create folder: %s"), strerror(errno));
            return JU_ERR_IO;
        }
        *s = '/';
    }
    if (mkdir(p, 0777) != 0 && errno != EEXIST) {
        ju_diag_add(d, JU_SEV_ERROR, p, 0, 0, _("cannot create folder: %s"), strerror(errno));
        return JU_ERR_IO;
    }
    return JU_OK;
}

/* --- paths ----------------------------------------------------------------- */

static void split(ju_arena *a, const char *target, const char **parent, const char **base)
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

/* the absolute path `path` names, with symbolic links of the part that
 * exists resolved and the rest ('.' and '..' included) worked out by hand */
static char *canonical(ju_arena *a, const char *path)
{
    char buf[PATH_MAX];
    if (realpath(path, buf))
        return ju_arena_strdup(a, buf);
    const char *parent, *base;
    split(a, path, &parent, &base);
    if (strcmp(path, parent) == 0 || !*base) /* "/" or "." that realpath refused */
        return ju_arena_strdup(a, path);
    char *p = canonical(a, parent);
    if (strcmp(base, ".") == 0)
        return p;
    if (strcmp(base, "..") == 0) {
        char *s = strrchr(p, '/');
        if (s && s != p)
            *s = '\0';
        else if (s)
            s[1] = '\0';
        return p;
    }
    return ju_arena_printf(a, "%s%s%s", p, strcmp(p, "/") == 0 ? "" : "/", base);
}

/* inner lies inside (or is) outer */
static bool within(const char *inner, const char *outer)
{
    size_t n = strlen(outer);
    if (strcmp(outer, "/") == 0)
        return true;
    return strncmp(inner, outer, n) == 0 && (inner[n] == '\0' || inner[n] == '/');
}

/* --- file hashes ------------------------------------------------------------ */

/* The check sum of a file in a stamp: XXH64 since stamps say so ("hash
 * xxh64"), FNV-1a 64 byte by byte in the stamps of earlier versions (read
 * still, so that their folders are replaced as before). */
typedef enum { HASH_FNV1A, HASH_XXH64, HASH_UNKNOWN } hash_kind;
#define HASH_LINE "hash xxh64"

static bool hash_file(const char *path, hash_kind kind, uint64_t *hash, unsigned long long *size)
{
    if (kind == HASH_UNKNOWN)
        return false; /* a later version's: nothing here can check it */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return false;
    uint64_t h = 0xcbf29ce484222325ULL;
    ju_xxh64 x;
    ju_xxh64_init(&x);
    unsigned long long total = 0;
    unsigned char buf[1 << 16];
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            close(fd);
            return false;
        }
        if (n == 0)
            break;
        if (kind == HASH_XXH64)
            ju_xxh64_update(&x, buf, (size_t)n);
        else
            for (ssize_t i = 0; i < n; i++) {
                h ^= buf[i];
                h *= 0x100000001b3ULL;
            }
        total += (unsigned long long)n;
    }
    close(fd);
    *hash = kind == HASH_XXH64 ? ju_xxh64_digest(&x) : h;
    *size = total;
    return true;
}

/* --- walking a folder --------------------------------------------------------- */

typedef struct {
    const char *rel; /* path inside the folder */
    mode_t mode;     /* lstat's file type */
} entry;

typedef struct {
    entry *items;
    size_t n, cap;
    bool too_deep;
} listing;

static void walk(ju_arena *a, const char *root, const char *rel, int depth, listing *out)
{
    const char *dir = *rel ? ju_arena_printf(a, "%s/%s", root, rel) : root;
    DIR *dh = opendir(dir);
    if (!dh)
        return;
    struct dirent *e;
    while ((e = readdir(dh))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        const char *r = *rel ? ju_arena_printf(a, "%s/%s", rel, e->d_name) : ju_arena_strdup(a, e->d_name);
        struct stat sb;
        if (lstat(ju_arena_printf(a, "%s/%s", root, r), &sb) != 0)
            continue;
        entry en = {r, sb.st_mode & S_IFMT};
        JU_PUSH(a, out->items, out->n, out->cap, en);
        if (S_ISDIR(sb.st_mode)) {
            if (depth >= MAX_DEPTH)
                out->too_deep = true;
            else
                walk(a, root, r, depth + 1, out);
        }
    }
    closedir(dh);
}

static int by_rel(const void *pa, const void *pb)
{
    return strcmp(((const entry *)pa)->rel, ((const entry *)pb)->rel);
}

static listing list_folder(ju_arena *a, const char *root)
{
    listing l = {0};
    walk(a, root, "", 0, &l);
    if (l.n > 1)
        qsort(l.items, l.n, sizeof *l.items, by_rel);
    return l;
}

/* --- the stamp ----------------------------------------------------------------- */

typedef struct {
    const char *rel;
    uint64_t hash;
    unsigned long long size;
} stamped;

typedef struct {
    bool found;    /* a stamp file that jusou wrote */
    bool finished; /* state finished (else writing) */
    hash_kind hash;
    stamped *files;
    size_t n;
    ju_strmap index; /* rel → position in files */
} stamp;

static char *read_small(ju_arena *a, const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0)
        return NULL;
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size > 16 * 1024 * 1024) {
        close(fd);
        return NULL;
    }
    char *buf = ju_arena_alloc(a, (size_t)sb.st_size + 1);
    size_t n = ju_read_fully(fd, buf, (size_t)sb.st_size);
    close(fd);
    buf[n] = '\0';
    return buf;
}

static bool safe_rel(const char *rel)
{
    if (!*rel || *rel == '/')
        return false;
    for (const char *p = rel; *p;) {
        const char *slash = strchr(p, '/');
        size_t n = slash ? (size_t)(slash - p) : strlen(p);
        if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
            return false;
        p += n + (slash ? 1 : 0);
    }
    return true;
}

static stamp read_stamp(ju_arena *a, const char *dir)
{
    stamp s = {0};
    char *text = read_small(a, ju_arena_printf(a, "%s/%s", dir, JU_STAMP));
    if (!text || strncmp(text, STAMP_HEAD "\n", strlen(STAMP_HEAD) + 1) != 0)
        return s;
    s.found = true;
    size_t cap = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (strcmp(line, "state finished") == 0)
            s.finished = true;
        if (strncmp(line, "hash ", 5) == 0)
            s.hash = strcmp(line, HASH_LINE) == 0 ? HASH_XXH64 : HASH_UNKNOWN;
        if (strncmp(line, "file ", 5) != 0)
            continue;
        char *end;
        stamped f;
        f.hash = strtoull(line + 5, &end, 16);
        if (*end != ' ')
            continue;
        f.size = strtoull(end + 1, &end, 10);
        if (*end != ' ' || !safe_rel(end + 1))
            continue;
        f.rel = end + 1;
        if (ju_strmap_put(a, &s.index, f.rel, strlen(f.rel), s.n))
            JU_PUSH(a, s.files, s.n, cap, f);
    }
    return s;
}

static ju_status write_stamp(ju_arena *a, ju_diags *d, const char *dir, const char *survey, bool finished,
                             const listing *files)
{
    const char *part = ju_arena_printf(a, "%s/%s.part", dir, JU_STAMP);
    const char *path = ju_arena_printf(a, "%s/%s", dir, JU_STAMP);
    FILE *f = fopen(part, "wbx");
    if (!f) {
        ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, _("cannot write: %s"), strerror(errno));
        return JU_ERR_IO;
    }
    fprintf(f, "%s\n%s\nstate %s\nsurvey %s\n%s\n", STAMP_HEAD, STAMP_NOTE, finished ? "finished" : "writing", survey,
            HASH_LINE);
    bool ok = true;
    for (size_t i = 0; files && i < files->n && ok; i++) {
        if (!S_ISREG(files->items[i].mode) || strcmp(files->items[i].rel, JU_STAMP) == 0)
            continue;
        uint64_t h;
        unsigned long long size;
        const char *p = ju_arena_printf(a, "%s/%s", dir, files->items[i].rel);
        ok = hash_file(p, HASH_XXH64, &h, &size);
        if (!ok)
            ju_diag_add(d, JU_SEV_ERROR, p, 0, 0, _("cannot read back: %s"), strerror(errno));
        else
            fprintf(f, "file %016llx %llu %s\n", (unsigned long long)h, size, files->items[i].rel);
    }
    bool bad = ferror(f) != 0;
    if (fclose(f) != 0 || bad) {
        ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, _("cannot write: %s"), strerror(errno ? errno : EIO));
        unlink(part);
        return JU_ERR_IO;
    }
    if (!ok) {
        unlink(part);
        return JU_ERR_IO;
    }
    if (rename(part, path) != 0) {
        ju_diag_add(d, JU_SEV_ERROR, path, 0, 0, _("cannot write: %s"), strerror(errno));
        unlink(part);
        return JU_ERR_IO;
    }
    return JU_OK;
}

/* removes what the stamp lists, the stamp, then the folders they were in,
 * and the folder itself; anything not listed stays. True when all is gone. */
static bool remove_stamped(ju_arena *a, const char *dir, const stamp *s)
{
    for (size_t i = 0; i < s->n; i++) {
        const char *p = ju_arena_printf(a, "%s/%s", dir, s->files[i].rel);
        struct stat sb;
        if (lstat(p, &sb) == 0 && S_ISREG(sb.st_mode))
            unlink(p);
    }
    unlink(ju_arena_printf(a, "%s/%s", dir, JU_STAMP));
    unlink(ju_arena_printf(a, "%s/%s.part", dir, JU_STAMP));
    /* the folders, deepest first: a listing sorted backwards puts a folder
     * after everything inside it */
    listing l = list_folder(a, dir);
    for (size_t i = l.n; i-- > 0;)
        if (S_ISDIR(l.items[i].mode))
            rmdir(ju_arena_printf(a, "%s/%s", dir, l.items[i].rel));
    return rmdir(dir) == 0;
}

/* --- signals ------------------------------------------------------------------- */

static const char *volatile sig_tmp;
static const char *volatile sig_lock;
static struct sigaction old_actions[3];
static const int caught[3] = {SIGINT, SIGTERM, SIGHUP};
static bool handlers_set;

static const char *const *volatile sig_made;
static volatile int sig_nmade;
static const pid_t *volatile sig_workers;
static volatile int sig_nworkers;

void ju_outdir_emergency(void)
{
    const char *t = sig_tmp, *l = sig_lock;
    const pid_t *w = sig_workers;
    for (int i = 0; w && i < sig_nworkers; i++) /* they write into the folder about to go */
        if (w[i] > 0)
            kill(w[i], SIGKILL);
    if (t)
        ju_rmtree(t);
    if (l)
        unlink(l);
    for (int i = sig_nmade; t && i-- > 0;)
        rmdir(sig_made[i]);
}

static void on_signal(int sig)
{
    ju_outdir_emergency();
    signal(sig, SIG_DFL);
    raise(sig);
}

void ju_outdir_workers(const pid_t *pids, int n)
{
    sig_nworkers = 0;
    sig_workers = pids;
    sig_nworkers = pids ? n : 0;
}

void ju_outdir_in_worker(void)
{
    sig_tmp = NULL;
    sig_lock = NULL;
    sig_workers = NULL;
    sig_nworkers = 0;
    sig_nmade = 0;
    if (handlers_set)
        for (int i = 0; i < 3; i++)
            signal(caught[i], SIG_DFL);
}

static void set_handlers(void)
{
    if (handlers_set)
        return;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (int i = 0; i < 3; i++)
        sigaddset(&sa.sa_mask, caught[i]);
    for (int i = 0; i < 3; i++)
        sigaction(caught[i], &sa, &old_actions[i]);
    handlers_set = true;
}

static void block_signals(bool block)
{
    sigset_t set;
    sigemptyset(&set);
    for (int i = 0; i < 3; i++)
        sigaddset(&set, caught[i]);
    sigprocmask(block ? SIG_BLOCK : SIG_UNBLOCK, &set, NULL);
}

/* --- the lock -------------------------------------------------------------------- */

#define LOCK_TEXT "jusou: a run is writing the output folder beside this file\n"

/* a lock file that jusou made: its text, or empty (made a moment ago) */
static bool lock_is_ours(int fd)
{
    char buf[sizeof LOCK_TEXT];
    ssize_t n = pread(fd, buf, sizeof buf, 0);
    return n == 0 || (n == (ssize_t)strlen(LOCK_TEXT) && memcmp(buf, LOCK_TEXT, (size_t)n) == 0);
}

static ju_status take_lock(ju_diags *d, ju_outdir *o)
{
    for (int attempt = 0; attempt < 5; attempt++) {
        bool made = true;
        int fd = open(o->lock, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
        if (fd < 0 && errno == EEXIST) {
            made = false;
            fd = open(o->lock, O_RDWR | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
        }
        if (fd < 0) {
            ju_diag_add(d, JU_SEV_ERROR, o->lock, 0, 0, _("cannot create the lock file: %s"), strerror(errno));
            return JU_ERR_IO;
        }
        struct stat own;
        if (!made && (fstat(fd, &own) != 0 || !S_ISREG(own.st_mode) || !lock_is_ours(fd))) {
            close(fd);
            ju_diag_add(d, JU_SEV_ERROR, o->lock, 0, 0,
                        _("this file is in the way of jusou's lock file for %s and jusou did not write it; move it "
                        "elsewhere first"),
                        o->target);
            return JU_ERR_USAGE;
        }
        if (made && write(fd, LOCK_TEXT, strlen(LOCK_TEXT)) < 0) {
            int e = errno;
            close(fd);
            unlink(o->lock);
            ju_diag_add(d, JU_SEV_ERROR, o->lock, 0, 0, _("cannot write the lock file: %s"), strerror(e));
            return JU_ERR_IO;
        }
        if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
            int e = errno;
            close(fd);
            if (e == EWOULDBLOCK) {
                ju_diag_add(d, JU_SEV_ERROR, o->target, 0, 0,
                            _("another jusou run is writing this output folder now; wait for it to finish"));
                return JU_ERR_USAGE;
            }
            ju_diag_add(d, JU_SEV_ERROR, o->lock, 0, 0, _("cannot lock: %s"), strerror(e));
            return JU_ERR_IO;
        }
        /* the run before may have removed the file between our open and
         * flock: then this lock guards nothing, and we try again */
        struct stat held, now;
        if (fstat(fd, &held) == 0 && lstat(o->lock, &now) == 0 && held.st_ino == now.st_ino &&
            held.st_dev == now.st_dev) {
            o->lock_fd = fd;
            sig_lock = o->lock;
            return JU_OK;
        }
        close(fd);
    }
    ju_diag_add(d, JU_SEV_ERROR, o->lock, 0, 0, _("cannot take the lock: the lock file keeps changing"));
    return JU_ERR_IO;
}

/* the folders made for the target that are still empty (after a failure;
 * after success the target is in them and rmdir leaves them) */
static void remove_made(ju_outdir *o)
{
    sig_nmade = 0;
    for (int i = o->nmade; i-- > 0;)
        rmdir(o->made[i]);
    o->nmade = 0;
}

static void release_lock(ju_outdir *o)
{
    if (o->lock_fd < 0)
        return;
    sig_lock = NULL;
    unlink(o->lock); /* while still held: a run waiting on this file then sees it gone */
    close(o->lock_fd);
    o->lock_fd = -1;
    remove_made(o);
}

/* ju_mkdirs() for the target's parent, noting each folder it creates */
static ju_status make_parent(ju_arena *a, ju_diags *d, ju_outdir *o)
{
    char *p = ju_arena_strdup(a, o->parent);
    size_t n = strlen(p);
    o->made = ju_arena_array(a, n + 1, sizeof *o->made);
    for (size_t k = 1; k <= n; k++) {
        if (p[k] != '/' && p[k] != '\0')
            continue;
        char c = p[k];
        p[k] = '\0';
        if (mkdir(p, 0777) == 0)
            o->made[o->nmade++] = ju_arena_strdup(a, p);
        else if (errno != EEXIST) {
            ju_diag_add(d, JU_SEV_ERROR, p, 0, 0, _("cannot create folder: %s"), strerror(errno));
            remove_made(o);
            return JU_ERR_IO;
        }
        p[k] = c;
    }
    sig_made = o->made;
    sig_nmade = o->nmade;
    return JU_OK;
}

/* --- what is already there ------------------------------------------------------------ */

typedef enum { TARGET_ABSENT, TARGET_EMPTY, TARGET_JUSOU } target_state;

/* is the existing target a folder jusou may replace? */
static ju_status check_target(ju_arena *a, ju_diags *d, const ju_outdir *o, target_state *state, stamp *st)
{
    struct stat sb;
    if (lstat(o->target, &sb) != 0) {
        if (errno == ENOENT) {
            *state = TARGET_ABSENT;
            return JU_OK;
        }
        ju_diag_add(d, JU_SEV_ERROR, o->target, 0, 0, _("cannot look at the output folder: %s"), strerror(errno));
        return JU_ERR_IO;
    }
    if (S_ISLNK(sb.st_mode)) {
        ju_diag_add(d, JU_SEV_ERROR, o->target, 0, 0,
                    _("--out names a symbolic link; give the folder itself (jusou replaces the output folder as a "
                    "whole and must not replace a link)"));
        return JU_ERR_USAGE;
    }
    if (!S_ISDIR(sb.st_mode)) {
        ju_diag_add(d, JU_SEV_ERROR, o->target, 0, 0,
                    _("--out names a file, not a folder; jusou writes a folder of outputs and never replaces a file"));
        return JU_ERR_USAGE;
    }
    listing l = list_folder(a, o->target);
    if (l.n == 0) {
        *state = TARGET_EMPTY;
        return JU_OK;
    }
    *st = read_stamp(a, o->target);
    if (!st->found || !st->finished) {
        struct stat cs, ts;
        bool older = lstat(ju_arena_printf(a, "%s/check.txt", o->target), &cs) == 0 &&
                     lstat(ju_arena_printf(a, "%s/tables.csv", o->target), &ts) == 0;
        if (older)
            ju_diag_add(d, JU_SEV_ERROR, o->target, 0, 0,
                        _("the output folder is not empty and jusou did not write it (it has no %s stamp); jusou "
                          "writes only into a new or empty folder, or one it wrote before: give --out another folder "
                          "(if it is the output of a jusou older than 0.2, which did not stamp its folders, delete it "
                          "by hand once)"),
                        JU_STAMP);
        else
            ju_diag_add(d, JU_SEV_ERROR, o->target, 0, 0,
                        _("the output folder is not empty and jusou did not write it (it has no %s stamp); jusou "
                          "writes only into a new or empty folder, or one it wrote before: give --out another folder"),
                        JU_STAMP);
        return JU_ERR_USAGE;
    }
    if (l.too_deep) {
        ju_diag_add(d, JU_SEV_ERROR, o->target, 0, 0,
                    _("the output folder holds folders jusou did not make (nested too deep); give --out another "
                    "folder"));
        return JU_ERR_USAGE;
    }
    /* folders jusou made: those its files are in */
    ju_strmap dirs = {0};
    for (size_t i = 0; i < st->n; i++)
        for (const char *p = strchr(st->files[i].rel, '/'); p; p = strchr(p + 1, '/'))
            ju_strmap_put(a, &dirs, st->files[i].rel, (size_t)(p - st->files[i].rel), 0);
    const char *stranger = NULL, *changed = NULL;
    size_t strangers = 0;
    for (size_t i = 0; i < l.n; i++) {
        const entry *e = &l.items[i];
        size_t k;
        if (strcmp(e->rel, JU_STAMP) == 0)
            continue;
        bool ours = S_ISDIR(e->mode) ? ju_strmap_get(&dirs, e->rel, strlen(e->rel), &k)
                                     : S_ISREG(e->mode) && ju_strmap_get(&st->index, e->rel, strlen(e->rel), &k);
        if (!ours) {
            if (!strangers++)
                stranger = e->rel;
            continue;
        }
        if (S_ISREG(e->mode) && !changed) {
            uint64_t h;
            unsigned long long size;
            const char *p = ju_arena_printf(a, "%s/%s", o->target, e->rel);
            if (!hash_file(p, st->hash, &h, &size) || h != st->files[k].hash || size != st->files[k].size)
                changed = e->rel;
        }
    }
    if (stranger) {
        bool office_lock = strncmp(strrchr(stranger, '/') ? strrchr(stranger, '/') + 1 : stranger, "~$", 2) == 0 ||
                           strstr(stranger, ".~lock.") != NULL;
        const char *name = ju_visible(a, stranger, 80);
        if (strangers > 1)
            ju_diag_add(d, JU_SEV_ERROR, o->target, 0, 0,
                        office_lock ? _("the output folder holds '%s' and %zu more, which jusou did not write (is a "
                                        "workbook of it open in Excel or LibreOffice?); jusou replaces the whole "
                                        "folder, so move them elsewhere first")
                                    : _("the output folder holds '%s' and %zu more, which jusou did not write; jusou "
                                        "replaces the whole folder, so move them elsewhere first"),
                        name, strangers - 1);
        else
            ju_diag_add(d, JU_SEV_ERROR, o->target, 0, 0,
                        office_lock ? _("the output folder holds '%s', which jusou did not write (is a workbook of it "
                                        "open in Excel or LibreOffice?); jusou replaces the whole folder, so move it "
                                        "elsewhere first")
                                    : _("the output folder holds '%s', which jusou did not write; jusou replaces the "
                                        "whole folder, so move it elsewhere first"),
                        name);
        return JU_ERR_USAGE;
    }
    if (changed) {
        ju_diag_add(d, JU_SEV_ERROR, o->target, 0, 0,
                    _("'%s' in the output folder was changed after jusou wrote it; jusou would replace it, so move it "
                    "out of the folder (or delete it) first"),
                    ju_visible(a, changed, 80));
        return JU_ERR_USAGE;
    }
    *state = TARGET_JUSOU;
    return JU_OK;
}

/* the temporary folders of runs that were killed: `.BASE.tmp-XXXXXX` and
 * `.BASE.old-XXXXXX` beside the target (the lock is ours, so no living run
 * owns them); an earlier output moved aside by a killed swap is put back */
static void clean_dead_runs(ju_arena *a, ju_diags *d, ju_outdir *o)
{
    DIR *dh = opendir(o->parent);
    if (!dh)
        return;
    const char *tmp_prefix = ju_arena_printf(a, ".%s.tmp-", o->base);
    const char *old_prefix = ju_arena_printf(a, ".%s.old-", o->base);
    size_t plen = strlen(tmp_prefix);
    const char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dh))) {
        size_t len = strlen(e->d_name);
        if (len == plen + 6 && (strncmp(e->d_name, tmp_prefix, plen) == 0 || strncmp(e->d_name, old_prefix, plen) == 0))
            JU_PUSH(a, names, n, cap, ju_arena_strdup(a, e->d_name));
    }
    closedir(dh);
    struct stat sb;
    bool absent = lstat(o->target, &sb) != 0 && errno == ENOENT;
    for (size_t i = 0; i < n; i++) {
        const char *p = ju_arena_printf(a, "%s/%s", o->parent, names[i]);
        if (lstat(p, &sb) != 0 || !S_ISDIR(sb.st_mode))
            continue;
        stamp s = read_stamp(a, p);
        if (!s.found) {
            if (rmdir(p) != 0) /* a run killed before its stamp leaves an empty folder */
                ju_diag_add(d, JU_SEV_WARNING, p, 0, 0,
                            _("left alone: it is named like a temporary folder of jusou's but has no stamp"));
            continue;
        }
        if (s.finished && absent && strncmp(names[i], old_prefix, plen) == 0) {
            if (rename(p, o->target) == 0) {
                absent = false;
                ju_diag_add(d, JU_SEV_NOTE, o->target, 0, 0,
                            _("put back the earlier output, which a run killed while it swapped folders had moved to %s"),
                            p);
                continue;
            }
        }
        bool gone = s.finished ? remove_stamped(a, p, &s) : ju_rmtree(p);
        if (!gone)
            ju_diag_add(d, JU_SEV_WARNING, p, 0, 0,
                        _("a temporary folder of a jusou run that was stopped could not be removed whole"));
    }
}

/* --- begin, commit, abort --------------------------------------------------------------- */

static void abort_guarded(void *o)
{
    ju_outdir_abort(o);
}

ju_status ju_outdir_begin(ju_arena *a, ju_diags *d, const char *target, const char *const *inputs, int ninputs,
                          const char *survey, ju_outdir *out)
{
    memset(out, 0, sizeof *out);
    out->lock_fd = -1;
    out->guard = -1;
    out->survey = survey;
    /* without trailing slashes: "link/" would name what a link points to */
    char *t0 = ju_arena_strdup(a, target);
    for (size_t n = strlen(t0); n > 1 && t0[n - 1] == '/';)
        t0[--n] = '\0';
    out->target = target = t0;
    split(a, target, &out->parent, &out->base);
    if (!*out->base || strcmp(out->base, ".") == 0 || strcmp(out->base, "..") == 0) {
        ju_diag_add(d, JU_SEV_ERROR, target, 0, 0, _("--out must end in a folder's name, not '.' or '..'"));
        return JU_ERR_USAGE;
    }
    /* never write where the run reads */
    const char *t = canonical(a, target);
    for (int i = 0; i < ninputs; i++) {
        if (!inputs[i])
            continue;
        const char *in = canonical(a, inputs[i]);
        if (strcmp(t, in) == 0)
            ju_diag_add(d, JU_SEV_ERROR, target, 0, 0,
                        _("the output folder is %s, which this run reads; jusou never writes where it reads: give "
                          "--out another folder"),
                        inputs[i]);
        else if (within(t, in))
            ju_diag_add(d, JU_SEV_ERROR, target, 0, 0,
                        _("the output folder is inside %s, which this run reads; jusou never writes where it reads: "
                          "give --out another folder"),
                        inputs[i]);
        else if (within(in, t))
            ju_diag_add(d, JU_SEV_ERROR, target, 0, 0,
                        _("the output folder contains %s, which this run reads; jusou never writes where it reads: "
                          "give --out another folder"),
                        inputs[i]);
        else
            continue;
        return JU_ERR_USAGE;
    }
    struct stat sb;
    if (lstat(target, &sb) == 0 && !S_ISDIR(sb.st_mode)) {
        target_state state;
        stamp st;
        return check_target(a, d, out, &state, &st); /* the message for a file or a link */
    }
    ju_status s = make_parent(a, d, out);
    if (s != JU_OK)
        return s;
    out->lock = ju_arena_printf(a, "%s/.%s.lock", out->parent, out->base);
    set_handlers();
    s = take_lock(d, out);
    if (s != JU_OK) {
        remove_made(out);
        return s;
    }
    clean_dead_runs(a, d, out);
    target_state state;
    stamp st;
    s = check_target(a, d, out, &state, &st);
    if (s != JU_OK) {
        release_lock(out);
        return s;
    }
    char *tmpl = ju_arena_printf(a, "%s/.%s.tmp-XXXXXX", out->parent, out->base);
    block_signals(true);
    bool made = mkdtemp(tmpl) != NULL;
    int e = errno;
    if (made) {
        out->tmp = tmpl;
        sig_tmp = tmpl;
    }
    block_signals(false);
    if (!made) {
        ju_diag_add(d, JU_SEV_ERROR, out->parent, 0, 0, _("cannot create a temporary folder: %s"), strerror(e));
        release_lock(out);
        return JU_ERR_IO;
    }
    /* mkdtemp makes it 0700; an output folder is an ordinary folder */
    mode_t mask = umask(0);
    umask(mask);
    chmod(tmpl, 0777 & ~mask);
    out->guard = ju_guard(abort_guarded, out);
    s = write_stamp(a, d, tmpl, survey, false, NULL);
    if (s != JU_OK) {
        ju_unguard(out->guard);
        out->guard = -1;
        ju_outdir_abort(out);
    }
    return s;
}

ju_status ju_outdir_commit(ju_arena *a, ju_diags *d, ju_outdir *o)
{
    listing files = list_folder(a, o->tmp);
    ju_status s = write_stamp(a, d, o->tmp, o->survey, true, &files);
    target_state state = TARGET_ABSENT;
    stamp old = {0};
    if (s == JU_OK) /* again: the run may have taken minutes */
        s = check_target(a, d, o, &state, &old);
    if (s != JU_OK) {
        ju_outdir_abort(o);
        return s;
    }
    block_signals(true);
    const char *aside = NULL; /* where the earlier output is now */
    int e = 0;
    if (state == TARGET_ABSENT) {
        if (renameat2(AT_FDCWD, o->tmp, AT_FDCWD, o->target, RENAME_NOREPLACE) != 0) {
            e = errno;
            if ((e == EINVAL || e == ENOSYS) && rename(o->tmp, o->target) == 0)
                e = 0;
        }
    } else if (renameat2(AT_FDCWD, o->tmp, AT_FDCWD, o->target, RENAME_EXCHANGE) == 0) {
        aside = o->tmp; /* the two folders traded places */
    } else if (errno == EINVAL || errno == ENOSYS) {
        /* a file system without an atomic exchange (some network drives):
         * move the earlier output aside under a name the next run recognises
         * and puts back if this one is killed in between */
        char *old_name = ju_arena_printf(a, "%s/.%s.old-XXXXXX", o->parent, o->base);
        if (!mkdtemp(old_name) || rmdir(old_name) != 0 || rename(o->target, old_name) != 0) {
            e = errno;
        } else if (rename(o->tmp, o->target) != 0) {
            e = errno;
            rename(old_name, o->target);
        } else {
            aside = old_name;
        }
    } else {
        e = errno;
    }
    if (e) {
        block_signals(false);
        ju_diag_add(d, JU_SEV_ERROR, o->target, 0, 0, _("cannot put the new output in place: %s"), strerror(e));
        ju_outdir_abort(o);
        return JU_ERR_IO;
    }
    sig_tmp = aside; /* a signal from here on removes the earlier output, which is going anyway */
    o->tmp = NULL;
    block_signals(false);
    if (aside) {
        bool gone = state == TARGET_EMPTY ? rmdir(aside) == 0 : remove_stamped(a, aside, &old);
        if (!gone)
            ju_diag_add(d, JU_SEV_WARNING, aside, 0, 0,
                        _("the earlier output was replaced, but this folder of it could not be removed whole"));
    }
    sig_tmp = NULL;
    if (o->guard >= 0) {
        ju_unguard(o->guard);
        o->guard = -1;
    }
    release_lock(o);
    return JU_OK;
}

void ju_outdir_abort(ju_outdir *o)
{
    /* when memory ran out, the guard stack has already let go of us */
    if (o->guard >= 0 && o->guard == ju_guard_depth() - 1)
        ju_unguard(o->guard);
    o->guard = -1;
    if (o->tmp) {
        ju_rmtree(o->tmp);
        sig_tmp = NULL;
        o->tmp = NULL;
    }
    release_lock(o);
}

ju_status ju_outdir_end(ju_arena *a, ju_diags *d, ju_outdir *o, ju_status st, const char *named)
{
    const char *tmp = o->tmp;
    if (st == JU_OK)
        st = ju_outdir_commit(a, d, o);
    else
        ju_outdir_abort(o);
    ju_diags_rename(d, tmp, named);
    return st;
}
