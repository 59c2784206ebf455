#!/usr/bin/python3
"""Chart tests. Each check runs `jusou report` on the bundled data with the
private tests/fonts.conf (only BIZ UD fonts), then:

  golden        every chart PNG matches tests/golden/charts/<id>.png within a
                pixel tolerance (pngdiff); on failure <id>.out.png and
                <id>.diff.png are written to --failures
  pdf           every chart PDF embeds its fonts as subsets (pdffonts) and its
                Japanese title comes out of pdftotext
  numbers       the numbers drawn on each chart (pdftotext) are the ones of
                tables.csv / stats.csv / top.csv for its question
  deterministic two runs give byte-identical files (charts and tables)
  chartlist     switching a pie to bars and adding a chart in a copy of the
                chart list changes the output without any C change

Usage: charts.py CHECK --jusou PATH [--pngdiff PATH] [--failures DIR] [--update]
"""
import argparse
import configparser
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
GOLDEN = os.path.join(ROOT, "tests", "golden", "charts")


sys.path.insert(0, os.path.dirname(HERE))
import baseline  # noqa: E402
from baseline import run_report as report  # noqa: E402


def chart_list(path=os.path.join(ROOT, "templates", "2025", "charts.ini")):
    cp = configparser.ConfigParser(inline_comment_prefixes=(";",), comment_prefixes=(";", "#"), interpolation=None)
    cp.optionxform = str
    cp.read(path, encoding="utf-8")
    return {s: dict(cp[s]) for s in cp.sections() if s != "style"}


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def wareki(y):
    return "令和元年度" if y == 2019 else f"令和{y - 2018}年度"


def fill(text, year):
    for k, v in (("{wareki-1}", wareki(year - 1)), ("{wareki}", wareki(year)), ("{R-1}", f"R{year - 1 - 2018}"),
                 ("{R}", f"R{year - 2018}"), ("{year-1}", str(year - 1)), ("{year}", str(year))):
        text = text.replace(k, v)
    return text


def pdftext(path):
    return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True, check=True).stdout


def check_golden(a, out):
    failed = []
    charts = out + "/charts"
    os.makedirs(GOLDEN, exist_ok=True)
    for cid in chart_list():
        got, want = f"{charts}/{cid}.png", f"{GOLDEN}/{cid}.png"
        if a.update:
            shutil.copyfile(got, want)
            continue
        if not os.path.exists(want):
            failed.append(f"{cid}: no golden image {want}")
            continue
        os.makedirs(a.failures, exist_ok=True)
        diff = os.path.join(a.failures, f"{cid}.diff.png")
        r = subprocess.run([a.pngdiff, got, want, diff], capture_output=True, text=True)
        if r.returncode != 0:
            shutil.copyfile(got, os.path.join(a.failures, f"{cid}.out.png"))
            failed.append(f"{cid}: {r.stderr.strip()}")
        else:
            print(f"ok: {cid}.png")
    return failed


def check_pdf(a, out):
    failed = []
    for cid, spec in chart_list().items():
        pdf = f"{out}/charts/{cid}.pdf"
        fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
        if not fonts:
            failed.append(f"{cid}: no fonts in the PDF")
        for line in fonts:
            cols = line.split()
            # name type encoding emb sub uni object ID: emb and sub are the 3rd-5th from the end
            emb, sub = cols[-5], cols[-4]
            if emb != "yes" or sub != "yes" or "BIZ" not in cols[0]:
                failed.append(f"{cid}: font not embedded as a subset: {line}")
        title = spec.get("title")
        text = pdftext(pdf)
        if title and fill(title, 2025).replace(" ", "") not in text.replace(" ", "").replace("\n", ""):
            failed.append(f"{cid}: title {fill(title, 2025)!r} not in pdftotext output")
        else:
            print(f"ok: {cid}.pdf fonts embedded, title extractable")
    return failed


def pct(row):
    return f"{row['percent']}%"


def percent10(count, base):
    return (2000 * count + base) // (2 * base) if base > 0 else None


def chart_csv(out, cid):
    return read_csv(f"{out}/charts/{cid}.csv")


