/* i18n.h — messages in the user's language.
 *
 * Every message jusou prints (errors, warnings, notes, --help, progress and
 * the closing line) is written in English in the code and marked _() for
 * gettext; src/po/ja.po is the Japanese catalogue, compiled by the build
 * into build/src/locale/ja/LC_MESSAGES/jusou.mo. main.c binds the domain to
 * that folder and follows the locale (LANG, LC_ALL, LC_MESSAGES, LANGUAGE):
 * ja_JP.UTF-8 gives Japanese, C gives English. The outputs' own wording
 * is not a message: it is the templates' words.ini (lexicon.h). */
#ifndef JU_I18N_H
#define JU_I18N_H

#include <libintl.h>

#define JU_TEXT_DOMAIN "jusou"

#define _(s) gettext(s)
#define N_(s) s

#endif
