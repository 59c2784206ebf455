/* builder.h — inside report/: the state of ju_document_build() and what the
 * files resolving its blocks share (document.c, figures.c). */
#ifndef JU_BUILDER_H
#define JU_BUILDER_H

#include "document.h"

typedef struct {
    ju_arena *a;
    ju_diags *d;
    const ju_ini *spec;
    const ju_facts *facts;
    const ju_chartlist *charts;
    const ju_chartdata *const *built; /* per chart of the list; NULL: it failed (and said why) */
    size_t before; /* the run's errors before the document: more after means it failed */
} builder;

typedef struct {
    ju_block *items;
    size_t n, cap;
} blocks;

/* doc_error() reports a template mistake at the entry: "[page] key: …". */
void doc_error(builder *B, const ju_inisection *s, const ju_inientry *e, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* doc_fill() is the entry's value with its placeholders filled (fill.h),
 * NULL when the sentence is left out or a placeholder is wrong. */
const char *doc_fill(builder *B, const ju_inisection *s, const ju_inientry *e);

/* doc_add() appends a block to the page being built. */
void doc_add(builder *B, blocks *bl, ju_block b);

/* figures.c: `table`, `head` and `row` entries build a table block; `diagram`,
 * `box` and `arrow` a diagram block. Each returns false when `e` is not one
 * of its keys. */
bool doc_table_entry(builder *B, const ju_inisection *s, const ju_inientry *e, blocks *bl);
bool doc_diagram_entry(builder *B, const ju_inisection *s, const ju_inientry *e, blocks *bl);

/* doc_figures_end() checks the page's tables and diagrams once all their
 * entries are read (merged cells that are not rectangles, arrows to boxes
 * that are not there). */
void doc_figures_end(builder *B, const ju_inisection *s, blocks *bl);

#endif
