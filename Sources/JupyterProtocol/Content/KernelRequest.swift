/// A request on shell or control, its content read into its type: what a kernel dispatches on.
public enum KernelRequest: Sendable, Equatable {
    case execute(ExecuteRequest)
    case kernelInfo
    case complete(CompleteRequest)
    case inspect(InspectRequest)
    case isComplete(IsCompleteRequest)
    case history(HistoryRequest)
    case commInfo(CommInfoRequest)
    case commOpen(CommOpen)
    case commMessage(CommMessage)
    case interrupt
    case shutdown(ShutdownRequest)

    /// Reads `message`; nil when its type is not one of these requests.
    /// - Throws: `ContentError` naming the field when the content does not have the shape the type requires.
    public init?(_ message: Message) throws(ContentError) {
        switch message.type {
        case "execute_request": self = .execute(try message.content(as: ExecuteRequest.self))
        case "kernel_info_request": self = .kernelInfo
        case "complete_request": self = .complete(try message.content(as: CompleteRequest.self))
        case "inspect_request": self = .inspect(try message.content(as: InspectRequest.self))
        case "is_complete_request": self = .isComplete(try message.content(as: IsCompleteRequest.self))
        case "history_request": self = .history(try message.content(as: HistoryRequest.self))
        case "comm_info_request": self = .commInfo(try message.content(as: CommInfoRequest.self))
        case "comm_open": self = .commOpen(try message.content(as: CommOpen.self))
        case "comm_msg", "comm_close":
            var comm = try message.content(as: CommMessage.self)
            comm.closes = message.type == "comm_close"
            self = .commMessage(comm)
        case "interrupt_request": self = .interrupt
        case "shutdown_request": self = .shutdown(try message.content(as: ShutdownRequest.self))
        default: return nil
        }
    }
}
