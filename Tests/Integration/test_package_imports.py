"""Package.swift declares for every target exactly the modules its files import (scripts/check_target_imports.py)."""
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_every_target_declares_what_it_imports():
    result = subprocess.run([sys.executable, ROOT / "scripts" / "check_target_imports.py", ROOT],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "every target declares exactly what it imports" in result.stdout


def test_a_target_importing_an_undeclared_module_is_named(tmp_path):
    (tmp_path / "Sources" / "A").mkdir(parents=True)
    (tmp_path / "Sources" / "B").mkdir(parents=True)
    (tmp_path / "Sources" / "A" / "A.swift").write_text("import Foundation\nimport B\n")
    (tmp_path / "Sources" / "B" / "B.swift").write_text("public let b = 1\n")
    (tmp_path / "Package.swift").write_text(
        '// swift-tools-version: 6.0\nimport PackageDescription\n'
        'let package = Package(name: "p", targets: [.target(name: "A"), .target(name: "B")])\n')
    result = subprocess.run([sys.executable, ROOT / "scripts" / "check_target_imports.py", tmp_path],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert "A: imported but not declared ['B'], declared but not imported []" in result.stdout
