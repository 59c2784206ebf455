/* job.h — the two jobs of the command line, end to end.
 *
 * ju_job_check() reads a survey year and its predecessor, tabulates them,
 * and works out everything the templates ask for (charts, report pages,
 * workbook layout) without writing: whatever report would reject, check
 * rejects. ju_job_report() does the same, then writes every output into a
 * temporary folder and swaps it in. Neither prints: diagnostics go to `d`. */
#ifndef JU_JOB_H
#define JU_JOB_H

#include <stdbool.h>

#include "arena.h"
#include "codebook.h"
#include "dataset.h"
#include "diag.h"
#include "master.h"
#include "status.h"
#include "survey.h"
#include "results.h"
#include "words.h"

typedef struct {
    const char *data_root;    /* "data": master list, bundled years and codebooks */
    const char *data_dir;     /* NULL: the newest data/<year> */
    const char *previous_dir; /* NULL: data/<year-1> if it exists */
    bool no_previous;         /* --no-previous */
    const char *codebook_dir; /* NULL: DIR/codebook, else the bundled one */
    int jobs;                 /* -j: worker processes for the outputs (0: one per processor) */
    void (*progress)(void *ctx, size_t done, size_t n); /* NULL: quiet */
    void *progress_ctx;
    const char *master_path;  /* --master: NULL: municipalities.csv of the data folder or the folder
                                 above it (another prefecture's), else data/municipalities.csv */
    const char *out_dir;      /* NULL: out/<year> */
    const char *templates_dir; /* "templates": a template set (charts.ini, report.ini,
                                * words.ini, workbook.ini), or folders <year>/ of them */
} ju_options;

/* One survey year, read and counted. */
typedef struct {
    ju_survey survey;
    ju_codebook codebook;
    ju_dataset data;
    ju_results results; /* everything the outputs show (aggregate/results.h) */
} ju_year;

/* Where a report run's time went (bench/ prints it: JU_BENCH_TIMES=1).
 * Wall seconds of each stage; processor seconds of each kind of output,
 * summed over the worker processes. */
typedef struct {
    double load, prepare, tidy, outputs, check;
    double cpu_summary, cpu_municipalities, cpu_charts, cpu_report;
} ju_times;

typedef struct {
    ju_master master;
    ju_year current;
    ju_year previous;
    bool has_previous;
    const char *previous_dir;
    const char *templates_dir; /* the template set used */
    ju_words words;            /* its words.ini: the wording of every output */
    const char *out_dir;      /* where report wrote */
    const char *responses[2]; /* after success: "2025年度調査（data/2025）: 自治体票 62/62（回収率100.0%）、…"
                               * for the current and (if read) the previous year */
    ju_times times;           /* where a report run's time went */
} ju_run;

/* ju_job_load() reads and tabulates the current (and previous) year. */
ju_status ju_job_load(ju_arena *a, ju_diags *d, const ju_options *o, bool with_previous, ju_run *run);

/* ju_job_check() loads both years and prepares every template's output. */
ju_status ju_job_check(ju_arena *a, ju_diags *d, const ju_options *o, ju_run *run);

/* ju_job_report() loads and prepares as check does, then writes the outputs all-or-nothing (outdir.h:
 * never into a folder jusou did not make, never where it reads). */
ju_status ju_job_report(ju_arena *a, ju_diags *d, const ju_options *o, ju_run *run);

/* ju_job_run() runs check (report false) or report with a recovery point:
 * when memory runs out anywhere in the run, every guarded object is
 * released, the temporary output folder removed, and JU_ERR_NOMEM returned
 * (the diagnostics gathered so far are kept). */
ju_status ju_job_run(ju_arena *a, ju_diags *d, const ju_options *o, bool report, ju_run *run);

/* ju_run_guarded() runs fn(ctx) with a recovery point: when memory runs out
 * anywhere inside, every guarded object is released and JU_ERR_NOMEM
 * returned (ju_job_run() and the sheets job run this way). */
ju_status ju_run_guarded(ju_arena *a, ju_status (*fn)(void *ctx), void *ctx);

#endif
