#!/usr/bin/env python3
"""Grading throughput: SQLToolkit's ExecutionAccuracy against Python's sqlite3 doing the same work, in the same run.

The work, per example: a fresh in-memory database, the context loaded, the gold query and the predicted query run
and fetched, the two results compared as multisets (in order when the gold query has ORDER BY). The data is the
150 real rows of ../shared/data/gretel_text2sql_test_150.jsonl, repeated --repeat times; the predictions are the
gold queries, so both sides run every query to completion. The Swift side is bench/sql/GradeBench (the
SQLGradeBench product, built in release mode); only grading is timed on both sides, not start-up or file parsing.
Prints examples/s for one thread and for all cores and the ratio Swift/Python (above 1: Swift is faster).

    python3 bench/sql/grading_throughput.py [--repeat 10] [--rounds 3]
"""
import argparse
import concurrent.futures
import json
import os
import pathlib
import sqlite3
import subprocess
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data" / "gretel_text2sql_test_150.jsonl"


def build_driver():
    subprocess.run(["swift", "build", "-c", "release", "--product", "SQLGradeBench"], cwd=ROOT, check=True, capture_output=True)
    bin_dir = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.strip()
    return pathlib.Path(bin_dir) / "SQLGradeBench"


def python_grade(row):
    db = sqlite3.connect(":memory:")
    db.executescript(row["sql_context"])
    gold = db.execute(row["sql"]).fetchall()
    predicted = db.execute(row["sql"]).fetchall()
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3, help="alternating measurements; the best of each is kept")
    args = parser.parse_args()
    base = [json.loads(line) for line in DATA.read_text().splitlines() if line.strip()]
    rows = base * args.repeat
    cores = os.cpu_count() or 1
    driver = build_driver()
    print(f"{len(rows)} examples ({len(base)} real rows x {args.repeat}); {cores} cores; best of {args.rounds} rounds")
    for threads in sorted({1, cores}):
        py_best, sw_best = float("inf"), float("inf")
        for _ in range(args.rounds):
            py_time, py_matched = python_run(rows, threads)
            out = subprocess.run([str(driver), str(DATA), str(args.repeat), str(threads)], capture_output=True, text=True, check=True).stdout
            result = json.loads(out.splitlines()[-1])
            py_best, sw_best = min(py_best, py_time), min(sw_best, result["seconds"])
        py_rate, sw_rate = len(rows) / py_best, len(rows) / sw_best
        print(f"threads={threads}: python sqlite3 {py_rate:7.0f} ex/s ({py_matched} matched) | "
              f"SQLToolkit {sw_rate:7.0f} ex/s ({result['matched']} matched) | ratio swift/python {sw_rate / py_rate:.2f}")


if __name__ == "__main__":
    main()
