import Foundation

/// Remembers the signatures of accepted messages so a captured message cannot be executed twice.
///
/// Bounded like ipykernel's digest history: past `capacity` the oldest signatures are forgotten, which only
/// re-admits messages older than the last `capacity` ones.
public struct ReplayGuard: Sendable {
    private var seen: Set<Data> = []
    private var order: [Data] = []
    private var oldest = 0
    public let capacity: Int

    public init(capacity: Int = 1 << 16) {
        self.capacity = max(1, capacity)
    }

    /// Records `signature`; false when it was seen before. Empty signatures (signing disabled) always pass.
    public mutating func admit(_ signature: Data) -> Bool {
        guard !signature.isEmpty else { return true }
        guard seen.insert(signature).inserted else { return false }
        if order.count < capacity {
            order.append(signature)
        } else {
            seen.remove(order[oldest])
            order[oldest] = signature
            oldest = (oldest + 1) % capacity
        }
        return true
    }
}
