import JSON
import JupyterProtocol

extension Kernel {
    func history(_ request: Message, on channel: Channel) {
        let content = request.content
        let withOutput = content["output"]?.boolValue ?? false
        let entries: [ExecutionHistory.Entry] = state.withLock { state in
            let store = state.history
            switch content["hist_access_type"]?.stringValue {
            case "tail":
                return store.tail(content["n"]?.intValue ?? 10)
            case "range":
                return store.range(session: content["session"]?.intValue ?? 0, start: content["start"]?.intValue ?? 1,
                                   stop: content["stop"]?.intValue)
            case "search":
                return store.search(pattern: content["pattern"]?.stringValue ?? "*", n: content["n"]?.intValue,
                                    unique: content["unique"]?.boolValue ?? false)
            default:
                return []
            }
        }
        let history: [JSONValue] = entries.map { entry in
            let input: JSONValue = withOutput
                ? [.string(entry.input), entry.output.map { .string($0) } ?? .null] : .string(entry.input)
            return [.int(entry.session), .int(entry.line), input]
        }
        reply(to: request, on: channel, content: ["status": "ok", "history": .array(history)])
    }
}
