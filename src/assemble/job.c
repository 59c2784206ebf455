/* job.c — check and report; see job.h. */
#include "job.h"

#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>

#include "chartcsv.h"
#include "chartdata.h"
#include "chartspec.h"
#include "parallel.h"
#include "phrases.h"
#include "checkfile.h"
#include "document.h"
#include "guard.h"
#include "outdir.h"
#include "outfile.h"
#include "pages.h"
#include "render.h"
#include "source.h"
#include "inifile.h"
#include "tidy.h"
#include "words.h"
#include "workbook.h"

static int year_name(const char *name)
{
    if (strlen(name) != 4)
        return 0;
    int y = 0;
    for (int i = 0; i < 4; i++) {
        if (name[i] < '0' || name[i] > '9')
            return 0;
        y = y * 10 + name[i] - '0';
    }
    return y;
}

/* the newest <root>/<year> (not after `limit` when limit > 0) that has a
 * `need` inside ("" for the folder itself): a folder when `folder`, else a
 * file; 0 if none */
static int newest_year(ju_arena *a, const char *root, int limit, const char *need, bool folder)
{
    DIR *dir = opendir(root);
    if (!dir)
        return 0;
    int best = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        int y = year_name(e->d_name);
        if (!y || (limit && y > limit) || y <= best)
            continue;
        struct stat sb;
        if (stat(ju_arena_printf(a, "%s/%s/%s", root, e->d_name, need), &sb) == 0 &&
            (folder ? S_ISDIR(sb.st_mode) : S_ISREG(sb.st_mode)))
            best = y;
    }
    closedir(dir);
    return best;
}

/* The template set for the survey year: --templates DIR (default
 * templates/) when it holds charts.ini itself; otherwise the newest
 * DIR/<year>/ not after the survey year, so that next year's set never
 * changes an earlier year's edition. NULL (and an error) when there is none. */
static const char *find_templates(ju_arena *a, ju_diags *d, const ju_options *o, int year)
{
    const char *root = o->templates_dir;
    if (!ju_is_dir(root)) {
        ju_diag_add(d, JU_SEV_ERROR, root, 0, 0, _("no such templates folder"));
        return NULL;
    }
    if (ju_is_file(ju_arena_printf(a, "%s/charts.ini", root)))
        return root;
    int y = newest_year(a, root, year, "charts.ini", false);
    if (!y) {
        ju_diag_add(d, JU_SEV_ERROR, root, 0, 0,
                    _("no templates for the %d survey: neither %s/charts.ini nor a %s/<year>/charts.ini for a year up "
                    "to %d exists"),
                    year, root, root, year);
        return NULL;
    }
    return ju_arena_printf(a, "%s/%d", root, y);
}

static const char *find_codebook(ju_arena *a, const ju_options *o, const ju_survey *s)
{
    if (o->codebook_dir)
        return o->codebook_dir;
    const char *own = ju_arena_printf(a, "%s/codebook", s->dir);
    if (ju_is_dir(own))
        return own;
    int y = newest_year(a, o->data_root, s->year, "codebook", true);
    return y ? ju_arena_printf(a, "%s/%d/codebook", o->data_root, y) : NULL;
}

static ju_status load_year(ju_arena *a, ju_diags *d, const ju_options *o, const char *dir, const ju_master *m,
                           ju_year *y)
{
    if (!ju_is_dir(dir)) {
        ju_diag_add(d, JU_SEV_ERROR, dir, 0, 0, _("no such data folder"));
        return JU_ERR_USAGE;
    }
    ju_status st = y->survey.dir ? JU_OK : ju_survey_load(a, d, dir, &y->survey);
    if (st != JU_OK)
        return st;
    const char *cbdir = find_codebook(a, o, &y->survey);
    if (!cbdir) {
        ju_diag_add(d, JU_SEV_ERROR, dir, 0, 0, _("no codebook: neither %s/codebook nor %s/<year>/codebook exists"), dir,
                    o->data_root);
        return JU_ERR_CONFIG;
    }
    st = ju_codebook_load(a, d, cbdir, y->survey.year, &y->codebook);
    if (st != JU_OK)
        return st;
    st = ju_dataset_read(a, d, &y->survey, &y->codebook, m, &y->data);
    if (st != JU_OK)
        return st;
    ju_results_build(a, &y->data, &y->results);
    return JU_OK;
}

/* The master list of a run: --master; else municipalities.csv in the survey
 * year's folder or the folder above it (a prefecture's own data, laid out as
 * data/ is); else the bundled data/municipalities.csv. */
