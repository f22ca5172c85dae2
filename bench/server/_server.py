"""Finds the built `swift-dspy` and starts `swift-dspy serve --port 0` for a benchmark."""
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "Tests" / "Integration"))

from served_model import Server  # noqa: E402


def start(*flags):
    bin_dir = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.strip()
    cli = pathlib.Path(bin_dir) / "swift-dspy"
    if not cli.exists():
        sys.exit(f"{cli} is missing: run `swift build` first")
    return Server(cli, "--quiet", *flags)
