#!/usr/bin/env python3
"""Checks that every target in Package.swift declares exactly the modules its Swift files import.

Prints one line per target that differs (imported but not declared, declared but not imported) and exits 1 when
any does. A declared dependency that is built for another reason than an import is listed in BUILD_ONLY.
Usage: scripts/check_target_imports.py [package folder]
"""
import json
import pathlib
import re
import subprocess
import sys

# Modules of the toolchain and the platform, never declared.
PLATFORM = {"Foundation", "FoundationEssentials", "FoundationNetworking", "Glibc", "Darwin", "Dispatch",
            "Synchronization", "Testing", "XCTest", "PackageDescription", "_Concurrency"}
# target -> dependencies it declares so that they are built, not imported.
BUILD_ONLY = {
    "CellEngineTests": {"CellWorker", "CellRuntime"},  # the worker and the runtime the tests' cells are loaded into
    "DSPyTests": {"DSPyChildProcess"},  # run from beside the test binary
}
IMPORT = re.compile(r"^(?:@testable |@_exported |@preconcurrency )*import (?:struct |enum |class |func |protocol )?(\w+)")


def mismatches(root):
    package = json.loads(subprocess.run(["swift", "package", "dump-package"], cwd=root, capture_output=True,
                                        text=True, check=True).stdout)
    for target in package["targets"]:
        name = target["name"]
        if target["type"] == "system":
            continue
        folder = root / (target.get("path") or f"{'Tests' if target['type'] == 'test' else 'Sources'}/{name}")
        declared = {next(iter(dependency.values()))[0] for dependency in target["dependencies"]}
        imported = set()
        for source in folder.rglob("*.swift"):
            for line in source.read_text(encoding="utf-8").splitlines():
                if match := IMPORT.match(line):
                    imported.add(match.group(1))
        imported -= PLATFORM | {name}
        missing = imported - declared
        unused = declared - imported - BUILD_ONLY.get(name, set())
        if missing or unused:
            yield f"{name}: imported but not declared {sorted(missing)}, declared but not imported {sorted(unused)}"


if __name__ == "__main__":
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[1])
    problems = list(mismatches(root))
    print("\n".join(problems) if problems else "every target declares exactly what it imports")
    sys.exit(1 if problems else 0)
