/* results.h — everything an output shows of a survey year, counted once.
 *
 * ju_results_build() turns a dataset into one results object: the tables
 * (tabulate.h: counts, bases, statistics, top values, the sorted values
 * ranks come from), the size of every base, and for every respondent the
 * answer as the outputs show it — in or outside the question's base, the
 * table category it counts in, its value, chosen options or text. Charts,
 * the report and the workbooks read this object and nothing else of the
 * data: aggregate/ is the only code that walks respondents. The queries
 * below (shares, selections, ranks, combined segments) are answered here too,
 * from the same answers.
 *
 * Everything is owned by the arena; the object is read-only once built. */
#ifndef JU_RESULTS_H
#define JU_RESULTS_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "dataset.h"
#include "tabulate.h"

typedef enum {
    JU_RV_OUTSIDE,     /* not in the question's base (not asked) */
    JU_RV_NO_ANSWER,   /* in the base, left blank: 無回答 */
    JU_RV_VALUE,       /* answered */
    JU_RV_NOT_COUNTED, /* a count's カウントしていない */
} ju_rvstate;

/* One respondent's answer to one question: 16 bytes, since a run holds one
 * for every question of every respondent of both years. Its table category
 * and that category's label are derived: ju_results_category() and
 * ju_results_label(). */
typedef struct {
    union {
        long long value;          /* single code, year, count */
        unsigned long long chosen; /* multi: bit k is set when option k was chosen */
        const char *text;         /* text questions: the answer (LF line ends); code and name: the cell */
    };
    unsigned line;          /* where its cell is in the file */
    unsigned col : 29;
    unsigned state : 3;     /* ju_rvstate */
} ju_rvalue;
_Static_assert(sizeof(ju_rvalue) == 16, "a results value stays 16 bytes");

typedef struct {
    int master;         /* index in the master list */
    const char *code;   /* 131016 */
    const char *name;   /* 千代田区 */
    long long segment;  /* the segmenting question's code, or -1 */
    const ju_rvalue *values; /* one per question of the form */
} ju_rrow;

typedef struct {
    const ju_form *form;
    const char *path;   /* the response file */
    ju_encoding encoding;
    const ju_rrow *rows; /* in file order */
    size_t n;
    const ju_rrow **by_master; /* per master index: its row, or NULL */
    const long *base_n;  /* per base of the form: respondents in it, -1 when no question uses it */
    const char *const *unknown_columns; /* columns the codebook lacks (ignored) */
    size_t nunknown;
    const char *const *const *bin_codes; /* per count question: its bins' category codes */
} ju_rform;

typedef struct {
    int year;
    const ju_survey *survey;
    const ju_codebook *codebook;
    const ju_master *master;
    ju_tables tables;
    const ju_rform *forms; /* parallel to codebook->forms */
    size_t nforms;
    const ju_dataset *data; /* the answers the queries read (not for the layers above) */
} ju_results;

/* ju_results_build() tabulates `data` and derives everything above. */
void ju_results_build(ju_arena *a, const ju_dataset *data, ju_results *out);

/* ju_results_row() is the row of master index `m` in form `form`, or NULL. */
const ju_rrow *ju_results_row(const ju_results *r, int form, int m);

/* ju_results_category() is the table category answer `v` to question `q` of
 * form index `form` counts in ("1", a bin's "6", "nc", "NA"); NULL outside
 * the base and for multiple-choice and text questions. ju_results_label()
 * is that category's label (a choice, a bin, 無回答, カウントしていない). */
const char *ju_results_category(const ju_results *r, int form, int q, const ju_rvalue *v);
const char *ju_results_label(const ju_results *r, int form, int q, const ju_rvalue *v);

/* ju_results_responses() counts the rows of `form` ("all" for every form)
 * and how many were expected (the master list's size per form); false when
 * there is no such form. */
bool ju_results_responses(const ju_results *r, const char *form, long *got, long *expected);

/* ju_results_response_line() is "自治体票 62/62（回収率100%）" for form index `form`. */
const char *ju_results_response_line(ju_arena *a, const ju_results *r, int form);

/* ju_results_share() counts the respondents meeting `text` — a condition
 * written like a base definition, "[form.]COND[ in RESTRICTION]" (a bare
 * question id means "answered") — among those in the base of its first
 * question who meet the restriction (`*base`). False, with `why`, when the
 * condition does not parse. */
bool ju_results_share(ju_arena *a, const ju_results *r, const char *text, long *count, long *base,
                      const char **why);

/* ju_results_select() lists the rows of `form` (NULL: the form named by a
 * "form." prefix of `cond`, else the first) meeting `cond` (NULL: all), in
 * master-list order; returns how many, or -1 with `why` when the condition
 * does not parse or there is no such form. *form_index gets the form. */
long ju_results_select(ju_arena *a, const ju_results *r, const char *form, const char *cond, int *form_index,
                       const ju_rrow ***out, const char **why);

/* ju_results_rank() is where value v stands in table t: 1 + how many values
 * in it are larger (*rank), among how many (*n). False when t has no values
 * (not a count question). */
bool ju_results_rank(const ju_table *t, long long v, long *rank, long *n);

/* ju_results_table() is the table of question `question` of form `form`
 * (index) over the respondents meeting `cond` ("all", "Q1=1", "Q1=2,3",
 * "Q1=1 & Q2=1": as bases are written); the tabulated table itself for
 * "all". Returns 1, 0 when nobody of the question's base meets the
 * condition (the table is then there, its categories all zero, n=0), -1
 * with `why` when the condition does not parse. */
int ju_results_table(ju_arena *a, const ju_results *r, int form, const char *question, const char *cond,
                     ju_table *out, const char **why);

/* ju_results_running() is the running total of a table's first n cells
 * (cells 0..k for each k): fiscal years of a start-year question add up to
 * the bodies implementing in each year. */
long *ju_results_running(ju_arena *a, const ju_table *t, size_t n);

#endif
