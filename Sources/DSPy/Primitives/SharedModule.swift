/// A module handed to other threads: `Evaluate`, `Parallel` and the optimizers run one program on many threads
/// at once, as Python DSPy does.
///
/// `Module` is not `Sendable`, so that a user's subclass compiles without restating a conformance (Swift warns
/// on every subclass of an `@unchecked Sendable` class). This box is the one place where the library declares
/// the sharing safe, for the reason `Module` documents: `Predict` guards all of a program's LM-facing state with
/// a lock, and a subclass that mutates its own stored properties during `forward` must guard them itself.
struct SharedModule: @unchecked Sendable {
    let module: Module
}

/// A weak reference to a module, for state kept beside a program that must not keep it alive (the candidates a
/// search tried); shareable for the same reason.
struct WeakSharedModule: @unchecked Sendable {
    weak var module: Module?
}

/// A module of a known type handed to other threads (the candidates a search scores), shareable for the same
/// reason as `SharedModule`.
struct SharedProgram<Program: Module>: @unchecked Sendable {
    let program: Program
}
