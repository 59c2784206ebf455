#!/usr/bin/python3
"""Any prefecture: a data folder that carries its own master list.

    prefecture.py --jusou PATH [--tmp DIR]

bench/gen_data.py makes a prefecture of 100 municipalities (codes of all 47
prefectures, the bundled answers under new codes and names) with years 2025
and 2024 and no tile map. Then:
  - `report --data P/2025` reads P/municipalities.csv (the folder above the
    year's) and the previous year beside it (P/2024), writes 100 municipality
    workbooks and tables.csv with n = 100 for the questions asked of all, and
    warns once that the map chart is left out (no charts/map.*); the report
    and the summary workbook are written;
  - with a tilemap.csv beside the master list the map chart is drawn with one
    tile per municipality;
  - the outputs are the same files at -j 1, -j 3 and the default;
  - `check --master FILE` takes the list from anywhere; the bundled Tokyo
    list instead (--master data/municipalities.csv) rejects every code, each
    at its line; a --master that does not exist is a usage error (exit 2).
"""
import argparse
import csv
import glob
import io
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, '..', '..'))
N = 100


def run(jusou, *args):
    return subprocess.run([jusou] + list(args), cwd=TOP, capture_output=True, text=True, timeout=600)


def rows(path):
    return list(csv.DictReader(io.StringIO(open(path, encoding='utf-8-sig').read(), newline='')))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--jusou', required=True)
    ap.add_argument('--tmp')
    a = ap.parse_args()
    jusou = os.path.abspath(a.jusou)
    if a.tmp:
        os.makedirs(a.tmp, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix='jusou-pref-', dir=a.tmp)
    problems = []
    try:
        pref = os.path.join(tmp, 'pref')
        subprocess.run([sys.executable, os.path.join(TOP, 'bench', 'gen_data.py'), '--out', pref,
                        '--municipalities', str(N)], check=True, capture_output=True)
        out = os.path.join(tmp, 'out')
        r = run(jusou, 'report', '--data', os.path.join(pref, '2025'), '--out', out)
        if r.returncode != 0:
            print(r.stderr[-3000:])
            return 1
        maps = [l for l in r.stderr.splitlines() if '[map]' in l]
        if len(maps) != 1 or 'warning' not in maps[0] or 'municipalities.csv' not in maps[0]:
            problems.append('expected one warning that the map is left out, got %r' % maps)
        if glob.glob(os.path.join(out, 'charts', 'map.*')):
            problems.append('charts/map.* written without a tile map')
        t = rows(os.path.join(out, 'tables.csv'))
        for year in (2025, 2024):
            n = {int(x['base_n']) for x in t if int(x['year']) == year and x['form'] == 'municipality'
                 and x['question'] == 'Q1' and x['segment'] == 'all'}
            if n != {N}:
                problems.append('%d Q1: n = %s, expected %d' % (year, sorted(n), N))
        books = glob.glob(os.path.join(out, 'municipalities', '*.xlsx'))
        if len(books) != N:
            problems.append('%d municipality workbooks, expected %d' % (len(books), N))
        for must in ('*_集計表.xlsx', '*_結果の概要.pdf'):
            if not glob.glob(os.path.join(out, must)):
                problems.append('no %s' % must)
        if '/pref/2024' not in r.stdout + r.stderr:
            problems.append('the previous year was not read from beside the survey year: %s' % r.stdout[-500:])
        # the same files whatever the number of worker processes
        for j in ('1', '3'):
            outj = os.path.join(tmp, 'out-j' + j)
            r = run(jusou, 'report', '--data', os.path.join(pref, '2025'), '--out', outj, '-j', j)
            d = subprocess.run(['diff', '-r', '-q', out, outj], capture_output=True, text=True)
            if r.returncode != 0 or d.returncode != 0:
                problems.append('-j %s: exit %d, differs from the default run: %s' % (j, r.returncode,
                                                                                  (d.stdout + r.stderr)[-800:]))

        # a tile map beside the master list: the map is drawn, a tile a municipality
        codes = [m['code'] for m in rows(os.path.join(pref, 'municipalities.csv'))]
        with open(os.path.join(pref, 'tilemap.csv'), 'w', encoding='utf-8', newline='') as f:
            f.write('code,col,row\r\n')
            for i, c in enumerate(codes):
                f.write('%s,%d,%d\r\n' % (c, i % 10, i // 10))
        out2 = os.path.join(tmp, 'out2')
        r = run(jusou, 'report', '--data', os.path.join(pref, '2025'), '--out', out2)
        if r.returncode != 0 or '[map]' in r.stderr:
            problems.append('with a tile map: exit %d, %s' % (r.returncode, r.stderr[-800:]))
        else:
            # a tile's row is '<code> <name>'; the legend's rows are not
            tiles = [x for x in rows(os.path.join(out2, 'charts', 'map.csv')) if x['row'].split(' ')[0] in codes]
            if not os.path.exists(os.path.join(out2, 'charts', 'map.png')) or len(tiles) != N:
                problems.append('with a tile map: map.png %s, %d tile rows in map.csv'
                                % (os.path.exists(os.path.join(out2, 'charts', 'map.png')), len(tiles)))

        # --master from anywhere; the wrong one; a missing one
        elsewhere = os.path.join(tmp, 'list.csv')
        shutil.copy(os.path.join(pref, 'municipalities.csv'), elsewhere)
        os.remove(os.path.join(pref, 'municipalities.csv'))
        r = run(jusou, 'check', '--data', os.path.join(pref, '2025'), '--master', elsewhere)
        if r.returncode != 0:
            problems.append('check --master %s: exit %d: %s' % (elsewhere, r.returncode, r.stderr[-800:]))
        r = run(jusou, 'check', '--data', os.path.join(pref, '2025'), '--master', 'data/municipalities.csv')
        wrong = [l for l in r.stderr.splitlines() if 'is not one of the municipalities of data/municipalities.csv' in l]
        if r.returncode != 1 or not wrong or ':2:1: error' not in wrong[0]:
            problems.append('the Tokyo list for another prefecture: exit %d, %r' % (r.returncode, wrong[:2]))
        r = run(jusou, 'check', '--master', os.path.join(tmp, 'none.csv'))
        if r.returncode != 2 or 'no such master list' not in r.stderr:
            problems.append('a missing --master: exit %d, %s' % (r.returncode, r.stderr[-300:]))
        print('prefecture of %d: report, tile map, --master checked' % N)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for p in problems:
        print('FAIL:', p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
