#!/usr/bin/python3
"""Safety: one test per defect found by trying jusou as a careless or hostile
user would (issue "Safety: never touch what jusou did not write").

    safety.py --list                      the case names, one per line
    safety.py --jusou PATH --case NAME    run one case (exit 0 pass, 1 fail, 77 skip)

Every case works in a fresh temporary folder T holding copies of data/2025
(T/2025) and the template set templates/2025/ (T/templates), and an earlier output T/out that is a
small but real jusou output folder (its stamp, .jusou, lists each file with
its FNV-1a hash and size, as jusou writes it). A case damages something, runs
jusou from the top of the jusou folder (it reads data/municipalities.csv
there) and checks, as the case says: the exit code, the exact error line(s),
that nothing in T changed (every file's sha256, and no file added: no lock
file, no temporary folder), and a generous time or memory ceiling where the
defect was time or memory (real speed belongs in bench/).

Standard library only.
"""

import argparse
import csv
import hashlib
import io
import os
import random
import re
import resource
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
YEAR = '2025'
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from earlier import EARLIER, HASHES, STAMP_HEAD, STAMP_NOTE, write_stamped  # noqa: E402


class Fail(Exception):
    pass


class Skip(Exception):
    pass


# --- the workspace ---------------------------------------------------------

class Workspace:
    def __init__(self, jusou):
        self.jusou = jusou
        self.t = tempfile.mkdtemp(prefix='jusou-safety-')
        self.data = os.path.join(self.t, YEAR)
        self.templates = os.path.join(self.t, 'templates')
        self.out = os.path.join(self.t, 'out')
        shutil.copytree(os.path.join(ROOT, 'data', YEAR), self.data)
        shutil.copytree(os.path.join(ROOT, 'templates', '2025'), self.templates)  # the set 2025 uses
        os.makedirs(self.out)
        write_stamped(self.out, EARLIER)

    def close(self):
        shutil.rmtree(self.t, ignore_errors=True)

    def path(self, rel):
        return os.path.join(self.t, rel)

    def snapshot(self, top=None):
        """every entry under `top` (default T) with the sha256 of each file"""
        top = top or self.t
        snap = {}
        for base, dirs, files in os.walk(top):
            for n in sorted(dirs + files):
                p = os.path.join(base, n)
                rel = os.path.relpath(p, top)
                st = os.lstat(p)
                if stat.S_ISREG(st.st_mode):
                    with open(p, 'rb') as f:
                        snap[rel] = hashlib.sha256(f.read()).hexdigest()
                elif stat.S_ISDIR(st.st_mode):
                    snap[rel + '/'] = 'dir'
                else:
                    snap[rel] = 'other %o' % stat.S_IFMT(st.st_mode)
        return snap

    def args(self, command='report', out=None, data=None, extra=()):
        a = [command, '--data', data or self.data, '--no-previous', '--templates', self.templates]
        if command == 'report':
            a += ['--out', out or self.out]
        return a + list(extra)

    def run(self, args, env=None, timeout=300):
        e = dict(os.environ, LC_ALL='C', LANG='C', LANGUAGE='')
        e.pop('SOURCE_DATE_EPOCH', None)
        e.update(env or {})
        t0 = time.monotonic()
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        p = subprocess.run([self.jusou] + args, cwd=ROOT, env=e, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=timeout)
        self.seconds = time.monotonic() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        self.peak_kb = after if after > before else None   # None: not a new high, so not measured
        return p.returncode, p.stdout.decode('utf-8', 'replace'), p.stderr.decode('utf-8', 'replace')


def sub(ws, s):
    return s.replace('{t}', ws.t).replace('{data}', ws.data).replace('{templates}', ws.templates).replace(
        '{out}', ws.out)


def errors_of(stderr):
    return [l for l in stderr.splitlines() if ': error: ' in l]


def expect_refusal(ws, args, code, errors, env=None, final=None, seconds=None):
    """jusou exits `code` with exactly these error lines, and T is as it was"""
    before = ws.snapshot()
    rc, so, se = ws.run(args, env=env)
    problems = []
    if rc != code:
        problems.append('exit code %d, expected %d' % (rc, code))
    want = [sub(ws, e) for e in errors]
    got = errors_of(se)
    if got != want:
        problems.append('error lines:\n  expected %r\n  got      %r' % (want, got))
    if final is not None and (not se.splitlines() or se.splitlines()[-1] != sub(ws, final)):
        problems.append('last line %r, expected %r' % (se.splitlines()[-1:] or [''], sub(ws, final)))
    after = ws.snapshot()
    if after != before:
        problems.append('T changed: ' + describe_change(before, after))
    if seconds is not None and ws.seconds > seconds:
        problems.append('took %.1f s (ceiling %d s)' % (ws.seconds, seconds))
    if problems:
        raise Fail('\n'.join(problems) + '\n--- stderr ---\n' + se)
    return se


def describe_change(before, after):
    what = ['removed ' + k for k in sorted(set(before) - set(after))]
    what += ['added ' + k for k in sorted(set(after) - set(before))]
    what += ['changed ' + k for k in sorted(set(before) & set(after)) if before[k] != after[k]]
    return ', '.join(what[:12]) + (' …' if len(what) > 12 else '')


