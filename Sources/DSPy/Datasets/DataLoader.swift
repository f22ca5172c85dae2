/// DSPy's `DataLoader` sampling and splitting, drawing exactly as Python DSPy does for the same seed.
///
/// Python's DataLoader draws from the `random` module's global generator: `sample` continues it, and
/// `train_test_split(random_state:)` re-seeds it first. A `DataLoader` owns that generator, so
/// `DataLoader(seed: 1399)` followed by the same calls in the same order gives the same rows as
/// `random.seed(1399)` followed by those calls in Python.
public struct DataLoader: Sendable {
    /// The generator that stands in for Python's global `random`.
    public var random: PythonRandom

    /// A loader whose generator starts as `random.seed(seed)` leaves Python's.
    public init(seed: Int) {
        random = PythonRandom(seed: seed)
    }

    /// A loader seeded from the system's entropy, like an unseeded Python process.
    public init() {
        random = PythonRandom(seed: Int.random(in: 0...Int.max))
    }

    /// `n` rows drawn without replacement, in draw order, like `DataLoader.sample(dataset, n)`.
    /// - Throws: `DatasetError.sampleTooLarge` when `n` exceeds the dataset.
    public mutating func sample<Row>(_ dataset: [Row], n: Int) throws(DatasetError) -> [Row] {
        do { return try random.sample(dataset, n) } catch {
            throw DatasetError(source: "", reason: .sampleTooLarge(requested: n, available: dataset.count))
        }
    }

    /// Shuffles a copy and cuts it into train and test rows, like `DataLoader.train_test_split`.
    ///
    /// - Parameters:
    ///   - trainSize: a fraction in (0, 1) of the rows (truncated) or a count; DSPy's default is 0.75.
    ///   - testSize: the same for the test rows; by default, all the rows after the train rows.
    ///   - randomState: re-seeds the generator first, as `random.seed(random_state)`.
    /// - Throws: `DatasetError.badSplit` for sizes that are neither a fraction in (0, 1) nor a count, or that
    ///   together exceed the dataset.
    public mutating func trainTestSplit<Row>(
        _ dataset: [Row], trainSize: SplitSize = 0.75, testSize: SplitSize? = nil, randomState: Int? = nil
    ) throws(DatasetError) -> (train: [Row], test: [Row]) {
        if let randomState { random.seed(randomState) }
        var shuffled = dataset
        random.shuffle(&shuffled)
        guard let trainEnd = trainSize.count(of: shuffled.count) else {
            throw DatasetError(source: "", reason: .badSplit(
                "Invalid `trainSize` \(trainSize): give a fraction between 0 and 1 or a number of rows."))
        }
        let testEnd: Int
        if let testSize {
            guard let count = testSize.count(of: shuffled.count) else {
                throw DatasetError(source: "", reason: .badSplit(
                    "Invalid `testSize` \(testSize): give a fraction between 0 and 1 or a number of rows."))
            }
            guard trainEnd + count <= shuffled.count else {
                throw DatasetError(source: "", reason: .badSplit(
                    "`trainSize` + `testSize` cannot exceed the total number of samples. Received `trainSize`: "
                        + "\(trainEnd), `testSize`: \(count), and dataset size: \(shuffled.count)."))
            }
            testEnd = count
        } else {
            testEnd = shuffled.count - trainEnd
        }
        let trainCut = max(0, min(trainEnd, shuffled.count))
        return (Array(shuffled[..<trainCut]), Array(shuffled[trainCut..<min(shuffled.count, trainCut + max(0, testEnd))]))
    }
}

/// A split size as DSPy takes it: a fraction of the rows or a number of rows.
public enum SplitSize: Sendable, Equatable, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, CustomStringConvertible {
    case fraction(Double)
    case count(Int)

    public init(floatLiteral value: Double) { self = .fraction(value) }
    public init(integerLiteral value: Int) { self = .count(value) }

    /// The number of rows this size means for a dataset of `total` rows, or nil when it is invalid.
    func count(of total: Int) -> Int? {
        switch self {
        case .fraction(let fraction): fraction > 0 && fraction < 1 ? Int(Double(total) * fraction) : nil
        case .count(let count): count
        }
    }

    public var description: String {
        switch self {
        case .fraction(let fraction): PythonFormat.repr(fraction)
        case .count(let count): String(count)
        }
    }
}
