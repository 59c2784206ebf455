#!/usr/bin/python3
"""One test per figure that the 2025 summary states (its 21 figures).

Each figure is checked against what `jusou report` writes for the bundled
data (tables.csv, stats.csv, top.csv, check.txt): the sample must reproduce
the published summary. Usage: figures.py --jusou PATH --figure N | --list
"""
import argparse
import csv
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import baseline  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class Out:
    def __init__(self, folder):
        self.folder = folder
        with open(os.path.join(folder, "tables.csv"), encoding="utf-8-sig", newline="") as f:
            self.tables = list(csv.DictReader(f))
        with open(os.path.join(folder, "stats.csv"), encoding="utf-8-sig", newline="") as f:
            self.stats = list(csv.DictReader(f))
        with open(os.path.join(folder, "top.csv"), encoding="utf-8-sig", newline="") as f:
            self.top = list(csv.DictReader(f))
        with open(os.path.join(folder, "check.txt"), encoding="utf-8") as f:
            self.check = f.read()

    def rows(self, q, segment="all", year="2025", form="municipality"):
        r = [x for x in self.tables
             if x["year"] == year and x["form"] == form and x["question"] == q and x["segment"] == segment]
        if not r:
            raise AssertionError(f"no table {year} {form} {q} {segment}")
        return r

    def cell(self, q, category, segment="all", year="2025", form="municipality"):
        for x in self.rows(q, segment, year, form):
            if x["category"] == category:
                return int(x["count"]), int(x["base_n"]), x["percent"]
        raise AssertionError(f"no category {category} in {q} {segment}")

    def count(self, q, category, **kw):
        return self.cell(q, category, **kw)[0]

    def base(self, q, segment="all", year="2025", form="municipality"):
        return int(self.rows(q, segment, year, form)[0]["base_n"])

    def stat(self, q, col, segment="all", year="2025"):
        for x in self.stats:
            if x["year"] == year and x["question"] == q and x["segment"] == segment:
                return x[col]
        raise AssertionError(f"no stats for {q}")


def eq(got, want, what):
    if got != want:
        raise AssertionError(f"{what}: got {got!r}, want {want!r}")
    print(f"ok: {what} = {got!r}")


def f1(o):
    eq(o.base("Q1"), 62, "自治体 n")
    eq(o.base("S3", form="council"), 62, "社協 n")
    eq("自治体票 62/62（回収率100%）" in o.check, True, "check.txt 自治体 62/62 回収率100%")
    eq("社協票 62/62（回収率100%）" in o.check, True, "check.txt 社協 62/62 回収率100%")


def f2(o):
    eq([o.count("Q1", c) for c in "123"], [30, 6, 26], "Q1 実施/移行準備/未実施")


def f3(o):
    years = ["2021", "2022", "2023", "2024", "2025"]
    per_year = [o.count("Q1_1", y) for y in years]
    cum = [sum(per_year[:i + 1]) for i in range(len(per_year))]
    eq(cum, [2, 7, 12, 23, 30], "Q1_1 実施自治体 累計 R3..R7")


def f4(o):
    eq(o.cell("Q2", "1"), (23, 30, "76.7"), "Q2 策定済み (7割以上)")


def f5(o):
    five, six = o.count("Q2_1", "5"), o.count("Q2_1", "6")
    eq(o.base("Q2_1"), 23, "Q2_1 n")
    eq(five + six >= 12, True, f"Q2_1 5年+6年 = {five + six} は半数以上")


def f6(o):
    eq(o.cell("Q2_2", "1"), (25, 30, "83.3"), "Q2_2 現行計画に位置づけ (8割以上)")


def f7(o):
    n1, n2 = o.count("Q2_2", "1"), o.count("Q2_2", "2")
    eq((n1 + n2, o.base("Q2_2")), (27, 30), "Q2_2 現行+次期 (9割)")


def f8(o):
    eq(o.cell("Q3", "1"), (16, 23, "69.6"), "Q3 推進体制あり (7割弱)")


