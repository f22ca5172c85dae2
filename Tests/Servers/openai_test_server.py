"""A scripted OpenAI-compatible server for the LM client's tests (stdlib only).

Start: `python3 openai_test_server.py` binds 127.0.0.1 on a free port and prints
`listening on http://127.0.0.1:PORT` as its first line.

The request's model name picks the behaviour (the part after the last "/"):
  echo (or anything else)  200 with "echo: <last message or prompt>" and token usage
  rate-limit-once          first request per distinct body: 429 with Retry-After: 1, then as echo
  server-error             500 with an OpenAI error body, always
  slow                     waits 5 s, then as echo
  paced-N                  waits N milliseconds, then as echo
  hang-once                first request per distinct body: waits 10 s (the client gives up first), then as echo
  drop-once                first request per distinct body: headers and half the body, then the connection is
                           closed; then as echo
  malformed                200 with a body that is not JSON
  no-choices               200 with JSON lacking "choices"
  bad-request              400 with an OpenAI error body
POST /v1/embeddings answers by model name too: each text's vector is [len(text), sum of its code points % 97, 1.0];
  embed-fail-after-N       500 from the (N+1)th embeddings request on (N is counted per server)
  embed-wrong-dim          the second text of each batch gets a 2-number vector
  embed-short              one vector fewer than texts
GET /colbert?query=Q&k=K (or POST /colbert with {"query", "k"}) answers as a ColBERTv2 server: K passages
  "passage i about Q" with pid i, rank i+1, score 10-i; the query "error" gets {"error": true, "message": ...}, and
  GET /colbert-bad a body without "topk".
GET /stats returns {"requests": n, "connections": accepted sockets, "last": {"path", "headers", "body"}}; POST /reset zeroes it.
POST /reject-response-format makes every later request carrying `response_format` a 400, as from a server without
structured outputs or JSON mode.
Every accepted socket sets TCP_NODELAY: without it keep-alive requests stall ~40 ms (Nagle + delayed ACK).
"""
import json
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

lock = threading.Lock()
state = {"embeddings": 0, "requests": 0, "connections": 0, "last": None, "seen": set(), "reject_response_format": False}


