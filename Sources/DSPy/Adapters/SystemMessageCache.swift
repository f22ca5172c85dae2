import Synchronization

/// An adapter's system messages by signature. The message depends on the signature alone, and building it costs
/// more than the rest of formatting a request, so a predictor called many times builds it once.
///
/// Bounded: once it holds `capacity` signatures it starts over (optimizers try many instructions).
final class SystemMessageCache: Sendable {
    private let messages = Mutex<[Signature: String]>([:])
    private let capacity: Int

    init(capacity: Int = 256) { self.capacity = capacity }

    /// The cached message for `signature`, else `build(signature)`, kept for next time.
    func message(for signature: Signature, build: (Signature) -> String) -> String {
        if let message = messages.withLock({ $0[signature] }) { return message }
        let message = build(signature)
        messages.withLock { messages in
            if messages.count >= capacity { messages.removeAll() }
            messages[signature] = message
        }
        return message
    }
}
