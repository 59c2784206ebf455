#!/usr/bin/python3
"""Report tests. Each check runs `jusou report` (private tests/fonts.conf) and
reads the summary report PDF with poppler's tools:

  text          pdftotext holds the summary's headline statements with the
                figures of PUBLISHED-2025 (7割以上, 6割（18自治体）, 9割が社協,
                70.0%, 最多で40回, 14 / 1,527, 3社協 / 18社協 …), the
                implementing municipalities per fiscal year and the 移行準備
                list as the data give them, and no unfilled placeholder
  fonts         every font is embedded as a subset, and it is BIZ UDPGothic
  info          title, author, subject and dates (pdfinfo) come from survey.ini;
                A4 landscape; one PNG per page at the style's scale
  outline       bookmarks: one per page, pages grouped under their section
                (tag); named destinations for every page; page labels; the
                contents page links to the page its number names
  deterministic two runs give byte-identical PDF and PNGs
  year2024      the same template on data/2024 gives a coherent 2024 report:
                R5 lists, its own figures, no sentence comparing with a
                previous year that it does not have, no placeholder left
  template      editing the template's text changes the report with no C change
  figures       the template's tables and diagrams: every cell, box and label in the
                text; the structure has a Table with a TR per row and a TH or TD per
                cell the template writes (merged cells once); a row added with a
                placeholder shows the count tables.csv gives; a table taller than a
                page and a diagram too crowded for its column are warnings naming
                their page, and no bundled page has one

Usage: report.py CHECK --jusou PATH
"""
import argparse
import collections
import csv
import filecmp
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


sys.path.insert(0, os.path.join(ROOT, "tests"))
import baseline  # noqa: E402
from baseline import run_report as report  # noqa: E402


def shared(a, *args):
    """the shared output of jusou report ARGS (only read here)"""
    return baseline.output(a.jusou, args)


def the_pdf(out):
    pdfs = [n for n in os.listdir(out) if n.endswith("_結果の概要.pdf")]
    if len(pdfs) != 1:
        raise SystemExit(f"expected one *_結果の概要.pdf in {out}, found {pdfs}")
    return os.path.join(out, pdfs[0])


def run(*cmd):
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def flat(text):
    """pdftotext output without line breaks and spaces (columns wrap lines)"""
    return re.sub(r"\s+", "", text)


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def survey_ini(year):
    vals = {}
    for line in open(os.path.join(ROOT, "data", year, "survey.ini"), encoding="utf-8"):
        if "=" in line and not line.lstrip().startswith((";", "#", "[")):
            k, v = line.split("=", 1)
            vals[k.strip()] = v.strip()
    return vals


def wareki(y):
    return "令和元年度" if y == 2019 else f"令和{y - 2018}年度"


def implementers(year):
    """{fiscal year: [names in master order]} and the 移行準備 names, from the CSVs"""
    master = [r["name"] for r in read_csv(os.path.join(ROOT, "data", "municipalities.csv"))]
    rows = read_csv(os.path.join(ROOT, "data", year, "municipality.csv"))
    start = {r["name"]: int(r["Q1_1"]) for r in rows if r["Q1"].strip() == "1" and r["Q1_1"].strip()}
    prep = [n for n in master if any(r["name"] == n and r["Q1"].strip() == "2" for r in rows)]
    by_year = {}
    for y in range(min(start.values()), int(year) + 1):
        by_year[y] = [n for n in master if n in start and start[n] <= y]
    return by_year, prep


class Checks:
    def __init__(self):
        self.failures = []

    def that(self, ok, what):
        if not ok:
            self.failures.append(what)

    def contains(self, text, phrase, where="the report"):
        self.that(flat(phrase) in text, f"{where} does not say: {phrase}")

    def done(self, name):
        if self.failures:
            print(f"FAIL report {name}:")
            for f in self.failures:
                print("  " + f)
            return 1
        print(f"PASS report {name}")
        return 0


