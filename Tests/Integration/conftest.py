"""Shared fixtures for the integration tests: the built binaries and the shared data folder."""
import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SHARED_DATA = ROOT.parent / "shared" / "data"

if not (pathlib.Path(sys.prefix) / ".requirements").exists():
    sys.exit("The integration tests need the test venv: run `./dev test` (it installs it) instead of pytest directly.")


def _bin_dir() -> pathlib.Path:
    out = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True, check=True)
    return pathlib.Path(out.stdout.strip())


@pytest.fixture(scope="session")
def bin_dir() -> pathlib.Path:
    return _bin_dir()


@pytest.fixture(scope="session")
def cli(bin_dir) -> pathlib.Path:
    path = bin_dir / "swift-dspy"
    assert path.exists(), f"{path} is missing: run `swift build` first"
    return path


@pytest.fixture(scope="session")
def shared_data() -> pathlib.Path:
    assert SHARED_DATA.is_dir(), f"{SHARED_DATA} is missing: the shared data folder sits beside the project"
    return SHARED_DATA


@pytest.fixture()
def clean_env():
    env = dict(os.environ)
    env["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"
    return env


# Tests marked real_model need llama.cpp's server and real weights (`swift-dspy serve-llm` installs them on first
# use: a long build). They are left out (deselected, not skipped) unless --real-model is given.
def pytest_addoption(parser):
    parser.addoption("--real-model", action="store_true", help="also run the tests that serve a real model")


def pytest_configure(config):
    config.addinivalue_line("markers", "real_model: needs llama.cpp's server and real weights (run with --real-model)")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--real-model"):
        return
    deselected = [item for item in items if item.get_closest_marker("real_model")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker("real_model")]