def check_stamped(folder):
    """the folder is a complete jusou output: its stamp lists exactly the files there, unchanged"""
    text = open(os.path.join(folder, '.jusou'), encoding='utf-8').read().splitlines()
    if text[:3] != [STAMP_HEAD, STAMP_NOTE, 'state finished']:
        raise Fail('%s: the stamp does not say finished' % folder)
    listed = {}
    kinds = [l[5:] for l in text if l.startswith('hash ')]
    if kinds != ['xxh64']:
        raise Fail('%s: the stamp does not say its hash is xxh64: %r' % (folder, kinds))
    digest = HASHES['xxh64']
    for l in text:
        m = re.match(r'^file ([0-9a-f]{16}) (\d+) (.+)$', l)
        if m:
            listed[m.group(3)] = (int(m.group(1), 16), int(m.group(2)))
    present = set()
    for base, dirs, files in os.walk(folder):
        for n in files:
            rel = os.path.relpath(os.path.join(base, n), folder)
            if rel != '.jusou':
                present.add(rel)
    if present != set(listed):
        raise Fail('%s: files %r are not listed, %r listed but missing' %
                   (folder, sorted(present - set(listed))[:5], sorted(set(listed) - present)[:5]))
    for rel in sorted(listed)[:40]:   # a sample is enough: hashing in Python is slow
        data = open(os.path.join(folder, rel), 'rb').read()
        if (digest(data) if len(data) < 200000 else listed[rel][0], len(data)) != listed[rel]:
            raise Fail('%s: %s differs from its stamp' % (folder, rel))


def leftovers(ws):
    """temporary folders or lock files jusou left in T"""
    return [n for n in os.listdir(ws.t) if n.startswith('.out.')]


# --- file edits ---------------------------------------------------------------

def replace_in(path, old, new, count=1):
    data = open(path, 'rb').read()
    old = old.encode() if isinstance(old, str) else old
    new = new.encode() if isinstance(new, str) else new
    if old not in data:
        raise Fail('harness: %r not in %s' % (old, path))
    with open(path, 'wb') as f:
        f.write(data.replace(old, new, count))


def line_col(path, needle):
    """1-based line and character column of `needle` in a UTF-8 file"""
    text = open(path, encoding='utf-8-sig').read()
    k = text.index(needle)
    line = text.count('\n', 0, k) + 1
    col = k - (text.rfind('\n', 0, k) + 1) + 1
    return line, col


Q = {'Q1': '令和7年度の重層的支援体制整備事業の実施状況', 'Q21': '一世帯に対する月あたりの最多アプローチ回数',
     'Q14': '令和6年度の支援会議開催回数', 'Q27': '令和7年度から新たに取り組んでいること'}


def rows_of(path):
    """the rows of a UTF-8 (BOM or not) CSV file"""
    text = open(path, 'rb').read().decode('utf-8-sig')
    return list(csv.reader(io.StringIO(text, newline='')))


def write_rows(path, rows, bom=True):
    """writes rows as Excel saves CSV UTF-8: CRLF, with a BOM"""
    out = io.StringIO()
    csv.writer(out, lineterminator='\r\n').writerows(rows)
    with open(path, 'wb') as f:
        f.write((b'\xef\xbb\xbf' if bom else b'') + out.getvalue().encode('utf-8'))


def set_cells(path, code, changes):
    """sets cells of the row whose code is `code` in a UTF-8 (BOM) CSV, keeping every other byte"""
    bom = open(path, 'rb').read(3) == b'\xef\xbb\xbf'
    rows = rows_of(path)
    head = rows[0]
    for r in rows[1:]:
        if r and r[0] == code:
            for col, value in changes.items():
                r[head.index(col)] = value
    write_rows(path, rows, bom)


# --- the cases ----------------------------------------------------------------------

CASES = {}


def case(fn):
    CASES[fn.__name__] = fn
    return fn


REFUSED = 'jusou: 1 error: wrong command line, or an output folder jusou must not write; nothing was written'
NOT_JUSOUS = ('{t}/%s: error: the output folder is not empty and jusou did not write it (it has no .jusou stamp); '
              'jusou writes only into a new or empty folder, or one it wrote before: give --out another folder')


@case
def out_folder_not_jusous(ws):
    """--out names a folder holding someone's thesis.txt: refused, exit 2, the thesis untouched"""
    os.makedirs(ws.path('thesis'))
    with open(ws.path('thesis/thesis.txt'), 'w') as f:
        f.write('three years of work\n')
    expect_refusal(ws, ws.args(out=ws.path('thesis')), 2, [NOT_JUSOUS % 'thesis'], final=REFUSED)


@case
def out_is_data_folder(ws):
    """--data X --out X: refused before anything is read or written"""
    expect_refusal(ws, ws.args(out=ws.data), 2, [
        '{data}: error: the output folder is {data}, which this run reads; jusou never writes where it reads: '
        'give --out another folder'], final=REFUSED)


@case
def out_inside_data_folder(ws):
    expect_refusal(ws, ws.args(out=ws.path('2025/out')), 2, [
        '{t}/2025/out: error: the output folder is inside {data}, which this run reads; jusou never writes where '
        'it reads: give --out another folder'])


@case
def out_contains_data_folder(ws):
    """--out T, which holds the data folder T/2025 (and the earlier output)"""
    expect_refusal(ws, ws.args(out=ws.t), 2, [
        '{t}: error: the output folder contains {data}, which this run reads; jusou never writes where it reads: '
        'give --out another folder'])


@case
def out_is_templates(ws):
    expect_refusal(ws, ws.args(out=ws.templates), 2, [
        '{templates}: error: the output folder is {templates}, which this run reads; jusou never writes where it '
        'reads: give --out another folder'])


