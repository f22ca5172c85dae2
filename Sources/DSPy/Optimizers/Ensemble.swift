import Synchronization

/// Combines several programs into one that runs them all (or a random `size` of them) and reduces their
/// predictions, e.g. with `majority` — DSPy's `Ensemble`.
public struct Ensemble: Sendable {
    public var reduce: @Sendable ([Prediction]) throws -> Prediction
    /// How many programs to run per call, drawn at random; all of them when nil.
    public var size: Int?

    /// DSPy's `reduce_fn` is optional and without it the ensemble returns the list of predictions; a Swift module
    /// returns one prediction, so here it is required.
    public init(reduce: @escaping @Sendable ([Prediction]) throws -> Prediction, size: Int? = nil) {
        self.reduce = reduce
        self.size = size
    }

    public func compile(_ programs: [Module]) -> EnsembledProgram {
        EnsembledProgram(programs: programs, reduce: reduce, size: size)
    }
}

/// The program `Ensemble.compile` returns.
public final class EnsembledProgram: Module, @unchecked Sendable {
    // @unchecked: its state lives in the two mutexes below.
    private struct Parts: Sendable {
        var programs: [SharedModule]
        var reduce: @Sendable ([Prediction]) throws -> Prediction
        var size: Int?
    }

    // Guards the parts and the generator so the program can serve several threads.
    private let parts: Mutex<Parts?>
    private let random = Mutex(PythonRandom(seed: Int.random(in: 0...Int.max)))

    init(programs: [Module], reduce: @escaping @Sendable ([Prediction]) throws -> Prediction, size: Int?) {
        parts = Mutex(Parts(programs: programs.map(SharedModule.init), reduce: reduce, size: size))
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
            parts.map { Parts(programs: $0.programs.map { SharedModule(module: $0.module.deepcopy()) }, reduce: $0.reduce, size: $0.size) }
        }
        parts.withLock { $0 = copied }
    }

    public override func forward(_ inputs: Example) throws -> Prediction {
        guard let parts = parts.withLock({ $0 }) else {
            throw OptimizerError.notCompiled("ensemble")
        }
        var programs = parts.programs
        if let size = parts.size {
            programs = try random.withLock { random in try random.sample(programs, size) }
        }
        return try parts.reduce(programs.map { try $0.module(inputs) })
    }
}
