#!/usr/bin/python3
"""Hostile inputs and faults on the newer surfaces (issue "Hostile inputs and
faults on the new surfaces"): the 様式4 path (form.ini, sheets.csv,
schedule.csv), the master list and its tile map, the worker processes of -j,
resource limits, and characters no output can show. One case per defect; each
failed before the change that fixed it.

    hostile.py --list                      the case names, one per line
    hostile.py --jusou PATH --case NAME    run one case (exit 0 pass, 1 fail, 77 skip)

Every case works in safety.py's workspace T (copies of data/2025 and
templates/2025, an earlier output T/out), with copies of data/initiatives
(T/initiatives), templates/initiatives (T/form) and of the master list with its
tile map (T/master) where it needs them. The hostile inputs run under an
address-space limit of 1 GB (not in a sanitizer build, whose shadow memory needs
terabytes of address space) with a time ceiling of seconds: a quadratic or
unbounded case fails them. Checks are the exact error lines, the exit code, and
that nothing in T changed (no lock, no temporary folder, no output).

Standard library only.
"""

import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import safety  # noqa: E402
from safety import ROOT, Fail, Skip, errors_of, describe_change, line_col, set_cells, rows_of, write_rows, Q  # noqa: E402,E501

GB = 1 << 30
NAMES = {'Q27': Q['Q27']}


# --- the workspace's extra copies ------------------------------------------------

def sanitized(ws):
    with open(ws.jusou, 'rb') as f:
        return b'__asan_init' in f.read()


def initiatives(ws):
    """T/initiatives and T/form (copies of the bundled 様式4 data and form)"""
    data, form = ws.path('initiatives'), ws.path('form')
    if not os.path.isdir(data):
        shutil.copytree(os.path.join(ROOT, 'data', 'initiatives'), data)
        shutil.copytree(os.path.join(ROOT, 'templates', 'initiatives'), form)
    return data, form


def sheets_args(ws, out=None, extra=()):
    data, form = initiatives(ws)
    return ['sheets', '--data', data, '--templates', form, '--out', out or ws.path('sheets-out')] + list(extra)


def master(ws):
    """T/master/municipalities.csv and tilemap.csv beside it"""
    d = ws.path('master')
    if not os.path.isdir(d):
        os.makedirs(d)
        for n in ('municipalities.csv', 'tilemap.csv'):
            shutil.copy(os.path.join(ROOT, 'data', n), d)
    return os.path.join(d, 'municipalities.csv')


def tilemap_lines(ws):
    """the path of T/master/tilemap.csv and its lines"""
    p = os.path.join(os.path.dirname(master(ws)), 'tilemap.csv')
    return p, open(p, encoding='utf-8').read().splitlines()


def write_lines(path, lines):
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines) + '\n')


def with_master(ws, command='check', out=None):
    return ws.args(command, out=out) + ['--master', master(ws)]


def limited_run(ws, args, mb=1024, seconds=None, env=None):
    """ws.run under an address-space limit (none in a sanitizer build), with a time ceiling"""
    limit = None if sanitized(ws) else mb << 20

    def prepare():
        if limit:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    e = dict(os.environ, LC_ALL='C', LANG='C', LANGUAGE='')
    e.pop('SOURCE_DATE_EPOCH', None)
    e.update(env or {})
    t0 = time.monotonic()
    p = subprocess.run([ws.jusou] + args, cwd=ROOT, env=e, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       preexec_fn=prepare, timeout=600)
    took = time.monotonic() - t0
    se = p.stderr.decode('utf-8', 'replace')
    if seconds is not None and took > seconds * (4 if sanitized(ws) else 1):
        raise Fail('took %.1f s (ceiling %d s)\n%s' % (took, seconds, se[-1500:]))
    return p.returncode, p.stdout.decode('utf-8', 'replace'), se


