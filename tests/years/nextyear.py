#!/usr/bin/python3
"""Next year, as an analyst prepares it (README「翌年度の調査票を追加するには」):
a copy of the jusou folder gets data/2026 (the 2025 answers, a new question Q28
with its own answers, the choice 設置している of Q5 renamed 設置済み) and its
own template set templates/2026/ (a chart and a page with a bullet for Q28,
Q28 on a workbook sheet), made the way the README says.

    nextyear.py --jusou PATH --check new        2026 regenerates: the new chart, bullet and sheet
                                                 carry Q28's counts, and the renamed label is in every
                                                 2026 chart and page that shows Q5 (also last year's row)
    nextyear.py --jusou PATH --check unchanged  in the same folder, 2025 and 2024 regenerate with no
                                                 option but --data, byte-identical to the outputs of the
                                                 bundled folder

Exit 0 pass, 1 fail."""
import argparse
import csv
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, 'tests'))
import baseline  # noqa: E402

OLD, NEW = '設置している', '設置済み'
ICT_LABEL = 'ICTを活用した相談支援の実施状況'


def edit(path, fn):
    raw = open(path, 'rb').read()
    bom = raw.startswith(b'\xef\xbb\xbf')
    text = fn(raw[3:].decode('utf-8') if bom else raw.decode('utf-8'))
    with open(path, 'wb') as f:
        f.write((b'\xef\xbb\xbf' if bom else b'') + text.encode('utf-8'))


def replace_once(text, old, new):
    if text.count(old) != 1:
        raise SystemExit('harness: %r occurs %d times' % (old, text.count(old)))
    return text.replace(old, new)


def make_2026(t):
    """T/data/2026 and T/templates/2026; returns Q28's expected counts {code: n} and its base n"""
    shutil.copytree(os.path.join(ROOT, 'data'), os.path.join(t, 'data'))
    shutil.copytree(os.path.join(ROOT, 'templates'), os.path.join(t, 'templates'))
    d = os.path.join(t, 'data', '2026')
    shutil.copytree(os.path.join(t, 'data', '2025'), d)
    edit(os.path.join(d, 'survey.ini'), lambda s: re.sub(
        r'^year = 2025$', 'year = 2026', re.sub(r'2025-(\d\d-\d\d)', r'2026-\1', s), flags=re.M))
    cb = os.path.join(d, 'codebook')
    for name in os.listdir(cb):   # the years in labels, one year on (README step 3)
        edit(os.path.join(cb, name), lambda s: s.replace('令和7年度', '令和8年度').replace('R7年度', 'R8年度')
             .replace('令和6年度', '令和7年度').replace('R6年度', 'R7年度'))
    edit(os.path.join(cb, 'choices.csv'), lambda s: replace_once(s, 'municipality,Q5,1,%s' % OLD,
                                                                 'municipality,Q5,1,%s' % NEW)
         + 'municipality,Q28,1,実施している\nmunicipality,Q28,2,実施していない\n')
    edit(os.path.join(cb, 'questions.csv'), lambda s: replace_once(
        s, 'municipality,Q27_cat,single,新たな取組の分類,新たな取組の分類,,newinit,,,,,\n',
        'municipality,Q27_cat,single,新たな取組の分類,新たな取組の分類,,newinit,,,,,\n'
        'municipality,Q28,single,%s,ICTの活用,,impl,,,,,\n' % ICT_LABEL))
    # Q28's answers: the implementing municipalities, two in three "1"
    counts = {'1': 0, '2': 0}
    def add_q28(s):
        rows = list(csv.reader(io.StringIO(s, newline='')))
        q1 = rows[0].index('Q1')
        rows[0].append('Q28')
        k = 0
        for r in rows[1:]:
            if not r:
                continue
            v = ''
            if r[q1] == '1':
                v = '2' if k % 3 == 2 else '1'
                counts[v] += 1
                k += 1
            r.append(v)
        out = io.StringIO(newline='')
        csv.writer(out, lineterminator='\r\n').writerows(r for r in rows if r)
        return out.getvalue()
    edit(os.path.join(d, 'municipality.csv'), add_q28)

    tpl = os.path.join(t, 'templates', '2026')
    shutil.copytree(os.path.join(t, 'templates', '2025'), tpl)  # the newest set, as the README says
    with open(os.path.join(tpl, 'charts.ini'), 'a', encoding='utf-8') as f:
        f.write('\n[ict]\nkind = pie\nquestion = Q28\ncenter = 1\ntitle = %s\n' % ICT_LABEL)
    edit(os.path.join(tpl, 'report.ini'), lambda s: replace_once(
        s, '\n[window]\n',
        '\n[ict]\ntag = 包括的相談支援事業\nheadline = ICTを活用した相談支援が{wari:Q28=1}\noutline = ICTの活用\n'
        'bullet = ICTを活用した相談支援を実施している自治体は{n:Q28=1}自治体（{pct:Q28=1}）。\nchart = ict 220\n'
        '\n[window]\n'))
    edit(os.path.join(tpl, 'workbook.ini'), lambda s: replace_once(s, 'questions = Q5; Q5_1;',
                                                                   'questions = Q5; Q5_1; Q28;'))
    return counts


