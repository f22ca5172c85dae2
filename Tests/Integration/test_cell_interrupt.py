"""Interrupting a cell through the real kernel and jupyter_client (issue 15, item 2): synchronous code stops
and every earlier cell keeps its values in the same worker; where a cell cannot be stopped safely the worker
restarts, and `%rerun` re-runs only the cells that set or use lost values, their LM calls answered from the
cache (the model server sees each request once)."""
import os
import pathlib
import re
import tempfile
import time

import pytest

import kernel_support
from kernel_support import ECHO_LM, TIMEOUT, iopub_for
from served_model import Server

# The repro cells, verbatim.
SYNCHRONOUS_CELLS = [
    "while true {}",
    "var s = 0; for i in 0..<Int.max { s &+= i }",
    "Thread.sleep(forTimeInterval: 10)",
]


def worker_pid(km):
    """The pid of the kernel's cell worker (its child `swift-dspy-worker`)."""
    kernel = km.provisioner.process.pid
    for task in pathlib.Path(f"/proc/{kernel}/task").iterdir():
        for child in (task / "children").read_text().split():
            if pathlib.Path(f"/proc/{child}/comm").read_text().startswith("swift-dspy-work"):
                return int(child)
    raise AssertionError("the kernel has no cell worker")


def cell_libraries(pid):
    """The compiled cells the worker has loaded."""
    return set(re.findall(r"/libCell\d+\.so", pathlib.Path(f"/proc/{pid}/maps").read_text()))


def run_ok(kc, code):
    msg_id = kc.execute(code)
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    messages = iopub_for(kc, msg_id)
    assert reply["content"]["status"] == "ok", reply["content"]
    return reply, messages


def stdout_of(messages):
    return "".join(m["content"]["text"] for m in messages if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")


def result_of(messages):
    return next(m["content"]["data"]["text/plain"] for m in messages if m["msg_type"] == "execute_result")


def interrupt_running(km, kc, code):
    """Runs `code`, interrupts it once the worker has loaded it and it ran for half a second, and returns the
    reply with the seconds from the interrupt to the reply."""
    pid = worker_pid(km)
    before = cell_libraries(pid)
    msg_id = kc.execute(code)
    deadline = time.monotonic() + TIMEOUT
    while not cell_libraries(pid) - before:
        assert time.monotonic() < deadline, "the cell never started"
        time.sleep(0.02)
    time.sleep(0.5)
    interrupted_at = time.monotonic()
    km.interrupt_kernel()
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    elapsed = time.monotonic() - interrupted_at
    assert reply["parent_header"]["msg_id"] == msg_id
    iopub_for(kc, msg_id)
    return reply, elapsed


@pytest.fixture(scope="module")
def kernel():
    yield from kernel_support.started(kernel_support.swift_kernel_name())


def test_interrupting_synchronous_code_keeps_every_earlier_value(kernel):
    km, kc = kernel
    run_ok(kc, "var kept = 41\nlet words = [\"a\", \"b\"]\nstruct Point { var x: Int }")
    run_ok(kc, ECHO_LM)
    pid = worker_pid(km)
    expected = 41
    # Twice through the three kinds, so that interrupts follow each other on fresh cell threads.
    for code in SYNCHRONOUS_CELLS * 2:
        reply, elapsed = interrupt_running(km, kc, code)
        content = reply["content"]
        assert content["status"] == "error" and content["ename"] == "Interrupted", content
        assert "Earlier cells' values are kept" in content["evalue"], content
        # The host stops the worker only 2 s after the interrupt; the worker stopped the cell long before.
        assert elapsed < 1.5, f"{code}: {elapsed:.2f} s"
        assert worker_pid(km) == pid, f"{code}: the worker restarted"
        expected += 1
        _, messages = run_ok(kc, 'kept += 1\nprint("kept", kept)\n'
                                 '(words.count, Point(x: kept).x, try Predict(try Signature("question -> answer"))(question: "q").answer)')
        assert stdout_of(messages) == f"kept {expected}\n"
        assert result_of(messages) == f'(2, {expected}, yes)'


def test_a_cell_waiting_on_something_that_ignores_cancellation_is_abandoned(kernel):
    km, kc = kernel
    run_ok(kc, "let survivor = \"here\"")
    pid = worker_pid(km)
    reply, elapsed = interrupt_running(km, kc, "await withUnsafeContinuation { (_: UnsafeContinuation<Void, Never>) in }")
    assert reply["content"]["ename"] == "Interrupted" and elapsed < 1.5, reply["content"]
    assert worker_pid(km) == pid
    _, messages = run_ok(kc, "survivor")
    assert result_of(messages) == '"here"'


@pytest.fixture(scope="module")
def model_server(cli):
    server = Server(cli)
    yield server
    if server.process.poll() is None:
        server.stop()


@pytest.fixture(scope="module")
def cached_kernel():
    """A kernel whose DSPy disk cache starts empty, in a folder of its own."""
    with tempfile.TemporaryDirectory(prefix="swift-dspy-cache-") as cache:
        yield from kernel_support.started(kernel_support.swift_kernel_name(),
                                          env={**os.environ, "DSPY_CACHEDIR": cache})


def test_a_cell_that_cannot_stop_safely_restarts_the_worker_and_rerun_repeats_only_cells_with_values(
        cached_kernel, model_server):
    km, kc = cached_kernel
    counts = {}

    def cell(name, code):
        reply, messages = run_ok(kc, code)
        counts[name] = reply["content"]["execution_count"]
        return messages

    cell("lm", f'let lm = LM("openai/offline-text2sql", apiBase: "{model_server.url}/v1", apiKey: "x")')
    cell("configure", "configure(lm: lm)")
    cell("function", "func shout(_ text: String) -> String { text.uppercased() }")
    cell("first", 'let first = try Predict(try Signature("question -> answer"))(question: "How many singers are there?").answer')
    cell("print", 'print("nothing to keep")')
    cell("answers", "var answers = [first]")
    cell("append", 'answers.append(try Predict(try Signature("question -> answer"))(question: "List the stadiums.").answer)')
    before = result_of(cell("show", "answers"))
    pid = worker_pid(km)

    # Blocked in a semaphore (inside libdispatch and the kernel's futex): never a point where the thread may
    # be parked, so the host stops the worker once its grace of 2 s passed.
    reply, elapsed = interrupt_running(km, kc, "let gate = DispatchSemaphore(value: 0)\ngate.wait()")
    content = reply["content"]
    assert content["ename"] == "Interrupted" and "did not stop within 2" in content["evalue"], content
    assert elapsed >= 2
    traceback = "\n".join(content["traceback"])
    assert "Lost: the values of" in traceback and "answers" in traceback and "%rerun" in traceback
    assert worker_pid(km) != pid

    _, messages = run_ok(kc, "%rerun")
    text = stdout_of(messages)
    rerun = [int(n) for n in re.findall(r"re-running cell \[(\d+)\]", text)]
    assert rerun == [counts[name] for name in ("lm", "configure", "first", "answers", "append", "show")], text
    assert f"not re-run, as they set and use no variable: [{counts['function']}], [{counts['print']}]" in text
    _, messages = run_ok(kc, "(answers.count, shout(\"ok\"))")
    assert result_of(messages) == '(2, "OK")'
    _, messages = run_ok(kc, "answers")
    assert result_of(messages) == before

    _, log = model_server.stop()
    requests = [line for line in log.splitlines() if "POST /v1/chat/completions" in line]
    # Two LM calls were made; the re-run ones came from the disk cache.
    assert len(requests) == 2, log
