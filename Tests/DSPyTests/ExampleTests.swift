import DSPy
import JSON
import Testing

@Suite struct ExampleTests {
    @Test func inputsAndLabels() throws {
        let example = Example(["question": "Why?", "answer": "Because.", "dspy_uuid": "x"]).withInputs("question")
        #expect(try example.inputs().keys() == ["question"])
        #expect(try example.labels().keys() == ["answer"])
        #expect(example.keys() == ["question", "answer"])
        #expect(example.keys(includeDSPy: true).count == 3)
        #expect(example.question == "Why?")
        #expect(example["missing"] == nil)
        #expect(throws: ExampleError.missingField("missing", available: ["question", "answer"])) { try example.value("missing") }
        #expect(try example.value("answer") == "Because.")
        #expect(throws: ExampleError.inputsNotSet) { try Example(["a": 1]).inputs() }
    }

    @Test func printsLikePython() {
        let example = Example(["question": "It's", "n": 2, "ok": true, "none": nil]).withInputs("question")
        #expect("\(example)" == #"Example({'question': "It's", 'n': 2, 'ok': True, 'none': None}) (input_keys={'question'})"#)
        #expect("\(Example(["a": [1, "b"]]))" == "Example({'a': [1, 'b']}) (input_keys=None)")
        let prediction = Prediction(["sql": "SELECT 1", "score": 0.5])
        #expect("\(prediction)" == "Prediction(\n    sql='SELECT 1',\n    score=0.5\n)")
        #expect("\(prediction.sql)" == "SELECT 1")
        #expect(prediction.score == 0.5)
    }

    @Test func missingFieldErrorNamesTheFieldAndTheFieldsThereAre() {
        let sample = Example(["sql_prompt": "How many?", "sql_context": "CREATE TABLE t (x INT);"])
        do {
            _ = try Predict(Signature { InputField("sql_prompt"); OutputField("sql") })(sql_prompt: sample.value("sql_promt"))
            Issue.record("a misspelled field was read as a value")
        } catch {
            #expect("\(error)" == "The example has no field 'sql_promt'; its fields are: sql_prompt, sql_context.")
        }
        #expect(throws: ExampleError.missingField("a", available: [])) { try Example().value("a") }
    }

    /// `example.name` is for fields known to be there: a misspelled one stops the process with the message, rather
    /// than reading as a null.
    @Test func readingAFieldTheExampleLacksWithoutTryStops() async {
        let exit = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Example(["sql_prompt": "How many?"]).sql_promt
        }
        let message = String(decoding: exit?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("The example has no field 'sql_promt'; its fields are: sql_prompt."), "\(message)")
    }

    @Test func copiesAreValues() throws {
        var example = Example(["a": 1])
        let copy = example.copy(["b": 2])
        example["a"] = 5
        #expect(example.a == 5)
        #expect(copy.a == 1)
        #expect(copy.b == 2)
        #expect(copy.without("a").keys() == ["b"])
        #expect(Example(["a": 1]) == Example(["a": 1]).withInputs("a"))
    }

    @Test func pythonFloatAndJSONForms() {
        #expect(JSONValue.double(1e-05).pythonRepr == "1e-05")
        #expect(JSONValue.double(1e16).pythonRepr == "1e+16")
        #expect(JSONValue.double(12345678901234567.0).pythonRepr == "1.2345678901234568e+16")
        #expect(JSONValue.double(3).pythonRepr == "3.0")
        #expect(JSONValue.double(9_007_199_254_740_992).pythonRepr == "9007199254740992.0")
        #expect(JSONValue.array(["é\n", 1, nil]).pythonJSON() == #"["é\n", 1, null]"#)
        #expect(JSONValue.object(["a": [1, 2]]).pythonJSON(indent: 2) == "{\n  \"a\": [\n    1,\n    2\n  ]\n}")
    }
}
