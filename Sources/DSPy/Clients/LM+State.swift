import JSON

extension LM {
    /// The class DSPy records for its own LM; Python loads only this class from an untrusted file.
    static let pythonClassPath = "dspy.clients.lm.LM"
    /// Where calls (and their keys) go: DSPy drops these from a loaded state unless the file is trusted.
    static let unsafeStateKeys: Set<String> = ["api_base", "base_url", "model_list"]
    /// Keys of Python's LM state that configure Python-only machinery (fine-tuning, engines) and are not
    /// generation arguments.
    private static let pythonOnlyStateKeys: Set<String> = [
        "finetuning_model", "launch_kwargs", "train_kwargs", "engine", "async_engine", "use_developer_role",
        "prompt_cache", "model_list",
    ]
    /// Keys read into the LM's own properties rather than its generation arguments.
    private static let ownStateKeys: Set<String> = [
        "_dspy_lm_class", "model", "model_type", "cache", "num_retries", "api_key", "temperature", "max_tokens",
        "stop", "n", "rollout_id",
    ]

    /// The LM as DSPy 3.4.1's `LM.dump_state()` writes it in a saved program: the class, model, model type,
    /// cache and retry settings, every generation argument (an explicit `apiBase` among them) and Python's empty
    /// fine-tuning settings. The API key is never written; nor are extra headers, which may carry credentials.
    public func dumpState() -> JSONValue {
        var state = kwargs
        state["_dspy_lm_class"] = .string(Self.pythonClassPath)
        state["model"] = .string(model)
        state["model_type"] = .string(modelType.rawValue)
        state["cache"] = .bool(cache)
        state["num_retries"] = .int(numRetries)
        state["finetuning_model"] = .null
        state["launch_kwargs"] = [:]
        state["train_kwargs"] = [:]
        return .object(state)
    }

    /// An LM from a saved state (`dumpState()`, or `lm` in a program Python DSPy saved), as DSPy's
    /// `LM.load_state`.
    ///
    /// - Parameter allowUnsafeState: Keep `api_base`/`base_url` from the state. Off by default, as in DSPy: a
    ///   file could otherwise send calls, with your API key, to a server of its choosing; the API base then
    ///   comes from the environment (`OPENAI_API_BASE`, ...) or the provider's default.
    /// - Throws: `LMError` of kind `.configuration` naming the field that is missing or has the wrong type, or
    ///   the class when the state is not of DSPy's own LM.
    public convenience init(state: JSONValue, allowUnsafeState: Bool = false) throws {
        guard let fields = state.objectValue else {
            throw LMError(.configuration, model: "?", message: "the saved LM state is not an object: \(state.pythonRepr)")
        }
        guard let model = fields["model"]?.stringValue else {
            throw LMError(.configuration, model: "?", message: "the saved LM state has no string field 'model'")
        }
        let reader = StateReader(fields: fields, model: model)
        if let path = fields["_dspy_lm_class"], path != .string(Self.pythonClassPath) {
            throw reader.failure("it was saved from the custom LM class \(path.pythonRepr); only \(Self.pythonClassPath) states can be loaded")
        }
        let modelType = try reader.string("model_type").map { name in
            guard let type = ModelType(rawValue: name) else { throw reader.failure("model_type '\(name)' is not chat or text") }
            return type
        }
        var kwargs = fields.filter { key, _ in
            !Self.ownStateKeys.contains(key) && !Self.pythonOnlyStateKeys.contains(key)
                && (allowUnsafeState || !Self.unsafeStateKeys.contains(key))
        }
        let apiBase = allowUnsafeState ? try reader.string("api_base") ?? reader.string("base_url") : nil
        kwargs["base_url"] = nil
        self.init(
            model, apiBase: apiBase, apiKey: try reader.string("api_key"), temperature: try reader.number("temperature"),
            maxTokens: try reader.int("max_tokens"), stop: try reader.stop(), n: try reader.int("n"),
            modelType: modelType ?? .chat, cache: try reader.bool("cache") ?? true,
            numRetries: try reader.int("num_retries") ?? 3, rolloutId: try reader.int("rollout_id"), kwargs: kwargs)
    }
}

/// Reads typed fields of a saved LM state; absent and null fields are `nil`, wrong types are named errors.
private struct StateReader {
    let fields: [String: JSONValue]
    let model: String

    func failure(_ reason: String) -> LMError {
        LMError(.configuration, model: model, message: "cannot load the saved LM state: \(reason)")
    }

    private func value<T>(_ key: String, _ type: String, _ read: (JSONValue) -> T?) throws -> T? {
        guard let value = fields[key], value != .null else { return nil }
        guard let typed = read(value) else { throw failure("'\(key)' must be \(type), got \(value.pythonRepr)") }
        return typed
    }

    func string(_ key: String) throws -> String? { try value(key, "a string", \.stringValue) }
    func int(_ key: String) throws -> Int? { try value(key, "an integer", \.intValue) }
    func bool(_ key: String) throws -> Bool? { try value(key, "true or false", \.boolValue) }
    func number(_ key: String) throws -> Double? { try value(key, "a number", \.doubleValue) }

    /// `stop` as DSPy accepts it: one string or a list of strings.
    func stop() throws -> [String]? {
        try value("stop", "a string or a list of strings") { value in
            if let text = value.stringValue { return [text] }
            let strings = value.arrayValue?.compactMap(\.stringValue)
            return strings?.count == value.arrayValue?.count ? strings : nil
        }
    }
}
