/* parallel.c — worker processes for independent outputs; see parallel.h. */
#define _GNU_SOURCE
#include "parallel.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "faults.h"
#include "guard.h"
#include "i18n.h"
#include "job.h"
#include "outdir.h"
#include "outfile.h"

enum { BATCH = 256, MAX_JOBS = 64 };

/* seconds a stopped worker is waited for before the run is given up */
enum { STOP_WAIT = 10 };

/* a worker leaves the rest to a fresh one once it has grown by this much */
#define WORKER_GROWTH (64.0 * 1024 * 1024)

/* this process's resident memory in bytes (0 when /proc cannot tell) */
static double resident(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    unsigned long size = 0, res = 0;
    if (f) {
        if (fscanf(f, "%lu %lu", &size, &res) != 2)
            res = 0;
        fclose(f);
    }
    return (double)res * (double)sysconf(_SC_PAGESIZE);
}

/* what the workers share: the next task free, and whether one failed */
typedef struct {
    size_t next;
    int failed;
} shared;

double ju_cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int ju_parallel_jobs(int requested)
{
    if (requested > 0)
        return requested > MAX_JOBS ? MAX_JOBS : requested;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MAX_JOBS ? MAX_JOBS : (int)n;
}

/* ------------------------------------------------------------- records */

/* A worker's records: before it makes a task, that it starts it
 *   u32 STARTED, u64 task
 * and when it is done, its status and diagnostics
 *   u32 DONE, u64 task, i32 status, f64 processor seconds, u32 count, then per
 *   diagnostic i32 severity, i32 line, i32 col, u32 file length (UINT32_MAX:
 *   none), the file, u32 message length, the message. */
enum { STARTED = 1, DONE = 2 };
static bool put_u32(ju_bytes *b, uint32_t v)
{
    return ju_bytes_add(b, &v, sizeof v);
}

static bool put_str(ju_bytes *b, const char *s)
{
    if (!s)
        return put_u32(b, UINT32_MAX);
    size_t len = strlen(s);
    return put_u32(b, (uint32_t)len) && ju_bytes_add(b, s, len);
}

/* the diagnostics a task added (not the notes the list makes itself: the
 * parent's list makes them again as it adds these) */
static bool encode(ju_bytes *b, size_t task, ju_status st, double cpu, const ju_diags *d, size_t from)
{
    uint32_t count = 0;
    for (size_t k = from; k < d->n; k++)
        count += !d->items[k].tail && !d->items[k].counter;
    uint64_t t = task;
    int32_t s = (int32_t)st;
    bool ok = put_u32(b, DONE) && ju_bytes_add(b, &t, sizeof t) && ju_bytes_add(b, &s, sizeof s) &&
              ju_bytes_add(b, &cpu, sizeof cpu) && put_u32(b, count);
    for (size_t k = from; ok && k < d->n; k++) {
        const ju_diag *g = &d->items[k];
        if (g->tail || g->counter)
            continue;
        int32_t v[3] = {(int32_t)g->severity, g->line, g->col};
        ok = ju_bytes_add(b, v, sizeof v) && put_str(b, g->file) && put_str(b, g->message);
    }
    return ok;
}

/* ------------------------------------------------------------- a worker */

typedef struct {
    ju_arena *a;
    ju_diags *d;
    ju_task_fn task;
    void *ctx;
    size_t i;
} one_task;

/* task i; one that met a library's trouble (faults.h) has failed, whatever it says */
static ju_status run_task(ju_task_fn task, ju_arena *a, ju_diags *d, void *ctx, size_t i)
{
    ju_faults_take_trouble(); /* what an earlier task met is not this one's */
    ju_status st = task(a, d, ctx, i);
    const char *why = ju_faults_take_trouble();
    if (!why || st != JU_OK)
        return st;
    ju_diag_add(d, JU_SEV_ERROR, NULL, 0, 0, _("a text could not be drawn (Pango: %s)"), why);
    return JU_ERR_IO;
}

static ju_status run_one(void *p)
{
    one_task *t = p;
    return run_task(t->task, t->a, t->d, t->ctx, t->i);
}

/* A task's own arena: what it allocates is given back when it is done, so
 * that memory stays flat however many tasks a process makes (in order, or in
 * one worker's batch). Diagnostics are copied into the run's. */
static void free_task_arena(void *p)
{
    ju_arena_free(p);
}

