/* rmtree.h — removing a folder jusou made, safe to call from a signal handler.
 *
 * Used for jusou's own temporary output folders only (outdir.c): after a
 * failed run, on SIGINT/SIGTERM, and for the temporary folders of runs that
 * were killed. It uses only async-signal-safe system calls (openat,
 * getdents64, unlinkat, close), follows no symbolic link (a link is removed,
 * not what it points to), and goes at most JU_RMTREE_DEPTH folders deep. */
#ifndef JU_RMTREE_H
#define JU_RMTREE_H

#include <stdbool.h>

enum { JU_RMTREE_DEPTH = 8 };

/* ju_rmtree() removes `path` and everything below it; true when it is gone. */
bool ju_rmtree(const char *path);

#endif
