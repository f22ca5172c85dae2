import JSON
import JupyterProtocol

extension Kernel {
    func history(_ content: HistoryRequest, request: Message, on channel: Channel) {
        let entries: [ExecutionHistory.Entry] = state.withLock { state in
            let store = state.history
            switch content.access {
            case .tail: return store.tail(content.n ?? 10)
            case .range: return store.range(session: content.session, start: content.start, stop: content.stop)
            case .search: return store.search(pattern: content.pattern, n: content.n, unique: content.unique)
            }
        }
        let history: [JSONValue] = entries.map { entry in
            let input: JSONValue = content.output
                ? [.string(entry.input), entry.output.map { .string($0) } ?? .null] : .string(entry.input)
            return [.int(entry.session), .int(entry.line), input]
        }
        reply(to: request, on: channel, HistoryReply(history: history))
    }
}
