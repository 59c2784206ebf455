/* monthspan.c — month spans of 様式4 items; see monthspan.h. */
#include "monthspan.h"

#include "i18n.h"

#include <stdlib.h>
#include <string.h>

int ju_fiscal_index(int month)
{
    return (month + 8) % 12;
}

/* what a character of a span is, after full-width forms are folded */
enum { T_END, T_DIGIT, T_TO, T_SEP, T_MONTH, T_SPACE, T_OTHER };

/* the next character of `s` at *p: its kind, and its value for a digit */
static int next(const char *s, size_t *p, int *digit)
{
    static const struct { const char *text; int kind; } forms[] = {
        {"～", T_TO}, {"〜", T_TO}, {"~", T_TO}, {"-", T_TO}, {"－", T_TO}, {"―", T_TO}, {"‐", T_TO},
        {"、", T_SEP}, {",", T_SEP}, {"，", T_SEP}, {"・", T_SEP},
        {"月", T_MONTH}, {" ", T_SPACE}, {"　", T_SPACE},
    };
    const unsigned char *u = (const unsigned char *)s + *p;
    if (!*u)
        return T_END;
    if (*u >= '0' && *u <= '9') {
        *digit = *u - '0';
        (*p)++;
        return T_DIGIT;
    }
    if (u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99) { /* ０–９ */
        *digit = u[2] - 0x90;
        *p += 3;
        return T_DIGIT;
    }
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
        size_t n = strlen(forms[i].text);
        if (strncmp(s + *p, forms[i].text, n) == 0) {
            *p += n;
            return forms[i].kind;
        }
    }
    return T_OTHER;
}

/* a month number at *p (after spaces), 0 when there is none, -1 when it is
 * not 1–12 */
static int month_at(const char *s, size_t *p)
{
    size_t q = *p;
    int d, kind, value = 0, digits = 0;
    while ((kind = next(s, &q, &d)) == T_SPACE)
        *p = q;
    q = *p;
    while ((kind = next(s, &q, &d)) == T_DIGIT && digits < 3) {
        value = value * 10 + d;
        digits++;
        *p = q;
    }
    if (!digits)
        return 0;
    size_t r = *p;
    if (next(s, &r, &d) == T_MONTH) /* 4月 */
        *p = r;
    return value >= 1 && value <= 12 ? value : -1;
}

static unsigned range_bits(int from, int to)
{
    unsigned bits = 0;
    for (int i = from; i <= to; i++)
        bits |= 1u << i;
    return bits;
}

bool ju_span_parse(const char *s, int first, unsigned *months, const char **why)
{
    *months = 0;
    if (strstr(s, "随時"))
        return true;
    size_t p = 0;
    bool any = false;
    for (;;) {
        int d, a = month_at(s, &p);
        if (a < 0) {
            *why = N_("a month is 1 to 12");
            return false;
        }
        size_t q = p;
        int kind;
        while ((kind = next(s, &q, &d)) == T_SPACE)
            p = q;
        int from = a ? ju_fiscal_index(a) : -1, to = from;
        if (kind == T_TO) {
            p = q;
            int b = month_at(s, &p);
            if (b < 0) {
                *why = N_("a month is 1 to 12");
                return false;
            }
            if (!a && !b) {
                *why = N_("a range needs a month at one end at least");
                return false;
            }
            from = a ? ju_fiscal_index(a) : first;
            to = b ? ju_fiscal_index(b) : 11;
            if (to < from) {
                *why = N_("a range runs forward within the fiscal year (April to March)");
                return false;
            }
        } else if (!a) {
            *why = any ? N_("a month is missing after the separator") : N_("no month");
            return false;
        }
        *months |= range_bits(from, to);
        any = true;
        q = p;
        while ((kind = next(s, &q, &d)) == T_SPACE)
            p = q;
        if (kind == T_END)
            return true;
        if (kind != T_SEP) {
            *why = N_("write months as 4～7月, ～11月, 4月～ or 4、6月");
            return false;
        }
        p = q;
    }
}

/* the bracketed groups of `text`: the byte offsets of the content of the
 * group opening at or after *from, and of its closing bracket */
static bool group_at(const char *text, size_t *from, size_t *start, size_t *end)
{
    for (size_t i = *from; text[i]; i++) {
        size_t open = 0;
        if (strncmp(text + i, "（", 3) == 0)
            open = 3;
        else if (text[i] == '(')
            open = 1;
        if (!open)
            continue;
        for (size_t j = i + open; text[j]; j++) {
            size_t close = strncmp(text + j, "）", 3) == 0 ? 3 : text[j] == ')' ? 1 : 0;
            if (close) {
                *start = i + open;
                *end = j;
                *from = j + close;
                return true;
            }
        }
        return false;
    }
    return false;
}

/* whether a group's content is about months: 月, or a ～ beside a digit */
static bool about_months(const char *s, size_t n)
{
    char *t = strndup(s, n);
    if (!t)
        return false;
    bool yes = strstr(t, "月") != NULL;
    for (size_t p = 0; !yes && t[p];) {
        int d, kind = next(t, &p, &d);
        if (kind == T_OTHER)
            p++;
        else if (kind == T_TO) {
            size_t q = p;
            yes = next(t, &q, &d) == T_DIGIT;
        }
    }
    free(t);
    return yes;
}

int ju_span_in_text(const char *text, int first, unsigned *months, size_t *at, const char **why)
{
    size_t from = 0, start, end, last_start = 0, last_end = 0;
    bool found = false;
    while (group_at(text, &from, &start, &end))
        if (about_months(text + start, end - start)) {
            found = true;
            last_start = start;
            last_end = end;
        }
    *months = 0;
    if (!found)
        return 0;
    *at = last_start;
    char *inside = strndup(text + last_start, last_end - last_start);
    if (!inside) {
        *why = N_("out of memory");
        return -1;
    }
    bool ok = ju_span_parse(inside, first, months, why);
    free(inside);
    return ok ? 1 : -1;
}
