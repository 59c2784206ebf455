#!/usr/bin/python3
"""Differential test of jusou's tabulation against an independent oracle.

    differential.py --jusou PATH --seed N [--keep DIR] [--mode bundled|generated]

For a seed (even: the bundled codebook, odd: a generated one; --mode overrides), this script
  1. picks a codebook: either a copy of the bundled one (data/2025/codebook, year 2025) or one
     it generates itself for a random survey year (random questions of every type; single
     codes not always 1..k nor in numeric order; multi option columns named freely; bins,
     nc flags, top; labels with commas, quotes and line breaks; bases with '&', '|',
     Y/Y-k/Y+k, comparisons, value lists, multi option conditions and 'answered', some naming
     questions that come later in the codebook; segment_by the first question, another
     single question of either form, or none; forms in either order; other file names;
     survey.ini sometimes absent so the year comes from the folder name);
  2. generates random respondents (all or a subset of the 62 master codes, in random order)
     with random answers of every type, some blank, some given outside the question's base
     (skip-pattern violations: dropped, also from the bases that name them);
  3. writes each response file in a random form: UTF-8, UTF-8 with BOM or CP932; CRLF or LF;
     minimal, full or random RFC 4180 quoting; shuffled columns; memo columns; flags as 1/○
     and 0/blank; counts in ASCII, full-width digits, with thousands separators or both,
     up to 10^15; free text with commas, quotes, line breaks and CP932 extension characters;
  4. runs `jusou report --data <tmp>/<year> --no-previous --out <tmp>/out` from the top of the
     jusou folder (it reads data/municipalities.csv) and compares tables.csv, stats.csv and
     top.csv (BOM, LF, every row) with what this script's own oracle computes from the
     answers it generated and the codebook files it reads back; it also expects exactly one
     warning "outside the question's base" per dropped answer.

Year labels: 令和N年度 with N = year - 2018, 令和元年度 for 2019, 平成 before.
Exit 0 when everything matches, 1 on a mismatch or a jusou failure (the first differences
are printed), 2 on bad usage. Python standard library only.
"""

import argparse
import csv
import difflib
import io
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, '..', '..'))
MASTER = os.path.join(TOP, 'data', 'municipalities.csv')
BUNDLED_CODEBOOK = os.path.join(TOP, 'data', '2025', 'codebook')
BUNDLED_YEAR = 2025

KEEP_MARK = '.jusou-differential'
TABULATED = ('single', 'multi', 'count', 'year')
FULLWIDTH = str.maketrans('0123456789', '０１２３４５６７８９')


# --------------------------------------------------------------------------- codebook model

class Question:
    def __init__(self, form, qid, qtype, label, short='', unit='', base='all', bins='',
                 nc='', min_year='', top=''):
        self.form, self.id, self.type, self.label = form, qid, qtype, label
        self.short, self.unit, self.base, self.bins = short, unit, base, bins
        self.nc, self.min, self.top = nc, min_year, top
        self.choices = []          # [(code, label)]: single → int code, multi → option column

    def row(self):
        return [self.form, self.id, self.type, self.label, self.short, self.unit, self.base,
                self.bins, self.nc, self.min, self.top]


class Codebook:
    def __init__(self):
        self.forms = []            # [dict(form, file, label, respondent, segment_by)]
        self.questions = {}        # form -> [Question] in codebook order
        self.bases = {}            # form -> {id: (definition, label)}, insertion order kept
        self.bins = {}             # bins id -> [(lower, label)]

    def question(self, form, qid):
        for q in self.questions[form]:
            if q.id == qid:
                return q
        return None

    def option_owner(self, form):
        """multi option column -> its question"""
        own = {}
        for q in self.questions[form]:
            if q.type == 'multi':
                for code, _ in q.choices:
                    own[code] = q
        return own


def read_csv_dicts(path):
    with open(path, encoding='utf-8-sig', newline='') as f:
        return list(csv.DictReader(f))


def load_codebook(folder):
    """The oracle's own reading of a codebook folder (FORMAT.md)."""
    cb = Codebook()
    for r in read_csv_dicts(os.path.join(folder, 'forms.csv')):
        cb.forms.append(dict(r))
        cb.questions[r['form']] = []
        cb.bases[r['form']] = {}
    for r in read_csv_dicts(os.path.join(folder, 'bases.csv')):
        cb.bases[r['form']][r['id']] = (r['definition'], r['label'])
    for r in read_csv_dicts(os.path.join(folder, 'bins.csv')):
        cb.bins.setdefault(r['bins'], []).append((int(r['lower']), r['label']))
    for r in read_csv_dicts(os.path.join(folder, 'questions.csv')):
        cb.questions[r['form']].append(Question(
            r['form'], r['id'], r['type'], r['label'], r['short'], r['unit'], r['base'],
            r['bins'], r['nc'], r['min'], r['top']))
    for r in read_csv_dicts(os.path.join(folder, 'choices.csv')):
        q = cb.question(r['form'], r['question'])
        code = int(r['code']) if q.type == 'single' else r['code']
        q.choices.append((code, r['label']))
    return cb


