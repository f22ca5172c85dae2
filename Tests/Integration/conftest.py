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
