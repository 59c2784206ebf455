/* tabulate.h — aggregates: pure functions of a dataset (no I/O, no drawing).
 *
 * For every question but text (and the code/name keys), and for every
 * segment (`all`, then one per code of the segmenting question present in the
 * question's base), a table: the base n and one cell per category —
 * single: each choice; multi: each option (respondents choosing it, so the
 * percents may sum past 100); count: each bin, then カウントしていない where
 * the question has the flag; year: each fiscal year — and 無回答 last.
 * Count questions also get statistics and their top values. */
#ifndef JU_TABULATE_H
#define JU_TABULATE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "dataset.h"

/* Category codes of the tidy tables besides choice codes and bin bounds. */
#define JU_CAT_NOT_COUNTED "nc"
#define JU_CAT_NO_ANSWER "NA"

typedef struct {
    const char *category; /* "1", "Q6_1", "0" (bin lower bound), "nc", "NA" */
    const char *label;
    long count;
} ju_tcell;

typedef struct {
    long answered, not_counted, no_answer;
    long long sum, min, max;
    long long mean10;   /* mean × 10, rounded half up */
    long long median10; /* median × 10 (exact: halves of two middles) */
} ju_stats;

typedef struct {
    long long value;
    long count; /* respondents giving it */
} ju_topvalue;

typedef struct {
    int form;         /* index in the codebook's forms */
    int question;     /* index in the form's questions */
    long long segment; /* -1 for all, else the segmenting question's code */
    const char *segment_name; /* "all" or "Q1=1" */
    long base_n;
    ju_tcell *cells;
    size_t ncells;
    bool has_stats;   /* count questions */
    ju_stats stats;
    ju_topvalue *top; /* distinct values, largest first, at most question.top */
    size_t ntop;
    const long long *values; /* count questions: every value given, ascending (for ranks) */
    size_t nvalues;
} ju_table;

typedef struct {
    int year;
    const ju_dataset *data;
    ju_table *tables;
    size_t n;
} ju_tables;

/* ju_tabulate() computes every table of `data`. */
void ju_tabulate(ju_arena *a, const ju_dataset *data, ju_tables *out);

/* ju_tabulate_where() counts one question of form `form` over the
 * respondents in its base who meet `where` (a condition, as bases are
 * written), as ju_tabulate() does for a segment; `name` becomes the table's
 * segment_name. False for a question that is not tabulated (text). */
bool ju_tabulate_where(ju_arena *a, const ju_dataset *data, int form, int question, const ju_base *where,
                       const char *name, ju_table *out);

/* ju_percent10() is count / base × 100 in tenths, rounded half up
 * (e.g. 16/23 → 696 for 69.6); -1 when base is 0. */
long long ju_percent10(long long count, long long base);

/* ju_tables_find() finds the table of form/question/segment id, or NULL. */
const ju_table *ju_tables_find(const ju_tables *t, const char *form, const char *question, const char *segment);

/* ju_table_count() is the count of `category` in a table, or -1. */
long ju_table_count(const ju_table *t, const char *category);

#endif
