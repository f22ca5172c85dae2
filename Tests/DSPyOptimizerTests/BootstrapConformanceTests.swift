import Foundation
import JSON
import Testing
@testable import DSPy
import DSPyTesting

/// BootstrapFewShot against Python DSPy 3.4.1 where `OptimizerConformanceTests` does not reach: several calls of one
/// predictor per example, and a teacher passed in (compiled, or plain with demos of its own).
@Suite(.serialized) struct BootstrapConformanceTests {
    typealias Demos = [[[String: JSONValue]]]

    struct Candidate: Decodable, Equatable {
        let seed: Int
        let score: Double
        let demos: Demos
    }

    struct Report: Decodable {
        let repeated: Demos
        let teacher: Demos
        let compiledTeacher: Demos
        let plainTeacher: Demos
        let searchWithTeacher: [Candidate]
        let teacherAfter: Demos
    }

    @Test func sameDemosAsPythonDSPy() throws {
        let server = try LocalServer(script: "arithmetic_server.py")
        defer { server.stop() }
        let reference = try JSONDecoder().decode(
            Report.self, from: Data(try ReferencePython.runFixture("reference_bootstrap.py", arguments: [server.url]).utf8))
        let lm = LM("openai/arithmetic", apiBase: server.url + "/v1", apiKey: "local", cache: false)
        let trainset = Arithmetic.examples(20), valset = Arithmetic.examples(10, offset: 100)
        let metric = Metric(name: "exact_match", Arithmetic.exactMatch)

        try RecordingPresenter.recording { _ in
            try context(lm: lm) {
                let repeated = try BootstrapFewShot(maxBootstrappedDemos: 12, maxLabeledDemos: 0, numThreads: 4)
                    .compile(RepeatedCallsProgram(), trainset: trainset)
                #expect(Arithmetic.demos(of: repeated) == reference.repeated)

                let teacher = try BootstrapFewShot(metric: metric, maxBootstrappedDemos: 2, maxLabeledDemos: 2, numThreads: 4)
                    .compile(ArithmeticProgram(), trainset: trainset)
                #expect(Arithmetic.demos(of: teacher) == reference.teacher)
                let optimizer = BootstrapFewShot(metric: metric, maxBootstrappedDemos: 3, maxLabeledDemos: 4, numThreads: 4)
                let withCompiledTeacher = try optimizer.compile(ArithmeticProgram(), teacher: teacher, trainset: trainset)
                #expect(Arithmetic.demos(of: withCompiledTeacher) == reference.compiledTeacher)

                let plain = ArithmeticProgram()
                plain.predictors()[0].demos = Array(trainset[10..<13])
                let withPlainTeacher = try optimizer.compile(ArithmeticProgram(), teacher: plain, trainset: trainset)
                #expect(Arithmetic.demos(of: withPlainTeacher) == reference.plainTeacher)

                let best = try BootstrapFewShotWithRandomSearch(
                    metric: metric, maxBootstrappedDemos: 2, maxLabeledDemos: 2, numCandidatePrograms: 1, numThreads: 4
                ).compile(ArithmeticProgram(), teacher: teacher, trainset: trainset, valset: valset)
                #expect(best.candidatePrograms.map { Candidate(seed: $0.seed, score: $0.score, demos: Arithmetic.demos(of: $0.program)) }
                    == reference.searchWithTeacher)
                #expect(Arithmetic.demos(of: teacher) == reference.teacherAfter, "compiling with a teacher leaves it as it was")
            }
        }
    }
}