static const char *master_path(ju_arena *a, const ju_options *o, const char *dir)
{
    if (o->master_path)
        return o->master_path;
    if (o->data_dir) {
        const char *here = ju_arena_printf(a, "%s/" JU_MASTER_FILE, dir);
        if (ju_is_file(here))
            return here;
        const char *above = ju_arena_printf(a, "%s/" JU_MASTER_FILE, ju_parent_dir(a, dir));
        if (ju_is_file(above))
            return above;
    }
    return ju_arena_printf(a, "%s/" JU_MASTER_FILE, o->data_root);
}

ju_status ju_job_load(ju_arena *a, ju_diags *d, const ju_options *o, bool with_previous, ju_run *run)
{
    memset(run, 0, sizeof *run);
    const char *dir = o->data_dir;
    if (!dir) {
        int y = newest_year(a, o->data_root, 0, "", true);
        if (!y) {
            ju_diag_add(d, JU_SEV_ERROR, o->data_root, 0, 0, _("no survey year folder (e.g. %s/2025) to read"), o->data_root);
            return JU_ERR_USAGE;
        }
        dir = ju_arena_printf(a, "%s/%d", o->data_root, y);
    }
    if (!ju_is_dir(dir)) {
        ju_diag_add(d, JU_SEV_ERROR, dir, 0, 0, _("no such data folder"));
        return JU_ERR_USAGE;
    }
    const char *master = master_path(a, o, dir);
    if (o->master_path && !ju_is_file(master)) {
        ju_diag_add(d, JU_SEV_ERROR, master, 0, 0, _("no such master list (--master names a municipalities.csv)"));
        return JU_ERR_USAGE;
    }
    ju_status st = ju_master_load(a, d, master, &run->master);
    if (st != JU_OK)
        return st;
    /* the survey year chooses the templates, whose words.ini gives the
     * wording of everything after (labels of 無回答, 和暦, …) */
    st = ju_survey_load(a, d, dir, &run->current.survey);
    if (st != JU_OK)
        return st;
    run->templates_dir = find_templates(a, d, o, run->current.survey.year);
    if (!run->templates_dir)
        return ju_is_dir(o->templates_dir) ? JU_ERR_CONFIG : JU_ERR_USAGE;
    const char *words = ju_arena_printf(a, "%s/words.ini", run->templates_dir);
    struct stat wsb;
    if (stat(words, &wsb) != 0 && errno == ENOENT) {
        ju_diag_add(d, JU_SEV_ERROR, run->templates_dir, 0, 0,
                    _("this template set has no words.ini: a set is charts.ini, report.ini, workbook.ini and "
                      "words.ini; copy the missing ones from the set it was made from"));
        return JU_ERR_CONFIG;
    }
    st = ju_words_load(a, d, words, &run->words);
    if (st != JU_OK)
        return st;
    st = load_year(a, d, o, dir, &run->master, &run->current);
    if (st != JU_OK || !with_previous || o->no_previous)
        return st;
    const char *prev = o->previous_dir;
    if (!prev) {
        /* the year before, beside the survey year's folder (data/2024 beside data/2025) */
        const char *guess = ju_arena_printf(a, "%s/%d", o->data_dir ? ju_parent_dir(a, dir) : o->data_root,
                                            run->current.survey.year - 1);
        if (!ju_is_dir(guess))
            return JU_OK;
        prev = guess;
    }
    st = load_year(a, d, o, prev, &run->master, &run->previous);
    if (st != JU_OK)
        return st;
    run->previous_dir = prev;
    if (run->previous.survey.year >= run->current.survey.year) {
        ju_diag_add(d, JU_SEV_ERROR, prev, 0, 0, _("the previous year (%d) must come before the survey year (%d)"),
                    run->previous.survey.year, run->current.survey.year);
        return JU_ERR_USAGE;
    }
    run->has_previous = true;
    return JU_OK;
}

static ju_status write_check(ju_arena *a, ju_diags *d, const char *dir, const ju_run *run)
{
    const char *path = ju_arena_printf(a, "%s/check.txt", dir);
    int g;
    FILE *f = ju_outfile_open(d, path, &g);
    if (!f)
        return JU_ERR_IO;
    ju_checkfile_write_year(a, f, &run->current.results, d);
    if (run->has_previous)
        ju_checkfile_write_year(a, f, &run->previous.results, d);
    return ju_outfile_close(d, f, path, g);
}

/* Everything a report needs that a template can get wrong, worked out before
 * a byte is written: the chart list and each chart's data, the report
 * document (every placeholder filled), the workbook layout. */
typedef struct {
    ju_chartlist charts;
    ju_chartinput in;
    ju_chartdata *chartdata; /* one per chart of the list */
    const ju_chartdata **built; /* the same, NULL where building failed */
    bool has_report;
    ju_document doc;
    ju_wb_layout *layout;
} prepared;

