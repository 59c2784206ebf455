/* chartspec.h — the chart list: charts described as data.
 *
 * templates/charts.ini holds a [style] section (fonts, palette, source line)
 * and one section per chart, in the order of the summary. A chart names its
 * kind, its question(s), segments or years, and optional texts; titles and
 * base captions default to the codebook's. The C code knows kinds of charts
 * (ju_chartkind), never question numbers. Read like every template
 * (inifile.h); every entry keeps its position, so a problem found when the
 * chart is built from the data is reported at charts.ini:line:col. */
#ifndef JU_CHARTSPEC_H
#define JU_CHARTSPEC_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "inifile.h"
#include "status.h"

typedef enum {
    JU_CHART_PIE,      /* share of a single-choice question (donut with `center`) */
    JU_CHART_STACK,    /* 100% horizontal bars: one row per segment or year */
    JU_CHART_BARS,     /* horizontal bars per option (multi) or choice, sorted by share; `compare = previous` groups years */
    JU_CHART_COLUMNS,  /* columns per bin of a count question (カウントしていない, 無回答 as own columns) */
    JU_CHART_ADOPTION, /* implementing bodies per fiscal year, new ones distinguished, 移行準備 beside */
    JU_CHART_TILEMAP,  /* the 62 municipalities as tiles coloured by a category */
    JU_CHART_CALLOUT,  /* big numbers: sums or top values */
    JU_CHART_KIND_COUNT
} ju_chartkind;

/* ju_chartkind_name() is the word used in charts.ini ("pie", …). */
const char *ju_chartkind_name(ju_chartkind k);

typedef struct {
    const char *id;        /* section name: the output file name */
    const ju_inisection *section; /* as written: its entries' positions */
    ju_chartkind kind;
    const char *form;      /* the question's form: "council" of question = council.S2; NULL for the first */
    const char *question;  /* the tabulated question, without its form */
    const char *segment;   /* pie/bars/columns: a condition on the respondents ("all", "Q1=1", "Q1=2,3") */
    const char *rows;      /* stack: conditions, ';'-separated, "prev:" for the previous year: "prev:all; all" */
    const char *row_labels;/* stack/callout: labels for rows/values, ';'-separated */
    const char *labels;    /* the chart's own wording of choices: "Q15_1_3=…; Q15_1_5=…" */
    const char *compare;   /* bars: "previous" to set last year's bars beside */
    const char *sort;      /* bars: "share" (default) or "codebook" */
    const char *center;    /* pie: a category whose percent is written in the middle (donut) */
    const char *values;    /* callout: statistics, ';'-separated: "sum:Q23; sum:Q24" or "top:Q21" */
    const char *status;    /* adoption/tilemap: a condition naming the status codes, "Q1=2,3" */
    const char *title;     /* default: the question's short label; placeholders as in the report */
    const char *caption;   /* default: n=… (base label) and （複数回答） */
    const char *note;      /* a line under the chart */
    double width, height;  /* in points (default 640 × 400) */
} ju_chartspec;

/* ju_chartspec_entry() is the entry of `key` in the chart's section (the
 * last, if repeated), or NULL: where to report a problem with it. */
const ju_inientry *ju_chartspec_entry(const ju_chartspec *s, const char *key);

typedef struct {
    const char *font;          /* pango family, e.g. "BIZ UDPGothic" */
    unsigned palette[12];      /* 0xRRGGBB; categories take them in order */
    size_t npalette;
    unsigned no_answer;        /* colour of 無回答 */
    unsigned not_counted;      /* colour of カウントしていない */
    unsigned ink, muted, grid; /* text, secondary text, rules */
    const char *source;        /* source line; {publisher} {title} {wareki} are filled in */
    double png_scale;          /* PNG pixels per point (2 = slides) */
} ju_chartstyle;

/* ju_chartstyle_tint() is `c` lightened towards white by t (0: itself, 1: white). */
unsigned ju_chartstyle_tint(unsigned c, double t);

/* ju_chartstyle_lightness() is the CIE L* of an sRGB colour (0 black … 100
 * white): how light it prints in grey. */
double ju_chartstyle_lightness(unsigned c);

/* ju_chartstyle_category() is the colour of a table's category `category`
 * (JU_CAT_NO_ANSWER and JU_CAT_NOT_COUNTED their greys), else the palette's
 * colour at `index`, the category's place among the choices. */
unsigned ju_chartstyle_category(const ju_chartstyle *st, const char *category, size_t index);

/* ju_chartstyle_previous() is the previous year beside this one: this
 * year's colour (the palette's first), muted. */
unsigned ju_chartstyle_previous(const ju_chartstyle *st);

typedef struct {
    const char *path;
    ju_ini ini;                /* the file as read */
    ju_chartstyle style;
    const ju_inientry *source_entry; /* [style] source, for its placeholders */
    ju_chartspec *charts;
    size_t n;
} ju_chartlist;

/* ju_chart_id_valid() is true for a chart name that can be a file name:
 * 1–64 ASCII letters, digits, '_' and '-', not starting with '_' or '-'. */
bool ju_chart_id_valid(const char *id);

/* ju_chartlist_load() reads a chart list. Unknown kinds and keys, bad sizes
 * and colours, a chart without kind or question are errors at their
 * file:line:col. What needs the data (questions, conditions, placeholders) is
 * checked when each chart is built (chartdata.h). */
ju_status ju_chartlist_load(ju_arena *a, ju_diags *d, const char *path, ju_chartlist *out);

#endif
