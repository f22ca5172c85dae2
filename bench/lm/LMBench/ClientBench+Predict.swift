import DSPy

extension ClientBench {
    /// `Predict` over the same LM, once dspy-core's modules are merged in.
    func predictBenches(_ lm: LM) -> [(String, @Sendable (Int) throws -> Void)] { [] }
}
