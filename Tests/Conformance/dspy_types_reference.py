"""What DSPy 3.4.1 does with History, Image, Tool and ToolCalls fields, printed as JSON for DSPyTypesTests
(Tests/DSPyTests/DSPyTypesTests.swift), which runs the Swift twins: the messages ChatAdapter and JSONAdapter format,
ToolCalls read from completions, tool arguments checked against their schemas, and what native function calling
sends to and reads from the scripted server (Tests/Servers/openai_test_server.py, run here in a thread).

Usage: python dspy_types_reference.py IMAGE_PATH
"""
import json
import os
import sys
import threading
import typing
import urllib.request
import warnings

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
warnings.filterwarnings("ignore")

import dspy  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Servers"))
import openai_test_server  # noqa: E402


def search(query: str, k: typing.Optional[int] = None) -> str:
    """Search the web."""
    return f"results for {query}"


class Chat(dspy.Signature):
    """Answer the question."""

    question: str = dspy.InputField()
    history: dspy.History = dspy.InputField()
    answer: str = dspy.OutputField()


class Caption(dspy.Signature):
    image: dspy.Image = dspy.InputField(desc="a picture")
    images: list[dspy.Image] = dspy.InputField()
    caption: str = dspy.OutputField()


class Act(dspy.Signature):
    question: str = dspy.InputField()
    tools: list[dspy.Tool] = dspy.InputField()
    calls: dspy.ToolCalls = dspy.OutputField()


ADAPTERS = {"chat": dspy.ChatAdapter, "json": dspy.JSONAdapter}
HISTORY = dspy.History(messages=[
    {"question": "Capital of France?", "answer": "Paris"},
    {"question": "And Germany?"},
    {"answer": "Berlin"},
])
COMPLETIONS = [
    "[[ ## calls ## ]]\n{\"tool_calls\": [{\"name\": \"search\", \"args\": {\"query\": \"cats\"}}]}\n\n[[ ## completed ## ]]",
    "[[ ## calls ## ]]\n[{\"name\": \"search\", \"arguments\": \"{\\\"query\\\": \\\"dogs\\\", \\\"k\\\": 2}\"}]\n\n[[ ## completed ## ]]",
    "[[ ## calls ## ]]\n{\"name\": \"search\", \"args\": {}}\n\n[[ ## completed ## ]]",
    "[[ ## calls ## ]]\n{\"calls\": 3}\n\n[[ ## completed ## ]]",
]
ARGUMENTS = [{"query": {"type": "string"}}, {"query": 3}, {"query": ["a"]}, {"query": "x", "k": 2}, {"q": 1}, {"query": "x", "k": "2"}]


def calls_of(value):
    return [{"id": call.id, "name": call.name, "args": call.args} for call in value.tool_calls]


def main(image_path):
    tool = dspy.Tool(search)
    image = dspy.Image.from_path(image_path)
    images = [dspy.Image("https://example.org/a.png"), dspy.Image("data:image/gif;base64,R0lGODlh")]
    out = {"format": {}, "parse": [], "arguments": [], "native": {}}
    for name, adapter in ADAPTERS.items():
        out["format"][name] = {
            "history": adapter().format(Chat, [], {"question": "Are you sure?", "history": HISTORY}),
            "image": adapter().format(Caption, [], {"image": image, "images": images}),
            "tool_calls": adapter(use_native_function_calling=False).format(Act, [], {"question": "q", "tools": [tool]}),
        }
    for completion in COMPLETIONS:
        try:
            out["parse"].append({"ok": True, "calls": calls_of(dspy.ChatAdapter().parse(Act, completion)["calls"])})
        except Exception as error:  # noqa: BLE001 - the test compares which replies fail
            out["parse"].append({"ok": False, "error": str(error)})
    for arguments in ARGUMENTS:
        try:
            out["arguments"].append({"ok": True, "result": tool(**arguments)})
        except Exception as error:  # noqa: BLE001
            out["arguments"].append({"ok": False, "error": str(error)})
    httpd = openai_test_server.Server(("127.0.0.1", 0), openai_test_server.Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    server = f"http://127.0.0.1:{httpd.server_address[1]}"
    for name, adapter in ADAPTERS.items():
        lm = dspy.LM("openai/gpt-4o-mini", api_base=server + "/v1", api_key="local", cache=False, num_retries=0)
        with dspy.context(lm=lm, adapter=adapter(use_native_function_calling=True)):
            prediction = dspy.Predict(Act)(question="Find cats.", tools=[tool])
        body = json.load(urllib.request.urlopen(server + "/stats"))["last"]["body"]
        out["native"][name] = {"body": body, "calls": calls_of(prediction.calls)}
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
