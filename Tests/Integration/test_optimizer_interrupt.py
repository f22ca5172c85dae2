"""An interrupted MIPROv2 or GEPA cell, run again, goes on from the LM cache (issue 16): the cell shows its progress
while it runs, the interrupt lands mid-run and the kernel keeps its state, and the second run repeats no request and
chooses the program an uninterrupted run chooses. Each run talks to its own arithmetic server (the optimizers'
deterministic fixture; its proposals depend on how often it was asked), which records every request it receives."""
import json
import pathlib
import subprocess
import sys
import time
import urllib.request

import pytest

import kernel_support
from kernel_support import TIMEOUT, iopub_for
from test_cell_interrupt import result_of, run_ok, worker_pid

SERVER = kernel_support.ROOT / "Tests/DSPyOptimizerTests/Fixtures/arithmetic_server.py"

# Sums, an exact-match metric and its feedback form, the chosen program in words, and one run of each optimizer,
# each with its own cache folder and server.
DEFINITIONS = r"""
let sums = (60..<74).map { i -> Example in
    let a = (i * 37) % 91, b = (i * 53) % 67
    return Example(["question": .string("What is \(a) + \(b)?"), "answer": .string(String(a + b))]).withInputs("question")
}
let trainset = Array(sums[..<8]), valset = Array(sums[8...])
let exact = Metric(name: "exact") { example, prediction, _ -> Double in example.answer == prediction.answer ? 1 : 0 }
let feedback = FeedbackMetric(name: "feedback") { gold, prediction, _, _, _ in
    gold.answer == prediction.answer ? ScoreWithFeedback(score: 1, feedback: "Correct.")
        : ScoreWithFeedback(score: 0, feedback: "Wrong: expected \(gold.answer), got \(prediction.answer).")
}
func chosen(_ program: Module) -> String {
    program.predictors().map { "\($0.signature.instructions) + \($0.demos.count) demos" }.joined(separator: "\n")
}
func miproRun(_ url: String, cache: String) throws -> String {
    try configureCache(diskCacheDir: cache)
    return try context(lm: LM("openai/arithmetic", apiBase: url + "/v1", apiKey: "x")) {
        var options = MIPROv2.Options(numTrials: 6)
        options.minibatch = false
        return chosen(try MIPROv2(metric: exact, maxBootstrappedDemos: 1, maxLabeledDemos: 1, auto: nil,
                                  numCandidates: 3, numThreads: 4)
            .compile(ChainOfThought("question -> answer"), trainset: trainset, valset: valset, options: options))
    }
}
func gepaRun(_ url: String, cache: String) throws -> String {
    try configureCache(diskCacheDir: cache)
    let lm = LM("openai/arithmetic", apiBase: url + "/v1", apiKey: "x")
    return try context(lm: lm) {
        chosen(try GEPA(metric: feedback, maxMetricCalls: 40, reflectionLM: lm, reflectionMinibatchSize: 2,
                        useMerge: false, numThreads: 4)
            .compile(ChainOfThought("question -> answer"), trainset: trainset, valset: valset))
    }
}
"""


class RecordingServer:
    """The arithmetic server with `latency` seconds per call, recording each request body."""

    def __init__(self, folder, latency):
        self.record = folder / f"requests-{time.monotonic_ns()}.jsonl"
        self.process = subprocess.Popen([sys.executable, str(SERVER), "--latency", str(latency), "--record",
                                         str(self.record)], stdout=subprocess.PIPE, text=True)
        self.url = self.process.stdout.readline().split()[-1]

    def calls(self):
        return json.load(urllib.request.urlopen(self.url + "/stats"))["calls"]

    def bodies(self):
        return self.record.read_text().splitlines() if self.record.exists() else []

    def stop(self):
        self.process.kill()
        self.process.wait()


@pytest.fixture(scope="module")
def kernel():
    yield from kernel_support.started(kernel_support.swift_kernel_name())


@pytest.fixture(scope="module")
def defined(kernel):
    run_ok(kernel[1], DEFINITIONS)
    return kernel


def interrupt_when(km, kc, code, ready):
    """Runs `code` and interrupts it once `ready(stdout so far)` holds; returns the stdout, the progress bars shown
    (their text form) and the reply's content."""
    msg_id = kc.execute(code)
    text, bars, deadline = "", [], time.monotonic() + TIMEOUT
    while not ready(text):
        assert time.monotonic() < deadline, f"never ready; the cell printed:\n{text}"
        msg = kc.get_iopub_msg(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        assert not (kind == "status" and msg["content"]["execution_state"] == "idle"), f"the cell ended first:\n{text}"
        if kind == "stream":
            text += msg["content"]["text"]
        elif kind in ("display_data", "update_display_data"):
            bars.append(msg["content"]["data"]["text/plain"])
    km.interrupt_kernel()
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    assert reply["parent_header"]["msg_id"] == msg_id
    iopub_for(kc, msg_id)
    return text, bars, reply["content"]


@pytest.mark.parametrize("optimizer, ready, bar", [
    # MIPROv2 logs each trial ("===== Trial n / N =====", "Best score so far") under Evaluate's bar; interrupted in
    # its third trial.
    ("miproRun", lambda text: "===== Trial 3 / 6 =====" in text and "Best score so far: " in text, "Average Metric: "),
    # GEPA logs the base program's score and each iteration under its bar over metric calls; interrupted once the
    # first iteration has proposed an instruction.
    ("gepaRun", lambda text: "Base program full valset score" in text and "Iteration 1: Proposed new text" in text,
     "GEPA Optimization: "),
])
def test_an_interrupted_optimizer_cell_run_again_goes_on_from_the_cache(defined, tmp_path, optimizer, ready, bar):
    km, kc = defined
    reference_server, server = RecordingServer(tmp_path, 0), RecordingServer(tmp_path, 0.05)
    try:
        _, messages = run_ok(kc, f'try {optimizer}("{reference_server.url}", cache: "{tmp_path / "reference"}")')
        reference, reference_bodies = result_of(messages), reference_server.bodies()

        pid = worker_pid(km)
        code = f'let chosenProgram = try {optimizer}("{server.url}", cache: "{tmp_path / "cache"}")'
        _, bars, content = interrupt_when(km, kc, code, ready)
        assert content["ename"] == "Interrupted", content
        assert any(shown.startswith(bar) for shown in bars), bars
        time.sleep(0.2)  # the calls in flight at the interrupt finish and are cached
        before = server.calls()
        assert 0 < before < len(reference_bodies), f"{before} of {len(reference_bodies)} calls before the interrupt"
        assert worker_pid(km) == pid, "the worker kept its state"

        run_ok(kc, code)
        assert result_of(run_ok(kc, "chosenProgram")[1]) == reference
        # The same requests as one uninterrupted run, as often: none repeated. (A body can recur within one run:
        # MIPROv2's proposer keys calls apart by a rollout id, which DSPy does not send.)
        assert sorted(server.bodies()) == sorted(reference_bodies), "the two runs together asked what one run asks"
    finally:
        reference_server.stop()
        server.stop()
