"""The bundled year's report, made once per build and shared by the tests
that only read it (golden, published, charts, workbook, report).

    out = baseline.output(jusou)                        report of data/2025 (2024 beside it)
    out = baseline.output(jusou, ['--data', 'data/2024'])
    log = baseline.textlog(jusou, ['--data', 'data/2024'])   what the charts and pages drew (JU_TEST_TEXTLOG)

The output is kept in <build>/tests/baseline/<key>/out, where the key hashes
the jusou binary, the arguments and every file of data/ and templates/: a
rebuild or an edit makes a new one (and the old ones are removed). The first
test to ask makes it under a lock; the others wait for it and reuse it. Tests
must only read it. jusou runs from the top folder with the tests' private
fonts.conf, without SOURCE_DATE_EPOCH (the dates come from survey.ini).

Standard library only."""

import fcntl
import hashlib
import os
import shutil
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def env():
    e = dict(os.environ)
    e['FONTCONFIG_FILE'] = os.path.join(ROOT, 'tests', 'fonts.conf')
    e.pop('SOURCE_DATE_EPOCH', None)
    return e


def _key(jusou, args):
    h = hashlib.sha256()
    with open(jusou, 'rb') as f:
        h.update(f.read())
    h.update(repr(list(args)).encode())
    h.update(b'with texts.tsv')  # outputs made since the test switch's log is kept beside them
    for top in ('data', 'templates'):
        for base, dirs, files in os.walk(os.path.join(ROOT, top)):
            dirs.sort()
            for n in sorted(files):
                p = os.path.join(base, n)
                h.update(os.path.relpath(p, ROOT).encode() + b'\0')
                with open(p, 'rb') as f:
                    h.update(f.read())
    return h.hexdigest()[:16]


def run_report(jusou, out, *extra, stderr=None, log=None):
    """runs jusou report into `out`; raises SystemExit with its stderr when it
    fails; what it printed on stderr goes to the list `stderr` if given; with
    `log`, the test switch JU_TEST_TEXTLOG writes there every text drawn"""
    e = env()
    if log:
        e['JU_TEST_TEXTLOG'] = log
        extra = ('-j', '1') + tuple(extra)  # one process writes the log (workers would interleave it)
    r = subprocess.run([jusou, 'report', '--out', out, *extra], cwd=ROOT, env=e, capture_output=True, text=True,
                       timeout=600)
    if r.returncode != 0:
        raise SystemExit('jusou report %s failed (%d):\n%s' % (' '.join(extra), r.returncode, r.stderr))
    if stderr is not None:
        stderr.append(r.stderr)
    return out


def stderr(out):
    """what jusou printed on stderr while making the shared output `out`"""
    return open(os.path.join(os.path.dirname(out), 'stderr.txt'), encoding='utf-8').read()


def textlog(jusou, args=()):
    """the log of every text the charts and the report's pages drew while
    making the shared output of `jusou report ARGS` (JU_TEST_TEXTLOG)"""
    return os.path.join(os.path.dirname(output(jusou, args)), 'texts.tsv')


def output(jusou, args=()):
    """the shared output folder of `jusou report ARGS` (made with the test
    switch JU_TEST_TEXTLOG on: the switch only adds a log beside it)"""
    jusou = os.path.abspath(jusou)
    cache = os.path.join(os.path.dirname(jusou), 'tests', 'baseline')
    os.makedirs(cache, exist_ok=True)
    key = _key(jusou, args)
    here = os.path.join(cache, key)
    done = os.path.join(here, 'complete')
    if os.path.exists(done):
        return os.path.join(here, 'out')
    with open(os.path.join(cache, '.lock'), 'w') as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not os.path.exists(done):
            shutil.rmtree(here, ignore_errors=True)
            os.makedirs(here)
            err = []
            run_report(jusou, os.path.join(here, 'out'), *args, stderr=err, log=os.path.join(here, 'texts.tsv'))
            with open(os.path.join(here, 'stderr.txt'), 'w', encoding='utf-8') as f:
                f.write(err[0])
            open(done, 'w').close()
            # earlier builds' outputs are of no use any more
            keep = {_key(jusou, a) for a in ((), ('--data', 'data/2024'))} | {key}
            for n in os.listdir(cache):
                if n not in keep and not n.startswith('.'):
                    shutil.rmtree(os.path.join(cache, n), ignore_errors=True)
    return os.path.join(here, 'out')
