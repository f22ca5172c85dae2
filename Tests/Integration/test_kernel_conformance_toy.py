"""jupyter_kernel_test's conformance suite against the protocol server, with the toy-language interpreter.

Every attribute is set, so no test skips; the Swift kernel runs the same suite in test_kernel_conformance_swift.py."""
import jupyter_kernel_test

import kernel_support


class ToyKernelConformance(jupyter_kernel_test.KernelTests):
    kernel_name = kernel_support.toy_kernel_name()
    language_name = "toy"
    file_extension = ".toy"
    code_hello_world = "print hello, world"
    code_stderr = "eprint careful"
    completion_samples = [{"text": "pri", "matches": {"print"}}, {"text": "cle", "matches": {"clear"}}]
    complete_code_samples = ["1 + 1", "print hi"]
    incomplete_code_samples = ["(1 +", "((2)"]
    invalid_code_samples = ["1 + )"]
    code_page_something = "?print"
    code_generate_error = "fail on purpose"
    code_execute_result = [{"code": "6 * 7", "result": "42"}, {"code": '"ABC"', "result": '"ABC"'}]
    code_display_data = [{"code": "html <b>bold</b>", "mime": "text/html"},
                         {"code": "markdown *emphasis*", "mime": "text/markdown"}]
    code_history_pattern = "6*7"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "print"
    code_clear_output = "clear"
