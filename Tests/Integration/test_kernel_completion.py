"""Completion and inspection as a notebook frontend asks for them, through the real kernel and jupyter_client:
the project's and the user's names first, no C globals after `Predict(`, a predictor's input fields as
argument labels, JupyterLab's type metadata, DSPy doc comments on shift-tab, and a first completion served
by the language server the kernel warmed at start."""
import re

import pytest

import kernel_support
from kernel_support import TIMEOUT, run

# Glibc's constants look like this (`PF_INET`, `R_PPC64_TPREL16_HIGHESTA`); no Swift name in scope does.
C_CONSTANT = re.compile(r"_*[A-Z][A-Z0-9]*(_[A-Z0-9]+)+")


@pytest.fixture(scope="module")
def kernel():
    yield from kernel_support.started(kernel_support.swift_kernel_name())


def complete(kc, code, cursor=None):
    """The complete_reply content for `code` with the cursor at `cursor` (default: the end)."""
    msg_id = kc.complete(code, len(code) if cursor is None else cursor)
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    assert reply["parent_header"]["msg_id"] == msg_id
    assert reply["content"]["status"] == "ok"
    return reply["content"]


def ok(kc, code):
    reply, messages = run(kc, code)
    assert reply["content"]["status"] == "ok", messages


def test_the_first_completion_after_start_is_served_by_the_warmed_language_server(kernel):
    _, kc = kernel
    # The module's first request of any kind: only the kernel's own warm-up can have started the server.
    content = complete(kc, "Pre")
    assert content["metadata"]["swift_dspy_language_server"] == "warm"
    assert "Predict" in content["matches"][:5], content["matches"][:20]


def test_project_and_user_names_come_before_foundation_and_libc(kernel):
    _, kc = kernel
    ok(kc, "let predictedRows = 3")
    content = complete(kc, "Pre")
    matches = content["matches"]
    assert matches[0] == "predictedRows", matches[:10]
    assert "pread" not in matches and "preadv" not in matches, "C globals need their own case and 3 characters"
    if "Predicate" in matches:  # Foundation's
        assert matches.index("Predict") < matches.index("Predicate")
    lower = complete(kc, "pre")["matches"]
    assert "pread" in lower and lower.index("precondition") < lower.index("pread"), lower
    assert (content["cursor_start"], content["cursor_end"]) == (0, 3)


def test_no_libc_constants_after_predict_paren(kernel):
    _, kc = kernel
    ok(kc, 'let TextToSql = Signature("Transform a natural language query into a SQL query.") {\n'
           '    InputField("sql_prompt", desc: "Natural language query")\n'
           '    InputField("sql_context", desc: "Context for the query")\n'
           '    OutputField("sql", desc: "SQL query")\n'
           '}')
    code = "let program = Predict("
    content = complete(kc, code)
    matches = content["matches"]
    constants = [m for m in matches if C_CONSTANT.fullmatch(m)]
    assert not constants, constants[:10]
    assert "TextToSql" in matches[:5], matches[:10]
    assert content["cursor_start"] == content["cursor_end"] == len(code)


def test_a_string_signature_predictor_offers_its_input_fields(kernel):
    _, kc = kernel
    ok(kc, 'let predict = try Predict("sql_prompt, sql_context -> sql")')
    content = complete(kc, "let answer = try predict(")
    assert content["matches"] == ["sql_prompt: ", "sql_context: "]
    types = content["metadata"]["_jupyter_types_experimental"]
    assert [t["text"] for t in types] == content["matches"]
    assert all(t["type"] == "param" and t["start"] == t["end"] == len("let answer = try predict(") for t in types)
    assert types[0]["signature"] == "sql_prompt: str"
    # Labels already given are not offered again; a typed prefix narrows them.
    assert complete(kc, 'try predict(sql_prompt: "How many?", ')["matches"] == ["sql_context: "]
    msg_id = kc.inspect("predict(", 3, detail_level=0)
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    assert reply["parent_header"]["msg_id"] == msg_id
    assert "input fields: sql_prompt: str, sql_context: str" in reply["content"]["data"]["text/plain"]
    partial = complete(kc, "try predict(sql_c")
    assert partial["matches"] == ["sql_context: "] and partial["cursor_start"] == len("try predict(")


def test_a_declared_signature_predictor_offers_its_input_fields(kernel):
    _, kc = kernel
    ok(kc, "let program = ChainOfThought(TextToSql)")
    content = complete(kc, "program(")
    assert content["matches"] == ["sql_prompt: ", "sql_context: "]
    signatures = [t["signature"] for t in content["metadata"]["_jupyter_types_experimental"]]
    assert "Natural language query" in signatures[0]
    assert not any(m.startswith("with") for m in content["matches"])


def test_members_of_a_value_from_the_cell_just_run(kernel):
    _, kc = kernel
    ok(kc, 'let freshPredictor = try Predict("question -> answer")')
    # Asked at once: the language server that knows the new cell may still be warming up.
    assert "demos" in complete(kc, "freshPredictor.de")["matches"]


def test_types_metadata_matches_the_matches(kernel):
    _, kc = kernel
    content = complete(kc, "let x = ChainOf")
    types = content["metadata"]["_jupyter_types_experimental"]
    assert [t["text"] for t in types] == content["matches"]
    chain = next(t for t in types if t["text"] == "ChainOfThought")
    assert chain["type"] == "class" and (chain["start"], chain["end"]) == (8, 15)
    members = complete(kc, "[3, 1].so")
    assert "sorted" in members["matches"]
    sorted_type = next(t for t in members["metadata"]["_jupyter_types_experimental"] if t["text"] == "sorted")
    assert sorted_type["type"] == "function" and sorted_type["signature"].startswith("("), sorted_type


def test_shift_tab_shows_dspy_doc_comments(kernel):
    _, kc = kernel
    msg_id = kc.inspect("let p = Predict(TextToSql)", len("let p = Pre"), detail_level=0)
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    assert reply["parent_header"]["msg_id"] == msg_id
    assert reply["content"]["found"] is True
    markdown = reply["content"]["data"]["text/markdown"]
    assert "The basic module" in markdown and "Predict" in markdown, markdown
