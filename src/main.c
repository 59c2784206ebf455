/* main.c — the jusou command: arguments, exit codes, and the only place
 * that prints. */
#include <locale.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "faults.h"
#include "job.h"
#include "sheets.h"
#include "status.h"

#ifndef JU_VERSION
#define JU_VERSION "0"
#endif

static const char usage_text[] = N_(
    "usage: jusou report [--data DIR] [--previous DIR | --no-previous] [--codebook DIR] [--templates DIR]\n"
    "                    [--master FILE] [--out DIR] [-j N] [--quiet]\n"
    "       jusou check  [--data DIR] [--previous DIR | --no-previous] [--codebook DIR] [--templates DIR]\n"
    "                    [--master FILE]\n"
    "       jusou sheets [--data DIR] [--templates DIR] [--out DIR] [--as-of YYYY-MM-DD]\n"
    "       jusou --help | --version\n");

static const char help_text[] = N_(
    "jusou — the annual report of the survey on the multi-layered support system (jūsō jigyō), from its\n"
    "response CSVs.\n"
    "\n"
    "Commands:\n"
    "  report   read and check a survey year, tabulate it, and write the outputs\n"
    "           into out/<year>/: the summary report (PDF and pages/*.png), tables.csv,\n"
    "           stats.csv, top.csv, check.txt, charts/, the workbooks\n"
    "  check    everything report does except writing: read and check the survey year\n"
    "           and the previous one, fill every template; print problems and response rates\n"
    "  sheets   the key-initiative sheets (様式4) from data/initiatives/ (sheets.csv,\n"
    "           schedule.csv) into out/initiatives/: every sheet in one PDF, each sheet's\n"
    "           own PDF in sheets/, each page as PNG in pages/, the schedule charts in\n"
    "           gantt/ (with --as-of, a line at that date); the form is\n"
    "           templates/initiatives/form.ini\n"
    "\n"
    "Options:\n"
    "  --data DIR       the survey year's folder: municipality.csv, council.csv and,\n"
    "                   optionally, survey.ini and codebook/ (default: the newest data/<year>)\n"
    "  --previous DIR   the previous year, tabulated side by side (default: data/<year-1>\n"
    "                   if it exists)\n"
    "  --no-previous    do not read a previous year\n"
    "  --codebook DIR   the questionnaire's codebook (default: DIR/codebook, else the\n"
    "                   newest data/<year>/codebook up to the survey year)\n"
    "  --templates DIR  a template set (charts.ini, report.ini, workbook.ini, words.ini), or a\n"
    "                   folder of sets by year, of which the newest up to the survey year is\n"
    "                   used (default: templates)\n"
    "  --master FILE    the municipalities surveyed (code,name,kana,kind,area; default:\n"
    "                   municipalities.csv of DIR or the folder above it, else\n"
    "                   data/municipalities.csv); tilemap.csv beside it places the map\n"
    "  --out DIR        where report writes (default: out/<year>); replaced only when the\n"
    "                   whole run succeeded\n"
    "  -j N             make the outputs in N processes side by side (default: one per\n"
    "                   processor); the files are the same whatever N\n"
    "  --quiet          no progress line (it is shown only on a terminal)\n"
    "  --help, --version\n"
    "\n"
    "Run it from the top of the jusou folder (it reads data/ and templates/).\n"
    "\n"
    "Exit codes:\n"
    "  0  success (warnings may have been printed)\n"
    "  1  the data, codebook, metadata or a template break a rule: nothing was written\n"
    "  2  wrong command line, or a folder that does not exist\n"
    "  3  a file could not be read or written, or out of memory\n");

/* one line on a terminal, rewritten as the outputs are made */
static void show_progress(void *ctx, size_t done, size_t n)
{
    (void)ctx;
    fputc('\r', stderr);
    fprintf(stderr, _("jusou: writing the outputs: %zu of %zu"), done, n);
    fflush(stderr);
}

static int usage_error(const char *what, const char *arg)
{
    if (arg)
        fprintf(stderr, _("jusou: error: %s: %s\n"), what, arg);
    else
        fprintf(stderr, _("jusou: error: %s\n"), what);
    fputs(_(usage_text), stderr);
    return JU_EXIT_USAGE;
}

static void print_diags(ju_diags *d)
{
    ju_diags_sort(d);
    for (size_t i = 0; i < d->n; i++)
        ju_diag_print(stderr, &d->items[i]);
}

