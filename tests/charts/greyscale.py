#!/usr/bin/python3
"""The tile map's classes stay apart in colour and in grey: in each bundled
year's charts/<id>.svg of every tilemap chart (templates/<year>/charts.ini),
the fills of the tiles (rectangles with an outline), with the white of 無回答,
differ pairwise by at least MIN_L in CIE L* (what a greyscale print keeps)
and by at least MIN_E in CIE76 ΔE (colour).

    greyscale.py --jusou PATH        exit 0 pass, 1 fail
"""
import argparse
import itertools
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, 'tests'))
import baseline  # noqa: E402

MIN_L = 7.0   # lightness steps a grey print keeps apart at a glance
MIN_E = 8.0   # CIE76: a just-noticeable difference is about 2.3


def lab(rgb):
    def lin(c):
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(c) for c in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t):
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116
    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


SQUARE = re.compile(r'<path style="([^"]*)" d="M ([\d.]+) ([\d.]+) L ([\d.]+) ([\d.]+) L ([\d.]+) ([\d.]+) '
                    r'L ([\d.]+) ([\d.]+) Z')
FILL = re.compile(r'fill:rgb\(([\d.]+)%,([\d.]+)%,([\d.]+)%\)')


def tile_fills(svg):
    """fills of outlined rectangles at least 20 units tall, up to half as wide again: the tiles"""
    fills = set()
    for m in SQUARE.finditer(svg):
        style = m.group(1)
        f = FILL.search(style)
        if 'stroke:' not in style or not f:
            continue
        x0, y0, x1, _, _, y2 = (float(v) for v in m.group(2, 3, 4, 5, 6, 7))
        w, h = abs(x1 - x0), abs(y2 - y0)
        if h >= 20 and h - 1 < w < 1.5 * h + 1:
            fills.add(tuple(round(float(v) * 2.55) for v in f.groups()))
    return fills


def tilemaps(year):
    ids, cur = [], None
    for line in open(os.path.join(ROOT, 'templates', year, 'charts.ini'), encoding='utf-8'):
        m = re.match(r'\[(\w+)\]', line)
        if m:
            cur = m.group(1)
        elif re.match(r'kind\s*=\s*tilemap\s*$', line.strip()):
            ids.append(cur)
    return ids


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--jusou', required=True)
    a = ap.parse_args()
    problems, checked = [], 0
    for year, args in (('2025', ()), ('2024', ('--data', 'data/2024'))):
        out = baseline.output(a.jusou, args)
        for cid in tilemaps(year):
            fills = tile_fills(open(os.path.join(out, 'charts', cid + '.svg'), encoding='utf-8').read())
            if len(fills) < 3:
                problems.append('%s %s: %d tile colours found in the SVG' % (year, cid, len(fills)))
                continue
            checked += 1
            classes = sorted(fills | {(255, 255, 255)}, key=lambda c: lab(c)[0])
            for p, q in itertools.combinations(classes, 2):
                lp, lq = lab(p), lab(q)
                dl = abs(lp[0] - lq[0])
                de = sum((u - v) ** 2 for u, v in zip(lp, lq)) ** 0.5
                if dl < MIN_L:
                    problems.append('%s %s: %s and %s are %.1f apart in grey (L*), at least %.0f'
                                    % (year, cid, p, q, dl, MIN_L))
                if de < MIN_E:
                    problems.append('%s %s: %s and %s are %.1f apart in colour (ΔE), at least %.0f'
                                    % (year, cid, p, q, de, MIN_E))
            print('%s %s: %s' % (year, cid, ', '.join('L*%.0f' % lab(c)[0] for c in classes)))
    for p in problems:
        print('FAIL: ' + p)
    print('%d tile maps checked, %d problems' % (checked, len(problems)))
    return 1 if problems or checked == 0 else 0


if __name__ == '__main__':
    sys.exit(main())
