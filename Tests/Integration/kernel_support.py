"""Helpers for the kernel's integration tests: kernelspecs for the built kernels in a private JUPYTER_PATH."""
import atexit
import json
import os
import pathlib
import shutil
import subprocess
import tempfile
import time

from jupyter_client.manager import start_new_kernel

ROOT = pathlib.Path(__file__).resolve().parents[2]
_JUPYTER_DIR = pathlib.Path(tempfile.mkdtemp(prefix="swift-dspy-kernels-"))
atexit.register(shutil.rmtree, _JUPYTER_DIR, ignore_errors=True)
os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(_JUPYTER_DIR / "share" / "jupyter"),
                                                           os.environ.get("JUPYTER_PATH")]))
# Kernels started by the tests keep their history here, not in the user's data folder.
os.environ.setdefault("SWIFT_DSPY_HISTORY", str(_JUPYTER_DIR / "history.sqlite"))


def bin_dir() -> pathlib.Path:
    out = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True, check=True)
    return pathlib.Path(out.stdout.strip())


def toy_kernel_name(interrupt_mode: str = "message") -> str:
    """Installs a kernelspec for the toy-language kernel (Tests/ToyKernel) and returns its name."""
    binary = bin_dir() / "ToyKernel"
    assert binary.exists(), f"{binary} is missing: run `swift build` first"
    name = f"toy-{interrupt_mode}"
    folder = _JUPYTER_DIR / "share" / "jupyter" / "kernels" / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kernel.json").write_text(json.dumps({
        "argv": [str(binary), "-f", "{connection_file}"],
        "display_name": f"Toy ({interrupt_mode} interrupts)",
        "language": "toy",
        "interrupt_mode": interrupt_mode,
    }))
    return name


def swift_kernel_name() -> str:
    """Installs the real kernelspec with `swift-dspy install-kernel --prefix` and returns its name."""
    name = "swift-dspy-test"
    subprocess.run([bin_dir() / "swift-dspy", "install-kernel", "--prefix", _JUPYTER_DIR, "--name", name],
                   check=True, capture_output=True)
    return name


def kernelspec_path(name: str) -> pathlib.Path:
    """Where the kernelspec `name` lives in the private JUPYTER_PATH."""
    return _JUPYTER_DIR / "share" / "jupyter" / "kernels" / name / "kernel.json"


# Long enough for a cold cell compile on a loaded machine.
TIMEOUT = 120

# A cell that configures a language model answering every question "yes" in ChatAdapter form.
ECHO_LM = """
struct EchoLM: LanguageModel {
    let model = "echo"
    func generate(messages: [ChatMessage], config: [String: JSONValue]) throws -> [String] {
        ["[[ ## answer ## ]]\\nyes\\n\\n[[ ## completed ## ]]"]
    }
}
configure(lm: EchoLM())
"""


def started(kernel_name, **options):
    """A started kernel and its client, for module fixtures (`yield from started(name)`); shut down after.
    `options` go to `KernelManager.start_kernel` (e.g. `env`)."""
    km, kc = start_new_kernel(kernel_name=kernel_name, startup_timeout=60, **options)
    try:
        yield km, kc
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def shut_down_and_wait(km, kc, seconds):
    """Asks the kernel to shut down: the reply on control answers the request, then the process exits by itself
    within `seconds`."""
    msg_id = kc.shutdown()
    reply = kc.get_control_msg(timeout=TIMEOUT)
    assert reply["parent_header"]["msg_id"] == msg_id and reply["content"] == {"status": "ok", "restart": False}
    deadline = time.monotonic() + seconds
    while km.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not km.is_alive()


def run(kc, code, **options):
    """Executes `code`; returns the reply and the IOPub messages from busy to idle for it."""
    msg_id = kc.execute(code, **options)
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    assert reply["parent_header"]["msg_id"] == msg_id
    return reply, iopub_for(kc, msg_id)


def iopub_for(kc, msg_id):
    """The IOPub messages of request `msg_id`, up to its idle status."""
    messages = []
    while True:
        msg = kc.get_iopub_msg(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        messages.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return messages


def reply_statuses(kc, count):
    """The statuses of the next `count` shell replies, by the msg_id of the request each answers."""
    replies = {}
    while len(replies) < count:
        reply = kc.get_shell_msg(timeout=TIMEOUT)
        replies[reply["parent_header"]["msg_id"]] = reply["content"]["status"]
    return replies
