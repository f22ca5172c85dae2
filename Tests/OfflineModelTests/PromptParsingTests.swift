import Testing
@testable import OfflineModel

/// Prompts as DSPy 3.4.1's ChatAdapter renders them (copied from its output for the study's signatures).
enum Prompts {
    static let context = "CREATE TABLE sales (id INT, region VARCHAR(20), amount DECIMAL(10,2), year INT); "
        + "INSERT INTO sales VALUES (1, 'North', 100.5, 2020), (2, 'South', 200, 2021), (3, 'North', 50, 2021);"

    static func system(outputs: [(String, String, String)]) -> String {
        var text = """
            Your input fields are:
            1. `sql_prompt` (str): Natural language query
            2. `sql_context` (str): Context for the query
            Your output fields are:

            """
        for (index, output) in outputs.enumerated() { text += "\(index + 1). `\(output.0)` (\(output.1)): \(output.2)\n" }
        text += """
            All interactions will be structured in the following way, with the appropriate values filled in.

            [[ ## sql_prompt ## ]]
            {sql_prompt}

            [[ ## completed ## ]]
            In adhering to this structure, your objective is: 
                    Transform a natural language query into a SQL query.
            """
        return text
    }

    static func user(_ question: String, context: String = context) -> String {
        """
        [[ ## sql_prompt ## ]]
        \(question)

        [[ ## sql_context ## ]]
        \(context)

        Respond with the corresponding output fields, starting with the field `[[ ## sql ## ]]`, and then ending with the marker for `[[ ## completed ## ]]`.
        """
    }

    static func text2SQL(_ question: String, demos: [(String, String, String)] = [], reasoning: Bool = false) -> [PromptMessage] {
        let outputs = (reasoning ? [("reasoning", "str", "")] : []) + [("sql", "str", "SQL query")]
        var messages = [PromptMessage(role: "system", content: system(outputs: outputs))]
        for demo in demos {
            messages.append(PromptMessage(role: "user", content: user(demo.0, context: demo.1)))
            messages.append(PromptMessage(role: "assistant", content: "[[ ## sql ## ]]\n\(demo.2)\n\n[[ ## completed ## ]]\n"))
        }
        messages.append(PromptMessage(role: "user", content: user(question)))
        return messages
    }
}

@Suite struct PromptParsingTests {
    @Test func chatAdapterPromptYieldsFieldsDemosAndInputs() {
        let prompt = ParsedPrompt(messages: Prompts.text2SQL("How many sales?",
                                                             demos: [("How many cats?", "CREATE TABLE cats (id INT);", "SELECT COUNT(*) FROM cats")]))
        #expect(prompt.layout == .chatAdapter)
        #expect(prompt.instructions == "Transform a natural language query into a SQL query.")
        #expect(prompt.inputFields.map(\.name) == ["sql_prompt", "sql_context"])
        #expect(prompt.outputFields.map(\.name) == ["sql"])
        #expect(prompt.demos.count == 1)
        #expect(prompt.demos[0].values["sql"] == "SELECT COUNT(*) FROM cats")
        #expect(prompt.inputs["sql_prompt"] == "How many sales?")
        #expect(prompt.inputs["sql_context"] == Prompts.context)
    }

    @Test func legacyTemplateFindsInputsAndTheContinuedOutput() {
        let text = """
            Transform a natural language query into a SQL query.

            ---

            Follow the following format.

            Sql Prompt: Natural language query
            Sql Context: Context for the query
            Reasoning: Let's think step by step in order to ${produce the sql}. We ...
            Sql: SQL query

            ---

            Sql Prompt: How many sales?
            Sql Context: \(Prompts.context)
            Reasoning: Let's think step by step in order to
            """
        let prompt = ParsedPrompt(text: text)
        guard case .legacyTemplate(let prefixes) = prompt.layout else {
            Issue.record("not read as the 2.4 template")
            return
        }
        #expect(prefixes["sql"] == "Sql")
        #expect(prompt.inputFields.map(\.name) == ["sql_prompt", "sql_context"])
        #expect(prompt.outputFields.map(\.name) == ["reasoning", "sql"])
        let reply = OfflineText2SQLModel().complete(text: text)[0]
        #expect(reply.contains("\nSql: SELECT COUNT(*) FROM sales"))
    }

    @Test func typedFieldKinds() {
        #expect(FieldSpec(name: "a", type: "bool").kind == .bool)
        #expect(FieldSpec(name: "a", type: "list[str]").kind == .list)
        #expect(FieldSpec(name: "a", type: "Literal['x', 'y']").kind == .literal(["x", "y"]))
    }
}
