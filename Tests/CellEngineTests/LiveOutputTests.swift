import Foundation
import KernelInterpreter
import Synchronization
import Testing

/// Output arrives while the cell runs, and interrupts stop cells within a second.
@Suite(.serialized)
struct LiveOutputTests {
    @Test func outputStreamsWhileTheCellSleeps() throws {
        let fixture = try EngineFixture()
        defer { fixture.close() }
        let output = RecordingOutput()
        // A partial line, which stdout's line buffer holds until the worker's periodic flush.
        let (outcome, _) = fixture.run("print(\"first\", terminator: \"\")\nThread.sleep(forTimeInterval: 0.8)\nprint(\"second\")", output: output)
        #expect(outcome.succeeded)
        let times = output.timedEvents.compactMap { event -> (ContinuousClock.Instant, String)? in
            if case .stream(.stdout, let text) = event.event { return (event.at, text) }
            return nil
        }
        let first = try #require(times.first { $0.1.contains("first") })
        let second = try #require(times.first { $0.1.contains("second") })
        #expect(second.0 - first.0 > .milliseconds(500), "the first line arrived before the sleep ended")
    }

    /// Displays travel over the socket and text through the pipes; the frontend still sees them in the order the
    /// cell produced them.
    @Test func displaysAndPrintsKeepTheirOrder() throws {
        let fixture = try EngineFixture()
        defer { fixture.close() }
        let (outcome, output) = fixture.run("for i in 0..<30 { display(HTML(\"<b>\\(i)</b>\")); print(\"after \\(i)\") }")
        #expect(outcome.succeeded, "\(outcome)")
        let order = output.events.flatMap { event -> [String] in
            switch event {
            case .display(let bundle, _, _): return ["shown " + (bundle["text/html"]?.stringValue ?? "?")]
            case .stream(.stdout, let text): return text.split(separator: "\n").map(String.init)
            default: return []
            }
        }
        #expect(order == (0..<30).flatMap { ["shown <b>\($0)</b>", "after \($0)"] }, "\(order)")
    }

    @Test func everythingPrintedIsFlushedBeforeTheReply() throws {
        let fixture = try EngineFixture()
        defer { fixture.close() }
        let (outcome, output) = fixture.run("for i in 0..<2000 { print(\"line \\(i)\") }\nFileHandle.standardError.write(\"tail\\n\".data(using: .utf8)!)")
        #expect(outcome.succeeded)
        #expect(output.text(.stdout).hasSuffix("line 1999\n"))
        #expect(output.text(.stderr).contains("tail"))
    }

    @Test(arguments: ["var spins = 0\nwhile true { spins &+= 1 }", "Thread.sleep(forTimeInterval: 30)"])
    func interruptStopsSynchronousCodeAndKeepsTheWorker(code: String) throws {
        let fixture = try EngineFixture()
        defer { fixture.close() }
        #expect(fixture.run("var survivor = 1").0.succeeded)
        let worker = fixture.engine.workerProcessID
        let outcome = try runInterrupted(fixture, marker: "running", code: code)
        #expect(fixture.engine.workerProcessID == worker)
        #expect(fixture.run("survivor += 1\nsurvivor").0.plainResult == "2", "after \(outcome)")
    }

    @Test func interruptRestartsTheWorkerWhenTheCellCannotBeStoppedSafely() throws {
        let fixture = try EngineFixture()
        defer { fixture.close() }
        #expect(fixture.run("let survivor = 1").0.succeeded)
        let worker = fixture.engine.workerProcessID
        let engine = fixture.engine
        // Blocked in the kernel's futex, under libdispatch: never a point where the thread may be parked.
        let output = RecordingOutput(onStream: { text in if text.contains("waiting") { engine.interrupt() } })
        let (outcome, _) = fixture.run("print(\"waiting\")\nDispatchSemaphore(value: 0).wait()", output: output)
        #expect(outcome.errorName == "Interrupted" && outcome.errorText.contains("Lost: the values of survivor"), "\(outcome)")
        #expect(fixture.engine.workerProcessID != worker)
    }

    @Test func interruptStopsASleepingAsyncCellCooperatively() throws {
        let fixture = try EngineFixture()
        defer { fixture.close() }
        #expect(fixture.run("let survivor = 1").0.succeeded)
        let outcome = try runInterrupted(fixture, marker: "sleeping", code: "try await Task.sleep(for: .seconds(30))")
        // Cooperative: the worker kept its state.
        let after = fixture.run("survivor").0
        #expect(after.plainResult == "1", "\(outcome) then \(after)")
    }

    /// Runs `code` after printing `marker`, interrupts when the marker arrives, and checks that the cell
    /// ended as interrupted within a second of it.
    private func runInterrupted(_ fixture: EngineFixture, marker: String, code: String) throws -> ExecutionOutcome {
        let interruptedAt = Mutex<ContinuousClock.Instant?>(nil)
        let engine = fixture.engine
        let output = RecordingOutput(onStream: { text in
            guard text.contains(marker) else { return }
            interruptedAt.withLock { $0 = .now }
            engine.interrupt()
        })
        let (outcome, _) = fixture.run("print(\"\(marker)\")\n\(code)", output: output)
        let finished = ContinuousClock.now
        #expect(outcome.errorName == "Interrupted", "\(outcome)")
        #expect(finished - (try #require(interruptedAt.withLock { $0 })) < .seconds(1))
        return outcome
    }

    @Test func interruptStopsDSPyWorkCooperatively() throws {
        let fixture = try EngineFixture()
        defer { fixture.close() }
        let engine = fixture.engine
        let output = RecordingOutput(onStream: { text in if text.contains("working") { engine.interrupt() } })
        let (outcome, _) = fixture.run("print(\"working\")\nwhile true { try Interruption.check(); usleep(1000) }", output: output)
        #expect(outcome.errorName == "Interrupted", "\(outcome)")
        #expect(!outcome.errorText.contains("worker was stopped"))
    }

    @Test func inputRequestsReachTheFrontend() throws {
        let fixture = try EngineFixture()
        defer { fixture.close() }
        let output = RecordingOutput(inputs: ["Ada"])
        let (outcome, _) = fixture.run("let name = readLine()\nname", output: output)
        #expect(outcome.plainResult == "Optional(\"Ada\")", "\(outcome)")
        #expect(output.events.contains(.inputRequest(prompt: "")))
    }

    @Test func displaysAndUpdatesCarryIDs() throws {
        let fixture = try EngineFixture()
        defer { fixture.close() }
        let (outcome, output) = fixture.run("let handle = display(HTML(\"<b>1</b>\"), id: \"progress\")\nhandle.update(Markdown(\"done\"))\nclearOutput(wait: true)")
        #expect(outcome.succeeded, "\(outcome)")
        #expect(output.events.contains(.display(["text/html": "<b>1</b>", "text/plain": "<HTML>"], displayID: "progress", update: false)))
        #expect(output.events.contains(.display(["text/markdown": "done", "text/plain": "done"], displayID: "progress", update: true)))
        #expect(output.events.contains(.clearOutput(wait: true)))
    }
}