def write_csv_utf8(path, header, rows):
    with open(path, 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        w.writerows(rows)


def save_codebook(cb, folder):
    os.makedirs(folder, exist_ok=True)
    write_csv_utf8(os.path.join(folder, 'forms.csv'),
                   ['form', 'file', 'label', 'respondent', 'segment_by'],
                   [[f['form'], f['file'], f['label'], f['respondent'], f['segment_by']]
                    for f in cb.forms])
    write_csv_utf8(os.path.join(folder, 'bases.csv'), ['form', 'id', 'definition', 'label'],
                   [[form, bid, d, lab] for form in cb.bases
                    for bid, (d, lab) in cb.bases[form].items()])
    write_csv_utf8(os.path.join(folder, 'bins.csv'), ['bins', 'lower', 'label'],
                   [[bid, str(lo), lab] for bid, lst in cb.bins.items() for lo, lab in lst])
    write_csv_utf8(os.path.join(folder, 'questions.csv'),
                   ['form', 'id', 'type', 'label', 'short', 'unit', 'base', 'bins', 'nc', 'min',
                    'top'],
                   [q.row() for f in cb.forms for q in cb.questions[f['form']]])
    write_csv_utf8(os.path.join(folder, 'choices.csv'), ['form', 'question', 'code', 'label'],
                   [[q.form, q.id, str(c), lab] for f in cb.forms
                    for q in cb.questions[f['form']] for c, lab in q.choices])


# --------------------------------------------------------------------------- base definitions

def parse_value(tok, year):
    tok = tok.strip()
    m = re.fullmatch(r'Y(?:([+-])(\d+))?', tok)
    if m:
        if not m.group(1):
            return year
        return year + int(m.group(2)) if m.group(1) == '+' else year - int(m.group(2))
    if not re.fullmatch(r'\d+', tok):
        raise ValueError('bad value in base definition: %r' % tok)
    return int(tok)


def parse_definition(text, year):
    """-> list of terms (OR), each a list of conditions (AND).
    A condition: ('all',) | ('answered', id) | (op, id, values)."""
    terms = []
    for term in text.split('|'):
        conds = []
        for cond in term.split('&'):
            cond = cond.strip()
            if cond == 'all':
                conds.append(('all',))
                continue
            m = re.fullmatch(r'(\w+) answered', cond)
            if m:
                conds.append(('answered', m.group(1)))
                continue
            m = re.fullmatch(r'(\w+)\s*(<=|>=|<|>|=)\s*(.+)', cond)
            if not m:
                raise ValueError('bad condition %r' % cond)
            ident, op, rest = m.groups()
            if op == '=':
                vals = [parse_value(v, year) for v in rest.split(',')]
            else:
                vals = [parse_value(rest, year)]
            conds.append((op, ident, vals))
        terms.append(conds)
    return terms


def definition_refs(text):
    """question ids / option columns a definition names (used by the generator)"""
    refs = []
    for term in text.split('|'):
        for cond in term.split('&'):
            cond = cond.strip()
            if cond == 'all':
                continue
            refs.append(re.match(r'\w+', cond).group(0))
    return refs


# --------------------------------------------------------------------------- respondents

class Respondent:
    """raw answers of one row: single/year/count -> int or None; count nc flag -> bool in
    nc[qid]; multi -> set of chosen option columns; text -> str ('' = blank)."""

    def __init__(self, form, code):
        self.form, self.code = form, code
        self.raw = {}
        self.nc = {}
        self.memo = {}
        self._clean = {}
        self._inbase = {}


class Oracle:
    def __init__(self, cb, year, respondents):
        self.cb, self.year = cb, year
        self.resp = respondents                # form -> [Respondent]
        self.by_code = {f: {r.code: r for r in rs} for f, rs in respondents.items()}
        self.owner = {f['form']: cb.option_owner(f['form']) for f in cb.forms}
        self.defs = {form: {bid: parse_definition(d, year) for bid, (d, _) in bases.items()}
                     for form, bases in cb.bases.items()}
        self.qmap = {f['form']: {q.id: q for q in cb.questions[f['form']]} for f in cb.forms}

    # cleaned answers: an answer given outside its question's base is blank everywhere
    def in_base(self, r, q):
        if q.id not in r._inbase:
            r._inbase[q.id] = None           # cycle guard
            terms = self.defs[q.form][q.base]
            r._inbase[q.id] = any(all(self.cond(r, c) for c in t) for t in terms)
        if r._inbase[q.id] is None:
            raise RuntimeError('cyclic base definitions at %s.%s' % (q.form, q.id))
        return r._inbase[q.id]

    def clean(self, r, qid):
        """-> (value, nc flag)"""
        if qid not in r._clean:
            q = self.qmap[r.form][qid]
            val, nc = r.raw.get(qid), r.nc.get(qid, False)
            if q.type == 'multi':
                val = set(val or ())
            elif q.type == 'text':
                val = val or ''
            if not self.in_base(r, q):
                val = set() if q.type == 'multi' else ('' if q.type == 'text' else None)
                nc = False
            r._clean[qid] = (val, nc)
        return r._clean[qid]

    def answered(self, r, qid):
        q = self.qmap[r.form][qid]
        val, nc = self.clean(r, qid)
        if q.type == 'multi':
            return bool(val)
        if q.type == 'text':
            return val.strip() != ''
        if q.type == 'count':
            return val is not None or nc
        return val is not None

    def cond(self, r, c):
        if c[0] == 'all':
            return True
        if c[0] == 'answered':
            ident = c[1]
            if ident in self.owner[r.form]:
                return ident in self.clean(r, self.owner[r.form][ident].id)[0]
            return self.answered(r, ident)
        op, ident, vals = c
        if ident in self.owner[r.form]:      # multi option column: '=1' means chosen
            chosen = ident in self.clean(r, self.owner[r.form][ident].id)[0]
            v = 1 if chosen else 0
        else:
            v = self.clean(r, ident)[0]
            if v is None:
                return False
        if op == '=':
            return v in vals
        x = vals[0]
        return {'<': v < x, '<=': v <= x, '>': v > x, '>=': v >= x}[op]

    # ------------------------------------------------------------------ tabulation
    def segmenter(self, form):
        spec = [f for f in self.cb.forms if f['form'] == form][0]['segment_by']
        if not spec:
            return None, None, []
        sform, sq = spec.split('.')
        q = self.qmap[sform][sq]

        def seg(r):
            src = self.by_code[sform].get(r.code)
            if src is None:
                return None
            return self.clean(src, sq)[0]
        return sq, seg, [c for c, _ in q.choices]

    def run(self):
        tables, stats, tops = [], [], []
        Y = str(self.year)
        for f in self.cb.forms:
            form = f['form']
            sq, seg, seg_codes = self.segmenter(form)
            for q in self.cb.questions[form]:
                if q.type not in TABULATED:
                    continue
                base = [r for r in self.resp[form] if self.in_base(r, q)]
                segments = [('all', base)]
                if sq:
                    for c in seg_codes:
                        members = [r for r in base if seg(r) == c]
                        if members:
                            segments.append(('%s=%s' % (sq, c), members))
                for sname, members in segments:
                    n = len(members)
                    head = [Y, form, q.id, sname, str(n)]
                    for cat, label, cnt in self.categories(q, members):
                        tables.append(head + [cat, label, str(cnt), percent(cnt, n)])
                    if q.type == 'count':
                        st, tp = self.count_stats(q, members)
                        stats.append(head + st)
                        tops.extend(head + t for t in tp)
        return tables, stats, tops

    def categories(self, q, members):
        vals = [self.clean(r, q.id) for r in members]
        out = []
        if q.type == 'single':
            for code, label in q.choices:
                out.append((str(code), label, sum(1 for v, _ in vals if v == code)))
            na = sum(1 for v, _ in vals if v is None)
        elif q.type == 'multi':
            for code, label in q.choices:
                out.append((code, label, sum(1 for v, _ in vals if code in v)))
            na = sum(1 for v, _ in vals if not v)
        elif q.type == 'year':
            for y in range(int(q.min), self.year + 1):
                out.append((str(y), wareki(y), sum(1 for v, _ in vals if v == y)))
            na = sum(1 for v, _ in vals if v is None)
        else:  # count
            bins = self.cb.bins[q.bins] if q.bins else [(0, '回答あり（%s数）' % q.unit)]
            lowers = [lo for lo, _ in bins]
            for i, (lo, label) in enumerate(bins):
                hi = lowers[i + 1] if i + 1 < len(lowers) else None
                out.append((str(lo), label, sum(1 for v, _ in vals if v is not None and v >= lo
                                                and (hi is None or v < hi))))
            if q.nc:
                out.append(('nc', 'カウントしていない', sum(1 for v, nc in vals if nc)))
            na = sum(1 for v, nc in vals if v is None and not nc)
        out.append(('NA', '無回答', na))
        return out

    def count_stats(self, q, members):
        vals = [self.clean(r, q.id) for r in members]
        nums = sorted(v for v, _ in vals if v is not None)
        ncs = sum(1 for v, nc in vals if v is None and nc)
        na = sum(1 for v, nc in vals if v is None and not nc)
        a = len(nums)
        if a:
            s = sum(nums)
            mid = a // 2
            twice = 2 * nums[mid] if a % 2 else nums[mid - 1] + nums[mid]
            median = str(twice // 2) if twice % 2 == 0 else '%d.5' % (twice // 2)
            st = [str(a), str(ncs), str(na), str(s), round1(s, a), median, str(nums[0]),
                  str(nums[-1])]
        else:
            st = [str(a), str(ncs), str(na), '', '', '', '', '']
        top = int(q.top) if q.top else 3
        distinct = sorted(set(nums), reverse=True)[:top]
        tp = [[str(i + 1), str(v), str(nums.count(v))] for i, v in enumerate(distinct)]
        return st, tp


def wareki(y):
    """fiscal year label: 令和N年度 (N = y - 2018), 令和元年度 for 2019, 平成 before"""
    if y >= 2019:
        return '令和%s年度' % ('元' if y == 2019 else y - 2018)
    return '平成%s年度' % ('元' if y == 1989 else y - 1988)


def round1(num, den):
    """num/den rounded half up to one decimal, printed with one decimal"""
    tenths = (20 * num + den) // (2 * den)
    return '%d.%d' % (tenths // 10, tenths % 10)


def percent(cnt, n):
    return round1(100 * cnt, n) if n else ''


# --------------------------------------------------------------------------- random text

WORDS = ['相談', '支援', '地域', '連携', '会議', '福祉', '拠点', '居場所', '多機関', '協働',
         '参加', '計画', '委託', '直営', '研修', '見守り', 'アウトリーチ', 'ひきこもり',
         'ヤングケアラー', '生活困窮', '民生委員', '社協', 'NPO', 'LINE', '窓口', '評価',
         '体制', '整備', '事業', 'その他', '学び', '交流', '多世代', '就労', '住まい']
CP932_EXTRA = ['①', '②', '⑩', '～', '髙', '㈱', '№', 'Ⅲ', '∵', '﨑', '纊', '－', '∥']
UTF8_ONLY = ['〜', '‖', '—', '𠮷', '😀', 'é', '\u00a0']


def rand_label(rng, punct=True):
    s = ''.join(rng.choice(WORDS) for _ in range(rng.randint(1, 4)))
    if punct and rng.random() < 0.25:
        s += rng.choice(['、その他', ',例', '（"A"）', '・B', '〈注〉', ' 再掲', '\n（複数回答）'])
    return s


def rand_text(rng, cp932):
    parts = []
    for _ in range(rng.randint(1, 6)):
        x = rng.random()
        if x < 0.5:
            parts.append(rng.choice(WORDS))
        elif x < 0.62:
            parts.append(rng.choice([',', '、', '，', ', ']))
        elif x < 0.72:
            parts.append(rng.choice(['"', '""', '「', '」', "'"]))
        elif x < 0.8:
            parts.append(rng.choice(['\n', '\r\n', '\n\n']))
        elif x < 0.92:
            parts.append(rng.choice(CP932_EXTRA))
        else:
            parts.append(rng.choice(UTF8_ONLY) if not cp932 else rng.choice(CP932_EXTRA))
    s = ''.join(parts)
    if not s.strip():
        s = '自由記述' + s
    return s


# --------------------------------------------------------------------------- codebook generator

UNITS = ['年', '回', '件', '人']


def gen_codebook(rng, year):
    cb = Codebook()
    prefixes = rng.sample(['Q', 'S', 'A', 'B', 'T', 'M', 'Z'], 2)
    bin_sets = 0
    segment_candidates = []
    for fi, form in enumerate(['municipality', 'council']):
        cb.questions[form] = []
        cb.bases[form] = {'all': ('all', '全' + ('自治体' if fi == 0 else '社協'))}
        qs = cb.questions[form]
        qs.append(Question(form, 'code', 'code', '全国地方公共団体コード', '団体コード'))
        qs.append(Question(form, 'name', 'name' if fi == 0 else 'text', '名称', '名称'))
        nq = rng.randint(8, 22) if fi == 0 else rng.randint(5, 14)
        p = prefixes[fi]
        num = 0
        for i in range(nq):
            num += rng.choice([1, 1, 1, 2])
            qid = '%s%d' % (p, num)
            if i > 0 and rng.random() < 0.25:
                qid += rng.choice(['_1', '_2', 'a', '_x'])
            t = rng.choices(['single', 'multi', 'count', 'year', 'text'], [5, 4, 4, 2, 2])[0]
            if i == 0:
                t = 'single'
            q = Question(form, qid, t, rand_label(rng), rand_label(rng, False)
                         if rng.random() < 0.7 else '')
            if t == 'single':
                k = rng.randint(1, 7)
                codes = list(range(1, k + 1))
                if rng.random() < 0.25:
                    codes[-1] = rng.choice([9, 99, k + 3])       # e.g. 9 = その他
                if rng.random() < 0.15:
                    rng.shuffle(codes)
                q.choices = [(c, rand_label(rng)) for c in codes]
                segment_candidates.append((form, q))
            elif t == 'multi':
                k = rng.randint(1, 9)
                style = rng.choice(['_%d', '_%d', '_o%d', 'free'])
                if style == 'free':      # option columns need not repeat the stem
                    q.choices = [('O%d_%d' % (num, j + 1), rand_label(rng)) for j in range(k)]
                else:
                    q.choices = [(qid + style % (j + 1), rand_label(rng)) for j in range(k)]
            elif t == 'count':
                q.unit = rng.choice(UNITS)
                if rng.random() < 0.65:
                    bin_sets += 1
                    bid = 'bins%d' % bin_sets
                    lowers = [0]
                    for _ in range(rng.randint(0, 5)):
                        lowers.append(lowers[-1] + rng.randint(1, 12))
                    cb.bins[bid] = [(lo, rng.choice(['%d%s以上', '%d%s～', '"%d"%s,以上'])
                                     % (lo, q.unit)) for lo in lowers]
                    q.bins = bid
                if rng.random() < 0.4:
                    q.nc = qid + '_nc'
                if rng.random() < 0.5:
                    q.top = str(rng.choice([1, 2, 3, 4, 5, 6, 100]))
            elif t == 'year':
                q.min = str(year - rng.randint(0, 6))
            qs.append(q)
        # bases: each question gets 'all' or a definition over questions that come before it
        # in a dependency order: the codebook order, or (some forms) a shuffled one, so that
        # bases may also name questions that come later in the codebook
        order = list(range(3, len(qs)))
        if rng.random() < 0.3:
            rng.shuffle(order)
        order = [2] + order
        nb = 0
        for k, qi in enumerate(order):
            q = qs[qi]
            before = [qs[j] for j in order[:k]]
            if k == 0 or rng.random() < 0.3:
                q.base = 'all'
                continue
            if rng.random() < 0.3 and len(cb.bases[form]) > 1:
                q.base = rng.choice(list(cb.bases[form]))      # reuse a base
                refs = definition_refs(cb.bases[form][q.base][0])
                if all(earlier_ref(before, r) for r in refs):
                    continue
            d = gen_definition(rng, before, year)
            if d is None:
                q.base = 'all'
                continue
            nb += 1
            bid = rng.choice(['b', 'base', 'impl', 'sub', 'r6_', 'X']) + str(nb)
            cb.bases[form][bid] = (d, rand_label(rng, False) + '地区')
            q.base = bid
        if rng.random() < 0.3:   # an unused base
            d = gen_definition(rng, qs[2:], year)
            if d:
                cb.bases[form]['unused'] = (d, '未使用')
    # forms: segment_by a single question of either form (usually the first municipality
    # question, like Q1), sometimes none, sometimes different per form; form order and file
    # names vary
    seg_m = [q for f, q in segment_candidates if f == 'municipality']

    def pick_segment():
        x = rng.random()
        if x < 0.1:
            return ''
        if x < 0.55:
            sq = seg_m[0]
        elif x < 0.8:
            sq = rng.choice(seg_m)
        else:
            sq = rng.choice([q for _, q in segment_candidates])
        return '%s.%s' % (sq.form, sq.id)
    seg = pick_segment()
    segs = [seg, seg] if rng.random() < 0.8 else [pick_segment(), pick_segment()]
    files = ['municipality.csv', 'council.csv']
    if rng.random() < 0.3:
        files = rng.choice([['自治体票.csv', '社協票.csv'], ['m_%d.csv' % year, 'c_%d.csv' % year],
                            ['council.csv', 'municipality.csv']])
    cb.forms = [
        dict(form='municipality', file=files[0], label='自治体票', respondent='自治体',
             segment_by=segs[0]),
        dict(form='council', file=files[1], label='社協票', respondent='社協',
             segment_by=segs[1]),
    ]
    if rng.random() < 0.2:
        cb.forms.reverse()
    return cb


def earlier_ref(qs, ref):
    for q in qs:
        if q.id == ref or (q.type == 'multi' and ref in [c for c, _ in q.choices]):
            return True
    return False


def yval(rng, v, year):
    x = rng.random()
    if x < 0.6:
        return str(v)
    d = v - year
    if d == 0:
        return 'Y'
    return 'Y%+d' % d


def gen_cond(rng, q, year):
    t = q.type
    if rng.random() < 0.12 and t != 'code':
        return '%s answered' % q.id
    if t == 'single':
        codes = [c for c, _ in q.choices]
        pick = rng.sample(codes, rng.randint(1, len(codes)))
        return '%s=%s' % (q.id, ','.join(map(str, pick)))
    if t == 'multi':
        opt = rng.choice(q.choices)[0]
        return '%s=1' % opt if rng.random() < 0.8 else '%s answered' % q.id
    if t == 'year':
        lo = int(q.min)
        op = rng.choice(['<=', '>=', '<', '>', '='])
        if op == '=':
            vals = rng.sample(range(lo, year + 1), rng.randint(1, year - lo + 1))
            return '%s=%s' % (q.id, ','.join(yval(rng, v, year) for v in vals))
        return '%s%s%s' % (q.id, op, yval(rng, rng.randint(lo - 1, year + 1), year))
    if t == 'count':
        op = rng.choice(['<=', '>=', '<', '>', '=', 'answered'])
        if op == 'answered':
            return '%s answered' % q.id
        if op == '=':
            return '%s=%s' % (q.id, ','.join(str(v) for v in rng.sample(range(0, 12),
                                                                          rng.randint(1, 4))))
        return '%s%s%d' % (q.id, op, rng.randint(0, 15))
    if t in ('text', 'name'):
        return '%s answered' % q.id
    return None


def gen_definition(rng, earlier, year):
    cands = [q for q in earlier if q.type in ('single', 'multi', 'count', 'year', 'text')]
    if not cands:
        return None
    terms = []
    for _ in range(rng.choices([1, 2, 3], [6, 3, 1])[0]):
        conds = []
        for _ in range(rng.choices([1, 2, 3], [5, 3, 1])[0]):
            c = gen_cond(rng, rng.choice(cands), year)
            if rng.random() < 0.03:
                c = 'all'
            conds.append(c)
        terms.append(rng.choice([' & ', '&', ' &', '& ']).join(conds))
    return rng.choice([' | ', '|', '| ', ' |']).join(terms)


# --------------------------------------------------------------------------- response generator

def load_master():
    with open(MASTER, encoding='utf-8', newline='') as f:
        return [(r['code'], r['name']) for r in csv.DictReader(f)]


def gen_value(rng, q, year, bins):
    if q.type == 'single':
        return rng.choice(q.choices)[0]
    if q.type == 'year':
        return rng.randint(int(q.min), year)
    if q.type == 'count':
        x = rng.random()
        if x < 0.15:
            return 0
        if x < 0.8:
            hi = 30
            if q.bins:
                hi = max(2, bins[q.bins][-1][0] + 3)     # reach the last bin
            return rng.randint(0, hi)
        if x < 0.95:
            return rng.randint(100, 9999)
        if x < 0.99:
            return rng.randint(10000, 3000000)
        return rng.randint(10 ** 11, 10 ** 12)     # the largest counts jusou takes (JU_MAX_COUNT): exact sums, mean, median
    if q.type == 'multi':
        k = len(q.choices)
        p = rng.choice([0.2, 0.4, 0.6])
        return {c for c, _ in q.choices if rng.random() < p} if k else set()
    if q.type == 'text':
        return None   # filled in at write time (depends on the file's encoding)
    raise AssertionError(q.type)


def dependency_order(cb, form):
    """the form's questions, each after the questions its base names"""
    owner = cb.option_owner(form)
    qs = {q.id: q for q in cb.questions[form]}
    done, out = set(), []

    def visit(q, path):
        if q.id in done:
            return
        if q.id in path:
            raise RuntimeError('cyclic bases at %s.%s' % (form, q.id))
        for ref in definition_refs(cb.bases[form][q.base][0]):
            dep = owner[ref] if ref in owner else qs[ref]
            visit(dep, path | {q.id})
        done.add(q.id)
        out.append(q)
    for q in cb.questions[form]:
        visit(q, frozenset())
    return out


def gen_respondents(rng, cb, oracle_year, master):
    resp = {}
    names = dict(master)
    for f in cb.forms:
        form = f['form']
        codes = [c for c, _ in master]
        x = rng.random()
        if x < 0.2:
            codes = rng.sample(codes, rng.randint(1, len(codes)))
        elif x < 0.35:
            codes = rng.sample(codes, rng.randint(50, len(codes)))
        else:
            codes = list(codes)
        if rng.random() < 0.7:
            rng.shuffle(codes)
        rs = []
        for code in codes:
            r = Respondent(form, code)
            r.raw['code'] = code
            r.raw['name'] = names[code] if form == 'municipality' else (
                names[code] + '社会福祉協議会')
            rs.append(r)
        resp[form] = rs
    # answers, question by question, looking at the cleaned answers given so far
    tmp = Oracle(cb, oracle_year, resp)
    for f in cb.forms:
        form = f['form']
        p_blank = rng.choice([0.0, 0.05, 0.15])
        p_out = rng.choice([0.0, 0.03, 0.1, 0.3])
        for q in dependency_order(cb, form):
            if q.type in ('code', 'name'):
                continue
            for r in resp[form]:
                inb = tmp.in_base(r, q)
                give = (rng.random() >= p_blank) if inb else (rng.random() < p_out)
                if not give:
                    continue
                if q.type == 'count' and q.nc and rng.random() < 0.2:
                    r.nc[q.id] = True
                    continue
                v = gen_value(rng, q, oracle_year, cb.bins)
                if q.type == 'text':
                    v = 'x'            # placeholder: the text is made when the file is written
                r.raw[q.id] = v
            # the generator's oracle memoised nothing for this question yet except in_base of
            # q itself (which does not depend on its own answer); drop the clean cache
            for r in resp[form]:
                r._clean.pop(q.id, None)
    for rs in resp.values():
        for r in rs:
            r._clean.clear()
            r._inbase.clear()
    return resp


# --------------------------------------------------------------------------- writing files

def fmt_count(rng, v, style):
    s = str(v)
    if style == 'mixed':
        style = rng.choice(['ascii', 'sep', 'full', 'fullsep'])
    if style in ('sep', 'fullsep') and v >= 1000:
        s = '{:,}'.format(v)
    if style in ('full', 'fullsep'):
        s = s.translate(FULLWIDTH)
    return s


def csv_field(rng, s, quoting):
    need = any(ch in s for ch in ',"\r\n')
    if need or quoting == 'all' or (quoting == 'random' and rng.random() < 0.3):
        return '"' + s.replace('"', '""') + '"'
    return s


def write_responses(rng, cb, form_spec, rs, path, log):
    form = form_spec['form']
    enc = rng.choice(['utf-8', 'utf-8-sig', 'cp932'])
    eol = rng.choice(['\r\n', '\n'])
    quoting = rng.choice(['minimal', 'all', 'random'])
    flag_on = rng.choice(['1', '○', 'mixed'])
    flag_off = rng.choice(['', '0', 'mixed'])
    count_style = rng.choice(['ascii', 'sep', 'full', 'fullsep', 'mixed'])
    final_eol = rng.random() < 0.85
    cp932 = enc == 'cp932'

    cols = []      # (header, kind, question)
    for q in cb.questions[form]:
        if q.type == 'multi':
            for code, _ in q.choices:
                cols.append((code, 'opt', q))
        else:
            cols.append((q.id, q.type, q))
            if q.type == 'count' and q.nc:
                cols.append((q.nc, 'nc', q))
    memos = []
    if rng.random() < 0.4:
        memos = rng.sample(['備考', 'メモ', 'memo', '担当者', '確認欄'], rng.randint(1, 2))
        for m in memos:
            cols.insert(rng.randint(0, len(cols)), (m, 'memo', None))
    if rng.random() < 0.6:
        rng.shuffle(cols)

    def on():
        return rng.choice(['1', '○']) if flag_on == 'mixed' else flag_on

    def off():
        return rng.choice(['', '0']) if flag_off == 'mixed' else flag_off

    lines = [','.join(csv_field(rng, h, quoting) for h, _, _ in cols)]
    for r in rs:
        cells = []
        for h, kind, q in cols:
            if kind == 'memo':
                s = rand_text(rng, cp932) if rng.random() < 0.3 else ''
            elif kind == 'opt':
                s = on() if h in (r.raw.get(q.id) or ()) else off()
            elif kind == 'nc':
                s = on() if r.nc.get(q.id) else off()
            elif kind in ('code', 'name'):
                s = r.raw[q.id]
            elif kind == 'text':
                if q.id in r.raw:
                    r.raw[q.id] = rand_text(rng, cp932)
                    s = r.raw[q.id]
                else:
                    s = ''
            elif kind == 'count':
                v = r.raw.get(q.id)
                s = '' if v is None else fmt_count(rng, v, count_style)
            else:  # single, year
                v = r.raw.get(q.id)
                s = '' if v is None else str(v)
            cells.append(csv_field(rng, s, quoting))
        lines.append(','.join(cells))
    text = eol.join(lines) + (eol if final_eol else '')
    data = text.encode(enc)
    check_written(data, enc, len(cols), len(rs))
    with open(path, 'wb') as f:
        f.write(data)
    log.append('%s: %s, %s, quoting=%s, flags=%r/%r, counts=%s, %d rows, %d columns%s%s' % (
        os.path.basename(path), enc, 'CRLF' if eol == '\r\n' else 'LF', quoting, flag_on,
        flag_off, count_style, len(rs), len(cols), ', memo ' + '/'.join(memos) if memos else '',
        '' if final_eol else ', no final line end'))
    return data


def check_written(data, enc, cols_expected, nrows):
    """sanity check of the generator itself: the file parses back as RFC 4180"""
    text = data.decode('utf-8-sig' if enc.startswith('utf-8') else enc)
    rows = list(csv.reader(io.StringIO(text, newline='')))
    assert len(rows) == nrows + 1, (len(rows), nrows)
    assert all(len(r) == cols_expected for r in rows)


# --------------------------------------------------------------------------- comparing

def describe_codebook(cb):
    out = []
    for f in cb.forms:
        form = f['form']
        qs = cb.questions[form]
        types = {}
        for q in qs:
            types[q.type] = types.get(q.type, 0) + 1
        owner = cb.option_owner(form)
        pos = {q.id: i for i, q in enumerate(qs)}
        fwd = 0
        for q in qs:
            for ref in definition_refs(cb.bases[form][q.base][0]):
                dep = owner[ref].id if ref in owner else ref
                fwd += pos[dep] > pos[q.id]
        out.append('  form %s (%s): %s; %d bases, %d forward references; segment_by %r' % (
            form, f['file'], ', '.join('%d %s' % (n, t) for t, n in types.items()),
            len(cb.bases[form]), fwd, f['segment_by']))
    return out


def read_output(path, name, problems):
    with open(path, 'rb') as f:
        data = f.read()
    if not data.startswith(b'\xef\xbb\xbf'):
        problems.append('%s: no UTF-8 BOM' % name)
    if b'\r' in data:
        problems.append('%s: contains CR (expected LF line ends)' % name)
    text = data.decode('utf-8-sig')
    return list(csv.reader(io.StringIO(text, newline='')))


def compare(name, expected, got, out):
    if expected == got:
        return True
    exp_lines = [','.join(r) for r in expected]
    got_lines = [','.join(r) for r in got]
    out.append('MISMATCH in %s: expected %d rows, got %d' % (name, len(expected), len(got)))
    for i, (e, g) in enumerate(zip(expected, got)):
        if e != g:
            out.append('  first difference at data row %d (line %d):' % (i, i + 1))
            out.append('    expected: %s' % ','.join(e))
            out.append('    got:      %s' % ','.join(g))
            break
    diff = list(difflib.unified_diff(exp_lines, got_lines, 'expected/' + name, 'jusou/' + name,
                                     n=1, lineterm=''))
    if len(diff) > 60:
        diff = diff[:60] + ['  … (%d more diff lines)' % (len(diff) - 60)]
    out.extend('  ' + d for d in diff)
    return False


# --------------------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--jusou', required=True)
    ap.add_argument('--seed', type=int, required=True)
    ap.add_argument('--keep', metavar='DIR', help='build the data folder in DIR and keep it')
    ap.add_argument('--mode', choices=['bundled', 'generated'],
                    help='default: from the seed (even seeds bundled codebook, odd generated)')
    ap.add_argument('-v', '--verbose', action='store_true')
    args = ap.parse_args()

    rng = random.Random(args.seed)
    mode = args.mode or ('bundled' if args.seed % 2 == 0 else 'generated')
    jusou = os.path.abspath(args.jusou)
    master = load_master()

    if mode == 'bundled':
        year = BUNDLED_YEAR
        cb = load_codebook(BUNDLED_CODEBOOK)
    else:
        year = rng.randint(2022, 2031)
        cb = gen_codebook(rng, year)

    if args.keep:
        work = os.path.abspath(args.keep)
        if os.path.exists(work):
            if os.listdir(work) and not os.path.exists(os.path.join(work, KEEP_MARK)):
                print('--keep %s: the folder exists and was not made by this script' % work)
                return 2
            shutil.rmtree(work)
        os.makedirs(work)
        open(os.path.join(work, KEEP_MARK), 'w').close()
    else:
        work = tempfile.mkdtemp(prefix='jusou-diff-')
    log = ['seed %d: %s codebook, survey year %d' % (args.seed, mode, year)]
    log.extend(describe_codebook(cb))
    try:
        data_dir = os.path.join(work, str(year))
        os.makedirs(data_dir)
        if mode == 'bundled':
            shutil.copytree(BUNDLED_CODEBOOK, os.path.join(data_dir, 'codebook'))
        else:
            save_codebook(cb, os.path.join(data_dir, 'codebook'))
        ini = rng.random()
        if mode == 'bundled' or ini < 0.7:
            with open(os.path.join(data_dir, 'survey.ini'), 'w', encoding='utf-8') as f:
                f.write('[survey]\nyear = %d\n' % year)
                if ini < 0.35:
                    f.write('title = 乱数による差分テスト\n')
        else:
            log.append('no survey.ini: the year comes from the folder name')

        resp = gen_respondents(rng, cb, year, master)
        for fs in cb.forms:
            write_responses(rng, cb, fs, resp[fs['form']],
                            os.path.join(data_dir, fs['file']), log)

        # the oracle reads the codebook back from the files jusou reads
        oracle = Oracle(load_codebook(os.path.join(data_dir, 'codebook')), year, resp)
        exp_tables, exp_stats, exp_top = oracle.run()
        n_out = 0
        for fs in cb.forms:
            for r in resp[fs['form']]:
                for q in cb.questions[fs['form']]:
                    if q.type in ('code', 'name'):
                        continue
                    has = (q.id in r.raw and r.raw[q.id] not in (None, '', set())) or \
                        r.nc.get(q.id)
                    if has and not oracle.in_base(r, q):
                        n_out += 1
        log.append('%d answers outside their base (to be dropped)' % n_out)

        out_dir = os.path.join(work, 'out')
        cmd = [jusou, 'report', '--data', data_dir, '--no-previous', '--out', out_dir]
        if mode == 'generated':
            # the chart list (templates/charts.ini) names questions of the real questionnaire;
            # a generated codebook gets one without charts (charts are not what this test
            # checks); an empty file would be an error, so it holds a comment
            tpl = os.path.join(work, 'templates')
            os.makedirs(tpl)
            with open(os.path.join(tpl, 'charts.ini'), 'w') as f:
                f.write('; no charts for a generated questionnaire\n')
            shutil.copy(os.path.join(TOP, 'templates', '2024', 'words.ini'), tpl)
            cmd += ['--templates', tpl]
        try:
            p = subprocess.run(cmd, cwd=TOP, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               timeout=300)
        except (OSError, subprocess.TimeoutExpired) as e:
            print('\n'.join(log))
            print('FAIL: could not run %s: %s' % (' '.join(cmd), e))
            return 1
        if args.verbose:
            print('\n'.join(log))
        if p.returncode != 0:
            print('\n'.join(log))
            print('FAIL: %s exited with %d' % (' '.join(cmd), p.returncode))
            said = (p.stdout + p.stderr).decode('utf-8', 'replace').splitlines()
            errors = [line for line in said if 'warning' not in line]
            print('\n'.join(errors[:60]))
            if len(said) > len(errors):
                print('(and %d warnings)' % (len(said) - len(errors)))
            if not args.keep:
                print('(rerun with --keep DIR to inspect the data)')
            return 1

        problems, ok = [], True
        said = (p.stdout + p.stderr).decode('utf-8', 'replace')
        n_warned = sum(1 for line in said.splitlines() if "outside the question's base" in line)
        if n_warned != n_out:
            problems.append('expected %d warnings about answers outside their base, got %d'
                            % (n_out, n_warned))
        header = {
            'tables.csv': ['year', 'form', 'question', 'segment', 'base_n', 'category', 'label',
                           'count', 'percent'],
            'stats.csv': ['year', 'form', 'question', 'segment', 'base_n', 'answered',
                          'not_counted', 'no_answer', 'sum', 'mean', 'median', 'min', 'max'],
            'top.csv': ['year', 'form', 'question', 'segment', 'base_n', 'rank', 'value',
                        'count'],
        }
        for name, exp in (('tables.csv', exp_tables), ('stats.csv', exp_stats),
                          ('top.csv', exp_top)):
            path = os.path.join(out_dir, name)
            if not os.path.exists(path):
                problems.append('%s was not written' % name)
                ok = False
                continue
            got = read_output(path, name, problems)
            ok = compare(name, [header[name]] + exp, got, problems) and ok
        if problems:
            ok = False
        if not ok:
            print('\n'.join(log))
            print('FAIL')
            print('\n'.join(problems))
            if not args.keep:
                print('(rerun with --keep DIR to inspect the data and jusou\'s output)')
            return 1
        print('seed %d: OK (%s codebook, year %d; %d table rows, %d stats rows, %d top rows)' % (
            args.seed, mode, year, len(exp_tables), len(exp_stats), len(exp_top)))
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