def refused(ws, args, code, errors, mb=1024, seconds=10, final=None):
    """jusou exits `code` with exactly these error lines, under the limits, and T is as it was"""
    before = ws.snapshot()
    rc, so, se = limited_run(ws, args, mb, seconds)
    problems = []
    if rc != code:
        problems.append('exit code %d, expected %d' % (rc, code))
    if errors_of(se) != errors:
        problems.append('error lines:\n  expected %r\n  got      %r' % (errors, errors_of(se)[:8]))
    if final is not None and se.splitlines()[-1:] != [final]:
        problems.append('last line %r, expected %r' % (se.splitlines()[-1:], final))
    after = ws.snapshot()
    if after != before:
        problems.append('T changed: ' + describe_change(before, after))
    if problems:
        raise Fail('\n'.join(problems) + '\n--- stderr ---\n' + se[-3000:])
    return se


def warnings_of(stderr):
    return [l for l in stderr.splitlines() if ': warning: ' in l]


def edit_ini(path, key, value, section=None):
    """sets `key = value` in an INI file (the first such key, or of `section`)"""
    lines = open(path, encoding='utf-8-sig').read().split('\n')
    in_section = section is None
    for i, l in enumerate(lines):
        if l.startswith('['):
            in_section = section is None or l.strip() == '[%s]' % section
        elif in_section and re.match(r'^%s\s*=' % re.escape(key), l):
            lines[i] = '%s = %s' % (key, value)
            break
    else:
        raise Fail('harness: no %s in %s' % (key, path))
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines))
    return i + 1


CASES = {}


def case(fn):
    CASES[fn.__name__] = fn
    return fn


DATA_ERR = 'jusou: %d error%s: the input data break the questionnaire\'s rules; nothing was written'
CONFIG_ERR = 'jusou: %d error%s: the codebook, master list, survey metadata or a template is wrong; nothing was written'


def data_err(n):
    return DATA_ERR % (n, '' if n == 1 else 's')


def config_err(n):
    return CONFIG_ERR % (n, '' if n == 1 else 's')


# --- 1. cost linear in what is written, and limits ------------------------------------

@case
def form_word_of_5000_placeholders(ws):
    """kpi_now = {value} written 5,000 times (it took 2.56 GB and 14 s; 100,000 times, 24 GB and the OOM
    killer): the template's value is longer than a value may be"""
    data, form = initiatives(ws)
    p = os.path.join(form, 'form.ini')
    line = edit_ini(p, 'kpi_now', '{value}' * 5000)
    refused(ws, sheets_args(ws), 1, [
        '%s:%d:10011: error: [form] kpi_now: this value is 35000 characters long; a value may have at most 10000' %
        (p, line)], final=config_err(1))


@case
def form_word_over_its_limit(ws):
    """a word of the form of 1,000 placeholders (7,000 characters): a word has at most 200"""
    data, form = initiatives(ws)
    p = os.path.join(form, 'form.ini')
    line = edit_ini(p, 'kpi_now', '{value}' * 1000)
    refused(ws, sheets_args(ws), 1, [
        '%s:%d:211: error: [form] kpi_now: this word is 7000 characters long; a word of the form has at most 200' %
        (p, line)])


@case
def reported_dates_8000(ws):
    """8,000 reported dates in one cell (88 KB: it took 1.1 GB): at most 366"""
    data, form = initiatives(ws)
    p = os.path.join(data, 'schedule.csv')
    rows = rows_of(p)
    k = rows[0].index('reported')
    rows[1][k] = ';'.join(['2024-05-01'] * 8000)
    write_rows(p, rows)
    line, col = line_col(p, rows[1][k])
    col += 366 * 11   # the 367th date
    refused(ws, sheets_args(ws), 1, [
        '%s:%d:%d: error: reported: more than 366 dates in one cell; a row has at most 366' % (p, line, col)],
        final=data_err(1))


@case
def schedule_of_20000_items(ws):
    """20,000 schedule items of one sheet (1 MB: it took 2.0 GB, and its Gantt PNG shrank to 113 pixels
    wide): a sheet's schedule has at most 300 rows"""
    data, form = initiatives(ws)
    p = os.path.join(data, 'schedule.csv')
    rows = rows_of(p)
    head = rows[0]
    extra = [['higashi', '前期', '', '項目%05d（4～7月）' % i, '', '', ''][:len(head)] for i in range(20000)]
    rows[1:1] = extra
    write_rows(p, rows)
    refused(ws, sheets_args(ws), 1, [
        "%s:302:1: error: sheet: sheet 'higashi' has more than 300 rows here; a sheet's schedule has at most 300" % p],
        seconds=20)


