import JSON
import JupyterProtocol
import KernelInterpreter

extension Kernel {
    func complete(_ request: Message, on channel: Channel) {
        let code = request.content["code"]?.stringValue ?? ""
        let cursor = request.content["cursor_pos"]?.intValue ?? code.unicodeScalars.count
        let result = interpreter.complete(code: code, cursor: cursor)
        var metadata = result.metadata
        if result.details.count == result.matches.count, !result.matches.isEmpty {
            // The experimental extension IPython sends and JupyterLab reads: one entry per match.
            metadata["_jupyter_types_experimental"] = .array(zip(result.matches, result.details).map { match, detail in
                ["start": .int(result.cursorStart), "end": .int(result.cursorEnd), "text": .string(match),
                 "type": .string(detail.type), "signature": .string(detail.signature)]
            })
        }
        reply(to: request, on: channel, content: [
            "status": "ok", "matches": .array(result.matches.map { .string($0) }),
            "cursor_start": .int(result.cursorStart), "cursor_end": .int(result.cursorEnd), "metadata": .object(metadata),
        ])
    }

    func inspect(_ request: Message, on channel: Channel) {
        let code = request.content["code"]?.stringValue ?? ""
        let cursor = request.content["cursor_pos"]?.intValue ?? code.unicodeScalars.count
        let detail = request.content["detail_level"]?.intValue ?? 0
        let data = interpreter.inspect(code: code, cursor: cursor, detailLevel: detail)
        reply(to: request, on: channel, content: [
            "status": "ok", "found": .bool(data != nil), "data": .object(data ?? [:]), "metadata": [:],
        ])
    }

    func isComplete(_ request: Message, on channel: Channel) {
        let code = request.content["code"]?.stringValue ?? ""
        let content: [String: JSONValue] = switch interpreter.isComplete(code: code) {
        case .complete: ["status": "complete"]
        case .incomplete(let indent): ["status": "incomplete", "indent": .string(indent)]
        case .invalid: ["status": "invalid"]
        case .unknown: ["status": "unknown"]
        }
        reply(to: request, on: channel, content: content)
    }
}
