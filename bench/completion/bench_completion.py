"""Completion latency as jupyter_client sees it: the Swift kernel's first completion cold (warm-up disabled)
and warm (after the kernel's background warm-up), and its steady state, beside ipykernel's in the same run.

Usage (from the repository root, after `swift build`):
    .venv/bin/python bench/completion/bench_completion.py [--requests 30]

Cold: a kernel started with SWIFT_DSPY_NO_COMPLETION_WARMUP=1, first complete_request right after it is ready
(the language server starts and loads DSPy, the module names are read). Warm: a normal kernel, first
complete_request once its warm-up has had time to finish (twice the cold figure). Steady: p50 of --requests
completions after that. ipykernel: its first completion after start and its steady p50, same prefixes.
"""
import argparse
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

from jupyter_client.manager import KernelManager

ROOT = pathlib.Path(__file__).resolve().parents[2]
PREFIXES = {"swift": ["Pre", "let x = ChainOf", "[1, 2].so", "pri"], "python3": ["pri", "x = sor", "[1, 2].so", "ran"]}


def install_kernelspec(folder: pathlib.Path) -> None:
    bin_dir = pathlib.Path(subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, check=True,
                                          capture_output=True, text=True).stdout.strip())
    subprocess.run([bin_dir / "swift-dspy", "install-kernel", "--prefix", folder, "--name", "bench-swift"],
                   check=True, capture_output=True)
    os.environ["JUPYTER_PATH"] = str(folder / "share" / "jupyter")


def timed_complete(kc, code: str):
    started = time.perf_counter()
    msg_id = kc.complete(code, len(code))
    while True:
        reply = kc.get_shell_msg(timeout=300)
        if reply["parent_header"]["msg_id"] == msg_id:
            return time.perf_counter() - started, reply["content"]


def session(kernel_name: str, language: str, requests: int, wait: float, env=None):
    """(first completion latency, its reply, steady latencies) for one fresh kernel."""
    km = KernelManager(kernel_name=kernel_name)
    km.start_kernel(env={**os.environ, **(env or {})})
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=120)
        time.sleep(wait)
        first, content = timed_complete(kc, PREFIXES[language][0])
        steady = [timed_complete(kc, PREFIXES[language][i % len(PREFIXES[language])])[0] for i in range(requests)]
        return first, content, steady
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-completion-") as folder:
        install_kernelspec(pathlib.Path(folder))
        cold, cold_reply, _ = session("bench-swift", "swift", 0, 0, env={"SWIFT_DSPY_NO_COMPLETION_WARMUP": "1"})
        warm, warm_reply, steady = session("bench-swift", "swift", args.requests, max(5.0, 2 * cold))
        py_first, _, py_steady = session("python3", "python3", args.requests, 0)
    state = lambda reply: reply["metadata"].get("swift_dspy_language_server")
    print(f"swift first completion, cold (no warm-up): {cold * 1000:8.1f} ms  [{state(cold_reply)}]")
    print(f"swift first completion, warm:              {warm * 1000:8.1f} ms  [{state(warm_reply)}]  "
          f"cold/warm = {cold / warm:.1f}x")
    print(f"swift steady p50 over {args.requests}:              {statistics.median(steady) * 1000:8.1f} ms")
    print(f"ipykernel first completion:                {py_first * 1000:8.1f} ms")
    print(f"ipykernel steady p50 over {args.requests}:          {statistics.median(py_steady) * 1000:8.1f} ms")
    print(f"ratios to ipykernel: warm first {warm / py_first:.2f}x, steady "
          f"{statistics.median(steady) / statistics.median(py_steady):.2f}x, cold first {cold / py_first:.2f}x")


if __name__ == "__main__":
    sys.exit(main())
