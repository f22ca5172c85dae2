"""A real browser: JupyterLab on 127.0.0.1 opens notebooks/Text2SQL.ipynb with the "Swift (DSPy)" kernel,
runs the first cells (through the smoke test against the offline model) and renders their outputs, and runs
all cells twice in one kernel with no error on the second run. Screenshots are kept in test-artifacts/."""
import contextlib
import json
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

import kernel_support

ROOT = pathlib.Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = pathlib.Path("/usr/bin/chromium")
TOKEN = "swift-dspy-browser-test"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture()
def jupyterlab(tmp_path):
    """JupyterLab serving a copy of Text2SQL.ipynb, with the kernelspec installed as "swift-dspy"."""
    kernel_support.swift_kernel_name()  # puts the private JUPYTER_PATH in os.environ
    jupyter_dir = pathlib.Path(os.environ["JUPYTER_PATH"].split(os.pathsep)[0]).parents[1]
    subprocess.run([kernel_support.bin_dir() / "swift-dspy", "install-kernel", "--prefix", jupyter_dir,
                    "--name", "swift-dspy"], check=True, capture_output=True)
    shutil.copy(ROOT / "notebooks" / "Text2SQL.ipynb", tmp_path / "Text2SQL.ipynb")
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("SERVED_MODEL", "JUDGE_MODEL"))}
    env["JUPYTER_CONFIG_DIR"] = str(tmp_path / "config")
    env["JUPYTER_RUNTIME_DIR"] = str(tmp_path / "runtime")
    server = subprocess.Popen(
        [pathlib.Path(sys.executable).parent / "jupyter", "lab", "--no-browser", "--allow-root", f"--port={port}", "--ip=127.0.0.1",
         f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={tmp_path}", "--LabApp.news_url=",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=2) as response:
                json.load(response)
            break
        except OSError:
            assert time.monotonic() < deadline, "JupyterLab did not start"
            time.sleep(0.5)
    yield base
    server.terminate()
    server.wait(timeout=30)


@contextlib.contextmanager
def text2sql_page(base, screenshot):
    """Chromium showing the notebook with its Swift kernel started; a screenshot is saved at the end."""
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"], headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        try:
            page.goto(f"{base}/lab/tree/Text2SQL.ipynb?token={TOKEN}")
            page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=60_000)
            kernel_name = page.locator(".jp-NotebookPanel-toolbar .jp-Toolbar-kernelName").first
            kernel_name.wait_for(timeout=60_000)
            deadline = time.monotonic() + 60
            while "Swift (DSPy)" not in kernel_name.inner_text():
                assert time.monotonic() < deadline, f"kernel is {kernel_name.inner_text()!r}"
                time.sleep(0.5)
            page.locator(".jp-NotebookPanel .jp-Cell").first.click()
            yield page
        finally:
            page.screenshot(path=str(ARTIFACTS / screenshot), full_page=False)
            browser.close()


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is installed by ./dev (apt-get install chromium)")
def test_jupyterlab_runs_the_first_text2sql_cells(jupyterlab):
    with text2sql_page(jupyterlab, "text2sql-jupyterlab.png") as page:
        page.keyboard.press("Escape")
        # Title, knobs, parameters, section 1 + imports, section 2 + the models, section 3 + smoke test (and one more).
        for _ in range(10):
            page.keyboard.press("Shift+Enter")
            time.sleep(0.3)
        page.wait_for_selector(".jp-OutputArea-output:has-text('served model')", timeout=240_000)
        page.wait_for_selector(".jp-OutputArea-output:has-text('What is the capital of Colombia?')", timeout=240_000)
        errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").all_inner_texts()
        assert not any("Error" in text for text in errors), errors


def run_all_and_wait(page, expected_last_count):
    """Run > Run All Cells, then waits until every code cell shows an execution count, the last one `expected_last_count`."""
    page.locator(".lm-MenuBar-item", has_text="Run").first.click()
    page.locator(".lm-Menu-item:has-text('Run All Cells')").first.click()
    prompts = page.locator(".jp-NotebookPanel .jp-CodeCell .jp-InputArea-prompt")
    deadline = time.monotonic() + 600
    while True:
        texts = prompts.all_text_contents()  # cells scrolled out of view have no inner text
        counts = [text.strip().strip("[]:") for text in texts]
        if counts and all(count.isdigit() for count in counts) and int(counts[-1]) == expected_last_count:
            return len(counts)
        assert time.monotonic() < deadline, f"Run All did not finish: {counts}"
        time.sleep(1)


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is installed by ./dev (apt-get install chromium)")
def test_jupyterlab_run_all_twice_on_text2sql(jupyterlab):
    """Run All, then Run All again in the same kernel (offline model): the second run shows no error output."""
    code_cells = sum(1 for cell in json.loads((ROOT / "notebooks" / "Text2SQL.ipynb").read_text())["cells"]
                     if cell["cell_type"] == "code")
    with text2sql_page(jupyterlab, "text2sql-run-all-twice.png") as page:
        assert run_all_and_wait(page, code_cells) == code_cells
        run_all_and_wait(page, 2 * code_cells)
        # Error outputs render as stderr; cells scrolled out of view count too.
        errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").all_text_contents()
        assert errors == [], errors
        # The second run's outputs are there: the smoke test answered again.
        page.wait_for_selector(".jp-OutputArea-output:has-text('What is the capital of Colombia?')", timeout=10_000)
