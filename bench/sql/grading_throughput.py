#!/usr/bin/env python3
"""Grading throughput: `swift-dspy grade` against Python's sqlite3 doing the same work, in the same run.

The work, per example: a fresh in-memory database, the context loaded, the gold query and the predicted query run
and fetched, the two results compared as multisets. The data is the 150 real rows of
../shared/data/gretel_text2sql_test_150.jsonl, repeated --repeat times; the predictions are the gold queries, so
both sides run every query to completion. Prints examples/s for one thread and for all cores, and the ratios
Swift/Python (above 1 means Swift is faster).

    python3 bench/sql/grading_throughput.py [--bin .build/release] [--repeat 10]
"""
import argparse
import concurrent.futures
import json
import os
import pathlib
import sqlite3
import subprocess
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data" / "gretel_text2sql_test_150.jsonl"


def python_grade(row):
    db = sqlite3.connect(":memory:")
    db.executescript(row["sql_context"])
    gold = db.execute(row["sql"]).fetchall()
    predicted = db.execute(row["pred"]).fetchall()
    db.close()
    if "ORDER BY" in row["sql"].upper():
        return gold == predicted
    return sorted(map(repr, gold)) == sorted(map(repr, predicted))


def python_run(rows, threads):
    start = time.perf_counter()
    if threads == 1:
        matched = sum(python_grade(r) for r in rows)
    else:
        with concurrent.futures.ThreadPoolExecutor(threads) as pool:
            matched = sum(pool.map(python_grade, rows))
    return time.perf_counter() - start, matched


def swift_run(cli, data, predictions, threads):
    start = time.perf_counter()
    out = subprocess.run([cli, "grade", "--data", data, "--predictions", predictions, "--threads", str(threads)],
                         capture_output=True, text=True, check=True).stdout
    return time.perf_counter() - start, out.strip()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", help="folder with swift-dspy (default: swift build --show-bin-path)")
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    bin_dir = args.bin or subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    cli = str(pathlib.Path(bin_dir) / "swift-dspy")
    base = [json.loads(line) for line in DATA.read_text().splitlines() if line.strip()]
    rows = []
    for copy in range(args.repeat):
        for row in base:
            rows.append(dict(row, id=f"{copy}-{row['id']}", pred=row["sql"]))
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "data.jsonl")
        predictions = os.path.join(tmp, "pred.jsonl")
        with open(data, "w") as f:
            for r in rows:
                f.write(json.dumps({k: r[k] for k in ("id", "sql_prompt", "sql_context", "sql")}) + "\n")
        with open(predictions, "w") as f:
            for r in rows:
                f.write(json.dumps({"id": r["id"], "sql": r["pred"]}) + "\n")
        print(f"{len(rows)} examples ({len(base)} real rows x {args.repeat}); {cores} cores; swift-dspy from {bin_dir}")
        for threads in (1, cores):
            py_time, py_matched = python_run(rows, threads)
            sw_time, sw_summary = swift_run(cli, data, predictions, threads)
            py_rate, sw_rate = len(rows) / py_time, len(rows) / sw_time
            print(f"threads={threads}: python sqlite3 {py_rate:8.0f} ex/s ({py_matched} matched) | "
                  f"swift-dspy grade {sw_rate:8.0f} ex/s ({sw_summary}) | ratio swift/python {sw_rate / py_rate:.2f}")


if __name__ == "__main__":
    main()
