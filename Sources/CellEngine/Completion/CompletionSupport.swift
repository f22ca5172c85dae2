import Foundation
import Synchronization

/// What completion keeps for a session: the language server and the names of the preloaded and C modules.
/// Both are slow to get the first time (the server loads every module, ~2 s; the names need the SDK dump
/// once per build), so the kernel warms them in the background at start.
///
/// `sourcekit-lsp` resolves imports once: a cell compiled after it started stays invisible to it (reopening the
/// document, file-change notifications and new compiler arguments do not help). So once warmed, the session
/// keeps a server per set of compiled cells: after a cell runs, a new server warms up in the background with
/// the new imports and replaces the old one, which serves requests meanwhile.
final class CompletionSupport: Sendable {
    private struct Servers {
        var current: LanguageServer?
        /// The import lines `current` was warmed with; nil until the first warm-up.
        var header: [String]?
        var refreshing = false
        var generation = 0
        var stopped = false
    }

    private let toolchain: Toolchain
    private let directory: URL
    private let compilerArguments: [String]
    private let moduleFlags: [String]
    private let servers: Mutex<Servers>
    /// Loaded once; callers during the load wait for it rather than rank without it.
    private let names = Mutex<ModuleNames?>(nil)

    init(toolchain: Toolchain, directory: URL, compilerArguments: [String], moduleFlags: [String]) {
        self.toolchain = toolchain
        self.directory = directory
        self.compilerArguments = compilerArguments
        self.moduleFlags = moduleFlags
        servers = Mutex(Servers(current: Self.server(toolchain, directory, compilerArguments, generation: 0)))
    }

    /// The server requests go to; nil when the toolchain has no `sourcekit-lsp`. While a new server warms up
    /// for the latest cells, requests wait for it (up to 20 s): the old one cannot see those cells' names.
    var languageServer: LanguageServer? {
        let deadline = ContinuousClock.now + .seconds(20)
        while true {
            let (server, refreshing) = servers.withLock { ($0.current, $0.refreshing) }
            if !refreshing || ContinuousClock.now > deadline { return server }
            Thread.sleep(forTimeInterval: 0.02)
        }
    }

    /// The project's and the C library's names.
    var moduleNames: ModuleNames {
        names.withLock { names in
            if let names { return names }
            let loaded = ModuleNames.load(toolchain: toolchain, moduleFlags: moduleFlags,
                                          cacheDirectory: ModuleNames.defaultCacheDirectory)
            names = loaded
            return loaded
        }
    }

    /// Starts the server, has it load the modules `header` imports by completing once, and loads the names,
    /// on two threads so that neither waits for the other.
    func warmUp(header: [String]) {
        let loaded = DispatchSemaphore(value: 0)
        Thread.detachNewThread { [self] in
            _ = moduleNames
            loaded.signal()
        }
        let server = servers.withLock { servers in
            servers.header = header
            return servers.current
        }
        server.map { Self.warm($0, header: header) }
        loaded.wait()
    }

    /// After a cell ran: when the imports changed since the server was warmed, warms a new server for them in
    /// the background and swaps it in, again until it has the latest imports. Nothing happens in a session that
    /// was never warmed (the headless runner).
    func importsChanged(_ header: @escaping @Sendable () -> [String]) {
        let first = servers.withLock { servers -> Int? in
            guard let warmed = servers.header, !servers.refreshing, !servers.stopped, warmed != header() else { return nil }
            servers.refreshing = true
            servers.generation += 1
            return servers.generation
        }
        guard let first else { return }
        Thread.detachNewThread { [self] in
            var generation = first
            while true {
                let imports = Self.settled(header)
                let fresh = Self.server(toolchain, directory, compilerArguments, generation: generation)
                fresh.map { Self.warm($0, header: imports) }
                // Swapping and deciding whether cells that ran meanwhile need another round is one step, so no
                // request sees `refreshing` drop before the server knows every cell.
                let (old, next) = servers.withLock { servers -> (LanguageServer?, Int?) in
                    let old = servers.stopped ? fresh : fresh == nil ? nil : servers.current
                    if !servers.stopped, let fresh { servers.current = fresh }
                    servers.header = imports
                    guard !servers.stopped, header() != imports else {
                        servers.refreshing = false
                        return (old, nil)
                    }
                    servers.generation += 1
                    return (old, servers.generation)
                }
                old?.stop()
                guard let next else { return }
                generation = next
            }
        }
    }

    func stop() {
        servers.withLock { servers in
            servers.stopped = true
            servers.current?.stop()
        }
    }

    private static func server(_ toolchain: Toolchain, _ directory: URL, _ arguments: [String], generation: Int) -> LanguageServer? {
        LanguageServer(swiftc: toolchain.swiftc, directory: directory.appendingPathComponent("\(generation)"),
                       compilerArguments: arguments)
    }

    /// The imports once they stopped changing for half a second: during Run All, warming a server per cell
    /// would take ~2 s of CPU from the cells each time.
    private static func settled(_ header: () -> [String]) -> [String] {
        var imports = header()
        while true {
            Thread.sleep(forTimeInterval: 0.5)
            let now = header()
            if now == imports { return imports }
            imports = now
        }
    }

    /// One completion at the end of the imports: the server starts and loads every module.
    private static func warm(_ server: LanguageServer, header: [String]) {
        _ = server.complete(text: header.joined(separator: "\n") + "\n", line: header.count, column: 0)
    }
}
