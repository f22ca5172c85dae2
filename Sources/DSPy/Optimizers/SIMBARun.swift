import JSON

/// One run of a program on an example as SIMBA records it — DSPy's `wrap_program` output: the prediction (nil
/// when the program failed), the calls it made, and the metric's score.
struct SIMBARun: Sendable {
    var prediction: Prediction?
    var trace: [TraceEntry]
    var score: Reward
    var example: Example

    /// A score as Python holds it: the metric's `bool` or number, or the "N/A" a rule prompt shows in its place.
    enum Reward: Sendable {
        case bool(Bool)
        case number(Double)
        case notAvailable

        /// The value sorted and averaged (`True` counts 1).
        var number: Double {
            switch self {
            case .bool(let flag): flag ? 1 : 0
            case .number(let value): value
            case .notAvailable: .nan
            }
        }

        /// Python's `str()`, as log lines show it.
        var shown: String {
            switch self {
            case .bool(let flag): flag ? "True" : "False"
            case .number(let value): PythonFormat.repr(value)
            case .notAvailable: "N/A"
            }
        }

        /// As the rule prompt's `*_reward_value` field carries it: orjson's text, or "N/A" as it is.
        var dumped: String {
            switch self {
            case .bool(let flag): flag ? "true" : "false"
            case .number(let value): JSONValue.double(value).pythonJSON()
            case .notAvailable: "N/A"
            }
        }
    }

    /// Runs `program` on `example`'s inputs with a fresh trace and scores it; a program or metric that throws is
    /// logged and scores 0.0, as in DSPy.
    /// - Throws: only `Interrupted`.
    init(program: Module, example: Example, metric: Metric) throws {
        let log = Presentation.presenter
        let trace = TraceLog()
        self.example = example
        do {
            prediction = try context(trace: trace) { try program(example.inputs()) }
        } catch let error as Interrupted {
            throw error
        } catch {
            log.log("\(error)")
            prediction = nil
        }
        self.trace = trace.all
        score = .number(0)
        guard let prediction else { return }
        do {
            let value = try metric(example, prediction)
            score = metric.isBoolean ? .bool(value != 0) : .number(value)
        } catch let error as Interrupted {
            throw error
        } catch {
            log.log("\(error)")
        }
    }

    /// This run in the rule prompt's place of one that cannot be compared: no calls, no score, no prediction.
    func withoutOutcome() -> SIMBARun {
        var copy = self
        copy.trace = []
        copy.score = .notAvailable
        copy.prediction = Prediction(["N/A": "Prediction not available"])
        return copy
    }
}