def error_body(message, kind, code=None):
    return {"error": {"message": message, "type": kind, "param": None, "code": code}}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with lock:
            state["connections"] += 1

    def log_message(self, *args):
        pass

    def send_json(self, status, body, headers=()):
        data = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def drop_mid_response(self, body):
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data[: len(data) // 2])
        self.wfile.flush()
        self.close_connection = True
        self.connection.shutdown(socket.SHUT_RDWR)

    def do_GET(self):
        if self.path.startswith("/colbert"):
            from urllib.parse import parse_qs, urlparse
            params = parse_qs(urlparse(self.path).query)
            with lock:
                state["last"] = {"path": self.path, "headers": dict(self.headers.items()), "body": None}
            if self.path.startswith("/colbert-bad"):
                return self.send_json(200, {"oops": 1})
            return self.send_json(200, colbert(params.get("query", [""])[0], int(params.get("k", ["10"])[0])))
        if self.path == "/stats":
            with lock:
                self.send_json(200, {key: state[key] for key in ("requests", "connections", "last")})
        else:
            self.send_json(404, error_body(f"no route {self.path}", "not_found"))

    def do_POST(self):
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path == "/reset":
            with lock:
                state.update(requests=0, connections=0, last=None, seen=set(), reject_response_format=False)
            return self.send_json(200, {})
        if self.path == "/reject-response-format":
            with lock:
                state["reject_response_format"] = True
            return self.send_json(200, {})
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            return self.send_json(400, error_body("body is not JSON", "invalid_request_error"))
        with lock:
            state["requests"] += 1
            state["last"] = {"path": self.path, "headers": dict(self.headers.items()), "body": body}
            first_time = raw not in state["seen"]
            state["seen"].add(raw)
        behaviour = str(body.get("model", "")).rsplit("/", 1)[-1]
        if self.path == "/colbert":
            return self.send_json(200, colbert(body.get("query", ""), int(body.get("k", 10))))
        if self.path.endswith("/embeddings"):
            return self.embeddings(behaviour, body)
        if state["reject_response_format"] and "response_format" in body:
            return self.send_json(400, error_body("response_format is not supported by this server",
                                                  "invalid_request_error", "unsupported_parameter"))
        if behaviour == "rate-limit-once" and first_time:
            return self.send_json(429, error_body("Rate limit reached, retry after 1s", "rate_limit_error"),
                                  [("Retry-After", "1")])
        if behaviour == "server-error":
            return self.send_json(500, error_body("The server had an error", "server_error"))
        if behaviour == "bad-request":
            return self.send_json(400, error_body("Unknown parameter: 'frobnicate'", "invalid_request_error"))
        if behaviour == "malformed":
            return self.send_json(200, b"{\"choices\": [ this is not json")
        if behaviour == "no-choices":
            return self.send_json(200, {"id": "x", "object": "chat.completion"})
        if behaviour == "slow":
            time.sleep(5)
        if behaviour.startswith("paced-"):
            time.sleep(int(behaviour.removeprefix("paced-")) / 1000)
        if behaviour == "hang-once" and first_time:
            time.sleep(10)
        if behaviour == "drop-once" and first_time:
            return self.drop_mid_response(completion(self.path, body))
        self.send_json(200, completion(self.path, body))


    def embeddings(self, behaviour, body):
        with lock:
            state["embeddings"] += 1
            count = state["embeddings"]
        if behaviour.startswith("embed-fail-after-") and count > int(behaviour.rsplit("-", 1)[-1]):
            return self.send_json(500, error_body("The embedding model crashed", "server_error"))
        texts = body["input"] if isinstance(body["input"], list) else [body["input"]]
        vectors = [[float(len(t)), float(sum(map(ord, t)) % 97), 1.0] for t in texts]
        if behaviour == "embed-wrong-dim" and len(vectors) > 1:
            vectors[1] = [1.0, 2.0]
        if behaviour == "embed-short":
            vectors = vectors[:-1]
        self.send_json(200, {"object": "list", "model": body.get("model"),
                             "data": [{"object": "embedding", "index": i, "embedding": v} for i, v in enumerate(vectors)],
                             "usage": {"prompt_tokens": len(texts), "total_tokens": len(texts)}})


def colbert(query, k):
    if query == "error":
        return {"error": True, "message": "the index is not loaded"}
    return {"topk": [{"text": f"passage {i} about {query}", "pid": i, "rank": i + 1, "score": 10.0 - i, "prob": 0.1}
                     for i in range(k)]}


def completion(path, body):
    if path.endswith("/chat/completions"):
        messages = body.get("messages") or [{"content": ""}]
        text = "echo: " + str(messages[-1].get("content"))
        prompt_tokens = sum(len(str(m.get("content", "")).split()) for m in messages)
    else:
        text = "echo: " + str(body.get("prompt"))
        prompt_tokens = len(str(body.get("prompt", "")).split())
    n = int(body.get("n") or 1)
    chat = path.endswith("/chat/completions")
    choices = [
        {"index": i, "finish_reason": "stop",
         **({"message": {"role": "assistant", "content": text if i == 0 else f"{text} #{i}"}} if chat
            else {"text": text if i == 0 else f"{text} #{i}"})}
        for i in range(n)
    ]
    completion_tokens = len(text.split()) * n
    return {"id": "cmpl-test", "object": "chat.completion" if chat else "text_completion", "created": 0,
            "model": body.get("model"), "choices": choices,
            "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                      "total_tokens": prompt_tokens + completion_tokens}}


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def handle_error(self, request, client_address):
        # Clients that time out or cancel close the socket before a slow answer is written: expected here.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


if __name__ == "__main__":
    server = Server(("127.0.0.1", 0), Handler)
    print(f"listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
