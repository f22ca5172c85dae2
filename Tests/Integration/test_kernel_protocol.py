"""The kernel's protocol server, driven by jupyter_client against the toy-language kernel (Tests/ToyKernel)."""
import os
import signal
import time

import pytest
from jupyter_client.manager import start_new_kernel

import kernel_support
from kernel_support import iopub_for, run

TIMEOUT = 15


@pytest.fixture(scope="module")
def kernel():
    yield from kernel_support.started(kernel_support.toy_kernel_name("message"))


def types(messages):
    return [m["msg_type"] if m["msg_type"] != "status" else m["content"]["execution_state"] for m in messages]


def test_kernel_info(kernel):
    _, kc = kernel
    kc.kernel_info()
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    content = reply["content"]
    assert reply["header"]["version"] == "5.3"
    assert content["protocol_version"] == "5.3"
    assert content["implementation"] == "toy-kernel"
    assert content["language_info"]["file_extension"] == ".toy"
    assert content["help_links"] and content["banner"]


def test_execute_publishes_in_order_with_a_result(kernel):
    _, kc = kernel
    reply, messages = run(kc, "print hello, world\n2 * (3 + 4)")
    assert reply["content"]["status"] == "ok"
    assert types(messages) == ["busy", "execute_input", "stream", "execute_result", "idle"]
    assert messages[2]["content"] == {"name": "stdout", "text": "hello, world\n"}
    result = messages[3]["content"]
    assert result["data"] == {"text/plain": "14"}
    assert result["execution_count"] == reply["content"]["execution_count"] == messages[1]["content"]["execution_count"]


def test_execution_count_counts_only_stored_cells(kernel):
    _, kc = kernel
    first, _ = run(kc, "1")
    silent, messages = run(kc, "1", silent=True)
    unstored, _ = run(kc, "1", store_history=False)
    second, _ = run(kc, "1")
    assert types(messages) == ["busy", "idle"]
    assert silent["content"]["execution_count"] == unstored["content"]["execution_count"] == first["content"]["execution_count"]
    assert second["content"]["execution_count"] == first["content"]["execution_count"] + 1


def test_stderr_display_update_and_clear(kernel):
    _, kc = kernel
    _, messages = run(kc, "eprint oops\nhtml <b>bold</b>\ndisplay progress 1%\nupdate progress 100%\nclear")
    assert types(messages) == ["busy", "execute_input", "stream", "display_data", "display_data",
                               "update_display_data", "clear_output", "idle"]
    assert messages[2]["content"]["name"] == "stderr"
    assert messages[3]["content"]["data"]["text/html"] == "<b>bold</b>"
    assert messages[4]["content"]["transient"] == {"display_id": "progress"}
    assert messages[5]["content"]["transient"] == {"display_id": "progress"}
    assert messages[5]["content"]["data"] == {"text/plain": "100%"}
    assert messages[6]["content"] == {"wait": False}


def test_error_reply_and_output(kernel):
    _, kc = kernel
    reply, messages = run(kc, "fail broken")
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "ToyError" and reply["content"]["evalue"] == "broken"
    assert types(messages) == ["busy", "execute_input", "error", "idle"]
    assert messages[2]["content"]["traceback"] == ["ToyError: broken"]


def test_user_expressions(kernel):
    _, kc = kernel
    reply, _ = run(kc, "let y = 6", user_expressions={"double": "y * 2", "bad": "nope"})
    expressions = reply["content"]["user_expressions"]
    assert expressions["double"]["data"] == {"text/plain": "12"}
    assert expressions["bad"]["status"] == "error"


def test_stop_on_error_aborts_queued_requests(kernel):
    _, kc = kernel
    failing = kc.execute("sleep 0.3\nfail first")
    queued = [kc.execute("bump"), kc.execute("bump")]
    replies = kernel_support.reply_statuses(kc, 3)
    assert replies[failing] == "error"
    assert [replies[m] for m in queued] == ["aborted", "aborted"]
    # The aborted bumps never ran; once the queue has drained, requests run again.
    reply, _ = run(kc, "bump", user_expressions={"x": "counter"})
    assert reply["content"]["status"] == "ok"
    assert reply["content"]["user_expressions"]["x"]["data"]["text/plain"] == "1"


def test_stop_on_error_false_keeps_the_queue(kernel):
    _, kc = kernel
    failing = kc.execute("fail first", stop_on_error=False)
    following = kc.execute("1 + 1")
    replies = kernel_support.reply_statuses(kc, 2)
    assert replies == {failing: "error", following: "ok"}


def test_complete_inspect_is_complete(kernel):
    _, kc = kernel
    kc.complete("pr", 2)
    reply = kc.get_shell_msg(timeout=TIMEOUT)["content"]
    assert reply["matches"] == ["print"] and reply["cursor_start"] == 0 and reply["cursor_end"] == 2
    kc.inspect("print", 2)
    reply = kc.get_shell_msg(timeout=TIMEOUT)["content"]
    assert reply["found"] is True and "text/plain" in reply["data"]
    kc.inspect("zzz", 1)
    assert kc.get_shell_msg(timeout=TIMEOUT)["content"]["found"] is False
    statuses = []
    for code in ["1 + 1", "(1 +", "1 + )"]:
        kc.is_complete(code)
        statuses.append(kc.get_shell_msg(timeout=TIMEOUT)["content"])
    assert statuses == [{"status": "complete"}, {"status": "incomplete", "indent": "  "}, {"status": "invalid"}]


