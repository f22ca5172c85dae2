import JSON
import JupyterProtocol
import KernelInterpreter

extension Kernel {
    func complete(_ content: CompleteRequest, request: Message, on channel: Channel) {
        let result = interpreter.complete(code: content.code, cursor: content.cursorPos)
        var metadata = result.metadata
        if result.details.count == result.matches.count, !result.matches.isEmpty {
            // The experimental extension IPython sends and JupyterLab reads: one entry per match.
            metadata["_jupyter_types_experimental"] = .array(zip(result.matches, result.details).map { match, detail in
                ["start": .int(result.cursorStart), "end": .int(result.cursorEnd), "text": .string(match),
                 "type": .string(detail.type), "signature": .string(detail.signature)]
            })
        }
        reply(to: request, on: channel, CompleteReply(matches: result.matches, cursorStart: result.cursorStart,
                                                       cursorEnd: result.cursorEnd, metadata: metadata))
    }

    func inspect(_ content: InspectRequest, request: Message, on channel: Channel) {
        let data = interpreter.inspect(code: content.code, cursor: content.cursorPos, detailLevel: content.detailLevel)
        reply(to: request, on: channel, InspectReply(data: data))
    }

    func isComplete(_ content: IsCompleteRequest, request: Message, on channel: Channel) {
        let answer: IsCompleteReply = switch interpreter.isComplete(code: content.code) {
        case .complete: IsCompleteReply(status: .complete)
        case .incomplete(let indent): IsCompleteReply(status: .incomplete, indent: indent)
        case .invalid: IsCompleteReply(status: .invalid)
        case .unknown: IsCompleteReply(status: .unknown)
        }
        reply(to: request, on: channel, answer)
    }
}
