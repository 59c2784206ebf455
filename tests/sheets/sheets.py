#!/usr/bin/python3
"""Key-initiative sheets (jusou sheets). Each check runs jusou on the bundled
data/initiatives (or a damaged copy) into a temporary folder:

  content        every text of sheets.csv and schedule.csv is in the PDF of all
                 sheets (pdftotext), each sheet's own PDF holds its title and no
                 other sheet's, a PNG per page, fonts embedded, a tagged PDF
                 with a Table per page, one bookmark per sheet
  deterministic  two runs give byte-identical files
  errors         one damaged copy per kind of mistake: the exact error line at
                 file:line:col, exit 1, the earlier output unchanged, no
                 temporary folder left
  refusals       --out naming the data folder, a file, or a folder jusou did not
                 write: exit 2, nothing touched
  tracker        tracker.csv's planned, reported and progress-only counts per sheet
                 and period equal counts made here from schedule.csv; with --as-of,
                 the periods ended with nothing reported (and only those) are named
                 in check.txt and warned about; without it, check.txt says so
  workbooks      (openpyxl) the form workbook: a worksheet per sheet, every item
                 and progress line in its cells, merged label cells, the print
                 area on A4 portrait; the tracker workbook: 進捗集計's counts
                 equal tracker.csv, filters on both sheets, one native chart,
                 項目一覧 a row per schedule row
  gantt          the schedule charts: PNG, PDF, SVG and CSV for each sheet and
                 all; every item's months in gantt/<id>.csv equal a span read
                 here from its text (an independent reading); a span changed in
                 the data moves its bar; the as-of line is drawn; no two texts
                 of a chart overlap and none leaves it (collide.py on the test
                 switch's log)

Usage: sheets.py CHECK --jusou PATH
"""
import argparse
import csv
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, 'data', 'initiatives')
BOM = '\ufeff'


def env():
    e = dict(os.environ)
    e['FONTCONFIG_FILE'] = os.path.join(ROOT, 'tests', 'fonts.conf')
    e.pop('SOURCE_DATE_EPOCH', None)
    return e


def run(jusou, *args):
    return subprocess.run([jusou, 'sheets', *args], cwd=ROOT, env=env(), capture_output=True, text=True, timeout=300)


def tool(*cmd):
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def flat(text):
    return re.sub(r'\s+', '', text)


def typeset(text):
    """data text as the outputs show it (text.h): the wave dash of a range ～ (〜, and ~ beside a digit, 月, 日,
    年 or a bracket), a half-width ( ) pair around Japanese （ ）"""
    wide, stack = set(), []
    for i, ch in enumerate(text):
        if ch == '(' and len(stack) < 32:
            stack.append(i)
        elif ch == ')' and stack:
            o = stack.pop()
            if any(ord(x) >= 0x80 for x in text[o + 1:i]):
                wide |= {o, i}
    out = []
    for i, ch in enumerate(text):
        near = lambda x: x.isdigit() or x in '月日年'  # noqa: E731 (0-9 and ０-９ are digits)
        if ch == '〜' or (ch == '~' and ((i > 0 and (near(text[i - 1]) or text[i - 1] in '(（')) or
                                       (i + 1 < len(text) and near(text[i + 1])))):
            out.append('～')
        elif ch in '()' and i in wide:
            out.append('（' if ch == '(' else '）')
        else:
            out.append(ch)
    return ''.join(out)


def rows(name, folder=DATA):
    """a CSV file's rows; the data's texts as the outputs show them (not its ids, months and dates)"""
    with open(os.path.join(folder, name), encoding='utf-8-sig', newline='') as f:
        got = list(csv.DictReader(f))
    if folder == DATA:
        for r in got:
            for k, v in r.items():
                if k not in ('id', 'sheet', 'period', 'months', 'reported', 'fiscal_year') and v:
                    r[k] = typeset(v)
    return got


def snapshot(folder):
    out = {}
    for base, _, files in os.walk(folder):
        for n in files:
            p = os.path.join(base, n)
            out[os.path.relpath(p, folder)] = hashlib.sha256(open(p, 'rb').read()).hexdigest()
    return out