@case
def out_is_codebook(ws):
    cb = os.path.join(ws.data, 'codebook')
    expect_refusal(ws, ws.args(out=cb), 2, [
        '%s: error: the output folder is inside {data}, which this run reads; jusou never writes where it reads: '
        'give --out another folder' % cb])


@case
def out_names_a_file(ws):
    with open(ws.path('report.pdf'), 'w') as f:
        f.write('not jusou\'s\n')
    expect_refusal(ws, ws.args(out=ws.path('report.pdf')), 2, [
        '{t}/report.pdf: error: --out names a file, not a folder; jusou writes a folder of outputs and never '
        'replaces a file'])


@case
def out_is_a_symlink(ws):
    os.symlink(ws.out, ws.path('link'))
    expect_refusal(ws, ws.args(out=ws.path('link')), 2, [
        '{t}/link: error: --out names a symbolic link; give the folder itself (jusou replaces the output folder as '
        'a whole and must not replace a link)'])


@case
def out_file_added(ws):
    """a jusou output to which the analyst added notes.txt: refused, the notes kept"""
    with open(os.path.join(ws.out, 'notes.txt'), 'w') as f:
        f.write('my notes\n')
    expect_refusal(ws, ws.args(), 2, [
        "{out}: error: the output folder holds 'notes.txt', which jusou did not write; jusou replaces the whole "
        "folder, so move it elsewhere first"])


def changed(rel):
    return ("{out}: error: '%s' in the output folder was changed after jusou wrote it; jusou would replace it, "
            "so move it out of the folder (or delete it) first" % rel)


def edit_check(ws):
    with open(os.path.join(ws.out, 'check.txt'), 'a') as f:
        f.write('checked by 田中\n')


@case
def out_file_changed(ws):
    """a jusou output whose check.txt the analyst edited: refused, the edit kept"""
    edit_check(ws)
    expect_refusal(ws, ws.args(), 2, [changed('check.txt')])


@case
def out_file_changed_xxh64(ws):
    """as out_file_changed, in a folder stamped as this version stamps (hash xxh64; the others are FNV-1a, as
    earlier versions stamped)"""
    shutil.rmtree(ws.out)
    write_stamped(ws.out, EARLIER, hash='xxh64')
    edit_check(ws)
    expect_refusal(ws, ws.args(), 2, [changed('check.txt')])


@case
def out_stamp_hash_unknown(ws):
    """a stamp whose hash this version does not know (a later one's): nothing can be checked, so refused"""
    shutil.rmtree(ws.out)
    write_stamped(ws.out, EARLIER, hash='blake3')
    expect_refusal(ws, ws.args(), 2, [changed('charts/plan.png')])


@case
def out_workbook_open_in_excel(ws):
    """Excel's lock file beside a workbook it has open"""
    with open(os.path.join(ws.out, '~$集計表.xlsx'), 'w') as f:
        f.write('x')
    expect_refusal(ws, ws.args(), 2, [
        "{out}: error: the output folder holds '~$集計表.xlsx', which jusou did not write (is a workbook of it "
        "open in Excel or LibreOffice?); jusou replaces the whole folder, so move it elsewhere first"])


@case
def out_replaced_when_jusous(ws):
    """a run over an earlier jusou output replaces it; then over an empty folder; nothing is left behind"""
    rc, so, se = ws.run(ws.args())
    if rc != 0:
        raise Fail('exit %d\n%s' % (rc, se))
    check_stamped(ws.out)
    if os.path.exists(os.path.join(ws.out, 'charts/plan.png')) is False or \
            open(os.path.join(ws.out, 'check.txt'), 'rb').read() == EARLIER['check.txt']:
        raise Fail('the earlier output was not replaced')
    if leftovers(ws):
        raise Fail('left behind: %r' % leftovers(ws))
    os.makedirs(ws.path('empty'))
    rc, so, se = ws.run(ws.args(out=ws.path('empty')))
    if rc != 0:
        raise Fail('an empty folder was refused (exit %d)\n%s' % (rc, se))
    check_stamped(ws.path('empty'))
    if [n for n in os.listdir(ws.t) if n.startswith('.empty.')]:
        raise Fail('left behind beside empty/')


@case
def concurrent_run_refused(ws):
    """while one run holds the output's lock, a second run to it is refused and changes nothing"""
    import fcntl
    lock = open(ws.path('.out.lock'), 'w')
    fcntl.flock(lock, fcntl.LOCK_EX)
    try:
        expect_refusal(ws, ws.args(), 2, [
            '{out}: error: another jusou run is writing this output folder now; wait for it to finish'])
    finally:
        lock.close()


@case
def lock_file_not_jusous(ws):
    """a file of someone else's where jusou's lock file goes: refused, and the file is not deleted"""
    with open(ws.path('.out.lock'), 'w') as f:
        f.write('not a lock\n')
    expect_refusal(ws, ws.args(), 2, [
        '{t}/.out.lock: error: this file is in the way of jusou\'s lock file for {out} and jusou did not write it; '
        'move it elsewhere first'])


@case
def out_folder_of_an_older_jusou(ws):
    """an unstamped folder holding check.txt and tables.csv: refused, with a hint to delete it once"""
    os.makedirs(ws.path('old'))
    for n in ('check.txt', 'tables.csv'):
        with open(ws.path('old/' + n), 'w') as f:
            f.write('x\n')
    expect_refusal(ws, ws.args(out=ws.path('old')), 2, [
        (NOT_JUSOUS % 'old') + ' (if it is the output of a jusou older than 0.2, which did not stamp its '
        'folders, delete it by hand once)'])


