#!/usr/bin/python3
"""Workbook test: `jusou report` writes the summary workbook and one workbook
per municipality; read them back with openpyxl and hold every number against
tables.csv / stats.csv of the same run.

    readback.py --jusou PATH --check summary|municipalities|deterministic [--tmp DIR]

  summary         every table (named T_<form>_<question>): base n, counts and
                  percents of each column group (year × segment), the
                  statistics of count questions; every tabulated question of
                  tables.csv has its table; sheet names valid; frozen panes;
                  one native chart per table; 0.0% on percent cells;
                  autofilters and print set-up; the response sheets agree with
                  stats.csv (sums of count columns); column heads say the year
                  a question counts (questions.csv year); 区分 columns only
                  where the segment differs from 全体; the native charts in the
                  charts' style (palette, greys for 無回答, the previous year
                  lighter, an East Asian font beside every Latin one)
  municipalities  one workbook per responding municipality; in a sample of
                  them every block's 都内全体 and 区分 figures equal tables.csv
                  and stats.csv, the ○ marks and values equal the summary's
                  response sheet, and the ranks are right; one chart per block,
                  in the charts' style; the 区分 column only where it differs
  deterministic   a second run gives byte-identical xlsx files

Exit 0 on success, 1 on a mismatch (the first problems are printed).
"""
import argparse
import csv
import glob
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import warnings

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, '..', '..'))
BAD_SHEET_CHARS = set('[]:*?/\\')
TABLE_HEADS = ('選択肢', '階級', '年度')
STAT_FIELDS = {'回答数': 'answered', 'カウントしていない': 'not_counted', '無回答': 'no_answer', '合計': 'sum',
               '平均': 'mean', '中央値': 'median', '最小': 'min', '最大': 'max'}

warnings.filterwarnings('ignore', category=UserWarning, module='openpyxl')


class Problems(list):
    def add(self, msg):
        self.append(msg)

    def report(self):
        for p in self[:40]:
            print('FAIL:', p)
        if len(self) > 40:
            print('… and %d more' % (len(self) - 40))
        return 1 if self else 0


sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import baseline  # noqa: E402