class Checker:
    def __init__(self):
        self.failures = []

    def that(self, ok, msg):
        if not ok:
            self.failures.append(msg)

    def contains(self, text, phrase, where):
        self.that(flat(phrase) in text, '%s does not say: %s' % (where, phrase))


def all_pdf(out):
    pdfs = [n for n in os.listdir(out) if n.endswith('.pdf')]
    if len(pdfs) != 1:
        raise SystemExit('expected one PDF of all sheets in %s, found %s' % (out, pdfs))
    return os.path.join(out, pdfs[0])


def check_content(a, c, tmp):
    out = os.path.join(tmp, 'out')
    r = run(a.jusou, '--out', out)
    c.that(r.returncode == 0, 'jusou sheets failed: %s' % r.stderr)
    if r.returncode:
        return
    pdf = all_pdf(out)
    text = flat(tool('pdftotext', '-enc', 'UTF-8', pdf, '-'))
    # one typography: no ASCII ~ (drawn as a raised ˜) nor 〜 beside ～, no half-width brackets around Japanese
    for bad in re.findall(r'.{0,12}(?:~|〜|\([^()]*[^\x00-\x7f][^()]*\)).{0,12}', text):
        c.that(False, 'the PDF writes %r' % bad)
    sheets, schedule = rows('sheets.csv'), rows('schedule.csv')
    for s in sheets:
        where = 'the PDF (sheet %s)' % s['id']
        for key in ('title', 'organisation', 'department', 'policy', 'kpi', 'kpi_now', 'kpi_target', 'sdg_kpi',
                    'sdg_target'):
            if s[key].strip():
                c.contains(text, s[key], where + ' ' + key)
        for key in ('issues', 'actions'):
            for line in s[key].split('\n'):
                if line.strip():
                    c.contains(text, line, where + ' ' + key)
    for r_ in schedule:
        where = 'the PDF (schedule.csv %s %s)' % (r_['sheet'], r_['period'])
        for key in ('item', 'progress'):
            for line in r_[key].split('\n'):
                if line.strip():
                    tagged = ('【%s】' % r_['tag'] if r_['tag'] else '') + line if key == 'item' else line
                    c.contains(text, tagged, where + ' ' + key)
    # each sheet's own PDF: its title, and no other's
    for s in sheets:
        own = os.path.join(out, 'sheets', s['id'] + '.pdf')
        c.that(os.path.exists(own), 'no %s' % own)
        if not os.path.exists(own):
            continue
        t = flat(tool('pdftotext', '-enc', 'UTF-8', own, '-'))
        c.contains(t, s['title'], 'sheets/%s.pdf' % s['id'])
        for other in sheets:
            if other['id'] != s['id']:
                c.that(flat(other['title']) not in t, 'sheets/%s.pdf holds the title of %s' % (s['id'], other['id']))
    info = {k.strip(): v.strip() for k, _, v in (line.partition(':') for line in tool('pdfinfo', pdf).splitlines())}
    pages = int(info['Pages'])
    c.that(info.get('Tagged') == 'yes', 'Tagged: %s' % info.get('Tagged'))
    c.that(info.get('Page size', '').startswith('595.28 x 841.89'), 'not A4 portrait: %s' % info.get('Page size'))
    pngs = sorted(os.listdir(os.path.join(out, 'pages')))
    c.that(len(pngs) == pages, '%d PNG pages for %d PDF pages' % (len(pngs), pages))
    c.that(all(any(p.startswith(s['id'] + '-') for p in pngs) for s in sheets), 'a sheet without PNG pages')
    fonts = tool('pdffonts', pdf).splitlines()[2:]
    c.that(fonts and all(line.split()[-5] == 'yes' for line in fonts), 'a font not embedded:\n' + '\n'.join(fonts))
    struct = tool('pdfinfo', '-struct', pdf)
    kinds = [line.split()[0] for line in struct.splitlines() if line.strip()]
    c.that(kinds.count('Table') == pages, '%d Table elements for %d pages' % (kinds.count('Table'), pages))
    c.that(kinds.count('TH') >= 5 * len(sheets) and kinds.count('TD') >= 5 * len(sheets), 'too few TH/TD elements')
    outline = tool('pdfinfo', '-dests', pdf)
    c.that(outline.count('page-') >= pages, 'named destinations missing')


