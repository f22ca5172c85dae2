import JSON

/// Turns a signature, demos and inputs into chat messages for a language model, and its completions back into
/// output fields — DSPy's `Adapter`.
public protocol Adapter: Sendable {
    /// The adapter's name in error messages (`"ChatAdapter"`).
    var name: String { get }

    /// The messages for one call: a system message, demos as user/assistant pairs, then the request.
    func format(_ signature: Signature, demos: [Example], inputs: [String: JSONValue]) -> [ChatMessage]

    /// The output fields found in one completion.
    ///
    /// - Throws: `AdapterParseError` when a field is missing or its value does not fit its type.
    func parse(_ signature: Signature, completion: String) throws -> [String: JSONValue]

    /// Formats, calls `lm`, and parses every completion (one per `n`).
    func callAsFunction(
        lm: any LanguageModel, config: [String: JSONValue], signature: Signature, demos: [Example],
        inputs: [String: JSONValue]
    ) throws -> [[String: JSONValue]]
}

extension Adapter {
    /// The type's name, as DSPy names an adapter by its class.
    public var name: String { String(describing: Self.self) }

    /// The plain pipeline: format, generate, parse each completion.
    public func callAsFunction(
        lm: any LanguageModel, config: [String: JSONValue], signature: Signature, demos: [Example],
        inputs: [String: JSONValue]
    ) throws -> [[String: JSONValue]] {
        let messages = format(signature, demos: demos, inputs: inputs)
        return try parseAll(try lm.generate(messages: messages, config: config), signature: signature)
    }

    /// Parses every completion; an empty one is a parse error, as in DSPy.
    func parseAll(_ completions: [String], signature: Signature) throws -> [[String: JSONValue]] {
        try completions.map { completion in
            guard !completion.isEmpty else {
                throw AdapterParseError(
                    adapterName: name, signature: signature, lmResponse: completion,
                    message: "The LM returned an empty or null response.")
            }
            return try parse(signature, completion: completion)
        }
    }
}

/// An LM completion an adapter could not read: a missing output field or a value of the wrong type.
public struct AdapterParseError: Error, CustomStringConvertible {
    public let adapterName: String
    public let signature: Signature
    /// The completion as the model wrote it.
    public let lmResponse: String
    /// What went wrong, when more is known than "fields are missing".
    public let message: String?
    /// The fields that were read, when some were.
    public let parsedResult: [String: JSONValue]?

    public init(
        adapterName: String, signature: Signature, lmResponse: String, message: String? = nil,
        parsedResult: [String: JSONValue]? = nil
    ) {
        self.adapterName = adapterName
        self.signature = signature
        self.lmResponse = lmResponse
        self.message = message
        self.parsedResult = parsedResult
    }

    /// The output fields the signature expects but the completion lacks.
    public var missingFields: [String] {
        signature.outputFields.map(\.name).filter { parsedResult?[$0] == nil }
    }

    public var description: String {
        var text = message.map { "\($0)\n\n" } ?? ""
        text += "Adapter \(adapterName) failed to parse the LM response. \n\n"
        text += "LM Response: \(lmResponse) \n\n"
        text += "Expected to find output fields in the LM response: ["
            + signature.outputFields.map(\.name).joined(separator: ", ") + "] \n\n"
        if let parsedResult {
            let order = signature.outputFields.map(\.name).filter { parsedResult[$0] != nil }
            text += "Actual output fields parsed from the LM response: [" + order.joined(separator: ", ") + "] \n\n"
        }
        return text
    }
}

/// An adapter that, as `ChatAdapter` and its subclasses do in DSPy, makes the call again through `JSONAdapter` when a
/// completion cannot be parsed (once; only parse errors, never LM errors, lead there).
public protocol JSONFallbackAdapter: Adapter {
    /// Whether a completion that cannot be parsed is retried once with `JSONAdapter` (DSPy's default).
    var useJSONAdapterFallback: Bool { get }
    /// Whether a signature with `list[Tool]` inputs and a `ToolCalls` output calls the model's native function
    /// calling (DSPy's `use_native_function_calling`); otherwise the calls are asked for as text.
    var useNativeFunctionCalling: Bool { get }
}

extension JSONFallbackAdapter {
    public func callAsFunction(
        lm: any LanguageModel, config: [String: JSONValue], signature: Signature, demos: [Example],
        inputs: [String: JSONValue]
    ) throws -> [[String: JSONValue]] {
        do {
            return try callNativeOrText(lm: lm, config: config, signature: signature, demos: demos, inputs: inputs,
                                        native: useNativeFunctionCalling)
        } catch is AdapterParseError where useJSONAdapterFallback {
            return try JSONAdapter()(lm: lm, config: config, signature: signature, demos: demos, inputs: inputs)
        }
    }
}
