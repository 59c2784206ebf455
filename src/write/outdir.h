/* outdir.h — output folders that cannot hurt what the user owns.
 *
 * jusou writes only into folders it made. A run:
 *   1. refuses an --out that is a file or a symbolic link, that equals, lies
 *      inside or contains a folder it reads (data, previous year, codebook,
 *      templates, the master list's folder), or that is an existing folder
 *      holding anything jusou did not write (every output folder carries a
 *      stamp, JU_STAMP, listing each file jusou wrote with its size and a
 *      hash: a file not listed, or changed since, means the folder is no
 *      longer jusou's alone);
 *   2. takes a lock beside the target (out/.2025.lock, flock) so that two
 *      runs to the same output never interleave: the second is refused;
 *   3. removes the temporary folders of runs that were killed (only folders
 *      of its own naming beside the target, whose stamp says jusou made them);
 *   4. writes everything into a fresh temporary folder beside the target
 *      (out/.2025.tmp-XXXXXX), stamped first thing;
 *   5. on success lists the files in the stamp and swaps the temporary folder
 *      into place in one step (renameat2 RENAME_EXCHANGE: at no instant is
 *      there no output folder), then removes the earlier output, file by file
 *      from its stamp.
 * A failed run, SIGINT, SIGTERM or SIGHUP removes the temporary folder (and
 * the folders above the target that it created for it, if they are still
 * empty) and leaves the earlier output byte for byte as it was; after
 * SIGKILL the next run cleans up. */
#ifndef JU_OUTDIR_H
#define JU_OUTDIR_H

#include <stdbool.h>

#include <sys/types.h>

#include "arena.h"
#include "diag.h"
#include "status.h"

/* The stamp file in every output folder. */
#define JU_STAMP ".jusou"

typedef struct {
    const char *target; /* out/2025, as the user named it */
    const char *parent; /* out */
    const char *base;   /* 2025 */
    const char *tmp;    /* out/.2025.tmp-XXXXXX while writing, else NULL */
    const char *lock;   /* out/.2025.lock */
    int lock_fd;        /* -1 when not held */
    const char *survey; /* what the stamp says the outputs are of */
    int guard;          /* the guard that removes tmp if memory runs out */
    const char **made;  /* the folders above the target this run created, outermost first */
    int nmade;
} ju_outdir;

/* ju_outdir_begin() checks `target` against the folders the run reads
 * (`inputs`, NULL-terminated; NULL entries are skipped), takes the lock,
 * cleans up after killed runs and makes the stamped temporary folder.
 * Refusals (a file, a link, an overlap, a folder not jusou's, a run already
 * writing there) are JU_ERR_USAGE with a diagnostic, before anything is
 * written; a folder that cannot be made is JU_ERR_IO. */
ju_status ju_outdir_begin(ju_arena *a, ju_diags *d, const char *target, const char *const *inputs, int ninputs,
                          const char *survey, ju_outdir *out);

/* ju_outdir_commit() lists the outputs in the stamp, swaps the temporary
 * folder into place and removes the earlier output. On failure the earlier
 * output is untouched and the temporary folder is removed. */
ju_status ju_outdir_commit(ju_arena *a, ju_diags *d, ju_outdir *o);

/* ju_outdir_end() ends a run's writing: with `st` JU_OK it commits (and
 * returns what committing returned), else it aborts and returns `st`. Either
 * way the diagnostics naming files in the temporary folder then name them
 * where the user will look for them: under `named`, the output folder as the
 * command line gave it. */
ju_status ju_outdir_end(ju_arena *a, ju_diags *d, ju_outdir *o, ju_status st, const char *named);

/* ju_outdir_abort() removes the temporary folder and releases the lock; the
 * target is untouched. Safe to call twice. */
void ju_outdir_abort(ju_outdir *o);

/* ju_mkdirs() creates `path` and its missing parents (like mkdir -p). */
ju_status ju_mkdirs(ju_arena *a, ju_diags *d, const char *path);

/* ju_outdir_workers() names the worker processes writing into the temporary
 * folder (parallel.c; n slots, 0 for a free one, NULL for none): a signal
 * that makes this run clean up kills them first. */
void ju_outdir_workers(const pid_t *pids, int n);

/* ju_outdir_emergency() does what a signal that ends the run does, from
 * anywhere (async-signal-safe): kills the workers, removes the temporary
 * folder and the lock. For a library that is about to end the process. */
void ju_outdir_emergency(void);

/* ju_outdir_in_worker() is called first in a forked worker: a signal ends it
 * without cleaning up (the parent does), and nothing of the parent's is
 * removed by it. */
void ju_outdir_in_worker(void);

#endif
