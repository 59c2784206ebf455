#!/usr/bin/python3
"""The memory benchmark: what reading and counting a survey costs, against
its input, this tree against a pinned earlier commit in one run.

    bench/memory.py [--ref COMMIT] [--work DIR] [--runs 3]

Builds COMMIT (default 591b610, the last commit before the hostile-inputs
issue) and this tree as bench/run.py does, then runs `jusou check` (everything
report does before writing: the parent's parsed data, results and prepared
templates) of both trees on
  - 6200: bench/gen_data.py's 6,200 municipalities, 2025 and 2024 (both read);
  - 200mb: the same 2025 alone, with every free-text answer of Q27 long enough
    that municipality.csv is 200 MB;
and prints the median peak resident memory, the input (every file read), the
memory of a run that reads nothing (`jusou --version`: the libraries) and the
ratio (peak − that) / input. The goal (issue "Hostile inputs …"): at most about
10 × the input. Python standard library only.
"""
import argparse
import csv
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import run as speed  # noqa: E402


def peak_mb(cmd, cwd):
    with tempfile.TemporaryFile() as errf:  # a file: thousands of warnings would fill a pipe nobody reads
        p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errf,
                             env=dict(os.environ, LANG='C', LC_ALL='C'))
        _, stat, ru = os.wait4(p.pid, 0)
        errf.seek(0)
        err = errf.read().decode('utf-8', 'replace')
    if os.waitstatus_to_exitcode(stat) != 0:
        raise SystemExit('%s failed in %s:\n%s' % (' '.join(cmd), cwd, err[-2000:]))
    return ru.ru_maxrss / 1024.0


def input_bytes(folder, years):
    n = os.path.getsize(os.path.join(folder, 'data', 'municipalities.csv'))
    for y in years:
        d = os.path.join(folder, 'data', y)
        for base, _, files in os.walk(d):
            n += sum(os.path.getsize(os.path.join(base, f)) for f in files)
    return n


def long_answers(folder):
    """data/big/2025: municipality.csv padded to 200 MB through Q27's answers, made in a process of its own
    (a child forked from a process that held the rows would count their memory as its own peak)"""
    if not os.path.isdir(os.path.join(folder, 'data', 'big')):
        subprocess.run([sys.executable, os.path.abspath(__file__), '--make-big', folder], check=True)


def make_big(folder):
    big = os.path.join(folder, 'data', 'big')
    src = os.path.join(folder, 'data', '2025')
    shutil.copytree(src, os.path.join(big, '2025'))
    shutil.copy(os.path.join(folder, 'data', 'municipalities.csv'), big)
    p = os.path.join(big, '2025', 'municipality.csv')
    rows = list(csv.reader(io.StringIO(open(p, encoding='utf-8-sig').read(), newline='')))
    k = rows[0].index('Q27')
    n = sum(1 for r in rows[1:] if r)
    piece = '地域の居場所づくり、'
    each = (200 << 20) // (n * len(piece.encode()))
    for r in rows[1:]:
        if r:
            r[k] = piece * each
    out = io.StringIO()
    csv.writer(out, lineterminator='\r\n').writerows(rows)
    with open(p, 'wb') as f:
        f.write(out.getvalue().encode())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--ref', default='591b610')
    ap.add_argument('--work', default=os.path.join(speed.TOP, 'build-bench-memory'))
    ap.add_argument('--runs', type=int, default=3)
    ap.add_argument('--make-big', help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.make_big:
        make_big(a.make_big)
        return
    work = os.path.abspath(a.work)
    os.makedirs(work, exist_ok=True)
    ref_src = speed.ref_tree(work, a.ref)
    trees = {'ref': (speed.build(ref_src, os.path.join(work, 'ref-build')), ref_src),
             'cur': (speed.build(speed.TOP, os.path.join(work, 'cur-build')), speed.TOP)}
    print('reference %s, this tree %s; median of %d runs of jusou check' %
          (a.ref, subprocess.run(['git', '-C', speed.TOP, 'rev-parse', '--short', 'HEAD'], capture_output=True,
                                 text=True).stdout.strip(), a.runs))
    print('%-6s %-4s %9s %9s %9s %7s' % ('case', 'tree', 'input MB', 'peak MB', 'base MB', 'ratio'))
    for name in ('6200', '200mb'):
        for side, (jusou, tree) in trees.items():
            f = speed.folder(work, side, tree, 6200)
            if name == '6200':
                args, years = ['check', '--data', 'data/2025'], ['2025', '2024']
            else:
                long_answers(f)
                args, years = ['check', '--data', 'data/big/2025', '--no-previous'], []
            size = input_bytes(f, years) if years else (
                os.path.getsize(os.path.join(f, 'data', 'big', 'municipalities.csv')) +
                sum(os.path.getsize(os.path.join(b, x)) for b, _, xs in os.walk(os.path.join(f, 'data', 'big', '2025'))
                    for x in xs))
            peak = statistics.median(peak_mb([jusou] + args, f) for _ in range(a.runs))
            base = peak_mb([jusou, '--version'], f)
            mb = size / (1 << 20)
            print('%-6s %-4s %9.1f %9.0f %9.0f %6.1fx' % (name, side, mb, peak, base, (peak - base) / mb))
            sys.stdout.flush()


if __name__ == '__main__':
    main()
