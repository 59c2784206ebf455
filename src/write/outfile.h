/* outfile.h — writing one output file with stdio, guarded.
 *
 * ju_outfile_open() creates the file and guards the FILE (guard.h), so that
 * it is closed if memory runs out while it is written; ju_outfile_close()
 * closes it and says what went wrong (a full disk: "No space left on
 * device"). Files opened together are closed newest first. */
#ifndef JU_OUTFILE_H
#define JU_OUTFILE_H

#include <stdbool.h>
#include <stdio.h>

#include "diag.h"
#include "status.h"

/* ju_outfile_open() creates `path`, which must not exist yet (two outputs of
 * one run with the same name are an error, not one file written twice), and
 * returns it open, or NULL after a diagnostic. */
FILE *ju_outfile_open(ju_diags *d, const char *path, int *guard);

/* ju_outfile_close() closes `f`; JU_ERR_IO with a diagnostic naming `path`
 * when anything written to it failed. */
ju_status ju_outfile_close(ju_diags *d, FILE *f, const char *path, int guard);

/* ju_write_fully() writes all `n` bytes of `p` to `fd`, at offset `at`, or at
 * the file's own position when `at` < 0, going on after a signal; false with
 * errno set (EIO when nothing could be written). */
bool ju_write_fully(int fd, const void *p, size_t n, long long at);

/* ju_read_fully() reads up to `n` bytes of `fd` into `p`, going on after a
 * signal and until the end of the file; the number read (errno set when a
 * read failed before `n`). */
size_t ju_read_fully(int fd, void *p, size_t n);

#endif
