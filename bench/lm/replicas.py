#!/usr/bin/env python3
"""Evaluate over replicas of one model: does throughput scale with the replicas, and what does the balancer cost?

Usage (from the repository root): .venv/bin/python bench/lm/replicas.py [--replicas 4] [--examples 800] [--threads 64]
Starts REPLICAS offline model servers (`swift-dspy serve`, each with --slots 4 and 100 ms latency per completion,
like a llama-server with four slots), builds LMBench in release mode, and measures Evaluate's examples/s
  one       on the first replica alone,
  balanced  one LM over all replicas (least outstanding requests),
  pinned    one LM per replica, the devset and threads split by hand (the same work without the balancer),
then prints the scaling (balanced / one; the target is >= 3.5x with four replicas) and the balancer's cost
(1 - balanced / pinned; the target is <= 2%), all measured in this one run.
"""
import argparse
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "Tests/Integration"))
from served_model import Server  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--replicas", type=int, default=4)
    parser.add_argument("--examples", type=int, default=800)
    parser.add_argument("--threads", type=int, default=64)
    args = parser.parse_args()

    subprocess.run(["swift", "build", "-c", "release", "--product", "LMBench"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run(["swift", "build", "--product", "swift-dspy"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    release = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.strip()
    debug = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, check=True, capture_output=True,
                           text=True).stdout.strip()
    servers = [Server(pathlib.Path(debug) / "swift-dspy", "--slots", "4", "--latency-ms", "100", "--quiet")
               for _ in range(args.replicas)]
    try:
        # Evaluate logs its summary lines first; the measures are the last line.
        results = json.loads(subprocess.run(
            [str(pathlib.Path(release) / "LMBench"), "replicas", str(args.examples), str(args.threads),
             *[server.url + "/v1" for server in servers]], check=True, capture_output=True, text=True
        ).stdout.strip().splitlines()[-1])
    finally:
        for server in servers:
            server.stop()

    ceiling = args.replicas * 4 / 0.1
    print(f"{args.replicas} replicas x 4 slots, 100 ms per completion: ceiling {ceiling:.0f} examples/s; "
          f"{args.examples} examples, {args.threads} threads")
    for key in ("one", "balanced", "pinned"):
        print(f"  {key:<10}{results[key]:>8.1f} examples/s")
    print(f"scaling balanced/one: {results['balanced'] / results['one']:.2f}x (target >= 3.5x)")
    print(f"balancer cost 1 - balanced/pinned: {100 * (1 - results['balanced'] / results['pinned']):.1f}% (target <= 2%)")


if __name__ == "__main__":
    main()
