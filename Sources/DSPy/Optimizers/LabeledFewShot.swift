/// Gives each predictor `k` training examples as demos, drawn as DSPy draws them (`random.Random(0).sample`).
///
/// ```swift
/// let compiled = try LabeledFewShot(k: 4).compile(TextToSqlProgram(), trainset: trainset)
/// ```
public struct LabeledFewShot: Sendable {
    /// The most demos per predictor.
    public var k: Int

    public init(k: Int = 16) {
        self.k = k
    }

    /// A reset copy of `student` whose predictors hold up to `k` demos: a random sample (seed 0, one generator
    /// across predictors, in `namedPredictors()` order), or the first `k` when `sample` is false.
    public func compile<Program: Module>(_ student: Program, trainset: [Example], sample: Bool = true) throws -> Program {
        let compiled = student.resetCopy()
        guard !trainset.isEmpty else { return compiled }
        var random = PythonRandom(seed: 0)
        for predictor in compiled.predictors() {
            let count = min(k, trainset.count)
            predictor.demos = sample ? try random.sample(trainset, count) : Array(trainset.prefix(count))
        }
        return compiled
    }
}
