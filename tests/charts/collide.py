#!/usr/bin/python3
"""Charts that never collide: every text a chart draws, at every size it is
drawn (its own files, and every page of the summary report that places it),
read from jusou's test switch JU_TEST_TEXTLOG (src/render/render.c), and checked
from the layout's own geometry:

  - no two texts of a chart overlap or touch (their inked boxes keep a unit apart);
  - no text leaves the chart;
  - a label drawn inside a pie's slice stays inside the slice, a tile's name inside its tile;
  - no text is smaller than 7 pt at print size (the report's pages, the charts' PDFs).

    collide.py --jusou PATH [--log FILE]     both bundled years (or a log); exit 0 pass, 1 fail
"""
import argparse
import collections
import math
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, 'tests'))
import baseline  # noqa: E402

MIN_PT = 7.0
SLACK = 0.25  # chart units: rounding of the glyph boxes


def read_log(path):
    charts = {}
    texts = collections.defaultdict(list)
    for line in open(path, encoding='utf-8'):
        f = line.rstrip('\n').split('\t')
        if f[0] == 'C':
            charts[int(f[1])] = dict(id=f[2], where=f[3], scale=float(f[4]), w=float(f[5]), h=float(f[6]))
        elif f[0] == 'T':
            box = tuple(float(v) for v in f[2:6])
            wedge = tuple(float(v) for v in f[8:14]) if f[7] == 'W' else None
            rect = tuple(float(v) for v in f[8:12]) if f[7] == 'R' else None
            texts[int(f[1])].append(dict(box=box, size=float(f[6]), wedge=wedge, rect=rect, text=f[14]))
    return charts, texts


GAP = 1.0  # chart units two texts keep between them at the least


def overlap(a, b):
    """whether two inked boxes overlap or come closer than GAP"""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w > -GAP + SLACK and h > -GAP + SLACK


def in_wedge(x, y, w):
    cx, cy, r0, r1, a0, a1 = w
    r = math.hypot(x - cx, y - cy)
    if r < r0 - SLACK or r > r1 + SLACK:
        return False
    a = math.atan2(y - cy, x - cx)
    while a < a0 - 1e-9:
        a += 2 * math.pi
    while a > a0 + 2 * math.pi:
        a -= 2 * math.pi
    return a <= a1 + 1e-6


def check(charts, texts):
    problems = []
    for inst, c in sorted(charts.items()):
        ts = texts.get(inst, [])
        where = '%s (%s, %.0f×%.0f)' % (c['id'], c['where'], c['w'], c['h'])
        for i, t in enumerate(ts):
            x0, y0, x1, y1 = t['box']
            if x0 < -SLACK or y0 < -SLACK or x1 > c['w'] + SLACK or y1 > c['h'] + SLACK:
                problems.append('%s: %r leaves the chart (%.1f,%.1f)-(%.1f,%.1f)' % (where, t['text'], x0, y0, x1, y1))
            if t['size'] * c['scale'] < MIN_PT - 1e-6:
                problems.append('%s: %r is %.1f pt at print size (at least %.0f)'
                                % (where, t['text'], t['size'] * c['scale'], MIN_PT))
            if t['wedge'] and not all(in_wedge(x, y, t['wedge']) for x in (x0, x1) for y in (y0, y1)):
                problems.append('%s: %r runs off its slice' % (where, t['text']))
            r = t['rect']
            if r and (x0 < r[0] - SLACK or y0 < r[1] - SLACK or x1 > r[2] + SLACK or y1 > r[3] + SLACK):
                problems.append('%s: %r runs off its tile' % (where, t['text']))
            for u in ts[i + 1:]:
                if overlap(t['box'], u['box']):
                    problems.append('%s: %r and %r overlap or touch' % (where, t['text'], u['text']))
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--jusou', required=True)
    ap.add_argument('--log', help='an existing log to check instead')
    a = ap.parse_args()
    problems = []
    counted = 0
    if a.log:
        charts, texts = read_log(a.log)
        problems = check(charts, texts)
        counted = len(charts)
    else:
        for args in ((), ('--data', 'data/2024')):   # the shared outputs of both bundled years
            charts, texts = read_log(baseline.textlog(a.jusou, list(args)))
            counted += len(charts)
            problems += ['%s: %s' % (args[-1] if args else 'data/2025', p) for p in check(charts, texts)]
    for p in problems:
        print('FAIL: ' + p)
    print('%d chart drawings checked, %d problems' % (counted, len(problems)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
