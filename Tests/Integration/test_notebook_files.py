"""`swift-dspy convert`: notebooks it writes are valid nbformat, laid out as nbformat writes them, and survive
a round trip through a literate script; `--check` catches a pair that drifted apart."""
import subprocess

import nbformat

SCRIPT = """\
// ---
// jupyter:
//   kernelspec:
//     display_name: Swift (DSPy)
//     language: swift
//     name: swift-dspy
// ---

// %% [markdown]
// # Convert me
//
// Text with "quotes" and ünïcode.

// %% tags=["parameters"]
let sampleSize = 100

// %%
print(sampleSize)
"""


def test_script_to_notebook_is_valid_nbformat_and_round_trips(cli, tmp_path):
    script = tmp_path / "demo.swift"
    script.write_text(SCRIPT)
    subprocess.run([cli, "convert", script], check=True, capture_output=True)
    notebook_path = tmp_path / "demo.ipynb"
    notebook = nbformat.read(notebook_path, as_version=4)
    nbformat.validate(notebook)
    assert [cell.cell_type for cell in notebook.cells] == ["markdown", "code", "code"]
    assert notebook.cells[1].metadata.tags == ["parameters"]
    assert notebook.metadata.kernelspec.name == "swift-dspy"
    assert notebook_path.read_text() == nbformat.writes(notebook) + "\n"

    back = tmp_path / "back.swift"
    subprocess.run([cli, "convert", notebook_path, "--output", back], check=True, capture_output=True)
    assert back.read_text() == SCRIPT


def test_notebook_written_by_nbformat_converts_and_checks(cli, tmp_path):
    notebook = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "swift-dspy", "display_name": "Swift (DSPy)", "language": "swift"}})
    notebook.cells = [nbformat.v4.new_markdown_cell("# Hi"), nbformat.v4.new_code_cell("let x = 1\nprint(x)")]
    path = tmp_path / "nb.ipynb"
    nbformat.write(notebook, path)
    subprocess.run([cli, "convert", path], check=True, capture_output=True)
    assert (tmp_path / "nb.swift").read_text().endswith("// %%\nlet x = 1\nprint(x)\n")
    ok = subprocess.run([cli, "convert", path, "--check"], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr

    notebook.cells[1].source = "let x = 2\nprint(x)"
    nbformat.write(notebook, path)
    drifted = subprocess.run([cli, "convert", path, "--check"], capture_output=True, text=True)
    assert drifted.returncode == 1
    assert "cell 2: the sources differ" in drifted.stderr


def test_bad_script_fails_naming_the_line(cli, tmp_path):
    script = tmp_path / "bad.swift"
    script.write_text("// %% [markdown]\n// fine\nnot a comment\n")
    result = subprocess.run([cli, "convert", script], capture_output=True, text=True)
    assert result.returncode != 0
    assert "line 3" in result.stderr and "bad.swift" in result.stderr
    assert not (tmp_path / "bad.ipynb").exists()
