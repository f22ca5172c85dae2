import CZeroMQ

/// The libzmq socket patterns the Jupyter wire protocol uses, plus their clients for tests and tools.
public enum SocketType: Sendable {
    case router, dealer, publisher, subscriber, reply, request

    var rawValue: Int32 {
        switch self {
        case .router: ZMQ_ROUTER
        case .dealer: ZMQ_DEALER
        case .publisher: ZMQ_PUB
        case .subscriber: ZMQ_SUB
        case .reply: ZMQ_REP
        case .request: ZMQ_REQ
        }
    }
}