static ju_status prepare_report(ju_arena *a, ju_diags *d, const ju_run *run, prepared *P)
{
    const char *path = ju_arena_printf(a, "%s/report.ini", run->templates_dir);
    struct stat sb;
    if (stat(path, &sb) != 0 && errno == ENOENT) {
        ju_diag_add(d, JU_SEV_WARNING, path, 0, 0, _("there is no report template; the summary report is not written"));
        return JU_OK;
    }
    ju_ini spec;
    ju_status st = ju_ini_read(a, d, path, _("report template"), NULL, &spec);
    if (st != JU_OK)
        return st;
    ju_facts facts = {&run->current.results, run->has_previous ? &run->previous.results : NULL};
    st = ju_document_build(a, d, &spec, &facts, &P->charts, P->built, &P->doc);
    P->has_report = st == JU_OK;
    return st;
}

static ju_status prepare(ju_arena *a, ju_diags *d, ju_run *run, prepared *P)
{
    memset(P, 0, sizeof *P);
    ju_status st0 = ju_phrases_start(d);
    if (st0 != JU_OK)
        return st0;
    const char *tdir = run->templates_dir;
    ju_status st = ju_chartlist_load(a, d, ju_arena_printf(a, "%s/charts.ini", tdir), &P->charts);
    if (st != JU_OK)
        return st;
    P->in = (ju_chartinput){&run->current.results, run->has_previous ? &run->previous.results : NULL, &run->words,
                            NULL};
    P->in.source = ju_chartlist_source(a, d, &P->charts, &P->in);
    P->chartdata = ju_arena_array(a, P->charts.n + 1, sizeof *P->chartdata);
    P->built = ju_arena_array(a, P->charts.n + 1, sizeof *P->built);
    ju_status worst = JU_OK;
    for (size_t i = 0; i < P->charts.n; i++) {
        st = ju_chartdata_build(a, d, &P->charts, &P->charts.charts[i], &P->in, &P->chartdata[i]);
        if (st == JU_ERR_IO || st == JU_ERR_NOMEM)
            return st;
        if (st == JU_OK && !P->chartdata[i].left_out)
            P->built[i] = &P->chartdata[i];
        if (st != JU_OK && worst == JU_OK)
            worst = st;
    }
    st = prepare_report(a, d, run, P);
    if (st == JU_ERR_IO || st == JU_ERR_NOMEM)
        return st;
    if (st != JU_OK && worst == JU_OK)
        worst = st;
    ju_facts facts = {&run->current.results, run->has_previous ? &run->previous.results : NULL};
    P->layout = ju_workbook_layout(a, d, tdir, &facts, &st);
    if (st != JU_OK && worst == JU_OK)
        worst = st;
    return worst;
}

/* One output of a report run: the summary workbook, a municipality's
 * workbook, a chart (PNG, PDF, SVG and CSV), the summary report, a share of
 * its pages. They read the finished results and each writes files of its
 * own, so they can be made side by side (parallel.h). */
typedef enum { OUT_SUMMARY, OUT_MUNICIPALITY, OUT_CHART, OUT_REPORT, OUT_PAGES } outkind;

typedef struct {
    outkind kind;
    int index; /* the municipality (master index), the chart, the share of pages */
} output;

typedef struct {
    const prepared *P;
    const ju_run *run;
    const char *dir;
    ju_wb_run wb;
    size_t page_parts; /* 0: the report task draws its pages too */
    output *outputs;
    size_t n, cap;
} outputs;

/* the summary report: dir/<file>.pdf (part < 0) and its pages as
 * dir/pages/page-NN.png, all of them or share `part` of O->page_parts */
static ju_status write_report(ju_arena *a, ju_diags *d, const outputs *O, int part)
{
    const prepared *P = O->P;
    const char *pdf = part < 0 ? ju_arena_printf(a, "%s/%s.pdf", O->dir, P->doc.file) : NULL;
    const char *pages = part >= 0 || O->page_parts == 0 ? ju_arena_printf(a, "%s/pages", O->dir) : NULL;
    return ju_render_report(a, d, &P->charts.style, &P->doc, pdf, pages, part < 0 ? 0 : (size_t)part, O->page_parts,
                            ju_survey_epoch(&O->run->current.survey));
}

