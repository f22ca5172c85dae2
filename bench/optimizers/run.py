"""Optimizers with Swift DSPy and Python DSPy 3.4.1 on arithmetic data, against one local server that adds 100 ms to
every call, cache off: the notebook's random search (2 bootstrapped demos, 8 candidates, 75 train, 25 validation, a
judge metric), MIPROv2 auto="light" (70 sums) and GEPA auto="light" (20 + 20 sums, a feedback metric).

Usage (from the repository root, after `swift build --product OptimizerBench`):
    .venv/bin/python bench/optimizers/run.py [--latency 0.1] [--threads 5 16] [--optimizers random-search mipro gepa]
Prints, per optimizer and thread count: wall time and LM calls of each side, the floor (calls × latency ÷ threads),
the seconds with at least one call in flight at the server (what the optimizer's own schedule takes when the client
costs nothing: MIPROv2 and GEPA have serial steps, where fewer calls than threads are in flight) and the rest (the
client's own time), the ratios Swift/floor, Swift/in-flight and Python/Swift, and whether both chose the same program;
exits non-zero when they did not.
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
    parser.add_argument("--optimizers", nargs="+", default=["random-search", "mipro", "gepa"],
                        choices=["random-search", "mipro", "gepa"])
    args = parser.parse_args()
    bench = bin_dir() / "OptimizerBench"
    if not bench.exists():
        sys.exit(f"{bench} is missing: run `swift build --product OptimizerBench` first")
    server = subprocess.Popen([sys.executable, str(SERVER), "--latency", str(args.latency)], stdout=subprocess.PIPE, text=True)
    all_same = True
    try:
        url = server.stdout.readline().split()[-1]
        for name in args.optimizers:
            for threads in args.threads:
                python = run_json([sys.executable, str(ROOT / "bench/optimizers/python_optimizers.py"), url, str(threads), name])
                swift = run_json([str(bench), url, str(threads), name] + ([python["programCode"]] if "programCode" in python else []))
                same = swift["chosen"] == python["chosen"] and swift.get("scores") == python.get("scores")
                all_same &= same
                print(f"{name} threads={threads} latency={args.latency * 1000:.0f}ms")
                for side, result in (("swift", swift), ("python", python)):
                    floor = result["calls"] * args.latency / threads
                    print(f"  {side:6}: {result['wall']:6.2f} s  {result['calls']} calls  floor {floor:.2f} s  "
                          f"a call in flight {result['busy']:.2f} s  none {result['wall'] - result['busy']:.2f} s")
                swift_floor = swift["calls"] * args.latency / threads
                print(f"  swift/floor = {swift['wall'] / max(swift_floor, 1e-9):.2f}x   "
                      f"swift/in-flight = {swift['wall'] / max(swift['busy'], 1e-9):.2f}x   "
                      f"python/swift = {python['wall'] / swift['wall']:.2f}x   same program chosen: {same}")
    finally:
        server.kill()
        server.wait()
    if not all_same:
        sys.exit("Swift and Python DSPy chose different programs")


if __name__ == "__main__":
    main()
