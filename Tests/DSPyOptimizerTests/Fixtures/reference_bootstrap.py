"""Runs DSPy 3.4.1's BootstrapFewShot in the cases reference_optimizers.py leaves out, against the arithmetic
server, and prints the demos it chose as JSON.

Usage: python reference_bootstrap.py BASE_URL. The cases: a program that calls one predictor four times per example
(DSPy keeps one call per example, picked with a generator seeded by a hash of the calls); a compiled teacher (kept as
it is) and a plain teacher with demos of its own (reset, then given labeled demos), passed to BootstrapFewShot and to
the random search.
"""
import contextlib
import io
import json
import sys

import dspy
from reference_optimizers import Program, arithmetic_examples, demos_of, exact_match


class RepeatedCalls(dspy.Module):
    """Calls one predictor with the question, a variant of it, the question again, then the first reasoning."""

    def __init__(self):
        super().__init__()
        self.program = dspy.ChainOfThought("question -> answer")

    def forward(self, question):
        first = self.program(question=question)
        self.program(question=question + " Check it.")
        self.program(question=question)
        return self.program(question=first.reasoning)


def main():
    lm = dspy.LM("openai/arithmetic", api_base=sys.argv[1] + "/v1", api_key="local", cache=False)
    dspy.configure(lm=lm)
    trainset, valset = arithmetic_examples(20), arithmetic_examples(10, offset=100)
    report = {}
    with contextlib.redirect_stdout(io.StringIO()):
        repeated = dspy.BootstrapFewShot(max_bootstrapped_demos=12, max_labeled_demos=0).compile(
            RepeatedCalls(), trainset=trainset)
        report["repeated"] = demos_of(repeated)

        teacher = dspy.BootstrapFewShot(metric=exact_match, max_bootstrapped_demos=2, max_labeled_demos=2).compile(
            Program(), trainset=trainset)
        report["teacher"] = demos_of(teacher)
        optimizer = dspy.BootstrapFewShot(metric=exact_match, max_bootstrapped_demos=3, max_labeled_demos=4)
        report["compiledTeacher"] = demos_of(optimizer.compile(Program(), teacher=teacher, trainset=trainset))

        plain = Program()
        plain.named_predictors()[0][1].demos = trainset[10:13]
        report["plainTeacher"] = demos_of(optimizer.compile(Program(), teacher=plain, trainset=trainset))

        search = dspy.BootstrapFewShotWithRandomSearch(
            metric=exact_match, max_bootstrapped_demos=2, max_labeled_demos=2, num_candidate_programs=1, num_threads=4)
        best = search.compile(Program(), teacher=teacher, trainset=trainset, valset=valset)
    report["searchWithTeacher"] = [
        {"seed": c["seed"], "score": c["score"], "demos": demos_of(c["program"])} for c in best.candidate_programs
    ]
    report["teacherAfter"] = demos_of(teacher)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