/* the fault switch, for tests (arena.h) */
static void arm_faults(void)
{
    const char *fail = getenv("JU_TEST_FAIL_ALLOC");
    if (fail && *fail)
        ju_fault_arm(strtoul(fail, NULL, 10));
}

/* a run's start: the fault switch armed, its arena and its diagnostics;
 * NULL after saying that memory ran out */
static ju_arena *start(ju_diags *d)
{
    /* The outputs allocate and free the same large buffers over and over
     * (zlib's state for every part of every workbook, cairo's surfaces): let
     * glibc keep freed memory instead of giving it back to the system and
     * faulting it in again each time (a third of the system time at scale). */
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    /* pango starts a thread for fontconfig work now and then (hundreds in a
     * run); each would get a malloc arena of its own (64 MB of address space,
     * much of it touched): one arena for all, as jusou itself is one thread */
    mallopt(M_ARENA_MAX, 1);
    mallopt(M_TOP_PAD, 16 << 20);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    arm_faults();
    ju_arena *a = ju_arena_new();
    if (!a)
        fputs(_("jusou: error: out of memory\n"), stderr);
    else
        ju_diags_init(d, a);
    return a;
}

/* the last line of a run that failed; `writes`: a run that would have written */
static void print_failure(ju_status st, const ju_diags *d, bool writes)
{
    if (st == JU_ERR_NOMEM)
        fputs(writes ? _("jusou: error: out of memory; nothing was written\n") : _("jusou: error: out of memory\n"),
              stderr);
    else if (writes)
        fprintf(stderr, ngettext("jusou: %zu error: %s; nothing was written\n",
                                 "jusou: %zu errors: %s; nothing was written\n", d->errors),
                d->errors, ju_strstatus(st));
    else
        fprintf(stderr, ngettext("jusou: %zu error: %s\n", "jusou: %zu errors: %s\n", d->errors), d->errors,
                ju_strstatus(st));
}

typedef struct {
    ju_arena *a;
    ju_diags *d;
    const ju_sheets_options *o;
    ju_sheets_result *r;
} sheets_job;

static ju_status run_sheets(void *ctx)
{
    sheets_job *J = ctx;
    ju_status st = ju_sheets_run(J->a, J->d, J->o, J->r);
    ju_diags_sort(J->d);
    return st;
}

/* jusou sheets [--data DIR] [--templates DIR] [--out DIR] [--as-of YYYY-MM-DD] */
static int sheets_command(int argc, char **argv)
{
    ju_sheets_options o = {.templates_dir = "templates"};
    for (int i = 2; i < argc; i++) {
        const char *arg = argv[i];
        const char **slot = strcmp(arg, "--data") == 0        ? &o.data_dir
                            : strcmp(arg, "--templates") == 0 ? &o.templates_dir
                            : strcmp(arg, "--out") == 0       ? &o.out_dir
                            : strcmp(arg, "--as-of") == 0     ? &o.as_of
                                                              : NULL;
        if (strcmp(arg, "--help") == 0) {
            fputs(_(usage_text), stdout);
            return JU_EXIT_OK;
        }
        if (!slot)
            return usage_error(_("unknown option"), arg);
        if (i + 1 >= argc || argv[i + 1][0] == '\0')
            return usage_error(slot == &o.as_of ? _("this option needs a date") : _("this option needs a folder"), arg);
        *slot = argv[++i];
    }
    ju_diags d;
    ju_arena *a = start(&d);
    if (!a)
        return JU_EXIT_SYSTEM;
    ju_sheets_result r;
    sheets_job J = {a, &d, &o, &r};
    ju_status st = ju_run_guarded(a, run_sheets, &J);
    print_diags(&d);
    if (st == JU_OK)
        printf(ngettext("wrote %s/ (%zu key-initiative sheet: the PDF of all, sheets/, pages/, gantt/)\n",
                        "wrote %s/ (%zu key-initiative sheets: the PDF of all, sheets/, pages/, gantt/)\n", r.nsheets),
               r.out_dir, r.nsheets);
    else
        print_failure(st, &d, true);
    int code = ju_exit_code(st);
    ju_arena_free(a);
    return code;
}

