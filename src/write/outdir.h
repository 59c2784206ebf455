/* outdir.h — all-or-nothing output folders.
 *
 * A run writes into a fresh temporary folder beside its target
 * (out/.2025.tmp-XXXXXX) and only when everything succeeded swaps it in
 * place of the target; a failed run removes the temporary folder and leaves
 * the earlier out/2025 byte for byte as it was. */
#ifndef JU_OUTDIR_H
#define JU_OUTDIR_H

#include "arena.h"
#include "diag.h"
#include "status.h"

typedef struct {
    const char *target; /* out/2025 */
    const char *tmp;    /* out/.2025.tmp-XXXXXX, where outputs are written */
} ju_outdir;

/* ju_outdir_begin() creates the target's parent folders and the temporary folder. */
ju_status ju_outdir_begin(ju_arena *a, ju_diags *d, const char *target, ju_outdir *out);

/* ju_outdir_commit() puts the temporary folder in place of the target and
 * removes the old target. */
ju_status ju_outdir_commit(ju_arena *a, ju_diags *d, ju_outdir *o);

/* ju_outdir_abort() removes the temporary folder; the target is untouched. */
void ju_outdir_abort(ju_outdir *o);

/* ju_mkdirs() creates `path` and its missing parents (like mkdir -p). */
ju_status ju_mkdirs(ju_arena *a, ju_diags *d, const char *path);

#endif