def check_deterministic(a, c, tmp):
    first, second = os.path.join(tmp, 'a'), os.path.join(tmp, 'b')
    for out in (first, second):
        r = run(a.jusou, '--out', out)
        c.that(r.returncode == 0, 'jusou sheets failed: %s' % r.stderr)
    one, two = snapshot(first), snapshot(second)
    one.pop('.jusou', None), two.pop('.jusou', None)
    c.that(one == two, 'two runs differ: %s' % sorted(k for k in set(one) | set(two) if one.get(k) != two.get(k)))


def line_col(path, needle, at=None):
    """'FILE:LINE:COL' of `at` (default: needle's start) in the line holding needle"""
    text = open(path, encoding='utf-8-sig').read()
    k = text.index(needle) + (needle.index(at) if at else 0)
    line = text.count('\n', 0, k) + 1
    col = k - (text.rfind('\n', 0, k) + 1) + 1
    return '%s:%d:%d' % (path, line, col)


def edit(path, old, new):
    text = open(path, encoding='utf-8-sig').read()
    if text.count(old) < 1:
        raise SystemExit('%s has no %r' % (path, old))
    open(path, 'w', encoding='utf-8', newline='').write(BOM + text.replace(old, new, 1))


# name, file, old, new, (needle, at) of the error, the message after "error: "
CASES = [
    ('unknown_sheet', 'schedule.csv', 'nishi-kyosei,後期', 'nishi-kyousei,後期', ('nishi-kyousei,後期', None),
     "sheet: there is no sheet 'nishi-kyousei' in {dir}/sheets.csv"),
    ('unknown_period', 'schedule.csv', 'higashi,中期', 'higashi,夏期', ('higashi,夏期', '夏期'),
     "period: '夏期' is not a period of the form (前期, 中期, 後期, 次年度以降)"),
    ('month_13', 'schedule.csv', '会議の開催（8、10月）', '会議の開催（8、13月）', ('会議の開催（8、13月）', '8、'),
     'item: the months in brackets are not a span: a month is 1 to 12'),
    ('month_backwards', 'schedule.csv', '学校訪問の実施（2～3月）', '学校訪問の実施（3～2月）', ('学校訪問の実施（3～2月）', '3～'),
     'item: the months in brackets are not a span: a range runs forward within the fiscal year (April to March)'),
    ('sdg_18', 'sheets.csv', ',4,,,2023', ',18,,,2023', (',18,,,2023', '18'),
     "sdg: '18' is not an SDGs goal: the goals are 1 to 17"),
    ('duplicate_id', 'sheets.csv', 'kita-gakko,2023', 'higashi,2023', ('higashi,2023', None),
     "id: sheet 'higashi' is already on line 2"),
    ('bad_date', 'schedule.csv', '2023-11-11', '2023-11-31', ('2023-11-31', None),
     "reported: '2023-11-31' is not a date: write YYYY-MM-DD, several with ;"),
    ('unsafe_id', 'sheets.csv', 'kita-gakko,2023', '../kita,2023', ('../kita,2023', None),
     "id: '../kita' cannot name a sheet's files: it holds '/', '\\' or ':'"),
    ('reserved_id', 'sheets.csv', 'kita-gakko,2023', 'all,2023', ('all,2023', None),
     "id: 'all' cannot name a sheet's files: 'all' names the schedule chart of all sheets"),
]


