"""Counts the lines of code in each notebook's code cells (markdown cells left out), and checks the study notebook
against the bound it promises: `.venv/bin/python scripts/notebook_cell_lines.py [--max-text2sql 150]`.

Counted: every non-blank line of a code cell, comments included. Exits 1 when Text2SQL has more than the bound.
"""
import argparse
import json
import pathlib

NOTEBOOKS = pathlib.Path(__file__).resolve().parents[1] / "notebooks"


def code_lines(notebook_path):
    """(code cells, non-blank lines of code) of one .ipynb."""
    cells = [cell for cell in json.loads(notebook_path.read_text())["cells"] if cell["cell_type"] == "code"]
    lines = sum(1 for cell in cells for line in "".join(cell["source"]).splitlines() if line.strip())
    return len(cells), lines


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--max-text2sql", type=int, default=150, help="the most lines of code Text2SQL may have")
    arguments = parser.parse_args()
    counts = {path.name: code_lines(path) for path in sorted(NOTEBOOKS.glob("*.ipynb"))}
    for name, (cells, lines) in counts.items():
        print(f"{name}: {lines} lines of code in {cells} code cells")
    lines = counts["Text2SQL.ipynb"][1]
    if lines > arguments.max_text2sql:
        print(f"Text2SQL.ipynb has {lines} lines of code, more than {arguments.max_text2sql}")
        raise SystemExit(1)


if __name__ == "__main__":
    main()
