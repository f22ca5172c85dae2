"""Notebooks executed through the kernel by nbclient, papermill and `jupyter nbconvert --execute`."""
import subprocess
import sys

import nbformat
import papermill
from papermill.translators import Translator, papermill_translators
from nbclient import NotebookClient

import kernel_support


def toy_notebook(kernel_name):
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": kernel_name, "display_name": "Toy", "language": "toy"}
    notebook.cells = [
        nbformat.v4.new_markdown_cell("A toy notebook"),
        nbformat.v4.new_code_cell("let base = 20", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("print starting\nbase * 2 + 2"),
        nbformat.v4.new_code_cell("html <i>rich</i>\neprint careful"),
    ]
    return notebook


def check_outputs(notebook):
    cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert cells[-2].outputs[0]["text"] == "starting\n"
    assert cells[-2].outputs[1]["data"]["text/plain"] == str(int(notebook_base(notebook)) * 2 + 2)
    assert cells[-1].outputs[0]["data"]["text/html"] == "<i>rich</i>"
    assert cells[-1].outputs[1]["name"] == "stderr"
    assert [cell.execution_count for cell in cells] == list(range(1, len(cells) + 1))


def notebook_base(notebook):
    sources = [cell.source for cell in notebook.cells if cell.cell_type == "code" and "let base" in cell.source]
    return sources[-1].split("=")[1].strip()


def test_nbclient_executes_a_notebook():
    notebook = toy_notebook(kernel_support.toy_kernel_name())
    NotebookClient(notebook, timeout=60, kernel_name=notebook.metadata["kernelspec"]["name"]).execute()
    check_outputs(notebook)


class ToyTranslator(Translator):
    """Papermill writes injected parameters in the toy language: `let name = value`."""

    @classmethod
    def assign(cls, name, str_val):
        return f"let {name} = {str_val}"

    @classmethod
    def comment(cls, cmt_str):
        return ""


papermill_translators.register("toy", ToyTranslator)


def test_papermill_executes_a_notebook_with_parameters(tmp_path):
    source, output = tmp_path / "in.ipynb", tmp_path / "out.ipynb"
    nbformat.write(toy_notebook(kernel_support.toy_kernel_name()), source)
    papermill.execute_notebook(str(source), str(output), parameters={"base": 5}, language="toy",
                               engine_name=None, kernel_name=kernel_support.toy_kernel_name(), progress_bar=False)
    result = nbformat.read(output, as_version=4)
    code = [cell for cell in result.cells if cell.cell_type == "code"]
    assert code[-2].outputs[1]["data"]["text/plain"] == "12"


def test_nbconvert_executes_a_notebook(tmp_path):
    source = tmp_path / "in.ipynb"
    nbformat.write(toy_notebook(kernel_support.toy_kernel_name()), source)
    subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
                    "--output", "out.ipynb", str(source)], check=True, capture_output=True, cwd=tmp_path)
    check_outputs(nbformat.read(tmp_path / "out.ipynb", as_version=4))
