"""The whole Text2SQL notebook, cold then warm, through `swift-dspy run`.

Cold: empty LM cache and empty compiled-cell cache (a fresh XDG_CACHE_HOME). Warm: the same run again with
those caches filled. Both runs talk to one `swift-dspy serve` started here, whose access log counts the
HTTP requests that reach the model. LM calls are the cold run's requests (every call misses an empty
cache); cache hits in the warm run are LM calls minus the requests it still made.

Usage: .venv/bin/python bench/notebooks/text2sql_cold_warm.py   (after `swift build`)
"""
import os
import pathlib
import subprocess
import sys
import tempfile
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]


def main() -> int:
    bin_dir = pathlib.Path(subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True,
                                          text=True, check=True).stdout.strip())
    cli = bin_dir / "swift-dspy"
    server = subprocess.Popen([cli, "serve", "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = server.stdout.readline().strip().removeprefix("listening on ") + "/v1"
        requests = []
        threading.Thread(target=lambda: [requests.append(line) for line in server.stderr
                                         if "/completions" in line], daemon=True).start()
        with tempfile.TemporaryDirectory(prefix="text2sql-bench-") as scratch:
            env = {key: value for key, value in os.environ.items()
                   if not key.startswith(("SERVED_MODEL", "JUDGE_MODEL", "COMPARISON_MODEL", "TEXT2SQL_", "DSPY_CACHEDIR"))}
            env.update(SERVED_MODEL_URL=url, SERVED_MODEL_NAME="offline-text2sql", JUDGE_MODEL_URL=url,
                       JUDGE_MODEL_NAME="offline-text2sql", XDG_CACHE_HOME=str(pathlib.Path(scratch) / "cache"),
                       SWIFT_DSPY_CACHE=str(pathlib.Path(scratch) / "swift-dspy"))
            results = []
            for label in ("cold", "warm"):
                before = len(requests)
                started = time.monotonic()
                run = subprocess.run([cli, "run", ROOT / "notebooks" / "Text2SQL.ipynb", "--quiet",
                                      "--output", pathlib.Path(scratch) / f"{label}.ipynb"],
                                     cwd=scratch, env=env, capture_output=True, text=True)
                seconds = time.monotonic() - started
                time.sleep(0.2)  # let the access log catch up
                if run.returncode != 0:
                    print(run.stderr[-2000:], file=sys.stderr)
                    return 1
                results.append((label, seconds, len(requests) - before))
    finally:
        server.terminate()
        server.wait()

    (_, cold_seconds, lm_calls), (_, warm_seconds, warm_requests) = results
    print(f"LM calls in the notebook:        {lm_calls}")
    print(f"cold: {cold_seconds:7.2f} s, {lm_calls} HTTP requests to the model")
    print(f"warm: {warm_seconds:7.2f} s, {warm_requests} HTTP requests to the model, "
          f"{lm_calls - warm_requests} cache hits")
    print(f"warm is {cold_seconds / warm_seconds:.1f}x faster than cold (target: 5x, and 0 requests)")
    return 0 if warm_requests == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
