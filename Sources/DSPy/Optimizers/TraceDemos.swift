import Digests
import JSON

/// The demos one successful trace gives: one per predictor, as DSPy's `_bootstrap_one_example` picks them.
///
/// Each call becomes `Example(augmented=True, **inputs, **outputs)`. When a predictor ran several times, DSPy
/// keeps one of its calls: `rng = random.Random(Hasher.hash(tuple(demos)))`, then the last call, or — when
/// `rng.random() < 0.5` — `rng.choice` of the others. `Hasher.hash` is the SHA-256 of `pickle.dumps`, whose bytes
/// depend on which values are one Python object; `pythonObject(of:)` reproduces what CPython shares there.
enum TraceDemos {
    /// The demos of `entries` (the trace's calls in order, with their predictor names), one per predictor in order
    /// of first call.
    static func demos(of entries: [(name: String, entry: TraceEntry)]) -> [(name: String, demo: Example)] {
        var order: [String] = []
        var byName: [String: [TraceEntry]] = [:]
        for (name, entry) in entries {
            if byName[name] == nil { order.append(name) }
            byName[name, default: []].append(entry)
        }
        return order.map { name in
            let calls = byName[name]!
            return (name, demo(calls[calls.count > 1 ? chosenIndex(of: calls) : 0]))
        }
    }

    /// `Example(augmented=True, **inputs, **outputs)`.
    static func demo(_ entry: TraceEntry) -> Example {
        Example(fields: [("augmented", JSONValue.bool(true))] + entry.inputs.items() + entry.prediction.items())
    }

    /// Which of several calls of one predictor DSPy keeps.
    static func chosenIndex(of calls: [TraceEntry]) -> Int {
        let digest = SHA256.hash(data: PythonPickler.dumps(pythonObject(of: calls)))
        var random = PythonRandom(seed: digest.hexString)
        guard random.random() < 0.5 else { return calls.count - 1 }
        return (try? random.choice(0..<(calls.count - 1))) ?? calls.count - 1
    }

    /// `tuple(demos)` as CPython holds it. Field names are interned strings, and so are strings of at most one
    /// Latin-1 character (CPython's singletons). An output value is a new object. An input value equal to an earlier
    /// input or output value is taken to be that object, as when a program passes its own input, or an earlier
    /// answer, to the next call; any other input value is a new object.
    static func pythonObject(of calls: [TraceEntry]) -> PythonObject {
        var known: [JSONValue: PythonObject.Identity] = [:]
        var objects = 0
        func newObject(_ value: JSONValue) -> PythonObject.Identity {
            objects += 1
            let identity = PythonObject.Identity.shared("object \(objects)")
            if known[value] == nil { known[value] = identity }
            return identity
        }
        let demos = calls.map { call -> PythonObject in
            let inputs = call.inputs.items().map { name, value in
                (interned(name), object(value, identity: known[value] ?? newObject(value)))
            }
            let outputs = call.prediction.items().map { name, value in
                (interned(name), object(value, identity: newObject(value)))
            }
            let store = PythonObject.dict([(interned("augmented"), .bool(true))] + inputs + outputs, .fresh)
            let state = PythonObject.dict([
                (interned("_store"), store), (interned("_demos"), .list([], .fresh)), (interned("_input_keys"), .none),
            ], .fresh)
            return .instance(module: "dspy.primitives.example", className: "Example", state: state, .fresh)
        }
        return .tuple(demos, .fresh)
    }

    private static func interned(_ text: String) -> PythonObject { .string(text, .shared("interned \(text)")) }

    /// A field value as the object `identity`; what it contains is new, but for CPython's one-character strings.
    private static func object(_ value: JSONValue, identity: PythonObject.Identity) -> PythonObject {
        switch value {
        case .null: return .none
        case .bool(let flag): return .bool(flag)
        case .int(let number): return .int(number)
        case .double(let number): return .float(number)
        case .string(let text):
            let scalars = text.unicodeScalars
            return scalars.count <= 1 && (scalars.first?.value ?? 0) < 256 ? interned(text) : .string(text, identity)
        case .array(let items): return .list(items.map { object($0, identity: .fresh) }, identity)
        case .object(let fields):
            // JSONValue objects keep no key order; sorted order stands in for Python's insertion order.
            return .dict(fields.sorted { $0.key < $1.key }.map { (object(.string($0.key), identity: .fresh), object($0.value, identity: .fresh)) }, identity)
        }
    }
}
