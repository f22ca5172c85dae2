#!/usr/bin/env python3
"""LM client throughput: Swift DSPy against Python DSPy 3.4.1, both against one fast local server.

Usage (from the repository root): .venv/bin/python bench/lm/run.py [--calls N] [--python-calls N]
Builds LMBench in release mode, starts its canned-response server on 127.0.0.1, then measures calls/s of
  http     the raw HTTP client alone (the ceiling any LM call can reach on this server and machine),
  lm       LM calls (`lm("...")`, cache off),
  predict  Predict("question -> answer") calls (when the Swift side has Predict),
sequentially and with 16 threads, and prints Swift/Python ratios measured in this one run.
"""
import argparse
import json
import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=20000, help="calls per Swift measurement")
    parser.add_argument("--python-calls", type=int, default=2000, help="calls per Python measurement")
    args = parser.parse_args()

    subprocess.run(["swift", "build", "-c", "release", "--product", "LMBench"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    bin_dir = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.strip()
    bench = pathlib.Path(bin_dir) / "LMBench"
    server = subprocess.Popen([str(bench), "serve"], stdout=subprocess.PIPE, text=True)
    try:
        first = server.stdout.readline().strip()
        api_base = first.removeprefix("listening on ") + "/v1"
        env = dict(os.environ, LITELLM_LOCAL_MODEL_COST_MAP="True", PYTHONWARNINGS="ignore")
        python = json.loads(subprocess.run([sys.executable, str(ROOT / "bench/lm/python_bench.py"), api_base,
                                            str(args.python_calls)], env=env, check=True, capture_output=True,
                                           text=True).stdout)
        swift = json.loads(subprocess.run([str(bench), "client", api_base, str(args.calls)], check=True,
                                          capture_output=True, text=True).stdout)
    finally:
        server.terminate()
        server.wait()

    print(f"{'measure':<24}{'Swift calls/s':>15}{'Python calls/s':>16}{'Swift/Python':>14}")
    for key in sorted(set(swift) | set(python)):
        s, p = swift.get(key), python.get(key)
        ratio = f"{s / p:.1f}x" if s and p else "-"
        print(f"{key:<24}{s or 0:>15.0f}{p or 0:>16.0f}{ratio:>14}")
    for mode in ("sequential", "threads16"):
        if f"lm_{mode}" in swift and f"http_{mode}" in swift:
            print(f"Swift LM reaches {swift[f'lm_{mode}'] / swift[f'http_{mode}']:.0%} of the raw HTTP ceiling ({mode})")


if __name__ == "__main__":
    main()