def check_errors(a, c, tmp):
    # an earlier output of jusou, to be left as it was
    out = os.path.join(tmp, 'out')
    r = run(a.jusou, '--out', out)
    c.that(r.returncode == 0, 'jusou sheets failed: %s' % r.stderr)
    before = snapshot(out)
    for name, file, old, new, (needle, at), message in CASES:
        data = os.path.join(tmp, 'data-' + name)
        shutil.copytree(DATA, data)
        path = os.path.join(data, file)
        edit(path, old, new)
        r = run(a.jusou, '--data', data, '--out', out)
        errors = [line for line in r.stderr.splitlines() if ': error: ' in line]
        want = '%s: error: %s' % (line_col(path, needle, at), message.replace('{dir}', data))
        c.that(r.returncode == 1, '%s: exit %d, not 1' % (name, r.returncode))
        c.that(errors == [want], '%s: errors\n  %s\nwanted\n  %s' % (name, '\n  '.join(errors), want))
        c.that(r.stderr.rstrip().endswith('nothing was written'), '%s: the last line does not say nothing was written'
               % name)
        c.that(snapshot(out) == before, '%s: the earlier output changed' % name)
        c.that(not [n for n in os.listdir(tmp) if n.startswith('.')], '%s: a temporary folder was left' % name)
    # a file saved by Excel as CP932 reads the same
    data = os.path.join(tmp, 'data-cp932')
    shutil.copytree(DATA, data)
    for n in ('sheets.csv', 'schedule.csv'):
        text = open(os.path.join(data, n), encoding='utf-8-sig').read()
        # as Excel saves it: the dash CP932 has (U+2015) for U+2014
        open(os.path.join(data, n), 'wb').write(text.replace('\u2014', '\u2015').encode('cp932'))
    r = run(a.jusou, '--data', data, '--out', os.path.join(tmp, 'out-cp932'))
    c.that(r.returncode == 0, 'CP932 files: %s' % r.stderr)


def check_refusals(a, c, tmp):
    data = os.path.join(tmp, 'data')
    shutil.copytree(DATA, data)
    mine = os.path.join(tmp, 'mine')
    os.mkdir(mine)
    open(os.path.join(mine, 'thesis.txt'), 'w').write('mine')
    afile = os.path.join(tmp, 'a-file')
    open(afile, 'w').write('x')
    for out in (data, os.path.join(data, 'out'), mine, afile):
        before = snapshot(tmp)
        r = run(a.jusou, '--data', data, '--out', out)
        c.that(r.returncode == 2, '--out %s: exit %d, not 2 (%s)' % (out, r.returncode, r.stderr.strip()))
        c.that(snapshot(tmp) == before, '--out %s: something changed' % out)
    # a data folder that is not there, a date that is not one: the command line is wrong
    for args in (('--data', os.path.join(tmp, 'nowhere')), ('--as-of', '2024-13-01')):
        before = snapshot(tmp)
        r = run(a.jusou, *args, '--out', os.path.join(tmp, 'out'))
        c.that(r.returncode == 2, '%s: exit %d, not 2 (%s)' % (' '.join(args), r.returncode, r.stderr.strip()))
        c.that(snapshot(tmp) == before, '%s: something changed' % ' '.join(args))


FY = [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3]
PERIOD_FIRST = {'前期': 4, '中期': 8, '後期': 12}


def span_of(text, period):
    """the months of the last bracketed group of `text` holding 月, as 様式4 writes them, read
    independently of jusou: set of calendar months"""
    text = text.translate(str.maketrans('０１２３４５６７８９（）〜~', '0123456789()～～'))
    groups = [g for g in re.findall(r'\(([^()]*)\)', text) if '月' in g]
    if not groups:
        return set()
    months = set()
    for part in re.split(r'[、,]', groups[-1].replace('月', '')):
        part = part.strip()
        if '～' in part:
            a, b = part.split('～')
            a = int(a) if a else PERIOD_FIRST[period]
            b = int(b) if b else 3
            i, j = FY.index(a), FY.index(b)
            months |= set(FY[i:j + 1])
        elif part:
            months.add(int(part))
    return months


def months_of_csv(cell):
    out = set()
    for run in filter(None, cell.split(';')):
        if '-' in run:
            a, b = map(int, run.split('-'))
            out |= set(FY[FY.index(a):FY.index(b) + 1])
        else:
            out.add(int(run))
    return out


