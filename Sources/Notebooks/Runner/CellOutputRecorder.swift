import Foundation
import JSON
import KernelInterpreter

/// Collects the outputs of a run the way nbclient records them into a notebook: consecutive stream text
/// of one stream is merged, `clear_output(wait:)` is honoured, and display updates rewrite every earlier output
/// with the same display id, in whichever cell it is.
///
/// `@unchecked Sendable`: interpreters call `ExecutionOutput` from their own threads; every stored property
/// is read and written only while `lock` is held.
final class CellOutputRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var outputs: [Int: [Output]] = [:]
    private var displayLocations: [String: [(cell: Int, output: Int)]] = [:]
    private var clearBeforeNextOutput = false
    private var currentCell = 0
    private let observer: (any RunObserver)?

    init(observer: (any RunObserver)?) {
        self.observer = observer
    }

    /// Starts recording for the cell at `index`, whose old outputs are dropped.
    func begin(cell index: Int) {
        lock.withLock {
            currentCell = index
            outputs[index] = []
            clearBeforeNextOutput = false
            forgetDisplays(inCell: index)
        }
    }

    /// Adds an output that did not come through `ExecutionOutput` (the result or error of the cell).
    func append(_ output: Output) {
        lock.withLock {
            applyPendingClear()
            outputs[currentCell, default: []].append(output)
        }
        observer?.handle(.display(output, displayID: nil, update: false))
    }

    /// The outputs recorded for the cell at `index`.
    func outputs(ofCell index: Int) -> [Output] {
        lock.withLock { outputs[index] ?? [] }
    }

    private func applyPendingClear() {
        guard clearBeforeNextOutput else { return }
        clearBeforeNextOutput = false
        outputs[currentCell] = []
        forgetDisplays(inCell: currentCell)
    }

    private func forgetDisplays(inCell index: Int) {
        for (id, locations) in displayLocations {
            displayLocations[id] = locations.filter { $0.cell != index }
        }
    }
}

extension CellOutputRecorder: ExecutionOutput {
    func stream(_ name: StreamName, text: String) {
        lock.withLock {
            applyPendingClear()
            var cellOutputs = outputs[currentCell] ?? []
            if case .stream(let lastName, let lastText)? = cellOutputs.last, lastName == name.rawValue {
                cellOutputs[cellOutputs.count - 1] = .stream(name: lastName, text: lastText + text)
            } else {
                cellOutputs.append(.stream(name: name.rawValue, text: text))
            }
            outputs[currentCell] = cellOutputs
        }
        observer?.handle(.stream(name: name.rawValue, text: text))
    }

    func display(_ data: MimeBundle, metadata: [String: JSONValue], displayID: String?, update: Bool) {
        let output = Output.displayData(data: data, metadata: metadata)
        lock.withLock {
            if update {
                guard let displayID else { return }
                for location in displayLocations[displayID] ?? [] {
                    guard let previous = outputs[location.cell]?[location.output] else { continue }
                    outputs[location.cell]?[location.output] = replacingData(of: previous, with: data, metadata: metadata)
                }
                return
            }
            applyPendingClear()
            outputs[currentCell, default: []].append(output)
            if let displayID {
                displayLocations[displayID, default: []].append((currentCell, outputs[currentCell]!.count - 1))
            }
        }
        observer?.handle(.display(output, displayID: displayID, update: update))
    }

    func clearOutput(wait: Bool) {
        lock.withLock {
            clearBeforeNextOutput = true
            if !wait { applyPendingClear() }
        }
        observer?.handle(.clearOutput)
    }

    /// A headless run has nobody to answer, as with nbclient's default `allow_stdin=False`.
    func requestInput(prompt: String, password: Bool) -> String? { nil }

    private func replacingData(of output: Output, with data: MimeBundle, metadata: [String: JSONValue]) -> Output {
        if case .executeResult(let count, _, _) = output {
            return .executeResult(executionCount: count, data: data, metadata: metadata)
        }
        return .displayData(data: data, metadata: metadata)
    }
}
