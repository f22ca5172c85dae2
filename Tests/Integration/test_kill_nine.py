"""Kill -9 anywhere: during an optimizer run in the kernel, SIGKILL the kernel, its cell worker or the model server
once the server has answered a random number of calls. The LM cache and the kernel's history stay intact (SQLite's
integrity check), and the rerun in a fresh kernel repeats no completed call: every request it sends is for a call the
cache did not hold (requests == new cache entries). KILL_NINE_ROUNDS=N runs N rounds per target (outside CI)."""
import os
import pathlib
import random
import re
import signal
import sqlite3
import threading
import time

import pytest
from jupyter_client.manager import start_new_kernel

import kernel_support
from served_model import Server

ROUNDS = int(os.environ.get("KILL_NINE_ROUNDS", "1"))

CELL = """
import DSPy
import SQLToolkit
let models = try ServedModels.configure(temperature: 0, maxTokens: 500)
var loader = DataLoader(seed: 7)
let rows = try loader.sample(try SampleData.text2sql(), n: 20)
let split = try loader.trainTestSplit(rows, trainSize: .count(12), testSize: .count(8), randomState: 7)
let TextToSql = try Signature("sql_prompt, sql_context -> sql")
let searched = try BootstrapFewShotWithRandomSearch(metric: ExecutionAccuracy().metric, maxBootstrappedDemos: 2,
                                                    numCandidatePrograms: 3, numThreads: 4)
    .compile(Predict(TextToSql), trainset: split.train, valset: split.test)
print("searched", searched.candidatePrograms.count, "candidates")
"""


class CountingServer:
    """The offline model server with its access log read live: completions answered so far."""

    def __init__(self, cli):
        self.server = Server(cli, "--latency-ms", "20")
        self.answered = 0
        self.lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.server.process.stderr:
            if re.search(r"POST /v1/chat/completions 200 ", line):
                with self.lock:
                    self.answered += 1

    def count(self):
        with self.lock:
            return self.answered


def worker_pid(kernel_pid):
    """The kernel's `swift-dspy-worker` child."""
    for stat in pathlib.Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            name = stat.read_text().split("(", 1)[1].rsplit(")", 1)[0]
        except OSError:
            continue
        if int(fields[1]) == kernel_pid and name.startswith("swift-dspy-work"):
            return int(stat.parent.name)
    return None


def integrity(path):
    with sqlite3.connect(path) as db:
        return db.execute("PRAGMA integrity_check").fetchone()[0]


def cached_calls(cache_dir):
    with sqlite3.connect(cache_dir / "swift-dspy-cache.sqlite3") as db:
        return db.execute("SELECT count(*) FROM responses").fetchone()[0]


def run_cell(env, timeout):
    """Runs the optimizer cell in a fresh kernel to its end; returns its stdout."""
    km, kc = start_new_kernel(kernel_name=kernel_support.swift_kernel_name(), startup_timeout=60, env=env)
    try:
        reply, iopub = kernel_support.run(kc, CELL)
        assert reply["content"]["status"] == "ok", reply["content"]
        return "".join(m["content"].get("text", "") for m in iopub if m["msg_type"] == "stream")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


@pytest.mark.parametrize("target", ["kernel", "worker", "server"])
@pytest.mark.parametrize("round_", range(ROUNDS))
def test_kill_nine_loses_nothing(target, round_, cli, tmp_path):
    rng = random.Random(f"{target}-{round_}")
    cache_dir = tmp_path / "cache"
    history = tmp_path / "history.sqlite"
    server = CountingServer(cli)
    env = {**os.environ, "SERVED_MODEL_URL": server.server.url + "/v1", "SERVED_MODEL_NAME": "offline-text2sql",
           "DSPY_CACHEDIR": str(cache_dir), "SWIFT_DSPY_HISTORY": str(history)}
    kill_after = rng.randint(3, 40)

    km, kc = start_new_kernel(kernel_name=kernel_support.swift_kernel_name(), startup_timeout=60, env=env)
    try:
        kc.execute(CELL)
        deadline = time.monotonic() + kernel_support.TIMEOUT
        while server.count() < kill_after and time.monotonic() < deadline:
            time.sleep(0.005)
        assert server.count() >= kill_after, f"the run made only {server.count()} calls"
        victim = {"kernel": km.provisioner.process.pid, "worker": worker_pid(km.provisioner.process.pid),
                  "server": server.server.process.pid}[target]
        assert victim, f"no {target} process to kill"
        os.kill(victim, signal.SIGKILL)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    server.server.process.kill()
    answered_before = server.count()

    assert integrity(cache_dir / "swift-dspy-cache.sqlite3") == "ok"
    assert integrity(history) == "ok"
    before = cached_calls(cache_dir)
    assert before <= answered_before, (before, answered_before)

    server = CountingServer(cli)
    env["SERVED_MODEL_URL"] = server.server.url + "/v1"
    output = run_cell(env, kernel_support.TIMEOUT)
    assert re.search(r"searched \d+ candidates", output), output
    after = cached_calls(cache_dir)
    server.server.process.kill()
    assert server.count() == after - before, (
        f"killed the {target} after {answered_before} answers with {before} cached; the rerun sent "
        f"{server.count()} requests for {after - before} new cache entries")
    assert integrity(cache_dir / "swift-dspy-cache.sqlite3") == "ok"
