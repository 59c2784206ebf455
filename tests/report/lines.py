#!/usr/bin/python3
"""How the summary report's paragraphs break into lines, read from jusou's
test switch JU_TEST_TEXTLOG (every line of every paragraph the PDF draws):

  - no paragraph of two lines or more ends on a line of one or two characters (る。);
  - kinsoku: no line starts with 、。）」 … and none ends with （「 …;
  - no line breaks inside a municipality name (狛／江市) or between a number and its unit (18／自治体).

    lines.py --jusou PATH     both bundled years; exit 0 pass, 1 fail
"""
import argparse
import csv
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, 'tests'))
import baseline  # noqa: E402

WJ = '\u2060'
NO_START = set('、。，．・：；？！）」』】〕〉》ゝゞーぁぃぅぇぉっゃゅょァィゥェォッャュョ%％')
NO_END = set('（「『【〔〈《')
UNIT = re.compile(r'^(自治体|地区|件|回|人|か所|箇所|団体|年度|年|月|日|%|％|割|点|万|千)')


def lines_of(log):
    paras = {}
    for row in open(log, encoding='utf-8'):
        f = row.rstrip('\n').split('\t')
        if f[0] != 'L':
            continue
        key = (int(f[1]), int(f[2]))
        paras.setdefault(key, []).append(f[5].replace(WJ, ''))  # a line after a hard break starts with \\
    return paras


def check(paras, names):
    problems = []
    for (page, _), raw in sorted(paras.items()):
        hard = [l.startswith('\\') for l in raw]
        ls = [l[1:] if h else l for l, h in zip(raw, hard)]
        where = 'page %d: %r' % (page, ''.join(ls)[:40])
        if len(ls) >= 2 and not hard[-1] and len(ls[-1].strip()) <= 2:
            problems.append('%s ends on a line of %r' % (where, ls[-1]))
        for i in range(len(ls) - 1):
            a, b = ls[i].rstrip(), ls[i + 1].lstrip()
            if not a or not b or hard[i + 1]:
                continue
            if b[0] in NO_START:
                problems.append('%s: a line starts with %r' % (where, b[:6]))
            if a[-1] in NO_END:
                problems.append('%s: a line ends with %r' % (where, a[-6:]))
            joint = a[-8:] + b[:8]
            cut = len(a[-8:])
            for n in names:
                k = joint.find(n)
                while k >= 0:
                    if k < cut < k + len(n):
                        problems.append('%s: %s breaks across lines (%r / %r)' % (where, n, a[-6:], b[:6]))
                    k = joint.find(n, k + 1)
            if re.search(r'[0-9０-９]$', a) and UNIT.match(b):
                problems.append('%s: a number and its unit break across lines (%r / %r)' % (where, a[-6:], b[:6]))
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--jusou', required=True)
    a = ap.parse_args()
    names = [r['name'] for r in csv.DictReader(open(os.path.join(ROOT, 'data', 'municipalities.csv'),
                                                     encoding='utf-8-sig'))]
    problems, count = [], 0
    for args in ((), ('--data', 'data/2024')):   # the shared outputs of both bundled years
        paras = lines_of(baseline.textlog(a.jusou, list(args)))
        count += len(paras)
        problems += ['%s: %s' % (args[-1] if args else 'data/2025', p) for p in check(paras, names)]
    for p in problems:
        print('FAIL: ' + p)
    print('%d paragraphs checked, %d problems' % (count, len(problems)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
