import DSPyTesting
import Testing
@testable import DSPy

/// Draws from `random.Random(seed)` in the test venv, compared with `PythonRandom` draw for draw.
@Suite struct PythonRandomTests {
    struct Draws: Decodable {
        let floats: [String]
        let bits: [UInt64]
        let ints: [Int]
        let shuffled: [Int]
        let smallSample: [Int]
        let largeSample: [Int]
        let choices: [Int]
        let steps: [Int]
        let uniforms: [String]
    }

    static let script = """
    import json, random, sys
    seed = int(sys.argv[1])
    r = random.Random(seed)
    out = {}
    out["floats"] = [r.random().hex() for _ in range(1000)]
    out["bits"] = [r.getrandbits(k) for k in list(range(0, 65)) * 8]
    out["ints"] = [r.randint(-7, 1000 + i) for i in range(1000)]
    xs = list(range(500)); r.shuffle(xs); out["shuffled"] = xs
    out["smallSample"] = [v for k in range(0, 11) for v in r.sample(range(10), k)]
    out["largeSample"] = [v for k in (1, 6, 30, 75, 100) for v in r.sample(range(1000), k)]
    out["choices"] = [r.choice(range(3, 3 + n)) for n in range(1, 300)]
    out["steps"] = [r.randrange(100, -50, -7) for _ in range(100)] + [r.randrange(-3, 90, 4) for _ in range(100)]
    out["uniforms"] = [r.uniform(-2.5, 10.0).hex() for _ in range(100)]
    print(json.dumps(out))
    """

    static func swiftDraws(_ generator: PythonRandom) throws -> Draws {
        var r = generator
        let floats = (0..<1000).map { _ in pythonHex(r.random()) }
        let bits = try (0..<8).flatMap { _ in try (0...64).map { try r.getrandbits($0) } }
        let ints = try (0..<1000).map { try r.randint(-7, 1000 + $0) }
        var shuffled = Array(0..<500)
        r.shuffle(&shuffled)
        let smallSample = try (0...10).flatMap { try r.sample(Array(0..<10), $0) }
        let largeSample = try [1, 6, 30, 75, 100].flatMap { try r.sample(Array(0..<1000), $0) }
        let choices = try (1..<300).map { try r.choice(Array(3..<(3 + $0))) }
        let steps = try (0..<100).map { _ in try r.randrange(100, -50, step: -7) }
            + (0..<100).map { _ in try r.randrange(-3, 90, step: 4) }
        let uniforms = (0..<100).map { _ in pythonHex(r.uniform(-2.5, 10.0)) }
        return Draws(floats: floats, bits: bits, ints: ints, shuffled: shuffled, smallSample: smallSample,
                     largeSample: largeSample, choices: choices, steps: steps, uniforms: uniforms)
    }

    /// Python's `float.hex()` (all 13 hex digits), so floats compare exactly as text.
    static func pythonHex(_ value: Double) -> String {
        if value == 0 { return value.sign == .minus ? "-0x0.0p+0" : "0x0.0p+0" }
        let sign = value < 0 ? "-" : ""
        let magnitude = abs(value)
        let exponent = magnitude.exponent
        var mantissa = String(magnitude.significandBitPattern, radix: 16)
        mantissa = String(repeating: "0", count: 13 - mantissa.count) + mantissa
        return "\(sign)0x1.\(mantissa)p\(exponent >= 0 ? "+" : "")\(exponent)"
    }

    @Test(arguments: [0, 1, 42, 1399, -1399, 2_147_483_648, 1 << 40, Int.max, Int.min + 1])
    func matchesPython(seed: Int) throws {
        let expected = try ReferencePython.json(Draws.self, Self.script, arguments: [String(seed)])
        let actual = try Self.swiftDraws(PythonRandom(seed: seed))
        #expect(actual.floats == expected.floats)
        #expect(actual.bits == expected.bits)
        #expect(actual.ints == expected.ints)
        #expect(actual.shuffled == expected.shuffled)
        #expect(actual.smallSample == expected.smallSample)
        #expect(actual.largeSample == expected.largeSample)
        #expect(actual.choices == expected.choices)
        #expect(actual.steps == expected.steps)
        #expect(actual.uniforms == expected.uniforms)
    }

    @Test func seedBeyondInt() throws {
        // 2**64 + 3: words little-endian [3, 0, 1].
        let expected = try ReferencePython.json(Draws.self, Self.script, arguments: [String("18446744073709551619")])
        let actual = try Self.swiftDraws(PythonRandom(seedMagnitudeWords: [3, 0, 1]))
        #expect(actual.floats == expected.floats)
        #expect(actual.shuffled == expected.shuffled)
    }

    @Test func badArgumentsThrowPythonsErrors() {
        var r = PythonRandom(seed: 0)
        #expect(throws: PythonRandomError.emptyRange(start: 5, stop: 5, step: 1)) { try r.randrange(5, 5) }
        #expect(throws: PythonRandomError.zeroStep) { try r.randrange(0, 5, step: 0) }
        #expect(throws: PythonRandomError.emptySequence) { try r.choice([Int]()) }
        #expect(throws: PythonRandomError.sampleLargerThanPopulation(k: 4, population: 3)) { try r.sample([1, 2, 3], 4) }
        #expect(throws: PythonRandomError.bitCountOutOfRange(65)) { try r.getrandbits(65) }
    }
}
