"""`swift-dspy install-kernel`: the kernelspec lands where Jupyter looks, points at this build, and can be removed."""
import json
import os
import struct
import subprocess

from jupyter_client.kernelspec import KernelSpecManager


def install(cli, *args, env=None):
    return subprocess.run([cli, "install-kernel", *map(str, args)], capture_output=True, text=True, env=env)


def test_prefix_install_is_found_by_jupyter_and_uninstalls(cli, tmp_path):
    result = install(cli, "--prefix", tmp_path, "--name", "swift-test")
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "share" / "jupyter" / "kernels" / "swift-test"
    spec = json.loads((folder / "kernel.json").read_text())
    assert spec["argv"] == [str(cli.resolve()), "kernel", "-f", "{connection_file}"]
    assert spec["display_name"] == "Swift (DSPy)" and spec["language"] == "swift"
    assert spec["interrupt_mode"] in ("message", "signal")
    assert "env" in spec
    for size in (32, 64):
        png = (folder / f"logo-{size}x{size}.png").read_bytes()
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        assert struct.unpack(">II", png[16:24]) == (size, size)
    manager = KernelSpecManager(kernel_dirs=[str(tmp_path / "share" / "jupyter" / "kernels")])
    found = manager.get_kernel_spec("swift-test")
    assert found.display_name == "Swift (DSPy)" and found.language == "swift"

    result = install(cli, "--prefix", tmp_path, "--name", "swift-test", "--uninstall")
    assert result.returncode == 0, result.stderr
    assert not folder.exists()
    again = install(cli, "--prefix", tmp_path, "--name", "swift-test", "--uninstall")
    assert again.returncode != 0 and "no kernelspec at" in again.stderr


def test_user_install_goes_to_the_user_data_folder(cli, tmp_path):
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "data"))
    result = install(cli, "--user", "--display-name", "Swift (mine)", env=env)
    assert result.returncode == 0, result.stderr
    spec = json.loads((tmp_path / "data" / "jupyter" / "kernels" / "swift-dspy" / "kernel.json").read_text())
    assert spec["display_name"] == "Swift (mine)"


def test_bad_arguments_are_refused(cli, tmp_path):
    both = install(cli, "--user", "--prefix", tmp_path)
    assert both.returncode != 0 and "--user and --prefix" in both.stderr
    bad_name = install(cli, "--prefix", tmp_path, "--name", "../escape")
    assert bad_name.returncode != 0 and "--name" in bad_name.stderr
    assert not (tmp_path / "share").exists()