@case
def concurrent_runs_never_interleave(ws):
    """two runs started together: one writes, the other is refused or runs after it; the output is whole"""
    procs = [subprocess.Popen([ws.jusou] + ws.args(), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for _ in range(2)]
    results = [(p.wait(timeout=300), p.stderr.read().decode()) for p in procs]
    ok = [r for r in results if r[0] == 0]
    if not ok:
        raise Fail('neither run succeeded: %r' % results)
    for rc, se in results:
        if rc != 0 and 'another jusou run is writing this output folder now' not in se:
            raise Fail('the run that did not write failed otherwise (exit %d):\n%s' % (rc, se))
    check_stamped(ws.out)
    if leftovers(ws):
        raise Fail('left behind: %r' % leftovers(ws))


def wait_for_tmp(ws, proc, limit=60):
    t0 = time.monotonic()
    while time.monotonic() - t0 < limit:
        if any(n.startswith('.out.tmp-') for n in os.listdir(ws.t)):
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.005)
    return False


def interrupted_run(ws, sig):
    before = ws.snapshot()
    p = subprocess.Popen([ws.jusou] + ws.args(), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if not wait_for_tmp(ws, p):
        p.kill()
        raise Fail('the run made no temporary folder')
    time.sleep(0.3)   # into the writing
    p.send_signal(sig)
    rc = p.wait(timeout=60)
    if rc != -sig:
        raise Fail('exit %r, expected to die of signal %d' % (rc, sig))
    after = ws.snapshot()
    if after != before:
        raise Fail('T changed: ' + describe_change(before, after))


@case
def sigint_removes_its_temporary_folder(ws):
    interrupted_run(ws, signal.SIGINT)


@case
def sigterm_removes_its_temporary_folder(ws):
    interrupted_run(ws, signal.SIGTERM)


@case
def sigkill_at_random_moments(ws):
    """report over an earlier output, SIGKILLed at 12 random moments: each time the output folder is the
    earlier one or a whole new one, never a mix or nothing; the next run succeeds and leaves no
    temporary folder"""
    rng = random.Random(20251201)
    t0 = time.monotonic()
    rc, so, se = ws.run(ws.args(out=ws.path('probe')))
    span = time.monotonic() - t0
    if rc != 0:
        raise Fail('a normal run failed:\n' + se)
    earlier = ws.snapshot(ws.out)
    replaced = False
    for i in range(12):
        p = subprocess.Popen([ws.jusou] + ws.args(), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, span * 1.1))
        p.kill()
        p.wait()
        if not os.path.isdir(ws.out):
            raise Fail('kill %d: there is no output folder' % i)
        now = ws.snapshot(ws.out)
        if now != earlier:
            check_stamped(ws.out)   # the swap happened: the new output, whole
            earlier = now
            replaced = True
    rc, so, se = ws.run(ws.args())
    if rc != 0:
        raise Fail('the run after the kills failed:\n' + se)
    check_stamped(ws.out)
    if leftovers(ws):
        raise Fail('left behind: %r' % leftovers(ws))
    print('kills done; the output was replaced by a killed run: %s' % replaced)


@case
def chart_id_outside_output(ws):
    """a chart named [../../evil] would have written ../../evil.png: an error at its line"""
    ini = os.path.join(ws.templates, 'charts.ini')
    replace_in(ini, '[plan]', '[../../evil]')
    line, _ = line_col(ini, '[../../evil]')
    expect_refusal(ws, ws.args(), 1, [
        "%s:%d:2: error: [../../evil]: a chart's name becomes its file name: use at most 64 letters, digits, '_' "
        "and '-', starting with a letter or digit" % (ini, line)])


@case
def form_file_outside_data(ws):
    """forms.csv names ../council.csv as a form's file"""
    p = os.path.join(ws.data, 'codebook', 'forms.csv')
    replace_in(p, 'council,council.csv', 'council,../council.csv')
    line, col = line_col(p, '../council.csv')
    expect_refusal(ws, ws.args(), 1, [
        "%s:%d:%d: error: form 'council': file '../council.csv' must be a file name in the data folder: it holds "
        "'/', '\\' or ':'" % (p, line, col)])


@case
def report_file_outside_output(ws):
    """report.ini [document] file = ../escape"""
    p = os.path.join(ws.templates, 'report.ini')
    text = open(p, encoding='utf-8').read()
    m = re.search(r'^file = .*$', text, re.M)
    replace_in(p, m.group(0), 'file = ../escape')
    line, col = line_col(p, '../escape')
    expect_refusal(ws, ws.args(), 1, [
        "%s:%d:%d: error: [document] file: the file name '../escape' cannot be used: it holds '/', '\\' or ':'"
        % (p, line, col)])


# -- configuration read as carefully as data

@case
def report_ini_nul_byte(ws):
    """a NUL byte in report.ini (it used to give a 1-page report and exit 0)"""
    p = os.path.join(ws.templates, 'report.ini')
    data = open(p, 'rb').read()
    k = data.index(b'\n', data.index(b'\n') + 1) + 1   # the start of line 3
    with open(p, 'wb') as f:
        f.write(data[:k] + b'ab\x00cd' + data[k:])
    expect_refusal(ws, ws.args(), 1, [
        '%s:3:3: error: the file contains a NUL byte; it is not a text file' % p])


