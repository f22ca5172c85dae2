"""The Swift kernel end to end through jupyter_client: input, interrupts in both modes, stop_on_error, shutdown."""
import json
import time

import pytest
from jupyter_client.manager import start_new_kernel

import kernel_support
from kernel_support import TIMEOUT, iopub_for, run



@pytest.fixture(scope="module")
def kernel():
    yield from kernel_support.started(kernel_support.swift_kernel_name())


def test_readline_asks_the_frontend(kernel):
    _, kc = kernel
    msg_id = kc.execute('let name = readLine() ?? "nobody"\nprint("hello, \\(name)")', allow_stdin=True)
    request = kc.get_stdin_msg(timeout=TIMEOUT)
    assert request["msg_type"] == "input_request"
    kc.input("Ada")
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    assert reply["parent_header"]["msg_id"] == msg_id and reply["content"]["status"] == "ok"
    text = "".join(m["content"]["text"] for m in iopub_for(kc, msg_id)
                   if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")
    assert text == "hello, Ada\n"


def test_interrupt_message_stops_a_running_cell(kernel):
    km, kc = kernel
    msg_id = kc.execute("import Foundation\nwhile true { Thread.sleep(forTimeInterval: 0.01) }")
    time.sleep(3)
    km.interrupt_kernel()
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    assert reply["parent_header"]["msg_id"] == msg_id and reply["content"]["status"] == "error"
    iopub_for(kc, msg_id)
    after, _ = run(kc, "40 + 2")
    assert after["content"]["status"] == "ok"


def test_stop_on_error_aborts_queued_cells(kernel):
    _, kc = kernel
    failing = kc.execute("let oops: Int = ")
    queued = kc.execute('print("must not run")')
    replies = kernel_support.reply_statuses(kc, 2)
    assert replies == {failing: "error", queued: "aborted"}


def test_signal_interrupt_and_shutdown(tmp_path):
    name = kernel_support.swift_kernel_name()
    spec_path = kernel_support.kernelspec_path(name)
    spec = json.loads(spec_path.read_text())
    signal_name = name + "-signal"
    signal_spec = kernel_support.kernelspec_path(signal_name)
    signal_spec.parent.mkdir(parents=True, exist_ok=True)
    signal_spec.write_text(json.dumps(dict(spec, interrupt_mode="signal")))
    km, kc = start_new_kernel(kernel_name=signal_name, startup_timeout=60)
    try:
        msg_id = kc.execute("import Foundation\nwhile true { Thread.sleep(forTimeInterval: 0.01) }")
        time.sleep(3)
        km.interrupt_kernel()
        reply = kc.get_shell_msg(timeout=TIMEOUT)
        assert reply["parent_header"]["msg_id"] == msg_id and reply["content"]["status"] == "error"
        kernel_support.shut_down_and_wait(km, kc, seconds=15)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def test_history_outlives_a_restart(tmp_path, monkeypatch):
    """As in IPython, a restarted kernel starts a new history session and still answers for the earlier one."""
    monkeypatch.setenv("SWIFT_DSPY_HISTORY", str(tmp_path / "history.sqlite"))
    km, kc = start_new_kernel(kernel_name=kernel_support.swift_kernel_name(), startup_timeout=60)
    try:
        kc.execute_interactive("let before = 1", timeout=TIMEOUT)
        km.restart_kernel(now=False)
        kc.wait_for_ready(timeout=60)
        kc.execute_interactive("let after = 2", timeout=TIMEOUT)
        kc.history(hist_access_type="tail", n=2, output=False, raw=True)
        tail = kc.get_shell_msg(timeout=TIMEOUT)["content"]["history"]
        assert [entry[2] for entry in tail] == ["let before = 1", "let after = 2"]
        assert tail[1][0] == tail[0][0] + 1, "the restarted kernel is the next session"
        kc.history(hist_access_type="range", session=-1, start=1, output=False, raw=True)
        previous = kc.get_shell_msg(timeout=TIMEOUT)["content"]["history"]
        assert previous == [[tail[0][0], 1, "let before = 1"]]
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
