/// An optimizer: compiles a student program on a trainset into a better program — DSPy's `Teleprompter`.
///
/// Every optimizer conforms, so one loop can try several:
/// ```swift
/// let optimizers: [any Teleprompter<Module, Module>] = [LabeledFewShot(k: 4), BootstrapFewShot(metric: metric), copro]
/// for optimizer in optimizers {
///     let compiled = try optimizer.compile(student: TextToSqlProgram(), trainset: trainset)
/// }
/// ```
/// Each optimizer also keeps its own `compile` with its own options and typed result; this requirement is the shape
/// they share. As in Python, `Ensemble` compiles a list of programs rather than one student.
public protocol Teleprompter<Student, Compiled>: Sendable {
    /// What is optimized: a program, or (for `Ensemble`) a list of them.
    associatedtype Student
    /// What `compile` returns.
    associatedtype Compiled

    /// Optimizes `student` on `trainset`; the student is left unchanged.
    /// - Parameter valset: the examples that score candidates, for optimizers that score on a separate set; an
    ///   optimizer that takes none (as in DSPy) rejects a non-empty one with `OptimizerError.valsetNotUsed`.
    func compile(student: Student, trainset: [Example], valset: [Example]?) throws -> Compiled
}

extension Teleprompter {
    /// `compile(student:trainset:valset:)` without a valset.
    public func compile(student: Student, trainset: [Example]) throws -> Compiled {
        try compile(student: student, trainset: trainset, valset: nil)
    }

    /// Throws `OptimizerError.valsetNotUsed` for a non-empty `valset`, which this optimizer would ignore.
    func rejectValset(_ valset: [Example]?) throws {
        if let valset, !valset.isEmpty { throw OptimizerError.valsetNotUsed(String(describing: Self.self)) }
    }
}

extension LabeledFewShot: Teleprompter {
    public func compile(student: Module, trainset: [Example], valset: [Example]?) throws -> Module {
        try rejectValset(valset)
        return try compile(student, trainset: trainset)
    }
}

extension BootstrapFewShot: Teleprompter {
    public func compile(student: Module, trainset: [Example], valset: [Example]?) throws -> Module {
        try rejectValset(valset)
        return try compile(student, trainset: trainset)
    }
}

extension BootstrapFewShotWithRandomSearch: Teleprompter {
    public func compile(student: Module, trainset: [Example], valset: [Example]?) throws -> Module {
        try compile(student, trainset: trainset, valset: valset)
    }
}

extension KNNFewShot: Teleprompter {
    /// The program drawing its neighbours from `trainset` (with this optimizer's `k` and vectorizer).
    public func compile(student: Module, trainset: [Example], valset: [Example]?) throws -> Module {
        try rejectValset(valset)
        let knn = try KNN(k: knn.k, trainset: trainset, vectorizer: knn.vectorizer)
        return KNNFewShotProgram(student: student.resetCopy(), teacher: nil, knn: knn, bootstrap: bootstrap)
    }
}

extension Ensemble: Teleprompter where Output == Prediction {
    /// The programs combined into one; an ensemble does not train, so `trainset` is not read.
    public func compile(student: [Module], trainset: [Example], valset: [Example]?) throws -> Module {
        try rejectValset(valset)
        return compile(student)
    }
}
