/* fuzz.h — what the fuzz targets share.
 *
 * Each target is a libFuzzer entry point, LLVMFuzzerTestOneInput(), that
 * hands its input to one of jusou's readers the way the command would: as a
 * file in a folder (so the whole path through source.c is exercised) with
 * the bundled codebook, master list and templates around it. Built with
 * -Dfuzz=true (clang) it links libFuzzer; otherwise replay.c gives it a main()
 * that replays a corpus folder, which `meson test --suite fuzz` runs. */
#ifndef JU_FUZZ_H
#define JU_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* LLVMFuzzerInitialize() installs the bundled words.ini as the wording of
 * the run (lexicon.h), as the command does before reading anything; libFuzzer
 * and replay.c call it once. */
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* fuzz_dir() is a private temporary folder, made on first use and removed at
 * exit; fuzz_path() is a path inside it. */
const char *fuzz_dir(void);
const char *fuzz_path(const char *name);

/* fuzz_write() writes bytes to fuzz_path(name), creating its folder. */
void fuzz_write(const char *name, const uint8_t *data, size_t size);

/* fuzz_copy() copies a file of the jusou tree (relative to the top folder,
 * where the targets run) to fuzz_path(name). */
void fuzz_copy(const char *from, const char *name);

/* fuzz_split() cuts the input at each "\n--8<--\n" into at most `max` parts
 * (the codebook target feeds one file per part). Returns the count. */
size_t fuzz_split(const uint8_t *data, size_t size, const uint8_t **parts, size_t *sizes, size_t max);

#endif
