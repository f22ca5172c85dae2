#!/usr/bin/env python3
"""Real models on llama.cpp's server: tokens/s and seconds per text-to-SQL call, the Swift LM client's overhead
against curl, and calls/s with 1 and 4 server slots.

Usage (from the repository root):
    .venv/bin/python bench/llm/run.py [--models smollm2-135m,qwen2.5-coder-0.5b] [--rows N] [--calls N]
Needs `swift-dspy serve-llm` (a first start builds llama.cpp and assembles the weights; later ones take seconds).

Per model, with one slot (`serve-llm --parallel 1`):
  predict   N rows of the shared gretel text-to-SQL file through Predict with ChatAdapter (max_tokens 256),
            one at a time: seconds per call, mean prompt/completion tokens, parse failures
  tokens/s  llama-server's own timings (prompt, generation) from the curl calls below
  overhead  the same conversations (the prompts Predict sent) sent by curl (one process, keep-alive) and by the
            Swift LM client, max_tokens 16, prompt cache off, in alternating rounds; ratio Swift/curl
Then, for the last model: calls/s of the Swift client with 4 threads against `--parallel 1` and `--parallel 4`.
"""
import argparse
import json
import os
import pathlib
import statistics
import subprocess
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
ROWS = ROOT.parent / "shared" / "data" / "gretel_text2sql_test_150.jsonl"


def swift_bin(configuration):
    return pathlib.Path(subprocess.run(["swift", "build", "-c", configuration, "--show-bin-path"], cwd=ROOT,
                                       check=True, capture_output=True, text=True).stdout.strip())


class Server:
    def __init__(self, cli, model, parallel, log):
        self.process = subprocess.Popen([str(cli), "serve-llm", "--model", model, "--port", "0", "--parallel",
                                         str(parallel)], stdout=subprocess.PIPE, stderr=log, text=True)
        self.url = self.process.stdout.readline().strip()
        if not self.url.startswith("http://"):
            raise SystemExit(f"serve-llm did not start; see {log.name}")

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.process.terminate()
        self.process.wait(timeout=60)


def curl_calls(url, model, conversations, max_tokens, work):
    """All conversations through one curl process (connections kept alive); returns seconds and the responses."""
    config = work / "curl.cfg"
    entries = []
    for index, messages in enumerate(conversations):
        body = work / f"body{index}.json"
        body.write_text(json.dumps({"model": model, "messages": messages, "temperature": 0, "max_tokens": max_tokens,
                                    "cache_prompt": False}))
        entries.append(f'url = "{url}/chat/completions"\nheader = "Content-Type: application/json"\n'
                       f'data-binary = "@{body}"\nwrite-out = "\\n"\nsilent\nfail\n')
    config.write_text("next\n".join(entries))
    start = time.perf_counter()
    out = subprocess.run(["curl", "-K", str(config)], check=True, capture_output=True, text=True).stdout
    seconds = time.perf_counter() - start
    return seconds, [json.loads(line) for line in out.splitlines() if line.strip()]


def swift_calls(bench, url, model, conversations, max_tokens, threads, work):
    path = work / "messages.json"
    path.write_text(json.dumps(conversations))
    out = subprocess.run([str(bench), "lm", url, model, str(path), str(max_tokens), str(threads)], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--models", default="smollm2-135m,qwen2.5-coder-0.5b")
    parser.add_argument("--rows", type=int, default=5, help="text-to-SQL rows through Predict per model")
    parser.add_argument("--rounds", type=int, default=3, help="alternating curl/Swift rounds for the overhead")
    parser.add_argument("--calls", type=int, default=8, help="calls per throughput measurement")
    parser.add_argument("--configuration", default="release", choices=["debug", "release"])
    args = parser.parse_args()

    subprocess.run(["swift", "build", "-c", args.configuration, "--product", "LLMBench"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run(["swift", "build", "--product", "swift-dspy"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    bench = swift_bin(args.configuration) / "LLMBench"
    cli = swift_bin("debug") / "swift-dspy"
    work = pathlib.Path(tempfile.mkdtemp(prefix="llm-bench-"))
    log = (work / "serve-llm.log").open("w")
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; serve-llm log: {log.name}")
    print(f"{'model':<22}{'s/call':>8}{'prompt tok':>11}{'answer tok':>11}{'prompt tok/s':>13}{'gen tok/s':>10}"
          f"{'parse fail':>11}{'curl s':>8}{'Swift s':>8}{'Swift/curl':>11}")
    models = args.models.split(",")
    for model in models:
        with Server(cli, model, 1, log) as server:
            predict = json.loads(subprocess.run(
                [str(bench), "predict", server.url, model, str(ROWS), str(args.rows), "256"],
                check=True, capture_output=True, text=True).stdout)
            conversations = predict["messages"]
            curl_seconds, swift_seconds, timings = [], [], []
            for round_index in range(args.rounds):
                # Alternate who goes first, so drift in the machine's load hits both alike.
                order = ["curl", "swift"] if round_index % 2 == 0 else ["swift", "curl"]
                for client in order:
                    if client == "curl":
                        seconds, responses = curl_calls(server.url, model, conversations, 16, work)
                        curl_seconds.append(seconds)
                        timings += [r["timings"] for r in responses if "timings" in r]
                    else:
                        swift_seconds.append(swift_calls(bench, server.url, model, conversations, 16, 1, work)["seconds"])
        curl_total, swift_total = sum(curl_seconds), sum(swift_seconds)
        prompt_rate = statistics.median(t["prompt_per_second"] for t in timings)
        generation_rate = statistics.median(t["predicted_per_second"] for t in timings)
        print(f"{model:<22}{predict['seconds_per_call']:>8.2f}{predict['prompt_tokens']:>11.0f}"
              f"{predict['completion_tokens']:>11.1f}{prompt_rate:>13.0f}{generation_rate:>10.1f}"
              f"{predict['parse_failures']:>8}/{predict['calls']:<2}{curl_total:>8.2f}{swift_total:>8.2f}"
              f"{swift_total / curl_total:>10.3f}x")

    model = models[-1]
    conversations = conversations * max(1, args.calls // len(conversations) + 1)
    conversations = conversations[:args.calls]
    rates = {}
    for parallel in (1, 4):
        with Server(cli, model, parallel, log) as server:
            result = swift_calls(bench, server.url, model, conversations, 16, 4, work)
            rates[parallel] = result["calls"] / result["seconds"]
    print(f"{model}: {args.calls} calls from 4 client threads, max_tokens 16: "
          f"--parallel 1 {rates[1]:.2f} calls/s, --parallel 4 {rates[4]:.2f} calls/s ({rates[4] / rates[1]:.2f}x)")
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