static _Noreturn void worker(ju_diags *d, size_t n, ju_task_fn task, void *ctx, shared *sh, int fd,
                             pid_t parent)
{
    /* killed with its parent: a run killed outright leaves no worker writing
     * into a temporary folder the next run removes */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    ju_faults_in_worker();
    if (getppid() != parent)
        _exit(JU_WORKER_LOST);
    /* the parent's guards, signal clean-up and temporary folder are the
     * parent's: this process only makes files and reports */
    ju_guard_forget_all();
    ju_outdir_in_worker();
    ju_bytes b = {0};
    double base = resident();
    for (int k = 0; k < BATCH && resident() - base < WORKER_GROWTH; k++) {
        if (__atomic_load_n(&sh->failed, __ATOMIC_SEQ_CST))
            break;
        size_t i = __atomic_fetch_add(&sh->next, 1, __ATOMIC_SEQ_CST);
        if (i >= n)
            break;
        size_t from = d->n;
        uint64_t t64 = i;
        b.n = 0;
        if (!put_u32(&b, STARTED) || !ju_bytes_add(&b, &t64, sizeof t64))
            _exit(JU_WORKER_NOMEM);
        if (!ju_write_fully(fd, b.p, b.n, -1))
            _exit(JU_WORKER_LOST);
        ju_arena *ta = ju_arena_new();
        if (!ta)
            _exit(JU_WORKER_NOMEM);
        one_task t = {ta, d, task, ctx, i};
        double cpu = ju_cpu_seconds();
        ju_status st = ju_run_guarded(ta, run_one, &t);
        cpu = ju_cpu_seconds() - cpu;
        ju_arena_free(ta);
        if (st != JU_OK)
            __atomic_store_n(&sh->failed, 1, __ATOMIC_SEQ_CST);
        b.n = 0;
        if (!encode(&b, i, st, cpu, d, from))
            _exit(JU_WORKER_NOMEM);
        if (!ju_write_fully(fd, b.p, b.n, -1))
            _exit(JU_WORKER_LOST);
    }
    _exit(0);
}

/* ------------------------------------------------------------- the parent */

typedef struct {
    ju_status status;
    bool done;
    double cpu;
    ju_diag *diags;
    size_t ndiags;
} result;

typedef struct {
    pid_t pid;
    int fd;
    ju_bytes in;
    size_t task;          /* the task it is making, NONE between tasks */
    double stopped_since; /* when it was stopped (SIGSTOP, SIGTSTP …), 0 while it runs */
    int stop_signal;
} slot;

#define NONE ((size_t)-1)

static bool get(const char **p, const char *end, void *out, size_t len)
{
    if ((size_t)(end - *p) < len)
        return false;
    memcpy(out, *p, len);
    *p += len;
    return true;
}

static bool get_str(ju_arena *a, const char **p, const char *end, const char **out)
{
    uint32_t len;
    if (!get(p, end, &len, sizeof len))
        return false;
    if (len == UINT32_MAX) {
        *out = NULL;
        return true;
    }
    if ((size_t)(end - *p) < len)
        return false;
    *out = ju_arena_strndup(a, *p, len);
    *p += len;
    return true;
}

/* the complete records at the start of s->in, taken out of it; false on a
 * malformed one */
static bool take_records(ju_arena *a, slot *s, result *res, size_t n, size_t *done)
{
    const char *p = s->in.p, *end = s->in.p + s->in.n;
    for (;;) {
        const char *start = p;
        uint32_t kind;
        uint64_t t;
        if (!get(&p, end, &kind, sizeof kind) || !get(&p, end, &t, sizeof t)) {
            p = start;
            break;
        }
        if (t >= n || res[t].done || (kind != STARTED && kind != DONE))
            return false;
        if (kind == STARTED) {
            s->task = (size_t)t;
            continue;
        }
        int32_t st;
        double cpu;
        uint32_t count;
        if (!get(&p, end, &st, sizeof st) || !get(&p, end, &cpu, sizeof cpu) || !get(&p, end, &count, sizeof count)) {
            p = start;
            break;
        }
        ju_diag *g = ju_arena_array(a, count ? count : 1, sizeof *g);
        bool whole = true;
        for (uint32_t k = 0; k < count && whole; k++) {
            int32_t v[3];
            whole = get(&p, end, v, sizeof v) && get_str(a, &p, end, &g[k].file) &&
                    get_str(a, &p, end, &g[k].message);
            if (whole) {
                g[k].severity = (ju_severity)v[0];
                g[k].line = v[1];
                g[k].col = v[2];
            }
        }
        if (!whole) {
            p = start;
            break;
        }
        res[t] = (result){(ju_status)st, true, cpu, g, count};
        s->task = NONE;
        (*done)++;
    }
    size_t used = (size_t)(p - s->in.p);
    memmove(s->in.p, s->in.p + used, s->in.n - used);
    s->in.n -= used;
    return true;
}

static bool spawn(ju_diags *d, size_t n, ju_task_fn task, void *ctx, shared *sh, slot *s)
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0)
        return false;
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        int e = errno; /* why, for the message */
        close(fds[0]);
        close(fds[1]);
        errno = e;
        return false;
    }
    if (pid == 0) {
        close(fds[0]);
        worker(d, n, task, ctx, sh, fds[1], parent);
    }
    close(fds[1]);
    s->pid = pid;
    s->fd = fds[0];
    s->in.n = 0;
    s->task = NONE;
    s->stopped_since = 0;
    return true;
}

