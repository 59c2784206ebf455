#!/usr/bin/python3
"""Where lines break, read back from what jusou made, by the rules an editor
keeps (issue "A summary an editor signs off", point 1), with MeCab and the IPA
dictionary (Debian's mecab and mecab-ipadic-utf8: the analyser jusou uses,
its parts of speech read here independently of jusou's own rules):

  short texts (titles, labels, legends, table cells, diagram boxes, headings,
  様式4 cells, the workbooks' head cells): a line breaks before an independent
  word only — never inside a word, before a particle, an auxiliary, a suffix or
  a counter, after a prefix, between a サ変 noun and する, or between a number
  and its unit or the range it ends;
  running text (the report's paragraphs: blocks whose lines hold 20 characters
  or more): kinsoku — no line starts with 、。）」』ー～ …, none ends with （「『;
  every text of more than eight characters: its last line has three or more.

    breaks.py --jusou PATH --what summary|sheets|workbook     exit 0 pass, 1 fail

The texts are pdftotext -bbox-layout's blocks of the summary PDF and of the
様式4 PDF (a block of lines is one text), and the head cells with line breaks
of the summary workbook. Standard library, poppler-utils, mecab and openpyxl.
"""
import argparse
import html
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, 'tests'))
import baseline  # noqa: E402

DICDIR = '/var/lib/mecab/dic/ipadic-utf8'
NO_START = set('、。，．・：；？！）」』】〕〉》ゝゞー～〜ぁぃぅぇぉっゃゅょァィゥェォッャュョ%％)]}')
NO_END = set('（「『【〔〈《([{')
RANGE = set('～〜~-－‐')
# a line starting with one of these begins a paragraph of its own (a list's item, a result ⇒), not a wrapped line
LEADS = set('・○◎●■□◆◇▶▷⇒※•-–【')
# a line of a figure that is not text (a value beside a label, n=6): a text of its own
VALUE = re.compile(r'^[0-9０-９.,，%％n=＝()（）/～〜\- ]+$')


def tokens(texts):
    """MeCab's tokens of each text: (surface, part of speech, its first subdivision, base form)"""
    inp = ''.join(t.replace('\n', ' ') + '\n' for t in texts)
    out = subprocess.run(['mecab', '-d', DICDIR], input=inp, capture_output=True, text=True, check=True).stdout
    result, cur = [], []
    for line in out.split('\n'):
        if line == 'EOS':
            result.append(cur)
            cur = []
        elif '\t' in line:
            surface, feature = line.split('\t', 1)
            f = feature.split(',')
            cur.append((surface, f[0], f[1] if len(f) > 1 else '', f[6] if len(f) > 6 else ''))
    return result


def bad_break(prev, nxt):
    """why a line may not break between token `prev` and token `nxt` of a short text, or None"""
    s, pos, sub, base = nxt
    ps, ppos, psub, pbase = prev
    if s[0] in NO_START:
        return 'a line starts with %r' % s[0]
    if ps[-1] in NO_END:
        return 'a line ends with %r' % ps[-1]
    if pos in ('助詞', '助動詞'):
        return 'before the %s %r' % ('particle' if pos == '助詞' else 'auxiliary', s)
    if sub == '接尾':
        return 'before the suffix or counter %r' % s
    if ppos == '接頭詞':
        return 'after the prefix %r' % ps
    if ppos == '名詞' and psub == 'サ変接続' and pos == '動詞' and base == 'する':
        return 'between %r and する' % ps
    if (psub == '数' and pos == '名詞' and not s[0].isascii()) or (ps[-1] in RANGE and sub == '数'):
        return 'between a number and its unit or range'
    return None


def split_texts(lines):
    """a block's lines as texts: a new one at each line of its own (a list's item, a value)"""
    texts, cur = [], []
    for l in lines:
        if cur and (l[:1] in LEADS or VALUE.match(l) or VALUE.match(cur[-1])):
            texts.append(cur)
            cur = []
        cur.append(l)
    if cur:
        texts.append(cur)
    vertical = sum(1 for l in lines if len(l) == 1) * 5 >= len(lines) * 3 and len(lines) > 2
    return [] if vertical else texts  # a label set vertically, a character a line, is not broken


