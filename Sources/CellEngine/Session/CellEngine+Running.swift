import CellRuntime
import Foundation
import JSON
import KernelInterpreter

extension CellEngine {
    /// Runs a compiled cell in the worker, relaying its outputs, and turns a crash into an error outcome.
    func run(_ cell: CompiledCell, output: any ExecutionOutput) -> ExecutionOutcome {
        let worker: WorkerProcess
        do {
            worker = try readyWorker(output: output)
        } catch {
            return .error(name: "WorkerUnavailable", value: "\(error)", traceback: ["\(error)"])
        }
        // An interrupt while the cell compiled (or an earlier cell of `%rerun` ran) stops it before it starts.
        if state.withLock({ $0.interruptDeadline != nil }) {
            return .error(name: "Interrupted", value: "Interrupted by the user before the cell ran.",
                          traceback: ["Interrupted: Interrupted by the user before the cell ran."])
        }
        worker.send(.run(path: cell.libraryPath, symbol: cell.entrySymbol))
        var stderrTail = ""
        var crashOutput = CrashOutput()
        var stoppedForInterrupt = false
        func flushHeldErrorOutput() {
            let held = crashOutput.flush()
            if !held.isEmpty { output.stream(.stderr, text: held) }
        }
        while true {
            let event = worker.receive(until: ContinuousClock.now + .milliseconds(100)) { stream, text in
                guard stream == .stderr else { return output.stream(stream, text: text) }
                stderrTail = String((stderrTail + text).suffix(8000))
                let visible = crashOutput.visible(text)
                if !visible.isEmpty { output.stream(stream, text: visible) }
            }
            switch event {
            case .timedOut:
                let deadline = state.withLock { $0.interruptDeadline }
                if let deadline, ContinuousClock.now >= deadline, !stoppedForInterrupt {
                    stoppedForInterrupt = true
                    worker.kill()
                }
            case .message(.display(let bundle, let displayID, let update)):
                output.display(bundle, metadata: [:], displayID: displayID, update: update)
            case .message(.clearOutput(let wait)):
                output.clearOutput(wait: wait)
            case .message(.inputRequest(let prompt, let password)):
                worker.send(.inputReply(output.requestInput(prompt: prompt, password: password)))
            case .message(.finished(let result)):
                flushHeldErrorOutput()
                return .ok(result: result)
            case .message(.threw(let typeName, let description, let interrupted)):
                flushHeldErrorOutput()
                if interrupted {
                    return .error(name: "Interrupted", value: description, traceback: ["Interrupted: \(description)"])
                }
                let (name, value) = (CellModulePrefix.stripped(from: typeName), CellModulePrefix.stripped(from: description))
                return .error(name: name, value: value, traceback: ["\(name): \(value)"])
            case .message(.loadFailed(let message)):
                return .error(name: "LoadError", value: message, traceback: ["LoadError: \(message)"])
            case .message(.ready), .message(.loaded):
                continue
            case .exited(let exit):
                return workerStopped(exit, stderr: stderrTail, interrupted: stoppedForInterrupt)
            }
        }
    }

    /// The current worker, started and with every earlier cell's library loaded.
    func readyWorker(output: any ExecutionOutput) throws -> WorkerProcess {
        let (existing, ready, libraries) = state.withLock { state in
            (state.worker, state.workerReady, state.packageLibraries.map { ($0, false) }
                + state.namespace.cells.map { ($0.compiled.libraryPath, true) })
        }
        let worker = try existing ?? launchWorker()
        if ready { return worker }
        state.withLock { $0.worker = worker }
        try awaitMessage(from: worker, output: output) { if case .ready = $0 { true } else { false } }
        for (library, isCell) in libraries {
            worker.send(.load(path: library, isCell: isCell))
            try awaitMessage(from: worker, output: output) { message in
                switch message {
                case .loaded: return true
                case .loadFailed(let reason): throw CellEngineError.workerUnavailable("cannot reload \(library): \(reason)")
                default: return false
                }
            }
        }
        state.withLock { $0.workerReady = true }
        return worker
    }