@case
def survey_ini_cp932(ws):
    """survey.ini saved in CP932 (it used to give 40 errors naming temporary chart PDFs): read like the data"""
    p = os.path.join(ws.data, 'survey.ini')
    text = open(p, encoding='utf-8').read()
    with open(p, 'wb') as f:
        f.write(text.encode('cp932'))
    rc, so, se = ws.run(ws.args())
    if rc != 0 or errors_of(se):
        raise Fail('exit %d\n%s' % (rc, se))
    check = open(os.path.join(ws.out, 'check.txt'), encoding='utf-8').read()
    if '重層的支援体制整備事業の取組状況に関する現況調査' not in check:
        raise Fail('the title did not come through:\n' + check[:300])


@case
def survey_ini_empty(ws):
    """an empty survey.ini (it used to give a blank cover and exit 0)"""
    open(os.path.join(ws.data, 'survey.ini'), 'w').close()
    expect_refusal(ws, ws.args(), 1, [
        '{data}/survey.ini: error: the file is empty; write [survey] with year, title, publisher … (or remove the '
        'file)'])


@case
def survey_ini_impossible_date(ws):
    p = os.path.join(ws.data, 'survey.ini')
    text = open(p, encoding='utf-8').read()
    old = re.search(r'^issued = .*$', text, re.M).group(0)
    replace_in(p, old, 'issued = 2025-02-31')
    line, col = line_col(p, '2025-02-31')
    expect_refusal(ws, ws.args(), 1, [
        '%s:%d:%d: error: issued = 2025-02-31: not a date; write a real date as YYYY-MM-DD (e.g. 2025-06-16)'
        % (p, line, col)])


@case
def source_date_epoch_too_large(ws):
    """SOURCE_DATE_EPOCH=99999999999999999 (it used to crash inside the workbook writer)"""
    expect_refusal(ws, ws.args(), 2, [
        'jusou: error: SOURCE_DATE_EPOCH=99999999999999999: not a time jusou can write into PDF and xlsx files; '
        'give seconds since 1970-01-01 UTC, from 0 to 253402300799 (9999-12-31), or unset it'],
        env={'SOURCE_DATE_EPOCH': '99999999999999999'})


@case
def charts_ini_undecodable(ws):
    p = os.path.join(ws.templates, 'charts.ini')
    with open(p, 'ab') as f:
        f.write('; 注記\n'.encode('utf-8') + b'title = \x80\xff\n')
    data = open(p, 'rb').read()
    line = data.count(b'\n', 0, data.index(b'\x80\xff')) + 1
    expect_refusal(ws, ws.args(), 1, [
        '%s:%d:9: error: invalid UTF-8 (byte 0x80); the file is damaged or mixes encodings' % (p, line)])


@case
def workbook_ini_nul_byte(ws):
    p = os.path.join(ws.templates, 'workbook.ini')
    with open(p, 'ab') as f:
        f.write(b'x\x00 = y\r\n')
    data = open(p, 'rb').read()
    line = data.count(b'\n', 0, data.index(b'\x00')) + 1
    expect_refusal(ws, ws.args(), 1, [
        '%s:%d:2: error: the file contains a NUL byte; it is not a text file' % (p, line)])


@case
def codebook_unreadable(ws):
    """a codebook file that cannot be read is exit 3, as the README says (it used to be 1)"""
    p = os.path.join(ws.data, 'codebook', 'bases.csv')
    os.remove(p)
    os.makedirs(p)
    expect_refusal(ws, ws.args(), 3, ['%s: error: cannot read: this is a folder, not a file' % p])


@case
def data_file_is_a_fifo(ws):
    """municipality.csv is a FIFO nobody writes to: refused at once, no hang"""
    p = os.path.join(ws.data, 'municipality.csv')
    os.remove(p)
    os.mkfifo(p)
    expect_refusal(ws, ws.args(), 3, ['%s: error: cannot read: this is a FIFO (named pipe), not a file' % p],
                   seconds=20)


@case
def data_file_is_a_folder(ws):
    p = os.path.join(ws.data, 'council.csv')
    os.remove(p)
    os.makedirs(p)
    expect_refusal(ws, ws.args(), 3, ['%s: error: cannot read: this is a folder, not a file' % p])


# -- time linear in the input

@case
def header_50000_duplicate_columns(ws):
    """a header with Q14 repeated 50,000 times (it used to run for more than 10 minutes)"""
    p = os.path.join(ws.data, 'municipality.csv')
    data = open(p, 'rb').read()
    k = data.index(b'\r\n')
    with open(p, 'wb') as f:
        f.write(data[:k] + b',Q14' * 50000 + data[k:])
    before = ws.snapshot()
    rc, so, se = ws.run(ws.args())
    errs = errors_of(se)
    if rc != 1 or len(errs) != 50 or not errs[0].endswith(
            "error: Q14 (令和6年度の支援会議開催回数): column 'Q14' appears twice (also column 73)"):
        raise Fail('exit %d, %d error lines, first %r' % (rc, len(errs), errs[:1]))
    if ws.snapshot() != before:
        raise Fail('T changed')
    if ws.seconds > 20:
        raise Fail('took %.1f s (ceiling 20 s; it is well under a second)' % ws.seconds)


@case
def header_70mb(ws):
    """a 70 MB header row of 700,000 long column names: seconds, not hours"""
    p = os.path.join(ws.data, 'municipality.csv')
    lines = open(p, 'rb').read().split(b'\r\n')
    memo = b',' + b'x' * 90
    # the header and one response, each 700,000 cells longer (the other municipalities did not respond)
    with open(p, 'wb') as f:
        f.write(lines[0] + b''.join(memo + b'%07d' % i for i in range(700000)) + b'\r\n' +
                lines[1] + b',' * 700000 + b'\r\n')
    before = ws.snapshot()
    rc, so, se = ws.run(ws.args('check'))
    if rc != 0:
        raise Fail('exit %d\n%s' % (rc, se[-2000:]))
    m = re.search(r'municipality\.csv: note: (\d+) more warnings in this file are not shown', se)
    if not m or int(m.group(1)) < 699000:
        raise Fail('the unknown columns were not capped:\n' + se[-500:])
    if ws.snapshot() != before:
        raise Fail('T changed')
    if ws.seconds > 60:
        raise Fail('took %.1f s (ceiling 60 s)' % ws.seconds)


