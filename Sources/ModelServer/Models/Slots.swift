/// At most a fixed number of completions worked on at once, the others waiting in line (first come, first
/// served): the slots of a real server such as llama-server's `--parallel`, so that one replica has a capacity.
actor Slots {
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(count: Int) { free = count }

    /// Runs `work` once a slot is free, and frees the slot after it, whether it returns or throws.
    nonisolated func run<Result: Sendable>(_ work: @Sendable () async throws -> Result) async throws -> Result {
        await acquire()
        do {
            let result = try await work()
            await release()
            return result
        } catch {
            await release()
            throw error
        }
    }

    private func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }
}