def check_gantt(a, c, tmp):
    sys.path.insert(0, os.path.join(ROOT, 'tests', 'charts'))
    import collide  # noqa: E402
    out = os.path.join(tmp, 'out')
    log = os.path.join(tmp, 'textlog')
    e = env()
    e['JU_TEST_TEXTLOG'] = log
    r = subprocess.run([a.jusou, 'sheets', '--out', out, '--as-of', '2023-12-01'], cwd=ROOT, env=e,
                       capture_output=True, text=True, timeout=300)
    c.that(r.returncode == 0, 'jusou sheets failed: %s' % r.stderr)
    if r.returncode:
        return
    sheets, schedule = rows('sheets.csv'), rows('schedule.csv')
    for name in [s['id'] for s in sheets] + ['all']:
        for ext in ('png', 'pdf', 'svg', 'csv'):
            c.that(os.path.exists(os.path.join(out, 'gantt', name + '.' + ext)), 'no gantt/%s.%s' % (name, ext))
    items = [x for x in schedule if x['item'] and x['period'] in PERIOD_FIRST]
    for s in sheets:
        bars = [x for x in rows(s['id'] + '.csv', os.path.join(out, 'gantt')) if x['kind'] == 'item']
        mine = [x for x in items if x['sheet'] == s['id']]
        c.that(len(bars) == len(mine), 'gantt/%s.csv has %d items, the data %d' % (s['id'], len(bars), len(mine)))
        for x in mine:
            want = span_of(x['item'], x['period'])
            got = [b for b in bars if b['text'] == x['item'] and months_of_csv(b['months']) == want]
            c.that(got, 'gantt/%s.csv: no bar of months %s for %s' % (s['id'], sorted(want), x['item']))
    text = flat(tool('pdftotext', '-enc', 'UTF-8', os.path.join(out, 'gantt', 'all.pdf'), '-'))
    c.contains(text, '2023-12-01', 'gantt/all.pdf (the as-of date)')
    charts, texts = collide.read_log(log)
    c.that(len(charts) >= 3 * (len(sheets) + 1), 'only %d charts logged' % len(charts))
    for p in collide.check(charts, texts):
        c.that(False, p)
    # a span changed in the data moves its bar
    data = os.path.join(tmp, 'data')
    shutil.copytree(DATA, data)
    edit(os.path.join(data, 'schedule.csv'), '多機関協働担当を中心とした会議の開催（4、6月）',
         '多機関協働担当を中心とした会議の開催（5～7月）')
    out2 = os.path.join(tmp, 'out2')
    r = run(a.jusou, '--data', data, '--out', out2)
    c.that(r.returncode == 0, 'jusou sheets failed: %s' % r.stderr)
    before = [b for b in rows('higashi.csv', os.path.join(out, 'gantt')) if b['text'].startswith('多機関協働担当を中心とした会議の開催（4')]
    after = [b for b in rows('higashi.csv', os.path.join(out2, 'gantt')) if b['text'].startswith('多機関協働担当を中心とした会議の開催（5')]
    c.that(before and before[0]['months'] == '4;6', 'the bar before: %s' % before)
    c.that(after and after[0]['months'] == '5-7', 'the bar after: %s' % after)


PERIOD_END = {'前期': (7, 31), '中期': (11, 30), '後期': (3, 31)}


def bigrams(text):
    """the character pairs of a text without its parentheses, spaces, punctuation and list marks (its first 120
    characters), as reportmatch.h says"""
    kept, depth = [], 0
    for ch in text[:10000]:
        if len(kept) >= 120:
            break
        if ch in '(（':
            depth += 1
        elif ch in ')）':
            depth = max(0, depth - 1)
        elif depth == 0 and not (ch.isspace() or ch == '\u3000' or
                                 (ord(ch) < 0x80 and not ch.isalnum()) or ch in '、。〃〈〉《》「」『』【】・→⇒※：；～〜' or
                                 0x25A0 <= ord(ch) <= 0x25FF or 0xFF01 <= ord(ch) <= 0xFF0F):
            kept.append(ch)
    return {kept[i] + kept[i + 1] for i in range(len(kept) - 1)}


def matches(schedule):
    """each progress-only row (by its index) and the index of the item of its sheet and period it reports on:
    the best Dice similarity of bigrams, at least 0.3 and 0.1 ahead of the next"""
    out = {}
    for i, x in enumerate(schedule):
        if x['item'].strip() or not x['progress'].strip():
            continue
        g = bigrams(x['progress'].split('\n')[0])
        scores = []
        for j, y in enumerate(schedule):
            if y['sheet'] == x['sheet'] and y['period'] == x['period'] and y['item'].strip():
                h = bigrams(y['item'])
                scores.append((2 * len(g & h) / (len(g) + len(h)) if g and h else 0, j))
        scores.sort(key=lambda t: -t[0])
        if scores and scores[0][0] >= 0.3 and scores[0][0] - (scores[1][0] if len(scores) > 1 else 0) >= 0.1:
            out[i] = scores[0][1]
    return out


