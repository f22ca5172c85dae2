/// What the offline model understood of a prompt: the signature it describes, its demos and the inputs to answer.
public struct ParsedPrompt: Sendable, Hashable {
    /// The prompt layouts the offline model reads.
    public enum Layout: Sendable, Hashable {
        /// DSPy 3.x ChatAdapter: `[[ ## field ## ]]` sections and a `[[ ## completed ## ]]` marker.
        case chatAdapter
        /// DSPy 2.4's single text block: "Follow the following format." with `Field Name:` prefixes.
        case legacyTemplate(prefixes: [String: String])
        /// Anything else: a plain question.
        case freeText
    }

    /// One worked example in the prompt.
    public struct Demo: Sendable, Hashable {
        public var values: [String: String]
    }

    public var layout: Layout
    /// The signature's instructions (empty for free text).
    public var instructions: String
    public var inputFields: [FieldSpec]
    public var outputFields: [FieldSpec]
    public var demos: [Demo]
    /// The input values of the query to answer, by field name.
    public var inputs: [String: String]
    /// The whole prompt text, for free-text replies.
    public var text: String

    /// Reads chat messages in whichever layout they use.
    public init(messages: [PromptMessage]) {
        if let parsed = ChatAdapterPromptParser.parse(messages) {
            self = parsed
        } else if let parsed = LegacyTemplatePromptParser.parse(messages.map(\.content).joined(separator: "\n\n")) {
            self = parsed
        } else {
            self.init(freeText: messages.last(where: { $0.role != "system" && $0.role != "assistant" })?.content
                ?? messages.last?.content ?? "")
        }
    }

    /// Reads a text (completions) prompt.
    public init(text: String) {
        self.init(messages: [PromptMessage(role: "user", content: text)])
    }

    init(layout: Layout, instructions: String, inputFields: [FieldSpec], outputFields: [FieldSpec],
         demos: [Demo], inputs: [String: String], text: String) {
        self.layout = layout
        self.instructions = instructions
        self.inputFields = inputFields
        self.outputFields = outputFields
        self.demos = demos
        self.inputs = inputs
        self.text = text
    }

    init(freeText: String) {
        self.init(layout: .freeText, instructions: "", inputFields: [], outputFields: [], demos: [], inputs: [:],
                  text: freeText)
    }
}
