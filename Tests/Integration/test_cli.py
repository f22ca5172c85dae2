"""The `swift-dspy` executable: its subcommands are listed, and none pretends to work."""
import subprocess

SUBCOMMANDS = ["kernel", "install-kernel", "run", "convert", "serve", "serve-llm", "grade"]


def test_help_lists_every_subcommand(cli):
    out = subprocess.run([cli, "--help"], capture_output=True, text=True, check=True).stdout
    for name in SUBCOMMANDS:
        assert f"\n  {name} " in out, f"`{name}` missing from --help"


def test_unknown_subcommand_fails_with_a_message(cli):
    result = subprocess.run([cli, "frobnicate"], capture_output=True, text=True)
    assert result.returncode != 0
    assert "frobnicate" in result.stderr