@case
def one_response_each(ws):
    """mid-fielding, one form of each kind returned: check and report work, every chart whose base is empty is
    drawn with n=0 and said so (a warning at the chart), nothing is an error"""
    for name in ('municipality.csv', 'council.csv'):
        p = os.path.join(ws.data, name)
        lines = open(p, 'rb').read().split(b'\r\n')
        with open(p, 'wb') as f:
            f.write(lines[0] + b'\r\n' + lines[1] + b'\r\n')
    rc, so, se = ws.run(ws.args('check'))
    if rc != 0 or errors_of(se):
        raise Fail('check: exit %d\n%s' % (rc, se[-2000:]))
    empty = re.findall(r'charts\.ini:\d+:\d+: warning: \[(\w+)\] \w+: no respondent is in (?:the base of \w+|any row); '
                       r'the chart is drawn with n=0', se)
    if len(empty) < 10:
        raise Fail('expected warnings for the charts with an empty base, got %d:\n%s' % (len(empty), se[-2000:]))
    rc, so, se = ws.run(ws.args('report', out=os.path.join(ws.t, 'new')))
    if rc != 0 or errors_of(se):
        raise Fail('report: exit %d\n%s' % (rc, se[-2000:]))
    for chart in empty:
        rows = list(csv.reader(open(os.path.join(ws.t, 'new', 'charts', chart + '.csv'), encoding='utf-8-sig')))
        head = rows[0]
        wrong = [r for r in rows[1:] if r[head.index('base_n')] != '0' or r[head.index('count')] not in ('0', '')]
        if wrong:
            raise Fail('%s: an empty chart has counts: %r' % (chart, wrong))


@case
def codebook_chain_of_40_bases(ws):
    """40 questions, each in the base of the one before (the loop check used to be exponential)"""
    cb = os.path.join(ws.data, 'codebook')
    with open(os.path.join(cb, 'questions.csv'), 'a', encoding='utf-8', newline='') as f:
        for i in range(40):
            f.write('municipality,X%d,count,連鎖%d,,,chain%d,,,,\r\n' % (i, i, i))
    with open(os.path.join(cb, 'bases.csv'), 'a', encoding='utf-8', newline='') as f:
        f.write('municipality,chain0,all,全体\r\n')
        for i in range(1, 40):
            f.write('municipality,chain%d,X%d>=0,連鎖\r\n' % (i, i - 1))
    for form in ('municipality.csv',):
        p = os.path.join(ws.data, form)
        text = open(p, 'rb').read().decode('utf-8-sig')
        lines = text.split('\r\n')
        lines = [l + ''.join(',X%d' % i for i in range(40)) if n == 0 else (l + ',' * 40 if l else l)
                 for n, l in enumerate(lines)]
        with open(p, 'wb') as f:
            f.write(b'\xef\xbb\xbf' + '\r\n'.join(lines).encode('utf-8'))
    rc, so, se = ws.run(ws.args('check'))
    if rc != 0:
        raise Fail('exit %d\n%s' % (rc, se[-1500:]))
    if ws.seconds > 20:
        raise Fail('took %.1f s (ceiling 20 s)' % ws.seconds)


# -- memory bounded by the input

@case
def memory_20mb_file(ws):
    """a 20 MB response file (62 rows with long free-text answers) is read in a small multiple of its size
    (it used to take 1.4 GB)"""
    import csv
    import io
    p = os.path.join(ws.data, 'municipality.csv')
    rows = list(csv.reader(io.StringIO(open(p, encoding='utf-8-sig').read(), newline='')))
    k = rows[0].index('Q27')
    for r in rows[1:]:
        if r:
            r[k] = '地域の居場所づくり、' * 10800
    out = io.StringIO()
    csv.writer(out, lineterminator='\r\n').writerows(rows)
    data = out.getvalue().encode('utf-8')
    with open(p, 'wb') as f:
        f.write(data)
    rc, so, se = ws.run(ws.args('check'))
    if rc != 0:
        raise Fail('exit %d\n%s' % (rc, se[-1000:]))
    with open(ws.jusou, 'rb') as f:
        if b'__asan_init' in f.read():
            raise Skip('a sanitizer build: its memory is AddressSanitizer\'s, not jusou\'s')
    if ws.peak_kb is None:
        raise Skip('peak memory of this run could not be told apart from an earlier child')
    mb = ws.peak_kb / 1024
    size = len(data) / 1e6
    if mb > 4 * size + 60:
        raise Fail('peak %.0f MB for a %.0f MB file (ceiling: 4 × size + 60 MB)' % (mb, size))
    print('peak %.0f MB for a %.0f MB file' % (mb, size))


@case
def cell_over_1mb(ws):
    p = os.path.join(ws.data, 'municipality.csv')
    set_cells(p, '131016', {'Q27': 'あ' * 400000})
    line, col = 2, None
    rc, so, se = ws.run(ws.args())
    errs = errors_of(se)
    if rc != 1 or len(errs) != 1 or not re.search(
            r'municipality\.csv:2:\d+: error: this cell holds 1200000 bytes; a cell may hold at most 1048576 \(1 MB\)$',
            errs[0]):
        raise Fail('exit %d, errors %r' % (rc, errs))