# The summary's statements with the figures PUBLISHED-2025.md pins down.
STATEMENTS_2025 = [
    "自治体（62/62地区）、社協（62/62地区）",
    "回収率:100%",
    "令和7年度に重層事業を実施している区市《30地区》",
    "令和7年度に重層事業を実施している自治体の区市社協《30地区》",
    "重層事業を実施していない区市町村《32地区》",
    "実施地区の7割以上で実施計画を策定",
    "30地区のうち7割以上にあたる23地区で重層的支援体制整備事業実施計画を策定",
    "5年～6年という中長期での策定が半数以上を占めている",
    "8割以上が実施計画を現行の地域福祉計画に位置づけており",
    "9割の地区が地域福祉計画に基づいた体制整備を進めている",
    "令和6年度の実施地区のうち7割弱が推進評価のための体制を構築",
    "実施地区の約半数が、「数値目標」など何らかの評価指標を設けている",
    "総合相談窓口の設置が6割、その半数は生活困窮と一体的に実施",
    "割合は6割（18自治体）で、令和6年度と比べて割合に変化はなかった",
    "このうちの半数で生活困窮者自立支援事業と一体的に相談窓口を開設",
    "4割（12自治体）は、総合相談窓口を設置せず",
    "2/3の自治体が研修を実施、1/2の自治体が連絡会を実施",
    "実施自治体の約1/3で多機関協働事業の全てを直営で実施",
    "準備を行っていると回答した10地区では、直営が半数を占めている",
    "全ての自治体で社協が含まれている",
    "住居や就労に関する関係機関が増えている",
    "アウトリーチ等支援事業の委託先は9割が社協",
    "直営で実施する自治体は5つだが、その内3自治体は、一部を委託して実施",
    "委託している28自治体のうち、26は社協に委託",
    "最多で40回、続いて、14回、12回",
    "カウントしていない自治体が1/3あった",
    "70.0%",
    "14件",
    "1,527件",
    "拠点を毎日開設している=3社協",
    "定期的に開設している=18社協",
]


def check_text(a, c, tmp):
    out = shared(a)
    pdf = the_pdf(out)
    text = flat(run("pdftotext", "-enc", "UTF-8", pdf, "-"))
    for s in STATEMENTS_2025:
        c.contains(text, s)
    by_year, prep = implementers("2025")
    c.that(by_year[2021] == ["世田谷区", "八王子市"], f"the sample's R3 implementers are {by_year[2021]}")
    for y, names in by_year.items():
        c.contains(text, f"{wareki(y)}（{len(names)}自治体）" + "、".join(names), f"the list of {wareki(y)}")
    c.contains(text, "令和7年度移行準備事業実施地区" + "、".join(prep), "the 移行準備 list")
    c.that(prep == ["荒川区", "足立区", "武蔵野市", "府中市", "武蔵村山市", "羽村市"], f"移行準備 in the sample: {prep}")
    c.that(not re.search(r"[{}\[\]]", text), "a placeholder or an optional [group] was left in the text")
    # answers typed with ASCII punctuation read in Japanese (the sample has "…支援, 相談…" and "(CSW)による")
    raw = run("pdftotext", "-enc", "UTF-8", pdf, "-")
    bad = re.findall(r"[^\x00-\x7f],\s*[^\x00-\x7f]", raw)
    c.that(not bad, f"an ASCII comma between Japanese characters: {bad[:5]}")
    c.contains(text, "地域福祉コーディネーター（CSW）による相談受付", "an answer's (CSW) set full-width")
    # the 27 free-text answers of Q27, grouped by their category, each once
    rows = read_csv(os.path.join(ROOT, "data", "2025", "municipality.csv"))
    for r in rows:
        if r["Q27"].strip():
            c.contains(text, r["Q27"].strip(), "the new initiatives (Q27)")


def check_fonts(a, c, tmp):
    pdf = the_pdf(shared(a))
    lines = run("pdffonts", pdf).splitlines()[2:]
    c.that(len(lines) > 0, "pdffonts lists no fonts")
    for line in lines:
        f = line.split()
        # name type encoding emb sub uni object ID
        c.that("BIZUDPGothic" in f[0], f"a font other than BIZ UDPGothic: {f[0]}")
        c.that(f[-5] == "yes" and f[-4] == "yes", f"not embedded as a subset: {line}")
        c.that(f[-3] == "yes", f"no ToUnicode map (text not extractable): {line}")


def pdfinfo(pdf):
    info = {}
    for line in run("pdfinfo", "-isodates", pdf).splitlines():
        k, _, v = line.partition(":")
        info[k.strip()] = v.strip()
    return info


