import DSPy
import JSON

extension ClientBench {
    /// `Predict("question -> answer")` over the same LM: ChatAdapter formatting and parsing plus the LM call.
    func predictBenches(_ lm: LM) throws -> [(String, @Sendable (Int) throws -> Void)] {
        let predict = Predict("question -> answer")
        predict.lm = lm
        return [("predict", { index in
            let prediction = try predict(question: .string("What is the capital of France? #\(index)"))
            guard prediction.answer == "Paris" else { throw BenchError("unexpected answer \(prediction.answer)") }
        })]
    }
}