def run(jusou, t, *args):
    r = subprocess.run([jusou] + list(args), cwd=t, env=baseline.env(), capture_output=True, text=True, timeout=600)
    return r.returncode, r.stdout, r.stderr


def pdf_pages(pdf):
    text = subprocess.run(['pdftotext', '-enc', 'UTF-8', '-layout', pdf, '-'], capture_output=True,
                          check=True).stdout.decode('utf-8')
    return text.split('\f')


def check_new(jusou, t, counts):
    problems = []
    rc, so, se = run(jusou, t, 'check')
    if rc != 0:
        problems.append('jusou check (2026) exit %d:\n%s' % (rc, se[-1500:]))
    rc, so, se = run(jusou, t, 'report')
    if rc != 0:
        return problems + ['jusou report (2026) exit %d:\n%s' % (rc, se[-1500:])]
    out = os.path.join(t, 'out', '2026')
    if 'data/2026' not in so or 'data/2025' not in so:
        problems.append('the 2026 run did not read 2026 with 2025 beside it:\n' + so)
    base = counts['1'] + counts['2']
    # the new chart
    rows = list(csv.DictReader(open(os.path.join(out, 'charts', 'ict.csv'), encoding='utf-8-sig')))
    got = {r['category']: int(r['count']) for r in rows}
    if got != {'1': counts['1'], '2': counts['2']} or any(int(r['base_n']) != base for r in rows):
        problems.append('charts/ict.csv: %r, expected counts %r of n=%d' % (rows, counts, base))
    if not os.path.exists(os.path.join(out, 'charts', 'ict.png')):
        problems.append('charts/ict.png is missing')
    # the renamed choice: every row of the window chart, this year's and last year's
    rows = list(csv.DictReader(open(os.path.join(out, 'charts', 'window.csv'), encoding='utf-8-sig')))
    years = sorted({r['year'] for r in rows})
    labels = {r['label'] for r in rows if r['category'] == '1'}
    if years != ['2025', '2026'] or labels != {NEW}:
        problems.append('charts/window.csv: years %r, labels of choice 1 %r (expected 2025 and 2026, only %s)'
                        % (years, labels, NEW))
    # the tables: Q5 of 2026 says 設置済み
    tables = list(csv.DictReader(open(os.path.join(out, 'tables.csv'), encoding='utf-8-sig')))
    q5 = [r for r in tables if r.get('question') == 'Q5' and str(r.get('year')) == '2026' and r.get('category') == '1']
    if not q5 or any(r['label'] != NEW for r in q5):
        problems.append('tables.csv: Q5 choice 1 of 2026 is %r' % [r['label'] for r in q5])
    q28 = [r for r in tables if r.get('question') == 'Q28' and r.get('segment') == 'all' and r.get('category') == '1']
    if len(q28) != 1 or int(q28[0]['count']) != counts['1']:
        problems.append('tables.csv: Q28 choice 1 is %r, expected %d' % (q28, counts['1']))
    # the report: the Q5 page shows only the new label; the new page says Q28's count
    pdfs = [n for n in os.listdir(out) if n.endswith('.pdf')]
    pages = pdf_pages(os.path.join(out, pdfs[0])) if len(pdfs) == 1 else []
    if len(pdfs) != 1:
        problems.append('expected one report PDF, found %r' % pdfs)
    window = [p for p in pages if '総合相談窓口の設置状況' in p and '既存の各相談支援機関' in p]
    if not window:
        problems.append('no report page shows 総合相談窓口の設置状況')
    base_labels = [r['label'] for r in csv.DictReader(open(os.path.join(t, 'data', '2026', 'codebook', 'bases.csv'),
                                                             encoding='utf-8-sig'))]
    for p in window:
        flat = re.sub(r'\s+', '', p)
        for label in base_labels:   # a base may be named with the old words (総合相談窓口を設置している自治体)
            flat = flat.replace(label, '')
        if NEW not in flat or OLD in flat:
            problems.append('the Q5 page says %s: %s, %s: %s' % (NEW, NEW in flat, OLD, OLD in flat))
    flat = re.sub(r'\s+', '', '\n'.join(pages))
    pct = '%.1f%%' % (round(1000 * counts['1'] / base + 1e-9) / 10)
    want = 'ICTを活用した相談支援を実施している自治体は%d自治体（%s）。' % (counts['1'], pct)
    if want not in flat:
        problems.append('the report does not say %r' % want)
    # the workbook: Q28 on its sheet, Q5 with the new label
    books = [n for n in os.listdir(out) if n.endswith('.xlsx')]
    code = ('import openpyxl,sys\nwb=openpyxl.load_workbook(sys.argv[1],read_only=True)\n'
            'ws=wb["包括的相談支援事業"]\n'
            'print("\\n".join(str(c) for r in ws.iter_rows(values_only=True) for c in r if c is not None))\n')
    r = subprocess.run(['/usr/bin/python3', '-c', code, os.path.join(out, books[0])], capture_output=True, text=True)
    cells = r.stdout.splitlines()
    if r.returncode != 0 or not any(c.startswith('Q28') and ICT_LABEL in c for c in cells) or NEW not in cells \
            or OLD in cells:
        problems.append('the summary workbook sheet 包括的相談支援事業 lacks Q28 or the label %s (%s)'
                        % (NEW, r.stderr[-300:]))
    return problems


