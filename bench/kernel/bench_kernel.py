"""Kernel start-up and trivial execute round trips, as jupyter_client sees them, beside ipykernel in the same run.

Usage (from the repository root, after `swift build`):
    .venv/bin/python bench/kernel/bench_kernel.py [--cells 200] [--starts 5] [--kernels swift,toy]

For each kernel: the time from starting the process to the first kernel_info_reply (median of --starts), and
the p50/p99 of execute → execute_reply + idle over --cells trivial cells; every figure is also printed as a
ratio to ipykernel's.
"""
import argparse
import json
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from jupyter_client.manager import KernelManager

ROOT = pathlib.Path(__file__).resolve().parents[2]
TRIVIAL = {"python3": "1 + 1", "swift": "1 + 1", "toy": "1 + 1"}


def install_kernelspecs(folder: pathlib.Path) -> dict:
    bin_dir = pathlib.Path(subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, check=True,
                                          capture_output=True, text=True).stdout.strip())
    subprocess.run([bin_dir / "swift-dspy", "install-kernel", "--prefix", folder, "--name", "bench-swift"],
                   check=True, capture_output=True)
    toy = folder / "share" / "jupyter" / "kernels" / "bench-toy"
    toy.mkdir(parents=True, exist_ok=True)
    (toy / "kernel.json").write_text(json.dumps({"argv": [str(bin_dir / "ToyKernel"), "-f", "{connection_file}"],
                                                 "display_name": "Toy", "language": "toy"}))
    os.environ["JUPYTER_PATH"] = str(folder / "share" / "jupyter")
    return {"python3": "python3", "swift": "bench-swift", "toy": "bench-toy"}


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def start_time(kernel_name: str) -> float:
    km = KernelManager(kernel_name=kernel_name)
    started = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)  # sends kernel_info_request until the first reply
        return time.perf_counter() - started
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def round_trips(kernel_name: str, code: str, cells: int) -> list:
    km = KernelManager(kernel_name=kernel_name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        times = []
        for _ in range(cells):
            started = time.perf_counter()
            reply = kc.execute_interactive(code, timeout=60, output_hook=lambda msg: None)
            times.append(time.perf_counter() - started)
            assert reply["content"]["status"] == "ok", reply["content"]
        return times
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cells", type=int, default=200)
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--kernels", default="swift,toy")
    args = parser.parse_args()
    folder = pathlib.Path(tempfile.mkdtemp(prefix="bench-kernels-"))
    try:
        names = install_kernelspecs(folder)
        results = {}
        for language in ["python3"] + args.kernels.split(","):
            starts = [start_time(names[language]) for _ in range(args.starts)]
            trips = round_trips(names[language], TRIVIAL[language], args.cells)
            results[language] = {"start": statistics.median(starts), "p50": percentile(trips, 0.5),
                                 "p99": percentile(trips, 0.99)}
        reference = results["python3"]
        print(f"{'kernel':10} {'start s':>9} {'x ipyk':>7} {'p50 ms':>8} {'x ipyk':>7} {'p99 ms':>8} {'x ipyk':>7}")
        for language, r in results.items():
            label = "ipykernel" if language == "python3" else language
            print(f"{label:10} {r['start']:9.3f} {r['start'] / reference['start']:7.2f} "
                  f"{r['p50'] * 1000:8.1f} {r['p50'] / reference['p50']:7.2f} "
                  f"{r['p99'] * 1000:8.1f} {r['p99'] / reference['p99']:7.2f}")
        print(f"({args.cells} cells of `1 + 1` per kernel; start = median of {args.starts} starts to the first "
              f"kernel_info_reply)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
