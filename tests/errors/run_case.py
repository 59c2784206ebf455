#!/usr/bin/python3
"""One test per class of broken input: run jusou on a damaged copy of data/2025.

    run_case.py --list                          the case names, one per line
    run_case.py --jusou PATH --case NAME        run one case (exit 0 = pass)

A case copies data/2025 (with codebook/ and survey.ini) to a temporary folder
T/2025, puts an earlier output in T/out (a small stamped jusou output folder:
tests/earlier.py), snapshots T, damages the files, runs
`jusou report --data T/2025 --no-previous --out T/out` and checks:

  * the exit code (1 = data/codebook/metadata break a rule, 2 = usage,
    3 = a file cannot be read);
  * the stderr lines that are errors (': error: ') equal the case's list
    exactly, in order ({dir} stands for T/2025, {tmp} for T);
  * for warning cases, the ': warning: ' lines equal the case's list exactly;
  * the last stderr line starts with 'jusou: ', counts the errors and, for
    report, says nothing was written;
  * T/out is byte-for-byte unchanged (relative paths and sha256 of every
    file) and no temporary folder (a name starting with '.') is left in T.

Expected line:col are worked out by hand from the damaged file: line = the
physical line (a quoted cell with line breaks spans lines), col = the 1-based
character (not byte) column where the cell starts.

Damage respects each file's encoding: municipality.csv is UTF-8 with BOM,
council.csv is CP932; both keep their CRLF line ends.

Standard library only. jusou runs with cwd = the top of the jusou folder
(two levels above this file), since it reads data/municipalities.csv there.
Exit codes: 0 pass, 1 fail, 99 the harness itself could not run the case.
"""

import argparse
import difflib
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from earlier import write_stamped  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
YEAR = '2025'
BOM = b'\xef\xbb\xbf'

MUNI = 'municipality.csv'
COUNCIL = 'council.csv'

# The labels that messages quote (questions.csv of 2025).
L = {
    'code': '全国地方公共団体コード',
    'name': '区市町村名',
    'Q1': '令和7年度の重層的支援体制整備事業の実施状況',
    'Q1_1': '重層的支援体制整備事業の実施開始年度',
    'Q2_1': '現行の実施計画の計画期間',
    'Q4_1': '評価指標の具体例',
    'Q6': '既存の相談支援機能の強化に向けた取組',
    'Q6_6_text': 'その他の取組内容',
    'Q14': '令和6年度の支援会議開催回数',
    'Q15': '令和6年度の支援会議検討ケース数',
    'Q17': '令和6年度の重層的支援会議開催回数',
    'Q21': '一世帯に対する月あたりの最多アプローチ回数',
    'Q23': '令和6年度 参加支援：支援プランに基づく支援数',
    'Q24': '令和6年度 参加支援：本人同意に基づく支援プラン開始前の支援数',
    'Q27': '令和7年度から新たに取り組んでいること',
    'S2': '地域福祉コーディネーター（CSW）の配置人数',
    'S3': '社協が運営する拠点・居場所の開設状況',
}


def q(qid):
    """'Q14 (令和6年度の支援会議開催回数)' as messages name a question"""
    return '%s (%s)' % (qid.split('.')[-1], L[qid])


class HarnessError(Exception):
    pass


TEMPLATES = os.path.join(ROOT, 'templates', '2025')  # the set 2025 uses


def tpl(needle, at=None, file='report.ini'):
    """'{tmp}/templates/FILE:LINE:COL' of `at` (default: needle's start)
    inside the line of the template FILE holding `needle`, so that cases
    follow the templates as analysts edit them"""
    for n, line in enumerate(open(os.path.join(TEMPLATES, file), encoding='utf-8').read().split('\n'), 1):
        k = line.find(needle)
        if k >= 0:
            if at is not None:
                k += needle.index(at)
            return '{tmp}/templates/%s:%d:%d' % (file, n, k + 1)
    raise HarnessError('templates/%s has no line with %r' % (file, needle))


def survey_line(needle):
    """the line of data/<YEAR>/survey.ini holding `needle`"""
    for n, line in enumerate(open(os.path.join(ROOT, 'data', YEAR, 'survey.ini'), encoding='utf-8'), 1):
        if needle in line:
            return n
    raise HarnessError('survey.ini has no line with %r' % needle)


def codebook_pos(line_start, before, cell):
    """(line, column) of `cell` after `before` in the line of data/<YEAR>/codebook/questions.csv
    that starts with `line_start` (columns count characters)"""
    path = os.path.join(ROOT, 'data', YEAR, 'codebook', 'questions.csv')
    for n, line in enumerate(open(path, encoding='utf-8-sig'), 1):
        if line.startswith(line_start):
            k = line.index(before + cell)
            return n, k + len(before) + 1
    raise HarnessError('questions.csv has no line starting %r' % line_start)


def line_after(position, column):
    """the position `column` on the line after the one `position` (from tpl) names"""
    path, line, _ = position.rsplit(':', 2)
    return '%s:%d:%d' % (path, int(line) + 1, column)


# --- CSV editing that keeps every byte it does not touch -------------------

def tokenize(text):
    """RFC 4180 cells with their spans: a list of rows, each a list of
    (start, end, value), offsets into text (end excludes the comma/line end)."""
    rows, row, i, n = [], [], 0, len(text)
    while i < n:
        start = i
        if text[i] == '"':
            i += 1
            parts = []
            while True:
                j = text.find('"', i)
                if j < 0:
                    raise HarnessError('tokenize: unclosed quote at offset %d' % start)
                parts.append(text[i:j])
                if j + 1 < n and text[j + 1] == '"':
                    parts.append('"')
                    i = j + 2
                    continue
                i = j + 1
                break
            value = ''.join(parts)
        else:
            while i < n and text[i] not in ',\r\n':
                i += 1
            value = text[start:i]
        row.append((start, i, value))
        if i < n and text[i] == ',':
            i += 1
            if i == n or text[i] in '\r\n':
                row.append((i, i, ''))
            else:
                continue
        if i < n and text[i] == '\r':
            i += 1
        if i < n and text[i] == '\n':
            i += 1
        rows.append(row)
        row = []
    if row:
        rows.append(row)
    return rows