@case
def sheet_title_of_300000_characters(ws):
    """a 取組項目 of 300,000 characters (a 5 MB title took 71 s and 755 MB): a title holds 200"""
    data, form = initiatives(ws)
    p = os.path.join(data, 'sheets.csv')
    rows = rows_of(p)
    k = rows[0].index('title')
    rows[1][k] = 'あ' * 300000
    write_rows(p, rows)
    line, col = line_col(p, rows[1][k])
    refused(ws, sheets_args(ws), 1, [
        '%s:%d:%d: error: title: this cell is 300000 characters long; title holds at most 200' % (p, line, col + 200)])


@case
def survey_title_of_5mb(ws):
    """survey.ini's title of 5 MB: a value has at most 10,000 characters, a field of survey.ini 200"""
    p = os.path.join(ws.data, 'survey.ini')
    line = edit_ini(p, 'title', 'x' * (5 << 20))
    refused(ws, ws.args('check'), 1, [
        '%s:%d:10009: error: [survey] title: this value is 5242880 characters long; a value may have at most 10000'
        % (p, line)])
    edit_ini(p, 'title', 'x' * 300)
    refused(ws, ws.args('check'), 1, [
        '%s:%d:209: error: title: this text is 300 characters long; a field of survey.ini has at most 200' % (p, line)])


@case
def gantt_too_tall_says_so(ws):
    """the schedule chart of all sheets taller than a PNG can be: drawn smaller, with a warning"""
    data, form = initiatives(ws)
    p = os.path.join(data, 'schedule.csv')
    rows = rows_of(p)
    head = rows[0]
    sheets = sorted({r[0] for r in rows[1:] if r})
    for s in sheets:
        n = sum(1 for r in rows[1:] if r and r[0] == s)
        rows += [[s, '前期', '', '追加%03d（4～7月）' % i, '', '', ''][:len(head)] for i in range(300 - n)]
    write_rows(p, rows)
    out = ws.path('sheets-out')
    rc, so, se = limited_run(ws, sheets_args(ws, out), seconds=120)
    if rc != 0:
        raise Fail('exit %d\n%s' % (rc, se[-2000:]))
    want = [w for w in warnings_of(se) if '/gantt/all.png: warning:' in w]
    if len(want) != 1 or not re.search(
            r'/gantt/all\.png: warning: the chart is \d+ points tall; its PNG is drawn at 1\.\d\d pixels a point '
            r'instead of 2 so that it stays within 32000 pixels \(the PDF and SVG are whole\)$', want[0]):
        raise Fail('warnings: %r' % warnings_of(se))
    if [w for w in warnings_of(se) if '.png: warning: the chart is' in w and '/all.png' not in w]:
        raise Fail('a sheet\'s own chart was clamped: %r' % warnings_of(se))


# --- 2, 3. the tile map decides a figure: checked as data ------------------------------------

@case
def tilemap_duplicate_row(ws):
    """a row of tilemap.csv twice (the map said 都内63区市町村 for 62)"""
    p, lines = tilemap_lines(ws)
    lines.insert(5, lines[3])
    write_lines(p, lines)
    refused(ws, with_master(ws), 1, [
        '%s:6:1: error: %s already has its tile on line 4; a municipality has one tile' %
        (p, lines[3].split(',')[0] + ' 港区')], final='jusou: 1 error: the codebook, master list, survey metadata or '
                                                   'a template is wrong')


@case
def tilemap_missing_rows(ws):
    """10 municipalities without a tile (the map said 都内52区市町村, no warning): a warning each, and the
    map says how many it shows"""
    p, lines = tilemap_lines(ws)
    gone = lines[1:11]
    write_lines(p, lines[:1] + lines[11:])
    names = {r[0]: r[1] for r in rows_of(master(ws))[1:]}
    out = ws.path('new')
    rc, so, se = limited_run(ws, with_master(ws, 'report', out) + ['-j', '1'], seconds=120)
    if rc != 0:
        raise Fail('exit %d\n%s' % (rc, se[-2000:]))
    want = ['%s: warning: %s %s of the master list has no tile; the map leaves it out and counts one fewer' %
            (p, g.split(',')[0], names[g.split(',')[0]]) for g in gone]
    got = [w for w in warnings_of(se) if 'tilemap.csv' in w]
    if got != want:
        raise Fail('warnings:\n  expected %r\n  got      %r' % (want, got))
    tiles = [r for r in rows_of(os.path.join(out, 'charts', 'map.csv'))[1:] if r and r[0] != '凡例']
    if len(tiles) != 52:
        raise Fail('the map shows %d tiles, expected 52' % len(tiles))