def check_csv(a, out):
    """Every chart's numbers (charts/<id>.csv) against tables.csv, stats.csv
    and top.csv: the counts, bases and percents a chart draws are the tables'."""
    tables = read_csv(f"{out}/tables.csv")
    stats = read_csv(f"{out}/stats.csv")
    top = read_csv(f"{out}/top.csv")
    failed = []
    index = {(r["year"], r["form"], r["question"], r["segment"], r["category"]): r for r in tables}

    def table(year, form, q, seg, cat):
        """count and base of one category, segments added up ("Q1=2,3")"""
        count = base = 0
        found = False
        m = re.match(r"^(\w+)=([\d,]+)$", seg)
        parts = [f"{m.group(1)}={c}" for c in m.group(2).split(",")] if m else [seg]
        for one in parts:
            r = index.get((year, form, q, one, cat))
            if r:
                count += int(r["count"])
                base += int(r["base_n"])
                found = True
        return (count, base) if found else None

    for cid, spec in chart_list().items():
        path = f"{out}/charts/{cid}.csv"
        if not os.path.exists(path):
            failed.append(f"{cid}: no {cid}.csv beside the chart")
            continue
        rows = chart_csv(out, cid)
        if not rows:
            failed.append(f"{cid}: {cid}.csv has no rows")
            continue
        kind = spec["kind"]
        problems = []
        for r in rows:
            where = f"{cid}.csv row {r['row']!r} {r['question']} {r['category']}"
            count, base = int(r["count"]), int(r["base_n"])
            if kind == "callout":
                if r["category"] == "sum":
                    st = [x for x in stats if (x["year"], x["form"], x["question"], x["segment"]) ==
                          (r["year"], r["form"], r["question"], r["segment"])]
                    if not st or int(st[0]["sum"]) != count:
                        problems.append(f"{where}: sum {count}, stats.csv {st[0]['sum'] if st else None}")
                else:
                    rank = r["category"][3:]
                    tp = [x for x in top if (x["year"], x["form"], x["question"], x["segment"], x["rank"]) ==
                          (r["year"], r["form"], r["question"], r["segment"], rank)]
                    if not tp or int(tp[0]["value"]) != count:
                        problems.append(f"{where}: value {count}, top.csv {tp[0]['value'] if tp else None}")
                continue
            if kind == "adoption" and r["category"] in ("continuing", "new"):
                years = [x for x in tables if (x["year"], x["form"], x["question"], x["segment"]) ==
                         (r["year"], r["form"], r["question"], r["segment"]) and x["category"] != "NA"]
                label_year = [x for x in years if x["label"] == r["row"]]
                if not label_year:
                    problems.append(f"{where}: no fiscal year {r['row']} in tables.csv")
                    continue
                k = years.index(label_year[0])
                new = int(years[k]["count"])
                before = sum(int(x["count"]) for x in years[:k])
                want = new if r["category"] == "new" else before
                if count != want or base != before + new:
                    problems.append(f"{where}: {count} of {base}, tables.csv give {want} of {before + new}")
                continue
            if kind == "tilemap":
                if r["row"] == "凡例":
                    tiles = sum(1 for x in rows if x["row"] != "凡例" and x["category"] == r["category"]
                                and x["question"] == r["question"])
                    if count != tiles:
                        problems.append(f"{where}: legend says {count}, {tiles} tiles")
                    t = table(r["year"], r["form"], r["question"], r["segment"], r["category"])
                    if r["category"] != "NA" and (t is None or t[0] != count):
                        problems.append(f"{where}: legend says {count}, tables.csv {t}")
                continue
            t = table(r["year"], r["form"], r["question"], r["segment"], r["category"])
            if t is None:
                problems.append(f"{where}: not in tables.csv")
                continue
            if kind == "adoption":  # the status row: its bodies are the row's total
                if count != t[0]:
                    problems.append(f"{where}: {count}, tables.csv {t[0]}")
                continue
            if (count, base) != t:
                problems.append(f"{where}: {count} of {base}, tables.csv {t[0]} of {t[1]}")
            p = percent10(count, base)
            if r["percent"] and p is not None and r["percent"] != f"{p // 10}.{p % 10}":
                problems.append(f"{where}: percent {r['percent']}, {count}/{base} is {p / 10}")
        if problems:
            failed += problems
        else:
            print(f"ok: {cid}.csv: {len(rows)} rows agree with the tables")
    return failed


def drawn(kind, rows):
    """what a chart prints for its CSV rows, per chart row, in drawing order"""
    groups = {}
    for r in rows:
        groups.setdefault(r["row"], []).append(r)
    want = []
    for label, rs in groups.items():
        seq = []
        for r in rs:
            count, p = int(r["count"]), r["percent"]
            zero_na = r["category"] == "NA" and count == 0
            if kind in ("pie", "bars"):
                if count > 0 or (kind == "bars" and not zero_na):
                    seq.append(f"{count}（{p}%）")
            elif kind == "columns":
                if not zero_na:
                    seq += [str(count), f"{p}%"]
            elif kind == "stack":
                if not seq:
                    seq.append(f"n={r['base_n']}")
                if count > 0:
                    seq.append(f"{p}%")
            elif kind == "adoption":
                if r["category"] == "new":
                    if count > 0:
                        seq.append(f"+{count}")
                    seq.append(r["base_n"])
                elif r["category"] not in ("continuing", "new"):
                    seq.append(str(count))
            elif kind == "callout":
                seq.append(f"{count:,}")
            elif kind == "tilemap" and label == "凡例":
                if count > 0:
                    seq.append(f"{r['label']}{count}")
        if seq:
            want.append(seq)
    return want