def f9(o):
    eq(o.cell("Q4", "1"), (11, 23, "47.8"), "Q4 評価指標あり (約半数)")


def f10(o):
    eq(o.cell("Q5", "1"), (18, 30, "60.0"), "Q5 総合相談窓口 2025")
    eq(o.cell("Q5", "1", year="2024"), (14, 23, "60.9"), "Q5 総合相談窓口 2024")


def f11(o):
    eq(o.cell("Q5_1", "1"), (9, 18, "50.0"), "Q5_1 一体的に実施 (半数)")


def f12(o):
    eq(o.cell("Q6", "Q6_1"), (20, 30, "66.7"), "Q6_1 研修 (2/3)")
    eq(o.cell("Q6", "Q6_2"), (15, 30, "50.0"), "Q6_2 連絡会 (1/2)")


def f13(o):
    eq(o.cell("Q9", "1", segment="Q1=1"), (10, 30, "33.3"), "Q9 全て直営 実施自治体 (約1/3)")


def f14(o):
    n = o.base("Q9", "Q1=2") + o.base("Q9", "Q1=3")
    direct = o.count("Q9", "1", segment="Q1=2") + o.count("Q9", "1", segment="Q1=3")
    eq((direct, n), (5, 10), "Q9 直営 準備を行っている10地区 (半数)")
    eq(o.cell("Q1_2", "1", segment="Q1=2"), (6, 6, "100.0"), "移行準備6地区は全て準備を行っている")
    eq(o.count("Q1_2", "1"), 10, "Q1_2 準備を行っている")


def f15(o):
    eq(o.count("Q9_1", "Q9_1_1"), o.base("Q9_1"), "Q9_1 委託先に社協 = 委託している全自治体")


def f16(o):
    eq([o.count("Q20", c) for c in "123"], [2, 3, 25], "Q20 直営/直営(一部委託)/委託")
    eq(o.cell("Q20_1", "Q20_1_1"), (26, 28, "92.9"), "Q20_1 社協に委託 (9割)")


def f17(o):
    top = [int(x["value"]) for x in o.top if x["year"] == "2025" and x["question"] == "Q21" and x["segment"] == "all"]
    eq(top, [40, 14, 12], "Q21 最多アプローチ回数 上位3")
    eq(o.cell("Q21", "nc"), (10, 30, "33.3"), "Q21 カウントしていない (1/3)")
    eq(o.stat("Q21", "max"), "40", "Q21 max")


def f18(o):
    eq(o.cell("Q22", "1"), (21, 30, "70.0"), "Q22 随時を含む全てのタイミング")


def f19(o):
    eq(o.stat("Q23", "sum"), "14", "Q23 支援プランに基づく支援数 合計")
    eq(o.stat("Q24", "sum"), "1527", "Q24 支援プラン開始前の支援数 合計")
    eq(o.stat("Q23", "base_n"), "23", "Q23 n")
    eq(int(o.stat("Q23", "not_counted")) > 0 and int(o.stat("Q24", "not_counted")) > 0, True,
       "カウントしていない地区もある")


def f20(o):
    eq([o.count("S3", c, form="council") for c in "12"], [3, 18], "S3 毎日開設/定期的に開設 社協")


def f21(o):
    for k in range(1, 5):
        col = f"Q10_{k}"
        new, old = o.count("Q10", col), o.count("Q10", col, year="2024")
        eq(new > old, True, f"{col} 2025 ({new}) > 2024 ({old})")


FIGURES = {i: globals()[f"f{i}"] for i in range(1, 22)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jusou")
    ap.add_argument("--figure", type=int)
    ap.add_argument("--list", action="store_true")
    a = ap.parse_args()
    if a.list:
        print("\n".join(str(i) for i in FIGURES))
        return 0
    out = baseline.output(a.jusou)   # shared: only read here
    try:
        FIGURES[a.figure](Out(out))
    except AssertionError as e:
        print(f"FAIL: figure {a.figure}: {e}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