/* the workers of a run being abandoned (memory ran out in the parent):
 * stopped and reaped before the temporary folder they write into goes */
typedef struct {
    slot *slots;
    int n;
    shared *sh;
} crew;

static void stop_workers(void *p)
{
    crew *c = p;
    for (int k = 0; k < c->n; k++) {
        if (c->slots[k].fd >= 0) {
            kill(c->slots[k].pid, SIGKILL);
            close(c->slots[k].fd);
            c->slots[k].fd = -1;
            while (waitpid(c->slots[k].pid, NULL, 0) < 0 && errno == EINTR)
                ;
        }
        ju_bytes_free(&c->slots[k].in);
    }
    ju_outdir_workers(NULL, 0);
    munmap(c->sh, sizeof *c->sh);
}

static ju_status run_in_order(ju_arena *a, ju_diags *d, size_t n, ju_task_fn task, void *ctx,
                              ju_progress_fn progress, void *pctx, double *cpu)
{
    for (size_t i = 0; i < n; i++) {
        double t0 = ju_cpu_seconds();
        ju_arena *ta = ju_arena_new();
        if (!ta)
            return JU_ERR_NOMEM;
        ju_arena_share_oom(ta, a); /* unwinds as the run does, releasing it */
        int guard = ju_guard(free_task_arena, ta);
        ju_status st = run_task(task, ta, d, ctx, i);
        ju_unguard(guard);
        ju_arena_free(ta);
        if (cpu)
            cpu[i] = ju_cpu_seconds() - t0;
        if (progress)
            progress(pctx, i + 1, n);
        if (st != JU_OK)
            return st;
    }
    return JU_OK;
}

/* why a worker that ended was lost: its signal or exit status */
static const char *how_it_ended(ju_arena *a, int wst)
{
    if (WIFSIGNALED(wst))
        return ju_arena_printf(a, _("was killed by signal %d (%s)"), WTERMSIG(wst), strsignal(WTERMSIG(wst)));
    if (WIFEXITED(wst) && WEXITSTATUS(wst) == JU_WORKER_NOMEM)
        return _("ran out of memory");
    if (WIFEXITED(wst) && WEXITSTATUS(wst) != 0)
        return ju_arena_printf(a, _("ended with exit status %d before it was done"), WEXITSTATUS(wst));
    return _("ended before it was done");
}