def check_info(a, c, tmp):
    out = shared(a)
    pdf = the_pdf(out)
    info = pdfinfo(pdf)
    s = survey_ini("2025")
    c.that(info.get("Title") == f"『{s['title']}』結果の概要（令和7年度）", f"Title: {info.get('Title')}")
    c.that(info.get("Author") == s["publisher"], f"Author: {info.get('Author')}")
    c.that(info.get("Subject") == s["program"], f"Subject: {info.get('Subject')}")
    c.that(info.get("CreationDate", "").startswith(s["issued"]), f"CreationDate: {info.get('CreationDate')}")
    c.that(info.get("Page size", "").startswith("841.89 x 595.28"), f"not A4 landscape: {info.get('Page size')}")
    c.that(os.path.basename(pdf) == "重層事業現況調査_令和7年度_結果の概要.pdf", f"file name {pdf}")
    pages = int(info["Pages"])
    c.that(pages >= 18, f"only {pages} pages")
    pngs = sorted(os.listdir(os.path.join(out, "pages")))
    c.that(pngs == [f"page-{i:02d}.png" for i in range(1, pages + 1)], f"page PNGs: {pngs}")
    for n in pngs:
        with open(os.path.join(out, "pages", n), "rb") as f:
            head = f.read(24)
        w, h = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
        c.that((w, h) == (1684, 1191), f"{n} is {w}x{h}, not 1684x1191 (2 px per point)")
    c.that(len({open(os.path.join(out, "pages", n), "rb").read() for n in pngs}) == len(pngs),
           "two page PNGs are identical")
    # a tagged PDF: its structure has a section per page, the headlines, lists, figures and the contents
    c.that(info.get("Tagged") == "yes", f"Tagged: {info.get('Tagged')}")
    data = open(pdf, "rb").read()
    kinds = collections.Counter(re.findall(rb"/S /(\w+)\s", data))
    # a Figure per chart and diagram the template places (charts.ini's own charts are not on pages)
    template = open(os.path.join(ROOT, "templates", "2025", "report.ini"), encoding="utf-8").read()
    figures = len(re.findall(r"^(?:chart|diagram) = ", template, re.M))
    for kind, least in ((b"Sect", pages - 1), (b"H1", pages - 1), (b"P", 20), (b"L", 10), (b"LI", 40),
                        (b"Figure", figures), (b"TOC", 1), (b"TOCI", 20)):
        c.that(kinds.get(kind, 0) >= least, f"structure: {kinds.get(kind, 0)} /{kind.decode()} elements, "
               f"expected at least {least}")


def utf16(hexstr):
    b = bytes.fromhex(hexstr)
    return b[2:].decode("utf-16-be") if b.startswith(b"\xfe\xff") else b.decode("latin-1")


def outline_entries(data):
    """(object number, title, dest name, parent object, count or None) of every outline item"""
    items = []
    for m in re.finditer(rb"(\d+) 0 obj\s*<<\s*/Title <([0-9A-Fa-f]+)>(.*?)>>\s*endobj", data, re.S):
        body = m.group(3)
        dest = re.search(rb"/Dest \(([^)]*)\)", body)
        parent = re.search(rb"/Parent (\d+) 0 R", body)
        count = re.search(rb"/Count (-?\d+)", body)
        items.append((int(m.group(1)), utf16(m.group(2).decode()), dest.group(1).decode() if dest else None,
                      int(parent.group(1)) if parent else None, int(count.group(1)) if count else None))
    return items


