"""Every notebook under notebooks/ runs offline to the end — headless with `swift-dspy run` and in the kernel
with nbclient — with no error outputs and every code cell executed; Text2SQL ends in its results table."""
import os
import pathlib
import re
import sys

import nbformat
import pytest
from nbclient import NotebookClient

import kernel_support

ROOT = pathlib.Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
ENDPOINT_VARIABLES = ["SERVED_MODEL_URL", "SERVED_MODEL_NAME", "JUDGE_MODEL_URL", "JUDGE_MODEL_NAME",
                      "COMPARISON_MODEL_URL", "COMPARISON_MODEL_NAME", "TEXT2SQL_TRAIN", "TEXT2SQL_TEST"]


@pytest.fixture(scope="module")
def lm_cache(tmp_path_factory):
    """One LM cache for this module, empty at first: the headless runs talk to the model server, and the kernel
    runs after them replay the same calls from the cache, which keeps the suite's time down."""
    return tmp_path_factory.mktemp("lm-cache")


@pytest.fixture()
def offline_env(tmp_path, monkeypatch, lm_cache):
    """No model endpoints or data files: the notebooks start the offline model and use the built-in sample."""
    for name in ENDPOINT_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DSPY_CACHEDIR", str(lm_cache))
    monkeypatch.setenv("SWIFT_DSPY_CACHE", str(tmp_path / "swift-dspy-cache"))
    monkeypatch.setenv("MCP_PYTHON", sys.executable)  # notebook 03's MCP server needs the venv's `mcp` package
    return dict(os.environ)


def check_executed(notebook, name):
    for number, cell in enumerate(notebook.cells, start=1):
        if cell.cell_type != "code":
            continue
        errors = [output for output in cell.outputs if output.output_type == "error"]
        assert not errors, f"{name} cell {number}: {errors[0].ename}: {errors[0].evalue}"
        if cell.source.strip():
            assert cell.execution_count is not None, f"{name} cell {number} did not run"
    if name == "Text2SQL.ipynb":
        check_results_table(notebook)
        check_scores_are_labelled(notebook)
    if name == "04-RAG-and-Multi-Hop.ipynb":
        check_rag_lessons(notebook)
    if name == "03-Retrieval-and-Agents.ipynb":
        check_agent_lessons(notebook)
    check_rich_outputs(notebook, name)


def check_rag_lessons(notebook):
    """04 retrieves from SQLite's docs, cites passage ids, writes follow-up searches and scores with SemanticF1."""
    text = "".join(output.get("text", "") for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs)
    assert re.search(r"\d{4,} passages from \d{3,} pages", text), "the SQLite docs were not split into passages"
    assert "lang_createindex.html#unique_indexes" in text, "neither retriever found CREATE INDEX's UNIQUE section"
    assert re.search(r"CITED: \['[a-z0-9_]+\.html#", text), "no answer cited a passage id"
    assert "hop 2 search:" in text, "the multi-hop program wrote no second search"
    assert re.search(r"RAG before: [0-9.]+%   after BootstrapFewShot: [0-9.]+%", text), "no compiled RAG score"


def check_agent_lessons(notebook):
    """03's agent calls the tool from a Swift function and the MCP server's tool, and a typed output is read back."""
    text = "".join(output.get("text", "") for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs)
    assert "MCP tools: [\"check_sql, whose description is" in text, "the MCP server's tool was not listed"
    assert re.search(r"tool_name_\d: run_sql\ntool_args_\d: \{'query': 'SELECT ", text), "the agent did not run SQL"
    assert re.search(r"tool_name_\d: check_sql\ntool_args_\d: .*\nobservation_\d: complete", text), "no MCP observation"
    assert re.search(r"verdict: (Yes|No) - ", text), "the typed verdict was not read back"


def rich_outputs(notebook):
    return [output.data for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs
            if output.output_type in ("display_data", "execute_result")]


def check_rich_outputs(notebook, name):
    """Progress bars, tables, the candidates' chart, predictions and inspect_history render as HTML or SVG."""
    html = "\n".join(data.get("text/html", "") for data in rich_outputs(notebook))
    if "inspectHistory(" in "".join(cell.source for cell in notebook.cells):
        assert "<details><summary" in html and "message</summary>" in html, f"{name}: inspect_history is not HTML"
    if name in ("Text2SQL.ipynb", "02-Evaluate-and-Optimize.ipynb"):
        assert "<progress value=" in html and "<table>" in html, f"{name}: no progress bar or table"
    if name == "01-Signatures-and-Modules.ipynb":
        assert "<caption style=\"text-align: left\"><b>Prediction</b></caption>" in html, "no prediction table"
    if name == "Text2SQL.ipynb":
        charts = [data["image/svg+xml"] for data in rich_outputs(notebook) if "image/svg+xml" in data]
        assert charts and charts[0].count("<rect") == 11, "no chart of the 11 random-search candidates"
        assert "judged by" in charts[0] and "rows of" in charts[0], "the chart does not name its model and data"


def check_scores_are_labelled(notebook):
    """Every cell that logs Evaluate scores first says which model, which data and which judge."""
    for cell in notebook.cells:
        streams = [output.text for output in cell.get("outputs", []) if output.output_type == "stream"]
        if any("Average Metric:" in text for text in streams):
            assert "judged by" in streams[0] and "rows of" in streams[0], streams[0][:300]


def check_results_table(notebook):
    """The closing table: the study's layout, one row per stage — the study's three, then the rows beyond the paper —
    every score a percentage in [0, 100]."""
    tables = [output.data["text/markdown"] for cell in notebook.cells if cell.cell_type == "code"
              for output in cell.outputs if "text/markdown" in output.get("data", {})
              and output.data["text/markdown"].startswith("| Model | Optimization |")]
    assert tables, "Text2SQL has no closing results table"
    rows = [line for line in tables[-1].splitlines()[2:]]
    assert len(rows) >= 3, tables[-1]
    study = ["none", "LabeledFewShot", "BootstrapFewShotWithRandomSearch"]
    beyond = ["KNNFewShot + SQLite function docs", "MIPROv2 (light)", "GEPA (light)"]
    stages = [[cell.strip() for cell in row.strip("|").split("|")][1] for row in rows]
    assert stages[:3] == study and set(stages[3:]) <= set(beyond), stages
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        for value in cells[2:5]:
            number = float(re.fullmatch(r"([0-9.]+)%", value).group(1))
            assert 0 <= number <= 100, row


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_runs_headless_with_swift_dspy_run(cli, path, tmp_path, offline_env):
    import subprocess
    output = tmp_path / path.name
    result = subprocess.run([cli, "run", path, "--output", output, "--quiet"], cwd=tmp_path, env=offline_env,
                            capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, result.stderr[-3000:]
    notebook = nbformat.read(output, as_version=4)
    nbformat.validate(notebook)
    check_executed(notebook, path.name)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_runs_in_the_kernel_with_nbclient(path, tmp_path, offline_env):
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=900, kernel_name=kernel_support.swift_kernel_name(),
                            resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    check_executed(notebook, path.name)
