"""Runs DSPy 3.4.1's few-shot optimizers against the arithmetic server and prints what they chose, as JSON.

Usage: python reference_optimizers.py BASE_URL OUT_DIR. The Swift conformance test runs the same steps on the same
data and compares: the demos of LabeledFewShot and BootstrapFewShot, every random-search candidate's seed, score and
demos, and Evaluate's score. It also saves the compiled programs in OUT_DIR (DSPy's JSON format) for the load tests.
"""
import contextlib
import io
import json
import sys

import dspy


def arithmetic_examples(count, offset=0):
    examples = []
    for i in range(offset, offset + count):
        a, b = (i * 37) % 91, (i * 53) % 67
        examples.append(dspy.Example(question=f"What is {a} + {b}?", answer=str(a + b)).with_inputs("question"))
    return examples


def exact_match(example, prediction, trace=None):
    return example.answer == prediction.answer


class Program(dspy.Module):
    def __init__(self):
        super().__init__()
        self.program = dspy.ChainOfThought("question -> answer")

    def forward(self, question):
        return self.program(question=question)


def demos_of(program):
    return [[dict(demo.items()) for demo in predictor.demos] for _, predictor in program.named_predictors()]


def main():
    base, out_dir = sys.argv[1], sys.argv[2]
    lm = dspy.LM("openai/arithmetic", api_base=base + "/v1", api_key="local", cache=False)
    dspy.configure(lm=lm)
    trainset, valset = arithmetic_examples(20), arithmetic_examples(10, offset=100)
    report = {}

    labeled = dspy.LabeledFewShot(k=4).compile(Program(), trainset=trainset)
    report["labeled"] = demos_of(labeled)
    labeled.save(f"{out_dir}/labeled.json")

    with contextlib.redirect_stdout(io.StringIO()):
        bootstrapped = dspy.BootstrapFewShot(metric=exact_match, max_bootstrapped_demos=3, max_labeled_demos=5).compile(
            Program(), trainset=trainset)
    report["bootstrap"] = demos_of(bootstrapped)
    bootstrapped.save(f"{out_dir}/bootstrap.json")

    evaluate = dspy.Evaluate(devset=valset, metric=exact_match, num_threads=4)
    report["bootstrapScore"] = evaluate(bootstrapped).score
    report["zeroShotScore"] = evaluate(Program()).score

    log = io.StringIO()
    with contextlib.redirect_stdout(log):
        search = dspy.BootstrapFewShotWithRandomSearch(
            metric=exact_match, max_bootstrapped_demos=2, max_labeled_demos=4, num_candidate_programs=4, num_threads=4)
        best = search.compile(Program(), trainset=trainset, valset=valset)
    report["candidates"] = [
        {"seed": c["seed"], "score": c["score"], "subscores": [float(s) for s in c["subscores"]], "demos": demos_of(c["program"])}
        for c in best.candidate_programs
    ]
    report["best"] = demos_of(best)
    report["log"] = [line for line in log.getvalue().splitlines() if line and "Average Metric" not in line and "it/s]" not in line]
    best.save(f"{out_dir}/search.json")
    print(json.dumps(report))


if __name__ == "__main__":
    main()