def check_tracker(a, c, tmp):
    sheets, schedule = rows('sheets.csv'), rows('schedule.csv')
    as_of = '2025-04-15'
    out = os.path.join(tmp, 'out')
    r = run(a.jusou, '--out', out, '--as-of', as_of)
    c.that(r.returncode == 0, 'jusou sheets failed: %s' % r.stderr)
    if r.returncode:
        return
    got = {(x['sheet'], x['period']): x for x in rows('tracker.csv', out)}
    matched = matches(schedule)
    heard = set(matched.values()) | {i for i, x in enumerate(schedule) if x['item'].strip() and x['progress'].strip()}
    # progress written on its own lines is matched to the items it reports on (the 報告率 was 0% for three sheets)
    c.that(len(matched) >= 20, 'only %d progress lines matched to items' % len(matched))
    silent = []
    for s in sheets:
        fy = int(s['fiscal_year'])
        for period, (m, d) in PERIOD_END.items():
            mine = [i for i, x in enumerate(schedule) if x['sheet'] == s['id'] and x['period'] == period]
            planned = sum(1 for i in mine if schedule[i]['item'].strip())
            reported = sum(1 for i in mine if i in heard)
            alone = sum(1 for i in mine if not schedule[i]['item'].strip() and schedule[i]['progress'].strip() and
                        i not in matched)
            end = '%04d-%02d-%02d' % (fy + (m <= 3), m, d)
            row = got.get((s['id'], period))
            c.that(row is not None, 'tracker.csv has no row for %s %s' % (s['id'], period))
            if not row:
                continue
            want = dict(planned=str(planned), reported=str(reported), progress_only=str(alone), period_end=end,
                        past='1' if as_of > end else '0',
                        nothing_reported='1' if as_of > end and reported + alone == 0 else '0')
            for k, v in want.items():
                c.that(row[k] == v, 'tracker.csv %s %s %s: %s, counted %s' % (s['id'], period, k, row[k], v))
            if want['nothing_reported'] == '1':
                silent.append((s, period, end))
    c.that(len(got) == 3 * len(sheets), 'tracker.csv has %d rows for %d sheets' % (len(got), len(sheets)))
    c.that(silent, 'the bundled data has no period ended unreported as of %s: the check proves nothing' % as_of)
    check = open(os.path.join(out, 'check.txt'), encoding='utf-8').read()
    lines = [line for line in check.splitlines() if '報告がありません' in line]
    c.that(len(lines) == len(silent), 'check.txt names %d periods, counted %d:\n%s' % (len(lines), len(silent), check))
    for s, period, end in silent:
        c.that(any(s['title'] in line and period in line and end in line for line in lines),
               'check.txt does not name %s %s' % (s['id'], period))
        c.that("sheet '%s', %s: the period ended on %s" % (s['id'], period, end) in r.stderr,
               'no warning for %s %s' % (s['id'], period))
    r = run(a.jusou, '--out', os.path.join(tmp, 'out2'))
    check = open(os.path.join(tmp, 'out2', 'check.txt'), encoding='utf-8').read()
    c.that('--as-of' in check and '報告がありません' not in check, 'check.txt without --as-of: %s' % check)