static double monotonic(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* a worker stopped (SIGSTOP, SIGTSTP, …) or let go on since it was last
 * looked at; true when it has stayed stopped for STOP_WAIT seconds */
static bool stopped_too_long(slot *s, double now)
{
    siginfo_t si;
    memset(&si, 0, sizeof si);
    if (waitid(P_PID, (id_t)s->pid, &si, WSTOPPED | WCONTINUED | WNOHANG) == 0 && si.si_pid == s->pid) {
        if (si.si_code == CLD_STOPPED || si.si_code == CLD_TRAPPED) {
            s->stopped_since = now;
            s->stop_signal = si.si_status;
        } else if (si.si_code == CLD_CONTINUED)
            s->stopped_since = 0;
    }
    return s->stopped_since > 0 && now - s->stopped_since >= STOP_WAIT;
}

ju_status ju_parallel_run(ju_arena *a, ju_diags *d, size_t n, int jobs, ju_task_fn task, ju_task_name_fn name,
                          void *ctx, ju_progress_fn progress, void *pctx, double *cpu)
{
    if (jobs <= 1 || n <= 1)
        return run_in_order(a, d, n, task, ctx, progress, pctx, cpu);
    if (jobs > MAX_JOBS)
        jobs = MAX_JOBS;
    shared *sh = mmap(NULL, sizeof *sh, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (sh == MAP_FAILED)
        return run_in_order(a, d, n, task, ctx, progress, pctx, cpu);
    sh->next = 0;
    sh->failed = 0;
    result *res = ju_arena_array(a, n, sizeof *res);
    slot slots[MAX_JOBS];
    pid_t pids[MAX_JOBS];
    memset(slots, 0, sizeof slots);
    for (int k = 0; k < jobs; k++) {
        slots[k].pid = 0;
        slots[k].fd = -1;
        pids[k] = 0;
    }
    ju_outdir_workers(pids, jobs); /* a signal to this process stops them too */
    crew c = {slots, jobs, sh};
    int guard = ju_guard(stop_workers, &c);
    size_t done = 0;
    int cannot_fork = 0; /* why a worker could not be started */
    /* the first worker lost: the task it was making (NONE: between tasks) and how */
    size_t lost_task = NONE;
    const char *lost_how = NULL;
    bool lost_memory = false; /* it ran out of memory */
    for (;;) {
        /* as many workers as there are tasks for */
        bool more = __atomic_load_n(&sh->next, __ATOMIC_SEQ_CST) < n && !__atomic_load_n(&sh->failed, __ATOMIC_SEQ_CST);
        for (int k = 0; k < jobs && more && !cannot_fork; k++)
            if (slots[k].fd < 0) {
                if (!spawn(d, n, task, ctx, sh, &slots[k]))
                    cannot_fork = errno ? errno : EAGAIN;
                else
                    pids[k] = slots[k].pid;
            }
        struct pollfd pfd[MAX_JOBS];
        int idx[MAX_JOBS], np = 0;
        for (int k = 0; k < jobs; k++)
            if (slots[k].fd >= 0) {
                pfd[np] = (struct pollfd){.fd = slots[k].fd, .events = POLLIN};
                idx[np++] = k;
            }
        if (np == 0)
            break;
        /* woken once a second at least, to see whether a worker was stopped */
        int ready = poll(pfd, (nfds_t)np, 1000);
        if (ready < 0 && errno != EINTR)
            break; /* the tasks not reported are lost: an error below */
        for (int q = 0; ready > 0 && q < np; q++) {
            if (!(pfd[q].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            slot *s = &slots[idx[q]];
            char chunk[65536];
            ssize_t r = read(s->fd, chunk, sizeof chunk);
            if (r < 0 && errno == EINTR)
                continue;
            if (r > 0) {
                if (!ju_bytes_add(&s->in, chunk, (size_t)r) || !take_records(a, s, res, n, &done))
                    __atomic_store_n(&sh->failed, 1, __ATOMIC_SEQ_CST); /* a record lost: stop */
                if (progress)
                    progress(pctx, done, n);
                continue;
            }
            /* the worker is finished (or died): its pipe is at its end */
            close(s->fd);
            s->fd = -1;
            int wst = 0;
            while (waitpid(s->pid, &wst, 0) < 0 && errno == EINTR)
                ;
            pids[idx[q]] = 0;
            if (!WIFEXITED(wst) || WEXITSTATUS(wst) != 0 || s->in.n != 0 || s->task != NONE) {
                __atomic_store_n(&sh->failed, 1, __ATOMIC_SEQ_CST); /* its task is lost: stop */
                if (!lost_how) {
                    lost_task = s->task;
                    lost_how = how_it_ended(a, wst);
                    lost_memory = WIFEXITED(wst) && WEXITSTATUS(wst) == JU_WORKER_NOMEM;
                }
            }
            s->in.n = 0;
        }
        double now = monotonic();
        bool abandon = false;
        for (int k = 0; k < jobs && !abandon; k++)
            if (slots[k].fd >= 0 && stopped_too_long(&slots[k], now)) {
                lost_task = slots[k].task;
                lost_how = ju_arena_printf(a, _("was stopped by signal %d (%s) and has not gone on for %d s; the run "
                                                "is given up"),
                                           slots[k].stop_signal, strsignal(slots[k].stop_signal), STOP_WAIT);
                abandon = true;
            }
        if (abandon) {
            __atomic_store_n(&sh->failed, 1, __ATOMIC_SEQ_CST);
            break;
        }
    }
    ju_unguard(guard);
    stop_workers(&c); /* a failed poll or a stopped worker leaves some running */
    /* the diagnostics in task order, up to the first failure */
    for (size_t i = 0; i < n; i++) {
        if (!res[i].done) { /* no task before it failed: it was lost with its worker */
            if (lost_how && lost_task != NONE)
                ju_diag_add(d, JU_SEV_ERROR, name(a, ctx, lost_task), 0, 0,
                            _("the worker process making this output %s"), lost_how);
            else if (lost_how)
                ju_diag_add(d, JU_SEV_ERROR, NULL, 0, 0, _("a worker process, between two outputs, %s"), lost_how);
            else
                ju_diag_add(d, JU_SEV_ERROR, NULL, 0, 0,
                            cannot_fork ? _("cannot start a worker process: %s") : _("a worker process stopped: %s"),
                            strerror(cannot_fork ? cannot_fork : EIO));
            return lost_memory || cannot_fork == ENOMEM ? JU_ERR_NOMEM : JU_ERR_IO;
        }
        if (cpu)
            cpu[i] = res[i].cpu;
        for (size_t k = 0; k < res[i].ndiags; k++) {
            const ju_diag *g = &res[i].diags[k];
            ju_diag_add(d, g->severity, g->file, g->line, g->col, "%s", g->message);
        }
        if (res[i].status != JU_OK)
            return res[i].status;
    }
    return JU_OK;
}
