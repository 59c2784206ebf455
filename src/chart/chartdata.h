/* chartdata.h — what a chart shows, computed from its spec and the tables.
 *
 * Pure (no drawing, no counting): ju_chartdata_build() resolves a chart spec
 * against the year's results (and the previous year's, for comparisons): the
 * tables, and for tile maps each municipality's answer. It yields rows
 * of labelled counts with their percents and colours, the title, the base
 * caption as the summary writes it (n=23（令和6年度実施地区）, （複数回答）),
 * and the source line. The renderer only lays these out. */
#ifndef JU_CHARTDATA_H
#define JU_CHARTDATA_H

#include <stdbool.h>
#include <stddef.h>

#include "chartspec.h"
#include "format.h"
#include "master.h"
#include "results.h"
#include "words.h"

typedef struct {
    const char *category;   /* the tables.csv category ("1", "Q6_1", "0", "nc", "NA") */
    const char *label;
    long count;
    long long pct10;        /* percent of the row's base × 10; -1 when the base is 0 */
    unsigned color;
    bool muted;             /* 無回答 / カウントしていない */
    const char *value_text; /* callout: the big number as printed ("1,527") */
    const char *question;   /* callout: the question it is a statistic of */
} ju_chartitem;

typedef struct {
    const char *label;  /* row label: a year or segment (stack, compare, adoption) */
    long base;
    ju_chartitem *items;
    size_t n;
    /* where the numbers come from (charts/<id>.csv): the survey year, the
     * question and the tables' segment ("all", "Q1=2", "Q1=2+Q1=3") */
    int year;
    const char *question;
    const char *segment;
} ju_chartrow;

typedef struct {
    const char *code;
    const char *name;   /* short: 千代田, 八王子 */
    const char *full_name; /* 千代田区 */
    int col, row;
    bool inset;         /* 島しょ: drawn in the inset */
    int category;       /* index into legend */
    const char *mark;   /* drawn under the name: the year of a year question's answer (R3), or NULL */
} ju_tile;

typedef struct {
    const ju_chartspec *spec;
    int year;                /* the survey year drawn */
    const char *form;        /* the form its question is of */
    const char *title;
    const char *caption;
    const char *note;
    const char *source;
    const char *unit;        /* count questions: 回, 件 … */
    bool multiple;           /* （複数回答） */
    ju_chartrow *rows;
    size_t nrows;
    const char *center_text; /* donut: "70.0%" */
    const char *center_label;
    ju_chartitem *legend;    /* stack/bars-compare/tilemap/adoption: categories with colours */
    size_t nlegend;
    ju_tile *tiles;
    size_t ntiles;
    bool left_out; /* not drawn, with a warning: a tile map with no positions for the master list's codes */
} ju_chartdata;

typedef struct {
    const ju_results *current;
    const ju_results *previous; /* NULL when there is no previous year */
    const ju_words *words;      /* the wording template */
    const char *source;         /* the source line, filled once (ju_chartlist_source) */
} ju_chartinput;

/* ju_chartdata_build() computes one chart's data. A spec that names a
 * question, segment or value the data lack is an error at the chart list's
 * section; the result is then JU_ERR_CONFIG. */
ju_status ju_chartdata_build(ju_arena *a, ju_diags *d, const ju_chartlist *list, const ju_chartspec *spec,
                             const ju_chartinput *in, ju_chartdata *out);

/* ju_chartlist_source() is the chart list's source line ([style] source)
 * with its placeholders filled, once for every chart; "" without one. */
const char *ju_chartlist_source(ju_arena *a, ju_diags *d, const ju_chartlist *list, const ju_chartinput *in);

#endif
