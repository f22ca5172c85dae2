import JSON
import Synchronization

/// A DSPy program: something with a `forward` from an input example to a prediction, built from predictors
/// and other modules held in its stored properties (DSPy's `dspy.Module`).
///
/// ```swift
/// final class TextToSqlProgram: Module {
///     let program = ChainOfThought(TextToSql)
///     override func forward(_ inputs: Example) throws -> Prediction {
///         try program(sql_prompt: inputs.sql_prompt, sql_context: inputs.sql_context)
///     }
/// }
/// let pred = try TextToSqlProgram()(sql_prompt: "...", sql_context: "...")
/// ```
/// Predictors are found by reflection (`namedPredictors()`, names like `"program.predict"` as in Python).
/// `deepcopy()` re-creates the module with `init()` and copies every predictor's state, so a module with its
/// own initializer must also provide `required init()`.
///
/// Modules are shared across the threads of `Evaluate`, `Parallel` and the optimizers, as in Python: `Predict`
/// guards its state with a lock; a subclass that mutates its own stored properties during `forward` must guard
/// them too. `Module` itself is not `Sendable`, so that subclasses like the one above compile without warnings
/// in Swift 6 (a subclass of an `@unchecked Sendable` class must restate it); the library's own modules are
/// `Sendable`, and a subclass that needs to be (say, stored in a global in Swift 6 code) can declare
/// `@unchecked Sendable` itself.
@dynamicCallable
open class Module {
    private let compiledFlag = Atomic(false)

    /// Creates the module; subclasses set up their predictors in property initializers or here.
    public required init() {}

    /// Whether `BootstrapFewShot` (or the random search, through it) produced this program — Python's `_compiled`.
    /// A compiled teacher keeps its demos; a compiled student is refused. Copies keep the flag.
    public var isCompiled: Bool {
        get { compiledFlag.load(ordering: .relaxed) }
        set { compiledFlag.store(newValue, ordering: .relaxed) }
    }

    /// The module's computation. Subclasses override it; the base has none.
    ///
    /// - Throws: `ModuleError.forwardNotImplemented` in the base class.
    open func forward(_ inputs: Example) throws -> Prediction {
        throw ModuleError.forwardNotImplemented(String(describing: type(of: self)))
    }

    /// Calls with one example, `try program(example.inputs())`: runs `forward` after checking for an interrupt.
    ///
    /// - Throws: `ModuleError.positionalArguments` unless exactly one example is given.
    public func dynamicallyCall(withArguments arguments: [Example]) throws -> Prediction {
        guard arguments.count == 1 else { throw ModuleError.positionalArguments(count: arguments.count) }
        try Interruption.check()
        return try forward(arguments[0])
    }

    /// Keyword calls, as in Python: `try program(question: "...", context: "...")`.
    public func dynamicallyCall(withKeywordArguments arguments: KeyValuePairs<String, JSONValue>) throws -> Prediction {
        let fields = arguments.map { ($0.key, $0.value) }
        if let unlabeled = fields.first(where: { $0.0.isEmpty }) {
            throw ModuleError.unlabeledArgument(unlabeled.1.pythonRepr)
        }
        return try self(Example(fields: fields).withInputs(fields.map(\.0)))
    }

    /// Copies the state of `other` (a module of the same type) into this one: by default, the state of each
    /// predictor with the same name. Override it to copy other state too.
    open func copyState(from other: Module) {
        let originals = Dictionary(other.namedPredictors(), uniquingKeysWith: { first, _ in first })
        for (name, predictor) in namedPredictors() {
            if let original = originals[name], original !== predictor { predictor.copyState(from: original) }
        }
    }

    /// A copy whose predictors are separate objects with the same state (Python's `deepcopy()`).
    public func deepcopy() -> Self {
        let copy = type(of: self).init()
        copy.copyState(from: self)
        copy.isCompiled = isCompiled
        return copy
    }

    /// A copy with every predictor reset: no demos, no LM of its own (Python's `reset_copy()`).
    public func resetCopy() -> Self {
        let copy = deepcopy()
        for predictor in copy.predictors() { predictor.reset() }
        return copy
    }

    /// Every predictor's state by name, as DSPy's `module.dump_state()` (and its JSON save files).
    open func dumpState() -> JSONValue {
        .object(Dictionary(namedPredictors().map { ($0.0, $0.1.dumpState()) }, uniquingKeysWith: { first, _ in first }))
    }

    /// Loads each predictor's state from `dumpState()` output or a DSPy JSON save file.
    ///
    /// - Throws: `ModuleStateError` naming a predictor the state lacks or holds malformed.
    open func loadState(_ state: JSONValue) throws {
        for (name, predictor) in namedPredictors() {
            guard let saved = state[name] else { throw ModuleStateError.missingPredictor(name) }
            do {
                try predictor.loadState(saved)
            } catch {
                throw ModuleStateError.invalidPredictor(name, reason: "\(error)")
            }
        }
    }

    /// Sets the LM of every predictor.
    public func setLM(_ lm: (any LanguageModel)?) {
        for predictor in predictors() { predictor.lm = lm }
    }
}

/// Misuse of a module.
public enum ModuleError: Error, Equatable, CustomStringConvertible {
    /// A module subclass was called without overriding `forward`.
    case forwardNotImplemented(String)
    /// A call with several examples, or none.
    case positionalArguments(count: Int)
    /// A keyword call with an argument lacking its field name.
    case unlabeledArgument(String)

    public var description: String {
        switch self {
        case .forwardNotImplemented(let type): "\(type) does not override forward(_:)."
        case .positionalArguments(let count):
            "A module takes one Example or keyword arguments named after its input fields, not \(count) positional arguments."
        case .unlabeledArgument(let value):
            "The argument \(value) has no field name; call modules with keyword arguments, e.g. `predict(question: ...)`."
        }
    }
}