def tree(top):
    files = {}
    for b, ds, fs in os.walk(top):
        for n in fs:
            p = os.path.join(b, n)
            files[os.path.relpath(p, top)] = open(p, 'rb').read()
    return files


def check_unchanged(jusou, t):
    problems = []
    for year, args in (('2025', ()), ('2024', ('--data', 'data/2024'))):
        want = tree(baseline.output(jusou, list(args)))
        out = os.path.join(t, 'out', year)
        rc, so, se = run(jusou, t, 'report', '--data', 'data/' + year, '--out', out)
        if rc != 0:
            problems.append('jusou report --data data/%s exit %d:\n%s' % (year, rc, se[-1500:]))
            continue
        got = tree(out)
        if set(got) != set(want):
            problems.append('%s: files differ: only here %r, only in the bundled output %r'
                            % (year, sorted(set(got) - set(want))[:5], sorted(set(want) - set(got))[:5]))
        differ = sorted(n for n in set(got) & set(want) if got[n] != want[n])
        if differ:
            problems.append('%s: %d files differ from the bundled folder\'s output, e.g. %s'
                            % (year, len(differ), differ[:5]))
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--jusou', required=True)
    ap.add_argument('--check', choices=['new', 'unchanged'], required=True)
    a = ap.parse_args()
    jusou = os.path.abspath(a.jusou)
    t = tempfile.mkdtemp(prefix='jusou-nextyear-')
    try:
        counts = make_2026(t)
        problems = check_new(jusou, t, counts) if a.check == 'new' else check_unchanged(jusou, t)
    finally:
        shutil.rmtree(t, ignore_errors=True)
    for p in problems:
        print('FAIL: ' + p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
