/* codebook.h — the questionnaire as data.
 *
 * A codebook is read from a folder of CSV files (forms, bases, questions,
 * choices, bins; layout in README「調査票の定義（codebook）」). The C code knows kinds of
 * questions, never question numbers: adding a question or renaming a choice
 * is an edit of those files. Everything is owned by the run's arena. */
#ifndef JU_CODEBOOK_H
#define JU_CODEBOOK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"
#include "format.h"
#include "lexicon.h"
#include "status.h"
#include "strmap.h"

/* The labels of the two categories every table may have, from words.ini. */
#define JU_LABEL_NO_ANSWER ju_lex("labels", "no_answer")
#define JU_LABEL_NOT_COUNTED ju_lex("labels", "not_counted")

typedef enum {
    JU_QT_CODE,   /* 全国地方公共団体コード: the respondent's key */
    JU_QT_NAME,   /* municipality name, must match the master list */
    JU_QT_SINGLE, /* one code of `choices` */
    JU_QT_MULTI,  /* one 0/1 column per choice (the choice's `column`) */
    JU_QT_COUNT,  /* non-negative integer, binned; optional not-counted flag */
    JU_QT_YEAR,   /* western fiscal year from `min` to the survey year */
    JU_QT_TEXT,   /* free text, verbatim */
    JU_QT_COUNT_OF_TYPES
} ju_qtype;

/* ju_qtype_name() is the codebook's word for a type ("single", …). */
const char *ju_qtype_name(ju_qtype t);

enum {
    JU_MAX_OPTIONS = 64,   /* multi options are kept in a 64-bit mask: bits 0..63 */
    JU_MAX_CHOICES = 1000, /* single-choice codes of one question */
    JU_FIRST_YEAR = 1900,  /* the earliest 'min' of a year question */
};

typedef struct {
    const char *code;  /* as written in the codebook: "1" or "Q6_1" */
    long long value;   /* single: the integer code; multi: the option's bit index */
    const char *label;
} ju_choice;

typedef struct {
    long long lower;   /* the bin runs from `lower` to the next bin's lower − 1 */
    const char *label;
} ju_bin;

/* One condition of a base definition. `question` indexes the form's questions;
 * for a multi option column (Q6_6=1) `option` is the option's bit, else -1. */
typedef enum {
    JU_COND_ALL, JU_COND_IN, JU_COND_LE, JU_COND_GE, JU_COND_LT, JU_COND_GT, JU_COND_ANSWERED,
    JU_COND_NOT_COUNTED /* "Q21 nc": the count's カウントしていない flag is set */
} ju_condop;

typedef struct {
    ju_condop op;
    int question;
    int option;
    long long *values; /* JU_COND_IN: the accepted values; comparisons: values[0] */
    size_t nvalues;
} ju_cond;

typedef struct {
    ju_cond *conds; /* all must hold */
    size_t n;
} ju_term;

typedef struct {
    const char *id;
    const char *definition; /* as written */
    const char *label;      /* 令和6年度実施地区 … */
    ju_term *terms;         /* any may hold */
    size_t nterms;
    int row;                /* its row in bases.csv */
} ju_base;

typedef struct {
    const char *id;    /* the column name (multi: the stem) */
    ju_qtype type;
    const char *label;
    const char *short_label; /* falls back to label */
    const char *unit;        /* counts: 年/回/件/人, else "" */
    int base;                /* index into the form's bases */
    ju_choice *choices;      /* single, multi; year: generated per year */
    size_t nchoices;
    ju_bin *bins;            /* count: at least one, the first at 0 */
    size_t nbins;
    const char *nc;          /* count: the not-counted flag column, or NULL */
    long long min;           /* year: first valid year */
    int top;                 /* count: how many top values to list */
    int year_offset;         /* the year it counts, from the survey's: 0, or −1 for last year's figures */
    int line;                /* its row in questions.csv */
} ju_question;

typedef struct {
    const char *id;         /* municipality, council */
    const char *file;       /* municipality.csv */
    const char *label;      /* 自治体票 */
    const char *respondent; /* 自治体 */
    const char *segment_form;     /* the form whose question segments this one's rows */
    const char *segment_question; /* a single-choice question of that form */
    ju_question *questions;
    size_t nquestions;
    ju_base *bases;
    size_t nbases;
    int *order;          /* every question once, each after the questions its base reads */
    ju_strmap names;     /* question ids, option columns and not-counted columns (ju_form_name) */
    ju_strmap base_ids;
} ju_form;

/* What a name means in a form: a question, a multi question's option column,
 * or a count question's not-counted flag column. */
typedef enum { JU_NAME_QUESTION, JU_NAME_OPTION, JU_NAME_NC } ju_namekind;

typedef struct {
    ju_namekind kind;
    int question;
    int option; /* JU_NAME_OPTION: the option's bit, else -1 */
} ju_nameref;

/* ju_form_name() resolves the name s[0..n) in form `f` in constant time. */
bool ju_form_name(const ju_form *f, const char *s, size_t n, ju_nameref *out);

typedef struct {
    const char *dir;
    int year; /* the survey year the codebook was resolved for (Y in definitions) */
    ju_form *forms;
    size_t nforms;
    ju_strmap form_ids;
} ju_codebook;

/* ju_codebook_load() reads the codebook in `dir` for survey year `year`.
 * Every problem is a diagnostic at its file:line:col; the result is
 * JU_ERR_CONFIG if there was any. */
ju_status ju_codebook_load(ju_arena *a, ju_diags *d, const char *dir, int year, ju_codebook *out);

/* ju_condition_parse() reads a condition written like a base definition
 * ("Q9=1", "Q1=1 & Q1_1<=Y-1", "Q10_1=1 | Q10_2=1", "Q27 answered") against
 * form `f` for survey year `year`. On failure it returns false and sets `why`. */
bool ju_condition_parse(ju_arena *a, const ju_form *f, int year, const char *text, ju_base *out, const char **why);

/* ju_codebook_form() finds a form by id, or NULL. */
const ju_form *ju_codebook_form(const ju_codebook *cb, const char *id);
int ju_codebook_form_index(const ju_codebook *cb, const char *id);

/* ju_form_question() is the index of question `id` in `f`, or -1 (constant time). */
int ju_form_question(const ju_form *f, const char *id);

/* ju_form_key() is the index of the form's `code` question, or -1. */
int ju_form_key(const ju_form *f);

/* ju_question_choice() is the index of the choice with `value`, or -1. */
int ju_question_choice(const ju_question *q, long long value);

/* ju_bin_index() is the bin that holds `v`. */
size_t ju_bin_index(const ju_question *q, long long v);


#endif
