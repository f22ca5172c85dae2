import Foundation
import Synchronization

/// What completion keeps for a session: the language server and the names of the preloaded and C modules.
/// Both are slow to get the first time (the server loads every module, ~2 s; the names need the symbol
/// graphs once per build), so the kernel warms them in the background at start.
final class CompletionSupport: Sendable {
    /// Nil when the toolchain has no `sourcekit-lsp`.
    let languageServer: LanguageServer?
    private let toolchain: Toolchain
    private let moduleFlags: [String]
    /// Loaded once; callers during the load wait for it rather than rank without it.
    private let names = Mutex<ModuleNames?>(nil)

    init(toolchain: Toolchain, directory: URL, compilerArguments: [String], moduleFlags: [String]) {
        languageServer = LanguageServer(swiftc: toolchain.swiftc, directory: directory, compilerArguments: compilerArguments)
        self.toolchain = toolchain
        self.moduleFlags = moduleFlags
    }

    /// The project's and the C library's names.
    var moduleNames: ModuleNames {
        names.withLock { names in
            if let names { return names }
            let loaded = ModuleNames.load(toolchain: toolchain, moduleFlags: moduleFlags, cacheDirectory: ModuleNames.defaultCacheDirectory)
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
        _ = languageServer?.complete(text: header.joined(separator: "\n") + "\n", line: header.count, column: 0)
        loaded.wait()
    }

    func stop() { languageServer?.stop() }
}
