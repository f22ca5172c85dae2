@testable import DSPy
import Testing

@Suite struct SystemMessageCacheTests {
    @Test func buildsOncePerSignatureAndStartsOverAtItsCapacity() throws {
        let cache = SystemMessageCache(capacity: 2)
        var builds: [String] = []
        func message(_ signature: Signature) -> String {
            cache.message(for: signature) { builds.append($0.instructions); return "system: " + $0.instructions }
        }
        let first = try Signature("question -> answer", instructions: "A")
        let second = first.withInstructions("B")
        #expect(message(first) == "system: A")
        #expect(message(first) == "system: A")
        #expect(message(second) == "system: B")
        #expect(builds == ["A", "B"])
        #expect(message(try Signature("question -> answer", instructions: "C")) == "system: C")
        #expect(message(first) == "system: A")
        #expect(builds == ["A", "B", "C", "A"])
    }

    @Test func chatAdapterFormatsEachSignatureWithItsOwnSystemMessage() throws {
        let adapter = ChatAdapter()
        let signature = try Signature("question -> answer")
        let changed = signature.withInstructions("Answer in French.")
        for _ in 0..<2 {
            #expect(adapter.format(signature, demos: [], inputs: ["question": "q"])[0].content == adapter.systemMessage(signature))
            #expect(adapter.format(changed, demos: [], inputs: ["question": "q"])[0].content == adapter.systemMessage(changed))
        }
        #expect(adapter.systemMessage(signature) != adapter.systemMessage(changed))
    }
}