static ju_status make_output(ju_arena *a, ju_diags *d, void *ctx, size_t i)
{
    const outputs *O = ctx;
    const output *o = &O->outputs[i];
    switch (o->kind) {
    case OUT_SUMMARY:
        return ju_workbook_summary(a, d, O->P->layout, O->dir, &O->wb);
    case OUT_MUNICIPALITY:
        return ju_workbook_municipality(a, d, O->dir, &O->wb, o->index);
    case OUT_CHART: {
        const ju_chartdata *cd = &O->P->chartdata[o->index];
        const char *cdir = ju_arena_printf(a, "%s/charts", O->dir);
        ju_status st = ju_render_files(a, d, &O->P->charts.style, cd, cdir, ju_survey_epoch(&O->run->current.survey));
        return st == JU_OK ? ju_chartcsv_write(a, d, cd, ju_arena_printf(a, "%s/%s.csv", cdir, cd->spec->id)) : st;
    }
    case OUT_REPORT:
        return write_report(a, d, O, -1);
    case OUT_PAGES:
        return write_report(a, d, O, o->index);
    }
    return JU_OK;
}

/* the file an output makes (its first, for a chart or the pages) */
static const char *output_name(ju_arena *a, void *ctx, size_t i)
{
    const outputs *O = ctx;
    const output *o = &O->outputs[i];
    switch (o->kind) {
    case OUT_SUMMARY: return ju_workbook_summary_path(a, O->dir, &O->wb);
    case OUT_MUNICIPALITY: return ju_workbook_municipality_path(a, O->dir, &O->wb, o->index);
    case OUT_CHART: return ju_arena_printf(a, "%s/charts/%s.png", O->dir, O->P->chartdata[o->index].spec->id);
    case OUT_REPORT: return ju_arena_printf(a, "%s/%s.pdf", O->dir, O->P->doc.file);
    case OUT_PAGES: return ju_arena_printf(a, "%s/pages/page-%02d.png", O->dir, o->index + 1);
    }
    return O->dir;
}

/* The outputs and their folders. The longest come first — the summary
 * workbook, the report, its pages in as many shares as there are workers
 * (each share lays the report out again, which costs a tenth of drawing
 * it) — and the many short ones (charts, municipalities' workbooks) fill in
 * after them, so that the workers finish together. Diagnostics follow this
 * order at any number of workers. */
