/* dataset.h — a survey year's responses as typed answers, with bases.
 *
 * ju_dataset_read() reads every form's file of a data folder, checks each
 * cell against the codebook and the questionnaire's file rules (errors at
 * file:line:col naming the question), then decides for every respondent and
 * question whether the respondent is in the question's base. An answer given
 * outside the base is a warning and is dropped: it is NA from then on, also
 * for the bases of questions that depend on it. */
#ifndef JU_DATASET_H
#define JU_DATASET_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "codebook.h"
#include "text.h"
#include "diag.h"
#include "master.h"
#include "status.h"
#include "survey.h"

typedef enum {
    JU_ANS_NA = 0, /* blank: 無回答 (or dropped: see `ignored`) */
    JU_ANS_VALUE,  /* an answer: see value / text */
    JU_ANS_NC      /* count: カウントしていない */
} ju_anskind;

/* 16 bytes: a file's answers are the bulk of a run's memory. A question has
 * either a value or a text, never both (conditions compare values only). */
typedef struct {
    union {
        long long value;  /* single code, year, count; multi: mask of chosen options (bit k = option k) */
        const char *text; /* text: the answer verbatim (LF line ends); code/name: the cell */
    };
    unsigned line;     /* where the answer's cell starts in the file */
    unsigned col : 29;
    unsigned kind : 2;    /* ju_anskind */
    unsigned ignored : 1; /* answered outside the base: dropped, with a warning */
} ju_answer;
_Static_assert(sizeof(ju_answer) == 16, "an answer stays 16 bytes");

typedef struct {
    const char *code;     /* 全国地方公共団体コード */
    int master;           /* index in the master list */
    ju_answer *answers;   /* one per question of the form */
    bool *in_base;        /* one per question */
    long long segment;    /* the segmenting question's code, or -1 */
} ju_respondent;

typedef struct {
    const ju_form *form;
    const char *path;
    ju_encoding encoding;
    ju_respondent *rows;
    size_t n;
    const char **unknown_columns; /* memo columns, reported and ignored */
    size_t nunknown;
    int *missing;                 /* master indexes with no row */
    size_t nmissing;
    int *row_of;                  /* per master index: its row in `rows`, or -1 */
    size_t master_n;
} ju_formdata;

typedef struct {
    const ju_survey *survey;
    const ju_codebook *codebook;
    const ju_master *master;
    ju_formdata *forms; /* parallel to codebook->forms */
    size_t nforms;
} ju_dataset;

/* ju_dataset_read() reads the forms of `survey->dir`. It returns JU_ERR_DATA
 * if any cell broke a rule (all of a file's errors are reported, up to the
 * limit), JU_ERR_IO if a file could not be read. */
ju_status ju_dataset_read(ju_arena *a, ju_diags *d, const ju_survey *survey, const ju_codebook *cb,
                          const ju_master *master, ju_dataset *out);

/* ju_answer_chosen() is true when option bit `opt` of a multi answer is set. */
bool ju_answer_chosen(const ju_answer *ans, int opt);

/* ju_respondent_matches() is true when the respondent's answers (as read,
 * with answers outside their base dropped) satisfy definition `b`. */
bool ju_respondent_matches(const ju_respondent *r, const ju_base *b);

/* ju_formdata_find() is the index in fd->rows of the respondent with master
 * index `m`, or -1 (constant time). */
int ju_formdata_find(const ju_formdata *fd, int m);

#endif
