/* phrases.c — phrase boundaries from MeCab; see phrases.h. */
#define _DEFAULT_SOURCE
#include "phrases.h"

#include <mecab.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "i18n.h"
#include "xxh64.h"

#ifndef JU_MECAB_DICDIR
#define JU_MECAB_DICDIR "/var/lib/mecab/dic/ipadic-utf8"
#endif

static mecab_t *tagger;
static bool tried;
static const char *failure;
static bool no_memory; /* the dictionary is there, the memory to map it was not */

/* the texts already read: a direct-mapped cache, by hash */
enum { SLOTS = 1024 };
typedef struct {
    uint64_t hash;
    char *text;
    unsigned char *breaks;
    size_t n;
} slot;
static slot cache[SLOTS];
static unsigned char *scratch;
static size_t scratch_cap;

static void start(void);

bool ju_phrases_available(const char **why)
{
    start();
    if (why)
        *why = failure;
    return tagger != NULL;
}

static void start(void)
{
    if (tried)
        return;
    tried = true;
    /* this dictionary and no other: the rules below read its parts of speech */
    tagger = mecab_new2("-d " JU_MECAB_DICDIR);
    if (tagger)
        return;
    failure = mecab_strerror(NULL);
    /* MeCab maps its dictionary's files and allocates its buffers: under a
     * memory limit it cannot, and says only that it cannot open them. An
     * installed dictionary and no room for it (and 16 MB more) is memory
     * run out. */
    static const char *const files[] = {"sys.dic", "matrix.bin", "char.bin", "unk.dic"};
    size_t need = 16u << 20;
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char path[sizeof JU_MECAB_DICDIR + 16];
        snprintf(path, sizeof path, "%s/%s", JU_MECAB_DICDIR, files[i]);
        struct stat st;
        if (stat(path, &st) != 0)
            return; /* not installed: the warning says so */
        need += (size_t)st.st_size;
    }
    void *p = mmap(NULL, need, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        no_memory = true;
    else
        munmap(p, need);
}

/* a token's part of speech: the first two fields of MeCab's feature, and the base form */
typedef struct {
    char pos[16], sub[16], base[16];
    const char *surface;
    size_t length;
} token;

static void field(const char *feature, int k, char *out, size_t cap)
{
    const char *p = feature;
    for (int i = 0; i < k && p; i++) {
        p = strchr(p, ',');
        if (p)
            p++;
    }
    size_t n = p ? strcspn(p, ",") : 0;
    if (n >= cap)
        n = cap - 1;
    if (p)
        memcpy(out, p, n);
    out[n] = '\0';
}

static bool is(const char *a, const char *b)
{
    return strcmp(a, b) == 0;
}

static bool range_mark(const token *t)
{
    static const char *const marks[] = {"～", "〜", "~", "-", "－", "‐", "―", NULL};
    for (int i = 0; marks[i]; i++)
        if (t->length == strlen(marks[i]) && memcmp(t->surface, marks[i], t->length) == 0)
            return true;
    return false;
}

/* a list's mark (◆ UR・JKK ◆ 不動産業者): it opens an item, as a bracket opens */
static bool list_mark(const token *t)
{
    static const char *const marks[] = {"◆", "◇", "▶", "■", "□", "●", "○", "◎", "※", NULL};
    for (int i = 0; marks[i]; i++)
        if (t->length >= strlen(marks[i]) && memcmp(t->surface, marks[i], strlen(marks[i])) == 0)
            return true;
    return false;
}

/* a token that begins with a character no line may begin with (kinsoku) */
static bool closes(const token *t)
{
    static const char *const marks[] = {"、", "。", "，", "．", "）", "」", "』", "】", "〕", "〉", "》", "・", "ー", "～",
                                        "〜", "々", "ゝ", "ゞ", "…", ")", ",", ".", ":", ";", "!", "?", "！", "？", "%",
                                        "％", NULL};
    for (int i = 0; marks[i]; i++)
        if (t->length >= strlen(marks[i]) && memcmp(t->surface, marks[i], strlen(marks[i])) == 0)
            return true;
    return false;
}

