import DSPy
import DSPyTesting
import Foundation

/// A Python reference run and the Swift run (`RecordedArithmeticRuns`), with the requests both sent cut into
/// phases: the conformance harness of the optimizers that call a prompt model between parallel evaluations
/// (COPRO, SIMBA).
struct RecordedRequests<Report: Decodable> {
    /// What the reference fixture printed.
    let reference: Report
    /// Per phase: the prompt-model request that opens it ("" before the first one), then the other requests sorted,
    /// since threads interleave them.
    let python: [[String]]
    let swift: [[String]]

    /// Runs `Fixtures/<fixture>` with its server's URL, then `body` with its report and an LM for the Swift server
    /// configured.
    /// - Parameter marker: text found only in the prompt-model requests that open phases.
    init(fixture: String, marker: String, _ body: (Report) throws -> Void) throws {
        let runs = try RecordedArithmeticRuns.run(fixture: fixture, report: Report.self, swift: body)
        reference = runs.reference
        python = Self.phases(runs.pythonRequests, marker: marker)
        swift = Self.phases(runs.swiftRequests, marker: marker)
    }

    private static func phases(_ bodies: [String], marker: String) -> [[String]] {
        var phases: [[String]] = []
        for body in bodies {
            if body.contains(marker) {
                phases.append([body])
            } else if phases.isEmpty {
                phases.append(["", body])
            } else {
                phases[phases.count - 1].append(body)
            }
        }
        return phases.map { [$0[0]] + $0.dropFirst().sorted() }
    }
}
