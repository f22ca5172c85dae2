import Synchronization

/// At each call, bootstraps demos from the `k` training examples nearest to the inputs and runs the student with
/// them — DSPy's `KNNFewShot`.
///
/// ```swift
/// let knn = try KNNFewShot(k: 3, trainset: trainset, vectorizer: LexicalVectorizer(), bootstrap: BootstrapFewShot(metric: metric))
/// let program = knn.compile(TextToSqlProgram())
/// ```
public struct KNNFewShot: Sendable {
    public let knn: KNN
    /// The BootstrapFewShot settings used on the neighbours at each call.
    public var bootstrap: BootstrapFewShot

    public init(k: Int, trainset: [Example], vectorizer: any Vectorizer = LexicalVectorizer(),
                bootstrap: BootstrapFewShot = BootstrapFewShot()) throws {
        knn = try KNN(k: k, trainset: trainset, vectorizer: vectorizer)
        self.bootstrap = bootstrap
    }

    /// A program that, for each input, compiles `student` on the nearest neighbours and runs the result.
    public func compile(_ student: Module, teacher: Module? = nil) -> KNNFewShotProgram {
        KNNFewShotProgram(student: student.resetCopy(), teacher: teacher, knn: knn, bootstrap: bootstrap)
    }
}

/// The program `KNNFewShot.compile` returns.
public final class KNNFewShotProgram: Module, @unchecked Sendable {
    // @unchecked: its state lives in the mutex below.
    private struct Parts: Sendable {
        var student: SharedModule
        var teacher: SharedModule?
        var knn: KNN
        var bootstrap: BootstrapFewShot
    }

    // Guards the parts so the program can be shared across threads like any module.
    private let parts: Mutex<Parts?>

    init(student: Module, teacher: Module?, knn: KNN, bootstrap: BootstrapFewShot) {
        parts = Mutex(Parts(student: SharedModule(module: student), teacher: teacher.map(SharedModule.init), knn: knn, bootstrap: bootstrap))
        super.init()
    }

    /// An empty program for `deepcopy()`, which fills it with `copyState(from:)`.
    public required init() {
        parts = Mutex(nil)
        super.init()
    }

    public override func copyState(from other: Module) {
        guard let other = other as? KNNFewShotProgram, other !== self else { return }
        let copied = other.parts.withLock { parts in
            parts.map { parts in
                Parts(student: SharedModule(module: parts.student.module.deepcopy()),
                      teacher: parts.teacher.map { SharedModule(module: $0.module.deepcopy()) }, knn: parts.knn, bootstrap: parts.bootstrap)
            }
        }
        parts.withLock { $0 = copied }
    }

    public override func forward(_ inputs: Example) throws -> Prediction {
        guard let parts = parts.withLock({ $0 }) else {
            throw OptimizerError.notCompiled("KNNFewShot program")
        }
        let neighbours = try parts.knn(inputs)
        let compiled = try parts.bootstrap.compile(parts.student.module, teacher: parts.teacher?.module, trainset: neighbours)
        return try compiled(inputs)
    }
}
