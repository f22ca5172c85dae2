@testable import DSPy
import Testing

@Suite struct HistoryStoreTests {
    @Test func keepsTheNewestTenThousandInOrder() {
        let store = HistoryStore()
        for index in 0..<(HistoryStore.maxEntries + 5) {
            store.append(HistoryEntry(
                prompt: "\(index)", messages: nil, kwargs: [:], outputs: [], usage: [:], timestamp: "", model: "m",
                responseModel: nil, modelType: .chat, cacheHit: false))
        }
        let prompts = store.entries.map(\.prompt)
        #expect(prompts.count == HistoryStore.maxEntries)
        #expect(prompts.first == "5")
        #expect(prompts.last == "\(HistoryStore.maxEntries + 4)")
    }
}
