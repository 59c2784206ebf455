#!/usr/bin/python3
"""Workbook test with a real spreadsheet: the summary workbook and three
municipality workbooks (one that implements the programme, one preparing
it, one that does not — picked from the data), and the two workbooks of the
key-initiative sheets (jusou sheets), open in LibreOffice headless and print
as a clerk would print them.

Converted to PDF (LibreOffice's own print layout: print areas, scaling, page
breaks, wrapped cells, row heights):
  - every workbook converts, with at least one page a sheet;
  - every sheet's name is printed (the page header), so no sheet is lost;
  - a sample of the figures of tables.csv is printed (percents as 0.0%);
  - every free-text answer of the data is printed whole, in the summary's
    response sheets and 自由記述, and in the municipality's own workbook —
    text cut at a cell's edge would lose its end;
  - every category label of tables.csv is printed whole;
  - no text is cut at a cell's, the print area's or the page's edge: no two
    printed words overlap (a clipped cell's hidden text lies under its
    neighbour's), none runs off the page, and the last character of every
    word of the PDF's text shows on the rendered page (pdftoppm);
  - the links back (目次へ戻る, 概要へ戻る) are not printed;
  - the only font is the book's (BIZ UDPGothic): no fallback font for
    Japanese in cells, headers, footers or charts.
Converted to CSV (one file per sheet), the 実施体制 table's figures read back
as written.

    libreoffice.py --jusou PATH [--tmp DIR] [--keep DIR]

The set-up installs LibreOffice (libreoffice-calc-nogui, with the Carlito
font that measures as Excel's default Calibri); without soffice the test
fails. --keep DIR leaves the PDFs there to look at (pdftoppm -png -r 60 …).
"""
import argparse
import glob
import html
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, '..', '..'))
sys.path.insert(0, HERE)
from readback import read_csv  # noqa: E402  (UTF-8 with or without BOM, or CP932)
CSV_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1041,false,true,true,false,false,-1'
FONT = 'BIZUDPGothic'


def soffice(args, cwd, profile):
    cmd = ['soffice', '--headless', '-env:UserInstallation=file://' + profile] + args
    # a UTF-8 locale: under LANG=C LibreOffice cannot name a file after a Japanese sheet
    env = dict(os.environ, LANG='C.UTF-8', LC_ALL='C.UTF-8')
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=600, env=env)


def squeeze(text):
    """text without any white space: wrapping breaks lines where it likes"""
    return re.sub(r'\s+', '', text)


def pdf_text(pdf):
    """the PDF's text in content order (a wrapped cell's lines stay together)"""
    return subprocess.run(['pdftotext', '-raw', pdf, '-'], capture_output=True, text=True).stdout


def word_boxes(pdf):
    """[(page width, page height, [(x0, y0, x1, y1, word)])] of a PDF"""
    out = subprocess.run(['pdftotext', '-bbox', pdf, '-'], capture_output=True, text=True).stdout
    pages = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        words = [(float(m.group(1)), float(m.group(2)), float(m.group(3)), float(m.group(4)), html.unescape(m.group(5)))
                 for m in re.finditer(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">'
                                      r'(.*?)</word>', page.group(3))]
        pages.append((float(page.group(1)), float(page.group(2)), words))
    return pages


def cut_text(pdf):
    """Text a cell could not hold. A spreadsheet clips what runs past a cell
    into a filled neighbour, but the PDF keeps the clipped glyphs: they lie
    under the neighbour's words. So two words that overlap, or a word past
    the page's edge, are text cut at an edge (chart labels too close are
    caught the same way)."""
    found = []
    for pn, (w, h, words) in enumerate(word_boxes(pdf), 1):
        for x0, y0, x1, y1, t in words:
            if x0 < -0.5 or y0 < -0.5 or x1 > w + 0.5 or y1 > h + 0.5:
                found.append('page %d: %r runs off the page' % (pn, t))
        words.sort()
        for i, a in enumerate(words):
            for b in words[i + 1:]:
                if b[0] >= a[2]:
                    break
                ox = min(a[2], b[2]) - max(a[0], b[0])
                oy = min(a[3], b[3]) - max(a[1], b[1])
                if ox > 1.0 and oy > 0.5 * min(a[3] - a[1], b[3] - b[1]):
                    found.append('page %d: %r and %r overlap' % (pn, a[4], b[4]))
    return found


def read_pgm(path):
    """(width, height, bytes) of a binary greyscale PGM as pdftoppm -gray writes it"""
    data = open(path, 'rb').read()
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b'#':
            pos = data.index(b'\n', pos)
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    assert fields[0] == b'P5' and fields[3] == b'255', fields
    return int(fields[1]), int(fields[2]), data[pos + 1:]