def check_text(lines, toks, running):
    """the problems of one text broken into `lines`"""
    text = ''.join(lines)
    problems = []
    if len(text) > 8 and len(lines) > 1 and len(lines[-1]) <= 2:
        problems.append('its last line is %r' % lines[-1])
    # token boundaries, as character offsets of the joined text
    starts, at = {}, 0
    for i, t in enumerate(toks):
        k = text.find(t[0], at)
        if k < 0:
            return problems  # MeCab read the text otherwise (spaces): nothing to say
        starts[k] = i
        at = k + len(t[0])
    cut = 0
    for line in lines[:-1]:
        cut += len(line)
        a, b = text[:cut], text[cut:]
        if not a.strip() or not b.strip():
            continue
        if running:
            if b.lstrip()[0] in NO_START:
                problems.append('a line starts with %r (%s|%s)' % (b.lstrip()[0], a[-6:], b[:6]))
            elif a.rstrip()[-1] in NO_END:
                problems.append('a line ends with %r (%s|%s)' % (a.rstrip()[-1], a[-6:], b[:6]))
            continue
        k = cut
        while k < len(text) and text[k] == ' ':
            k += 1
        if k not in starts:
            problems.append('inside a word (%s|%s)' % (a[-6:], b[:6]))
            continue
        i = starts[k]
        why = bad_break(toks[i - 1], toks[i]) if i > 0 else None
        if why:
            problems.append('%s (%s|%s)' % (why, a[-6:], b[:6]))
    return problems


def pdf_texts(pdf):
    """each block of pdftotext -bbox-layout: its lines' texts, and its page"""
    out = subprocess.run(['pdftotext', '-bbox-layout', pdf, '-'], capture_output=True, text=True, check=True).stdout
    texts = []
    for page, body in enumerate(re.split(r'<page ', out)[1:], 1):
        for block in re.findall(r'<block[^>]*>(.*?)</block>', body, re.S):
            lines = []
            for line in re.findall(r'<line[^>]*>(.*?)</line>', block, re.S):
                words = [html.unescape(w) for w in re.findall(r'<word[^>]*>(.*?)</word>', line, re.S)]
                lines.append(' '.join(words))
            for t in split_texts(lines):
                texts.append((page, t))
    return texts


def workbook_texts(book):
    code = ('import openpyxl,sys\nwb=openpyxl.load_workbook(sys.argv[1])\n'
            'for ws in wb:\n'
            '  for row in ws.iter_rows():\n'
            '    for c in row:\n'
            '      v=c.value\n'
            '      if isinstance(v,str) and "\\n" in v and len(v)<120: print(ws.title+"!"+c.coordinate+"\\t"+v.replace("\\n","\\\\n"))\n')
    out = subprocess.run(['/usr/bin/python3', '-c', code, book], capture_output=True, text=True, check=True).stdout
    texts = []
    for line in out.splitlines():
        where, v = line.split('\t', 1)
        parts = v.split('\\n')
        # a cell's own paragraphs (a list written a line each) are not breaks: only cells that read as one text
        if all(p and p[0] not in '・○◎●※（(' for p in parts[1:]):
            texts.append((where, parts))
    return texts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--jusou', required=True)
    ap.add_argument('--what', choices=['summary', 'sheets', 'workbook'], required=True)
    a = ap.parse_args()
    if a.what == 'summary':
        out = baseline.output(a.jusou)
        pdf = [os.path.join(out, n) for n in os.listdir(out) if n.endswith('.pdf')][0]
        texts = [('page %d' % p, ls) for p, ls in pdf_texts(pdf)]
    elif a.what == 'workbook':
        out = baseline.output(a.jusou)
        book = [os.path.join(out, n) for n in os.listdir(out) if n.endswith('.xlsx')][0]
        texts = workbook_texts(book)
    else:
        tmp = tempfile.mkdtemp(prefix='jusou-breaks-')
        r = subprocess.run([a.jusou, 'sheets', '--out', os.path.join(tmp, 'out')], cwd=ROOT, env=baseline.env(),
                           capture_output=True, text=True)
        if r.returncode != 0:
            print('FAIL: jusou sheets: %s' % r.stderr[-1500:])
            return 1
        pdf = [os.path.join(tmp, 'out', n) for n in os.listdir(os.path.join(tmp, 'out')) if n.endswith('.pdf')][0]
        texts = [('page %d' % p, ls) for p, ls in pdf_texts(pdf)]
    joined = [''.join(ls) for _, ls in texts]
    toks = tokens(joined)
    problems = []
    for (where, lines), tk in zip(texts, toks):
        # paragraphs (lines of 20 characters or more) are running text; the workbooks' heads are short texts
        running = a.what != 'workbook' and len(lines) > 1 and all(len(l) >= 20 for l in lines[:-1])
        for p in check_text(lines, tk, running):
            problems.append('%s: %r: %s' % (where, '|'.join(lines)[:60], p))
    for p in problems:
        print('FAIL: ' + p)
    print('%d texts checked (%d of several lines), %d bad breaks' %
          (len(texts), sum(1 for _, ls in texts if len(ls) > 1), len(problems)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
