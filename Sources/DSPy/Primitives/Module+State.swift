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
        try loadState(state)
    }
}

/// A saved program state that does not fit the program.
public enum ModuleStateError: Error, Equatable, CustomStringConvertible {
    case missingPredictor(String)
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .missingPredictor(let name): "The saved state has no entry for the predictor '\(name)'."
        case .unreadable(let path, let reason): "Cannot read the saved program \(path): \(reason)"
        }
    }
}