def test_pager(kernel):
    _, kc = kernel
    for code in ["?print", "print?"]:
        reply, _ = run(kc, code)
        payload = reply["content"]["payload"]
        assert payload == [{"source": "page", "data": {"text/plain": "print: a toy command"}, "start": 0}]


def test_history(kernel):
    _, kc = kernel
    run(kc, "let h = 40")
    run(kc, "h + 2")
    kc.history(hist_access_type="tail", n=2, output=True, raw=True)
    history = kc.get_shell_msg(timeout=TIMEOUT)["content"]["history"]
    assert [entry[2] for entry in history] == [["let h = 40", None], ["h + 2", "42"]]
    session, line = history[1][0], history[1][1]
    kc.history(hist_access_type="range", session=session, start=line, stop=line + 1, output=False, raw=True)
    assert kc.get_shell_msg(timeout=TIMEOUT)["content"]["history"] == [[session, line, "h + 2"]]
    kc.history(hist_access_type="search", pattern="let h*", unique=True, output=False, raw=True)
    assert [e[2] for e in kc.get_shell_msg(timeout=TIMEOUT)["content"]["history"]] == ["let h = 40"]


def test_comms_for_unknown_targets(kernel):
    _, kc = kernel
    kc.comm_info()
    assert kc.get_shell_msg(timeout=TIMEOUT)["content"] == {"status": "ok", "comms": {}}
    msg = kc.session.msg("comm_open", {"comm_id": "c-1", "target_name": "jupyter.widget", "data": {}})
    kc.shell_channel.send(msg)
    closes = [m for m in iopub_for(kc, msg["header"]["msg_id"]) if m["msg_type"] == "comm_close"]
    assert [c["content"]["comm_id"] for c in closes] == ["c-1"]
    for kind in ["comm_msg", "comm_close"]:
        msg = kc.session.msg(kind, {"comm_id": "c-1", "data": {}})
        kc.shell_channel.send(msg)
        assert types(iopub_for(kc, msg["header"]["msg_id"])) == ["busy", "idle"]


def test_input_request_round_trip(kernel):
    _, kc = kernel
    msg_id = kc.execute("input name?", allow_stdin=True)
    request = kc.get_stdin_msg(timeout=TIMEOUT)
    assert request["msg_type"] == "input_request"
    assert request["content"] == {"prompt": "name?", "password": False}
    assert request["parent_header"]["msg_id"] == msg_id
    kc.input("Ada")
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    assert reply["content"]["status"] == "ok"
    streams = [m["content"]["text"] for m in iopub_for(kc, msg_id) if m["msg_type"] == "stream"]
    assert streams == ["got: Ada\n"]
    reply, _ = run(kc, "input name?", allow_stdin=False)
    assert reply["content"]["ename"] == "StdinNotImplementedError"


def test_interrupt_message_stops_a_running_cell_and_heartbeat_stays_alive(kernel):
    km, kc = kernel
    msg_id = kc.execute("sleep 30")
    time.sleep(0.5)
    assert kc.hb_channel.is_beating()
    started = time.monotonic()
    km.interrupt_kernel()
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    assert reply["parent_header"]["msg_id"] == msg_id
    assert reply["content"]["ename"] == "Interrupted"
    assert time.monotonic() - started < 5
    iopub_for(kc, msg_id)


def test_msg_ids_are_unique(kernel):
    _, kc = kernel
    _, messages = run(kc, "print a\nprint b\nprint c\n1")
    ids = [m["header"]["msg_id"] for m in messages]
    assert len(set(ids)) == len(ids)


def test_signal_interrupt_mode():
    km, kc = start_new_kernel(kernel_name=kernel_support.toy_kernel_name("signal"))
    try:
        msg_id = kc.execute("sleep 30")
        time.sleep(0.5)
        km.interrupt_kernel()  # sends SIGINT to the kernel process
        reply = kc.get_shell_msg(timeout=TIMEOUT)
        assert reply["parent_header"]["msg_id"] == msg_id and reply["content"]["ename"] == "Interrupted"
        assert km.is_alive()
        reply, _ = run(kc, "1 + 1")
        assert reply["content"]["status"] == "ok"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def test_shutdown_and_restart():
    km, kc = start_new_kernel(kernel_name=kernel_support.toy_kernel_name("message"))
    try:
        run(kc, "bump")
        first_pid = km.provisioner.pid
        km.restart_kernel(now=False)
        assert km.provisioner.pid != first_pid
        kc.wait_for_ready(timeout=TIMEOUT)
        reply, _ = run(kc, "1", user_expressions={"c": "counter"})
        assert reply["content"]["user_expressions"]["c"]["data"]["text/plain"] == "0"
        # A requested shutdown answers on control and IOPub, then the process exits by itself.
        kernel_support.shut_down_and_wait(km, kc, seconds=10)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def test_ipc_transport():
    from jupyter_client.manager import KernelManager
    km = KernelManager(kernel_name=kernel_support.toy_kernel_name("message"), transport="ipc")
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=TIMEOUT)
        reply, _ = run(kc, "6 * 7")
        assert reply["content"]["status"] == "ok"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
