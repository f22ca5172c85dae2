import CellRuntime
import Foundation
import JSON
import KernelInterpreter
import Synchronization

/// Runs Swift cells REPL-style: each cell compiles into a shared library that a worker process loads, and
/// later cells import earlier ones, so declarations and variables persist.
///
/// Calls to `execute` come one at a time (the kernel's shell thread); `interrupt` may come from any thread.
public final class CellEngine: Sendable {
    /// How the engine is set up.
    public struct Configuration: Sendable {
        /// The compiler and the worker.
        public var toolchain: Toolchain
        /// The parent of the session's temporary folder.
        public var temporaryDirectory: URL
        /// Where compiled cells are cached across sessions; nil disables the cache.
        public var cacheDirectory: URL?
        /// How long an interrupted cell may take to stop before the worker is stopped (losing its values). The
        /// worker stops a cell by itself well within it: cooperatively, else by parking the cell's thread.
        public var interruptGrace: Duration

        public init(toolchain: Toolchain, temporaryDirectory: URL = FileManager.default.temporaryDirectory,
                    cacheDirectory: URL? = CellCache.defaultDirectory, interruptGrace: Duration = .seconds(2)) {
            self.toolchain = toolchain
            self.temporaryDirectory = temporaryDirectory
            self.cacheDirectory = cacheDirectory
            self.interruptGrace = interruptGrace
        }

        /// The worker beside the running executable, `swiftc` from the environment, the default cache.
        public static var `default`: Configuration {
            get throws { Configuration(toolchain: try Toolchain.discover()) }
        }
    }

    struct State: Sendable {
        var namespace = Namespace()
        var worker: WorkerProcess?
        var nextModule = 1
        var workerReady = false
        /// Packages added with `%install`, the library they build into, and the flags to import them.
        var packages: [PackageInstaller.Request] = []
        var packageLibraries: [String] = []
        var packageFlags: [String] = []
        var interruptDeadline: ContinuousClock.Instant?
        /// Set by `shutdown()`, which may come while a cell runs: no new worker may start after it.
        var isShutDown = false
    }

    let configuration: Configuration
    /// The session's temporary folder, removed by `shutdown()`.
    public let sessionDirectory: URL
    let compiler: CellCompiler
    let cache: CellCache?
    /// Completion and inspection: the language server and the modules' names.
    let completion: CompletionSupport
    let state = Mutex(State())
    /// Held while a cell (or the warm-up) talks to the worker: one conversation at a time.
    let conversation = NSLock()

    public init(configuration: Configuration) throws {
        self.configuration = configuration
        sessionDirectory = configuration.temporaryDirectory
            .appendingPathComponent("swift-dspy-session-\(getpid())-\(UUID().uuidString.prefix(8))")
        do {
            try FileManager.default.createDirectory(at: sessionDirectory, withIntermediateDirectories: true)
        } catch {
            throw CellEngineError.sessionStorage(path: sessionDirectory.path, reason: "\(error)")
        }
        compiler = CellCompiler(toolchain: configuration.toolchain, directory: sessionDirectory)
        cache = configuration.cacheDirectory.map { CellCache(directory: $0, toolchain: configuration.toolchain) }
        completion = CompletionSupport(toolchain: configuration.toolchain,
                                       directory: sessionDirectory.appendingPathComponent("completion"),
                                       compilerArguments: compiler.commonFlags, moduleFlags: compiler.moduleFlags)
        // Warm start: the worker boots while the user types the first cell.
        let worker = try launchWorker()
        state.withLock { $0.worker = worker }
    }

    /// Compiles and runs one cell, streaming its output to `output`.
    public func execute(_ code: String, executionCount: Int, output: any ExecutionOutput) -> ExecutionOutcome {
        conversation.lock()
        defer { conversation.unlock() }
        state.withLock { $0.interruptDeadline = nil }
        let parsed = CellParser.parse(code)
        if parsed.items.isEmpty { return .ok(result: nil) }
        let (module, header, lost) = state.withLock { state -> (String, [String], [String]) in
            // Named after the execution count where it is new, so that messages naming the module match
            // the `[n]` the user sees; never reused, since the worker may hold a library of that name.
            let number = max(state.nextModule, executionCount)
            state.nextModule = number + 1
            let lost = state.namespace.lostVariables
            let hidden = Set(parsed.declaredNames.map(\.name)).union(lost)
            return ("Cell\(number)", state.namespace.header(declaring: hidden), lost)
        }
        let compiled: CompiledCell
        do {
            switch try compile(parsed, source: code, module: module, header: header, lostVariables: lost) {
            case .failed(let diagnostics):
                return compileError(diagnostics, source: code, executionCount: executionCount)
            case .compiled(let cell):
                compiled = cell
            }
        } catch {
            return .error(name: "CellEngineError", value: "\(error)", traceback: ["\(error)"])
        }
        for warning in compiled.warnings {
            output.stream(.stderr, text: warning.rendered(source: code, cellLabel: "cell [\(executionCount)]")
                .joined(separator: "\n") + "\n")
        }
        let outcome = run(compiled, output: output)
        if case .ok = outcome {
            state.withLock { state in
                state.namespace.add(Namespace.Cell(
                    compiled: compiled, source: code, executionCount: executionCount, names: parsed.declaredNames,
                    importedWhole: parsed.hasAnonymousDeclarations,
                    imports: parsed.items.filter { $0.kind == .importDeclaration }.map(\.text), ranInCurrentWorker: true))
            }
        }
        return outcome
    }