def check_outline(a, c, tmp):
    out = shared(a)
    pdf = the_pdf(out)
    data = open(pdf, "rb").read()
    pages = int(pdfinfo(pdf)["Pages"])
    dests = set(re.findall(r'"(page-\d+)"', run("pdfinfo", "-dests", pdf)))
    c.that(dests == {f"page-{i}" for i in range(1, pages + 1)}, f"named destinations: {sorted(dests)}")
    items = outline_entries(data)
    c.that(len(items) >= 20, f"only {len(items)} bookmarks")
    root = re.search(rb"/Type /Outlines", data)
    c.that(root is not None, "no /Outlines")
    by_obj = {i[0]: i for i in items}
    # the sections of the template, in order, are parents of their pages' bookmarks
    tags = []
    for line in open(os.path.join(ROOT, "templates", "2025", "report.ini"), encoding="utf-8"):
        m = re.match(r"tag = (.*)", line.strip())
        if m and m.group(1) not in tags:
            tags.append(m.group(1))
    parents = [i for i in items if i[1] in tags]
    c.that([p[1] for p in parents] == tags, f"section bookmarks {[p[1] for p in parents]} != tags {tags}")
    for p in parents:
        kids = [i for i in items if i[3] == p[0]]
        c.that(len(kids) >= 1, f"section {p[1]} has no page bookmarks")
        c.that(kids and kids[0][2] == p[2], f"section {p[1]} does not open at its first page")
    for i in items:
        c.that(i[2] in dests, f"bookmark {i[1]} points to {i[2]}, not a page")
    # page labels: 表紙, 目次, then the printed page numbers
    labels = re.search(rb"/PageLabels\s+(\d+) 0 R", data)
    c.that(labels is not None, "no /PageLabels")
    nums = re.search(rb"\n" + (labels.group(1) if labels else b"x") + rb" 0 obj\s*<<\s*/Nums \[(.*?)\]\s*>>", data, re.S)
    ranges = re.findall(rb"(\d+) << (.*?) >>", nums.group(1)) if nums else []

    def label(i):
        start, spec = max(((int(k), v) for k, v in ranges if int(k) <= i), default=(0, b""))
        prefix = re.search(rb"/P <([0-9A-Fa-f]+)>", spec)
        first = re.search(rb"/St (\d+)", spec)
        text = utf16(prefix.group(1).decode()) if prefix else ""
        if b"/S /D" in spec:
            text += str((int(first.group(1)) if first else 1) + i - start)
        return text

    got = [label(i) for i in range(pages)]
    want = ["表紙", "目次"] + [str(i) for i in range(3, pages + 1)]
    c.that(got == want, f"page labels {got} != {want}")
    # the contents page: each entry's number is the page its bookmark opens
    links = re.findall(rb"/Subtype /Link.*?/Dest \((page-\d+)\)", data, re.S)
    contents = run("pdftotext", "-f", "2", "-l", "2", "-layout", "-enc", "UTF-8", pdf, "-")
    footer = survey_ini("2025")["title"]
    # the contents run in two columns: a line may hold an entry of each
    entries = [e for line in contents.splitlines()
               for e in re.findall(r"(\S(?:\S| \S)*)\s{2,}(\d+)(?=\s{2,}|\s*$)", line.strip())
               if footer not in e[0]]
    c.that(len(entries) >= 15, f"the contents page lists {len(entries)} entries")
    c.that(len(links) == len(entries), f"{len(links)} links for {len(entries)} contents entries")
    bookmark_dest = {i[1]: i[2] for i in items}
    for title, num in entries:
        c.that(bookmark_dest.get(title) == f"page-{num}",
               f"contents: {title} → {num}, its bookmark → {bookmark_dest.get(title)}")
        c.that(f"page-{num}".encode() in links, f"no link to page {num}")
        page_text = flat(run("pdftotext", "-f", num, "-l", num, "-enc", "UTF-8", pdf, "-"))
        c.that(len(page_text) > 30, f"page {num} ({title}) is empty")


def check_deterministic(a, c, tmp):
    o1 = shared(a)
    o2 = report(a.jusou, os.path.join(tmp, "two"))
    p1, p2 = the_pdf(o1), the_pdf(o2)
    c.that(filecmp.cmp(p1, p2, shallow=False), "the PDF differs between two runs")
    for n in sorted(os.listdir(os.path.join(o1, "pages"))):
        c.that(filecmp.cmp(os.path.join(o1, "pages", n), os.path.join(o2, "pages", n), shallow=False),
               f"pages/{n} differs between two runs")


def check_2024(a, c, tmp):
    out = shared(a, "--data", "data/2024")
    pdf = the_pdf(out)
    c.that(os.path.basename(pdf) == "重層事業現況調査_令和6年度_結果の概要.pdf", f"file name {pdf}")
    text = flat(run("pdftotext", "-enc", "UTF-8", pdf, "-"))
    c.that(not re.search(r"[{}\[\]]", text), "a placeholder or an optional [group] was left in the text")
    by_year, prep = implementers("2024")
    c.that(max(by_year) == 2024, "2024's lists end in R6")
    for y, names in by_year.items():
        c.contains(text, f"{wareki(y)}（{len(names)}自治体）" + "、".join(names), f"the list of {wareki(y)}")
    c.contains(text, "令和6年度移行準備事業実施地区" + "、".join(prep), "the 移行準備 list")
    c.that("令和7年度" not in text, "the 2024 report mentions 令和7年度")
    # no previous year (2023 is not bundled): the comparisons are left out
    c.that("と比べて" not in text, "a comparison with a previous year that 2024 does not have")
    c.that("関係機関が増えている" not in text and "関係機関が減っている" not in text,
           "a trend against a previous year that 2024 does not have")
    c.contains(text, "福祉以外の分野との関係構築も広くおこなわれている", "the sentence around the dropped trend")
    # its own figures
    rows = read_csv(os.path.join(ROOT, "data", "2024", "municipality.csv"))
    impl = [r for r in rows if r["Q1"].strip() == "1"]
    plans = sum(1 for r in impl if r["Q2"].strip() == "1")
    c.contains(text, f"実施している{len(impl)}地区のうち", "the plan sentence's base")
    c.contains(text, f"にあたる{plans}地区で", "the plan sentence's count")
    c.contains(text, f"令和6年度に重層事業を実施している区市町村《{len(impl)}地区》", "the 調査対象")
    c.contains(text, "令和5年度の実施地区のうち", "the previous-year implementers (R5)")
    c.contains(text, "令和6年度から新たに取り組んでいること", "the new-initiatives page")