def in_order(text, seq):
    """the strings of seq occur in text one after another"""
    at = 0
    for w in seq:
        k = text.find(w, at)
        if k < 0:
            return False
        at = k + len(w)
    return True


def check_numbers(a, out):
    """The numbers printed on each chart are its CSV's, in the order it draws
    them — and that order of numbers is found in no other chart (so the check
    cannot pass on another chart's numbers)."""
    charts = chart_list()
    def raw(path):  # the text in drawing order
        return subprocess.run(["pdftotext", "-raw", path, "-"], capture_output=True, text=True,
                              check=True).stdout.replace(" ", "").replace("\n", "")

    texts = {cid: raw(f"{out}/charts/{cid}.pdf") for cid in charts}
    sources = {cid: {(r["year"], r["question"], r["segment"]) for r in chart_csv(out, cid)} for cid in charts}
    failed = []
    for cid, spec in charts.items():
        want = drawn(spec["kind"], chart_csv(out, cid))
        if not want:
            failed.append(f"{cid}: the CSV gives nothing the chart draws")
            continue
        missing = [seq for seq in want if not in_order(texts[cid], seq)]
        if missing:
            failed.append(f"{cid}: not on the chart in this order: {missing}")
            continue
        # the same numbers in the same order on a chart of other data would mean
        # the check is not specific to this chart
        alike = [o for o in charts if o != cid and not (sources[o] & sources[cid])
                 and all(in_order(texts[o], seq) for seq in want)]
        if alike:
            failed.append(f"{cid}: its numbers are also on {alike}: the check would not tell them apart")
        else:
            print(f"ok: {cid}: {sum(len(s) for s in want)} numbers drawn as its CSV gives them")
    return failed


def check_deterministic(a, out):
    with tempfile.TemporaryDirectory() as tmp:
        other = report(a.jusou, os.path.join(tmp, "again"))
        failed = []
        for base, _, files in os.walk(out):
            for f in files:
                p = os.path.join(base, f)
                q = os.path.join(other, os.path.relpath(p, out))
                if not os.path.exists(q) or not filecmp.cmp(p, q, shallow=False):
                    failed.append(f"{os.path.relpath(p, out)} differs between two runs")
        print(f"ok: compared {sum(len(f) for _, _, f in os.walk(out))} files")
        return failed


def check_chartlist(a, out):
    with tempfile.TemporaryDirectory() as tmp:
        tdir = os.path.join(tmp, "templates")
        shutil.copytree(os.path.join(ROOT, "templates", "2025"), tdir)  # the set 2025 uses
        ini = open(os.path.join(tdir, "charts.ini"), encoding="utf-8").read()
        ini = re.sub(r"(\[plan\]\nkind = )pie", r"\1bars", ini)
        ini += "\n[extra_budget]\nkind = pie\nquestion = Q16_1\ntitle = 追加したグラフ\n"
        open(os.path.join(tdir, "charts.ini"), "w", encoding="utf-8").write(ini)
        o2 = report(a.jusou, os.path.join(tmp, "out"), "--templates", tdir)
        failed = []
        if not all(os.path.exists(f"{o2}/charts/extra_budget.{x}") for x in ("png", "pdf", "svg")):
            failed.append("the added chart was not written")
        elif "追加したグラフ" not in pdftext(f"{o2}/charts/extra_budget.pdf"):
            failed.append("the added chart lacks its title")
        plan_bars = pdftext(f"{o2}/charts/plan.pdf").replace(" ", "")
        plan_pie = pdftext(f"{out}/charts/plan.pdf").replace(" ", "")
        if filecmp.cmp(f"{o2}/charts/plan.png", f"{out}/charts/plan.png", shallow=False):
            failed.append("switching plan from pie to bars changed nothing")
        if plan_bars == plan_pie:
            failed.append("plan.pdf text is the same as a pie and as bars")
        print("ok: chart list edits took effect" if not failed else "")
        return failed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("check", choices=["golden", "pdf", "csv", "numbers", "deterministic", "chartlist"])
    ap.add_argument("--jusou", required=True)
    ap.add_argument("--pngdiff")
    ap.add_argument("--failures", default=os.path.join(tempfile.gettempdir(), "jusou-chart-failures"))
    ap.add_argument("--update", action="store_true")
    a = ap.parse_args()
    out = baseline.output(a.jusou)   # shared: only read here
    failed = globals()[f"check_{a.check}"](a, out)
    for f in failed:
        print("FAIL:", f)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