def unprinted_words(pdf, work, dpi=100):
    """Words the PDF holds but does not show. A spreadsheet clips a cell's
    text at its neighbour, at the print area's edge or at its row's bottom,
    and the clipped glyphs stay in the PDF (pdftotext reads them): so each
    word's last character is looked for on the rendered page; a word whose
    end is blank there was cut."""
    found = []
    pages = word_boxes(pdf)
    prefix = os.path.join(work, 'ink-' + os.path.basename(pdf)[:-4])
    subprocess.run(['pdftoppm', '-gray', '-r', str(dpi), pdf, prefix], check=True)
    images = sorted(glob.glob(prefix + '-*.pgm'))
    for pn, ((pw, ph, words), img) in enumerate(zip(pages, images), 1):
        w, h, px = read_pgm(img)
        k = dpi / 72.0
        for x0, y0, x1, y1, t in words:
            n = max(len(t), 1)
            cx0 = x1 - (x1 - x0) / n  # the last character's box
            ix0, ix1 = max(0, int(cx0 * k) - 1), min(w, int(x1 * k) + 2)  # a pixel more: hairlines (|)
            iy0, iy1 = max(0, int(y0 * k)), min(h, int(y1 * k) + 1)
            ink = any(px[y * w + x] < 230 for y in range(iy0, iy1) for x in range(ix0, ix1))
            if not ink:
                found.append('page %d: %r is cut (its end is not printed)' % (pn, t))
        os.remove(img)
    return found


def sheet_names(xlsx):
    import openpyxl
    return openpyxl.load_workbook(xlsx, read_only=True).sheetnames


def pick_municipalities(year):
    """the first municipality of each Q1 answer (implements, prepares, does not)"""
    rows = read_csv(os.path.join(TOP, 'data', str(year), 'municipality.csv'))
    picked = {}
    for r in rows:
        picked.setdefault(r.get('Q1', ''), r['code'])
    return [picked[k] for k in sorted(picked) if k]


