import DSPy
import JSON
import Testing

@Suite struct SignatureTests {
    @Test func stringFormWithTypes() throws {
        let signature = try Signature("question, k: int -> ok: bool, tags: list[str], label: Literal['a', 'b c']")
        #expect(signature.inputFields.map(\.name) == ["question", "k"])
        #expect(signature.outputFields.map(\.type) == [.bool, .list(.string), .literal(["a", "b c"])])
        #expect(signature.instructions == "Given the fields `question`, `k`, produce the fields `ok`, `tags`, `label`.")
        #expect(signature.signature == "question, k -> ok, tags, label")
        #expect(try Signature("a: Optional[int] -> b: dict[str, float]").fields.map(\.type) == [.optional(.int), .dict(key: .string, value: .float)])
        #expect(try Signature("a: int | None -> b").inputFields[0].type == .optional(.int))
    }

    @Test func badSignaturesNameTheCause() throws {
        #expect(throws: SignatureError.missingArrow(signature: "question answer")) { try Signature("question answer") }
        #expect(throws: SignatureError.missingArrow(signature: "a -> b -> c")) { try Signature("a -> b -> c") }
        #expect(throws: SignatureError.duplicateField("a")) { try Signature("a, b -> a") }
        #expect(throws: SignatureError.duplicateField("a")) { try Signature("a, a -> b") }
        #expect(throws: SignatureError.invalidFieldName("two words", signature: "two words -> b")) { try Signature("two words -> b") }
        do {
            _ = try Signature("a: integer -> b")
            Issue.record("an unknown type was accepted")
        } catch let error as SignatureError {
            #expect("\(error)".contains("'a'"))
            #expect("\(error)".contains("integer"))
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(throws: SignatureError.self) { try Signature("a: list[int -> b") }
        #expect(throws: SignatureError.emptyFieldName(signature: "a,, b -> c")) { try Signature("a,, b -> c") }
        #expect(throws: SignatureError.emptyFieldName(signature: ", a -> b")) { try Signature(", a -> b") }
        #expect(throws: SignatureError.self) { try Signature("a -> b:") }
        // As in Python, where each side is a tuple: a trailing comma and an empty side are accepted.
        #expect(try Signature("a, -> b,").fields.map(\.name) == ["a", "b"])
        #expect(try Signature(" -> b").inputFields.isEmpty)
    }

    @Test func prefixesAreInferredAsDSPyDoes() {
        #expect(SignatureField.inferPrefix("sql_prompt") == "Sql Prompt")
        #expect(SignatureField.inferPrefix("camelCaseText") == "Camel Case Text")
        #expect(SignatureField.inferPrefix("text2number") == "Text 2 Number")
        #expect(SignatureField.inferPrefix("HTMLParser") == "HTML Parser")
        #expect(SignatureField.inferPrefix("answer") == "Answer")
        #expect(InputField("sql_context").prefix == "Sql Context:")
        #expect(InputField("sql_context").desc == "${sql_context}")
    }

    @Test func declarativeFormKeepsOrderAndTexts() {
        let judge = Signature("Assess the query.") {
            InputField("sql_prompt", desc: "Natural language query")
            InputField("sql", desc: "SQL query")
            OutputField("correct", desc: "Is it correct", prefix: "Yes/No:")
        }
        #expect(judge.fields.map(\.name) == ["sql_prompt", "sql", "correct"])
        #expect(judge.outputFields[0].prefix == "Yes/No:")
        #expect(judge.instructions == "Assess the query.")
        let unnamed = Signature { InputField("q"); OutputField("a") }
        #expect(unnamed.instructions == "Given the fields `q`, produce the fields `a`.")
    }

    @Test func editsReturnNewSignatures() throws {
        let base = try Signature("question -> answer")
        let extended = try base.prepend(OutputField("reasoning")).append(InputField("context")).insert(0, InputField("topic"))
        #expect(extended.fields.map(\.name) == ["topic", "question", "context", "reasoning", "answer"])
        // As in Python, default instructions are fixed when the signature is made.
        #expect(extended.instructions == base.instructions)
        #expect(base.fields.count == 2)
        #expect(base.withInstructions("New.").instructions == "New.")
        #expect(extended.delete("topic").inputFields.map(\.name) == ["question", "context"])
        #expect(throws: SignatureError.duplicateField("answer")) { try base.append(OutputField("answer")) }
        #expect(throws: SignatureError.invalidInsertIndex(5, count: 1)) { try base.insert(5, InputField("x")) }
    }

    @Test func instructionsAreCleanedLikeDocstrings() {
        let signature = Signature("\n    First line.\n\n      Indented.\n    Last.\n    ") { InputField("a"); OutputField("b") }
        #expect(signature.instructions == "First line.\n\n  Indented.\nLast.")
    }

    @Test func stateRoundTrips() throws {
        let signature = try Signature("question -> answer")
        let state = signature.withInstructions("Be brief.").withUpdatedField("answer") { $0.desc = "short" }.dumpState()
        let loaded = try signature.loadingState(state)
        #expect(loaded.instructions == "Be brief.")
        #expect(loaded.outputFields[0].desc == "short")
        #expect(state["fields"]?.arrayValue?.first?["prefix"] == "Question:")
    }
}