@case
def rows_over_a_million(ws):
    p = os.path.join(ws.data, 'council.csv')
    data = open(p, 'rb').read()
    with open(p, 'wb') as f:
        f.write(data.rstrip(b'\r\n') + b'\r\n' + (b',' * 19 + b'\r\n') * 1000001)
    rc, so, se = ws.run(ws.args('check'))
    errs = errors_of(se)
    import csv
    import io
    rows = [r for r in csv.reader(io.StringIO(data.decode('cp932'), newline='')) if r]
    lines = data.rstrip(b'\r\n').count(b'\n') + 1
    # the 1,000,001st row after the header: past the file's own rows, on one line each
    want = '%s:%d: error: the file has more than 1000000 rows after the header; a file may have at most 1000000' % (
        p, lines + 1000001 - (len(rows) - 1))
    if rc != 1 or errs != [want]:
        raise Fail('exit %d, errors %r, expected %r' % (rc, errs, want))
    if ws.seconds > 60:
        raise Fail('took %.1f s' % ws.seconds)


@case
def long_free_text_shortened(ws):
    """a 20,000-character answer is shortened in the report with a warning, never laid out whole"""
    p = os.path.join(ws.data, 'municipality.csv')
    set_cells(p, '131032', {'Q27': '居場所' * 6667})   # 港区 answered Q27
    rc, so, se = ws.run(ws.args())
    if rc != 0:
        raise Fail('exit %d\n%s' % (rc, se[-1500:]))
    warn = [l for l in se.splitlines() if 'the report shows its first 300' in l]
    if len(warn) != 1 or not re.search(r'municipality\.csv:\d+:\d+: warning: Q27 \(%s\): this answer is 20001 '
                                       r'characters; the report shows its first 300$' % Q['Q27'], warn[0]):
        raise Fail('warnings: %r' % warn)
    if ws.seconds > 120:
        raise Fail('took %.1f s' % ws.seconds)


@case
def counts_at_the_limit_sum_exactly(ws):
    """every Q14 at 10^12 (the largest count): the sum is exact; 10^12 + 1 is an error"""
    import csv
    import io
    p = os.path.join(ws.data, 'municipality.csv')
    rows = list(csv.reader(io.StringIO(open(p, encoding='utf-8-sig').read(), newline='')))
    k = rows[0].index('Q14')
    n = 0
    for r in rows[1:]:
        if r and r[rows[0].index('Q1')] in ('1', '2', '3') and r[k] != '':
            r[k] = '1000000000000'
            n += 1
    out = io.StringIO()
    csv.writer(out, lineterminator='\r\n').writerows(rows)
    with open(p, 'wb') as f:
        f.write(b'\xef\xbb\xbf' + out.getvalue().encode('utf-8'))
    rc, so, se = ws.run(ws.args())
    if rc != 0:
        raise Fail('exit %d\n%s' % (rc, se[-1500:]))
    stats = [l.split(',') for l in open(os.path.join(ws.out, 'stats.csv'), encoding='utf-8-sig').read().splitlines()]
    head = stats[0]
    row = [s for s in stats if s[head.index('question')] == 'Q14' and s[head.index('segment')] == 'all'][0]
    if row[head.index('sum')] != str(n * 10 ** 12):
        raise Fail('sum %s, expected %d' % (row[head.index('sum')], n * 10 ** 12))
    set_cells(p, '131016', {'Q14': '1000000000001'})
    rc, so, se = ws.run(ws.args('check'))
    if rc != 1 or not any('"1000000000001" is too large to be a count' in e for e in errors_of(se)):
        raise Fail('10^12 + 1 was not refused (exit %d)\n%s' % (rc, se[-800:]))


# -- odds and ends