int main(int argc, char **argv)
{
    ju_faults_prepare();
    /* messages follow the locale; nothing else does: the outputs' words are
     * words.ini, and drawing, sorting and numbers stay byte-identical
     * whatever the locale */
    setlocale(LC_MESSAGES, "");
    bindtextdomain(JU_TEXT_DOMAIN, JU_LOCALEDIR);
    bind_textdomain_codeset(JU_TEXT_DOMAIN, "UTF-8");
    textdomain(JU_TEXT_DOMAIN);
    if (argc < 2)
        return usage_error(_("no command given"), NULL);
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        fputs(_(usage_text), stdout);
        fputc('\n', stdout);
        fputs(_(help_text), stdout);
        return JU_EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("jusou %s\n", JU_VERSION);
        return JU_EXIT_OK;
    }
    if (strcmp(cmd, "sheets") == 0)
        return sheets_command(argc, argv);
    bool report = strcmp(cmd, "report") == 0;
    if (!report && strcmp(cmd, "check") != 0)
        return usage_error(_("unknown command"), cmd);

    ju_options o = {.data_root = "data", .templates_dir = "templates"};
    bool quiet = false;
    for (int i = 2; i < argc; i++) {
        const char *arg = argv[i];
        const char **slot = NULL;
        if (strcmp(arg, "--data") == 0)
            slot = &o.data_dir;
        else if (strcmp(arg, "--codebook") == 0)
            slot = &o.codebook_dir;
        else if (strcmp(arg, "--previous") == 0)
            slot = &o.previous_dir;
        else if (report && strcmp(arg, "--out") == 0)
            slot = &o.out_dir;
        else if (strcmp(arg, "--templates") == 0)
            slot = &o.templates_dir;
        else if (strcmp(arg, "--master") == 0)
            slot = &o.master_path;
        else if (report && (strcmp(arg, "-j") == 0 || strcmp(arg, "--jobs") == 0)) {
            char *end = NULL;
            long v = i + 1 < argc ? strtol(argv[i + 1], &end, 10) : 0;
            if (i + 1 >= argc || !end || *end || end == argv[i + 1] || v < 1 || v > 64)
                return usage_error(_("-j needs a number of processes (1 to 64)"), arg);
            o.jobs = (int)v;
            i++;
            continue;
        } else if (report && strcmp(arg, "--quiet") == 0) {
            quiet = true;
            continue;
        } else if (strcmp(arg, "--no-previous") == 0) {
            o.no_previous = true;
            continue;
        } else if (strcmp(arg, "--help") == 0) {
            fputs(_(usage_text), stdout);
            return JU_EXIT_OK;
        } else
            return usage_error(_("unknown option"), arg);
        if (i + 1 >= argc || argv[i + 1][0] == '\0')
            return usage_error(slot == &o.master_path ? _("this option needs a file") : _("this option needs a folder"), arg);
        *slot = argv[++i];
    }
    if (o.previous_dir && o.no_previous)
        return usage_error(_("--previous and --no-previous exclude each other"), NULL);

    if (report && !quiet && isatty(STDERR_FILENO))
        o.progress = show_progress;
    ju_diags d;
    ju_arena *a = start(&d);
    if (!a)
        return JU_EXIT_SYSTEM;
    ju_run run;
    ju_status st = ju_job_run(a, &d, &o, report, &run);
    if (o.progress)
        fputs("\r\033[K", stderr); /* the progress line goes before the messages */
    if (report && st == JU_OK && getenv("JU_BENCH_TIMES")) { /* for bench/run.py: where the time went */
        const ju_times *t = &run.times;
        fprintf(stderr,
                "JU_BENCH_TIMES load=%.3f prepare=%.3f tidy=%.3f outputs=%.3f check=%.3f cpu_summary=%.3f "
                "cpu_municipalities=%.3f cpu_charts=%.3f cpu_report=%.3f\n",
                t->load, t->prepare, t->tidy, t->outputs, t->check, t->cpu_summary, t->cpu_municipalities,
                t->cpu_charts, t->cpu_report);
    }
    print_diags(&d);
    if (st == JU_OK) {
        for (int y = 0; y < 2; y++)
            if (run.responses[y])
                puts(run.responses[y]);
        if (report)
            printf(_("wrote %s/ (the summary report and pages/, tables.csv, stats.csv, top.csv, check.txt, charts/, "
                     "the summary workbook, municipalities/)\n"),
                   run.out_dir);
        else
            printf(ngettext("%zu warning, no errors\n", "%zu warnings, no errors\n", d.warnings), d.warnings);
    } else
        print_failure(st, &d, report);
    int code = ju_exit_code(st);
    ju_arena_free(a);
    return code;
}
