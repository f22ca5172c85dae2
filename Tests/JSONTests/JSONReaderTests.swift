import Foundation
import JSON
import Testing

@Suite struct JSONReaderTests {
    @Test func keepsPythonsIntegerAndFloatDistinction() throws {
        #expect(try JSONReader.parse(#"[1, 1.0, 1e16, -0.5, 12345678901234567890, -7, 0]"#)
            == [1, 1.0, 1e16, -0.5, 12345678901234567890.0, -7, 0])
    }

    @Test func readsEscapesAndNesting() throws {
        #expect(try JSONReader.parse(#" {"a": ["x\n\"y\"", "\u00e9\ud83d\ude00/\/"], "b": {}, "c": [], "d": null, "e": false} "#)
            == ["a": ["x\n\"y\"", "é😀//"], "b": [:], "c": [], "d": nil, "e": false])
        #expect(try JSONReader.parse(#""tab\there \\ \b\f\r""#) == "tab\there \\ \u{08}\u{0C}\r")
        #expect(try JSONReader.parse(#""lone \ud800 surrogate""#) == "lone \u{FFFD} surrogate")
        #expect(try JSONReader.parse(Array(#"{"k": "héllo", "k": 2}"#.utf8)) == ["k": 2])
    }

    @Test func agreesWithFoundationOnWhatFoundationReadsTheSame() throws {
        let text = #"{"id":"x","choices":[{"index":0,"message":{"role":"assistant","content":"a\u00e9\n"}}],"usage":{"n":15,"f":0.25,"nested":{"k":[true,null]}}}"#
        let foundation = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(try JSONReader.parse(text) == foundation)
    }

    @Test func namesTheByteOfTheFirstProblem() {
        let cases: [(String, JSONReadError)] = [
            (#"{"a": 1,}"#, JSONReadError(offset: 8, problem: "expected a key")),
            (#"["open"#, JSONReadError(offset: 6, problem: "unterminated string")),
            ("[1] 2", JSONReadError(offset: 4, problem: "unexpected text after the value")),
            ("[1 2]", JSONReadError(offset: 3, problem: "expected , or ]")),
            ("[tru]", JSONReadError(offset: 1, problem: "expected true")),
            ("", JSONReadError(offset: 0, problem: "unexpected end")),
            (#""\x""#, JSONReadError(offset: 2, problem: "bad escape \\x")),
            (#""\u12g4""#, JSONReadError(offset: 5, problem: "bad \\u escape")),
            ("[1.2.3]", JSONReadError(offset: 1, problem: "bad number 1.2.3")),
        ]
        for (text, expected) in cases {
            #expect(throws: expected) { try JSONReader.parse(text) }
        }
    }

    @Test func refusesNestingDeeperThanTheLimitInsteadOfOverflowingTheStack() throws {
        let limit = JSONReader.maxDepth
        _ = try JSONReader.parse(String(repeating: "[", count: limit) + String(repeating: "]", count: limit))
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: JSONReadError(offset: limit, problem: "nested more than \(limit) levels deep")) {
            try JSONReader.parse(deep)
        }
    }
}
