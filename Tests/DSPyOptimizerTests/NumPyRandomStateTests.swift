import DSPyTesting
import Testing
@testable import DSPy

/// Draws from NumPy's legacy `RandomState(seed)` in the test venv, compared with `NumPyRandomState` draw for draw.
@Suite struct NumPyRandomStateTests {
    struct Draws: Decodable, Equatable {
        let samples: [String]
        let uniforms: [String]
        let ints: [Int]
        let choices: [Int]
        let permutation: [Int]
        let rands: [String]
    }

    static let script = """
    import json, sys
    import numpy as np
    r = np.random.RandomState(int(sys.argv[1]))
    out = {}
    out["samples"] = [r.random_sample().hex() for _ in range(700)]
    out["uniforms"] = [float(r.uniform(-2.5, 10.0)).hex() for _ in range(100)]
    out["ints"] = [int(r.randint(-7, 10 + i)) for i in range(300)] + [int(r.randint(0, 2**32 - 1)) for _ in range(5)]
    p = [0.1, 0.2, 0.0, 0.3, 0.4]
    out["choices"] = [int(v) for n in range(1, 8) for v in r.choice(n, size=5, p=[1.0 / n] * n)] + [int(v) for v in r.choice(5, size=50, p=p)]
    out["permutation"] = [int(v) for v in r.permutation(300)]
    out["rands"] = [float(v).hex() for v in r.rand(24)]
    print(json.dumps(out))
    """

    static func swiftDraws(seed: UInt32) throws -> Draws {
        var r = NumPyRandomState(seed: seed)
        let samples = (0..<700).map { _ in PythonRandomTests.pythonHex(r.randomSample()) }
        let uniforms = (0..<100).map { _ in PythonRandomTests.pythonHex(r.uniform(-2.5, 10.0)) }
        let ints = try (0..<300).map { try r.randint(-7, 10 + $0) } + (0..<5).map { _ in try r.randint(0, (1 << 32) - 1) }
        let choices = try (1..<8).flatMap { n in try r.choice(n, size: 5, p: Array(repeating: 1.0 / Double(n), count: n)) }
            + r.choice(5, size: 50, p: [0.1, 0.2, 0.0, 0.3, 0.4])
        let permutation = r.permutation(300)
        let rands = r.rand(24).map(PythonRandomTests.pythonHex)
        return Draws(samples: samples, uniforms: uniforms, ints: ints, choices: choices, permutation: permutation, rands: rands)
    }

    @Test(arguments: [UInt32(0), 1, 9, 42, 4_294_967_295])
    func matchesNumPy(seed: UInt32) throws {
        let expected = try ReferencePython.json(Draws.self, Self.script, arguments: [String(seed)])
        let actual = try Self.swiftDraws(seed: seed)
        #expect(actual.samples == expected.samples)
        #expect(actual.uniforms == expected.uniforms)
        #expect(actual.ints == expected.ints)
        #expect(actual.choices == expected.choices)
        #expect(actual.permutation == expected.permutation)
        #expect(actual.rands == expected.rands)
    }

    @Test func badArgumentsThrowNumPysErrors() {
        var r = NumPyRandomState(seed: 0)
        #expect(throws: NumPyRandomError.invalidArgument("low >= high")) { try r.randint(3, 3) }
        #expect(throws: NumPyRandomError.invalidArgument("a and p must have same size")) { try r.choice(3, size: 1, p: [1]) }
        #expect(throws: NumPyRandomError.invalidArgument("probabilities are not non-negative")) {
            try r.choice(2, size: 1, p: [1.5, -0.5])
        }
        #expect(throws: NumPyRandomError.invalidArgument("probabilities do not sum to 1")) { try r.choice(2, size: 1, p: [0.5, 0.6]) }
    }

    /// NumPy's pairwise `sum` differs from a running sum in the last bits; the TPE's ties depend on it.
    @Test func sumsInNumPysOrder() throws {
        let values = (1...200).map { 1.0 / Double($0 * 7 + 3) }
        let expected = try ReferencePython.run("""
        import numpy as np
        print(",".join(float(np.sum(np.array([1.0 / (i * 7 + 3) for i in range(1, n + 1)]))).hex() for n in range(1, 201)))
        """).trimmingCharacters(in: .whitespacesAndNewlines)
        let actual = (1...200).map { PythonRandomTests.pythonHex(NumPySum.sum(Array(values.prefix($0)))) }.joined(separator: ",")
        #expect(actual == expected)
    }
}
