import Synchronization

/// DSPy's global settings: the default LM and adapter, and the trace that optimizers record into.
///
/// `configure(lm:adapter:)` sets them for the whole process; `context(lm:adapter:) { ... }` overrides them for the
/// work inside the closure, including work that `ParallelExecutor` runs on other threads.
public struct Settings: Sendable {
    /// The language model predictors use when they have none of their own.
    public var lm: (any LanguageModel)?
    /// The adapter predictors use; `ChatAdapter()` when `nil`.
    public var adapter: (any Adapter)?
    /// Where predictors record `(predictor, inputs, prediction)` while it is set (bootstrapping reads it).
    public var trace: TraceLog?
    /// The default number of threads for parallel work (Python's `num_threads`, 8).
    public var numThreads: Int = 8
    /// Where DSPy's logs, progress and tables go in this scope; the installed `Presentation` presenter when nil.
    /// A test records through it without seeing what tests running beside it log.
    public var presenter: (any Presenter)?

    public init(lm: (any LanguageModel)? = nil, adapter: (any Adapter)? = nil, trace: TraceLog? = nil) {
        self.lm = lm
        self.adapter = adapter
        self.trace = trace
    }

    private static let global = Mutex(Settings())

    /// The settings bound by the innermost `context`, on this task or thread.
    @TaskLocal static var scoped: Settings?

    /// The settings in effect here: the innermost `context`, else the configured ones.
    public static var current: Settings {
        if let scoped { return scoped }
        return global.withLock { $0 }
    }

    /// Changes the process-wide settings.
    public static func configure(_ update: (inout Settings) -> Void) {
        global.withLock { update(&$0) }
    }

    /// Runs `body` with `settings` in effect on this thread and everything it starts through `ParallelExecutor`.
    public static func with<T>(_ settings: Settings, _ body: () throws -> T) rethrows -> T {
        try $scoped.withValue(settings, operation: body)
    }

    /// Async form of `with(_:_:)`, for cells that `await`.
    public static func with<T: Sendable>(_ settings: Settings, _ body: @Sendable () async throws -> T) async rethrows -> T {
        try await $scoped.withValue(settings, operation: body)
    }
}

/// Sets the process-wide default LM and/or adapter (arguments left `nil` are unchanged), like `dspy.configure`.
public func configure(lm: (any LanguageModel)? = nil, adapter: (any Adapter)? = nil) {
    Settings.configure { settings in
        if let lm { settings.lm = lm }
        if let adapter { settings.adapter = adapter }
    }
}

/// Runs `body` with the LM, adapter and/or trace overridden, like `with dspy.context(lm=...)`.
///
/// The override reaches work started inside `body` on other threads through `ParallelExecutor`, so a judge
/// metric under `context(lm: evaluator)` inside a parallel `Evaluate` uses the evaluator.
public func context<T>(
    lm: (any LanguageModel)? = nil, adapter: (any Adapter)? = nil, trace: TraceLog? = nil, _ body: () throws -> T
) rethrows -> T {
    var settings = Settings.current
    if let lm { settings.lm = lm }
    if let adapter { settings.adapter = adapter }
    if let trace { settings.trace = trace }
    return try Settings.with(settings, body)
}
