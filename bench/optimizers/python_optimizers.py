"""Python DSPy 3.4.1 side of the optimizer benchmark (bench/optimizers/run.py), on arithmetic data.

Usage: python python_optimizers.py BASE_URL THREADS OPTIMIZER, OPTIMIZER one of
- random-search: the notebook's settings (2 bootstrapped demos, 8 candidates, 75 train, 25 validation, a judge metric);
- mipro: MIPROv2 auto="light" on 70 sums, exact match (as the conformance test's "light" run);
- gepa: GEPA auto="light", 20 training and 20 validation sums, a feedback metric.
Prints one JSON line: wall seconds, LM calls and seconds with a call in flight (the server's /stats), and what was
chosen (random search: the chosen seed and every candidate's score; MIPROv2 and GEPA: each predictor's instructions
and demos; MIPROv2 also the program code its proposer was shown, which the Swift side is given).
"""
import contextlib
import io
import json
import pathlib
import sys
import time
import urllib.request

import dspy

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "Tests/DSPyOptimizerTests/Fixtures"))
from reference_gepa import feedback_metric  # noqa: E402
from reference_optimizers import Program, arithmetic_examples, exact_match  # noqa: E402


def predictors(program):
    return [{"instructions": p.signature.instructions, "demos": [dict(d.items()) for d in p.demos]}
            for p in program.predictors()]


def random_search(base, threads):
    """The run and what to report of its result."""
    judge_lm = dspy.LM("openai/judge", api_base=base + "/v1", api_key="local", cache=False)
    judge = dspy.Predict("question, answer -> correct: bool")

    def correctness(example, prediction, trace=None):
        with dspy.context(lm=judge_lm):
            verdict = judge(question=example.question, answer=prediction.answer).correct
        return verdict if trace is not None else int(verdict)

    optimizer = dspy.BootstrapFewShotWithRandomSearch(
        metric=correctness, max_bootstrapped_demos=2, num_candidate_programs=8, num_threads=threads)
    return (lambda: optimizer.compile(Program(), trainset=arithmetic_examples(75),
                                      valset=arithmetic_examples(25, offset=500)),
            lambda best: {"chosen": next(c["seed"] for c in best.candidate_programs if c["program"] is best),
                          "scores": {str(c["seed"]): c["score"] for c in best.candidate_programs}})


def mipro(base, threads):
    from dspy.propose.utils import get_dspy_source_code
    program = Program()
    optimizer = dspy.teleprompt.MIPROv2(metric=exact_match, auto="light", num_threads=threads)
    return (lambda: optimizer.compile(program, trainset=arithmetic_examples(70)),
            lambda best: {"chosen": predictors(best), "score": best.score,
                          "programCode": get_dspy_source_code(program)})


def gepa(base, threads):
    optimizer = dspy.GEPA(metric=feedback_metric, auto="light", reflection_lm=dspy.settings.lm, num_threads=threads)
    return (lambda: optimizer.compile(Program(), trainset=arithmetic_examples(20),
                                      valset=arithmetic_examples(20, offset=100)),
            lambda best: {"chosen": predictors(best)})


def main():
    base, threads, name = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    dspy.configure(lm=dspy.LM("openai/arithmetic", api_base=base + "/v1", api_key="local", cache=False))
    compile_program, describe = {"random-search": random_search, "mipro": mipro, "gepa": gepa}[name](base, threads)
    urllib.request.urlopen(urllib.request.Request(base + "/reset", data=b"", method="POST")).read()
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        best = compile_program()
    wall = time.perf_counter() - start
    stats = json.load(urllib.request.urlopen(base + "/stats"))
    print(json.dumps({"wall": wall, "calls": stats["calls"], "busy": stats["busy"], **describe(best)}))


if __name__ == "__main__":
    main()
