"""Runs DSPy 3.4.1's SIMBA against the arithmetic server and prints what it chose, as JSON.

Usage: python reference_simba.py BASE_URL
Two runs, as the Swift conformance test does them: the one-predictor `Program` of reference_optimizers.py and
`TwoStep` of reference_copro.py, on 12 sums with bsize 4, 3 candidates, 3 steps, max_demos 1 and seed 7 / 11 (SIMBA's
whole schedule: both strategies, dropped demos, the softmax draws). For each: the returned program's instructions and
demos, every candidate's score and program, the trial logs, and the log lines shown, in order.
"""
import contextlib
import io
import json
import sys

import dspy
from dspy.teleprompt import SIMBA

from reference_copro import TwoStep
from reference_optimizers import Program, arithmetic_examples, exact_match, transcript


def shape(program):
    """Each predictor's instructions and demos."""
    return [
        {"instructions": p.signature.instructions, "demos": [dict(demo.items()) for demo in p.demos]}
        for _, p in program.named_predictors()
    ]


def run(program, seed):
    log = io.StringIO()
    with contextlib.redirect_stdout(log), contextlib.redirect_stderr(log):
        simba = SIMBA(metric=exact_match, bsize=4, num_candidates=3, max_steps=3, max_demos=1, num_threads=4)
        best = simba.compile(program, trainset=arithmetic_examples(12), seed=seed)
    return {
        "best": shape(best),
        "candidates": [{"score": c["score"], "program": shape(c["program"])} for c in best.candidate_programs],
        "trialLogs": {str(k): v for k, v in best.trial_logs.items()},
        "transcript": [line for line in transcript(log.getvalue()) if not line.startswith("Model metadata refresh")],
    }


def main():
    lm = dspy.LM("openai/arithmetic", api_base=sys.argv[1] + "/v1", api_key="local", cache=False)
    # Swift's Predict does not warn about input values whose type differs from the field's (SIMBA sends its float
    # rewards as text); that warning is Predict's, not SIMBA's.
    dspy.configure(lm=lm, warn_on_type_mismatch=False)
    print(json.dumps({"single": run(Program(), seed=7), "twoStep": run(TwoStep(), seed=11)}))


if __name__ == "__main__":
    main()
