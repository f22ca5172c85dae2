"""Runs dspy.ReAct 3.4.1 on scripted model replies and prints every call's messages and the final trajectory as
JSON, for ReActConformanceTests (Tests/DSPyTests/ReActConformanceTests.swift), which runs the Swift twin.

Usage: python react_reference.py '<scenario JSON>'
The scenario: {"answers": [{field: value}, ...], "context_errors": [call indices that fail with
ContextWindowExceededError]}.
"""
import json
import os
import sys
import typing
import warnings

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
warnings.filterwarnings("ignore")

import dspy  # noqa: E402
from dspy.utils.dummies import DummyLM  # noqa: E402
from dspy.utils.exceptions import ContextWindowExceededError  # noqa: E402


def get_weather(city: str, units: typing.Optional[str] = None) -> str:
    """Current weather in a city."""
    return f"Sunny in {city}" + (f" ({units})." if units else ".")


class ScriptedLM(DummyLM):
    """DummyLM that records every call's messages and fails the calls listed with a context-window error."""

    def __init__(self, answers, context_errors):
        super().__init__(answers)
        self.context_errors = set(context_errors)
        self.calls = []

    def forward(self, prompt=None, messages=None, **kwargs):
        self.calls.append(messages)
        if len(self.calls) - 1 in self.context_errors:
            raise ContextWindowExceededError(model="dummy", message="the request exceeds the available context size")
        return super().forward(prompt=prompt, messages=messages, **kwargs)


def main(scenario):
    scenario = json.loads(scenario)
    lm = ScriptedLM(scenario["answers"], scenario.get("context_errors", []))
    dspy.configure(lm=lm, adapter=dspy.ChatAdapter())
    agent = dspy.ReAct("question -> answer", tools=[get_weather], max_iters=5)
    prediction = agent(question="Weather in Paris and Lyon?")
    json.dump({
        "calls": lm.calls,
        "trajectory": list(prediction.trajectory.items()),
        "answer": prediction.answer,
    }, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
