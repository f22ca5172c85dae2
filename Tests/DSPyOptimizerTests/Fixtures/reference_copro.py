"""Runs DSPy 3.4.1's COPRO against the arithmetic server and prints what it chose, as JSON.

Usage: python reference_copro.py BASE_URL
Two runs, as the Swift conformance test does them: the one-predictor `Program` of reference_optimizers.py (breadth 4,
depth 3) and `TwoStep`, two predictors (breadth 3, depth 2), both with track_stats on 10 sums. For each: every
candidate in the returned order (score, depth, instruction, prefix and the program's instructions and last-field
prefixes), total_calls, results_best/results_latest by predictor name, and the log lines shown, in order.
"""
import contextlib
import io
import json
import sys

import dspy
from dspy.teleprompt import COPRO

from reference_optimizers import Program, arithmetic_examples, exact_match, transcript


class TwoStep(dspy.Module):
    def __init__(self):
        super().__init__()
        self.draft = dspy.ChainOfThought("question -> answer")
        self.check = dspy.Predict("question, draft -> answer")

    def forward(self, question):
        draft = self.draft(question=question)
        return self.check(question=question, draft=draft.answer)


def shape(program):
    """Each predictor's instructions and its last field's prefix."""
    return [
        {"instructions": p.signature.instructions, "prefix": list(p.signature.fields.values())[-1].json_schema_extra["prefix"]}
        for _, p in program.named_predictors()
    ]


def run(program, breadth, depth):
    names = [name for name, _ in program.named_predictors()]
    log = io.StringIO()
    with contextlib.redirect_stdout(log), contextlib.redirect_stderr(log):
        copro = COPRO(metric=exact_match, breadth=breadth, depth=depth, track_stats=True)
        best = copro.compile(program, trainset=arithmetic_examples(10), eval_kwargs={"num_threads": 4})
    return {
        "best": shape(best),
        "candidates": [
            {"score": c["score"], "depth": c["depth"], "instruction": c["instruction"], "prefix": c["prefix"],
             "program": shape(c["program"])}
            for c in best.candidate_programs
        ],
        "totalCalls": best.total_calls,
        "resultsBest": dict(zip(names, best.results_best.values(), strict=True)),
        "resultsLatest": dict(zip(names, best.results_latest.values(), strict=True)),
        # LiteLLM's note that it could not refresh its price list (no network here) is not DSPy's output.
        "transcript": [line for line in transcript(log.getvalue()) if not line.startswith("Model metadata refresh")],
    }


def main():
    lm = dspy.LM("openai/arithmetic", api_base=sys.argv[1] + "/v1", api_key="local", cache=False)
    dspy.configure(lm=lm)
    print(json.dumps({"single": run(Program(), breadth=4, depth=3), "twoStep": run(TwoStep(), breadth=3, depth=2)}))


if __name__ == "__main__":
    main()
