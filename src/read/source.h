/* source.h — reading an input file as UTF-8 text, the same way for every file.
 *
 * Response files, the codebook, the master list, survey.ini and every
 * template go through ju_source_read(): the file must be a regular file (a
 * folder, FIFO or device is refused at once, before anything reads from it),
 * at most JU_SOURCE_MAX_BYTES, and decodable (text.h: UTF-8 with or without
 * BOM, or CP932). A NUL byte or an undecodable byte is an error at its
 * file:line:col. Reading costs one copy of the file: the bytes are read into
 * one exactly sized block and decoded in place when they are UTF-8. */
#ifndef JU_SOURCE_H
#define JU_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "status.h"
#include "text.h"

enum { JU_SOURCE_MAX_BYTES = 256 * 1024 * 1024 };

typedef struct {
    const char *path;   /* as the user named it, for diagnostics */
    char *text;         /* decoded UTF-8 without BOM, NUL-terminated, owned by the arena */
    size_t len;
    ju_encoding encoding;
} ju_source;

/* ju_source_read() reads and decodes the file at `path`. A file that cannot
 * be opened or read, or is not a regular file, gives JU_ERR_IO; a file too
 * large or not decodable gives JU_ERR_DATA; both with a diagnostic naming
 * the file. An empty file is not an error here: callers say what an empty
 * file means to them (ju_source_blank()). */
ju_status ju_source_read(ju_arena *a, ju_diags *d, const char *path, ju_source *out);

/* ju_source_decode() does the same for bytes in memory (tests, fuzzing). */
ju_status ju_source_decode(ju_arena *a, ju_diags *d, const char *path, const unsigned char *bytes, size_t n,
                           ju_source *out);

/* ju_source_read_config() reads a configuration file (survey.ini, a
 * template) like ju_source_read(), where a file that cannot be decoded is
 * JU_ERR_CONFIG, and so is one holding only white space ("the <what> is
 * empty", with `hint` after it when not NULL). */
ju_status ju_source_read_config(ju_arena *a, ju_diags *d, const char *path, const char *what, const char *hint,
                                ju_source *out);

/* ju_source_blank() is true when the text holds only white space. */
bool ju_source_blank(const ju_source *s);

/* ju_is_dir() and ju_is_file() say whether `path` is a folder, or a regular
 * file (following links), as the commands look for their inputs. */
bool ju_is_dir(const char *path);
bool ju_is_file(const char *path);

/* ju_parent_dir() is the folder holding `path` ("data/2025/" → "data",
 * "2025" → ".", "/x" → "/"). */
const char *ju_parent_dir(ju_arena *a, const char *path);

#endif
