#!/usr/bin/python3
"""Messages in the user's language (src/base/i18n.h, src/po/ja.po).

    messages.py catalogue --jusou PATH   every message of the sources is in ja.po, translated, and
                                         POTFILES lists every C file
    messages.py japanese  --jusou PATH   under ja_JP.UTF-8, `jusou check` on a broken file, the closing
                                         line and --help speak Japanese
    messages.py english   --jusou PATH   under LANG=C, the same in English

Exit 0 pass, 1 fail, 77 skip (the Japanese locale is missing on a machine not
set up by .ci/setup; under CI=true that is a failure, since setup makes it)."""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, 'tests', 'errors'))
from run_case import CsvFile  # noqa: E402

PO = os.path.join(ROOT, 'src', 'po', 'ja.po')
POTFILES = os.path.join(ROOT, 'src', 'po', 'POTFILES')


def catalogue():
    problems = []
    listed = [l.strip() for l in open(POTFILES, encoding='utf-8') if l.strip() and not l.startswith('#')]
    sources = sorted(os.path.relpath(p, ROOT) for p in glob.glob(os.path.join(ROOT, 'src', '**', '*.c'),
                                                                   recursive=True))
    for s in sources:
        if s not in listed:
            problems.append('src/po/POTFILES does not list %s' % s)
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'jusou.pot')
        subprocess.run(['xgettext', '--keyword=_', '--keyword=N_', '--keyword=ngettext:1,2', '--from-code=UTF-8',
                        '-o', pot, '-f', POTFILES, '-D', ROOT], check=True)
        merged = os.path.join(tmp, 'ja.po')
        subprocess.run(['msgmerge', '-q', '--no-fuzzy-matching', '-o', merged, PO, pot], check=True)
        r = subprocess.run(['msgfmt', '--check', '--statistics', '-o', os.devnull, merged],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=dict(os.environ, LC_ALL='C'))
        stats = r.stdout.decode()
        if r.returncode != 0:
            problems.append('msgfmt --check fails:\n' + stats)
        m = re.search(r'(\d+) translated messages?', stats)
        if not m or 'untranslated' in stats or 'fuzzy' in stats:
            problems.append('ja.po does not translate every message of the sources: ' + stats.strip() +
                            ' (run ninja -C build jusou-update-po and translate the new ones)')
        else:
            print('%s messages, all translated' % m.group(1))
        obsolete = [l for l in open(merged, encoding='utf-8') if l.startswith('#~ msgid')]
        if obsolete:
            problems.append('ja.po has %d messages the sources no longer use (e.g. %s)' % (len(obsolete), obsolete[0]))
    return problems


def has_japanese_locale():
    out = subprocess.run(['locale', '-a'], stdout=subprocess.PIPE).stdout.decode().lower().split()
    return any(l in ('ja_jp.utf8', 'ja_jp.utf-8') for l in out)


def run(jusou, args, lang):
    env = {k: v for k, v in os.environ.items() if not k.startswith('LC_') and k not in ('LANG', 'LANGUAGE')}
    env.update(lang)
    p = subprocess.run([jusou] + args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=120)
    return p.returncode, p.stdout.decode('utf-8', 'replace'), p.stderr.decode('utf-8', 'replace')


def broken_check(jusou, lang, want_error, want_last, want_help):
    """`jusou check` on data/2025 with a count cell that says abc"""
    problems = []
    tmp = tempfile.mkdtemp(prefix='jusou-messages-')
    try:
        data = os.path.join(tmp, '2025')
        shutil.copytree(os.path.join(ROOT, 'data', '2025'), data)
        path = os.path.join(data, 'municipality.csv')
        f = CsvFile(path)
        f.set('131121', 'Q14', 'abc')
        f.save()
        rc, so, se = run(jusou, ['check', '--data', data, '--no-previous'], lang)
        lines = se.splitlines()
        if rc != 1:
            problems.append('exit %d, expected 1' % rc)
        want = want_error % path
        if want not in lines:
            problems.append('expected the line\n  %s\ngot\n  %s' % (want, '\n  '.join(lines[-5:])))
        if not lines or lines[-1] != want_last:
            problems.append('expected the closing line\n  %s\ngot\n  %s' % (want_last, lines[-1:] or ''))
        rc, so, se = run(jusou, ['--help'], lang)
        if rc != 0 or not so.startswith(want_help):
            problems.append('--help does not start with %r: %r' % (want_help, so[:80]))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('check', choices=['catalogue', 'japanese', 'english'])
    ap.add_argument('--jusou', required=True)
    a = ap.parse_args()
    jusou = os.path.abspath(a.jusou)
    if a.check == 'catalogue':
        problems = catalogue()
    elif a.check == 'japanese':
        if not has_japanese_locale():
            if os.environ.get('CI'):
                print('FAIL: the ja_JP.UTF-8 locale is missing; .ci/setup generates it')
                return 1
            print('SKIP: no ja_JP.UTF-8 locale on this machine (.ci/setup generates it)')
            return 77
        problems = broken_check(
            jusou, {'LANG': 'ja_JP.UTF-8'},
            '%s:14:159: エラー: Q14（令和6年度の支援会議開催回数）: "abc" は件数（0以上の整数）ではありません',
            'jusou: エラー 1 件: 入力データが調査票のきまりに合っていません', '使い方: jusou report')
    else:
        problems = broken_check(
            jusou, {'LANG': 'C'},
            '%s:14:159: error: Q14 (令和6年度の支援会議開催回数): "abc" is not a count (a non-negative whole number)',
            "jusou: 1 error: the input data break the questionnaire's rules", 'usage: jusou report')
    for p in problems:
        print('FAIL: ' + p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