def text_answers(year):
    """{form: {code: [answers of its text questions]}} from the data"""
    cb = os.path.join(TOP, 'data', str(year), 'codebook')
    forms = {f['form']: f['file'] for f in read_csv(os.path.join(cb, 'forms.csv'))}
    text_q = {}
    for q in read_csv(os.path.join(cb, 'questions.csv')):
        if q['type'] == 'text':
            text_q.setdefault(q['form'], []).append(q['id'])
    out = {}
    for form, qs in text_q.items():
        for r in read_csv(os.path.join(TOP, 'data', str(year), forms[form])):
            out.setdefault(form, {})[r['code']] = [r[q].strip() for q in qs if r.get(q, '').strip()]
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--jusou', required=True)
    ap.add_argument('--tmp')
    ap.add_argument('--keep')
    a = ap.parse_args()
    for tool in ('soffice', 'pdftotext', 'pdffonts'):
        if not shutil.which(tool):
            print('FAIL: %s is not installed; bash .ci/setup installs it' % tool)
            return 1
    if a.tmp:
        os.makedirs(a.tmp, exist_ok=True)
    tmp = os.path.abspath(tempfile.mkdtemp(prefix='jusou-lo-', dir=a.tmp))
    problems = []
    try:
        out, sheets_out = os.path.join(tmp, 'out'), os.path.join(tmp, 'sheets')
        for command, folder in (('report', out), ('sheets', sheets_out)):
            r = subprocess.run([os.path.abspath(a.jusou), command, '--out', folder], cwd=TOP, capture_output=True,
                               text=True, timeout=600)
            if r.returncode != 0:
                print(r.stderr)
                return 1
        tables = read_csv(os.path.join(out, 'tables.csv'))
        year = max(int(t['year']) for t in tables)
        work = os.path.join(tmp, 'lo')
        os.makedirs(work)
        books = {'summary': glob.glob(os.path.join(out, '*.xlsx'))[0]}
        codes = pick_municipalities(year)
        if len(codes) < 3:
            problems.append('the data has %d kinds of Q1 answer, expected 3' % len(codes))
        for code in codes:
            found = glob.glob(os.path.join(out, 'municipalities', code + '_*.xlsx'))
            if found:
                books[code] = found[0]
            else:
                problems.append('no workbook for municipality %s' % code)
        for k, path in enumerate(sorted(glob.glob(os.path.join(sheets_out, '*.xlsx')))):
            books['sheets%d' % k] = path  # the key-initiative sheets' two workbooks (jusou sheets)
        for name, path in books.items():
            shutil.copy(path, os.path.join(work, name + '.xlsx'))
        profile = os.path.join(tmp, 'profile')
        r = soffice(['--convert-to', 'pdf'] + [n + '.xlsx' for n in books], work, profile)
        answers = text_answers(year)
        texts = {}
        for name, path in books.items():
            pdf = os.path.join(work, name + '.pdf')
            if not os.path.exists(pdf):
                problems.append('%s.xlsx was not converted to PDF: %s' % (name, r.stderr[-500:]))
                continue
            text = pdf_text(pdf)
            texts[name] = squeeze(text)
            pages = int(re.search(r'Pages:\s+(\d+)', subprocess.run(['pdfinfo', pdf], capture_output=True,
                                                                    text=True).stdout).group(1))
            sheets = sheet_names(path)
            if pages < len(sheets):
                problems.append('%s.pdf: %d pages for %d sheets' % (name, pages, len(sheets)))
            for s in sheets:
                if squeeze(s) not in texts[name]:
                    problems.append('%s.pdf: sheet %s is not printed' % (name, s))
            back = '目次へ戻る' if name == 'summary' else '概要へ戻る'
            if back in text:
                problems.append('%s.pdf: the link %s is printed' % (name, back))
            if '\ufffd' in text:
                problems.append('%s.pdf has replacement characters' % name)
            fonts = subprocess.run(['pdffonts', pdf], capture_output=True, text=True).stdout.splitlines()[2:]
            others = sorted({f.split()[0].split('+')[-1] for f in fonts if FONT not in f})
            if others or not fonts:
                problems.append('%s.pdf: fonts other than %s: %s' % (name, FONT, others))
            for c in (cut_text(pdf) + unprinted_words(pdf, work))[:10]:
                problems.append('%s.pdf: text cut at an edge: %s' % (name, c))
            print('%s.pdf: %d pages, %d sheets, %d characters of text' % (name, pages, len(sheets), len(text)))
            if name.isdigit():  # the municipality's own answers, whole
                for form in answers:
                    for ans in answers[form].get(name, []):
                        if squeeze(ans) not in texts[name]:
                            problems.append('%s.pdf: the answer %r… is not printed whole' % (name, ans[:40]))

        summary = texts.get('summary', '')
        if summary:
            n_answers = 0
            for form in answers:
                for code, lst in answers[form].items():
                    for ans in lst:
                        n_answers += 1
                        if squeeze(ans) not in summary:
                            problems.append('summary.pdf: the answer of %s %r… is not printed whole' % (code, ans[:40]))
            cur = [t for t in tables if int(t['year']) == year]
            labels = {t['label'] for t in cur}
            for lab in sorted(labels):
                if squeeze(lab) not in summary:
                    problems.append('summary.pdf: the label %r is not printed whole' % lab)
            rng = random.Random(7)
            sample = rng.sample([t for t in cur if t['segment'] == 'all' and t['percent']], 40)
            for t in sample:  # a percent of the table, as the cell shows it (0.0%)
                pct = '%.1f%%' % float(t['percent'])
                if pct not in summary:
                    problems.append('summary.pdf: %s %s %r: %s not printed' % (t['form'], t['question'],
                                                                              t['label'], pct))
            print('summary.pdf: %d answers, %d labels and %d figures looked for' % (n_answers, len(labels),
                                                                                    len(sample)))
            if n_answers < 20:
                problems.append('only %d free-text answers in the data: the check says little' % n_answers)

        r = soffice(['--convert-to', CSV_FILTER, 'summary.xlsx'], work, profile)
        sheets = glob.glob(os.path.join(work, 'summary-*.csv'))
        body = ''
        for s in sheets:
            if s.endswith('-実施体制.csv'):
                body = open(s, encoding='utf-8').read()
        if len(sheets) < 10:
            problems.append('the CSV export wrote %d sheets: %s' % (len(sheets), r.stderr[-500:]))
        for m in ('策定済み,23,17,76.7%,73.9%', '母数（n）,30,23'):
            if m not in body:
                problems.append('the 実施体制 sheet as CSV does not read %r' % m)
        if a.keep:
            os.makedirs(a.keep, exist_ok=True)
            for f in glob.glob(os.path.join(work, '*.pdf')):
                shutil.copy(f, a.keep)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for p in problems[:60]:
        print('FAIL:', p)
    if len(problems) > 60:
        print('… and %d more' % (len(problems) - 60))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
