/* fuzz_common.c — see fuzz.h. */
#define _XOPEN_SOURCE 700
#include "fuzz.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "words.h"

static char dir[64];
static char path[512];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    static ju_arena *a; /* kept for the life of the process */
    static ju_words words;
    a = ju_arena_new();
    ju_diags d;
    ju_diags_init(&d, a);
    if (ju_words_load(a, &d, "templates/2024/words.ini", &words) != JU_OK)
        __builtin_trap();
    return 0;
}

static int remove_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    remove(p);
    return 0;
}

static void cleanup(void)
{
    nftw(dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
}

const char *fuzz_dir(void)
{
    if (!dir[0]) {
        strcpy(dir, "/tmp/jusou-fuzz-XXXXXX");
        if (!mkdtemp(dir)) {
            perror("mkdtemp");
            exit(2);
        }
        atexit(cleanup);
    }
    return dir;
}

const char *fuzz_path(const char *name)
{
    snprintf(path, sizeof path, "%s/%s", fuzz_dir(), name);
    return path;
}

void fuzz_write(const char *name, const uint8_t *data, size_t size)
{
    char p[512];
    snprintf(p, sizeof p, "%s", fuzz_path(name));
    for (char *s = p + strlen(fuzz_dir()) + 1; *s; s++)
        if (*s == '/') {
            *s = '\0';
            mkdir(p, 0777);
            *s = '/';
        }
    FILE *f = fopen(p, "wb");
    if (!f) {
        perror(p);
        exit(2);
    }
    if (size && fwrite(data, 1, size, f) != size) {
        perror(p);
        exit(2);
    }
    fclose(f);
}

void fuzz_copy(const char *from, const char *name)
{
    FILE *f = fopen(from, "rb");
    if (!f) {
        perror(from);
        exit(2);
    }
    static uint8_t buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    fuzz_write(name, buf, n);
}

size_t fuzz_split(const uint8_t *data, size_t size, const uint8_t **parts, size_t *sizes, size_t max)
{
    static const char sep[] = "\n--8<--\n";
    size_t k = 0, start = 0, seplen = sizeof sep - 1;
    for (size_t i = 0; i + seplen <= size && k + 1 < max; i++)
        if (memcmp(data + i, sep, seplen) == 0) {
            parts[k] = data + start;
            sizes[k++] = i - start;
            start = i + seplen;
            i = start - 1;
        }
    parts[k] = data + start;
    sizes[k++] = size - start;
    return k;
}
