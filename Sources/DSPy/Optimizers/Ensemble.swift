import JSON
import Synchronization

/// Combines several programs into one that runs them all (or a random `size` of them) per call — DSPy's `Ensemble`.
///
/// With a reduce function the result is a module returning one prediction; without one, as DSPy's
/// `Ensemble(reduce_fn=None)`, a call returns every program's prediction:
/// ```swift
/// let voted = Ensemble(reduce: majority).compile(programs)      // EnsembledProgram, a Module
/// let prediction = try voted(question: "What is 2 + 2?")
/// let all = try Ensemble(size: 3).compile(programs)(question: "What is 2 + 2?")   // [Prediction]
/// ```
public struct Ensemble<Output: Sendable>: Sendable {
    /// Turns the programs' predictions, in program order, into the result.
    public var reduce: @Sendable ([Prediction]) throws -> Output
    /// How many programs to run per call, drawn at random; all of them when nil (or 0, as in DSPy).
    public var size: Int?
}

extension Ensemble where Output == Prediction {
    /// An ensemble whose calls return `reduce` of the predictions, e.g. `majority`; `reduce` returning nil (for no
    /// predictions) is an error.
    public init(reduce: @escaping @Sendable ([Prediction]) throws -> Prediction?, size: Int? = nil) {
        self.reduce = { predictions in
            guard let reduced = try reduce(predictions) else {
                throw OptimizerError.noCandidates("The ensemble's reduce function chose none of \(predictions.count) predictions.")
            }
            return reduced
        }
        self.size = size
    }

    /// A module running the programs and reducing their predictions.
    public func compile(_ programs: [Module]) -> EnsembledProgram {
        EnsembledProgram(members: EnsembleMembers(programs: programs, size: size), reduce: reduce)
    }
}

extension Ensemble where Output == [Prediction] {
    /// An ensemble without a reduce function: its calls return every program's prediction.
    public init(size: Int? = nil) {
        self.reduce = { $0 }
        self.size = size
    }

    /// A callable running the programs and returning their predictions.
    public func compile(_ programs: [Module]) -> UnreducedEnsemble {
        UnreducedEnsemble(members: EnsembleMembers(programs: programs, size: size))
    }
}

/// The programs of an ensemble and the draw of those that run for one call.
final class EnsembleMembers: Sendable {
    let programs: [SharedModule]
    let size: Int?
    // Guarded, so one ensemble can serve several threads.
    private let random = Mutex(PythonRandom(seed: Int.random(in: 0...Int.max)))

    init(programs: [Module], size: Int?) {
        self.programs = programs.map(SharedModule.init)
        self.size = size
    }

    /// The programs running this call: a random `size` of them, or all.
    func drawn() throws -> [Module] {
        guard let size, size > 0 else { return programs.map(\.module) }
        return try random.withLock { random in try random.sample(programs, size) }.map(\.module)
    }
}

/// What `Ensemble(size:).compile` returns: called like a module, it returns every chosen program's prediction, in
/// program order — DSPy's ensembled program without a `reduce_fn`.
@dynamicCallable
public final class UnreducedEnsemble: Sendable {
    let members: EnsembleMembers

    init(members: EnsembleMembers) {
        self.members = members
    }

    /// The programs' predictions for one example's inputs: `try ensemble(example.inputs())`.
    public func dynamicallyCall(withArguments arguments: [Example]) throws -> [Prediction] {
        try members.drawn().map { try $0.dynamicallyCall(withArguments: arguments) }
    }

    /// The programs' predictions for keyword arguments: `try ensemble(question: "...")`.
    public func dynamicallyCall(withKeywordArguments arguments: KeyValuePairs<String, JSONValue>) throws -> [Prediction] {
        try members.drawn().map { try $0.dynamicallyCall(withKeywordArguments: arguments) }
    }
}

/// The program `Ensemble(reduce:).compile` returns.
public final class EnsembledProgram: Module, @unchecked Sendable {
    // @unchecked: its state lives in the mutex below.
    private struct Parts: Sendable {
        var members: EnsembleMembers
        var reduce: @Sendable ([Prediction]) throws -> Prediction
    }

    private let parts: Mutex<Parts?>

    init(members: EnsembleMembers, reduce: @escaping @Sendable ([Prediction]) throws -> Prediction) {
        parts = Mutex(Parts(members: members, reduce: reduce))
        super.init()
    }

    /// An empty program for `deepcopy()`, which fills it with `copyState(from:)`.
    public required init() {
        parts = Mutex(nil)
        super.init()
    }

    public override func copyState(from other: Module) {
        guard let other = other as? EnsembledProgram, other !== self else { return }
        let copied = other.parts.withLock { parts in
            parts.map { parts in
                Parts(members: EnsembleMembers(programs: parts.members.programs.map { $0.module.deepcopy() }, size: parts.members.size),
                      reduce: parts.reduce)
            }
        }
        parts.withLock { $0 = copied }
    }

    public override func forward(_ inputs: Example) throws -> Prediction {
        guard let parts = parts.withLock({ $0 }) else {
            throw OptimizerError.notCompiled("ensemble")
        }
        return try parts.reduce(parts.members.drawn().map { try $0(inputs) })
    }
}
