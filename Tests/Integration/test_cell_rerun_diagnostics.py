"""Issue 15 through the real kernel and jupyter_client: re-running cells, diagnostics exactly as swiftc gives
them for the same top-level code, quiet crash output, labels and values without module names, and the
literal-signature first step. The repro cells are the issue's, verbatim."""
import json
import os
import pathlib
import re
import shutil
import subprocess
import tempfile

import pytest
from jupyter_client.manager import start_new_kernel

import kernel_support
from kernel_support import run

REPRO = "struct E { let v: Int }\nfunc g(_ k: Int) -> E? { k > 0 ? E(v: k) : nil }\nlet e1 = g(1)"


@pytest.fixture(scope="module")
def kernel():
    yield from kernel_support.started(kernel_support.swift_kernel_name())


def outputs(messages, kind):
    return [m["content"] for m in messages if m["msg_type"] == kind]


def stderr_text(messages):
    return "".join(c["text"] for c in outputs(messages, "stream") if c["name"] == "stderr")


def result_text(messages):
    results = outputs(messages, "execute_result")
    return results[0]["data"]["text/plain"] if results else None


def shown_diagnostics(text):
    """`line:column: severity: message` of each error and warning as the kernel renders it."""
    lines = text.splitlines()
    shown = []
    for line, place in zip(lines, lines[1:]):
        match = re.match(r"(error|warning): (.*)", line)
        position = re.search(r"line (\d+), column (\d+)", place)
        if match and position:
            shown.append(f"{position[1]}:{position[2]}: {match[1]}: {match[2]}")
    return shown


def swiftc_diagnostics(code):
    """What swiftc says about `code` as a top-level main.swift (Foundation imported on a line before it)."""
    swiftc = os.environ.get("SWIFTC") or shutil.which("swiftc")
    with tempfile.TemporaryDirectory() as folder:
        main = pathlib.Path(folder) / "main.swift"
        main.write_text("import Foundation\n" + code + "\n")
        done = subprocess.run([swiftc, "-typecheck", "-swift-version", "5", "-diagnostic-style", "llvm", str(main)],
                              capture_output=True, text=True)
        found = []
        for line in (done.stdout + done.stderr).splitlines():
            match = re.match(re.escape(str(main)) + r":(\d+):(\d+): (error|warning): (.*)", line)
            if match:
                found.append(f"{int(match[1]) - 1}:{match[2]}: {match[3]}: {match[4]}")
        return found


def test_running_a_cell_three_times_is_like_running_it_once(kernel):
    _, kc = kernel
    for attempt in range(3):
        reply, messages = run(kc, REPRO)
        assert reply["content"]["status"] == "ok", (attempt, reply["content"])
    assert result_text(run(kc, "g(7)!.v + e1!.v")[1]) == "8"


@pytest.mark.parametrize("cell", [
    'let a = 1\nlet b = "two"\nlet c: Int = b',
    'let u: Int = "a"',
    'Thread.sleep(forTimeInterval: 0.01)',
    'let x = (1 +\nprint("after")',
])
def test_diagnostics_are_swiftcs_for_the_same_top_level_code(kernel, cell):
    _, kc = kernel
    expected = swiftc_diagnostics(cell)
    reply, messages = run(kc, cell)
    errors = outputs(messages, "error")
    shown = "\n".join("\n".join(e["traceback"]) for e in errors) + "\n" + stderr_text(messages)
    assert shown_diagnostics(shown) == expected, shown
    assert (reply["content"]["status"] == "error") == any(": error: " in d for d in expected)


def test_timeit_warns_about_nothing_the_user_did_not_write(kernel):
    _, kc = kernel
    reply, messages = run(kc, "%timeit 1 + 1")
    assert reply["content"]["status"] == "ok", reply["content"]
    assert "warning" not in stderr_text(messages)
    assert "per loop" in "".join(c["text"] for c in outputs(messages, "stream"))


def test_calling_a_lost_value_says_to_rerun(kernel):
    _, kc = kernel
    assert run(kc, "let twice: (Int) -> Int = { $0 * 2 }")[0]["content"]["status"] == "ok"
    assert run(kc, 'fatalError("lose it")')[0]["content"]["ename"] == "WorkerCrashed"
    reply, _ = run(kc, "twice(4)")
    text = "\n".join(reply["content"]["traceback"])
    assert "'twice' is unavailable: its value was lost when the worker restarted; run %rerun" in text
    assert "Never" not in text
    assert run(kc, "%rerun")[0]["content"]["status"] == "ok"
    assert result_text(run(kc, "twice(21)")[1]) == "42"


def test_a_crash_shows_its_summary_and_the_users_frames_only(kernel):
    _, kc = kernel
    reply, messages = run(kc, 'func explode() { fatalError("boom") }\nexplode()')
    count = reply["content"]["execution_count"]
    content = reply["content"]
    assert content["ename"] == "WorkerCrashed" and "boom" in content["evalue"]
    stderr = stderr_text(messages)
    everything = stderr + "\n".join(content["traceback"])
    for noise in ("Program crashed", "Backtracing", "swift-runtime", "libswift", "thunk"):
        assert noise not in everything, everything
    frames = [line.strip() for line in content["traceback"] if line.startswith("  in ")]
    assert frames == [f"in explode() at Cell{count}, line 1", f"in top-level code at Cell{count}, line 2"], content["traceback"]
    assert len(everything.splitlines()) <= 10, everything


def test_values_show_without_the_module_name(kernel):
    _, kc = kernel
    assert run(kc, "struct Point { let x: Int }")[0]["content"]["status"] == "ok"
    assert result_text(run(kc, "Point(x: 1)")[1]) == "Point(x: 1)"
    assert result_text(run(kc, '[Point(x: 2)].map { ($0, "Cell5.Point") }')[1]) == '[(Point(x: 2), "Cell5.Point")]'


def test_thrown_errors_name_the_users_type(kernel):
    _, kc = kernel
    reply, _ = run(kc, "enum Oops: Error { case bad }\nthrow Oops.bad")
    assert reply["content"]["ename"] == "Oops", reply["content"]


def test_predict_with_a_literal_signature_needs_no_try(kernel):
    _, kc = kernel
    reply, messages = run(kc, 'Predict("question -> answer")')
    assert reply["content"]["status"] == "ok", reply["content"]
    assert "question" in result_text(messages) and stderr_text(messages) == ""
    reply, messages = run(kc, 'let text = "question answer"\nlet bad = try Predict(text)')
    assert reply["content"]["status"] == "error" and "->" in reply["content"]["evalue"], reply["content"]
    reply, _ = run(kc, 'Predict("question answer")')
    assert reply["content"]["ename"] == "WorkerCrashed"
    assert "Predict(\"question answer\"): invalid signature" in reply["content"]["evalue"], reply["content"]


def test_text2sql_run_all_twice_in_one_kernel():
    """Run All of the study notebook twice in one kernel (offline model): the second run is as clean as the first."""
    notebook = json.loads((kernel_support.ROOT / "notebooks" / "Text2SQL.ipynb").read_text())
    cells = ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code"]
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("SERVED_MODEL", "JUDGE_MODEL", "COMPARISON_MODEL"))}
    km, kc = start_new_kernel(kernel_name=kernel_support.swift_kernel_name(), startup_timeout=60, env=environment)
    try:
        for attempt in (1, 2):
            for index, code in enumerate(cells):
                reply, messages = run(kc, code)
                assert reply["content"]["status"] == "ok", (attempt, index, reply["content"].get("evalue"))
                assert stderr_text(messages) == "", (attempt, index, stderr_text(messages))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
