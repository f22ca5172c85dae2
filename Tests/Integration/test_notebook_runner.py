"""`swift-dspy run`: executes a literate script or notebook through the real cell engine, writes outputs as
nbclient does, injects papermill-style parameters, and fails naming the cell."""
import subprocess
import time

import nbformat

SCRIPT = """\
// %% [markdown]
// # Runner check

// %% tags=["parameters"]
let name = "world"
let count = 2

// %%
for index in 0..<count { print("hello", name, index) }
let answer = 40 + count
answer
"""


def run(cli, *args, cwd):
    return subprocess.run([cli, "run", *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=600)


def test_runs_a_script_with_parameters_and_writes_outputs(cli, tmp_path):
    (tmp_path / "hello.swift").write_text(SCRIPT)
    result = run(cli, "hello.swift", "-p", "name", "Ada", "-p", "count", "3", "--output", "out.ipynb", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "hello Ada 2\n" in result.stdout

    notebook = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    nbformat.validate(notebook)
    injected = notebook.cells[2]
    assert injected.metadata.tags == ["injected-parameters"]
    assert injected.source == '// Parameters\nlet name = "Ada"\nlet count = 3'
    last = notebook.cells[3]
    assert last.execution_count == 3
    assert last.outputs[0].output_type == "stream" and last.outputs[0].text == "hello Ada 0\nhello Ada 1\nhello Ada 2\n"
    assert last.outputs[1].output_type == "execute_result" and last.outputs[1].data["text/plain"] == "43"
    assert notebook.metadata.papermill.parameters == {"name": "Ada", "count": 3}


def test_a_failing_cell_fails_the_run_and_is_named(cli, tmp_path):
    (tmp_path / "broken.swift").write_text("// %%\nprint(\"before\")\n\n// %% [markdown]\n// text\n\n// %%\nlet x: Int = \"not a number\"\n\n// %%\nprint(\"never\")\n")
    result = run(cli, "broken.swift", "--output", "out.ipynb", cwd=tmp_path)
    assert result.returncode == 1
    assert "cell 3 (execution count 2) failed" in result.stderr
    notebook = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    assert notebook.cells[2].outputs[-1].output_type == "error"
    assert notebook.cells[3].execution_count is None and notebook.cells[3].outputs == []


def test_rejects_a_value_that_does_not_fit_the_declared_type(cli, tmp_path):
    (tmp_path / "hello.swift").write_text(SCRIPT)
    result = run(cli, "hello.swift", "-p", "count", "many", cwd=tmp_path)
    assert result.returncode != 0
    assert "parameter count" in result.stderr and "not an integer" in result.stderr


def test_the_worker_ends_when_the_runner_is_killed_mid_cell(cli, tmp_path):
    """An orphaned worker must not run on: killing the runner while a cell sleeps ends its worker too."""
    (tmp_path / "sleepy.swift").write_text(
        '// %%\nprint("worker", ProcessInfo.processInfo.processIdentifier)\n'
        '// %%\nThread.sleep(forTimeInterval: 120)\n')
    runner = subprocess.Popen([cli, "run", "sleepy.swift"], cwd=tmp_path, stdout=subprocess.PIPE, text=True)
    try:
        worker = None
        for line in runner.stdout:
            if line.startswith("worker "):
                worker = int(line.split()[1])
                break
        assert worker is not None
        time.sleep(0.5)  # the second cell is running now
        assert process_alive(worker)
        runner.kill()
        runner.wait(timeout=10)
        deadline = time.monotonic() + 5
        while process_alive(worker) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not process_alive(worker), "the worker outlived the runner that started it"
    finally:
        runner.kill()


def process_alive(pid):
    """True while `pid` exists and is not a zombie waiting to be reaped."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