def line_col(text, offset):
    """1-based physical line and character column of offset"""
    line = text.count('\n', 0, offset) + 1
    return line, offset - (text.rfind('\n', 0, offset) + 1) + 1


class CsvFile:
    """A response or codebook file, decoded; edits go through the text and
    save() writes it back in the file's own encoding (and BOM)."""

    def __init__(self, path):
        self.path = path
        raw = open(path, 'rb').read()
        self.bom = raw.startswith(BOM)
        body = raw[3:] if self.bom else raw
        try:
            self.text = body.decode('utf-8')
            self.encoding = 'utf-8'
        except UnicodeDecodeError:
            self.text = body.decode('cp932')
            self.encoding = 'cp932'
        if self.encode() != raw:
            raise HarnessError('%s does not survive decoding/encoding as %s' % (path, self.encoding))

    def encode(self):
        return (BOM if self.bom else b'') + self.text.encode(self.encoding)

    def save(self):
        with open(self.path, 'wb') as f:
            f.write(self.encode())

    def rows(self):
        return tokenize(self.text)

    def header(self):
        return [v.strip() for _, _, v in self.rows()[0]]

    def find_row(self, code):
        for r in self.rows()[1:]:
            if r and r[0][2] == code:
                return r
        raise HarnessError('%s: no row with code %s' % (self.path, code))

    def span(self, code, col):
        h = self.header()
        if col not in h:
            raise HarnessError('%s: no column %s' % (self.path, col))
        return self.find_row(code)[h.index(col)][:2]

    def splice(self, start, end, new):
        self.text = self.text[:start] + new + self.text[end:]

    def set(self, code, col, raw):
        """replace the cell (code's row, column col) by raw CSV text"""
        s, e = self.span(code, col)
        self.splice(s, e, raw)

    def row_span(self, code):
        """the row's span including its line end"""
        r = self.find_row(code)
        s, e = r[0][0], r[-1][1]
        if self.text.startswith('\r\n', e):
            e += 2
        elif self.text.startswith('\n', e):
            e += 1
        return s, e

    def drop_column(self, col):
        k = self.header().index(col)
        for r in reversed(self.rows()):
            if k >= len(r):
                continue
            s, e = r[k][:2]
            if k > 0:
                s = r[k - 1][1]          # the comma before the cell
            else:
                e = r[k + 1][0]          # the cell and its comma
            self.splice(s, e, '')

    def copy_column_to_end(self, col):
        """append a copy of column col (header included) to every row"""
        k = self.header().index(col)
        for r in reversed(self.rows()):
            self.splice(r[-1][1], r[-1][1], ',' + self.text[r[k][0]:r[k][1]])

    def replace(self, old, new):
        if self.text.count(old) != 1:
            raise HarnessError('%s: %r occurs %d times, expected once' % (self.path, old, self.text.count(old)))
        self.text = self.text.replace(old, new)


def edit(name, fn):
    """a mutation: apply fn(CsvFile) to data/<year>/<name> and save"""
    def mutate(d):
        f = CsvFile(os.path.join(d, name))
        fn(f)
        f.save()
    return mutate


def cells(name, *changes):
    """a mutation setting cells: changes are (code, column, raw CSV text)"""
    def fn(f):
        for code, col, raw in changes:
            f.set(code, col, raw)
    return edit(name, fn)


def write_bytes(name, data):
    def mutate(d):
        with open(os.path.join(d, name), 'wb') as f:
            f.write(data)
    return mutate


def transform_bytes(name, fn):
    def mutate(d):
        p = os.path.join(d, name)
        data = fn(open(p, 'rb').read())
        with open(p, 'wb') as f:
            f.write(data)
    return mutate


def remove_file(name):
    return lambda d: os.remove(os.path.join(d, name))


def replace_text(name, old, new):
    return edit(name, lambda f: f.replace(old, new))


def insert_before(data, marker, extra):
    if data.count(marker) != 1:
        raise HarnessError('marker %r occurs %d times' % (marker, data.count(marker)))
    k = data.index(marker)
    return data[:k] + extra + data[k:]


def cut_mid_character(data):
    """the file up to the first byte of its last multi-byte character"""
    k = len(data) - 1
    while k >= 0 and data[k] < 0xC0:
        k -= 1
    if k < 0:
        raise HarnessError('no multi-byte character to cut')
    return data[:k + 1]


def to_utf16(data):
    text = data[3:].decode('utf-8') if data.startswith(BOM) else data.decode('utf-8')
    return text.encode('utf-16')   # with its BOM, like Excel's "Unicode text"


def append_duplicate_row(code):
    def fn(f):
        s, e = f.row_span(code)
        row = f.text[s:e]
        if not f.text.endswith('\r\n'):
            raise HarnessError('file does not end with CRLF')
        f.text += row
    return edit(MUNI, fn)


def drop_row(code):
    def fn(f):
        s, e = f.row_span(code)
        f.splice(s, e, '')
    return edit(MUNI, fn)


def all_codes_set(col, raw):
    """set column col of every data row to raw"""
    def fn(f):
        h = f.header()
        k = h.index(col)
        for r in reversed(f.rows()[1:]):
            f.splice(r[k][0], r[k][1], raw)
    return edit(MUNI, fn)


def each(*mutations):
    def mutate(d):
        for m in mutations:
            m(d)
    return mutate


# --- the cases -------------------------------------------------------------
#
# Physical lines of municipality.csv (2025): 1 header; rows of 131016 千代田区
# … 131113 大田区 on lines 2–12; 131121 世田谷区 spans 13–14 (a quoted Q4_1
# with a line break); 131130 渋谷区 15; 131148 中野区 16; 131172 北区 19;
# 132021 立川市 spans 27–28; 132080 調布市 34–35; 134210 小笠原村 66.
# The header has 117 columns (the last, 備考, is not in the codebook).
#
# Every report run warns about the memo column of both files:
MEMO_WARNINGS = [
    "{dir}/municipality.csv:1:712: warning: column '備考' is not in the codebook; it is ignored",
    "{dir}/council.csv:1:91: warning: column '備考' is not in the codebook; it is ignored",
]

