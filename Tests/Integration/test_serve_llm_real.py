"""`swift-dspy serve-llm` with llama.cpp's real server and SmolLM2 (it loads in about a second): the URL contract,
what llama-server does with a wrong model name, and that no llama-server outlives the command however it ends.

Run with `.venv/bin/python -m pytest -q Tests/Integration/test_serve_llm_real.py --real-model` (the first run
builds llama.cpp and assembles the weights into ~/.cache/swift-dspy).
"""
import json
import os
import pathlib
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

pytestmark = pytest.mark.real_model
MODEL = "smollm2-135m"


def children(pid):
    found = []
    for stat in pathlib.Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def alive(pid):
    try:
        state = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def wait_gone(pid, seconds=15):
    deadline = time.monotonic() + seconds
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not alive(pid)


def post(url, body, timeout=120):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


class Served:
    """serve-llm started like a user starts it; its first stdout line is the URL."""

    def __init__(self, cli, tmp_path, *extra):
        self.stderr_path = tmp_path / "serve-llm.stderr"
        self.process = subprocess.Popen(
            [cli, "serve-llm", "--model", MODEL, "--port", "0", *extra],
            stdout=subprocess.PIPE, stderr=self.stderr_path.open("wb"), text=True)
        self.url = self.process.stdout.readline().strip()
        assert self.url.startswith("http://127.0.0.1:") and self.url.endswith("/v1"), self.stderr()
        servers = children(self.process.pid)
        assert len(servers) == 1, servers
        self.llama_server = servers[0]

    def stderr(self):
        return self.stderr_path.read_text(errors="replace")

    def close(self):
        for pid in (self.process.pid, self.llama_server):
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        self.process.wait()


@pytest.fixture()
def served(cli, tmp_path):
    server = Served(cli, tmp_path, "--parallel", "2")
    yield server
    server.close()


def test_the_first_line_is_the_url_and_the_model_answers_under_its_name(served):
    with urllib.request.urlopen(served.url + "/models", timeout=30) as response:
        models = json.loads(response.read())
    assert [m["id"] for m in models["data"]] == [MODEL]
    status, body = post(served.url + "/chat/completions", {
        "model": MODEL, "max_tokens": 8, "temperature": 0,
        "messages": [{"role": "user", "content": "Say hello."}]})
    assert status == 200, body
    assert body["choices"][0]["message"]["content"].strip()
    assert body["usage"]["completion_tokens"] >= 1
    # llama-server's own log is copied to stderr while it serves.
    assert "llama" in served.stderr().lower()


def test_a_wrong_model_name_in_a_request(served):
    """llama-server serves one model and does not check the request's `model` field: it answers anyway, and
    reports its own name back, so a client can see which model answered."""
    status, body = post(served.url + "/chat/completions", {
        "model": "gpt-4o", "max_tokens": 4, "temperature": 0,
        "messages": [{"role": "user", "content": "Say hello."}]})
    assert status == 200, body
    assert body["model"] == MODEL, body["model"]


def test_sigterm_stops_llama_server(served):
    served.process.send_signal(signal.SIGTERM)
    assert served.process.wait(timeout=30) == 0, served.stderr()
    assert wait_gone(served.llama_server), "llama-server outlived serve-llm"


def test_sigint_stops_llama_server(served):
    served.process.send_signal(signal.SIGINT)
    assert served.process.wait(timeout=30) == 0, served.stderr()
    assert wait_gone(served.llama_server)


def test_killing_serve_llm_outright_also_ends_llama_server(served):
    served.process.kill()
    served.process.wait()
    assert wait_gone(served.llama_server), "llama-server outlived a SIGKILLed serve-llm"


def test_the_server_stops_when_the_parent_of_serve_llm_dies(cli, tmp_path):
    # An intermediate parent that starts serve-llm, reports its pid and URL, then is killed.
    script = (
        "import subprocess, sys\n"
        f"p = subprocess.Popen([{str(cli)!r}, 'serve-llm', '--model', {MODEL!r}, '--port', '0', '--quiet'],"
        " stdout=subprocess.PIPE, text=True)\n"
        "print(p.pid, p.stdout.readline().strip(), flush=True)\n"
        "import time; time.sleep(600)\n")
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        pid, url = parent.stdout.readline().split()
        pid = int(pid)
        (llama_server,) = children(pid)
        assert url.startswith("http://127.0.0.1:")
        parent.kill()
        parent.wait()
        assert wait_gone(pid), "serve-llm outlived its parent"
        assert wait_gone(llama_server), "llama-server outlived serve-llm's parent"
    finally:
        parent.kill()