/* the break before token `t`, which follows `prev` */
static unsigned char break_before(const token *prev, const token *t)
{
    if (closes(t) || list_mark(prev))
        return JU_BREAK_NEVER;
    if (list_mark(t))
        return JU_BREAK_PHRASE;
    if (is(t->pos, "助詞") || is(t->pos, "助動詞"))
        return JU_BREAK_NEVER;
    if (is(t->pos, "動詞") && is(t->sub, "非自立") && is(prev->pos, "助詞") && is(prev->sub, "接続助詞"))
        return JU_BREAK_INNER; /* して|いない */
    if ((is(t->pos, "動詞") || is(t->pos, "形容詞") || is(t->pos, "名詞")) &&
        (is(t->sub, "非自立") || is(t->sub, "接尾")))
        return JU_BREAK_NEVER;
    if (is(t->pos, "記号") && !is(t->sub, "括弧開"))
        return JU_BREAK_NEVER;
    if (is(prev->pos, "接頭詞") || (is(prev->pos, "記号") && is(prev->sub, "括弧開")) || range_mark(prev))
        return JU_BREAK_NEVER;
    if (is(t->pos, "動詞") && is(t->base, "する") && is(prev->pos, "名詞") && is(prev->sub, "サ変接続"))
        return JU_BREAK_NEVER;
    if (is(prev->pos, "名詞") && is(prev->sub, "数") && (is(t->pos, "名詞") || is(t->sub, "括弧開")))
        return JU_BREAK_NEVER; /* 23地区, 4月, 1,527, 21（70.0%） */
    if (is(t->pos, "名詞") && is(prev->pos, "名詞"))
        return JU_BREAK_INNER;
    if (is(t->pos, "動詞") && is(prev->pos, "動詞") && !is(prev->sub, "非自立"))
        return JU_BREAK_INNER; /* 書き|込む */
    return JU_BREAK_PHRASE;
}

/* one paragraph (no '\n'), its breaks into out (already zeroed) */
static void paragraph(const char *text, size_t n, unsigned char *out)
{
    if (n == 0)
        return;
    out[0] = JU_BREAK_PHRASE;
    const mecab_node_t *node = mecab_sparse_tonode2(tagger, text, n);
    token prev = {"", "", "", "", 0};
    bool first = true;
    for (; node; node = node->next) {
        if (node->stat == MECAB_BOS_NODE || node->stat == MECAB_EOS_NODE || node->length == 0)
            continue;
        token t;
        field(node->feature, 0, t.pos, sizeof t.pos);
        field(node->feature, 1, t.sub, sizeof t.sub);
        field(node->feature, 6, t.base, sizeof t.base);
        t.surface = node->surface;
        t.length = node->length;
        size_t at = (size_t)(node->surface - text);
        bool spaced = (at > 0 && (text[at - 1] == ' ' || text[at - 1] == '\t')) || /* words the writer set apart */
                      (at >= 3 && memcmp(text + at - 3, "\xE3\x80\x80", 3) == 0);      /* also by a full-width space */
        if (at < n && !first)
            out[at] = spaced && !closes(&t) ? JU_BREAK_PHRASE : break_before(&prev, &t);
        first = false;
        prev = t;
    }
}

const unsigned char *ju_phrase_breaks(const char *text, size_t n)
{
    start();
    ju_xxh64 h;
    ju_xxh64_init(&h);
    ju_xxh64_update(&h, text, n);
    uint64_t key = ju_xxh64_digest(&h);
    slot *s = &cache[key % SLOTS];
    if (s->text && s->hash == key && s->n == n && memcmp(s->text, text, n) == 0)
        return s->breaks;
    if (n + 1 > scratch_cap) {
        unsigned char *p = realloc(scratch, n + 1);
        if (!p)
            return NULL;
        scratch = p;
        scratch_cap = n + 1;
    }
    unsigned char *out = scratch;
    memset(out, JU_BREAK_NEVER, n + 1);
    if (!tagger) { /* no analyser: every character boundary, as pango breaks */
        for (size_t i = 0; i < n; i++)
            out[i] = ((unsigned char)text[i] & 0xC0) != 0x80 ? JU_BREAK_PHRASE : JU_BREAK_NEVER;
        return out;
    }
    for (size_t i = 0; i < n;) {
        size_t e = i;
        while (e < n && text[e] != '\n')
            e++;
        paragraph(text + i, e - i, out + i);
        if (e < n)
            out[e] = JU_BREAK_NEVER; /* the line end itself: pango breaks there */
        i = e + 1;
    }
    /* kept for the next time the same text is laid out */
    char *copy = malloc(n + 1);
    unsigned char *keep = malloc(n + 1);
    if (copy && keep) {
        free(s->text);
        free(s->breaks);
        memcpy(copy, text, n);
        copy[n] = '\0';
        memcpy(keep, out, n + 1);
        *s = (slot){key, copy, keep, n};
        return keep;
    }
    free(copy);
    free(keep);
    return out;
}

size_t ju_phrase_next(const unsigned char *breaks, size_t s, size_t e, unsigned char level)
{
    size_t k = s + 1;
    while (k < e && breaks[k] < level)
        k++;
    return k < e ? k : e;
}

ju_status ju_phrases_start(ju_diags *d)
{
    const char *why;
    if (ju_phrases_available(&why))
        return JU_OK;
    if (no_memory)
        return JU_ERR_NOMEM;
    ju_diag_add(d, JU_SEV_WARNING, NULL, 0, 0,
                    _("the morphological analyser MeCab cannot start (%s): Japanese lines may break inside words; "
                      "install libmecab2 and mecab-ipadic-utf8 (.ci/setup does)"),
                    why && *why ? why : JU_MECAB_DICDIR);
    return JU_OK;
}
