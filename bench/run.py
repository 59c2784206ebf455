#!/usr/bin/python3
"""The speed benchmark: this tree against a pinned earlier commit, in one run.

    bench/run.py [--ref COMMIT] [--sizes 62,434,1736,6200] [--runs 3] [--work DIR] [--jobs N]

  1. builds COMMIT (default 05e3d64, the commit issue 14 measured from) from
     `git archive` into WORK/ref-src, and this tree, each with meson
     (debugoptimized) into WORK/ref-build and WORK/cur-build;
  2. for each size, makes a working folder per tree: its own templates/ and
     a data/ folder — the bundled data for 62 (Tokyo), else
     bench/gen_data.py's data of that many municipalities per form (the
     bundled answers of that tree, a master list and a tile map, 2025 and
     2024);
  3. runs `jusou report` of both trees interleaved (ref, cur, ref, cur, …)
     --runs times per size, and prints the median wall time, processor time
     (user + system, every process), peak resident memory (the largest single
     process) and the ratio ref / cur, then this tree's breakdown by stage
     (JU_BENCH_TIMES: wall seconds of load, prepare, outputs; processor
     seconds of the summary workbook, the municipality workbooks, the charts,
     the report).

Speed goals live here, not in the tests (issue 14: Tokyo 3x, 1,736 municipalities
5x, 6,200 within 256 MB). The runs at 6,200 take minutes for the reference.
WORK defaults to build-bench/ (ignored by git). Python standard library only.
"""
import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, '..'))


def sh(cmd, **kw):
    subprocess.run(cmd, check=True, **kw)


def build(src, build_dir):
    if not os.path.exists(os.path.join(build_dir, 'build.ninja')):
        sh(['meson', 'setup', build_dir, src, '--buildtype=debugoptimized'], stdout=subprocess.DEVNULL)
    sh(['ninja', '-C', build_dir], stdout=subprocess.DEVNULL)
    return os.path.join(build_dir, 'jusou')


def ref_tree(work, ref):
    """WORK/ref-src: the files of commit `ref` (git archive), once"""
    ref_src = os.path.join(work, 'ref-src')
    if not os.path.isdir(ref_src):
        os.makedirs(ref_src)
        archive = subprocess.run(['git', '-C', TOP, 'archive', ref], check=True, capture_output=True).stdout
        subprocess.run(['tar', '-x', '-C', ref_src], input=archive, check=True)
    return ref_src


def folder(work, side, tree, size):
    """WORK/<side>-<size>: the tree's templates and data of that size"""
    f = os.path.join(work, '%s-%d' % (side, size))
    if os.path.isdir(os.path.join(f, 'data')):
        return f
    os.makedirs(f, exist_ok=True)
    shutil.copytree(os.path.join(tree, 'templates'), os.path.join(f, 'templates'), dirs_exist_ok=True)
    if size == 62:
        shutil.copytree(os.path.join(tree, 'data'), os.path.join(f, 'data'))
    else:
        sh([sys.executable, os.path.join(HERE, 'gen_data.py'), '--out', os.path.join(f, 'data'),
            '--municipalities', str(size), '--from', os.path.join(tree, 'data'), '--tilemap'],
           stdout=subprocess.DEVNULL)
    return f


def run_once(jusou, cwd, out, extra):
    if os.path.exists(out):
        shutil.rmtree(out)
    env = dict(os.environ, JU_BENCH_TIMES='1', LANG='C', LC_ALL='C')
    t0 = time.monotonic()
    p = subprocess.Popen([jusou, 'report', '--out', out] + extra, cwd=cwd, env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _, stat, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    err = p.stderr.read()
    p.stderr.close()
    if os.waitstatus_to_exitcode(stat) != 0:
        raise SystemExit('%s report failed in %s:\n%s' % (jusou, cwd, err[-2000:]))
    times = {}
    for line in err.splitlines():
        if line.startswith('JU_BENCH_TIMES '):
            times = {k: float(v) for k, v in (x.split('=') for x in line.split()[1:])}
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0, times


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--ref', default='05e3d64')
    ap.add_argument('--sizes', default='62,434,1736,6200')
    ap.add_argument('--runs', type=int, default=3)
    ap.add_argument('--work', default=os.path.join(TOP, 'build-bench'))
    ap.add_argument('--jobs', type=int, default=0, help='-j for this tree (default: its own, one per processor)')
    a = ap.parse_args()
    work = os.path.abspath(a.work)
    os.makedirs(work, exist_ok=True)
    ref_src = ref_tree(work, a.ref)
    ref = build(ref_src, os.path.join(work, 'ref-build'))
    cur = build(TOP, os.path.join(work, 'cur-build'))
    extra = ['-j', str(a.jobs)] if a.jobs else []
    print('reference %s, this tree %s; %d runs each, interleaved; %d processors'
          % (a.ref, subprocess.run(['git', '-C', TOP, 'rev-parse', '--short', 'HEAD'], capture_output=True,
                                   text=True).stdout.strip(), a.runs, os.cpu_count()))
    print('%-6s %-4s %9s %9s %9s %7s' % ('size', 'tree', 'wall s', 'cpu s', 'RSS MB', 'ref/cur'))
    for size in (int(x) for x in a.sizes.split(',')):
        fr, fc = folder(work, 'ref', ref_src, size), folder(work, 'cur', TOP, size)
        res = {'ref': [], 'cur': []}
        for _ in range(a.runs):
            res['ref'].append(run_once(ref, fr, os.path.join(work, 'out-ref'), []))
            res['cur'].append(run_once(cur, fc, os.path.join(work, 'out-cur'), extra))
        med = {s: [statistics.median(r[k] for r in res[s]) for k in range(3)] for s in res}
        for s in ('ref', 'cur'):
            ratio = '%.2fx' % (med['ref'][0] / med['cur'][0]) if s == 'cur' else ''
            print('%-6d %-4s %9.2f %9.2f %9.0f %7s' % (size, s, med[s][0], med[s][1], med[s][2], ratio))
        keys = ['load', 'prepare', 'tidy', 'outputs', 'check', 'cpu_summary', 'cpu_municipalities', 'cpu_charts',
                'cpu_report']
        stages = {k: statistics.median(r[3].get(k, 0) for r in res['cur']) for k in keys}
        print('       stages (this tree, median): ' + ', '.join('%s %.2f' % (k, stages[k]) for k in keys))
        sys.stdout.flush()


if __name__ == '__main__':
    main()
