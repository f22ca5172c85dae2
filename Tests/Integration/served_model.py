"""Starting and talking to `swift-dspy serve` from tests and benchmarks (standard library only)."""
import json
import signal
import subprocess
import urllib.error
import urllib.request


class Server:
    """A `swift-dspy serve --port 0` process; its base URL comes from the first stdout line."""

    def __init__(self, cli, *flags, stderr=subprocess.PIPE):
        self.process = subprocess.Popen([str(cli), "serve", "--port", "0", *flags], stdout=subprocess.PIPE,
                                        stderr=stderr, text=True)
        line = self.process.stdout.readline().strip()
        if not line.startswith("listening on http://127.0.0.1:"):
            self.process.kill()
            raise RuntimeError(f"unexpected first line from swift-dspy serve: {line!r}")
        self.url = line.removeprefix("listening on ")

    def request(self, method, path, body=None, headers=None, raw=None, timeout=30):
        """Returns (status, headers, body text)."""
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        req = urllib.request.Request(self.url + path, data=data, method=method,
                                     headers={"Content-Type": "application/json", **(headers or {})})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def post(self, path, body, headers=None, timeout=30):
        status, _, text = self.request("POST", path, body, headers, timeout=timeout)
        return status, json.loads(text)

    def stop(self, timeout=10):
        """SIGTERM, then wait; returns the exit code and what was left on stderr."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            _, err = self.process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _, err = self.process.communicate()
            raise
        return self.process.returncode, err or ""


def chat_body(content, model="offline-text2sql", **settings):
    return {"model": model, "messages": [{"role": "user", "content": content}], **settings}
