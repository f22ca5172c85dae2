"""The kernel drops every message whose signature does not verify, and survives malformed frame sets.

Raw pyzmq against the toy-language kernel: `bump` adds one to `counter`, so an executed forgery shows."""
import json
import os
import subprocess
import tempfile
import time
import uuid

import pytest
import zmq
from jupyter_client.connect import write_connection_file
from jupyter_client.session import Session

import kernel_support

KEY = uuid.uuid4().hex
DELIMITER = b"<IDS|MSG>"


class RawClient:
    def __init__(self, info):
        self.context = zmq.Context()
        self.session = Session(key=KEY.encode())
        self.shell = self._connect(zmq.DEALER, info["shell_port"])
        self.control = self._connect(zmq.DEALER, info["control_port"])

    def _connect(self, kind, port):
        socket = self.context.socket(kind)
        socket.linger = 0
        socket.connect(f"tcp://127.0.0.1:{port}")
        return socket

    def frames(self, msg_type, content, session=None):
        session = session or self.session
        return session.serialize(session.msg(msg_type, content))

    def receive(self, socket, timeout):
        if not socket.poll(int(timeout * 1000)):
            return None
        frames = socket.recv_multipart()
        return self.session.deserialize(frames[frames.index(DELIMITER) + 1:] if DELIMITER in frames else frames)

    def request(self, msg_type, content, socket=None):
        socket = socket or self.shell
        socket.send_multipart(self.frames(msg_type, content))
        reply = self.receive(socket, 10)
        assert reply is not None, f"no reply to {msg_type}"
        return reply

    def counter(self):
        reply = self.request("execute_request", {"code": "1", "silent": True, "user_expressions": {"c": "counter"}})
        return int(reply["content"]["user_expressions"]["c"]["data"]["text/plain"])

    def assert_answering(self):
        assert self.request("kernel_info_request", {})["content"]["status"] == "ok"
        assert self.request("kernel_info_request", {}, socket=self.control)["content"]["status"] == "ok"

    def close(self):
        self.context.destroy(linger=0)


@pytest.fixture()
def client():
    folder = tempfile.mkdtemp()
    path, info = write_connection_file(os.path.join(folder, "kernel.json"), key=KEY.encode())
    binary = kernel_support.bin_dir() / "ToyKernel"
    log_path = os.path.join(folder, "kernel.log")
    with open(log_path, "w") as log:
        process = subprocess.Popen([binary, "-f", path], stderr=log)
    client = RawClient(info)
    client.log_path = log_path
    client.assert_answering()
    yield client
    client.close()
    process.terminate()
    process.wait(timeout=10)


def send_and_expect_silence(client, frames, socket=None):
    (socket or client.shell).send_multipart(frames)
    assert client.receive(socket or client.shell, 1.0) is None, "the kernel answered a message it must drop"


def bump(client, **kw):
    return client.frames("execute_request", {"code": "bump", "silent": False}, **kw)


def test_forged_signature_is_not_executed(client):
    frames = bump(client)
    frames[1] = b"0" * 64
    send_and_expect_silence(client, frames)
    send_and_expect_silence(client, [frames[0], b"0" * 64] + frames[2:], client.control)
    assert client.counter() == 0


def test_unsigned_message_is_not_executed(client):
    frames = bump(client)
    frames[1] = b""
    send_and_expect_silence(client, frames)
    assert client.counter() == 0


def test_message_signed_with_another_key_is_not_executed(client):
    send_and_expect_silence(client, bump(client, session=Session(key=b"not-the-key")))
    assert client.counter() == 0


def test_tampered_content_is_not_executed(client):
    frames = bump(client)
    frames[5] = json.dumps({"code": "bump\nbump", "silent": False}).encode()
    send_and_expect_silence(client, frames)
    assert client.counter() == 0


def test_replayed_message_is_not_executed_twice(client):
    frames = bump(client)
    client.shell.send_multipart(frames)
    assert client.receive(client.shell, 10)["content"]["status"] == "ok"
    send_and_expect_silence(client, frames)
    assert client.counter() == 1


def test_malformed_frame_sets_leave_the_kernel_answering(client):
    good = bump(client)
    signed_bad_json = [DELIMITER, client.session.sign([good[2], good[3], good[4], b"{not json"]),
                       good[2], good[3], good[4], b"{not json"]
    signed_not_object = [DELIMITER, client.session.sign([good[2], good[3], good[4], b"[1, 2]"]),
                         good[2], good[3], good[4], b"[1, 2]"]
    cases = {
        "missing delimiter": good[1:],
        "bad JSON": signed_bad_json,
        "content not an object": signed_not_object,
        "wrong frame count": good[:4],
        "only the delimiter": [DELIMITER],
        "megabytes of junk": [os.urandom(4 << 20), os.urandom(4 << 20)],
        "junk after the delimiter": [DELIMITER] + [os.urandom(1 << 20) for _ in range(5)],
        "empty frames": [b"", b"", b""],
    }
    for name, frames in cases.items():
        send_and_expect_silence(client, frames)
        send_and_expect_silence(client, frames, client.control)
        client.assert_answering()
    assert client.counter() == 0


def test_drops_are_logged_with_the_reason(client):
    frames = bump(client)
    frames[1] = b"f" * 64
    send_and_expect_silence(client, frames)
    client.shell.send_multipart(frames[1:])
    client.assert_answering()
    with open(client.log_path) as log:
        text = log.read()
    assert "dropped a message on shell" in text
    assert "signature does not match the session key" in text
    assert "no <IDS|MSG> delimiter frame" in text


def test_signed_requests_with_malformed_content_get_an_error_naming_the_field(client):
    cases = [
        ("execute_request", {"code": 42}, "execute_reply", "execute_request: field `code` should be a string"),
        ("execute_request", {"silent": False}, "execute_reply", "execute_request: field `code` is missing"),
        ("execute_request", {"code": "bump", "user_expressions": {"c": 1}}, "execute_reply",
         "execute_request: field `user_expressions.c` should be a string"),
        ("complete_request", {"code": "b", "cursor_pos": "1"}, "complete_reply",
         "complete_request: field `cursor_pos` should be an integer"),
        ("inspect_request", {"code": ["bump"]}, "inspect_reply", "inspect_request: field `code` should be a string"),
        ("history_request", {"hist_access_type": "everything"}, "history_reply",
         "history_request: field `hist_access_type`"),
        ("shutdown_request", {"restart": "yes"}, "shutdown_reply", "shutdown_request: field `restart` should be a boolean"),
    ]
    for msg_type, content, reply_type, message in cases:
        for socket in (client.shell, client.control):
            reply = client.request(msg_type, content, socket=socket)
            assert reply["msg_type"] == reply_type
            assert reply["content"]["status"] == "error", reply["content"]
            assert reply["content"]["ename"] == "InvalidMessageContent"
            assert reply["content"]["evalue"].startswith(message), reply["content"]["evalue"]
        client.assert_answering()
    # Nothing ran, no execution was counted, and a comm message without an id is dropped with a log line.
    client.shell.send_multipart(client.frames("comm_msg", {"data": {}}))
    client.assert_answering()
    assert client.counter() == 0
    reply = client.request("execute_request", {"code": "bump"})
    assert reply["content"]["status"] == "ok" and reply["content"]["execution_count"] == 1
    with open(client.log_path) as log:
        assert "rejected comm_msg on shell: comm_msg: field `comm_id` is missing" in log.read()
