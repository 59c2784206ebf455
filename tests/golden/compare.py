#!/usr/bin/python3
"""Golden test: `jusou report` on the bundled data must write tidy outputs
equal, byte for byte, to the reviewed files in tests/golden/<year>/.

Usage: compare.py --jusou PATH [--update]   (--update rewrites the golden
files after a reviewed change; never run it to make a failing test pass
without reading the diff)."""
import argparse
import difflib
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import baseline  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FILES = ["tables.csv", "stats.csv", "top.csv", "check.txt"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jusou", required=True)
    ap.add_argument("--year", default="2025")
    ap.add_argument("--update", action="store_true")
    a = ap.parse_args()
    golden = os.path.join(HERE, a.year)
    failed = False
    # the shared output: the default run is the newest bundled year (2025)
    out = baseline.output(a.jusou, () if a.year == "2025" else ("--data", f"data/{a.year}"))
    for name in FILES:
        got_path, want_path = os.path.join(out, name), os.path.join(golden, name)
        if a.update:
            os.makedirs(golden, exist_ok=True)
            shutil.copyfile(got_path, want_path)
            continue
        got, want = open(got_path, "rb").read(), open(want_path, "rb").read()
        if got == want:
            print(f"ok: {name} ({len(got)} bytes)")
            continue
        failed = True
        print(f"FAIL: {name} differs from tests/golden/{a.year}/{name}")
        diff = difflib.unified_diff(want.decode("utf-8", "replace").splitlines(),
                                    got.decode("utf-8", "replace").splitlines(),
                                    "golden", "got", lineterm="", n=1)
        for i, line in enumerate(diff):
            if i > 60:
                print("…")
                break
            print(line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
