import JSON
import JupyterProtocol

extension Kernel {
    /// Reads the request's content into its type and hands it to its handler; a content that does not fit gets an
    /// error reply naming the field (requests without a reply are dropped with a log line) and the kernel serves on.
    func dispatch(_ request: Message, on channel: Channel, queuedAfterError queued: inout [Message]) -> Disposition {
        let parsed: KernelRequest?
        do {
            parsed = try KernelRequest(request)
        } catch {
            KernelLog.warning("rejected \(request.type) on \(channel.rawValue): \(error)")
            rejectContent(of: request, on: channel, error)
            return .proceed
        }
        switch parsed {
        case .execute(let content): queued = execute(content, request: request, on: channel)
        case .kernelInfo: reply(to: request, on: channel, kernelInfoReply)
        case .complete(let content): complete(content, request: request, on: channel)
        case .inspect(let content): inspect(content, request: request, on: channel)
        case .isComplete(let content): isComplete(content, request: request, on: channel)
        case .history(let content): history(content, request: request, on: channel)
        case .commInfo: reply(to: request, on: channel, CommInfoReply())
        case .commOpen(let content): commOpen(content, request: request)
        case .commMessage(let content): commMessage(content)
        case .interrupt: interrupt(request, on: channel)
        case .shutdown(let content): return shutdown(content, request: request, on: channel)
        case nil: KernelLog.warning("ignored \(request.type) on \(channel.rawValue): not a request this kernel knows")
        }
        return .proceed
    }

    private func rejectContent(of request: Message, on channel: Channel, _ error: ContentError) {
        let exception = ErrorContent(ename: "InvalidMessageContent", evalue: error.description)
        switch request.type {
        case "execute_request":
            let count = state.withLock { $0.executionCount }
            reply(to: request, on: channel, ExecuteReply.error(executionCount: count, exception), metadata: ["status": "error"])
        case "comm_open", "comm_msg", "comm_close":
            return  // no reply in the protocol; the log line says why it was dropped
        default:
            reply(to: request, on: channel, ErrorReply(messageType: Self.replyType(for: request.type), exception))
        }
    }

    static func replyType(for requestType: String) -> String {
        requestType.hasSuffix("_request") ? String(requestType.dropLast("_request".count)) + "_reply"
            : requestType + "_reply"
    }
}