    private func compile(_ parsed: ParsedCell, source: String, module: String, header: [String],
                         lostVariables: [String]) throws -> CompilationResult {
        let (dependencies, extraFlags) = state.withLock { state in
            (state.namespace.importedCells.map { state.namespace.cells[$0].compiled.cacheKey ?? "" }, state.packageFlags)
        }
        let key = cache?.key(source: source, module: module, header: header,
                             dependencies: dependencies + extraFlags + lostVariables.map { "lost:\($0)" })
        if let cache, let key, let hit = cache.lookup(key, module: module, into: sessionDirectory) { return .compiled(hit) }
        var result = try compiler.compile(parsed, source: source, module: module, header: header, extraFlags: extraFlags,
                                          lostVariables: lostVariables)
        if let cache, let key, case .compiled(var cell) = result {
            cell.cacheKey = key.digest
            cache.store(cell, key: key)
            result = .compiled(cell)
        }
        return result
    }

    private func compileError(_ diagnostics: [Diagnostic], source: String, executionCount: Int) -> ExecutionOutcome {
        let errors = diagnostics.filter { $0.severity == .error }
        let traceback = diagnostics.flatMap { $0.rendered(source: source, cellLabel: "cell [\(executionCount)]") }
        let summary = errors.first.map { "line \($0.line): \($0.message)" } ?? "the cell did not compile"
        return .error(name: "CompilationError", value: summary, traceback: traceback)
    }

    /// Asks the running cell to stop; if it does not within the grace period, the worker is stopped. Another
    /// interrupt meanwhile does not move that deadline.
    public func interrupt() {
        state.withLock { state in
            guard let worker = state.worker else { return }
            worker.interrupt()
            if state.interruptDeadline == nil {
                state.interruptDeadline = ContinuousClock.now + configuration.interruptGrace
            }
        }
    }

    /// The variables later cells see, with their types (`%who`).
    public var variables: [(name: String, type: String)] {
        let (variables, header) = state.withLock { ($0.namespace.variables, $0.namespace.header(declaring: [])) }
        let unknown = variables.filter { $0.type == nil }.map(\.name)
        let inferred = unknown.isEmpty ? [:] : (try? compiler.inferTypes(of: unknown, header: header)) ?? [:]
        return variables.map { ($0.name, $0.type ?? inferred[$0.name] ?? "?") }
    }

    /// Forgets every cell and starts a fresh worker (`%reset`).
    public func reset() throws {
        conversation.lock()
        defer { conversation.unlock() }
        let old = state.withLock { state -> WorkerProcess? in
            defer {
                state.worker = nil
                state.workerReady = false
                state.namespace.reset()
                state.packages = []
                state.packageLibraries = []
                state.packageFlags = []
            }
            return state.worker
        }
        old?.shutdown()
        let worker = try launchWorker()
        state.withLock { $0.worker = worker }
    }

    /// Waits until the worker is up and the compiler has read the preloaded modules once, so that the first
    /// cell pays no cold start. The kernel calls it in the background at start.
    public func warmUp() throws {
        conversation.lock()
        defer { conversation.unlock() }
        _ = try readyWorker(output: DiscardingOutput())
        let header = state.withLock { $0.namespace.header(declaring: []) }
        _ = try compiler.typeCheck(header: header)
    }

    /// The worker's process id, while one runs (for measurements such as its memory).
    public var workerProcessID: Int32? { state.withLock { $0.worker?.pid } }

    /// Stops the worker and removes the session folder.
    public func shutdown() {
        let worker = state.withLock { state -> WorkerProcess? in
            defer {
                state.worker = nil
                state.isShutDown = true
            }
            return state.worker
        }
        worker?.shutdown()
        completion.stop()
        try? FileManager.default.removeItem(at: sessionDirectory)
    }

    func launchWorker() throws -> WorkerProcess {
        // The runtime's backtracer names traps that print nothing themselves ("Swift runtime failure:
        // arithmetic overflow") and the cell line they happened on; only the crashed thread, briefly.
        try WorkerProcess.launch(executable: configuration.toolchain.workerExecutable, environment: [
            "SWIFT_BACKTRACE": "enable=yes,interactive=no,color=no,threads=crashed,registers=none,images=none,limit=40,top=30,sanitize=no,output-to=stderr",
        ])
    }
}
