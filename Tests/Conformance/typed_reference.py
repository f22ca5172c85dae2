"""Renders and parses typed_cases.json with Python DSPy 3.4.1 and pydantic models equivalent to the Swift test
types (Tests/DSPyTests/TypedFieldTests.swift), printing JSON on stdout.

Usage: python typed_reference.py typed_cases.json
"""
import enum
import json
import os
import sys
import typing
import warnings

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
warnings.filterwarnings("ignore")

import dspy  # noqa: E402
import pydantic  # noqa: E402
from dspy.adapters.json_adapter import _get_structured_outputs_response_format  # noqa: E402
from dspy.adapters.utils import serialize_for_json  # noqa: E402


class Mood(enum.Enum):
    happy = "happy"
    sad = "sad"
    neutral = "neutral"


class Priority(enum.Enum):
    low = 1
    high = 2


class Address(pydantic.BaseModel):
    street: str
    city: str
    zip_code: typing.Optional[str] = None


class Person(pydantic.BaseModel):
    """A person mentioned in the text."""

    name: str
    age: int = pydantic.Field(description="Age in years")
    mood: Mood
    address: Address = pydantic.Field(description="Where they live")
    tags: list[str]
    nickname: typing.Optional[str] = None
    scores: dict[str, float]


TYPES = {"str": str, "Person": Person, "Mood": Mood, "Priority": Priority, "list": list, "Optional": typing.Optional}


def signature(case):
    namespace = {"__doc__": None, "__annotations__": {}}
    for name, kind, annotation in case["fields"]:
        namespace[name] = (dspy.InputField if kind == "input" else dspy.OutputField)()
        namespace["__annotations__"][name] = eval(annotation, TYPES)
    return type("Typed", (dspy.Signature,), namespace)


def adapter(case):
    return dspy.JSONAdapter() if case.get("adapter") == "json" else dspy.ChatAdapter()


def typed(case, values):
    """Inputs and demos as the typed values a Python program would pass."""
    fields = {name: eval(annotation, TYPES) for name, _, annotation in case["fields"]}
    return {name: pydantic.TypeAdapter(fields[name]).validate_python(value) if name in fields else value
            for name, value in values.items()}


def main(path):
    cases = json.load(open(path))
    render = []
    for case in cases["render"]:
        sig = signature(case)
        demos = [typed(case, demo) for demo in case.get("demos", [])]
        messages = adapter(case).format(sig, demos, typed(case, case["inputs"]))
        schema = None
        if any(kind == "output" for _, kind, _ in case["fields"]):
            schema = _get_structured_outputs_response_format(sig).model_json_schema()
        render.append({"messages": messages, "structured_outputs_schema": schema})
    parse = []
    for case in cases["parse"]:
        try:
            values = adapter(case).parse(signature(case), case["completion"])
            values = {k: serialize_for_json(v) for k, v in values.items()}
            parse.append({"ok": True, "values": json.dumps(values, sort_keys=True, ensure_ascii=False)})
        except Exception as error:  # noqa: BLE001 - any failure is compared as a failure
            parse.append({"ok": False, "error": str(error)})
    json.dump({"render": render, "parse": parse}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
