"""The Python side of bench/lm/run.py: DSPy 3.4.1's calls/s against the same server, as JSON on stdout."""
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import dspy

THREADS = 16


def measure(calls, threads, work):
    for index in range(min(200, calls)):
        work(index)
    started = time.perf_counter()
    if threads == 1:
        for index in range(calls):
            work(index)
    else:
        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(work, range(calls)))
    return calls / (time.perf_counter() - started)


def main():
    api_base, calls = sys.argv[1], int(sys.argv[2])
    lm = dspy.LM("openai/bench", api_base=api_base, api_key="bench", cache=False)
    dspy.configure(lm=lm)
    predict = dspy.Predict("question -> answer")

    def call_lm(index):
        lm(f"What is the capital of France? #{index}")

    def call_predict(index):
        assert predict(question=f"What is the capital of France? #{index}").answer == "Paris"

    results = {}
    for name, work in (("lm", call_lm), ("predict", call_predict)):
        results[f"{name}_sequential"] = measure(calls, 1, work)
        results[f"{name}_threads16"] = measure(calls, THREADS, work)
    print(json.dumps(results, sort_keys=True))


if __name__ == "__main__":
    main()
