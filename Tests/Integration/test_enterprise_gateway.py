"""The kernel as a remote kernel: Jupyter Enterprise Gateway (its own venv, `.venv-gateway`, made by ./dev) launches
it from the installed kernelspec, and jupyter_server's gateway client — what JupyterLab uses with `--gateway-url` —
runs a teaching notebook through it with nbclient, then shuts the kernel down through the gateway."""
import os
import pathlib
import re
import socket
import subprocess
import threading
import time

import nbformat
import pytest
from jupyter_core.utils import run_sync
from jupyter_server.gateway.gateway_client import GatewayClient
from jupyter_server.gateway.managers import GatewayKernelManager
from nbclient import NotebookClient

import kernel_support
from test_notebooks_execute import ENDPOINT_VARIABLES, check_executed

ROOT = pathlib.Path(__file__).resolve().parents[2]
GATEWAY = ROOT / ".venv-gateway" / "bin" / "jupyter-enterprisegateway"


@pytest.fixture(scope="module")
def gateway():
    """A running gateway on 127.0.0.1 that knows the Swift kernelspec; yields its URL and its log lines."""
    assert GATEWAY.exists(), f"{GATEWAY} is missing: ./dev test makes it (Tests/Integration/gateway-requirements.txt)"
    name = kernel_support.swift_kernel_name()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {key: value for key, value in os.environ.items() if key not in ENDPOINT_VARIABLES}
    process = subprocess.Popen([str(GATEWAY), "--ip=127.0.0.1", f"--port={port}"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    log = []
    for line in process.stderr:
        log.append(line)
        if match := re.search(r"is available at (http://127\.0\.0\.1:\d+)", line):
            url = match.group(1)
            break
    else:
        pytest.fail("Enterprise Gateway did not start:\n" + "".join(log))
    reader = threading.Thread(target=lambda: log.extend(process.stderr), daemon=True)
    reader.start()
    try:
        yield url, name, log
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_a_notebook_runs_through_enterprise_gateway(gateway):
    url, name, log = gateway
    GatewayClient.instance().url = url
    # Enterprise Gateway refuses kernels for root unless a KERNEL_USERNAME names someone else.
    os.environ["KERNEL_USERNAME"] = "notebook-user"
    path = ROOT / "notebooks" / "01-Signatures-and-Modules.ipynb"
    notebook = nbformat.read(path, as_version=4)
    manager = GatewayKernelManager(kernel_name=name)
    client = NotebookClient(notebook, km=manager, timeout=kernel_support.TIMEOUT)
    try:
        client.execute(kernel_name=name)
    finally:
        if client.kc is not None:
            client.kc.stop_channels()
        run_sync(manager.shutdown_kernel)()
    check_executed(notebook, path.name)
    launched = [line for line in log if "Local kernel launched" in line]
    assert len(launched) == 1 and "swift-dspy" in launched[0], "".join(log)
    kernel_id = manager.kernel_id
    # The gateway's log is read on a thread of its own: give its DELETE line a moment to arrive.
    deadline = time.monotonic() + 30
    while not any(kernel_id in line and "DELETE" in line for line in log) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert kernel_id and any(kernel_id in line and "DELETE" in line for line in list(log)), "the kernel was not shut down"
