import Foundation
import JSON

extension Module {
    /// Saves the program's state as DSPy's JSON format (`program.save("x.json")`).
    public func save(to path: String) throws {
        var state = dumpState().objectValue ?? [:]
        // Python's load compares every key here against its own dependency versions, so only its keys may appear.
        state["metadata"] = ["dependency_versions": ["dspy": "3.4.1"]]
        try Data(JSONValue.object(state).pythonJSON(indent: 2).utf8).write(to: URL(fileURLWithPath: path))
    }

    /// Loads a state saved by `save(to:)` or by Python DSPy's `program.save("x.json")`.
    /// - Throws: `ModuleStateError` naming the file: unreadable, not JSON, or not fitting this program's predictors.
    public func load(from path: String) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ModuleStateError.unreadable(path: path, reason: "\(error)")
        }
        let state: JSONValue
        do {
            state = try JSONValue(parsing: data)
        } catch {
            throw ModuleStateError.unreadable(path: path, reason: "not JSON (\(error))")
        }
        guard let saved = state.objectValue else {
            throw ModuleStateError.unreadable(path: path, reason: "not a saved program (a JSON object with one entry per predictor)")
        }
        do {
            try loadState(state)
        } catch let error as ModuleStateError {
            let entries = saved.keys.filter { $0 != "metadata" }.sorted().map { "'\($0)'" }
            throw ModuleStateError.doesNotFit(
                path: path, reason: "\(error) The file has: \(entries.isEmpty ? "no predictors" : entries.joined(separator: ", ")).")
        }
    }
}

/// A saved program state that does not fit the program.
public enum ModuleStateError: Error, Equatable, CustomStringConvertible {
    case missingPredictor(String)
    /// The predictor's entry is malformed.
    case invalidPredictor(String, reason: String)
    case unreadable(path: String, reason: String)
    /// The file is a saved program, but not of this program (another program's, or damaged).
    case doesNotFit(path: String, reason: String)

    public var description: String {
        switch self {
        case .missingPredictor(let name): "The saved state has no entry for the predictor '\(name)'."
        case .invalidPredictor(let name, let reason): "The saved state of the predictor '\(name)' is invalid: \(reason)."
        case .unreadable(let path, let reason): "Cannot read the saved program \(path): \(reason)"
        case .doesNotFit(let path, let reason): "The saved program \(path) does not fit this program: \(reason)"
        }
    }
}
