"""A deterministic OpenAI-compatible chat server for conformance tests and benchmarks of the optimizers.

It answers DSPy ChatAdapter prompts about sums ("What is 12 + 30?"): for each requested output field it writes a
value, and whether its `answer` is right depends on a hash of the whole conversation, so that different demos
(different prompts) give different scores — the same for Python DSPy and Swift DSPy only when both send
byte-identical prompts. A request with a temperature above 0 samples: its answer's luck also hashes how many choices
the same conversation was given before (so identical requests differ, and which of them gets which draw does not matter
for an optimizer that sorts them by score). A judge signature (output `correct`) gets the true verdict for the proposed
answer. SIMBA's `module_advice` is a JSON object with one piece of advice per name in its `module_names` input. A
JSONAdapter prompt ("Respond with a JSON object") gets a JSON object with the same values for its fields (GEPA's
reflection). Model `garbled` answers every request with plain text no adapter can read. Any other
field (an instruction proposer's) gets a value from the hash that differs by choice, counting the choices asked for
by the same conversation so far (as `n` or as repeated requests): every third is quoted, the one after it repeats the
first.

Usage: python arithmetic_server.py [--latency SECONDS] [--record FILE] ; prints `listening on http://127.0.0.1:PORT`
first. With --record, each chat request body is appended to FILE as one line, as received.
GET /stats returns {"calls": N, "busy": seconds during which at least one request was in flight}; POST /reset zeroes
both and forgets how often each conversation was asked, so that a second client gets the first one's answers.
"""
import argparse
import hashlib
import json
import re
import sys
import threading
import time
from http.server import ThreadingHTTPServer

from json_handler import JSONHandler

FIELD = re.compile(r"\[\[ ## (\w+) ## \]\]")
JSON_FIELD = re.compile(r"`(\w+)`")
SUM = re.compile(r"What is (-?\d+) \+ (-?\d+)\?")


def field_value(text, name):
    match = re.search(r"\[\[ ## " + re.escape(name) + r" ## \]\]\n(.*?)(?=\n\n|\Z)", text, re.S)
    return match.group(1).strip() if match else None


def complete(messages, choice=0, sampled=False):
    last = messages[-1]["content"]
    tail = last.split("Respond with the corresponding output fields", 1)
    wanted = [f for f in FIELD.findall(tail[1])] if len(tail) == 2 else []
    json_tail = last.split("Respond with a JSON object in the following order of fields:", 1)
    as_json = len(json_tail) == 2 and not wanted
    if as_json:
        wanted = JSON_FIELD.findall(json_tail[1].split("\n", 1)[0])
    wanted = [f for f in wanted if f != "completed"]
    digest = hashlib.sha256(json.dumps(messages, sort_keys=True).encode()).digest()
    luck = hashlib.sha256(digest + str(choice).encode()).digest() if sampled else digest
    lucky = luck[0] % 100 < 60
    question = field_value(last, "question") or ""
    numbers = SUM.search(question)
    truth = int(numbers.group(1)) + int(numbers.group(2)) if numbers else 0
    parts = []
    for name in wanted:
        if name == "reasoning":
            value = f"Adding the two numbers of: {question}"
        elif name == "answer":
            value = str(truth if lucky else truth + 1)
        elif name == "correct":
            proposed = field_value(last, "answer")
            value = "True" if proposed is not None and proposed == str(truth) else "False"
        elif name == "module_advice":
            names = json.loads(field_value(last, "module_names") or "[]")
            value = json.dumps({module: f"Advice for {module} {digest[1]}" for module in names})
        elif choice % 3 == 1:
            value = f'"{name} {digest[1]} take {choice}"'
        else:
            value = f"{name} {digest[1]}"
        parts.append((name, value))
    if as_json:
        return json.dumps(dict(parts))
    return "\n\n".join([f"[[ ## {name} ## ]]\n{value}" for name, value in parts] + ["[[ ## completed ## ]]"])


class Handler(JSONHandler):
    latency = 0.0
    record = None
    calls = 0
    choices_given = {}
    in_flight = 0
    busy = 0.0
    busy_since = 0.0
    lock = threading.Lock()

    def do_GET(self):
        if self.path == "/stats":
            self.reply(200, {"calls": Handler.calls, "busy": Handler.busy})
        else:
            self.reply(404, {"error": {"message": "not found"}})

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.path == "/reset":
            with Handler.lock:
                Handler.calls, Handler.busy, Handler.choices_given = 0, 0.0, {}
            self.reply(200, {"calls": 0})
            return
        if not self.path.endswith("/chat/completions"):
            self.reply(404, {"error": {"message": "not found"}})
            return
        request = json.loads(body)
        with Handler.lock:
            Handler.calls += 1
            if Handler.in_flight == 0:
                Handler.busy_since = time.perf_counter()
            Handler.in_flight += 1
            if Handler.record:
                with open(Handler.record, "ab") as file:
                    file.write(body + b"\n")
        try:
            self.answer(request)
        finally:
            with Handler.lock:
                Handler.in_flight -= 1
                if Handler.in_flight == 0:
                    Handler.busy += time.perf_counter() - Handler.busy_since

    def answer(self, request):
        if Handler.latency:
            time.sleep(Handler.latency)
        n = int(request.get("n") or 1)
        sampled = (request.get("temperature") or 0) > 0
        conversation = json.dumps(request["messages"], sort_keys=True)
        with Handler.lock:
            first = Handler.choices_given.get(conversation, 0)
            Handler.choices_given[conversation] = first + n
        self.reply(200, {
            "id": "chatcmpl-arithmetic", "object": "chat.completion", "created": 0, "model": request.get("model", "x"),
            "choices": [{"index": i, "message": {"role": "assistant", "content": "I cannot answer that." if request.get("model") == "garbled" else complete(request["messages"], first + i, sampled)}, "finish_reason": "stop"}
                        for i in range(n)],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        })


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--latency", type=float, default=0.0)
    parser.add_argument("--record")
    args = parser.parse_args()
    Handler.latency = args.latency
    Handler.record = args.record
    # socketserver's default backlog of 5 makes a burst of 16 new connections wait a 1 s SYN retry.
    ThreadingHTTPServer.request_queue_size = 128
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(f"listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
