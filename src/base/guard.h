/* guard.h — releasing what a run holds when it is abandoned half-way.
 *
 * When memory runs out, the run unwinds (longjmp) from deep inside a module
 * to its recovery point in job.c. Library objects the abandoned frames held
 * (a CSV parser, an iconv descriptor, a cairo surface, an open FILE, a
 * workbook) and the temporary output folder would leak or stay behind, so a
 * module that holds one across an allocation guards it:
 *
 *     int g = ju_guard(release_parser, &parser);
 *     ... work that may allocate ...
 *     ju_unguard(g);            (then release it normally)
 *
 * ju_guard_release_all() at the recovery point releases every guarded object,
 * newest first. Guards nest like the calls that make them: ju_unguard() takes
 * the newest. The stack is per thread. */
#ifndef JU_GUARD_H
#define JU_GUARD_H

/* ju_guard() pushes `release(obj)` and returns its handle. */
int ju_guard(void (*release)(void *obj), void *obj);

/* ju_unguard() pops the guard `handle`, which must be the newest, without
 * releasing it. */
void ju_unguard(int handle);

/* ju_guard_release_all() releases and pops every guard, newest first. */
void ju_guard_release_all(void);

/* ju_guard_forget_all() empties the stack without releasing anything: in a
 * forked worker, the objects guarded are the parent's to release. */
void ju_guard_forget_all(void);

/* ju_guard_depth() is the number of guards held (0 between runs). */
int ju_guard_depth(void);

#endif
