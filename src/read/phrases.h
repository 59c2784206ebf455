/* phrases.h — where a line may break in a Japanese text: between its
 * phrases (文節), never inside a word, as the morphological analyser MeCab
 * (with the IPA dictionary, Debian's mecab-ipadic-utf8) reads the words.
 *
 * A break is a phrase break before an independent word (a noun, a verb, an
 * adjective, an adverb, an opening bracket …). There is none inside a word,
 * before a particle, an auxiliary, a suffix, a counter, a dependent verb or
 * noun, a closing bracket or another mark, after a prefix or an opening
 * bracket, between a サ変 noun and する, nor between a number and its unit or
 * the range it ends (40回, 23地区, 10〜19回, 4月～). Inside a phrase there
 * is a weaker break, for a phrase wider than its line: between two nouns of a
 * compound (地域|協議会, SDGs|計画) and before a dependent verb after て
 * (カウントして|いない, 位置づけて|いる). A line end ('\n') is a paragraph's end.
 *
 * The analyser is started once per process, when first needed; its answers
 * for a text are kept (a text is laid out several times while it is
 * measured). Where it cannot be started (no dictionary), every character
 * boundary is a phrase break, as before it, and ju_phrases_available() says
 * so. */
#ifndef JU_PHRASES_H
#define JU_PHRASES_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "status.h"

enum {
    JU_BREAK_NEVER = 0,    /* inside a word, or before what belongs to the word before */
    JU_BREAK_INNER = 1,    /* inside a phrase: between the nouns of a compound, before いる after て */
    JU_BREAK_PHRASE = 2,   /* between phrases */
};

/* ju_phrase_breaks() returns, for each byte i of text[0..n), the break a
 * line may take just before byte i (JU_BREAK_NEVER but at the first byte of
 * a character; byte 0 and the byte after a '\n' are JU_BREAK_PHRASE). The
 * array is owned by the module and valid until the next call. */
const unsigned char *ju_phrase_breaks(const char *text, size_t n);

/* ju_phrase_next() is the first byte after s, before e, where `breaks`
 * allows a break of at least `level` (e when there is none): the end of the
 * piece of text that starts at s. */
size_t ju_phrase_next(const unsigned char *breaks, size_t s, size_t e, unsigned char level);

/* ju_phrases_available() starts the analyser if need be; false when it
 * cannot be started (why: MeCab's message, for a warning). */
bool ju_phrases_available(const char **why);

/* ju_phrases_start() starts the analyser (report and sheets, once, before
 * they lay anything out): JU_ERR_NOMEM when its dictionary is installed but
 * there is no memory to map it, and otherwise JU_OK, with a warning in `d`
 * when it cannot start (the lines then break at any character). */
ju_status ju_phrases_start(ju_diags *d);

#endif
