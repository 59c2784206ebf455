/* parallel.h — independent outputs made side by side by worker processes.
 *
 * A run's outputs (each municipality's workbook, each chart, the report)
 * read the same finished results and write files of their own. After the
 * results are built, ju_parallel_run() forks workers that take the tasks in
 * turn (the next one free, from a counter they share), each seeing the run
 * exactly as it was at the fork: the same data, templates and diagnostics.
 * Each task allocates from an arena of its own, freed when it is done (in
 * one process too, at -j 1). A worker makes at most a batch of tasks, and
 * stops early once it has grown by 64 MB all the same (the libraries'
 * caches, a fragmented heap), then exits, so memory stays flat however many
 * municipalities there are; the parent starts another while tasks remain.
 *
 * What a task reports comes back to the parent through a pipe and is added
 * to its diagnostics in task order, as a loop would have added it; the run
 * stops at the first task that fails, in task order, and a task after it
 * that a worker had already made is discarded with the temporary output
 * folder. Output files do not depend on which worker made them, nor on how
 * many there are (SVG ids are renumbered per file, render.h). A worker that
 * runs out of memory fails its task with JU_ERR_NOMEM. A worker says which
 * task it starts before it makes it, so that one that dies (a signal, an
 * exit) fails that task with JU_ERR_IO and an error naming its output and
 * how the worker ended; the parent looks at its workers at least once a
 * second, and one that stays stopped (SIGSTOP, SIGTSTP) for 10 seconds ends
 * the run the same way, its workers killed, rather than waiting forever
 * with the output folder locked. */
#ifndef JU_PARALLEL_H
#define JU_PARALLEL_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "status.h"

/* A task: make output `i`, reporting into `d`. */
typedef ju_status (*ju_task_fn)(ju_arena *a, ju_diags *d, void *ctx, size_t i);

/* The file task `i` makes (the first, for one that makes several), for an
 * error about a worker lost while making it. */
typedef const char *(*ju_task_name_fn)(ju_arena *a, void *ctx, size_t i);

/* Called in the parent as tasks finish (k of n), for a progress line. */
typedef void (*ju_progress_fn)(void *ctx, size_t done, size_t n);

/* ju_parallel_jobs() is the number of workers for `requested` (0: one per
 * processor online, at least 1). */
int ju_parallel_jobs(int requested);

/* ju_parallel_run() makes tasks 0 … n−1 with `jobs` workers (1: in this
 * process, in order). Returns the status of the first task that failed, in
 * task order, else JU_OK. With `cpu` (n slots), each task's processor time
 * in seconds is stored there (for the benchmark's breakdown by stage). */
ju_status ju_parallel_run(ju_arena *a, ju_diags *d, size_t n, int jobs, ju_task_fn task, ju_task_name_fn name,
                          void *ctx, ju_progress_fn progress, void *progress_ctx, double *cpu);

/* ju_cpu_seconds() is the processor time this process has used. */
double ju_cpu_seconds(void);

#endif