FLAG_HELP = '(1 or ○ = chosen, 0 or blank = not chosen)'
M = '{dir}/municipality.csv'
C = '{dir}/council.csv'

CASES = [
    # -- the key column --------------------------------------------------
    dict(name='code_unknown',
         doc='a valid-looking code (check digit right) that is not a Tokyo municipality',
         mutate=cells(MUNI, ('131130', 'code', '011002')),
         errors=[M + ':15:1: error: %s: 011002 is not one of the municipalities of '
                 'data/municipalities.csv' % q('code')]),
    dict(name='code_duplicate',
         doc='the row of 131130 渋谷区 (line 15, after a two-line row) pasted again at the end (line 67); '
             'the message names the first line',
         mutate=append_duplicate_row('131130'),
         errors=[M + ':67:1: error: %s: 131130 渋谷区 appears twice (first on line 15)' % q('code')]),
    dict(name='code_check_digit',
         doc='調布市 132080 typed as 132081',
         mutate=cells(MUNI, ('132080', 'code', '132081')),
         errors=[M + ':34:1: error: %s: 132081 fails its check digit (the last digit should be 0)' % q('code')]),
    dict(name='code_not_6_digits',
         doc='千代田区 written with its 5-digit code (no check digit)',
         mutate=cells(MUNI, ('131016', 'code', '13101')),
         errors=[M + ':2:1: error: %s: "13101" is not a 6-digit local government code' % q('code')]),
    dict(name='code_blank',
         doc='中野区 lost its code',
         mutate=cells(MUNI, ('131148', 'code', '')),
         errors=[M + ':16:1: error: %s: the code is blank' % q('code')]),
    dict(name='name_mismatch',
         doc='渋谷区 written as 渋谷',
         mutate=cells(MUNI, ('131130', 'name', '渋谷')),
         errors=[M + ':15:8: error: %s: "渋谷" does not match 131130 渋谷区 in the master list' % q('name')]),
    dict(name='name_blank',
         doc='渋谷区 lost its name: the message points at the (blank) name cell',
         mutate=cells(MUNI, ('131130', 'name', '')),
         errors=[M + ':15:8: error: %s: the name of 131130 渋谷区 is blank' % q('name')]),

    # -- values ----------------------------------------------------------
    dict(name='single_out_of_range',
         doc='Q1 = 4 (choices 1–3) for 世田谷区',
         mutate=cells(MUNI, ('131121', 'Q1', '4')),
         errors=[M + ':13:13: error: %s: "4" is not one of its codes (1–3)' % q('Q1')]),
    dict(name='count_word',
         doc='Q14 = "abc" for 世田谷区, on the second physical line of its row after Japanese text',
         mutate=cells(MUNI, ('131121', 'Q14', 'abc')),
         errors=[M + ':14:159: error: %s: "abc" is not a count (a non-negative whole number)' % q('Q14')]),
    dict(name='count_negative',
         doc='Q15 = -3 for 立川市 (second line of its row)',
         mutate=cells(MUNI, ('132021', 'Q15', '-3')),
         errors=[M + ':28:95: error: %s: "-3" is negative (a count is a non-negative whole number)' % q('Q15')]),
    dict(name='count_fraction',
         doc='Q17 = 2.5 for 調布市',
         mutate=cells(MUNI, ('132080', 'Q17', '2.5')),
         errors=[M + ':34:145: error: %s: "2.5" is not a whole number (a count has no fraction)' % q('Q17')]),
    dict(name='count_grouping',
         doc='Q15 = "15,27" (quoted) for 中央区: misplaced thousands separators',
         mutate=cells(MUNI, ('131024', 'Q15', '"15,27"')),
         errors=[M + ':3:143: error: %s: "15,27" has misplaced thousands separators (write 1,527 or 1527)' % q('Q15')]),
    dict(name='count_with_nc',
         doc='世田谷区 Q21 = 12 and Q21_nc = 1',
         mutate=cells(MUNI, ('131121', 'Q21', '12'), ('131121', 'Q21_nc', '1')),
         errors=[M + ':14:199: error: %s: a count (12) together with its not-counted flag Q21_nc; '
                 'give one or the other' % q('Q21')]),
    dict(name='multi_flag_invalid',
         doc='渋谷区 Q6_1 = 2 (a choice number typed into an option column)',
         mutate=cells(MUNI, ('131130', 'Q6_1', '2')),
         errors=[M + ':15:38: error: %s: Q6_1 (研修の実施): "2" is not a flag %s' % (q('Q6'), FLAG_HELP)]),
    dict(name='nc_flag_invalid',
         doc='立川市 Q23_nc = x',
         mutate=cells(MUNI, ('132021', 'Q23', ''), ('132021', 'Q23_nc', 'x')),
         errors=[M + ':28:141: error: %s: Q23_nc: "x" is not a flag (1 or ○ = カウントしていない, '
                 '0 or blank = counted)' % q('Q23')]),
    dict(name='year_too_early',
         doc='品川区 Q1_1 = 2019 (the programme starts in 2021)',
         mutate=cells(MUNI, ('131091', 'Q1_1', '2019')),
         errors=[M + ':10:14: error: %s: 2019 is outside 2021–2025' % q('Q1_1')]),
    dict(name='year_after_survey',
         doc='中野区 Q1_1 = 2026 (after the survey year)',
         mutate=cells(MUNI, ('131148', 'Q1_1', '2026')),
         errors=[M + ':16:14: error: %s: 2026 is outside 2021–2025' % q('Q1_1')]),

    # -- CSV structure ---------------------------------------------------
    dict(name='torn_quote',
         doc='the last row (小笠原村) gets a memo that opens a quote and never closes it',
         mutate=cells(MUNI, ('134210', '備考', '"電話で確認')),
         errors=[M + ':66:141: error: column \'備考\': torn quote: this quoted cell is never closed (a \'"\' is missing)']),
    dict(name='torn_quote_mid_file',
         doc='渋谷区 Q6_6_text loses its closing quote; the next quote in the file is on 中野区\'s line. '
             'The message must point at the cell whose quote is never closed',
         mutate=replace_text(MUNI, '政策検討を実施",', '政策検討を実施,'),
         errors=[M + ':15:46: error: %s: torn quote: this quoted cell is never closed (a \'"\' is missing)'
                 % q('Q6_6_text')]),
    dict(name='stray_quote',
         doc='立川市 Q4_1 = 地域福祉"プラットフォーム"設置件数 (quotes inside an unquoted cell)',
         mutate=cells(MUNI, ('132021', 'Q4_1', '地域福祉"プラットフォーム"設置件数')),
         errors=[M + ':27:30: error: %s: misplaced quote: a cell that is not quoted contains \'"\', '
                 'or text follows a closing quote' % q('Q4_1')]),
    dict(name='short_row',
         doc='北区 (line 19) lost its last comma: 116 cells',
         mutate=edit(MUNI, lambda f: f.splice(f.find_row('131172')[-2][1], f.find_row('131172')[-1][0], '')),
         errors=[M + ':19: error: short row: 116 cells where the header has 117 (a cell or a comma is missing)']),
    dict(name='long_row',
         doc='北区 (line 19) has an extra non-empty cell after 備考',
         mutate=edit(MUNI, lambda f: f.splice(f.span('131172', '備考')[1], f.span('131172', '備考')[1], ',メモ')),
         errors=[M + ':19:137: error: long row: 118 cells where the header has 117 (an unquoted comma in a cell?)']),
    dict(name='unquoted_comma',
         doc='渋谷区 Q6_6_text lost its quotes, so its comma splits it: the row has 118 cells, the 118th '
             'blank. The row is shifted from Q7_1 on; jusou must say so, not blame the shifted cells',
         mutate=replace_text(MUNI, '"部課長級を対象とした連絡部会を設置し, 庁内全体の課題共有や政策検討を実施"',
                             '部課長級を対象とした連絡部会を設置し, 庁内全体の課題共有や政策検討を実施'),
         errors=[M + ':15:227: error: long row: 118 cells where the header has 117 (an unquoted comma in a cell?)']),
    dict(name='missing_column',
         doc="Q14's column dropped from every row",
         mutate=edit(MUNI, lambda f: f.drop_column('Q14')),
         errors=[M + ":1: error: %s: column 'Q14' is missing" % q('Q14')]),
    dict(name='missing_option_column',
         doc='the option column Q6_3 dropped',
         mutate=edit(MUNI, lambda f: f.drop_column('Q6_3')),
         errors=[M + ":1: error: %s: column 'Q6_3' is missing" % q('Q6')]),
    dict(name='missing_nc_column',
         doc='the not-counted flag column Q21_nc dropped',
         mutate=edit(MUNI, lambda f: f.drop_column('Q21_nc')),
         errors=[M + ":1: error: %s: column 'Q21_nc' (カウントしていない) is missing" % q('Q21')]),
    dict(name='duplicate_column',
         doc="Q14's column (header and cells) copied to the end of every row",
         mutate=edit(MUNI, lambda f: f.copy_column_to_end('Q14')),
         errors=[M + ":1:715: error: %s: column 'Q14' appears twice (also column 73)" % q('Q14')]),

    # -- the file as a whole ---------------------------------------------
    dict(name='header_only',
         doc='municipality.csv keeps its header row and no response at all: an error, not 62 warnings '
             'and a report of 0/62',
         mutate=edit(MUNI, lambda f: f.splice(f.rows()[1][0][0], len(f.text), '')),
         errors=[M + ': error: the file has a header row but no responses']),
    dict(name='lf_line_ends',
         doc='municipality.csv saved with LF line ends (valid) and Q14 = abc for 世田谷区: same position',
         mutate=each(transform_bytes(MUNI, lambda b: b.replace(b'\r\n', b'\n')),
                     cells(MUNI, ('131121', 'Q14', 'abc'))),
         errors=[M + ':14:159: error: %s: "abc" is not a count (a non-negative whole number)' % q('Q14')]),
    dict(name='empty_file',
         doc='municipality.csv is 0 bytes',
         mutate=write_bytes(MUNI, b''),
         errors=[M + ': error: the file is empty (no header row)']),
    dict(name='bom_only',
         doc='municipality.csv holds only a UTF-8 BOM',
         mutate=write_bytes(MUNI, BOM),
         errors=[M + ': error: the file is empty (no header row)']),
    dict(name='whitespace_only',
         doc='council.csv holds only blank lines and spaces',
         mutate=write_bytes(COUNCIL, b'\r\n  \r\n\r\n'),
         errors=[C + ': error: the file is empty (no header row)']),
    dict(name='undecodable_cp932',
         doc='bytes 0x80 0xFF after 世田谷区 in a name of council.csv (CP932): neither UTF-8 nor CP932',
         mutate=transform_bytes(COUNCIL, lambda b: insert_before(
             b, '社会福祉協議会,1,1,1,1,1,,9,'.encode('cp932'), b'\x80\xff')),
         errors=[C + ':13:12: error: byte 0x80 cannot be decoded as UTF-8 or CP932; save the file as CSV (UTF-8)']),
    dict(name='undecodable_utf8',
         doc='bytes 0x80 0xFF inside 世田谷区\'s name (after 世田谷) in municipality.csv (UTF-8 with BOM)',
         mutate=transform_bytes(MUNI, lambda b: insert_before(
             b, '区,1,2021,,1,6,1,1,1,"支援会議'.encode('utf-8'), b'\x80\xff')),
         errors=[M + ':13:11: error: invalid UTF-8 (byte 0x80); the file is damaged or mixes encodings']),
    dict(name='utf8_cut_mid_character',
         doc='municipality.csv ends after the first byte of its last character (村 of 小笠原村, line 66 col 11)',
         mutate=transform_bytes(MUNI, cut_mid_character),
         errors=[M + ':66:11: error: the file ends in the middle of a UTF-8 character (was it cut off?)']),
    dict(name='utf16',
         doc='municipality.csv saved as UTF-16 (Excel "Unicode text")',
         mutate=transform_bytes(MUNI, to_utf16),
         errors=[M + ':1:1: error: the file is UTF-16 (Excel "Unicode text"); save it as CSV (UTF-8) or CSV (CP932)']),
    dict(name='missing_file',
         doc='council.csv deleted: exit 3',
         mutate=remove_file(COUNCIL), exit=3,
         errors=[C + ': error: cannot open: No such file or directory']),

    # -- several errors --------------------------------------------------
    dict(name='several_errors',
         doc='six errors on four lines, two lines with two each, found in another order than they sit '
             '(names are checked after the row, nc flags after the counts): all reported, sorted by line and column',
         mutate=cells(MUNI,
                      ('132021', 'Q24', 'abc'),                    # 28:144 (after Q21_nc gets its x)
                      ('132021', 'Q21_nc', 'x'),                   # 28:133 (read after the counts)
                      ('131130', 'Q6_1', 'x'),                     # 15:37 (渋谷区 -> 渋谷 moves it left)
                      ('131130', 'name', '渋谷'),                  # 15:8 (checked after the row)
                      ('131121', 'Q14', 'abc'),                    # 14:159
                      ('131016', 'Q1', '4')),                      # 2:13
         errors=[M + ':2:13: error: %s: "4" is not one of its codes (1–3)' % q('Q1'),
                 M + ':14:159: error: %s: "abc" is not a count (a non-negative whole number)' % q('Q14'),
                 M + ':15:8: error: %s: "渋谷" does not match 131130 渋谷区 in the master list' % q('name'),
                 M + ':15:37: error: %s: Q6_1 (研修の実施): "x" is not a flag %s' % (q('Q6'), FLAG_HELP),
                 M + ':28:133: error: %s: Q21_nc: "x" is not a flag (1 or ○ = カウントしていない, '
                     '0 or blank = counted)' % q('Q21'),
                 M + ':28:144: error: %s: "abc" is not a count (a non-negative whole number)' % q('Q24')]),
    dict(name='too_many_errors',
         doc='Q1 = 9 in all 62 rows: the first 50 are reported, then a note that the rest was not checked',
         mutate=all_codes_set('Q1', '9'),
         errors=None,   # computed: see too_many_expected()
         total_errors=None),

    # -- the council file (CP932) ----------------------------------------
    dict(name='council_count_word',
         doc='council.csv (CP932) 世田谷区社会福祉協議会 S2 = 9人: column counted in characters',
         mutate=cells(COUNCIL, ('131121', 'S2', '9人')),
         errors=[C + ':13:31: error: %s: "9人" is not a count (a non-negative whole number)' % q('S2')]),
    dict(name='council_single_after_cp932_ext',
         doc='council.csv 八王子市: its name gets CP932 extension characters (髙, ①: 2 bytes in CP932, '
             '3 in UTF-8), S2 is a full-width ５, and S3 = 5 (choices 1–3): the column counts characters',
         mutate=cells(COUNCIL, ('132012', 'name', '八王子市社会福祉協議会（髙尾①）'), ('132012', 'S3', '5')),
         errors=[C + ':25:34: error: %s: "5" is not one of its codes (1–3)' % q('S3')]),

    # -- codebook and metadata -------------------------------------------
    dict(name='codebook_unknown_question',
         doc='bases.csv: r6impl defined on Q1_9, which does not exist',
         mutate=replace_text('codebook/bases.csv', 'Q1=1 & Q1_1<=Y-1', 'Q1=1 & Q1_9<=Y-1'),
         errors=["{dir}/codebook/bases.csv:6:21: error: base r6impl: 'Q1_9' is not a question or option "
                 "of form municipality"]),
    dict(name='codebook_bad_year',
         doc="questions.csv: Q14 counts 'last year' instead of Y-1 (the year a question counts)",
         mutate=replace_text('codebook/questions.csv', '回,r6impl,meetings,,,,Y-1\nmunicipality,Q15,',
                             '回,r6impl,meetings,,,,last year\nmunicipality,Q15,'),
         errors=["{dir}/codebook/questions.csv:%d:%d: error: Q14: 'year' is the year the question counts: Y (the "
                 "survey's), or Y-1 to Y-9" % codebook_pos('municipality,Q14,', 'r6impl,meetings,,,,', 'Y-1')]),
    dict(name='survey_ini_bad_line',
         doc="survey.ini: the fielding_start line lost its '='",
         mutate=replace_text('survey.ini', 'fielding_start = 2025-06-16', 'fielding_start 2025-06-16'),
         errors=["{dir}/survey.ini:%d: error: this line is not 'key = value', [section] or a comment"
                 % survey_line('fielding_start = ')]),
    dict(name='survey_ini_bad_year',
         doc='survey.ini line 2: year = 2025x: the message must name the line',
         mutate=replace_text('survey.ini', 'year = 2025', 'year = 2025x'),
         errors=['{dir}/survey.ini:2:8: error: year = 2025x: a western fiscal year is expected (e.g. 2025)']),

    # -- the report template ----------------------------------------------
    dict(name='template_unknown_placeholder',
         doc='report.ini: a headline asks for {ratio:…}, a kind of placeholder jusou does not know',
         mutate=replace_text('../templates/report.ini', 'headline = 実施地区の{wari:Q2=1}で', 'headline = 実施地区の{ratio:Q2=1}で'),
         errors=[tpl('headline = 実施地区の{wari:Q2=1}で', '{') + ": error: [plan] headline: {ratio:Q2=1}: 'ratio' is "
                 "not a kind of placeholder (n, base, pct, wari, frac, approx, half, some, sum, top, nc, names, kinds, chosen, "
                 "responses, expected, rate, change)"]),
    dict(name='template_unknown_question',
         doc='report.ini: a continuation line names option Q20_1_9, which the codebook lacks',
         mutate=replace_text('../templates/report.ini', '{n:Q20_1_1=1}は社協に委託', '{n:Q20_1_9=1}は社協に委託'),
         errors=[tpl('{n:Q20_1_1=1}は社協に委託') + ": error: [outreach] bullet: {n:Q20_1_9=1}: 'Q20_1_9' is not a "
                 "question or option of form municipality"]),
    dict(name='template_unknown_chart',
         doc='report.ini: a page places chart [plann], which charts.ini does not have',
         mutate=replace_text('../templates/report.ini', 'chart = plan_years', 'chart = plann'),
         errors=[tpl('chart = plan_years', 'plan_years') + ': error: [plan] chart: there is no chart [plann] in '
                 '{tmp}/templates/charts.ini']),
    dict(name='template_error_far_along_a_long_line',
         doc='report.ini: a bullet of 300 characters on one line (no limit) with an unknown placeholder at '
             'character 251: the error is at its column',
         mutate=replace_text('../templates/report.ini', '[plan]\n',
                             '[plan]\nbullet = ' + 'あ' * 242 + '{bogus:Q1=1}' + 'い' * 50 + '\n'),
         errors=[line_after(tpl('[plan]'), 10 + 242) + ": error: [plan] bullet: {bogus:Q1=1}: "
                 "'bogus' is not a kind of placeholder (n, base, pct, wari, frac, approx, half, some, sum, top, nc, "
                 "names, kinds, chosen, responses, expected, rate, change)"]),

    dict(name='template_table_row_short',
         doc='report.ini: a row of the CSW table has 4 cells where its first row has 5',
         mutate=replace_text('../templates/report.ini', '困り感がない人、拒否する人 | < |', '困り感がない人、拒否する人 |'),
         errors=[tpl('row = 対象 |', '対象') + ": error: [participation] row: 4 cells, where the table's first "
                 "row has 5"]),
    dict(name='template_table_merge_not_rectangle',
         doc="report.ini: a '<' merges a cell into 個別支援, which already spans two rows: not a rectangle",
         mutate=replace_text('../templates/report.ini', 'row = ^ | ^ | 支援方針', 'row = ^ | < | 支援方針'),
         errors=[tpl('table = 地域福祉', '地域福祉') + ": error: [participation] table: the cells merged into "
                 "'個別支援' (row 3, column 1) do not make a rectangle"]),
    dict(name='template_table_merge_left_of_first',
         doc="report.ini: a row starts with '<', which has no cell to its left",
         mutate=replace_text('../templates/report.ini', 'row = ^ | ^ | 支援方針', 'row = < | ^ | 支援方針'),
         errors=[tpl('row = ^ | ^ | 支援方針', '^') + ": error: [participation] row: '<' in the first column: "
                 "there is no cell to its left to merge with"]),
    dict(name='template_diagram_unknown_box',
         doc='report.ini: an arrow of the 庁内/庁外 diagram points to a box the diagram does not have',
         mutate=replace_text('../templates/report.ini', 'arrow = 庁内 -> 会議', 'arrow = 庁内 -> 協議会'),
         errors=[tpl('arrow = 庁内 -> 会議', '庁内') + ": error: [meeting_members] arrow: there is no box '協議会' in "
                 "this diagram (boxes come before their arrows)"]),
    dict(name='template_diagram_box_position',
         doc='report.ini: a box written 1;2 instead of 1,2 (its arrows are not reported again)',
         mutate=replace_text('../templates/report.ini', 'box = 庁内 @ 1,2 |', 'box = 庁内 @ 1;2 |'),
         errors=[tpl('box = 庁内 @ 1,2 |', '庁内') + ": error: [meeting_members] box: write the box as 'ID @ "
                 "column,row | title', optionally 'column-column,row', 'strong' and '| text'"]),
    dict(name='template_diagram_boxes_overlap',
         doc='report.ini: two boxes of a diagram in the same place',
         mutate=replace_text('../templates/report.ini', 'box = 庁外 @ 2,2 |', 'box = 庁外 @ 1,2 |'),
         errors=[tpl('box = 庁外 @ 2,2 |', '庁外') + ": error: [meeting_members] box: box '庁外' takes the place "
                 "of box '庁内'"]),

    dict(name='template_band_columns',
         doc="report.ini: a band's columns add up to 110%",
         mutate=replace_text('../templates/report.ini', '[meeting]\ntag', '[meeting]\nband = 40:30:40\ntag'),
         errors=[line_after(tpl('[meeting]'), 8) + ": error: [meeting] band: '40:30:40': write 1, 2, 3 or the "
                 "columns' percents like 60:40 or 40:30:30"]),

    # -- the other templates: the same kind of error at its line and column --
    dict(name='template_chart_title_placeholder',
         doc='charts.ini: a chart title asks for {R+1}, which is not a year placeholder; it used to be printed '
             'into the published chart',
         mutate=replace_text('../templates/charts.ini', 'title = {R-1}年度の支援会議開催回数',
                             'title = {R+1}年度の支援会議開催回数'),
         errors=[tpl('title = {R-1}年度の支援会議開催回数', '{', file='charts.ini') +
                 ": error: [meeting_count] title: {R+1}: 'R+1' is not a survey field or year (title, publisher, "
                 "fielding, wareki, R, R-1, year, …)"]),
    dict(name='template_chart_condition',
         doc='charts.ini: a row condition names Q1=9, a code Q1 does not have',
         mutate=replace_text('../templates/charts.ini', 'rows = Q1=1; Q1=2,3', 'rows = Q1=1; Q1=9'),
         errors=[tpl('rows = Q1=1; Q1=2,3', 'Q1=2,3', file='charts.ini') +
                 ': error: [collab_system] rows: Q1=9: 9 is not a code of Q1']),
    dict(name='template_workbook_unknown_question',
         doc='workbook.ini: a sheet lists Q5_9, which the codebook lacks',
         mutate=replace_text('../templates/workbook.ini', 'questions = Q5; Q5_1;', 'questions = Q5; Q5_9;'),
         errors=[tpl('questions = Q5; Q5_1;', 'Q5_1', file='workbook.ini') +
                 ': error: [包括的相談支援事業] questions: Q5_9 is not a question of the 2025 codebook ({dir}/codebook)']),
    dict(name='template_workbook_title_placeholder',
         doc='workbook.ini: a sheet title asks for {wareki+1}, not a placeholder (titles take the same ones as '
             'the report)',
         mutate=replace_text('../templates/workbook.ini', 'title = 包括的相談支援事業\n',
                             'title = {wareki+1}の包括的相談支援事業\n'),
         errors=[tpl('title = 包括的相談支援事業', '包', file='workbook.ini') +
                 ": error: [包括的相談支援事業] title: {wareki+1}: 'wareki+1' is not a survey field or year (title, "
                 "publisher, fielding, wareki, R, R-1, year, …)"]),
    dict(name='template_set_without_words',
         doc='a template set without words.ini (copied in part): the set is named, with what a set holds',
         mutate=lambda d: os.remove(os.path.join(d, '..', 'templates', 'words.ini')),
         errors=['{tmp}/templates: error: this template set has no words.ini: a set is charts.ini, report.ini, '
                 'workbook.ini and words.ini; copy the missing ones from the set it was made from']),
    dict(name='template_words_placeholder',
         doc='words.ini: a word uses {count} where its key takes {n}',
         mutate=replace_text('../templates/words.ini', 'more = ほか{n}件', 'more = ほか{count}件'),
         errors=[tpl('more = ほか{n}件', '{', file='words.ini') +
                 ': error: [labels] more: {count} is not a placeholder of this word (it may use {n})']),

    # -- jusou check: same messages, exit 1, nothing written ---------------
    dict(name='check_count_word', command='check',
         doc='as count_word, with jusou check',
         mutate=cells(MUNI, ('131121', 'Q14', 'abc')),
         errors=[M + ':14:159: error: %s: "abc" is not a count (a non-negative whole number)' % q('Q14')]),
    dict(name='check_missing_column', command='check',
         doc='as missing_column, with jusou check',
         mutate=edit(MUNI, lambda f: f.drop_column('Q14')),
         errors=[M + ":1: error: %s: column 'Q14' is missing" % q('Q14')]),
    dict(name='check_council_count_word', command='check',
         doc='as council_count_word, with jusou check',
         mutate=cells(COUNCIL, ('131121', 'S2', '9人')),
         errors=[C + ':13:31: error: %s: "9人" is not a count (a non-negative whole number)' % q('S2')]),

    # -- usage (exit 2) --------------------------------------------------
    dict(name='usage_no_such_data_folder',
         doc='--data names a folder that does not exist',
         mutate=None, data='{tmp}/2024', exit=2,
         errors=['{tmp}/2024: error: no such data folder']),
    dict(name='usage_unknown_option',
         doc='an option jusou does not know',
         mutate=None, extra_args=['--bogus'], exit=2,
         errors=['jusou: error: unknown option: --bogus'], final='usage'),

    # -- warnings: the run succeeds --------------------------------------
    dict(name='warn_outside_base',
         doc='千代田区 (Q1 = 3, no plan) answers Q2_1 = 5: a skip-pattern violation is a warning',
         mutate=cells(MUNI, ('131016', 'Q2_1', '5')), exit=0,
         errors=[],
         warnings=[MEMO_WARNINGS[0],
                   M + ':2:19: warning: %s: answered by 131016 千代田区, which is outside the question\'s base '
                       '(計画策定済み地区: Q2=1); the answer is ignored' % q('Q2_1'),
                   MEMO_WARNINGS[1]]),
    dict(name='warn_missing_respondent',
         doc='the row of 千代田区 removed: a warning, and the response rate says 61/62',
         mutate=drop_row('131016'), exit=0,
         errors=[],
         warnings=[M + ': warning: no row for 131016 千代田区: this 自治体 did not respond',   # whole-file first
                   MEMO_WARNINGS[0],
                   MEMO_WARNINGS[1]],
         check_txt=['自治体票 61/62（回収率98.4%）', '社協票 62/62（回収率100%）']),
    dict(name='warn_pick_no_longer_answered',
         doc='report.ini picks an example of Q4_1 that no answer says any more: a warning at its line, and the '
             'report shows it as written',
         mutate=replace_text('../templates/report.ini', 'pick = 地域福祉プラットフォーム設置件数 @ Q4_1',
                             'pick = 地域福祉プラットフォーム設置数 @ Q4_1'), exit=0,
         errors=[],
         warnings=[MEMO_WARNINGS[0], MEMO_WARNINGS[1],
                   tpl('pick = 地域福祉プラットフォーム設置件数 @ Q4_1', '地域') + ": warning: [promotion] pick: no "
                   "answer to Q4_1 says '地域福祉プラットフォーム設置数' any more; the report shows it as written"]),
]

