import DSPyTesting
import Foundation
import Testing
@testable import DSPy

/// SIMBA's random draws and statistics against NumPy and Python in the test venv, and its refusals of bad input.
@Suite struct SIMBATests {
    struct NumPyDraws: Decodable {
        let floats: [String]
        let poissons: [Int]
        let weighted: [Int]
        let percentiles: [String]
        let exps: [String]
    }

    /// The draws SIMBA makes, from `np.random.default_rng(seed)` and `random.Random(seed).choices`; Poisson means
    /// below 10 (multiplication) and from 10 on (PTRS), the seeds of one and two 32-bit words.
    static let script = """
    import json, random, sys
    import numpy as np
    seed = int(sys.argv[1])
    g = np.random.default_rng(seed)
    out = {"floats": [g.random().hex() for _ in range(200)]}
    out["poissons"] = [int(g.poisson(lam)) for lam in [0, 0.25, 0.5, 1, 2.5, 9.99, 10, 12.5, 40, 333.3] * 30]
    r = random.Random(seed)
    out["weighted"] = [r.choices(range(n), weights=[(i % 3) + 0.5 for i in range(n)], k=1)[0] for n in range(1, 100)]
    values = [[float(i % 2) for i in range(n)] + [0.25 * (n % 5)] for n in range(1, 40)]
    out["percentiles"] = [float(np.percentile(v, q)).hex() for v in values for q in (10, 90)]
    out["exps"] = [float(np.exp(s / 0.2)).hex() for s in [0.0, 0.25, 1 / 3, 0.5, 2 / 3, 0.75, 0.8, 1.0]]
    print(json.dumps(out))
    """

    @Test(arguments: [0, 7, 2_026, 4_294_967_297])
    func drawsAsNumPyAndPython(seed: Int) throws {
        let expected = try ReferencePython.json(NumPyDraws.self, Self.script, arguments: [String(seed)])
        var numpy = NumPyGenerator(seed: UInt64(seed))
        #expect((0..<200).map { _ in PythonRandomTests.pythonHex(numpy.random()) } == expected.floats)
        let means = [0, 0.25, 0.5, 1, 2.5, 9.99, 10, 12.5, 40, 333.3]
        #expect((0..<30).flatMap { _ in means.map { numpy.poisson($0) } } == expected.poissons)
        var random = PythonRandom(seed: seed)
        let weighted = try (1..<100).map { n in try random.weightedIndex((0..<n).map { Double($0 % 3) + 0.5 }) }
        #expect(weighted == expected.weighted)
        let values = (1..<40).map { n in (0..<n).map { Double($0 % 2) } + [0.25 * Double(n % 5)] }
        #expect(values.flatMap { v in [10.0, 90.0].map { PythonRandomTests.pythonHex(SIMBA.percentile(v, $0)) } } == expected.percentiles)
        #expect([0.0, 0.25, 1.0 / 3, 0.5, 2.0 / 3, 0.75, 0.8, 1.0].map { PythonRandomTests.pythonHex(exp($0 / 0.2)) } == expected.exps)
    }

    @Test func refusesATrainsetSmallerThanTheBatch() throws {
        let simba = try SIMBA(metric: Metric(name: "exact_match", Arithmetic.exactMatch), bsize: 5)
        #expect(throws: OptimizerError.invalidSetting("Trainset too small: 4 < 5")) {
            try simba.compile(ArithmeticProgram(), trainset: Arithmetic.examples(4))
        }
        #expect(throws: OptimizerError.invalidSetting("Trainset too small: 0 < 5")) {
            try simba.compile(student: ArithmeticProgram(), trainset: [], valset: nil)
        }
        #expect(throws: OptimizerError.valsetNotUsed("SIMBA")) {
            try simba.compile(student: ArithmeticProgram(), trainset: Arithmetic.examples(5), valset: Arithmetic.examples(1))
        }
    }

    @Test func refusesSettingsWithNothingToRun() {
        let metric = Metric(name: "exact_match", Arithmetic.exactMatch)
        #expect(throws: OptimizerError.invalidSetting("SIMBA's bsize must be at least 1, got 0")) { try SIMBA(metric: metric, bsize: 0) }
        #expect(throws: OptimizerError.invalidSetting("SIMBA's numCandidates must be at least 1, got 0")) {
            try SIMBA(metric: metric, numCandidates: 0)
        }
        #expect(throws: OptimizerError.invalidSetting("SIMBA's maxSteps and maxDemos cannot be negative, got -1 and 4")) {
            try SIMBA(metric: metric, maxSteps: -1)
        }
    }

    @Test func writesNestedValuesAsOrjsonWithIndentTwo() throws {
        let value = OrderedJSON.object([
            ("z", .value("a\n\"b\"")), ("a", .array([.value(1), .value(0.5), .value(["k": [], "b": [:]])])), ("e", .object([])),
        ])
        let expected = try ReferencePython.run("""
            import orjson
            print(orjson.dumps({"z": 'a\\n"b"', "a": [1, 0.5, {"b": {}, "k": []}], "e": {}}, option=orjson.OPT_INDENT_2).decode(), end="")
            """)
        #expect(value.dumped == expected)
    }
}
