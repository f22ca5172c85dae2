import Testing

@testable import OfflineModel

@Suite struct ContextReaderTests {
    static func prompt(inputs: [(String, String)], outputs: [FieldSpec]) -> ParsedPrompt {
        ParsedPrompt(layout: .chatAdapter, instructions: "", inputFields: inputs.map { FieldSpec(name: $0.0) },
                     outputFields: [FieldSpec(name: "reasoning")] + outputs, demos: [],
                     inputs: Dictionary(uniqueKeysWithValues: inputs), text: "")
    }

    static let context = """
        ["VACUUM | The VACUUM command rebuilds the database file. It reclaims free pages.", \
        "CREATE INDEX | The CREATE INDEX command adds an index to a table. Indexes make lookups fast."]
        """

    @Test func answersFromTheBestSentenceWithItsCitation() {
        let prompt = Self.prompt(inputs: [("context", Self.context), ("question", "What does the CREATE INDEX command add?")],
                                 outputs: [FieldSpec(name: "answer"), FieldSpec(name: "follow_up_search")])
        let values = ContextReader.outputs(prompt)!
        #expect(values["answer"] == "CREATE INDEX | The CREATE INDEX command adds an index to a table. [2]")
        #expect(values["follow_up_search"] == "add command create index adds fast indexes")  // ties: alphabetical
    }

    @Test func gradesRecallAndPrecisionByWordOverlap() {
        let prompt = Self.prompt(inputs: [("question", "q"), ("ground_truth", "It rebuilds the database file."),
                                          ("system_response", "VACUUM rebuilds the file")],
                                 outputs: [FieldSpec(name: "recall", type: "float"), FieldSpec(name: "precision", type: "float")])
        #expect(ContextReader.outputs(prompt) == ["recall": "0.67", "precision": "0.67"])
        #expect(ContextReader.outputs(Self.prompt(inputs: [("sql_prompt", "x")], outputs: [FieldSpec(name: "answer")])) == nil)
    }
}