    private func awaitMessage(from worker: WorkerProcess, output: any ExecutionOutput,
                              _ isWanted: (WorkerMessage) throws -> Bool) throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while true {
            switch worker.receive(until: deadline, onOutput: { output.stream($0, text: $1) }) {
            case .message(let message): if try isWanted(message) { return }
            case .exited(let exit): throw CellEngineError.workerUnavailable("\(exit) while starting")
            case .timedOut: throw CellEngineError.workerUnavailable("no answer from the worker within 60 s")
            }
        }
    }

    /// Reports a worker that died during a cell, restarts it, and names the state that was lost.
    private func workerStopped(_ exit: WorkerExit, stderr: String, interrupted: Bool) -> ExecutionOutcome {
        let (lost, cellCount, rerunCount) = state.withLock { state -> ([String], Int, Int) in
            state.namespace.workerRestarted()
            state.worker = nil
            state.workerReady = false
            let plan = RerunPlan(pending: state.namespace.cells.enumerated().map { (index: $0.offset, cell: $0.element) })
            return (state.namespace.lostVariables, state.namespace.cells.count, plan.cells.count)
        }
        if !state.withLock({ $0.isShutDown }), let worker = try? launchWorker() {
            state.withLock { $0.worker = worker }
        }
        let trap = Self.trapMessage(in: stderr)
        let name = interrupted ? "Interrupted" : "WorkerCrashed"
        let value = interrupted
            ? "the cell did not stop within \(configuration.interruptGrace) of the interrupt (it ignored the request and never reached a point where its thread could be stopped safely), so the worker was stopped"
            : trap ?? "\(exit)"
        var traceback = [interrupted ? "Interrupted: \(value)" : "\(name): \(value)"]
        if !interrupted {
            traceback += Self.cellFrames(in: stderr)
            traceback.append("The cell crashed the worker process: \(exit). The kernel is still running.")
        }
        traceback.append("A new worker was started. Declarations from earlier cells are still available.")
        if cellCount > 0 {
            let names = lost.isEmpty ? "global state set by earlier cells (e.g. DSPy settings)"
                : "the values of \(lost.joined(separator: ", ")) and other global state (e.g. DSPy settings)"
            traceback.append("Lost: \(names). Run %rerun to re-run the \(rerunCount) of \(cellCount) earlier cells that set or use them.")
        }
        return .error(name: name, value: value, traceback: traceback)
    }

    /// The Swift runtime's message for a trap, as printed on standard error: its own fatal error message,
    /// else the backtracer's name for the trap.
    static func trapMessage(in stderr: String) -> String? {
        let lines = stderr.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        for marker in ["Fatal error", "Precondition failed", "Assertion failed", "fatal error", "Swift runtime failure", "Program crashed"] {
            if let line = lines.last(where: { $0.contains(marker) }) {
                return line.trimmingCharacters(in: CharacterSet(charactersIn: "* "))
            }
        }
        return nil
    }

    /// The backtrace frames that point into the user's cells, as `in explode() at Cell3, line 1`
    /// (the backtracer prints `1 [ra] 0x... explode() + 98 in libCell3.so at //<cell>:1:18`).
    static func cellFrames(in stderr: String) -> [String] {
        stderr.split(separator: "\n").compactMap { line -> String? in
            guard let location = line.range(of: "\(CellSourceGenerator.userFileName):"),
                  let library = line.range(of: " in lib", options: .backwards, range: line.startIndex..<location.lowerBound),
                  let address = line.range(of: "0x") else { return nil }
            let afterAddress = line[address.upperBound...].drop { !$0.isWhitespace }.drop { $0.isWhitespace }
            let function = afterAddress.range(of: " + ").map { afterAddress[..<$0.lowerBound] } ?? afterAddress
            let module = line[library.upperBound...].prefix { $0 != "." }
            // Only the line: a return address's column points past the call, often past the line's end.
            let cellLine = line[location.upperBound...].prefix { $0.isNumber }
            let name = function.hasPrefix("\(CellSourceGenerator.generatedPrefix)Body") ? "top-level code" : String(function)
            return "  in \(CellModulePrefix.stripped(from: name)) at \(module), line \(cellLine)"
        }
    }
}

/// Output nobody watches (the warm-up's).
struct DiscardingOutput: ExecutionOutput {
    func stream(_ name: StreamName, text: String) {}
    func display(_ data: MimeBundle, metadata: [String: JSONValue], displayID: String?, update: Bool) {}
    func clearOutput(wait: Bool) {}
    func requestInput(prompt: String, password: Bool) -> String? { nil }
}
