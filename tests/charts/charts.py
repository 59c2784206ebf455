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


def chart_list(path=os.path.join(ROOT, "templates", "charts.ini")):
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


def check_numbers(a, out):
    """The numbers printed on each chart, from tables.csv: what a reader sees."""
    tables = read_csv(f"{out}/tables.csv")
    stats = read_csv(f"{out}/stats.csv")
    top = read_csv(f"{out}/top.csv")
    failed = []

    def rows(year, form, q, seg):
        return [r for r in tables if r["year"] == str(year) and r["form"] == form and r["question"] == q
                and r["segment"] == seg]

    for cid, s in chart_list().items():
        text = pdftext(f"{out}/charts/{cid}.pdf").replace(" ", "")
        form, q, kind = s.get("form", "municipality"), s.get("question"), s["kind"]
        want = []
        if kind in ("pie", "columns", "bars"):
            rs = rows(2025, form, q, s.get("segment", "all"))
            base = rs[0]["base_n"]
            if kind != "bars" or not s.get("compare"):
                want.append(f"n={base}")
            for r in rs:
                if r["category"] == "NA" and r["count"] == "0":
                    continue
                if kind == "pie":
                    want.append(f"{r['count']}（{pct(r)}）")
                elif kind == "bars":
                    want.append(f"{r['count']}（{pct(r)}）")
                else:
                    want += [r["count"], pct(r)]
            if s.get("compare"):
                for r in rows(2024, form, q, "all"):
                    if r["category"] != "NA" or r["count"] != "0":
                        want.append(f"{r['count']}（{pct(r)}）")
        elif kind == "stack":
            for spec in [x.strip() for x in s.get("rows", "all").split(";")]:
                year = 2024 if spec.startswith("prev:") else 2025
                segs = spec.replace("prev:", "").strip().split("+")
                counts, base = {}, 0
                for seg in segs:
                    rs = rows(year, form, q, seg.strip())
                    if rs:
                        base += int(rs[0]["base_n"])
                    for r in rs:
                        counts[r["category"]] = counts.get(r["category"], 0) + int(r["count"])
                want.append(f"n={base}")
                for cat, c in counts.items():
                    if c:
                        p = (2000 * c + base) // (2 * base)
                        want.append(f"{p // 10}.{p % 10}%")
        elif kind == "adoption":
            years = [r for r in rows(2025, form, q, "all") if r["category"] != "NA"]
            cum = 0
            for r in years:
                cum += int(r["count"])
                want += [str(cum), f"+{r['count']}" if r["count"] != "0" else str(cum)]
        elif kind == "callout":
            for v in [x.strip() for x in s["values"].split(";")]:
                qq, what = v.split(":")
                if what == "sum":
                    st = [r for r in stats if r["year"] == "2025" and r["question"] == qq and r["segment"] == "all"][0]
                    want.append(f"{int(st['sum']):,}")
                else:
                    want += [f"{int(r['value']):,}" for r in top
                             if r["year"] == "2025" and r["question"] == qq and r["segment"] == "all"]
        elif kind == "tilemap":
            yrs = [r for r in rows(2025, form, q, "all") if r["category"] != "NA"]
            want += [f"{r['label']}{r['count']}" for r in yrs]
        missing = [w for w in want if w.replace(" ", "") not in text]
        if missing:
            failed.append(f"{cid}: not on the chart: {missing}")
        else:
            print(f"ok: {cid}: {len(want)} numbers found")
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
        shutil.copytree(os.path.join(ROOT, "templates"), tdir)
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
    ap.add_argument("check", choices=["golden", "pdf", "numbers", "deterministic", "chartlist"])
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
