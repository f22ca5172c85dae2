import Foundation
import JSON
import Testing
@testable import DSPy
import DSPyTesting

/// The pickler behind BootstrapFewShot's choice among repeated calls, against CPython's `pickle.dumps`: opcodes,
/// memo references, batches and frames, byte for byte.
@Suite struct PythonPickleTests {
    @Test func sameBytesAsCPython() throws {
        let graphs = Self.scalars + Self.strings + Self.containers + [Self.manyFrames, Self.demoTuple]
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pickle-graphs-\(UUID().uuidString).json")
        try Data(JSONValue.array(graphs.map(Self.node)).serialized().utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let expected = try ReferencePython.runFixture("reference_pickle.py", arguments: [file.path])
            .split(separator: "\n").map(String.init)
        let actual = graphs.map { PythonPickler.dumps($0).map { String(format: "%02x", $0) }.joined() }
        #expect(actual.count == expected.count)
        for (index, (mine, theirs)) in zip(actual, expected).enumerated() {
            let differingByte = mine == theirs ? nil : Self.firstDifference(mine, theirs) / 2
            #expect(differingByte == nil, "graph \(index) differs from CPython's pickle")
        }
    }

    @Test func stringSeedsMatchPythonRandom() throws {
        let draws = try ReferencePython.run("""
            import json, random
            generators = [random.Random(s) for s in ["", "a", "ab" * 40, "é😀"]]
            print(json.dumps([[generator.random() for _ in range(3)] for generator in generators]))
            """)
        let expected = try JSONDecoder().decode([[Double]].self, from: Data(draws.utf8))
        let actual = ["", "a", String(repeating: "ab", count: 40), "é😀"].map { text in
            var random = PythonRandom(seed: text)
            return (0..<3).map { _ in random.random() }
        }
        #expect(actual == expected)
    }

    static let scalars: [PythonObject] = [
        .tuple([.none, .bool(true), .bool(false)], .fresh),
        .list([0, 255, 256, 65_535, 65_536, -1, -256, Int(Int32.min), Int(Int32.max), 1 << 31, -(1 << 31) - 1,
               Int.max, Int.min, 1 << 40, -(1 << 40)].map(PythonObject.int), .fresh),
        .list([0.0, -1.5, 1e300, .leastNonzeroMagnitude].map(PythonObject.float), .fresh),
    ]

    static let strings: [PythonObject] = [
        .list(["", "x", "é", String(repeating: "a", count: 255), String(repeating: "b", count: 256), "naïve 😀 text"]
            .map { PythonObject.string($0, .shared("s " + $0)) }, .fresh),
        // A string past the frame target goes outside any frame.
        .list([.string("head", .fresh), .string(String(repeating: "long ", count: 14_000), .fresh), .string("tail", .fresh)], .fresh),
    ]

    static let containers: [PythonObject] = [
        .list((0..<2_500).map(PythonObject.int), .fresh),
        .dict((0..<1_001).map { (PythonObject.string("key \($0)", .fresh), PythonObject.int($0)) }, .fresh),
        .list([.list([.int(1)], .fresh), .dict([(.string("only", .fresh), .none)], .fresh), .list([], .fresh)], .fresh),
        .list((1...5).map { count in .tuple((0..<count).map(PythonObject.int), .fresh) }, .fresh),
        // More than 256 memo entries referenced again: LONG_BINGET.
        .list((0..<300).map { PythonObject.string("shared \($0)", .shared("\($0)")) }
            + (0..<300).map { PythonObject.string("shared \($0)", .shared("\($0)")) }, .fresh),
        .tuple([.list([], .shared("l")), .list([], .shared("l")), .dict([], .shared("d")), .dict([], .shared("d"))], .fresh),
    ]

    /// About 200 KB of small strings: several frames, each committed once it reaches 64 KiB.
    static let manyFrames = PythonObject.list((0..<2_000).map { .string("row \($0) " + String(repeating: "·", count: 50), .fresh) }, .fresh)

    /// Three calls of one predictor as `TraceDemos` sees them: a passed-through question, an earlier answer passed on,
    /// one-character answers.
    static var demoTuple: PythonObject {
        let predictor = Predict(try! Signature("question -> answer"))
        func entry(_ question: String, _ answer: String) -> TraceEntry {
            TraceEntry(predictor: predictor, inputs: Example(["question": .string(question)]),
                       prediction: Prediction(["reasoning": .string("Because \(question)"), "answer": .string(answer)]))
        }
        return TraceDemos.pythonObject(of: [
            entry("What is 1 + 2?", "3"), entry("Because What is 1 + 2?", "33"), entry("What is 1 + 2?", "3"),
        ])
    }

    /// The node format `reference_pickle.py` reads.
    static func node(_ object: PythonObject) -> JSONValue {
        func id(_ identity: PythonObject.Identity) -> JSONValue {
            if case .shared(let key) = identity { .string(key) } else { .null }
        }
        switch object {
        case .none: return ["none"]
        case .bool(let flag): return ["bool", .bool(flag)]
        case .int(let number): return ["int", .int(number)]
        case .float(let number): return ["float", .string("\(number)")]
        case .string(let text, let identity): return ["str", .string(text), id(identity)]
        case .list(let items, let identity): return ["list", .array(items.map(node)), id(identity)]
        case .dict(let items, let identity):
            return ["dict", .array(items.map { .array([node($0.0), node($0.1)]) }), id(identity)]
        case .tuple(let items, let identity): return ["tuple", .array(items.map(node)), id(identity)]
        case .instance(let module, let className, let state, let identity):
            return ["instance", .string(module), .string(className), node(state), id(identity)]
        }
    }

    static func firstDifference(_ a: String, _ b: String) -> Int {
        zip(a, b).prefix { $0 == $1 }.count
    }
}
