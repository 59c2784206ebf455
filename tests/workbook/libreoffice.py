#!/usr/bin/python3
"""Workbook test: the summary workbook and one municipality workbook open in
LibreOffice headless. Converted to PDF, their text is Japanese, intact
(sheet titles, labels, figures), in the embedded BIZ UDPGothic; converted to
UTF-8 CSV (one file per sheet), a table's figures read back as written.

    libreoffice.py --jusou PATH [--tmp DIR] [--keep DIR]

Skipped (exit 77) when soffice is not installed: LibreOffice is not part of
the set-up (`apt-get install libreoffice-calc-nogui` to run it). --keep DIR
leaves the PDFs there to look at (pdftoppm -png -r 60 …).
"""
import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, '..', '..'))
CSV_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1041,false,true,true,false,false,-1'


def soffice(args, cwd, profile):
    cmd = ['soffice', '--headless', '-env:UserInstallation=file://' + profile] + args
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=240)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--jusou', required=True)
    ap.add_argument('--tmp')
    ap.add_argument('--keep')
    a = ap.parse_args()
    if not shutil.which('soffice') or not shutil.which('pdftotext'):
        print('soffice or pdftotext not installed: skipped')
        return 77
    if a.tmp:
        os.makedirs(a.tmp, exist_ok=True)
    tmp = os.path.abspath(tempfile.mkdtemp(prefix='jusou-lo-', dir=a.tmp))
    problems = []
    try:
        out = os.path.join(tmp, 'out')
        r = subprocess.run([os.path.abspath(a.jusou), 'report', '--out', out], cwd=TOP, capture_output=True,
                           text=True, timeout=300)
        if r.returncode != 0:
            print(r.stderr)
            return 1
        work = os.path.join(tmp, 'lo')
        os.makedirs(work)
        summary = glob.glob(os.path.join(out, '*.xlsx'))[0]
        muni = sorted(glob.glob(os.path.join(out, 'municipalities', '*.xlsx')))[1]
        shutil.copy(summary, os.path.join(work, 'summary.xlsx'))
        shutil.copy(muni, os.path.join(work, 'municipality.xlsx'))
        profile = os.path.join(tmp, 'profile')
        r = soffice(['--convert-to', 'pdf', 'summary.xlsx', 'municipality.xlsx'], work, profile)
        for name, musts in (('summary', ['目次', '実施体制', '重層的支援体制整備事業実施計画の策定状況', '策定済み',
                                         '76.7%', '母数（n）', '集計条件', '自由記述']),
                            ('municipality', ['概要', '自治体票', '社協票', '都内全体', '○'])):
            pdf = os.path.join(work, name + '.pdf')
            if not os.path.exists(pdf):
                problems.append('%s.xlsx was not converted to PDF: %s' % (name, r.stderr[-500:]))
                continue
            text = subprocess.run(['pdftotext', '-layout', pdf, '-'], capture_output=True, text=True).stdout
            for m in musts:
                if m not in text:
                    problems.append('%s.pdf does not show %r' % (name, m))
            if '\ufffd' in text:
                problems.append('%s.pdf has replacement characters' % name)
            fonts = subprocess.run(['pdffonts', pdf], capture_output=True, text=True).stdout
            if 'BIZUDPGothic' not in fonts:
                problems.append('%s.pdf does not embed BIZ UDPGothic:\n%s' % (name, fonts))
            print('%s.pdf: %d characters of text' % (name, len(text)))
        r = soffice(['--convert-to', CSV_FILTER, 'summary.xlsx'], work, profile)
        sheets = glob.glob(os.path.join(work, 'summary-*.csv'))
        body = ''
        for s in sheets:
            if s.endswith('-実施体制.csv'):
                body = open(s, encoding='utf-8').read()
        if len(sheets) < 10:
            problems.append('the CSV export wrote %d sheets: %s' % (len(sheets), r.stderr[-500:]))
        for m in ('策定済み,23,17,76.7%,73.9%', '母数（n）,30,23'):
            if m not in body:
                problems.append('the 実施体制 sheet as CSV does not read %r' % m)
        if a.keep:
            os.makedirs(a.keep, exist_ok=True)
            for f in glob.glob(os.path.join(work, '*.pdf')):
                shutil.copy(f, a.keep)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for p in problems:
        print('FAIL:', p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
