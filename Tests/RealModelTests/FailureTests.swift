import DSPy
import DSPyTesting
import Foundation
import JSON
import SQLToolkit
import Testing

/// A server that is not running, and one killed in the middle of an evaluation: every call fails with an error that
/// names the cause and the URL, every row is accounted for, and nothing hangs.
@Suite(.serialized, .enabled(if: RealModel.isEnabled, "set SWIFT_DSPY_REAL_MODEL (./dev test-real-model)"))
struct FailureTests {
    @Test func aServerThatIsNotRunningIsNamedInTheError() throws {
        // A port that was free a moment ago: nothing listens there.
        let proxy = try CountingProxy(upstream: "http://127.0.0.1:9/v1")
        let url = proxy.baseURL
        proxy.close()
        let lm = RealModel.lm(url, numRetries: 1)
        do {
            _ = try context(lm: lm) { try Predict(RealModel.textToSQL)(RealModel.rows(1)[0].inputs()) }
            Issue.record("expected an error")
        } catch let error as LMError {
            #expect(error.kind == .transport)
            #expect(error.description.contains(url + "/chat/completions"), "\(error)")
        }
    }

    @Test func aServerKilledMidEvaluationFailsTheRemainingRowsNamingTheCause() throws {
        // Its own server, so that killing it leaves the suite's server alone; SmolLM2 loads in a second.
        let server = try RealServer(model: "smollm2-135m", parallel: 2, contextSize: 2 * RealModel.contextPerSlot)
        let lm = LM("openai/smollm2-135m", apiBase: server.baseURL, apiKey: "local", temperature: 0, maxTokens: 200,
                    cache: false, numRetries: 1)
        let rows = try RealModel.rows(6)
        let program = ServerKiller()
        program.server = server
        let (result, logged) = try RecordingPresenter.recording { recorder in
            (try context(lm: lm) {
                try Evaluate(devset: rows, metric: ExecutionAccuracy().metric, numThreads: 2, maxErrors: rows.count + 1)(program)
            }, recorder.logged)
        }
        // The row whose call killed the server may have scored (or failed to parse); the others failed in transport.
        let transport = result.results.compactMap(\.error).filter { $0.contains("transport error") }
        #expect(transport.count >= rows.count - 2, "\(result.results.map(\.error))")
        for error in transport { #expect(error.contains(server.baseURL), "\(error)") }
        #expect(result.failedCount == result.results.filter { $0.error != nil }.count)
        #expect(logged.contains { $0.contains("\(result.failedCount) of \(rows.count) examples failed") }, "\(logged)")

        // With DSPy's default limit of 10 failures and more rows, the evaluation stops, naming the last cause.
        do {
            _ = try RecordingPresenter.recording { _ in
                try context(lm: lm) { try Evaluate(devset: try RealModel.rows(12), metric: ExecutionAccuracy().metric, numThreads: 2)(program) }
            }
            Issue.record("expected an error")
        } catch let error as EvaluateError {
            // Rows already running when the tenth failed may fail too, and are counted.
            guard case .tooManyErrors(let count, _, let cause) = error else { Issue.record("\(error)"); return }
            #expect(count >= 10 && cause.contains("transport error") && cause.contains(server.baseURL), "\(error)")
        }
    }
}

/// Predict that kills the server as soon as its first call returns (answered or not): the crash comes mid-run.
private final class ServerKiller: Module {
    let predict = Predict(RealModel.textToSQL)
    var server: RealServer?

    override func forward(_ inputs: Example) throws -> Prediction {
        defer { server?.kill() }
        return try predict(inputs)
    }
}