static ju_status list_outputs(ju_arena *a, ju_diags *d, outputs *O, int jobs)
{
    const prepared *P = O->P;
    ju_status st = ju_workbook_folder(a, d, O->dir);
    if (st == JU_OK)
        st = ju_mkdirs(a, d, ju_arena_printf(a, "%s/charts", O->dir));
    if (st == JU_OK && P->has_report)
        st = ju_mkdirs(a, d, ju_arena_printf(a, "%s/pages", O->dir));
    if (st != JU_OK)
        return st;
    JU_PUSH(a, O->outputs, O->n, O->cap, ((output){OUT_SUMMARY, 0}));
    O->page_parts = P->has_report && jobs > 1 ? (size_t)jobs : 0;
    if (P->has_report)
        JU_PUSH(a, O->outputs, O->n, O->cap, ((output){OUT_REPORT, 0}));
    for (size_t k = 0; k < O->page_parts; k++)
        JU_PUSH(a, O->outputs, O->n, O->cap, ((output){OUT_PAGES, (int)k}));
    for (size_t i = 0; i < P->charts.n; i++)
        if (!P->chartdata[i].left_out)
            JU_PUSH(a, O->outputs, O->n, O->cap, ((output){OUT_CHART, (int)i}));
    for (size_t m = 0; m < O->run->master.n; m++)
        if (ju_workbook_has(&O->wb, (int)m))
            JU_PUSH(a, O->outputs, O->n, O->cap, ((output){OUT_MUNICIPALITY, (int)m}));
    return JU_OK;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* check and report alike: read both years, then everything a template can get wrong */
static ju_status load_and_prepare(ju_arena *a, ju_diags *d, const ju_options *o, ju_run *run, prepared *P)
{
    double t0 = now();
    ju_status st = ju_job_load(a, d, o, true, run);
    double t1 = now();
    run->times.load = t1 - t0;
    if (st != JU_OK)
        return st;
    st = prepare(a, d, run, P);
    run->times.prepare = now() - t1;
    return st;
}

ju_status ju_job_check(ju_arena *a, ju_diags *d, const ju_options *o, ju_run *run)
{
    prepared P;
    return load_and_prepare(a, d, o, run, &P);
}

ju_status ju_job_report(ju_arena *a, ju_diags *d, const ju_options *o, ju_run *run)
{
    prepared P;
    ju_status st = load_and_prepare(a, d, o, run, &P);
    if (st != JU_OK)
        return st;
    run->out_dir = o->out_dir ? o->out_dir : ju_arena_printf(a, "out/%d", run->current.survey.year);
    /* the folders this run reads: the output may be none of them, nor inside or around one */
    const char *inputs[] = {run->current.survey.dir, run->current.codebook.dir, run->templates_dir, o->templates_dir,
                            o->data_root, ju_parent_dir(a, run->master.path),
                            run->has_previous ? run->previous.survey.dir : NULL,
                            run->has_previous ? run->previous.codebook.dir : NULL};
    const char *survey = ju_arena_printf(a, "%d %s", run->current.survey.year,
                                         run->current.survey.title ? run->current.survey.title : "");
    ju_outdir od;
    st = ju_outdir_begin(a, d, run->out_dir, inputs, (int)(sizeof inputs / sizeof *inputs), survey, &od);
    if (st != JU_OK)
        return st;
    const ju_tables *years[2];
    size_t n = 0;
    if (run->has_previous)
        years[n++] = &run->previous.results.tables;
    years[n++] = &run->current.results.tables;
    /* the data's diagnostics in file order, for 集計条件 and check.txt */
    ju_diags_sort(d);
    double t0 = now();
    st = ju_tidy_write(a, d, od.tmp, years, n);
    double t1 = now();
    outputs O = {&P, run, od.tmp,
                 {&run->current.results, run->has_previous ? &run->previous.results : NULL, &P.charts.style},
                 0, NULL, 0, 0};
    int jobs = ju_parallel_jobs(o->jobs);
    if (st == JU_OK)
        st = list_outputs(a, d, &O, jobs);
    if (st == JU_OK) {
        double *cpu = ju_arena_array(a, O.n ? O.n : 1, sizeof *cpu);
        st = ju_parallel_run(a, d, O.n, jobs, make_output, output_name, &O, o->progress, o->progress_ctx, cpu);
        for (size_t i = 0; i < O.n; i++) {
            double *slot = O.outputs[i].kind == OUT_SUMMARY        ? &run->times.cpu_summary
                           : O.outputs[i].kind == OUT_MUNICIPALITY ? &run->times.cpu_municipalities
                           : O.outputs[i].kind == OUT_CHART        ? &run->times.cpu_charts
                                                                   : &run->times.cpu_report;
            *slot += cpu[i];
        }
    }
    double t2 = now();
    if (st == JU_OK)
        st = write_check(a, d, od.tmp, run);
    run->times.tidy = t1 - t0;
    run->times.outputs = t2 - t1;
    run->times.check = now() - t2;
    st = ju_outdir_end(a, d, &od, st, run->out_dir);
    return st;
}

typedef struct {
    jmp_buf env;
    ju_arena *arena;
} recovery;

/* Memory ran out: release what the frames being abandoned hold while they
 * are still there (guards point into them), then unwind. */
static void on_oom(void *ctx)
{
    recovery *r = ctx;
    ju_arena_on_oom(r->arena, NULL, NULL);
    ju_guard_release_all();
    longjmp(r->env, 1);
}

ju_status ju_run_guarded(ju_arena *a, ju_status (*fn)(void *ctx), void *ctx)
{
    recovery r = {.arena = a};
    if (setjmp(r.env))
        return JU_ERR_NOMEM;
    ju_arena_on_oom(a, on_oom, &r);
    ju_status st = fn(ctx);
    ju_arena_on_oom(a, NULL, NULL);
    return st;
}

typedef struct {
    ju_arena *a;
    ju_diags *d;
    const ju_options *o;
    bool report;
    ju_run *run;
} job;

static ju_status run_job(void *ctx)
{
    job *J = ctx;
    ju_arena *a = J->a;
    ju_run *run = J->run;
    ju_status st = J->report ? ju_job_report(a, J->d, J->o, run) : ju_job_check(a, J->d, J->o, run);
    for (int y = 0; st == JU_OK && y < 1 + run->has_previous; y++) {
        const ju_results *res = y ? &run->previous.results : &run->current.results;
        char *line = ju_arena_printf(a, _("%d survey (%s):"), res->year, res->survey->dir);
        for (size_t i = 0; i < res->nforms; i++)
            line = ju_arena_printf(a, "%s%s%s", line, i ? _(", ") : " ", ju_results_response_line(a, res, (int)i));
        run->responses[y] = line;
    }
    /* sorted here, where running out of memory is still recovered from */
    ju_diags_sort(J->d);
    return st;
}

ju_status ju_job_run(ju_arena *a, ju_diags *d, const ju_options *o, bool report, ju_run *run)
{
    memset(run, 0, sizeof *run);
    job J = {a, d, o, report, run};
    return ju_run_guarded(a, run_job, &J);
}
