"""Random search (the notebook's settings: 2 bootstrapped demos, 8 candidates, 75 train, 25 validation, a judge
metric) with Swift DSPy and Python DSPy 3.4.1, against one local server that adds 100 ms to every call, cache off.

Usage (from the repository root, after `swift build --product OptimizerBench`):
    .venv/bin/python bench/optimizers/run.py [--latency 0.1] [--threads 5 16]
Prints, per thread count: wall time, LM calls and chosen candidate of each, the floor (calls × latency ÷ threads)
and the ratios Swift/floor and Python/Swift.
"""
import argparse
import json
import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
SERVER = ROOT / "Tests/DSPyOptimizerTests/Fixtures/arithmetic_server.py"


def bin_dir():
    out = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True, check=True)
    return pathlib.Path(out.stdout.strip())


def run_json(command):
    env = dict(os.environ, LITELLM_LOCAL_MODEL_COST_MAP="True")
    out = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env)
    if out.returncode != 0:
        sys.exit(f"{command[0]} failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--threads", type=int, nargs="+", default=[5, 16])
    args = parser.parse_args()
    bench = bin_dir() / "OptimizerBench"
    if not bench.exists():
        sys.exit(f"{bench} is missing: run `swift build --product OptimizerBench` first")
    server = subprocess.Popen([sys.executable, str(SERVER), "--latency", str(args.latency)], stdout=subprocess.PIPE, text=True)
    try:
        url = server.stdout.readline().split()[-1]
        for threads in args.threads:
            swift = run_json([str(bench), url, str(threads)])
            python = run_json([sys.executable, str(ROOT / "bench/optimizers/python_random_search.py"), url, str(threads)])
            swift_floor = swift["calls"] * args.latency / threads
            python_floor = python["calls"] * args.latency / threads
            print(f"threads={threads} latency={args.latency * 1000:.0f}ms")
            print(f"  swift : {swift['wall']:6.2f} s  {swift['calls']} calls  chosen seed {swift['chosen']}  floor {swift_floor:.2f} s")
            print(f"  python: {python['wall']:6.2f} s  {python['calls']} calls  chosen seed {python['chosen']}  floor {python_floor:.2f} s")
            print(f"  swift/floor = {swift['wall'] / swift_floor:.2f}x   python/swift = {python['wall'] / swift['wall']:.2f}x   "
                  f"same choice: {swift['chosen'] == python['chosen']}   same scores: {swift['scores'] == python['scores']}")
    finally:
        server.kill()
        server.wait()


if __name__ == "__main__":
    main()
