"""`swift-dspy serve` over real HTTP on 127.0.0.1: the OpenAI routes, request validation, fault injection, and
shutdown. Every error case is followed by a good request, so the server is shown to keep serving."""
import http.client
import json
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from served_model import Server, chat_body

SCHEMA = ("CREATE TABLE sales (id INT, region VARCHAR(20), amount DECIMAL(10,2), year INT); "
          "INSERT INTO sales VALUES (1, 'North', 100.5, 2020), (2, 'South', 200, 2021), (3, 'North', 50, 2021);")


@pytest.fixture(scope="module")
def server(cli):
    server = Server(cli)
    yield server
    code, err = server.stop()
    assert code == 0, err
    assert "POST /v1/chat/completions 200" in err, "access log lines go to stderr"


def assert_still_serving(server):
    status, body = server.post("/v1/chat/completions", chat_body("hello"))
    assert status == 200 and body["choices"][0]["message"]["content"]


def test_models_lists_the_offline_system(server):
    status, _, text = server.request("GET", "/v1/models")
    ids = [model["id"] for model in json.loads(text)["data"]]
    assert status == 200 and ids == ["offline-text2sql", "fixed-reply"]
    status, _, text = server.request("GET", "/v1/models/offline-text2sql")
    assert status == 200 and json.loads(text)["id"] == "offline-text2sql"


def test_chat_completion_has_openai_shape_and_usage(server):
    status, body = server.post("/v1/chat/completions", chat_body("What is the capital of Colombia?"))
    assert status == 200
    assert body["object"] == "chat.completion" and body["id"].startswith("chatcmpl-")
    choice = body["choices"][0]
    assert choice["message"]["role"] == "assistant" and choice["finish_reason"] == "stop"
    assert "offline-text2sql" in choice["message"]["content"] and "not a language model" in choice["message"]["content"]
    usage = body["usage"]
    assert usage["prompt_tokens"] > 0 and usage["completion_tokens"] > 0
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"]


def test_text_completion_answers_the_dspy_2_4_template(server):
    prompt = ("Transform a natural language query into a SQL query.\n\n---\n\nFollow the following format.\n\n"
              "Sql Prompt: Natural language query\nSql Context: Context for the query\nSql: SQL query\n\n---\n\n"
              f"Sql Prompt: What is the total amount of sales in the North region?\nSql Context: {SCHEMA}\nSql:")
    status, body = server.post("/v1/completions", {"model": "offline-text2sql", "prompt": prompt, "max_tokens": 200})
    assert status == 200 and body["object"] == "text_completion"
    text = body["choices"][0]["text"]
    assert "SUM(amount)" in text and "'North'" in text


def test_stop_and_max_tokens_are_applied(server):
    status, body = server.post("/v1/chat/completions", chat_body("What is the capital of Colombia?", max_tokens=3))
    assert status == 200 and body["choices"][0]["finish_reason"] == "length"
    assert body["usage"]["completion_tokens"] == 3
    status, body = server.post("/v1/chat/completions", chat_body("What is the capital of Colombia?", stop=[","]))
    assert "," not in body["choices"][0]["message"]["content"]


@pytest.mark.parametrize("raw, status, param", [
    (b"{not json", 400, None),
    (json.dumps({"model": "offline-text2sql"}).encode(), 400, "messages"),
    (json.dumps({"model": "offline-text2sql", "messages": []}).encode(), 400, "messages"),
    (json.dumps({"messages": [{"role": "user", "content": "x"}]}).encode(), 400, "model"),
    (json.dumps(chat_body("x", temperature=7)).encode(), 400, "temperature"),
    (json.dumps(chat_body("x", stream=True)).encode(), 400, "stream"),
    (json.dumps(chat_body("x", model="gpt-4")).encode(), 404, "model"),
])
def test_bad_requests_get_openai_error_bodies(server, raw, status, param):
    got, _, text = server.request("POST", "/v1/chat/completions", raw=raw)
    error = json.loads(text)["error"]
    assert got == status and error["message"] and error["type"] == "invalid_request_error"
    assert error["param"] == param
    assert_still_serving(server)


