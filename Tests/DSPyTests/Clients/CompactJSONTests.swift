@testable import DSPy
import Foundation
import JSON
import Testing

@Suite struct CompactJSONTests {
    @Test func escapesWhatJSONRequiresAndNothingElse() {
        #expect(CompactJSON.text(["k": "a\"b\\c\nd\re\tf\u{08}g\u{0C}h\u{01}i/é😀"])
            == #"{"k":"a\"b\\c\nd\re\tf\bg\fh\u0001i/é😀"}"#)
    }

    /// Every character that needs an escape, at every offset around the eight-byte words the writer scans by.
    @Test func escapedCharactersAnywhereInLongTextRoundTrip() throws {
        for special in ["\"", "\\", "\n", "\u{1F}", "\u{00}"] {
            for offset in 0..<20 {
                let text = String(repeating: "x", count: offset) + special + String(repeating: "é", count: 20 - offset)
                let decoded = try JSONDecoder().decode(String.self, from: Data(CompactJSON.bytes(.string(text))))
                #expect(decoded == text)
            }
        }
    }
}
