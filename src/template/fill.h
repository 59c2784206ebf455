/* fill.h — placeholders in the report's text, filled from the data.
 *
 * The analysts write sentences; numbers and names come only from here. A
 * placeholder is {NAME} (a survey.ini field or a year: {title} {wareki} {R-1}
 * …) or {KIND:ARGS}, where most ARGS are a condition on one form's answers,
 * written like a base definition, optionally with the form and a restriction:
 *     {n:Q2=1}                 23      respondents meeting the condition
 *     {base:Q9 in Q1_2=1}      10      the base of the condition's first question (∩ restriction)
 *     {pct:Q22=1}              70.0%
 *     {wari:Q2=1} {frac:Q6_1=1} {approx:Q9=1} {half:Q3=1}   7割以上, 2/3, 約1/3, 半数以上 (phrase.h)
 *     {some:Q23 nc}            nothing, but leaves the sentence out when no one meets the condition
 *     {sum:Q23} {top:Q21:2} {nc:Q21}   a count question's total, 2nd largest value, カウントしていない
 *     {names:Q1=2}             荒川区、足立区、…  (master-list order)
 *     {kinds:Q1=1}             区市     the kinds of body among them (特別区 → 区), in master-list order
 *     {chosen:Q10} {chosen:Q10:　◆}  UR・JKK、不動産業者・大家、…  the choices someone chose (その他 left out)
 *     {responses:council} {expected:council} {rate:all}   62, 62, 100%
 *     {change:Q5=1} or {change:Q10_1=1;Q10_2=1::増えている:減っている}
 *                              the share against the previous year: 変化はなかった / 増加した / 減少した
 *                              (or the words given); all conditions must move the same way
 * council.Q3=1 reads the council form. Text in [square brackets] is optional:
 * when a figure inside cannot be computed (no previous year, a count of 0 for
 * a phrase) the brackets vanish with their text; outside brackets the whole
 * sentence is left out. \n is a line break. */
#ifndef JU_FILL_H
#define JU_FILL_H

#include <stdbool.h>

#include "arena.h"
#include "diag.h"
#include "inifile.h"
#include "results.h"

typedef struct {
    const ju_results *results;
    const ju_results *previous; /* NULL without a previous year */
} ju_facts;

/* Where a text comes from, for errors. */
typedef struct {
    const char *file;
    const ju_inientry *entry; /* its lines and columns */
    const char *what;       /* "[plan] bullet" */
} ju_textpos;

/* ju_fill() returns the entry's text with its placeholders filled, or NULL
 * when the sentence is left out. A placeholder the template gets wrong
 * (unknown kind, a question the codebook lacks) is an error at its position
 * (the caller sees the run's error count grow) and also yields NULL. */
const char *ju_fill(ju_arena *a, ju_diags *d, const ju_facts *f, const ju_textpos *pos);



#endif