def check_workbooks(a, c, tmp):
    import openpyxl
    out = os.path.join(tmp, 'out')
    r = run(a.jusou, '--out', out, '--as-of', '2025-04-15')
    c.that(r.returncode == 0, 'jusou sheets failed: %s' % r.stderr)
    if r.returncode:
        return
    sheets, schedule = rows('sheets.csv'), rows('schedule.csv')
    books = sorted(n for n in os.listdir(out) if n.endswith('.xlsx'))
    c.that(len(books) == 2, 'workbooks: %s' % books)
    form = [n for n in books if '進捗' not in n]
    tracker = [n for n in books if '進捗' in n]
    if not form or not tracker:
        return
    wb = openpyxl.load_workbook(os.path.join(out, form[0]))
    c.that(wb.sheetnames == [s['id'] for s in sheets], 'form worksheets: %s' % wb.sheetnames)
    for s in sheets:
        if s['id'] not in wb.sheetnames:
            continue
        ws = wb[s['id']]
        text = flat(''.join(str(v) for row in ws.iter_rows(values_only=True) for v in row if v))
        c.contains(text, s['title'], 'form %s' % s['id'])
        for x in schedule:
            if x['sheet'] != s['id']:
                continue
            for line in (x['item'] + '\n' + x['progress']).split('\n'):
                if line.strip():
                    c.contains(text, line, 'form %s' % s['id'])
        c.that(len(ws.merged_cells.ranges) >= 20, 'form %s: %d merged ranges' % (s['id'], len(ws.merged_cells.ranges)))
        c.that(ws.print_area is not None, 'form %s: no print area' % s['id'])
        c.that(ws.page_setup.orientation == 'portrait' and str(ws.page_setup.paperSize) == '9',
               'form %s: not A4 portrait (%s, %s)' % (s['id'], ws.page_setup.orientation, ws.page_setup.paperSize))
    tb = openpyxl.load_workbook(os.path.join(out, tracker[0]))
    summary, items = tb[tb.sheetnames[0]], tb[tb.sheetnames[1]]
    want = rows('tracker.csv', out)
    got = [row for row in summary.iter_rows(min_row=2, max_row=len(want) + 1, values_only=True)]
    for w, g in zip(want, got):
        c.that((g[0], str(g[3]), g[4], g[5], g[6], g[7]) ==
               (w['sheet'], w['fiscal_year'], w['period'], int(w['planned']), int(w['reported']), int(w['progress_only'])),
               '進捗集計 row %s differs from tracker.csv %s' % (g, w))
        c.that((g[10] == '●') == (w['nothing_reported'] == '1'), '進捗集計 %s: the mark of nothing reported' % (g,))
    c.that(summary.auto_filter.ref and items.auto_filter.ref, 'a sheet without filters')
    c.that(len(summary._charts) == 1, '進捗集計 has %d charts' % len(summary._charts))
    c.that(items.max_row == len(schedule) + 1, '項目一覧 has %d rows for %d schedule rows' % (items.max_row - 1,
                                                                                            len(schedule)))
    # a progress line on its own names the item it was matched to
    want = {(x['sheet'], x['period'], x['progress'].split('\n')[0]): schedule[j]['item'] for i, j in matches(schedule).items()
            for x in [schedule[i]]}
    seen = 0
    for row in items.iter_rows(min_row=2, values_only=True):
        key = (row[0], row[3], row[5])
        if row[7] != '進捗のみ':
            c.that(not row[10], '項目一覧 %s: an item matched to %r' % (key, row[10]))
        elif key in want:
            seen += 1
            c.that(row[10] == want[key], '項目一覧 %s: matched to %r, not %r' % (key, row[10], want[key]))
        else:
            c.that(not row[10], '項目一覧 %s: matched to %r, which the rule does not give' % (key, row[10]))
    c.that(seen == len(want), '項目一覧 shows %d of the %d matched progress lines' % (seen, len(want)))


CHECKS = {'content': check_content, 'deterministic': check_deterministic, 'errors': check_errors,
          'refusals': check_refusals, 'gantt': check_gantt, 'tracker': check_tracker, 'workbooks': check_workbooks}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('check', choices=sorted(CHECKS))
    ap.add_argument('--jusou', required=True)
    a = ap.parse_args()
    a.jusou = os.path.abspath(a.jusou)
    c = Checker()
    with tempfile.TemporaryDirectory(prefix='jusou-sheets-') as tmp:
        CHECKS[a.check](a, c, tmp)
    if c.failures:
        print('FAIL sheets %s:' % a.check)
        for f in c.failures:
            print('  ' + f)
        return 1
    print('PASS sheets %s' % a.check)
    return 0


if __name__ == '__main__':
    sys.exit(main())
