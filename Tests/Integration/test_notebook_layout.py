"""The study notebook reads like DSPy: each of the study's fifteen steps is found by its markdown heading and
followed by its code, and all the cell code (markdown left out) stays under 150 lines, as
`scripts/notebook_cell_lines.py` counts and prints it."""
import json
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
TEXT2SQL = ROOT / "notebooks" / "Text2SQL.ipynb"


def test_cell_code_line_count_is_printed_and_under_150():
    result = subprocess.run([sys.executable, ROOT / "scripts" / "notebook_cell_lines.py"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    counted = re.search(r"^Text2SQL\.ipynb: (\d+) lines of code in (\d+) code cells$", result.stdout, re.MULTILINE)
    assert counted, result.stdout
    assert 0 < int(counted.group(1)) < 150
    # The bound is checked, not only printed: a lower one fails naming the count.
    strict = subprocess.run([sys.executable, ROOT / "scripts" / "notebook_cell_lines.py", "--max-text2sql", "10"],
                            capture_output=True, text=True)
    assert strict.returncode == 1 and f"has {counted.group(1)} lines of code" in strict.stdout


def test_every_study_step_has_a_heading_followed_by_code():
    cells = json.loads(TEXT2SQL.read_text())["cells"]
    headings = {}
    for index, cell in enumerate(cells):
        match = re.match(r"## (\d+)\. ", "".join(cell["source"])) if cell["cell_type"] == "markdown" else None
        if match:
            headings[int(match.group(1))] = index
    assert sorted(headings) == list(range(1, 16)), sorted(headings)
    for step, index in headings.items():
        following = next(cell for cell in cells[index + 1:] if cell["cell_type"] == "code" or
                         re.match(r"## \d+\. ", "".join(cell["source"])))
        assert following["cell_type"] == "code", f"step {step} has no code before the next step"