def check_template(a, c, tmp):
    tdir = os.path.join(tmp, "templates")
    shutil.copytree(os.path.join(ROOT, "templates", "2025"), tdir)  # the set 2025 uses
    path = os.path.join(tdir, "report.ini")
    s = open(path, encoding="utf-8").read()
    old = "headline = 研修・連絡会により既存の相談支援機能を強化"
    if old not in s:
        raise SystemExit("the template no longer has the headline this check edits")
    s = s.replace(old, "headline = 研修の実施は{pct:Q6_1=1}（{n:Q6_1=1}/{base:Q6}自治体）")
    # a line of more than 500 characters (libinih as packaged reads 199 bytes)
    long = "長い文の確認として" + "地域の支え合いを広げる取組を続けている。" * 25 + "ここまで{n:Q1=1}自治体"
    s += ("\n[added]\nheadline = 追加したページ\nbullet = 支援会議を設置している自治体は{names:Q11=1}\n"
          f"bullet = {long}\n")
    open(path, "w", encoding="utf-8").write(s)
    out = report(a.jusou, os.path.join(tmp, "out"), "--templates", tdir)
    text = flat(run("pdftotext", "-enc", "UTF-8", the_pdf(out), "-"))
    tables = read_csv(os.path.join(out, "tables.csv"))
    q6 = [r for r in tables if r["year"] == "2025" and r["question"] == "Q6" and r["segment"] == "all"
          and r["category"] == "Q6_1"][0]
    c.contains(text, f"研修の実施は{q6['percent']}%（{q6['count']}/{q6['base_n']}自治体）", "the edited headline")
    rows = read_csv(os.path.join(ROOT, "data", "2025", "municipality.csv"))
    master = [r["name"] for r in read_csv(os.path.join(ROOT, "data", "municipalities.csv"))]
    q11 = [n for n in master if any(r["name"] == n and r["Q1"].strip() == "1" and r["Q11"].strip() == "1"
                                    for r in rows)]
    c.contains(text, "追加したページ", "the added page")
    c.contains(text, "支援会議を設置している自治体は" + "、".join(q11), "the added page's names")
    q1 = [r for r in tables if r["year"] == "2025" and r["question"] == "Q1" and r["segment"] == "all"
          and r["category"] == "1"][0]
    c.that(len(long) > 500, "the long line is not long")
    c.contains(text, long.replace("{n:Q1=1}", q1["count"]), "the 500-character line, whole")


def template_tables(path):
    """the tables of a report template: per table, its rows as lists of cells"""
    tables, cur, key = [], None, None
    lines = open(path, encoding="utf-8").read().split("\n")
    entries = []
    for line in lines:
        if line.startswith("    ") and entries:
            entries[-1][1] += line.strip()
        elif " = " in line and not line.startswith(";"):
            k, v = line.split(" = ", 1)
            entries.append([k.strip(), v])
        else:
            entries.append([None, None])
    for k, v in entries:
        if k == "table":
            cur = [v]
            tables.append(cur)
        elif k in ("row", "head") and cur is not None:
            cur.append(v)
        else:
            cur = None
    return [[[cell.strip() for cell in row.split("|")] for row in t] for t in tables]


def template_diagrams(path):
    """box titles and texts, and arrow labels, of a report template"""
    texts = []
    for line in open(path, encoding="utf-8").read().split("\n"):
        if line.startswith("box = "):
            texts += [t.strip() for t in line.split("|")[1:]]
        elif line.startswith("arrow = ") and "|" in line:
            texts.append(line.split("|", 1)[1].strip())
    return [t for t in texts if t]