# every template error report rejects, check rejects the same way
CASES += [dict(c, name='check_' + c['name'], command='check', doc='as %s, with jusou check' % c['name'])
          for c in CASES if c['name'].startswith('template_')]

CASE_BY_NAME = {c['name']: c for c in CASES}
assert len(CASE_BY_NAME) == len(CASES), 'duplicate case names'


def too_many_expected(data_dir):
    """Q1 = 9 everywhere: errors for the rows on the first 50 lines' rows,
    in file order, then the limit note (a note, not an error)."""
    f = CsvFile(os.path.join(data_dir, MUNI))
    h = f.header()
    k = h.index('Q1')
    errs = []
    for r in f.rows()[1:51]:
        line, col = line_col(f.text, r[k][0])
        errs.append(M + ':%d:%d: error: %s: "9" is not one of its codes (1–3)' % (line, col, q('Q1')))
    return errs


TOO_MANY_NOTE = M + ': note: too many errors (more than 50); the rest of this file was not checked'


# --- running ---------------------------------------------------------------

def snapshot(tmp):
    """the listing of T and every file of T/out with its sha256"""
    out = os.path.join(tmp, 'out')
    files = {}
    for base, dirs, names in os.walk(out):
        dirs.sort()
        for n in sorted(names + [d for d in dirs if os.path.islink(os.path.join(base, d))]):
            p = os.path.join(base, n)
            rel = os.path.relpath(p, out)
            with open(p, 'rb') as fh:
                files[rel] = hashlib.sha256(fh.read()).hexdigest()
        for d in dirs:
            files[os.path.relpath(os.path.join(base, d), out) + '/'] = 'dir'
    return {'T': sorted(os.listdir(tmp)), 'out': files}