def run_report(jusou, out):
    r = subprocess.run([jusou, 'report', '--out', out], cwd=TOP, capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        print(r.stdout, r.stderr)
        raise SystemExit(1)
    if 'WARNING' in r.stderr or '[ERROR]' in r.stderr:
        print('libxlsxwriter printed on stderr:\n' + r.stderr[:2000])
        raise SystemExit(1)
    return r


def read_csv(path):
    raw = open(path, 'rb').read()
    try:
        text = raw.decode('utf-8-sig')
    except UnicodeDecodeError:
        text = raw.decode('cp932')  # responses may come as CP932 (Excel on a Japanese PC)
    return list(csv.DictReader(io.StringIO(text, newline='')))


def wareki_year(text):
    m = re.match(r'^令和(\d+|元)年度$', text)
    if not m:
        return None
    return 2019 if m.group(1) == '元' else 2018 + int(m.group(1))


def column_year(text, q, where, problems):
    """the survey year a column header names: 令和7年度, or for a question
    counting another year (questions.csv year = Y-1) 令和6年度の値（令和7年度調査）;
    None when the header does not say so, or says the wrong one"""
    m = re.match(r'^(.+)の値\n?（(.+)調査）$', text)
    back = int(q['year'][2:]) if q and q.get('year', '').startswith('Y-') else 0
    if m:
        counted, survey = wareki_year(m.group(1)), wareki_year(m.group(2))
        if survey is None or counted is None or counted != survey - back or back == 0:
            problems.add('%s: header %r, but questions.csv says year %r' % (where, text, q and q.get('year')))
            return None
        return survey
    if back:
        problems.add('%s: header %r does not say which year is counted (questions.csv year %s)'
                     % (where, text, q['year']))
        return None
    return wareki_year(text)


def segments_shown(exp, form, qid, segment_of_form=None):
    """the segments a table must show beside 全体: those whose base holds some
    respondents but not all of 全体's, unless the question makes the segments"""
    all_key = (exp.current, form, qid, 'all')
    if all_key not in exp.tables:
        return set()
    sform, sq = exp.segment_by[form]
    if sform == form and sq == qid:
        return set()
    n_all = exp.tables[all_key]['base_n']
    return {k[3] for k, t in exp.tables.items()
            if k[0] == exp.current and k[1] == form and k[2] == qid and k[3] != 'all'
            and (segment_of_form is None or k[3] == segment_of_form)
            and 0 < t['base_n'] != n_all}


class Expected:
    """tables.csv and stats.csv of a run, and the segment labels of the codebook."""

    def __init__(self, out):
        self.tables = {}
        self.cells = {}
        for r in read_csv(os.path.join(out, 'tables.csv')):
            key = (int(r['year']), r['form'], r['question'], r['segment'])
            self.tables.setdefault(key, {'base_n': int(r['base_n']), 'rows': {}})
            self.tables[key]['rows'][r['label']] = r
        self.stats = {(int(r['year']), r['form'], r['question'], r['segment']): r
                      for r in read_csv(os.path.join(out, 'stats.csv'))}
        self.years = sorted({k[0] for k in self.tables})
        self.current = self.years[-1]
        cb = os.path.join(TOP, 'data', str(self.current), 'codebook')
        forms = read_csv(os.path.join(cb, 'forms.csv'))
        choices = read_csv(os.path.join(cb, 'choices.csv'))
        self.segment_of = {}  # form -> {label: 'Q1=1'}
        self.segment_by = {}  # form -> (form, question)
        for f in forms:
            sform, sq = f['segment_by'].split('.')
            self.segment_by[f['form']] = (sform, sq)
            self.segment_of[f['form']] = {c['label']: '%s=%s' % (sq, c['code']) for c in choices
                                          if c['form'] == sform and c['question'] == sq}
        self.questions = {(q['form'], q['id']): q for q in read_csv(os.path.join(cb, 'questions.csv'))}


def num_equal(cell_value, text):
    if text == '':
        return cell_value is None
    if not isinstance(cell_value, (int, float)) or isinstance(cell_value, bool):
        return False
    return abs(cell_value - float(text)) < 1e-9


def pct_equal(cell, text, problems, where):
    if text == '':
        if cell.value is not None:
            problems.add('%s: percent should be blank, is %r' % (where, cell.value))
        return
    if cell.number_format != '0.0%':
        problems.add('%s: percent cell has number format %r, not 0.0%%' % (where, cell.number_format))
    if not isinstance(cell.value, (int, float)) or round(cell.value * 1000) != round(float(text) * 10):
        problems.add('%s: percent %r, tables.csv says %s' % (where, cell.value, text))


def defined_tables(wb):
    """{name: (sheet, min_row, min_col, max_row, max_col)} for the T_ names"""
    out = {}
    for dn in wb.defined_names.definedName:
        if not dn.name.startswith('T_'):
            continue
        for sheet, ref in dn.destinations:
            m = re.match(r'^\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$', ref)
            if not m:
                continue
            c0 = openpyxl.utils.column_index_from_string(m.group(1))
            c1 = openpyxl.utils.column_index_from_string(m.group(3))
            out[dn.name] = (sheet, int(m.group(2)), c0, int(m.group(4)), c1)
    return out


def check_sheet_names(wb, problems, what):
    seen = set()
    for name in wb.sheetnames:
        if len(name) > 31 or set(name) & BAD_SHEET_CHARS or name.startswith("'") or name.endswith("'"):
            problems.add('%s: invalid sheet name %r' % (what, name))
        if name.lower() in seen:
            problems.add('%s: duplicate sheet name %r' % (what, name))
        seen.add(name.lower())


def check_stats(ws, row, label, cells, exp_stats, where, problems):
    """cells: [(cell, stats-row)]"""
    base = re.sub(r'（.*?）$', '', label)
    field = STAT_FIELDS.get(base)
    if field is None:
        return False
    for cell, st in cells:
        if st is None:
            problems.add('%s: no stats.csv row' % where)
            continue
        if not num_equal(cell.value, st[field]):
            problems.add('%s %s: %r, stats.csv says %r' % (where, label, cell.value, st[field]))
    return True


# ------------------------------------------------------------------- summary

def chart_style(year):
    """[style] of the year's charts.ini: the palette and the greys"""
    import configparser
    tdir = os.path.join(TOP, 'templates')
    years = sorted(int(d) for d in os.listdir(tdir) if d.isdigit() and int(d) <= year)
    ini = configparser.ConfigParser(interpolation=None, strict=False)
    ini.read(os.path.join(tdir, str(years[-1]), 'charts.ini'), encoding='utf-8')
    st = ini['style']
    hexes = lambda v: [c.strip().lstrip('#').upper() for c in v.split(',')]
    return {'palette': hexes(st['palette']), 'no_answer': hexes(st['no_answer'])[0],
            'not_counted': hexes(st['not_counted'])[0]}


def luminance(hexcol):
    r, g, b = (int(hexcol[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def check_charts(path, year, problems, what):
    """the native charts of a workbook, in the charts' style: every chart
    font has its East Asian twin; every series is filled; colours come from
    the palette, its greys or their tints; a series or point named 無回答 or
    カウントしていない is grey; a previous year's series is lighter than this
    year's. Returns how many charts were looked at."""
    import zipfile
    st = chart_style(year)
    greys = {st['no_answer'], st['not_counted']}
    base = set(st['palette']) | greys

    def is_tint(c):  # a colour lightened towards white from the palette or a grey
        cr = [int(c[i:i + 2], 16) for i in (0, 2, 4)]
        for b in base:
            br = [int(b[i:i + 2], 16) for i in (0, 2, 4)]
            k = max(range(3), key=lambda i: 255 - br[i])
            if br[k] == 255:
                continue
            t = (cr[k] - br[k]) / (255 - br[k])
            if 0 <= t <= 1 and all(abs(bv + (255 - bv) * t - cv) <= 2 for cv, bv in zip(cr, br)):
                return True
        return False

    z = zipfile.ZipFile(path)
    charts = [n for n in z.namelist() if re.match(r'xl/charts/chart\d+\.xml$', n)]
    for name in charts:
        x = z.read(name).decode('utf-8')
        latins = re.findall(r'<a:latin typeface="([^"]*)"[^>]*/>(<a:ea typeface="([^"]*)")?', x)
        if not latins or any(m[2] != m[0] for m in latins):
            problems.add('%s %s: a chart font without its East Asian twin (<a:ea>)' % (what, name))
        series = re.findall(r'<c:ser>(.*?)</c:ser>', x, re.S)
        colours = []
        for ser in series:
            fill = re.search(r'<c:spPr><a:solidFill><a:srgbClr val="([0-9A-F]{6})"/>', ser)
            sname = re.search(r'<c:tx>.*?<c:v>(.*?)</c:v>', ser, re.S) or re.search(r'<c:tx><c:v>(.*?)</c:v>', ser)
            if not fill:
                problems.add('%s %s: a series without a fill of its own' % (what, name))
                continue
            colours.append(fill.group(1))
            for c in [fill.group(1)] + re.findall(r'<c:dPt>.*?<a:srgbClr val="([0-9A-F]{6})"/>', ser, re.S):
                if c not in base and not is_tint(c):
                    problems.add('%s %s: colour %s is not of the charts\' style' % (what, name, c))
            cats = re.findall(r'<c:pt idx="(\d+)"><c:v>(.*?)</c:v>', (re.search(r'<c:cat>(.*?)</c:cat>', ser, re.S)
                                                                      or re.search('()', '')).group(1))
            points = dict(re.findall(r'<c:dPt><c:idx val="(\d+)"/>.*?<a:srgbClr val="([0-9A-F]{6})"/>', ser, re.S))
            for idx, cat in cats:
                if cat in ('無回答', 'カウントしていない'):
                    c = points.get(idx, fill.group(1))
                    grey = c in greys or (len(set(c[i:i + 2] for i in (0, 2, 4))) == 1)
                    if not grey:
                        problems.add('%s %s: the bar of %s in %s, not grey' % (what, name, cat, c))
            label = sname.group(1) if sname else ''
            if label in ('無回答', 'カウントしていない') and fill.group(1) not in greys:
                problems.add('%s %s: series %s in %s, not grey' % (what, name, label, fill.group(1)))
        if re.search(r'<c:grouping val="clustered"/>', x) and len(colours) == 2 and '年度' in x:
            names = re.findall(r'<c:ser>.*?<c:tx><c:v>(.*?)</c:v>', x, re.S)
            if len(names) == 2 and names[0][:5] != names[1][:5] and luminance(colours[1]) <= luminance(colours[0]):
                problems.add('%s %s: the previous year (%s) is not lighter than this year (%s)'
                             % (what, name, colours[1], colours[0]))
    return len(charts)


def check_summary(out, problems):
    exp = Expected(out)
    paths = glob.glob(os.path.join(out, '*.xlsx'))
    if len(paths) != 1:
        problems.add('expected one summary workbook in %s, found %s' % (out, paths))
        return
    path = paths[0]
    if '集計表' not in os.path.basename(path):
        problems.add('summary workbook name %r does not say 集計表' % os.path.basename(path))
    wb = openpyxl.load_workbook(path)
    check_sheet_names(wb, problems, 'summary')
    for must in ('目次', '自由記述', '集計条件'):
        if must not in wb.sheetnames:
            problems.add('summary: no sheet %s' % must)
    data_sheets = [n for n in wb.sheetnames if n.startswith('回答データ_')]
    if len(data_sheets) != 2:
        problems.add('summary: expected two 回答データ_ sheets, found %s' % data_sheets)

    names = defined_tables(wb)
    tabulated = {(k[1], k[2]) for k in exp.tables if k[0] == exp.current}
    found = set()
    tables_per_sheet = {}
    checked_cells = 0
    for name, (sheet, r0, c0, r1, c1) in sorted(names.items()):
        ws = wb[sheet]
        head = ws.cell(r0, c0).value
        if head not in TABLE_HEADS:
            continue
        form, qid = name[2:].split('_', 1)
        # the form id has no underscore in the bundled codebook; split on the known forms
        for f in exp.segment_of:
            if name.startswith('T_%s_' % f):
                form, qid = f, name[len('T_%s_' % f):]
        found.add((form, qid))
        tables_per_sheet[sheet] = tables_per_sheet.get(sheet, 0) + 1
        ng = (c1 - c0) // 2
        groups = []
        for k in range(ng):
            label = ws.cell(r0 + 1, c0 + 1 + k).value
            plabel = ws.cell(r0 + 1, c0 + 1 + ng + k).value
            if label != plabel:
                problems.add('%s: count and percent columns name different groups: %r / %r' % (name, label, plabel))
            # the head: the year, then the segment, lines broken where the column wraps
            flat = (label or '').replace('\n', '')
            seg_label = next((sl for sl in sorted(['全体'] + list(exp.segment_of.get(form, {})), key=len, reverse=True)
                              if flat.endswith(sl)), '')
            year_text = flat[:len(flat) - len(seg_label)]
            year = column_year(year_text, exp.questions.get((form, qid)), name, problems)
            seg = 'all' if seg_label == '全体' else exp.segment_of.get(form, {}).get(seg_label)
            if year is None or seg is None:
                problems.add('%s: cannot read the group header %r' % (name, label))
                groups.append(None)
                continue
            key = (year, form, qid, seg)
            if key not in exp.tables:
                problems.add('%s: group %r has no rows in tables.csv' % (name, label))
                groups.append(None)
                continue
            groups.append(key)
        shown = {k[3] for k in groups if k and k[0] == exp.current and k[3] != 'all'}
        want = segments_shown(exp, form, qid)
        if shown != want:
            problems.add('%s: segment columns %s, expected those that differ from 全体: %s'
                         % (name, sorted(shown), sorted(want)))
        if ws.cell(r0 + 2, c0).value != '母数（n）':
            problems.add('%s: the row under the header is %r, not 母数（n）' % (name, ws.cell(r0 + 2, c0).value))
        for k, key in enumerate(groups):
            if key and ws.cell(r0 + 2, c0 + 1 + k).value != exp.tables[key]['base_n']:
                problems.add('%s %s: n = %r, tables.csv says %d' % (name, key, ws.cell(r0 + 2, c0 + 1 + k).value,
                                                                   exp.tables[key]['base_n']))
        seen_labels = set()
        in_stats = False
        for r in range(r0 + 3, r1 + 1):
            label = ws.cell(r, c0).value
            if label == '統計量':
                in_stats = True
                continue
            if in_stats:
                cells = [(ws.cell(r, c0 + 1 + k), exp.stats.get(key) if key else None) for k, key in enumerate(groups)]
                if not check_stats(ws, r, label, cells, exp.stats, name, problems):
                    problems.add('%s: unknown statistic %r' % (name, label))
                checked_cells += len(cells)
                continue
            seen_labels.add(label)
            for k, key in enumerate(groups):
                if not key:
                    continue
                row = exp.tables[key]['rows'].get(label)
                cnt, pct = ws.cell(r, c0 + 1 + k), ws.cell(r, c0 + 1 + ng + k)
                where = '%s %s %r' % (name, key, label)
                if row is None:
                    if cnt.value is not None or pct.value is not None:
                        problems.add('%s: a figure where tables.csv has no such category' % where)
                    continue
                if not num_equal(cnt.value, row['count']):
                    problems.add('%s: count %r, tables.csv says %s' % (where, cnt.value, row['count']))
                pct_equal(pct, row['percent'], problems, where)
                checked_cells += 2
        for key in groups:
            if key:
                missing = set(exp.tables[key]['rows']) - seen_labels
                if missing:
                    problems.add('%s %s: categories of tables.csv not in the table: %s' % (name, key, sorted(missing)))
    missing = tabulated - found
    if missing:
        problems.add('summary: tabulated questions without a table: %s' % sorted(missing))
    if checked_cells < 1000:
        problems.add('summary: only %d figures checked' % checked_cells)

    # one chart per table, frozen title rows, print set-up
    for sheet, n in tables_per_sheet.items():
        ws = wb[sheet]
        if len(ws._charts) != n:
            problems.add('sheet %s: %d tables but %d charts' % (sheet, n, len(ws._charts)))
        if ws.freeze_panes != 'A3':
            problems.add('sheet %s: freeze panes %r, expected A3' % (sheet, ws.freeze_panes))
    for sheet in wb.sheetnames:
        ws = wb[sheet]
        if ws.page_setup.orientation != 'landscape' or str(ws.page_setup.paperSize) != '9':
            problems.add('sheet %s: not A4 landscape (%r, %r)' % (sheet, ws.page_setup.orientation,
                                                                 ws.page_setup.paperSize))
        font = None
        for row in ws.iter_rows(min_row=1, max_row=8):
            for c in row:
                if isinstance(c.value, str):
                    font = c.font.name
                    break
            if font:
                break
        if font != 'BIZ UDPゴシック':
            problems.add('sheet %s: text in font %r' % (sheet, font))
    for sheet in data_sheets + ['自由記述']:
        ws = wb[sheet] if sheet in wb.sheetnames else None
        if ws is None:
            continue
        if not ws.auto_filter.ref:
            problems.add('sheet %s: no autofilter' % sheet)
        if not ws.freeze_panes:
            problems.add('sheet %s: no frozen header rows' % sheet)
        if not ws.print_title_rows:
            problems.add('sheet %s: header rows are not repeated on printed pages' % sheet)
    toc = wb['目次'] if '目次' in wb.sheetnames else None
    if toc is not None:
        links = sum(1 for row in toc.iter_rows() for c in row if c.hyperlink is not None)
        if links < len(found):
            problems.add('目次: %d links for %d tables' % (links, len(found)))

    # the response sheets: one row per respondent, count columns adding up to stats.csv
    for sheet in data_sheets:
        ws = wb[sheet]
        form = 'municipality' if sheet.endswith('自治体') else 'council'
        rows = ws.max_row - 2
        if rows != 62:
            problems.add('%s: %d respondent rows, expected 62' % (sheet, rows))
        for c in range(1, ws.max_column + 1):
            qid = ws.cell(1, c).value
            st = exp.stats.get((exp.current, form, qid, 'all'))
            q = exp.questions.get((form, qid))
            if not st or not q or q['type'] != 'count':
                continue
            values = [ws.cell(r, c).value for r in range(3, ws.max_row + 1)]
            nums = [v for v in values if isinstance(v, (int, float))]
            if len(nums) != int(st['answered']) or (nums and sum(nums) != int(st['sum'])):
                problems.add('%s %s: %d values summing to %s; stats.csv says %s answered, sum %s'
                             % (sheet, qid, len(nums), sum(nums), st['answered'], st['sum']))
    ncharts = check_charts(path, exp.current, problems, 'summary')
    if ncharts < len(found):
        problems.add('summary: %d charts for %d tables' % (ncharts, len(found)))
    print('summary: %d tables, %d figures checked, %d sheets, %d charts in the style'
          % (len(found), checked_cells, len(wb.sheetnames), ncharts))


# ------------------------------------------------------------- municipalities

def response_sheets(out):
    """the summary's response sheets as {form: {code: {column header: value}}} plus segment labels"""
    path = glob.glob(os.path.join(out, '*.xlsx'))[0]
    wb = openpyxl.load_workbook(path, read_only=True)
    data = {}
    for sheet in wb.sheetnames:
        if not sheet.startswith('回答データ_'):
            continue
        form = 'municipality' if sheet.endswith('自治体') else 'council'
        rows = list(wb[sheet].iter_rows(values_only=True))
        h0, h1 = rows[0], rows[1]
        cols = []
        current = None
        for i, (a, b) in enumerate(zip(h0, h1)):
            if a is not None:
                current = a
            cols.append((current, b))
        data[form] = {'cols': cols, 'rows': {r[0]: r for r in rows[2:]}}
    wb.close()
    return data


def check_municipalities(out, problems, sample):
    exp = Expected(out)
    files = sorted(glob.glob(os.path.join(out, 'municipalities', '*.xlsx')))
    codes = set()
    for form in ('municipality', 'council'):
        for r in read_csv(os.path.join(TOP, 'data', str(exp.current), form + '.csv')):
            codes.add(r['code'])
    if len(files) != len(codes):
        problems.add('%d municipality workbooks for %d responding municipalities' % (len(files), len(codes)))
    for f in files:
        if not re.match(r'^\d{6}_.+\.xlsx$', os.path.basename(f)):
            problems.add('municipality workbook name %r is not <code>_<name>.xlsx' % os.path.basename(f))
    resp = response_sheets(out)
    q1 = {}  # code -> segment label (the municipality's Q1 label)
    mcols = resp['municipality']['cols']
    q1col = [i for i, (a, b) in enumerate(mcols) if a == 'Q1'][0]
    for code, row in resp['municipality']['rows'].items():
        q1[code] = row[q1col]
    step = max(1, len(files) // sample)
    checked = 0
    for path in files[::step][:sample]:
        checked += check_one_municipality(path, exp, resp, q1, problems)
    print('municipalities: %d workbooks, %d checked in depth, %d figures' % (len(files), len(files[::step][:sample]),
                                                                           checked))


def shown_id(qid):
    """a question's number as the workbooks show it: the codebook's own parts
    (Q27_cat, Q6_6_text) left off"""
    return re.sub(r'_[A-Za-z].*$', '', qid)


def column_of(resp, form, qid, sub=None, short=None):
    shown = shown_id(qid)
    hits = [i for i, (a, b) in enumerate(resp[form]['cols'])
            if a is not None and (a == shown or a.startswith(shown + '\u3000')) and (sub is None or b == sub)]
    if len(hits) > 1 and short is not None:  # Q27 and Q27_cat: told apart by the label under the number
        hits = [i for i in hits if resp[form]['cols'][i][1] == short]
    return hits[0] if hits else None


def check_one_municipality(path, exp, resp, q1, problems):
    code, name = os.path.basename(path)[:-5].split('_', 1)
    wb = openpyxl.load_workbook(path)
    check_sheet_names(wb, problems, name)
    if wb.sheetnames[0] != '概要':
        problems.add('%s: the first sheet is %r, not 概要' % (name, wb.sheetnames[0]))
    names = defined_tables(wb)
    blocks_per_sheet = {}
    checked = 0
    for tname, (sheet, r0, c0, r1, c1) in sorted(names.items()):
        ws = wb[sheet]
        if ws.cell(r0, c0).value not in TABLE_HEADS:
            continue
        form = 'municipality' if tname.startswith('T_municipality_') else 'council'
        qid = tname[len('T_%s_' % form):]
        q = exp.questions[(form, qid)]
        blocks_per_sheet[sheet] = blocks_per_sheet.get(sheet, 0) + 1
        where = '%s %s' % (name, tname)
        # header: own answer columns, then groups of (件数, 割合)
        groups = []
        own_cols = []
        for c in range(c0 + 1, c1 + 1):
            sub = ws.cell(r0 + 1, c).value
            if sub == '件数':
                label = ws.cell(r0, c).value
                if label == '都内全体':
                    seg = 'all'
                else:
                    m = re.match(r'^区分「(.+)」$', label or '')
                    seg = exp.segment_of[form].get(m.group(1)) if m else None
                    if m and m.group(1) != q1.get(code):
                        problems.add('%s: segment column %r but the municipality is %r' % (where, label, q1.get(code)))
                key = (exp.current, form, qid, seg)
                if key not in exp.tables:
                    problems.add('%s: group %r has no rows in tables.csv' % (where, label))
                    key = None
                groups.append((c, key))
            elif sub and sub != '割合':
                y = column_year(sub, q, where, problems)
                if y is not None:
                    own_cols.append((c, y))
        shown = {key[3] for c, key in groups if key and key[3] != 'all'}
        own_seg = exp.segment_of[form].get(q1.get(code))
        want = segments_shown(exp, form, qid, own_seg) if own_seg else set()
        if shown != want:
            problems.add('%s: 区分 columns %s, expected %s (only where the segment differs from 都内全体)'
                         % (where, sorted(shown), sorted(want)))
        if not own_cols:
            problems.add('%s: no column of the municipality\'s own answer' % where)
        nrow = r0 + 2
        for c, key in groups:
            if key and ws.cell(nrow, c).value != exp.tables[key]['base_n']:
                problems.add('%s: n %r, tables.csv says %d' % (where, ws.cell(nrow, c).value, exp.tables[key]['base_n']))
        marked = []
        in_stats = False
        own_value = None
        for r in range(nrow + 1, r1 + 1):
            label = ws.cell(r, c0).value
            if label == '統計量':
                in_stats = True
                continue
            if in_stats:
                if label.startswith('回答値'):
                    own_value = ws.cell(r, c0 + 1).value
                    continue
                if label.startswith('順位'):
                    check_rank(ws, r, label, own_value, form, qid, code, q1, resp, where, problems)
                    continue
                cells = [(ws.cell(r, c), exp.stats.get(key) if key else None) for c, key in groups]
                if not check_stats(ws, r, label, cells, exp.stats, where, problems):
                    problems.add('%s: unknown statistic %r' % (where, label))
                checked += len(cells)
                continue
            for c, key in groups:
                if not key:
                    continue
                row = exp.tables[key]['rows'].get(label)
                if row is None:
                    problems.add('%s: category %r not in tables.csv' % (where, label))
                    continue
                if not num_equal(ws.cell(r, c).value, row['count']):
                    problems.add('%s %r: count %r, tables.csv says %s' % (where, label, ws.cell(r, c).value,
                                                                          row['count']))
                pct_equal(ws.cell(r, c + 1), row['percent'], problems, '%s %r' % (where, label))
                checked += 2
            if own_cols and ws.cell(r, own_cols[0][0]).value == '○':
                marked.append(label)
        check_marks(q, marked, own_value, form, qid, code, resp, where, problems)
    check_charts(path, exp.current, problems, name)
    for sheet, n in blocks_per_sheet.items():
        if len(wb[sheet]._charts) != n:
            problems.add('%s sheet %s: %d blocks but %d charts' % (name, sheet, n, len(wb[sheet]._charts)))
        if wb[sheet].freeze_panes != 'A3':
            problems.add('%s sheet %s: freeze panes %r' % (name, sheet, wb[sheet].freeze_panes))
    if not blocks_per_sheet:
        problems.add('%s: no question blocks' % name)
    return checked


def check_marks(q, marked, own_value, form, qid, code, resp, where, problems):
    """the ○ of this year's answer against the summary's response sheet"""
    row = resp[form]['rows'].get(code)
    if row is None:
        return
    if q['type'] in ('single', 'year'):
        c = column_of(resp, form, qid, short=q.get('short'))
        v = row[c]
        want = [v] if v else []
        if want != marked:
            problems.add('%s: ○ on %s, the response sheet says %r' % (where, marked, v))
    elif q['type'] == 'multi':
        want = [b for i, (a, b) in enumerate(resp[form]['cols'])
                if a and (a.startswith(qid + '\u3000') or a == qid) and row[i] == '○']
        if [m for m in marked if m != '無回答'] != want:
            problems.add('%s: ○ on %s, the response sheet says %s' % (where, marked, want))
    elif q['type'] == 'count':
        c = column_of(resp, form, qid)
        v = row[c]
        if isinstance(v, (int, float)) and own_value != v:
            problems.add('%s: 回答値 %r, the response sheet says %r' % (where, own_value, v))


def check_rank(ws, r, label, own_value, form, qid, code, q1, resp, where, problems):
    if not isinstance(own_value, (int, float)):
        if ws.cell(r, 2).value is not None:
            problems.add('%s: a rank without a value' % where)
        return
    c = column_of(resp, form, qid)
    values = []
    for other, row in resp[form]['rows'].items():
        if not isinstance(row[c], (int, float)):
            continue
        if label.startswith('順位（区分内）') and q1.get(other) != q1.get(code):
            continue
        values.append(row[c])
    want_rank = 1 + sum(1 for v in values if v > own_value)
    m = re.search(r'(\d+)団体中', label)
    if ws.cell(r, 2).value != want_rank or not m or int(m.group(1)) != len(values):
        problems.add('%s %s: rank %r (%s), expected %d of %d' % (where, label, ws.cell(r, 2).value, label, want_rank,
                                                                 len(values)))


# -------------------------------------------------------------- deterministic

def check_deterministic(jusou, out, out2, problems):
    run_report(jusou, out2)
    a = sorted(os.path.relpath(p, out) for p in glob.glob(os.path.join(out, '**', '*.xlsx'), recursive=True))
    b = sorted(os.path.relpath(p, out2) for p in glob.glob(os.path.join(out2, '**', '*.xlsx'), recursive=True))
    if a != b:
        problems.add('the two runs wrote different files')
    same = 0
    for rel in a:
        if rel in b:
            if open(os.path.join(out, rel), 'rb').read() != open(os.path.join(out2, rel), 'rb').read():
                problems.add('%s differs between two runs' % rel)
            else:
                same += 1
    print('deterministic: %d xlsx files byte-identical' % same)


# what a reader must not meet in a workbook (issue "A summary an editor signs
# off", point 4): a condition as the codebook writes it (Q1=1 & Q1_1<=Y-1,
# Q27 answered, Q21 nc), a codebook-only id (Q27_cat, Q6_6_text), a column
# name that is no question number (name)
CODE_SHOWN = re.compile(r'[<>]=|\s&\s|\banswered\b|\bQ\d+(?:_\d+)*\s+nc\b|\bQ\d+(?:_\d+)*=|'
                        r'\bQ\d+(?:_\d+)*_[A-Za-z]+|^(?:name|code)$')


def check_no_codes(paths, problems):
    """every cell of the workbooks a reader sees: no code or condition (the
    warnings quoted on 集計条件 point into the CSV files as file:line:col)"""
    cells = 0
    for path in paths:
        wb = openpyxl.load_workbook(path)
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    v = c.value
                    if not isinstance(v, str) or v.startswith('='):
                        continue
                    cells += 1
                    m = CODE_SHOWN.search(v)
                    if m:
                        problems.add('%s %s!%s shows a code: %r (in %r)' % (os.path.basename(path), ws.title,
                                                                          c.coordinate, m.group(0), v[:80]))
    print('no codes: %d text cells of %d workbooks read' % (cells, len(paths)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--jusou', required=True)
    ap.add_argument('--check', required=True, choices=['summary', 'municipalities', 'deterministic'])
    ap.add_argument('--tmp', help='where to put the outputs (default: the system temporary folder)')
    ap.add_argument('--sample', type=int, default=8, help='municipality workbooks checked in depth')
    a = ap.parse_args()
    jusou = os.path.abspath(a.jusou)
    if a.tmp:
        os.makedirs(a.tmp, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix='jusou-workbook-', dir=a.tmp)
    problems = Problems()
    try:
        out = baseline.output(jusou)   # shared: only read here
        printed = baseline.stderr(out)
        if 'WARNING' in printed or '[ERROR]' in printed:
            problems.add('libxlsxwriter printed on stderr:\n' + printed[:2000])
        if a.check == 'summary':
            check_summary(out, problems)
            check_no_codes(glob.glob(os.path.join(out, '*.xlsx')), problems)
        elif a.check == 'municipalities':
            check_municipalities(out, problems, a.sample)
            check_no_codes(sorted(glob.glob(os.path.join(out, 'municipalities', '*.xlsx')))[:a.sample], problems)
        else:
            check_deterministic(jusou, out, os.path.join(tmp, 'out2'), problems)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return problems.report()


if __name__ == '__main__':
    sys.exit(main())
