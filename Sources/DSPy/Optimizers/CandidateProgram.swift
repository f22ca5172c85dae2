import Synchronization

/// One program an optimizer tried, with its validation score: DSPy's `candidate_programs` entries.
public struct CandidateProgram: Sendable {
    /// The validation score in percent.
    public var score: Double
    /// The metric's score for each validation example.
    public var subscores: [Double]
    /// The candidate's seed in the random search schedule (−3 zero-shot, −2 labeled only, −1 unshuffled).
    public var seed: Int
    /// The candidate program.
    public var program: Module {
        get { shared.module }
        set { shared = SharedModule(module: newValue) }
    }
    private var shared: SharedModule

    public init(score: Double, subscores: [Double], seed: Int, program: Module) {
        self.score = score
        self.subscores = subscores
        self.seed = seed
        self.shared = SharedModule(module: program)
    }
}

extension Module {
    /// The candidates a random search tried, best first (stable for ties), when this is the program it returned;
    /// empty otherwise. Python keeps them as the attribute `candidate_programs`.
    public var candidatePrograms: [CandidateProgram] {
        get { CandidateRegistry.candidates(of: self) }
        set { CandidateRegistry.set(newValue, for: self) }
    }
}

/// Candidates kept beside the programs they belong to, since a `Module` subclass has no room for them; entries
/// hold their program weakly and vanish with it.
enum CandidateRegistry {
    private struct Entry {
        var program: WeakSharedModule
        var candidates: [CandidateProgram]
    }

    private static let entries = Mutex<[ObjectIdentifier: Entry]>([:])

    static func candidates(of program: Module) -> [CandidateProgram] {
        entries.withLock { entries in
            guard let entry = entries[ObjectIdentifier(program)], entry.program.module === program else { return [] }
            return entry.candidates
        }
    }

    static func set(_ candidates: [CandidateProgram], for program: Module) {
        entries.withLock { entries in
            entries = entries.filter { $0.value.program.module != nil }
            entries[ObjectIdentifier(program)] = Entry(program: WeakSharedModule(module: program), candidates: candidates)
        }
    }
}