@case
def tilemap_coordinates(ws):
    """coordinates read with atoi: 2147483647 overflowed, -5, abc, 1.5 and １０ passed"""
    p, lines = tilemap_lines(ws)
    bad = ['2147483647', '-5', 'abc', '1.5', '１０']
    errors = []
    for i, v in enumerate(bad):
        code, col, row = lines[1 + i].split(',')
        lines[1 + i] = '%s,%s,%s' % (code, v, row)
        errors.append("%s:%d:%d: error: col: '%s' is not a whole number from 0 to 9999" % (p, 2 + i, len(code) + 2, v))
    write_lines(p, lines)
    refused(ws, with_master(ws), 1, errors)


@case
def tilemap_two_on_one_cell(ws):
    """two municipalities on the same tile"""
    p, lines = tilemap_lines(ws)
    c1, x1, y1 = lines[1].split(',')
    c2 = lines[2].split(',')[0]
    lines[2] = '%s,%s,%s' % (c2, x1, y1)
    write_lines(p, lines)
    refused(ws, with_master(ws), 1, [
        '%s:3:1: error: the tile of %s 中央区 is at col %s, row %s, where %s 千代田区 is (line 2)' % (p, c2, x1, y1, c1)])


# --- 4. a worker that stops or dies -------------------------------------------------------------

def children(pid):
    try:
        with open('/proc/%d/task/%d/children' % (pid, pid)) as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []


def worker_fault(ws, sig, pattern, limit):
    """a report at -j 2 whose first worker gets `sig` once it is making outputs"""
    before = ws.snapshot()
    e = dict(os.environ, LC_ALL='C', LANG='C', LANGUAGE='')
    p = subprocess.Popen([ws.jusou] + ws.args(extra=['-j', '2']), cwd=ROOT, env=e, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    t0 = time.monotonic()
    hit = None
    while hit is None and p.poll() is None and time.monotonic() - t0 < 120:
        kids = children(p.pid)
        if kids:
            time.sleep(0.05)
            hit = kids[0]
            os.kill(hit, sig)
        time.sleep(0.01)
    try:
        so, se = p.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        p.kill()
        if hit:
            os.kill(hit, signal.SIGKILL)
        raise Fail('the run did not end within %d s of a worker getting signal %d' % (limit, sig))
    took = time.monotonic() - t0
    se = se.decode('utf-8', 'replace')
    if hit is None:
        raise Skip('the run ended before a worker could be signalled')
    errs = errors_of(se)
    problems = []
    if p.returncode != 3:
        problems.append('exit %d, expected 3' % p.returncode)
    if len(errs) != 1 or not re.search(pattern, errs[0]):
        problems.append('errors %r, expected one matching %r' % (errs, pattern))
    after = ws.snapshot()
    if after != before:
        problems.append('T changed: ' + describe_change(before, after))
    if children(p.pid) or (hit and os.path.exists('/proc/%d' % hit) and
                            open('/proc/%d/stat' % hit).read().split()[2] != 'Z'):
        problems.append('a worker is left running')
    if problems:
        raise Fail('\n'.join(problems) + '\n--- stderr ---\n' + se[-2000:])
    print('ended %.1f s after the signal' % took)


@case
def worker_stopped(ws):
    """a worker of -j 2 SIGSTOPped: the parent waited in poll(-1) forever with the lock held"""
    worker_fault(ws, signal.SIGSTOP,
                 r'^%s/\S+: error: the worker process making this output was stopped by signal 19 \(.*\) and '
                 r'has not gone on for 10 s; the run is given up$' % re.escape(ws.out), 60)


@case
def worker_killed(ws):
    """a worker of -j 2 killed: the message said only 'a worker process stopped: Input/output error'"""
    worker_fault(ws, signal.SIGKILL,
                 r'^%s/\S+: error: the worker process making this output was killed by signal 9 \(Killed\)$' %
                 re.escape(ws.out), 60)


# --- 5. resource limits --------------------------------------------------------------------

def sweep(ws, args_for, limits):
    """each run under these address-space limits succeeds with no library's message and no warning of its
    own but the data's, or exits 3 saying it ran out of memory, with T as it was"""
    if sanitized(ws):
        raise Skip('a sanitizer build cannot run under an address-space limit')
    args = args_for(ws.path('new'))  # (which may write the inputs into T)
    before = ws.snapshot()
    seen = []
    for mb in limits:
        rc, so, se = limited_run(ws, args, mb=mb, seconds=120)
        last = se.splitlines()[-1] if se.splitlines() else ''
        seen.append('%d MB: %d' % (mb, rc))
        printed = [l for l in se.splitlines() if l.startswith('libpng') or 'GLib' in l or 'Pango' in l or
                   'MeCab' in l or l.startswith('(process:')]
        if printed:
            raise Fail('%d MB: exit %d, printed: %s\n%s' % (mb, rc, printed[0], se[-1500:]))
        if rc == 0:
            shutil.rmtree(ws.path('new'))
            continue
        if rc != 3 or not last.startswith('jusou: error: out of memory') or \
                not last.endswith('; nothing was written'):
            raise Fail('%d MB: exit %d, last line %r\n%s' % (mb, rc, last, se[-2500:]))
        after = ws.snapshot()
        if after != before:
            raise Fail('%d MB: T changed: %s' % (mb, describe_change(before, after)))
    print(', '.join(seen))


@case
def memory_limit_sweep(ws):
    """report at -j 2 under address-space limits from 40 to 140 MB (GLib aborted creating pango's thread,
    the stack could not grow, a page was blamed for memory; Pango printed that it could not make a font,
    MeCab could not map its dictionary and the report was made with lines broken anywhere)"""
    sweep(ws, lambda out: ws.args(out=out, extra=['-j', '2']), range(40, 141, 2))


@case
def sheets_memory_limit_sweep(ws):
    """sheets under address-space limits from 40 to 200 MB (Pango's font, MeCab's dictionary)"""
    sweep(ws, lambda out: sheets_args(ws, out=out), range(40, 201, 4))


@case
def file_size_limit(ws):
    """a file-size limit (ulimit -f): SIGXFSZ killed the run silently, leaving its lock and temporary folder"""
    before = ws.snapshot()

    def prepare():
        resource.setrlimit(resource.RLIMIT_FSIZE, (200 << 10, 200 << 10))
    p = subprocess.run([ws.jusou] + ws.args(extra=['-j', '2']), cwd=ROOT, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, preexec_fn=prepare, timeout=300,
                       env=dict(os.environ, LC_ALL='C', LANG='C', LANGUAGE=''))
    se = p.stderr.decode('utf-8', 'replace')
    errs = errors_of(se)
    if p.returncode != 3 or len(errs) != 1 or not errs[0].endswith('File too large') or \
            not errs[0].startswith(ws.out + '/'):
        raise Fail('exit %d, errors %r\n%s' % (p.returncode, errs, se[-1500:]))
    after = ws.snapshot()
    if after != before:
        raise Fail('T changed: ' + describe_change(before, after))


@case
def out_parents_removed_on_failure(ws):
    """--out T/new/a/out and a run that fails while writing: the folders it made for it are gone too"""
    before = ws.snapshot()

    def prepare():
        resource.setrlimit(resource.RLIMIT_FSIZE, (200 << 10, 200 << 10))
    p = subprocess.run([ws.jusou] + ws.args(out=ws.path('new/a/out')), cwd=ROOT, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, preexec_fn=prepare, timeout=300,
                       env=dict(os.environ, LC_ALL='C', LANG='C', LANGUAGE=''))
    if p.returncode != 3:
        raise Fail('exit %d\n%s' % (p.returncode, p.stderr.decode()[-1500:]))
    after = ws.snapshot()
    if after != before:
        raise Fail('T changed: ' + describe_change(before, after))


# --- 6, 9. one text rule ---------------------------------------------------------------------

NONCHAR = 'is not a character (a noncharacter: the file was damaged or converted wrongly); delete it'
CONTROL = 'is a control character, which no output can show; delete it'


def bad_char_in_q27(ws, ch, what):
    p = os.path.join(ws.data, 'municipality.csv')
    set_cells(p, '131032', {'Q27': '居場所づくり' + ch + 'の取組'})   # 港区 answered Q27
    line, col = line_col(p, '居場所づくり' + ch)
    want = ['%s:%d:%d: error: Q27 (%s): %s %s' % (p, line, col + 6, NAMES['Q27'], what,
                                                    NONCHAR if what == 'U+FFFE' else CONTROL)]
    refused(ws, ws.args('check'), 1, want, final='jusou: 1 error: the input data break the questionnaire\'s rules')
    refused(ws, ws.args('report'), 1, want, final=data_err(1))


@case
def nonchar_in_free_text(ws):
    """U+FFFE in a free-text answer: check said 0 errors, report stopped naming a PDF it never wrote"""
    bad_char_in_q27(ws, '\ufffe', 'U+FFFE')


@case
def escape_in_free_text(ws):
    """ESC in a free-text answer: '1 characters have no glyph in the font' naming the output PDF"""
    bad_char_in_q27(ws, '\x1b', 'U+001B')


@case
def next_line_in_free_text(ws):
    """U+0085 (NEL, a C1 control) in a free-text answer"""
    bad_char_in_q27(ws, '\x85', 'U+0085')


@case
def nonchar_in_master_name(ws):
    """U+FFFF in a name of the master list"""
    m = master(ws)
    set_cells(m, '131016', {'name': '千代田区\uffff'})
    refused(ws, with_master(ws), 1, ["%s:2:12: error: column 'name': U+FFFF %s" % (m, NONCHAR)])


@case
def nonchar_in_sheets(ws):
    """U+FFFE in sheets.csv: the sheets' PDF could not be written ('input string not valid UTF-8')"""
    data, form = initiatives(ws)
    p = os.path.join(data, 'sheets.csv')
    rows = rows_of(p)
    k = rows[0].index('kpi')
    rows[1][k] = rows[1][k] + '\ufffe'
    write_rows(p, rows)
    line, col = line_col(p, rows[1][k])
    refused(ws, sheets_args(ws), 1, ['%s:%d:%d: error: column \'kpi\': U+FFFE %s' %
                                     (p, line, col + len(rows[1][k]) - 1, NONCHAR)])


@case
def bidi_in_master_name(ws):
    """U+202E in a master name becomes a file name (131016_千代\u202e区田xlsx.exe.xlsx), and messages printed
    it raw"""
    m = master(ws)
    set_cells(m, '131016', {'name': '千代\u202e区田'})
    se = refused(ws, with_master(ws), 1, [
        '%s:2:8: error: the name of 131016 cannot be part of a file name: it holds an invisible formatting '
        'character (a zero-width space, a bidirectional control or the like)' % m])
    if '\u202e' in se:
        raise Fail('a message printed U+202E raw')
    if not re.search(r":2:10: warning: column 'name': U\+202E is a bidirectional control", se):
        raise Fail('no warning at the character itself:\n' + se[-1500:])


@case
def zero_width_in_sheet_id(ws):
    """U+200B in a sheet id (its files would be named with it)"""
    data, form = initiatives(ws)
    p = os.path.join(data, 'sheets.csv')
    rows = rows_of(p)
    rows[1][0] = 'higa\u200bshi'
    write_rows(p, rows)
    line, col = line_col(p, 'higa\u200bshi')
    rc, so, se = limited_run(ws, sheets_args(ws), seconds=10)
    errs = errors_of(se)
    want = ("%s:%d:%d: error: id: 'higaU+200Bshi' cannot name a sheet's files: it holds an invisible formatting "
            "character (a zero-width space, a bidirectional control or the like)" % (p, line, col))
    if rc != 1 or not errs or errs[0] != want:
        raise Fail('exit %d, errors %r, expected first %r' % (rc, errs[:3], want))
    if '\u200b' in se:
        raise Fail('a message printed U+200B raw')


@case
def newline_in_a_path(ws):
    """a folder name with a line break was printed raw, breaking the one-line message"""
    odd = ws.path('a\nb')
    refused(ws, ['check', '--data', odd, '--no-previous', '--templates', ws.templates], 2,
            ['%s/aU+000Ab: error: no such data folder' % ws.t])


# --- 7, 8, 10. outputs that cannot collide, inputs complete ----------------------------------------

@case
def free_text_over_excel_cell(ws):
    """a 40,000-character answer was cut to Excel's 32,767 silently (README: the workbooks keep it whole)"""
    p = os.path.join(ws.data, 'municipality.csv')
    set_cells(p, '131032', {'Q27': '居' * 40000})
    line, col = line_col(p, '居' * 10)
    out = ws.path('new')
    rc, so, se = limited_run(ws, ws.args(out=out), seconds=120)
    want = ('%s:%d:%d: warning: Q27 (%s): this answer is 40000 characters long; a cell of Excel holds at most '
            '32767, so the workbooks show its first 32766 and …' % (p, line, col - 1 if col > 1 else col, NAMES['Q27']))
    got = [w for w in warnings_of(se) if 'a cell of Excel' in w]
    if rc != 0 or len(got) != 1 or not got[0].endswith(want.split(': warning: ')[1]) or \
            not got[0].startswith('%s:%d:' % (p, line)):
        raise Fail('exit %d, warnings %r, expected %r' % (rc, got, want))
    book = [os.path.join(out, 'municipalities', n) for n in os.listdir(os.path.join(out, 'municipalities'))
            if n.startswith('131032_')][0]
    code = ('import openpyxl,sys\nwb=openpyxl.load_workbook(sys.argv[1])\n'
            'print(max((len(str(c.value)) for ws in wb for r in ws.iter_rows() for c in r if c.value and '
            'str(c.value).startswith("居居居")), default=0))\n'
            'print(any(str(c.value).endswith("…") for ws in wb for r in ws.iter_rows() for c in r if c.value and '
            'str(c.value).startswith("居居居")))\n')
    r = subprocess.run(['/usr/bin/python3', '-c', code, book], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.stdout.decode().split() != ['32767', 'True']:
        raise Fail('the workbook cell: %r %s' % (r.stdout, r.stderr.decode()[-500:]))


@case
def tracker_file_same_as_file(ws):
    """tracker_file equal to file: exit 0, the 様式4 workbook overwritten by the tracker's"""
    data, form = initiatives(ws)
    p = os.path.join(form, 'form.ini')
    file_line = edit_ini(p, 'file', '重要取組シート')
    line = edit_ini(p, 'tracker_file', '重要取組シート')
    refused(ws, sheets_args(ws), 1, [
        "%s:%d:16: error: [form] tracker_file: '重要取組シート' is the name given to file on line %d; the two "
        "workbooks need names of their own (that differ in more than upper and lower case)" % (p, line, file_line)])
    edit_ini(p, 'file', 'Sheets')
    edit_ini(p, 'tracker_file', 'SHEETS')
    refused(ws, sheets_args(ws), 1, [
        "%s:%d:16: error: [form] tracker_file: 'SHEETS' is the name given to file on line %d; the two "
        "workbooks need names of their own (that differ in more than upper and lower case)" % (p, line, file_line)])


@case
def sheet_ids_differing_in_case(ws):
    """sheet ids 'higashi' and 'Higashi': one file on a case-insensitive share"""
    data, form = initiatives(ws)
    p = os.path.join(data, 'sheets.csv')
    rows = rows_of(p)
    first = rows[1][0]
    rows[2][0] = first.capitalize() if first != first.capitalize() else first.upper()
    write_rows(p, rows)
    line, col = line_col(p, rows[2][0] + ',')
    refused(ws, sheets_args(ws), 1, [
        "%s:%d:%d: error: id: sheet '%s' differs from '%s' on line 2 only in upper and lower case; on a shared drive "
        "their files would be one: give it another id" % (p, line, col, rows[2][0], first)])


@case
def master_rows_incomplete(ws):
    """master rows with only code and name, an unknown kind, no area: accepted"""
    m = master(ws)
    lines = open(m, encoding='utf-8').read().splitlines()
    lines[1] = ','.join(lines[1].split(',')[:2])            # code and name only
    c3 = lines[3].split(',')
    c3[3] = '区'                                             # not a kind of municipality
    lines[3] = ','.join(c3)
    c4 = lines[4].split(',')
    c4[4] = ''                                               # no area
    lines[4] = ','.join(c4)
    open(m, 'w', encoding='utf-8').write('\n'.join(lines) + '\n')
    col3 = len(','.join(c3[:3])) + 2
    col4 = len(','.join(c4[:4])) + 2
    refused(ws, with_master(ws), 1, [
        '%s:2:1: error: the row of 131016 has 2 cells and the header 5: every municipality needs code, name, kana, '
        'kind and area' % m,
        "%s:4:%d: error: the kind of %s is '区'; a kind of municipality is 特別区, 市, 町 or 村" % (m, col3, c3[0]),
        '%s:5:%d: error: %s has no area: write the part of the prefecture it is in (区部, 多摩, 島しょ …)' %
        (m, col4, c4[0])])


# --- 11. messages ---------------------------------------------------------------------------------

@case
def form_empty(ws):
    """'the the form is empty is empty'"""
    data, form = initiatives(ws)
    p = os.path.join(form, 'form.ini')
    open(p, 'w', encoding='utf-8').write('\n  \n')
    refused(ws, sheets_args(ws), 1, ['%s: error: the form is empty' % p])


@case
def form_numbers_strict(ws):
    """png_scale = nan passed its range check; inf, hex and garbage are refused too"""
    data, form = initiatives(ws)
    p = os.path.join(form, 'form.ini')
    for v in ('nan', 'inf', '0x2', '2abc', '1e0'):
        line = edit_ini(p, 'png_scale', v, section='style') if 'png_scale' in open(p, encoding='utf-8').read() \
            else None
        if line is None:
            with open(p, 'a', encoding='utf-8') as f:
                f.write('png_scale = %s\n' % v)
            line = open(p, encoding='utf-8').read().count('\n')
        refused(ws, sheets_args(ws), 1, ['%s:%d:13: error: [style] png_scale: a scale from 0.5 to 8' % (p, line)])


@case
def form_periods_and_goals(ws):
    """periods that share a month or leave one out, and a missing SDGs goal, were not flagged"""
    data, form = initiatives(ws)
    p = os.path.join(form, 'form.ini')
    orig = open(p, encoding='utf-8').read()
    line = edit_ini(p, '中期', '7-11 | 中期\\n（～11月）', section='periods')
    refused(ws, sheets_args(ws), 1, [
        '%s:%d:6: error: [periods] 中期: months 7 are in 前期 too; a month belongs to one period' % (p, line)])
    open(p, 'w', encoding='utf-8').write(orig)
    edit_ini(p, '中期', '9-11 | 中期\\n（～11月）', section='periods')
    sec = orig.split('\n').index('[periods]') + 1
    refused(ws, sheets_args(ws), 1, [
        '%s:%d:2: error: [periods]: no period holds months 8; the periods together cover the fiscal year (4-3)' %
        (p, sec)])
    lines = [l for l in orig.split('\n') if not l.startswith('17 =')]
    open(p, 'w', encoding='utf-8').write('\n'.join(lines))
    sec = lines.index('[sdgs]') + 1
    refused(ws, sheets_args(ws), 1, [
        '%s:%d:2: error: [sdgs]: goal 17 is missing; the form lists the 17 SDGs goals' % (p, sec)])


@case
def master_of_a_million_bad_rows(ws):
    """a million bad rows: 'the rest was not checked', then 910,938 errors counted"""
    m = master(ws)
    with open(m, 'a', encoding='utf-8') as f:
        f.write('x,y,z,市,多摩\n' * 999000)
    se = refused(ws, with_master(ws), 1, ["%s:%d:1: error: 'x' is not a 6-digit local government code with its "
                                          "check digit" % (m, 64 + i) for i in range(50)], seconds=60,
                 final='jusou: 51 errors: the codebook, master list, survey metadata or a template is wrong')
    if 'too many errors (more than 50); the rest of this file was not checked' not in se:
        raise Fail('no note that the rest was not checked:\n' + se[-800:])


if __name__ == '__main__':
    sys.exit(safety.main(CASES, doc=__doc__))
