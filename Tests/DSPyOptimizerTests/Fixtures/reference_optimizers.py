"""Runs DSPy 3.4.1's few-shot optimizers against the arithmetic server and prints what they chose, as JSON.

Usage: python reference_optimizers.py BASE_URL OUT_DIR, or
       python reference_optimizers.py --load FILE (prints the demos of a Program loaded from FILE).
The Swift conformance test runs the same steps on the same data and compares: the demos of LabeledFewShot and
BootstrapFewShot, every random-search candidate's seed, score and demos, and Evaluate's score; and what the random
search shows, as a transcript: each progress bar as it ends ("[bar] description n/total") and each printed or logged
line, in order. It also saves the compiled programs in OUT_DIR (DSPy's JSON format) for the load tests.
"""
import contextlib
import io
import json
import re
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


BAR = re.compile(r"^(?:(.*): )?\s*\d+%\|[^|]*\| (\d+)/(\d+) \[")
LOG_PREFIX = re.compile(r"^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d \w+ [\w.]+: ")


def transcript(output):
    """What a terminal ends up showing: each line's last carriage-return segment; bars reduced to description and
    count, log lines without their timestamp prefix."""
    lines = []
    for line in output.split("\n"):
        shown = [segment for segment in line.split("\r") if segment][-1:] or [""]
        bar = BAR.match(shown[0])
        if bar:
            lines.append(f"[bar] {bar.group(1) or ''} {bar.group(2)}/{bar.group(3)}")
        elif shown[0]:
            lines.append(LOG_PREFIX.sub("", shown[0]))
    return lines


def demos_of(program):
    return [[dict(demo.items()) for demo in predictor.demos] for _, predictor in program.named_predictors()]


def main():
    if sys.argv[1] == "--load":
        program = Program()
        program.load(sys.argv[2])
        print(json.dumps(demos_of(program)))
        return
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
    with contextlib.redirect_stdout(log), contextlib.redirect_stderr(log):
        search = dspy.BootstrapFewShotWithRandomSearch(
            metric=exact_match, max_bootstrapped_demos=2, max_labeled_demos=4, num_candidate_programs=4, num_threads=4)
        best = search.compile(Program(), trainset=trainset, valset=valset)
    report["candidates"] = [
        {"seed": c["seed"], "score": c["score"], "subscores": [float(s) for s in c["subscores"]], "demos": demos_of(c["program"])}
        for c in best.candidate_programs
    ]
    report["best"] = demos_of(best)
    report["transcript"] = transcript(log.getvalue())
    best.save(f"{out_dir}/search.json")

    # What a program loaded from the saved file sends for a new question: Swift must render the same messages.
    loaded = Program()
    loaded.load(f"{out_dir}/search.json")
    predictor = loaded.named_predictors()[0][1]
    report["loadedPrompt"] = dspy.ChatAdapter().format(
        predictor.signature, predictor.demos, {"question": "What is 2 + 2?"})
    print(json.dumps(report))


if __name__ == "__main__":
    main()
