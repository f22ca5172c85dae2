"""Runs DSPy 3.4.1's GEPA against the arithmetic server and prints what it found, as JSON.

Usage: python reference_gepa.py BASE_URL
Runs as the Swift conformance test does them, each with a feedback metric (score 1.0 or 0.0 and a sentence naming the
expected answer), the server's model as task and reflection LM, 4 threads, track_stats:
- `single`: the one-predictor `Program` of reference_optimizers.py, 6 training sums, 4 validation sums, 60 metric
  calls, Pareto selection, seed 0;
- `twoStep`: `TwoStep` of reference_copro.py (round robin over two predictors), 5 training sums from the 14th and no valset (the
  trainset scores candidates), 36 metric calls, current-best selection, reflection minibatches of 2, seed 3.
- `merge`: `TwoStep` with merges (DSPy's default), 6 training sums from the 32nd and no valset, 150 metric calls,
  Pareto selection, reflection minibatches of 2, seed 1.
For each: every candidate's instructions, parents, aggregate and per-example validation scores, the discovery budgets,
the total metric calls, the returned program's instructions, and the log lines of the GEPA engine ("Iteration ...").
"""
import contextlib
import io
import json
import logging
import sys

import dspy

from reference_copro import TwoStep
from reference_optimizers import Program, arithmetic_examples


class Messages(logging.Handler):
    """The messages DSPy logs, as they are logged (the printed lines can share a line with GEPA's progress bar)."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def feedback_metric(gold, pred, trace=None, pred_name=None, pred_trace=None):
    if gold.answer == pred.answer:
        return dspy.Prediction(score=1.0, feedback="Correct.")
    return dspy.Prediction(score=0.0, feedback=f"Wrong: expected {gold.answer}, got {pred.answer}.")


def instructions(program):
    return [p.signature.instructions for _, p in program.named_predictors()]


def run(program, trainset, valset, **settings):
    handler = Messages()
    logging.getLogger("dspy").addHandler(handler)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        gepa = dspy.GEPA(metric=feedback_metric, reflection_lm=dspy.settings.lm, num_threads=4,
                         track_stats=True, **settings)
        best = gepa.compile(program, trainset=trainset, valset=valset)
    logging.getLogger("dspy").removeHandler(handler)
    results = best.detailed_results
    return {
        "best": instructions(best),
        "candidates": [instructions(c) for c in results.candidates],
        "parents": results.parents,
        "scores": results.val_aggregate_scores,
        "subscores": [[s[k] for k in sorted(s)] for s in results.val_subscores],
        "discoveryCalls": results.discovery_eval_counts,
        "totalCalls": results.total_metric_calls,
        "bestIndex": results.best_idx,
        "transcript": [message for message in handler.messages if message.startswith("Iteration ")],
    }


def main():
    lm = dspy.LM("openai/arithmetic", api_base=sys.argv[1] + "/v1", api_key="local", cache=False)
    dspy.configure(lm=lm)
    print(json.dumps({
        "single": run(Program(), arithmetic_examples(6), arithmetic_examples(4, offset=100), max_metric_calls=60, use_merge=False,
                      seed=0),
        "twoStep": run(TwoStep(), arithmetic_examples(5, offset=13), None, max_metric_calls=36,
                       candidate_selection_strategy="current_best", reflection_minibatch_size=2, use_merge=False, seed=3),
        "merge": run(TwoStep(), arithmetic_examples(6, offset=31), None, max_metric_calls=150,
                     reflection_minibatch_size=2, seed=1),
    }))


if __name__ == "__main__":
    main()
