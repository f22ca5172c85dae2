import DSPy
import DSPyTesting
import Foundation
import JSON
import Testing

@Suite struct HistoryTests {
    /// Real calls recorded by an LM print byte for byte as DSPy 3.4.1's `pretty_print_history` prints the same
    /// entries, with and without colours.
    @Test func prettyPrintMatchesReferenceDSPy() throws {
        let server = try OpenAITestServer()
        let lm = LM("openai/echo", apiBase: server.apiBase, apiKey: "k", cache: false)
        _ = try lm("  What is the capital of Colombia?\n")
        _ = try lm(messages: [
            ChatMessage(role: "system", content: "Your input fields are:\n1. `sql_prompt` (str): «ünïcødé»"),
            ChatMessage(role: "user", content: "[[ ## sql_prompt ## ]]\nHow many rows?\n\nRespond with `[[ ## sql ## ]]`."),
            ChatMessage(role: "assistant", content: "[[ ## sql ## ]]\nSELECT 1\n"),
            ChatMessage(role: "user", content: "again"),
        ])
        _ = try lm("two answers", config: ["n": 2])

        let entries: [JSONValue] = lm.history.map { entry in
            [
                "prompt": entry.prompt.map(JSONValue.string) ?? .null,
                "messages": entry.messages.map { .array($0.map { ["role": .string($0.role), "content": .string($0.content)] }) } ?? .null,
                "outputs": .array(entry.outputs.map(JSONValue.string)),
                "timestamp": .string(entry.timestamp),
            ]
        }
        let script = """
            import io, json, sys, contextlib
            from dspy.utils.inspect_history import pretty_print_history
            history = json.load(sys.stdin)
            colored = io.StringIO()
            with contextlib.redirect_stdout(colored):
                pretty_print_history(history, n=3)
            plain = io.StringIO()
            pretty_print_history(history, n=2, file=plain)
            sys.stdout.write(json.dumps([colored.getvalue(), plain.getvalue()]))
            """
        let output = try ReferencePython.run(script, input: JSONValue.array(entries).serialized())
        let expected = try JSONDecoder().decode([String].self, from: Data(output.utf8))
        #expect(HistoryEntry.prettyPrinted(lm.history, n: 3, colors: true) == expected[0])
        #expect(HistoryEntry.prettyPrinted(lm.history, n: 2, colors: false) == expected[1])
    }

    @Test func timestampsLookLikePythonIsoformat() throws {
        let server = try OpenAITestServer()
        let lm = LM("openai/echo", apiBase: server.apiBase, apiKey: "k", cache: false)
        _ = try lm("x")
        let stamp = try #require(lm.history.first?.timestamp)
        #expect(stamp.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?/) != nil)
    }
}
