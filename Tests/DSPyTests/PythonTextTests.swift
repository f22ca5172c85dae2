@testable import DSPy
import Testing

/// Expected values printed by Python 3.11 (`str.splitlines()`, `str.strip()`, `textwrap.dedent()`).
@Suite struct PythonTextTests {
    @Test func splitLinesBreaksWherePythonDoes() {
        #expect(PythonText.splitLines("a\nb\r\nc\rd\u{0B}e\u{0C}f\u{1C}g\u{1D}h\u{1E}i\u{85}j\u{2028}k\u{2029}l\n")
            == ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"])
        #expect(PythonText.splitLines("x\n\ny\r\r\n") == ["x", "", "y", ""])
        #expect(PythonText.splitLines("") == [])
        #expect(PythonText.splitLines("\n") == [""])
        #expect(PythonText.splitLines("é\u{2027}ü\u{1F}") == ["é\u{2027}ü\u{1F}"])
    }

    @Test func stripRemovesWhatPythonCountsAsSpace() {
        #expect(PythonText.strip(" \u{1C}\u{85}\u{A0} a\u{3000}") == "a")
        #expect(PythonText.strip("\t\u{0B}x y\r\n") == "x y")
        #expect(PythonText.strip("\u{1F}") == "")
    }

    @Test func dedentRemovesTheCommonIndentationAsTextwrapDoes() {
        let cases = [
            ("no indent\nhere", "no indent\nhere"), ("  a\n    b\n  c", "a\n  b\nc"), ("  a\n \t \n  b", "a\n\nb"),
            ("\ta\n  b", "\ta\n  b"), ("a\n  b", "a\n  b"), ("x\n\n  \n", "x\n\n\n"),
        ]
        for (text, expected) in cases { #expect(PythonText.dedent(text) == expected) }
    }
}
