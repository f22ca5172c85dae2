"""Renders and parses the conformance cases with Python DSPy (the reference), printing JSON on stdout.

Usage: python dspy_reference.py cases.json
The Swift conformance tests run this with the test venv's Python and compare their own output byte for byte.
"""
import json
import os
import sys
import typing
import warnings

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
warnings.filterwarnings("ignore")

import dspy  # noqa: E402
from dspy.utils.exceptions import AdapterParseError  # noqa: E402

TYPE_NAMES = {**typing.__dict__, "str": str, "int": int, "float": float, "bool": bool, "list": list, "dict": dict}


def build_signature(spec, cot):
    if "string" in spec:
        signature = dspy.Signature(spec["string"], spec.get("instructions"))
    else:
        namespace = {"__doc__": spec.get("instructions"), "__annotations__": {}}
        for field in spec["fields"]:
            kwargs = {key: field[key] for key in ("desc", "prefix") if key in field}
            make = dspy.InputField if field["kind"] == "input" else dspy.OutputField
            namespace[field["name"]] = make(**kwargs)
            if "type" in field:
                namespace["__annotations__"][field["name"]] = eval(field["type"], TYPE_NAMES)
        signature = type("Declared", (dspy.Signature,), namespace)
    return dspy.ChainOfThought(signature).predict.signature if cot else signature


def adapter_for(case):
    return {"json": dspy.JSONAdapter, "xml": dspy.XMLAdapter}.get(case.get("adapter"), dspy.ChatAdapter)()


def main(path):
    with open(path) as file:
        cases = json.load(file)
    signatures = cases["signatures"]
    rendered = []
    for case in cases["render"]:
        signature = build_signature(signatures[case["signature"]], case.get("cot", False))
        demos = [dspy.Example(**demo) for demo in case.get("demos", [])]
        messages = adapter_for(case).format(signature, demos, case["inputs"])
        rendered.append({"name": case["name"], "messages": [{"role": m["role"], "content": m["content"]} for m in messages]})
    parsed = []
    for case in cases["parse"]:
        signature = build_signature(signatures[case["signature"]], case.get("cot", False))
        try:
            fields = adapter_for(case).parse(signature, case["completion"])
            parsed.append({"name": case["name"], "ok": {key: repr(value) for key, value in fields.items()}})
        except (AdapterParseError, ValueError) as error:
            parsed.append({"name": case["name"], "error": type(error).__name__})
    json.dump({"render": rendered, "parse": parsed}, sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main(sys.argv[1])
