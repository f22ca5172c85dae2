import DSPy
import Testing

/// The first line a DSPy user types, `Predict("question -> answer")`, needs no `try`; a signature computed at
/// run time still goes through the throwing form.
@Suite struct LiteralSignatureTests {
    @Test func literalSignaturesNeedNoTry() throws {
        let predict = Predict("question -> answer")
        #expect(predict.signature == (try Signature("question -> answer")))
        let withInstructions = Predict("question -> answer: int", instructions: "Count.", config: ["temperature": 0])
        #expect(withInstructions.signature.instructions == "Count." && withInstructions.config["temperature"] == 0)
        let chain = ChainOfThought("question -> answer")
        #expect(chain.predict.signature.fields.map(\.name) == ["question", "reasoning", "answer"])
    }

    @Test func runtimeStringsThrowNamingTheProblem() {
        let text = ["question", "answer"].joined(separator: " ")
        #expect(throws: SignatureError.missingArrow(signature: text)) { try Predict(text) }
        #expect(throws: SignatureError.missingArrow(signature: text)) { try ChainOfThought(text) }
    }
}
