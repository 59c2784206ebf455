/* faults.c — see faults.h. */
#define _GNU_SOURCE
#include "faults.h"

#include <alloca.h>
#include <glib.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include "i18n.h"
#include "outdir.h"

static volatile sig_atomic_t in_worker;

void ju_faults_in_worker(void)
{
    in_worker = 1;
}

static void say(const char *s)
{
    if (write(STDERR_FILENO, s, strlen(s)) < 0)
        return;
}

/* a GLib error: GLib ends the process when this returns */
static void on_glib_error(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data)
{
    (void)domain;
    (void)level;
    (void)data;
    if (in_worker)
        _exit(JU_WORKER_NOMEM);
    ju_outdir_emergency();
    say(_("jusou: error: out of memory ("));
    say(message ? message : "GLib");
    say(_("); nothing was written\n"));
    _exit(3);
}

/* Pango's warnings. Under a memory limit cairo cannot make a font: Pango
 * says "failed to create cairo scaled font, expect ugly output", then the
 * font's and the scaled font's status; the one that says "out of memory"
 * ends the run as memory run out. A font that cannot be made for another
 * reason would leave its text undrawn: that is kept, not printed, and the
 * task that met it fails (ju_faults_take_trouble). Other warnings go to
 * GLib's own handler. */
static char trouble[256];
static volatile sig_atomic_t troubled;

static bool pango_warning(const char *m)
{
    if (strstr(m, "failed to create cairo scaled font")) {
        if (!troubled) {
            size_t n = strlen(m);
            if (n >= sizeof trouble)
                n = sizeof trouble - 1;
            memcpy(trouble, m, n);
            trouble[n] = 0;
            troubled = 1;
        }
        return true;
    }
    return troubled && strstr(m, "status is:"); /* the rest of that warning */
}

/* Pango warns through GLib's structured log (g_warning), which only a writer
 * sees: set before any library logs */
static GLogWriterOutput writer(GLogLevelFlags level, const GLogField *fields, gsize n, gpointer data)
{
    const char *domain = NULL, *message = NULL;
    for (gsize i = 0; i < n; i++)
        if (fields[i].length < 0 && !strcmp(fields[i].key, "GLIB_DOMAIN"))
            domain = fields[i].value;
        else if (fields[i].length < 0 && !strcmp(fields[i].key, "MESSAGE"))
            message = fields[i].value;
    if (level & G_LOG_LEVEL_ERROR)
        on_glib_error(domain, level, message, data);
    if (domain && message && !strcmp(domain, "Pango") && (level & (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL))) {
        if (strstr(message, "out of memory"))
            on_glib_error(domain, level, message, data);
        if (pango_warning(message))
            return G_LOG_WRITER_HANDLED;
    }
    return g_log_writer_default(level, fields, n, data);
}

const char *ju_faults_take_trouble(void)
{
    if (!troubled)
        return NULL;
    troubled = 0;
    return trouble;
}

/* A crash (SIGSEGV, SIGABRT) inside a library when the address space is
 * exhausted is memory run out: fontconfig uses what malloc gave it
 * unchecked, GLib aborts. Told apart from a real crash by asking for 16 MB
 * (mmap is async-signal-safe); a real crash is left to kill the process,
 * after the temporary folder and the lock are removed. */
static void on_crash(int sig)
{
    void *probe = mmap(NULL, 16u << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    bool memory = probe == MAP_FAILED;
    if (!memory)
        munmap(probe, 16u << 20);
    if (memory && in_worker)
        _exit(JU_WORKER_NOMEM);
    if (!in_worker)
        ju_outdir_emergency();
    if (memory) {
        say(_("jusou: error: out of memory (a library could not get memory and stopped); nothing was written\n"));
        _exit(3);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

static void catch_crashes(void)
{
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
    /* (under a sanitizer, its own handler reports the crash) */
    static char alt[64 * 1024]; /* a stack that need not grow */
    stack_t ss = {.ss_sp = alt, .ss_size = sizeof alt};
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_crash;
    sa.sa_flags = SA_ONSTACK | SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGABRT, &sa, NULL);
#endif
}

/* touched pages of the stack stay mapped */
static void __attribute__((noinline)) touch_stack(size_t n)
{
    volatile char *p = alloca(n);
    for (size_t i = 0; i < n; i += 4096)
        p[i] = 0;
    p[n - 1] = 0;
}

void ju_faults_prepare(void)
{
    signal(SIGXFSZ, SIG_IGN);
    catch_crashes();
    pthread_attr_t attr;
    if (pthread_attr_init(&attr) == 0) {
        pthread_attr_setstacksize(&attr, 1 << 20);
        pthread_setattr_default_np(&attr);
        pthread_attr_destroy(&attr);
    }
    static const char *const domains[] = {"GLib", "GLib-GObject", "GLib-GIO", "Pango", NULL};
    for (int i = 0; domains[i]; i++)
        g_log_set_handler(domains[i], G_LOG_LEVEL_ERROR | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION, on_glib_error, NULL);
    g_log_set_writer_func(writer, NULL, NULL);
    struct rlimit rl;
    size_t want = 2u << 20;
    if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur / 2 < want)
        want = (size_t)rl.rlim_cur / 2;
    if (want > 65536)
        touch_stack(want - 65536); /* room for the frames above */
}