@case
def sheet_name_with_apostrophe(ws):
    """a sheet named 実施's in workbook.ini: defined names and links quote it; the workbook opens"""
    p = os.path.join(ws.templates, 'workbook.ini')
    text = open(p, encoding='utf-8-sig').read()
    first_sheet = re.search(r'^\[(.*)\]$', text, re.M).group(1)
    replace_in(p, '[%s]' % first_sheet, "[実施's]")
    rc, so, se = ws.run(ws.args())
    if rc != 0:
        raise Fail('exit %d\n%s' % (rc, se[-1500:]))
    book = [n for n in os.listdir(ws.out) if n.endswith('.xlsx')][0]
    code = ('import openpyxl,sys\nwb=openpyxl.load_workbook(sys.argv[1])\n'
            'names=[d.attr_text for d in wb.defined_names.values()] if hasattr(wb.defined_names,"values") '
            'else [d.attr_text for d in wb.defined_names.definedName]\n'
            'print("\\n".join(n for n in names if "\'s\'" in n))\n')
    r = subprocess.run(['/usr/bin/python3', '-c', code, os.path.join(ws.out, book)], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    if r.returncode != 0:
        raise Fail('openpyxl cannot open the workbook:\n' + r.stderr.decode())
    names = r.stdout.decode().split()
    if not names or not all(n.startswith("'実施''s'!") for n in names):
        raise Fail('defined names not quoted: %r' % names[:3])


@case
def codebook_min_out_of_range(ws):
    """a year question's min of -99999999 (it would have made 100 million choices)"""
    p = os.path.join(ws.data, 'codebook', 'questions.csv')
    text = open(p, encoding='utf-8-sig').read()
    m = re.search(r'^municipality,Q1_1,year,.*$', text, re.M)
    line = m.group(0)
    cells = line.split(',')
    k = 9   # form,id,type,label,short,unit,base,bins,nc,min,top
    cells[k] = '-99999999'
    replace_in(p, line, ','.join(cells))
    ln, col = line_col(p, '-99999999')
    expect_refusal(ws, ws.args(), 1, [
        "%s:%d:%d: error: Q1_1: a year question needs 'min', the first valid year (1900 to 2025)" % (p, ln, col)])


@case
def full_disk(ws):
    """the output on a file system that fills up: one error naming the file, exit 3, nothing left"""
    mnt = ws.path('small')
    os.makedirs(mnt)
    inner = ('mount -t tmpfs -o size=3m tmpfs "$1" && mkdir "$1/out" && '
             'exec "$2" report --data "$3" --no-previous --templates "$4" --out "$1/out/2025"')
    cmd = ['unshare', '--user', '--map-root-user', '--mount', 'sh', '-c', inner, 'sh', mnt, ws.jusou, ws.data,
           ws.templates]
    probe = subprocess.run(['unshare', '--user', '--map-root-user', '--mount', 'sh', '-c',
                            'mount -t tmpfs -o size=1m tmpfs "$1"', 'sh', mnt], stderr=subprocess.PIPE)
    if probe.returncode != 0:
        raise Skip('cannot mount a small tmpfs here: ' + probe.stderr.decode().strip())
    p = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
    se = p.stderr.decode()
    errs = errors_of(se)
    if p.returncode != 3 or len(errs) != 1 or 'No space left on device' not in errs[0] or \
            not errs[0].startswith(mnt + '/out/2025/'):
        raise Fail('exit %d, errors %r' % (p.returncode, errs))


@case
def bom_inside_a_cell(ws):
    """a BOM inside a cell (two files pasted together) is shown as U+FEFF"""
    p = os.path.join(ws.data, 'municipality.csv')
    set_cells(p, '131016', {'Q1': '\ufeff1'})
    rc, so, se = ws.run(ws.args('check'))
    errs = errors_of(se)
    if rc != 1 or len(errs) != 1 or not errs[0].endswith(
            'error: Q1 (%s): "U+FEFF1" is not one of its codes (1–3)' % Q['Q1']):
        raise Fail('exit %d, errors %r' % (rc, errs))


@case
def multi_question_of_65_options(ws):
    """a multiple-choice question with 65 options is a codebook error (its answers fit 64 bits)"""
    p = os.path.join(ws.data, 'codebook', 'choices.csv')
    has = len(re.findall(r'^municipality,Q6,', open(p, encoding='utf-8-sig').read(), re.M))
    with open(p, 'a', encoding='utf-8', newline='') as f:
        for i in range(65 - has):
            f.write('municipality,Q6,Q6_x%d,追加%d\r\n' % (i, i))
    ln, col = line_col(p, 'Q6_x%d,' % (65 - has - 1))   # the 65th option
    rc, so, se = ws.run(ws.args('check'))
    errs = errors_of(se)
    want = '%s:%d:%d: error: Q6: more than 64 options (a multiple-choice question has at most 64)' % (p, ln, col)
    if rc != 1 or not errs or errs[0] != want:
        raise Fail('exit %d, errors %r, expected first %r' % (rc, errs[:3], want))


# -- proof that lasts

@case
def out_of_memory_sweep(ws):
    """allocation made to fail after N allocations, N from 1 up until the run succeeds: every failing run
    says 'out of memory', exits 3 and leaves T as it was (in the sanitizer build: no leak, no crash)"""
    before = ws.snapshot()
    n, runs = 1, 0
    rng = random.Random(7)
    while True:
        rc, so, se = ws.run(ws.args(), env={'JU_TEST_FAIL_ALLOC': str(n)})
        runs += 1
        if rc == 0:
            break
        last = se.splitlines()[-1] if se.splitlines() else ''
        if rc != 3 or last != 'jusou: error: out of memory; nothing was written':
            raise Fail('N=%d: exit %d, last line %r\n%s' % (n, rc, last, se[-3000:]))
        after = ws.snapshot()
        if after != before:
            raise Fail('N=%d: T changed: %s' % (n, describe_change(before, after)))
        n = max(n + 1, int(n * rng.uniform(1.6, 2.6)))
    check_stamped(ws.out)
    print('%d runs; the run succeeds from N=%d' % (runs, n))


def main(cases=CASES, workspace=None, doc=__doc__):
    """the command line of a suite of cases (hostile.py runs its own through it)"""
    ap = argparse.ArgumentParser(description=doc.split('\n')[0])
    ap.add_argument('--list', action='store_true')
    ap.add_argument('--jusou')
    ap.add_argument('--case')
    ap.add_argument('--keep', action='store_true')
    a = ap.parse_args()
    if a.list:
        print('\n'.join(cases))
        return 0
    names = list(cases) if a.case == 'all' else [a.case]
    worst = 0
    for name in names:
        ws = (workspace or Workspace)(os.path.abspath(a.jusou))
        try:
            cases[name](ws)
            print('PASS %s' % name)
        except Skip as e:
            print('SKIP %s: %s' % (name, e))
            worst = max(worst, 77 if len(names) == 1 else 0)
        except Fail as e:
            print('FAIL %s: %s\n%s' % (name, (cases[name].__doc__ or '').strip(), e))
            worst = 1
        finally:
            if a.keep:
                print('kept %s' % ws.t)
            else:
                ws.close()
    return worst


if __name__ == '__main__':
    sys.exit(main())
