#!/usr/bin/env python3
"""Embeddings retrieval: swift-dspy's `Embeddings` against Python DSPy 3.4.1's `dspy.retrievers.Embeddings` with
NumPy (brute force, no FAISS), in the same run, over the same vectors.

--passages random unit-scale vectors (seeded NumPy normals, float32, --dimension long) stand for the passages and
--queries more for the queries; each side gets an embedder that looks the vectors up, so only the index is
measured. Index build: the embedder's batches, normalization and the index (Swift: in memory, and into an SQLite
file; Python: in memory, DSPy keeps no file). Query: one top-10 search, the query's embedding included, median and
mean over the queries. Both sides must return the same top 10 for every query. Memory: each process's peak
resident set (VmHWM), corpus vectors included. Ratios above 1 mean Swift is faster.

    .venv/bin/python bench/retrieval/run.py [--passages 100000] [--dimension 384] [--queries 200] [--configuration release]
"""
import argparse
import json
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[2]


def build_driver(configuration):
    subprocess.run(["swift", "build", "-c", configuration, "--product", "RetrievalBench"], cwd=ROOT, check=True,
                   capture_output=True)
    bin_dir = subprocess.run(["swift", "build", "-c", configuration, "--show-bin-path"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.strip()
    return pathlib.Path(bin_dir) / "RetrievalBench"


PYTHON_SIDE = r"""
import json, sys, time, numpy as np, dspy
path, count, dim, qpath, qcount = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
corpus_vectors = np.fromfile(path, dtype=np.float32).reshape(count, dim)
query_vectors = np.fromfile(qpath, dtype=np.float32).reshape(qcount, dim)
def lookup(texts):
    return np.stack([corpus_vectors[int(t[1:])] if t[0] == "p" else query_vectors[int(t[1:])] for t in texts])
embedder = dspy.Embedder(lookup, batch_size=200)
corpus = [f"p{i}" for i in range(count)]
started = time.perf_counter()
index = dspy.retrievers.Embeddings(corpus=corpus, embedder=embedder, k=10, brute_force_threshold=count + 1)
build = time.perf_counter() - started
seconds, top = [], []
for q in range(qcount):
    started = time.perf_counter()
    found = index(f"q{q}")
    seconds.append(time.perf_counter() - started)
    top.append(found.indices)
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:")) / 1024
print(json.dumps({"build_s": build, "query_s": seconds, "top10": top, "peak_rss_mib": peak}))
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--dimension", type=int, default=384)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--configuration", default="release")
    args = parser.parse_args()

    driver = build_driver(args.configuration)
    with tempfile.TemporaryDirectory() as work:
        work = pathlib.Path(work)
        rng = np.random.default_rng(0)
        rng.standard_normal((args.passages, args.dimension), dtype=np.float32).tofile(work / "corpus.f32")
        rng.standard_normal((args.queries, args.dimension), dtype=np.float32).tofile(work / "queries.f32")
        common = [str(work / "corpus.f32"), str(args.passages), str(args.dimension), str(work / "queries.f32"),
                  str(args.queries)]
        swift = json.loads(subprocess.run([str(driver), *common, str(work / "index.sqlite")], check=True,
                                          capture_output=True, text=True).stdout)
        python = json.loads(subprocess.run([sys.executable, "-c", PYTHON_SIDE, *common], check=True,
                                           capture_output=True, text=True,
                                           env={"LITELLM_LOCAL_MODEL_COST_MAP": "True", "PATH": "/usr/bin:/bin"}).stdout)

    agree = sum(s == p for s, p in zip(swift["top10"], python["top10"]))
    print(f"{args.passages:,} passages x {args.dimension} dims, {args.queries} top-10 queries, Swift {args.configuration}")
    print(f"same top 10 on {agree} of {args.queries} queries")
    print(f"index build   Swift {swift['build_s']:.3f} s in memory, {swift['persisted_build_s']:.3f} s into SQLite | "
          f"Python+NumPy {python['build_s']:.3f} s in memory | ratio (in memory) {python['build_s'] / swift['build_s']:.2f}x")
    for name, pick in (("median", statistics.median), ("mean", statistics.mean)):
        s, p = pick(swift["query_s"]) * 1000, pick(python["query_s"]) * 1000
        print(f"query {name:6}  Swift {s:.2f} ms | Python+NumPy {p:.2f} ms | ratio {p / s:.2f}x")
    print(f"peak memory   Swift {swift['peak_rss_mib']:.0f} MiB | Python+NumPy {python['peak_rss_mib']:.0f} MiB "
          f"(corpus vectors alone: {args.passages * args.dimension * 4 / 2**20:.0f} MiB)")


if __name__ == "__main__":
    main()
