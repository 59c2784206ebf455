#!/usr/bin/python3
"""Generate a survey data folder of any size from the bundled one: another
prefecture's (or a national) data, laid out as data/ is.

    gen_data.py --out DIR --municipalities N [--years 2025,2024] [--seed S] [--from DATA] [--tilemap]

writes
    DIR/municipalities.csv        N municipalities with valid 全国地方公共団体コード
                                  (prefecture 01–47, three digits, check digit),
                                  unique names, kind and area
    DIR/<year>/municipality.csv   one row per municipality: the answers of a bundled
    DIR/<year>/council.csv        municipality (and its council) picked at random,
    DIR/<year>/survey.ini         under the new code and name (UTF-8)
    DIR/<year>/codebook/          the bundled codebook of that year

No tile map unless --tilemap (a grid, 30 tiles a row): without one the map chart
is left out (with one warning), as for any prefecture without one. --from takes
the answers, survey.ini and codebooks from another data folder (bench/run.py
gives each tree its own). The answers are the bundled ones, so every template statement and
every base has respondents; the counts scale with N. Python standard library only.
"""
import argparse
import csv
import io
import os
import random
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, '..'))


def read_csv(path):
    raw = open(path, 'rb').read()
    try:
        text = raw.decode('utf-8-sig')
    except UnicodeDecodeError:
        text = raw.decode('cp932')
    rows = list(csv.reader(io.StringIO(text, newline='')))
    return rows[0], rows[1:]


def write_csv(path, header, rows):
    with open(path, 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\r\n')
        w.writerow(header)
        w.writerows(rows)


def check_digit(five):
    s = sum(int(c) * w for c, w in zip(five, (6, 5, 4, 3, 2)))
    return str((11 - s % 11) % 10)


def master(n):
    """n municipalities spread over the 47 prefectures"""
    out = []
    for i in range(n):
        pref = i % 47 + 1
        city = 100 + i // 47
        five = '%02d%03d' % (pref, city)
        kind = ('市', '町', '村')[i % 3]
        out.append([five + check_digit(five), '第%d%s' % (i + 1, kind), 'だい%d' % (i + 1), kind,
                    '地域%d' % pref])
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--out', required=True)
    ap.add_argument('--municipalities', type=int, required=True)
    ap.add_argument('--years', default='2025,2024')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--from', dest='source', default=os.path.join(TOP, 'data'))
    ap.add_argument('--tilemap', action='store_true')
    a = ap.parse_args()
    if a.municipalities < 1 or a.municipalities > 47 * 900:
        sys.exit('--municipalities: 1 to %d' % (47 * 900))
    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    m = master(a.municipalities)
    write_csv(os.path.join(a.out, 'municipalities.csv'), ['code', 'name', 'kana', 'kind', 'area'], m)
    if a.tilemap:
        write_csv(os.path.join(a.out, 'tilemap.csv'), ['code', 'col', 'row'],
                  [[x[0], str(i % 30), str(i // 30)] for i, x in enumerate(m)])
    for year in a.years.split(','):
        src = os.path.join(a.source, year)
        dst = os.path.join(a.out, year)
        os.makedirs(dst, exist_ok=True)
        shutil.copy(os.path.join(src, 'survey.ini'), dst)
        if os.path.isdir(os.path.join(dst, 'codebook')):
            shutil.rmtree(os.path.join(dst, 'codebook'))
        shutil.copytree(os.path.join(src, 'codebook'), os.path.join(dst, 'codebook'))
        mh, mrows = read_csv(os.path.join(src, 'municipality.csv'))
        ch, crows = read_csv(os.path.join(src, 'council.csv'))
        council_of = {r[ch.index('code')]: r for r in crows}
        out_m, out_c = [], []
        for code, name, *_ in m:
            r = list(rng.choice(mrows))
            c = list(council_of.get(r[mh.index('code')], crows[0]))
            r[mh.index('code')], r[mh.index('name')] = code, name
            c[ch.index('code')], c[ch.index('name')] = code, name + '社会福祉協議会'
            out_m.append(r)
            out_c.append(c)
        write_csv(os.path.join(dst, 'municipality.csv'), mh, out_m)
        write_csv(os.path.join(dst, 'council.csv'), ch, out_c)
    print('%s: %d municipalities, years %s' % (a.out, a.municipalities, a.years))


if __name__ == '__main__':
    main()
