"""Runs DSPy 3.4.1's MIPROv2 against the arithmetic server and prints what it did, as JSON.

Usage: python reference_mipro.py BASE_URL
Two runs, as the Swift conformance test does them:
- "light": the one-predictor `Program` of reference_optimizers.py, auto="light", 70 sums (no valset: the last 56
  become the valset, so trials score on minibatches of 35 with full evaluations between them);
- "manual": `TwoStep` (two predictors), auto=None, num_candidates=4, num_trials=14, 12 training and 15 validation
  sums, minibatches of 6 with a full evaluation every 4th trial, 2 bootstrapped and 2 labeled demos, seed 3;
- "plain": `Program`, auto=None, num_candidates=3, num_trials=13 on 10 sums (8 become the valset), every trial on
  the whole valset (minibatch=False), without tips and without describing the program.
For each: the program code the proposer was shown (Python source, which the Swift side is given), every evaluation
in trial order (trial number, score, whether on the whole valset, and the chosen indices when the trial chose
them), the instruction candidates, the demo sets, the returned program's instructions and demos, and its score.
"""
import contextlib
import io
import json
import sys

import dspy
from dspy.propose.utils import get_dspy_source_code
from dspy.teleprompt import MIPROv2

from reference_copro import TwoStep
from reference_optimizers import Program, arithmetic_examples, exact_match


def demos(program):
    return [[{k: v for k, v in demo.items()} for demo in p.demos] for p in program.predictors()]


def evaluations(best):
    out = []
    for trial, entry in sorted(best.trial_logs.items()):
        params = {k: v for k, v in entry.items() if k.endswith("_predictor_instruction") or k.endswith("_predictor_demos")}
        if "mb_score" in entry:
            out.append({"trial": trial, "score": entry["mb_score"], "full": False, "params": params})
        elif "full_eval_score" in entry:
            out.append({"trial": trial, "score": entry["full_eval_score"], "full": True, "params": params or None})
    return out


def run(program, trainset, valset=None, **settings):
    compile_settings = settings.pop("compile", {})
    log = io.StringIO()
    with contextlib.redirect_stdout(log), contextlib.redirect_stderr(log):
        code = get_dspy_source_code(program)
        mipro = MIPROv2(metric=exact_match, num_threads=4, **settings)
        captured = {}
        propose = mipro._propose_instructions

        def recording_propose(*args, **kwargs):
            captured["instructions"] = propose(*args, **kwargs)
            captured["demos"] = args[2]
            return captured["instructions"]

        mipro._propose_instructions = recording_propose
        best = mipro.compile(program, trainset=trainset, valset=valset, **compile_settings)
    return {
        "programCode": code,
        "evaluations": evaluations(best),
        "instructions": [captured["instructions"][i] for i in range(len(captured["instructions"]))],
        "demoSets": [[[dict(d.items()) for d in demo_set] for demo_set in captured["demos"][i]]
                     for i in range(len(captured["demos"]))],
        "bestInstructions": [p.signature.instructions for p in best.predictors()],
        "bestDemos": demos(best),
        "score": best.score,
    }


def main():
    lm = dspy.LM("openai/arithmetic", api_base=sys.argv[1] + "/v1", api_key="local", cache=False)
    dspy.configure(lm=lm)
    light = run(Program(), arithmetic_examples(70), auto="light")
    manual = run(TwoStep(), arithmetic_examples(12), valset=arithmetic_examples(15, offset=40), auto=None,
                 num_candidates=4, max_bootstrapped_demos=2, max_labeled_demos=2,
                 compile={"num_trials": 14, "minibatch_size": 6, "minibatch_full_eval_steps": 3, "seed": 3})
    plain = run(Program(), arithmetic_examples(10, offset=20), auto=None, num_candidates=3,
                compile={"num_trials": 13, "minibatch": False, "tip_aware_proposer": False,
                         "program_aware_proposer": False})
    print(json.dumps({"light": light, "manual": manual, "plain": plain}))


if __name__ == "__main__":
    main()
