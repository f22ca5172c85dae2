"""The cell engine through the real kernel and jupyter_client: state, redefinition, diagnostics, crashes,
live output and DSPy displays, as a notebook frontend sees them."""
import time

import pytest

import kernel_support
from kernel_support import ECHO_LM, TIMEOUT, iopub_for, run



@pytest.fixture(scope="module")
def kernel():
    yield from kernel_support.started(kernel_support.swift_kernel_name())


def result_text(messages):
    results = [m for m in messages if m["msg_type"] == "execute_result"]
    return results[0]["content"]["data"]["text/plain"] if results else None


def test_state_and_redefinition_across_cells(kernel):
    _, kc = kernel
    assert run(kc, "var total = 1\nstruct Box { var v = 1 }")[0]["content"]["status"] == "ok"
    assert run(kc, "total += 41")[0]["content"]["status"] == "ok"
    assert result_text(run(kc, "total")[1]) == "42"
    assert run(kc, "struct Box { var w = \"new\" }\nlet total = \"text\"")[0]["content"]["status"] == "ok"
    assert result_text(run(kc, "(Box().w, total)")[1]) == '("new", "text")'


def test_compile_error_is_one_error_output_on_the_users_line(kernel):
    _, kc = kernel
    reply, messages = run(kc, "let fine = 1\nlet broken = fine + nowhere")
    assert reply["content"]["status"] == "error" and reply["content"]["ename"] == "CompilationError"
    errors = [m for m in messages if m["msg_type"] == "error"]
    assert len(errors) == 1
    traceback = "\n".join(errors[0]["content"]["traceback"])
    assert "2 | let broken = fine + nowhere" in traceback and "line 2, column 21" in traceback
    assert "__cell" not in traceback


def test_crash_restarts_the_worker_and_rerun_restores_state(kernel):
    _, kc = kernel
    assert run(kc, "var kept = 7")[0]["content"]["status"] == "ok"
    reply, _ = run(kc, "let numbers = [1]\nprint(numbers[3])")
    assert reply["content"]["ename"] == "WorkerCrashed"
    assert "Index out of range" in reply["content"]["evalue"]
    assert "%rerun" in "\n".join(reply["content"]["traceback"])
    assert run(kc, "%rerun")[0]["content"]["status"] == "ok"
    assert result_text(run(kc, "kept * 6")[1]) == "42"


def test_output_streams_while_the_cell_runs(kernel):
    _, kc = kernel
    msg_id = kc.execute('print("before")\nThread.sleep(forTimeInterval: 1.5)\nprint("after")')
    arrivals = {}
    while True:
        msg = kc.get_iopub_msg(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "stream":
            for word in ("before", "after"):
                if word in msg["content"]["text"]:
                    arrivals[word] = time.monotonic()
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
    kc.get_shell_msg(timeout=TIMEOUT)
    assert arrivals["after"] - arrivals["before"] > 1.0


def test_dspy_evaluate_progress_updates_one_display(kernel):
    _, kc = kernel
    code = ECHO_LM + """
let devset = (0..<4).map { Example(["question": .string("q\\($0)"), "answer": "yes"]).withInputs("question") }
let metric = Metric { example, prediction, _ in example.answer == prediction.answer }
try Evaluate(devset: devset, metric: metric, numThreads: 2, displayProgress: true)(Predict(try Signature("question -> answer"))).score
"""
    reply, messages = run(kc, code)
    assert reply["content"]["status"] == "ok", reply["content"]
    assert result_text(messages) == "100.0"
    shown = [m for m in messages if m["msg_type"] in ("display_data", "update_display_data")]
    ids = {m["content"]["transient"]["display_id"] for m in shown}
    assert len(ids) == 1 and "4/4" in shown[-1]["content"]["data"]["text/plain"]
