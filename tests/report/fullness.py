#!/usr/bin/python3
"""How full the pages are, read back from the PDFs jusou made (issue "A summary
an editor signs off", point 2): the body of a page — the part between the
headline and the running footer — is cut into a grid of 4 × 3 cells, and a
cell without ink is an empty one. A page with three empty cells or more leaves
a quarter of its body blank.

    fullness.py --jusou PATH --what summary|sheets [--show]

summary: the bundled report's body pages (not the cover, not the contents);
at most one may be sparse (a page that ends a section with little on it).
sheets: the bundled 様式4 sheets; none may be sparse, and the four sheets are
four pages. --show prints every page's grid (# ink, . empty).

Pages are rendered by pdftoppm (poppler-utils) and read with Pillow
(python3-pil); exit 0 pass, 1 fail.
"""
import argparse
import os
import subprocess
import sys
import tempfile

from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, 'tests'))
import baseline  # noqa: E402

DPI = 36
COLS, ROWS = 4, 3
# the body of a page, in points from the top left, for each document: the
# summary is A4 landscape, its body below the tag and headline (90 pt) and
# above the footer's rule (552 pt); a 様式4 sheet is A4 portrait, its body
# inside the form's frame
BODY = {'summary': (40, 90, 802, 552), 'sheets': (28, 28, 567, 814)}
# a cell with less than this share of ink is empty (a thin rule across it is not content)
INK = 0.004


def grid(png, body):
    im = Image.open(png).convert('L')
    s = DPI / 72.0
    x0, y0, x1, y1 = (round(v * s) for v in body)
    cells = []
    for r in range(ROWS):
        row = []
        for c in range(COLS):
            cx0 = x0 + (x1 - x0) * c // COLS
            cx1 = x0 + (x1 - x0) * (c + 1) // COLS
            cy0 = y0 + (y1 - y0) * r // ROWS
            cy1 = y0 + (y1 - y0) * (r + 1) // ROWS
            hist = im.crop((cx0, cy0, cx1, cy1)).histogram()
            dark = sum(hist[:235])
            row.append(dark / float(max(1, (cx1 - cx0) * (cy1 - cy0))) >= INK)
        cells.append(row)
    return cells


def page_texts(pdf):
    out = subprocess.run(['pdftotext', '-layout', pdf, '-'], capture_output=True, text=True, check=True).stdout
    return out.split('\f')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--jusou', required=True)
    ap.add_argument('--what', choices=sorted(BODY), required=True)
    ap.add_argument('--show', action='store_true')
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if a.what == 'summary':
            out = baseline.output(a.jusou)
            pdf = [os.path.join(out, f) for f in os.listdir(out) if f.endswith('結果の概要.pdf')][0]
        else:
            r = subprocess.run([a.jusou, 'sheets', '--out', os.path.join(tmp, 'out')], cwd=ROOT, env=baseline.env(),
                               capture_output=True, text=True)
            if r.returncode != 0:
                print('FAIL: jusou sheets exited %d\n%s' % (r.returncode, r.stderr[-2000:]))
                return 1
            pdf = os.path.join(tmp, 'out', '重要取組シート.pdf')
        subprocess.run(['pdftoppm', '-r', str(DPI), '-gray', '-png', pdf, os.path.join(tmp, 'p')], check=True)
        pngs = sorted(f for f in os.listdir(tmp) if f.startswith('p') and f.endswith('.png'))
        texts = page_texts(pdf)
        sparse, lines = [], []
        for k, f in enumerate(pngs):
            text = texts[k] if k < len(texts) else ''
            if a.what == 'summary' and (k == 0 or text.lstrip().startswith('目次')):
                continue  # the cover and the contents are not body pages
            cells = grid(os.path.join(tmp, f), BODY[a.what])
            empty = sum(not v for row in cells for v in row)
            first = next((l.strip() for l in text.splitlines() if l.strip()), '')[:40]
            lines.append('page %d: %d empty of %d  %s' % (k + 1, empty, COLS * ROWS, first))
            if a.show:
                lines.extend('    ' + ''.join('#' if v else '.' for v in row) for row in cells)
            if empty >= 3:
                sparse.append('page %d (%d empty cells: %s)' % (k + 1, empty, first))
    print('\n'.join(lines))
    problems = []
    if a.what == 'summary':
        if len(sparse) > 1:
            problems.append('%d body pages leave a quarter or more of their body blank: %s' %
                            (len(sparse), '; '.join(sparse)))
        if len(pngs) > 21:
            problems.append('%d pages: the original has 21 with its contents page' % len(pngs))
    else:
        if sparse:
            problems.append('sparse sheet pages: ' + '; '.join(sparse))
        if len(pngs) != 4:
            problems.append('the 4 bundled sheets take %d pages' % len(pngs))
    for p in problems:
        print('FAIL: ' + p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
