"""Python DSPy 3.4.1 side of the random-search benchmark: the notebook's settings on arithmetic data.

Usage: python python_random_search.py BASE_URL THREADS. Prints one JSON line: wall seconds, LM calls (from the
server's /stats), the chosen candidate's seed and every candidate's score.
"""
import contextlib
import io
import json
import sys
import time
import urllib.request

import dspy

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[2] / "Tests/DSPyOptimizerTests/Fixtures"))
from reference_optimizers import Program, arithmetic_examples  # noqa: E402


def main():
    base, threads = sys.argv[1], int(sys.argv[2])
    lm = dspy.LM("openai/arithmetic", api_base=base + "/v1", api_key="local", cache=False)
    judge_lm = dspy.LM("openai/judge", api_base=base + "/v1", api_key="local", cache=False)
    dspy.configure(lm=lm)
    judge = dspy.Predict("question, answer -> correct: bool")

    def correctness(example, prediction, trace=None):
        with dspy.context(lm=judge_lm):
            verdict = judge(question=example.question, answer=prediction.answer).correct
        return verdict if trace is not None else int(verdict)

    trainset, valset = arithmetic_examples(75), arithmetic_examples(25, offset=500)
    urllib.request.urlopen(urllib.request.Request(base + "/reset", data=b"", method="POST")).read()
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        optimizer = dspy.BootstrapFewShotWithRandomSearch(
            metric=correctness, max_bootstrapped_demos=2, num_candidate_programs=8, num_threads=threads)
        best = optimizer.compile(Program(), trainset=trainset, valset=valset)
    wall = time.perf_counter() - start
    calls = json.load(urllib.request.urlopen(base + "/stats"))["calls"]
    chosen = next(c["seed"] for c in best.candidate_programs if c["program"] is best)
    print(json.dumps({"wall": wall, "calls": calls, "chosen": chosen,
                      "scores": {str(c["seed"]): c["score"] for c in best.candidate_programs}}))


if __name__ == "__main__":
    main()
