/* faults.h — what the system can refuse a run, met with an exit it can say.
 *
 * ju_faults_prepare() is called first by the command, before any library
 * starts:
 *   - SIGXFSZ is ignored: under a file-size limit (ulimit -f) a write that
 *     passes it fails with EFBIG, an I/O error naming the file (exit 3),
 *     instead of the signal killing the run with its lock and temporary
 *     folder left behind;
 *   - threads that libraries start (pango's fontconfig work) get a 1 MB
 *     stack instead of the 8 MB default, and a GLib error that would end the
 *     process (a thread it cannot start, memory it cannot get: GLib aborts
 *     with SIGTRAP) ends it with "out of memory", exit 3, after the
 *     temporary folder and the lock are removed (a worker process exits 3,
 *     which its parent reports as memory run out);
 *   - Pango's warning that cairo could not make a font ends the run with
 *     "out of memory" when that was the cause, and otherwise fails the task
 *     that met it (its text would be missing), instead of printing it;
 *   - a crash inside a library (fontconfig's unchecked malloc, GLib's abort)
 *     while the address space is exhausted ends the same way; any other
 *     crash still kills the process, after the clean-up (not under a
 *     sanitizer, whose own handler reports it);
 *   - the first 2 MB of the stack are touched, so that drawing does not need
 *     the stack to grow when memory has run out (a limit on address space,
 *     ulimit -v, makes a growing stack a SIGSEGV). */
#ifndef JU_FAULTS_H
#define JU_FAULTS_H

#include <stdbool.h>

void ju_faults_prepare(void);

/* ju_faults_take_trouble() returns, once, what a library said when it could
 * not do its part for a reason other than memory (Pango: a font cairo could
 * not make, so its text would be missing), or NULL. A task that met it has
 * failed (parallel.c). */
const char *ju_faults_take_trouble(void);

/* ju_faults_in_worker() marks this process as a worker (parallel.c). */
void ju_faults_in_worker(void);

/* The exit status of a worker that ran out of memory where it could not
 * unwind (inside a library), and of one whose parent is gone (or its pipe to
 * it: nobody reads what it would report). */
enum { JU_WORKER_NOMEM = 3, JU_WORKER_LOST = 4 };

#endif
