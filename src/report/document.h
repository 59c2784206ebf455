/* document.h — the summary report as pages of resolved blocks.
 *
 * ju_document_build() interprets the report template (reportspec.h) against
 * the data: every text is filled (fill.h) or left out, every chart is
 * computed (chartdata.h), free-text answers become example lists, the start
 * years of the implementing bodies become name lists per fiscal year. The
 * result is pure data: render/pages.c lays it out and draws it. Template keys
 * are described in README「結果の概要と報告書テンプレート」. */
#ifndef JU_DOCUMENT_H
#define JU_DOCUMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "chartdata.h"
#include "fill.h"
#include "inifile.h"

typedef enum {
    JU_BLK_HEADING,  /* a small heading (【設置状況】, 評価指標の具体例) */
    JU_BLK_TEXT,     /* a paragraph */
    JU_BLK_BULLET,   /* a bulleted finding; text between ** and ** is set bold (here, in TEXT and NOTE) */
    JU_BLK_NOTE,     /* ◎ a point the summary stresses, in a tinted box */
    JU_BLK_ITEM,     /* ◆label and value (調査のあらまし) */
    JU_BLK_CHART,
    JU_BLK_GROUP,    /* a group's label in a list (a fiscal year, a category) */
    JU_BLK_EXAMPLE,  /* one listed answer */
    JU_BLK_NAMES,    /* municipality names; marked ones underlined */
    JU_BLK_BREAK,    /* the rest goes to the next column */
    JU_BLK_KICKER,   /* cover: the line above the title */
    JU_BLK_TITLE,    /* cover: the title */
    JU_BLK_SUBTITLE, /* cover: the year */
    JU_BLK_LINE,     /* cover: the publisher's lines */
    JU_BLK_CALLOUT,  /* a figure set large in a box (合計18自治体 = 6割) */
    JU_BLK_TABLE,    /* a table or matrix, header cells merged across rows and columns */
    JU_BLK_DIAGRAM,  /* labelled boxes joined by arrows (庁内 → 会議 ← 庁外) */
    JU_BLK_BAND,     /* what follows goes below everything so far, in new columns */
    JU_BLK_KIND_COUNT
} ju_blockkind;

typedef struct {
    const char *name;
    bool marked; /* new that year */
} ju_name;

/* A table (JU_BLK_TABLE): a grid of nrows × ncols; each cell is drawn once,
 * from its top-left grid position over the rows and columns merged into it.
 * The first head_rows rows are headings; with more than one column, the
 * first column of the other rows heads its row. */
typedef struct {
    const char *text;
    int row, col, rows, cols;
} ju_doccell;

typedef struct {
    ju_doccell *cells;
    size_t n, cap;
    int nrows, ncols, head_rows;
    int *grid;           /* nrows × ncols: the cell drawn at each position */
    const ju_inientry *entry; /* `table =`, for errors */
} ju_doctable;

/* A diagram (JU_BLK_DIAGRAM): boxes on a grid of columns and rows (1-based;
 * a box may span columns), and arrows between them. */
typedef struct {
    const char *id;
    int col, row, span;
    bool strong;         /* filled with the accent colour */
    const char *title;   /* bold */
    const char *text;    /* under the title; may be NULL */
} ju_box;

typedef struct {
    size_t from, to;     /* boxes */
    bool both;           /* <-> */
    const char *label;   /* NULL: none */
} ju_arrow;

typedef struct {
    ju_box *boxes;
    size_t nboxes, capboxes;
    ju_arrow *arrows;
    size_t narrows, caparrows;
    int ncols, nrows;
    const char *alt;     /* `diagram =`: what it shows, for the text alternative */
    bool broken;         /* a box was wrong (and said so): its arrows are not reported again */
    const ju_inientry *entry;
} ju_diagram;

/* Columns of a page or a band: 1 to 3, their shares of the width (sum 1). */
typedef struct {
    int n;
    double share[3];
} ju_columns;

typedef struct {
    ju_blockkind kind;
    const char *text;   /* ITEM: the label */
    const char *value;  /* ITEM */
    ju_chartdata *chart;
    double height;      /* CHART: on the page, in points; 0 = the chart's own proportions */
    ju_name *names;
    size_t nnames;
    ju_doctable *table;
    ju_diagram *diagram;
    ju_columns columns; /* BAND */
    const char *lead;   /* BULLET, EXAMPLE: the mark before it when not the usual one (▶, ◆, 1) */
    const char *choice; /* EXAMPLE of a `listed` list: the condition it stands for (Q7_1=1) */
    bool phrased;       /* TEXT of `items`: list items run into a paragraph, broken between phrases */
    /* EXAMPLE: the answer's cell, to name it when the font lacks a character */
    const char *src_file;
    int src_line, src_col;
    const char *src_question; /* Q27 (令和7年度から新たに取り組んでいること) */
} ju_block;

typedef enum { JU_PAGE_BODY, JU_PAGE_COVER, JU_PAGE_CONTENTS } ju_pagekind;

typedef struct {
    const char *id;
    ju_pagekind kind;
    const char *tag;      /* the section (包括的相談支援事業); groups the outline */
    const char *headline; /* NULL when it could not be computed */
    const char *outline;  /* the bookmark: `outline`, else the headline, else the first heading */
    ju_columns columns;   /* of the page's first band */
    double zoom_max;      /* how much larger a sparse page's body may be set (`zoom_max`; 0 = the default) */
    ju_block *blocks;
    size_t n;
} ju_docpage;

typedef struct {
    const char *file;    /* the PDF's name without .pdf */
    const char *title;   /* metadata */
    const char *author;
    const char *subject;
    const char *footer;  /* the line at the foot of body pages */
    const char *marked_note; /* what an underline means under name lists */
    ju_docpage *pages;
    size_t n;
} ju_document;

/* ju_document_build() resolves `spec`, its charts taken from `built` (the
 * data of each chart of `charts`, NULL for one that failed). Template
 * mistakes are errors at their line and column (JU_ERR_CONFIG); figures the
 * data cannot give only leave their sentences out. */
ju_status ju_document_build(ju_arena *a, ju_diags *d, const ju_ini *spec, const ju_facts *facts,
                            const ju_chartlist *charts, const ju_chartdata *const *built, ju_document *out);

#endif
