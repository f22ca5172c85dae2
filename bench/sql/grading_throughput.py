#!/usr/bin/env python3
"""Grading throughput: SQLToolkit's ExecutionAccuracy against Python's sqlite3 doing the same work, in the same run.

The work, per example: a fresh in-memory database, the context loaded, the gold query and the predicted query run
and fetched, the two results compared as multisets (in order when the gold query has ORDER BY). The data is the
150 real rows of ../shared/data/gretel_text2sql_test_150.jsonl, repeated --repeat times; the predictions are the
gold queries, so both sides run every query to completion. The Swift side is bench/sql/GradeBench (the
SQLGradeBench product, built in release mode); only grading is timed on both sides, not start-up or file parsing.
Prints examples/s for one thread and for all cores and the ratio Swift/Python (above 1: Swift is faster), by wall
clock and by CPU time (examples per CPU-second of the process, all threads): on a machine shared with other work,
wall clock mostly measures the scheduler, CPU time the work done.

Equal work: Python's sqlite3 keeps a cache of prepared statements per connection, so its second run of the same
text (the prediction, which here is the gold query) skips compiling; SQLSandbox keeps its last statement for the
same reason. Both sides load the whole context and fetch every row of both runs.

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
    start, cpu_start = time.perf_counter(), time.process_time()
    if threads == 1:
        matched = sum(python_grade(r) for r in rows)
    else:
        with concurrent.futures.ThreadPoolExecutor(threads) as pool:
            matched = sum(pool.map(python_grade, rows))
    return time.perf_counter() - start, time.process_time() - cpu_start, matched


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
        py_wall, py_cpu, sw_wall, sw_cpu = (float("inf"),) * 4
        for _ in range(args.rounds):
            py_time, py_cpu_time, py_matched = python_run(rows, threads)
            out = subprocess.run([str(driver), str(DATA), str(args.repeat), str(threads)], capture_output=True, text=True, check=True).stdout
            result = json.loads(out.splitlines()[-1])
            py_wall, py_cpu = min(py_wall, py_time), min(py_cpu, py_cpu_time)
            sw_wall, sw_cpu = min(sw_wall, result["seconds"]), min(sw_cpu, result["cpu_seconds"])
        n = len(rows)
        print(f"threads={threads}: python sqlite3 {n / py_wall:7.0f} ex/s, {n / py_cpu:7.0f} ex/CPU-s ({py_matched} matched) | "
              f"SQLToolkit {n / sw_wall:7.0f} ex/s, {n / sw_cpu:7.0f} ex/CPU-s ({result['matched']} matched) | "
              f"ratio swift/python: wall {py_wall / sw_wall:.2f}, CPU {py_cpu / sw_cpu:.2f}")


if __name__ == "__main__":
    main()