def check_figures(a, c, tmp):
    tdir = os.path.join(tmp, "templates")
    shutil.copytree(os.path.join(ROOT, "templates", "2025"), tdir)
    path = os.path.join(tdir, "report.ini")
    tables = template_tables(path)
    c.that(len(tables) >= 1, "the 2025 template has no table")
    c.that(len(template_diagrams(path)) >= 4, "the 2025 template has no diagram")
    # a row with a figure from the data, added to the first table
    s = open(path, encoding="utf-8").read()
    first = tables[0]
    added = ["実施自治体"] + ["{n:Q1=1}自治体"] + ["<"] * (len(first[0]) - 2)
    k = s.index("table = ")
    k = s.index("\n", k)
    while s[k + 1:].startswith("    ") or s[k + 1:].startswith("row = ") or s[k + 1:].startswith("head = "):
        k = s.index("\n", k + 1)
    s = s[:k + 1] + "row = " + " | ".join(added) + "\n" + s[k + 1:]
    open(path, "w", encoding="utf-8").write(s)
    tables = template_tables(path)
    out = report(a.jusou, os.path.join(tmp, "out"), "--templates", tdir)
    pdf = the_pdf(out)
    text = flat(run("pdftotext", "-enc", "UTF-8", pdf, "-"))
    q1 = [r for r in read_csv(os.path.join(out, "tables.csv")) if r["year"] == "2025" and r["question"] == "Q1"
          and r["segment"] == "all" and r["category"] == "1"][0]
    c.contains(text, q1["count"] + "自治体", "the added row's count")
    cells = 0
    for t in tables:
        for row in t:
            for cell in row:
                if cell in ("<", "^"):
                    continue
                cells += 1
                for piece in cell.replace("{n:Q1=1}", q1["count"]).split("\\n"):
                    c.contains(text, flat(piece), "a table cell")
    for piece in template_diagrams(path):
        for line in piece.split("\\n"):
            c.contains(text, flat(line), "a diagram's text")
    struct = run("pdfinfo", "-struct", pdf)
    kinds = collections.Counter(line.split()[0] for line in struct.splitlines() if line.strip())
    c.that(kinds.get("Table", 0) == len(tables), f"{kinds.get('Table', 0)} Table elements, expected {len(tables)}")
    c.that(kinds.get("TH", 0) + kinds.get("TD", 0) == cells,
           f"{kinds.get('TH', 0)} TH + {kinds.get('TD', 0)} TD elements, expected {cells} cells")
    c.that(kinds.get("TR", 0) <= sum(len(t) for t in tables) and kinds.get("TR", 0) >= len(tables),
           f"{kinds.get('TR', 0)} TR elements for {sum(len(t) for t in tables)} rows")
    # the shared bundled run says nothing runs off a page; a cell taller than a page is a warning naming it
    c.that("past the foot of the page" not in baseline.stderr(shared(a)), "a block runs off a bundled page")
    s = open(path, encoding="utf-8").read() + "\n[tall]\nheadline = 高い表\ntable = 列\nrow = " + "長い文。" * 900 + "\n"
    # and eight boxes with labelled arrows in a third of a page: too many for the width
    s += ("\n[cramped]\nheadline = 狭い図\ncolumns = 3\ndiagram = 試験\n" +
          "".join("box = b%d @ %d,1 | 箱%d\n" % (i, i, i) for i in range(1, 9)) +
          "".join("arrow = b%d -> b%d | 長いラベルの矢印%d\n" % (i, i + 1, i) for i in range(1, 8)))
    open(path, "w", encoding="utf-8").write(s)
    err = []
    report(a.jusou, os.path.join(tmp, "out2"), "--templates", tdir, stderr=err)
    c.that(re.search(r"warning: report page \d+ \(\[tall\]\): a block runs \d+ pt past the foot of the page",
                     err[0]) is not None, "no warning for a table taller than a page: " + err[0][-300:])
    c.that(re.search(r"warning: report page \d+ \(\[cramped\]\): the diagram has too many columns or labels",
                     err[0]) is not None, "no warning for a diagram too wide for its column: " + err[0][-300:])
    c.that(err[0].count("the diagram has too many") == 1, "the cramped diagram warned more than once")


CHECKS = {"text": check_text, "fonts": check_fonts, "info": check_info, "outline": check_outline,
          "deterministic": check_deterministic, "year2024": check_2024, "template": check_template,
          "figures": check_figures}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("check", choices=sorted(CHECKS))
    ap.add_argument("--jusou", required=True)
    a = ap.parse_args()
    a.jusou = os.path.abspath(a.jusou)
    c = Checks()
    tmp = tempfile.mkdtemp(prefix="jusou-report-")
    try:
        CHECKS[a.check](a, c, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return c.done(a.check)


if __name__ == "__main__":
    sys.exit(main())
