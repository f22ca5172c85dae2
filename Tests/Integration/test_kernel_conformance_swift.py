"""jupyter_kernel_test's conformance suite against `swift-dspy kernel`, installed with `swift-dspy install-kernel`.

Every attribute is set, so no test skips. Cells compile with swiftc, so replies take up to seconds."""
import jupyter_kernel_test

import kernel_support

# Declared once before the suite runs, so inspection, the pager and completion have a documented symbol.
SETUP = """
/// Doubles a number; used by the conformance suite's inspection and pager tests.
func twiceTheValue(_ value: Int) -> Int { value * 2 }
"""


class SwiftKernelConformance(jupyter_kernel_test.KernelTests):
    kernel_name = kernel_support.swift_kernel_name()
    language_name = "swift"
    file_extension = ".swift"
    code_hello_world = 'print("hello, world")'
    code_stderr = 'FileHandle.standardError.write("careful\\n".data(using: .utf8)!)'
    completion_samples = [{"text": "twiceThe", "matches": {"twiceTheValue"}}]
    complete_code_samples = ["1 + 1", 'print("hi")', "let a = [1, 2]"]
    incomplete_code_samples = ["func f() {", "let xs = [1,", "if true {"]
    invalid_code_samples = ["let x = )", "}"]
    code_page_something = "?twiceTheValue"
    code_generate_error = "let broken: Int = "
    code_execute_result = [{"code": "6 * 7", "result": "42"}, {"code": '"ABC"', "result": '"ABC"'},
                           {"code": "[1, 2, 3].map { $0 * $0 }", "result": "[1, 4, 9]"}]
    code_display_data = [{"code": 'display(HTML("<b>bold</b>"))', "mime": "text/html"},
                         {"code": 'display(Markdown("*emphasis*"))', "mime": "text/markdown"}]
    code_history_pattern = "6 ? 7"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "twiceTheValue"
    code_clear_output = "clearOutput()"

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        reply = cls.kc.execute_interactive(SETUP, timeout=120)
        assert reply["content"]["status"] == "ok", reply["content"]