def test_unknown_model_says_model_not_found(server):
    _, body = server.post("/v1/chat/completions", chat_body("x", model="gpt-4"))
    assert body["error"]["code"] == "model_not_found"


def test_oversized_body_is_refused_with_413(server):
    status, _, text = server.request("POST", "/v1/chat/completions",
                                     raw=json.dumps(chat_body("x" * (5 << 20))).encode())
    assert status == 413 and json.loads(text)["error"]["message"]
    assert_still_serving(server)


def test_unknown_route_is_a_json_404(server):
    status, _, text = server.request("GET", "/v1/engines")
    assert status == 404 and json.loads(text)["error"]["code"] == "not_found"
    assert_still_serving(server)


def test_fault_headers(server):
    status, headers, text = server.request("POST", "/v1/chat/completions", chat_body("x"), {"X-Fault": "429"})
    assert status == 429 and headers["Retry-After"] == "1" and json.loads(text)["error"]["type"] == "rate_limit_error"
    status, _, text = server.request("POST", "/v1/chat/completions", chat_body("x"), {"X-Fault": "500"})
    assert status == 500 and json.loads(text)["error"]["type"] == "server_error"
    for fault in ["truncate", "malformed"]:
        status, _, text = server.request("POST", "/v1/chat/completions", chat_body("x"), {"X-Fault": fault})
        assert status == 200
        with pytest.raises(json.JSONDecodeError):
            json.loads(text)
    status, _, _ = server.request("POST", "/v1/chat/completions", chat_body("x"), {"X-Fault": "bogus"})
    assert status == 400
    start = time.monotonic()
    status, _, _ = server.request("POST", "/v1/chat/completions", chat_body("x"), {"X-Latency-Ms": "300"})
    assert status == 200 and time.monotonic() - start >= 0.3
    assert_still_serving(server)


def test_timeout_fault_and_fault_rates(cli):
    server = Server(cli, "--hang-seconds", "0.2", "--rate429", "0.5", "--rate500", "0.5", "--fault-seed", "7")
    try:
        statuses = {server.request("POST", "/v1/chat/completions", chat_body("x"))[0] for _ in range(20)}
        assert statuses == {429, 500}
        status, _, text = server.request("POST", "/v1/chat/completions", chat_body("x"), {"X-Fault": "timeout"})
        assert status == 504 and json.loads(text)["error"]["code"] == "timeout"
    finally:
        assert server.stop()[0] == 0


def test_concurrent_requests_all_succeed(server):
    results = []

    def client():
        for _ in range(10):
            results.append(server.post("/v1/chat/completions", chat_body("x", model="fixed-reply"))[0])

    threads = [threading.Thread(target=client) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [200] * 160


def test_an_unread_access_log_never_holds_up_responses(cli):
    """stderr is a pipe nobody reads until the end: once it is full (~1,260 lines), requests must still be answered,
    and every line reaches stderr when it is read."""
    server = Server(cli)
    host, port = server.url.removeprefix("http://").split(":")
    body = json.dumps(chat_body("x", model="fixed-reply"))

    def client(_):
        connection = http.client.HTTPConnection(host, int(port), timeout=10)
        for _ in range(250):
            connection.request("POST", "/v1/chat/completions", body, {"Content-Type": "application/json"})
            response = connection.getresponse()
            response.read()
            assert response.status == 200
        connection.close()

    try:
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(client, range(8)))
    finally:
        code, err = server.stop()
    assert code == 0
    assert err.count("POST /v1/chat/completions 200") == 2000


def test_sigterm_lets_in_flight_requests_finish(cli):
    server = Server(cli, "--quiet")
    outcome = {}

    def slow():
        outcome["status"] = server.request("POST", "/v1/chat/completions", chat_body("x"), {"X-Latency-Ms": "700"})[0]

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.3)
    code, err = server.stop()
    thread.join()
    assert outcome["status"] == 200
    assert code == 0, err


def test_sigint_stops_the_server_cleanly(cli):
    server = Server(cli, "--quiet")
    server.process.send_signal(signal.SIGINT)
    assert server.process.wait(timeout=10) == 0