def run_jusou(jusou, args):
    env = dict(os.environ, LC_ALL='C', LANG='C', LANGUAGE='')
    env.pop('SOURCE_DATE_EPOCH', None)
    p = subprocess.run([jusou] + args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=120)
    return p.returncode, p.stdout.decode('utf-8', 'replace'), p.stderr.decode('utf-8', 'replace')


def show_diff(what, want, got):
    lines = ['--- %s: expected' % what, '+++ %s: got' % what]
    lines += [l.rstrip('\n') for l in difflib.unified_diff(want, got, 'expected', 'got', lineterm='', n=2)][2:]
    return '\n'.join(lines)


def run_case(jusou, case, keep=False):
    tmp = tempfile.mkdtemp(prefix='jusou-errors-')
    problems = []
    try:
        data = os.path.join(tmp, YEAR)
        shutil.copytree(os.path.join(ROOT, 'data', YEAR), data)
        templates = os.path.join(tmp, 'templates')
        shutil.copytree(TEMPLATES, templates)
        out = os.path.join(tmp, 'out')
        subst = lambda s: s.replace('{dir}', data).replace('{tmp}', tmp)

        # an earlier output, left as jusou leaves one
        write_stamped(out)
        before = snapshot(tmp)
        if case['name'] == 'too_many_errors':
            expected_errors = None   # after mutation
        else:
            expected_errors = [subst(e) for e in case['errors']]

        if case.get('mutate'):
            case['mutate'](data)
        if case['name'] == 'too_many_errors':
            expected_errors = [subst(e) for e in too_many_expected(data)]

        command = case.get('command', 'report')
        args = [command, '--data', subst(case.get('data', '{dir}')), '--no-previous', '--templates', templates]
        if command == 'report':
            args += ['--out', out]
        args += case.get('extra_args', [])
        rc, so, se = run_jusou(jusou, args)
        want_rc = case.get('exit', 1)
        err_lines = se.splitlines()

        if rc != want_rc:
            problems.append('exit code: expected %d, got %d' % (want_rc, rc))
        got_errors = [l for l in err_lines if ': error: ' in l]
        if got_errors != expected_errors:
            problems.append(show_diff('error lines', expected_errors, got_errors))
        if 'warnings' in case:
            want_w = [subst(w) for w in case['warnings']]
            got_w = [l for l in err_lines if ': warning: ' in l]
            if got_w != want_w:
                problems.append(show_diff('warning lines', want_w, got_w))
        if case['name'] == 'too_many_errors':
            note = subst(TOO_MANY_NOTE)
            if note not in err_lines:
                problems.append('the limit note is missing; expected the line:\n  ' + note)

        after = snapshot(tmp)
        dot = [n for n in after['T'] if n.startswith('.')]
        if dot:
            problems.append('temporary folders left in T: %s' % ', '.join(dot))

        if want_rc == 0:
            if not se.strip() == '' and not all(': warning: ' in l for l in err_lines):
                problems.append('stderr has lines other than warnings')
            for want in case.get('check_txt', []):
                txt = open(os.path.join(out, 'check.txt'), encoding='utf-8').read()
                if want not in txt:
                    problems.append('check.txt does not say %r' % want)
        else:
            if case.get('final') == 'usage':
                if not any(l.startswith('usage: jusou') for l in err_lines):
                    problems.append('the usage text is not printed on stderr')
            else:
                last = err_lines[-1] if err_lines else ''
                m = re.match(r'^jusou: (\d+) errors?: (.*)$', last)
                if not m:
                    problems.append("the last stderr line should be 'jusou: N error(s): …', got: %r" % last)
                else:
                    total = case.get('total_errors', len(expected_errors))
                    if total is not None and int(m.group(1)) != total:
                        problems.append('the last line counts %s errors, expected %d: %r' % (m.group(1), total, last))
                    if command == 'report' and not m.group(2).endswith('; nothing was written'):
                        problems.append("the last line does not say nothing was written: %r" % last)
            if after != before:
                b, a = before['out'], after['out']
                what = ['removed: ' + k for k in sorted(set(b) - set(a))]
                what += ['added: ' + k for k in sorted(set(a) - set(b))]
                what += ['changed: ' + k for k in sorted(set(a) & set(b)) if a[k] != b[k]]
                if before['T'] != after['T']:
                    what.append('listing of T: %s -> %s' % (before['T'], after['T']))
                problems.append('the earlier output was touched:\n  ' + '\n  '.join(what))
            if so.strip():
                problems.append('stdout should be empty on failure, got:\n' + so)

        if problems:
            print('FAIL %s: %s' % (case['name'], case.get('doc', '')))
            print('command: (cd %s && %s %s)' % (ROOT, jusou, ' '.join(args)))
            print('\n'.join(problems))
            print('--- full stderr (exit %d) ---' % rc)
            print(se, end='')
            if keep:
                print('kept: %s' % tmp)
            return 1
        print('PASS %s' % case['name'])
        return 0
    finally:
        if not keep or not problems:
            shutil.rmtree(tmp, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--list', action='store_true', help='print the case names')
    ap.add_argument('--jusou', help='the jusou binary')
    ap.add_argument('--case', help='the case to run ("all" runs every case)')
    ap.add_argument('--keep', action='store_true', help='keep the temporary folder of a failing case')
    a = ap.parse_args()
    if a.list:
        for c in CASES:
            print(c['name'])
        return 0
    if not a.jusou or not a.case:
        ap.error('--jusou and --case are required (or --list)')
    jusou = os.path.abspath(a.jusou)
    names = [c['name'] for c in CASES] if a.case == 'all' else [a.case]
    worst = 0
    for n in names:
        if n not in CASE_BY_NAME:
            print('unknown case %r (see --list)' % n, file=sys.stderr)
            return 99
        try:
            worst = max(worst, run_case(jusou, CASE_BY_NAME[n], a.keep))
        except HarnessError as e:
            print('ERROR %s: the harness could not run the case: %s' % (n, e))
            worst = 99
    return worst


if __name__ == '__main__':
    sys.exit(main())
