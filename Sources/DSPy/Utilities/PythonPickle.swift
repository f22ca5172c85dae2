/// A Python object graph, as far as `pickle.dumps` sees it: the values, and which of them are one shared object.
///
/// Pickle writes an object once and refers back to it when it meets the *same* object again (by `id`), so the
/// bytes depend on object identity, not only on values. Each memoized case carries an `identity`: values with the
/// same identity are one Python object; `.fresh` is an object seen nowhere else.
indirect enum PythonObject: Sendable {
    /// Which Python object a value is.
    enum Identity: Hashable, Sendable {
        /// An object of its own.
        case fresh
        /// The object every value with this key stands for.
        case shared(String)
    }

    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String, Identity)
    case list([PythonObject], Identity)
    /// A dict, items in insertion order.
    case dict([(PythonObject, PythonObject)], Identity)
    case tuple([PythonObject], Identity)
    /// An instance built as `object.__reduce_ex__(4)` builds it: its class, no arguments, then its `__dict__`.
    case instance(module: String, className: String, state: PythonObject, Identity)
}

/// `pickle.dumps(object)` with protocol 4 (Python 3.8–3.13's default), byte for byte as CPython's C pickler
/// writes it: memo references, batches and frames.
struct PythonPickler {
    private static let frameSizeTarget = 64 * 1024
    private static let frameSizeMin = 4
    private static let batchSize = 1000

    private var output: [UInt8] = []
    private var frame: [UInt8] = []
    private var memo: [PythonObject.Identity: Int] = [:]
    private var memoCount = 0

    /// The pickle of `object`.
    static func dumps(_ object: PythonObject) -> [UInt8] {
        var pickler = PythonPickler()
        pickler.output = [0x80, 4]  // PROTO 4, written before framing starts
        pickler.save(object)
        pickler.write([0x2E])  // STOP
        pickler.commitFrame(force: true)
        return pickler.output
    }

    private mutating func write(_ bytes: [UInt8]) { frame += bytes }

    /// Ends the current frame once it reaches the target size (or when forced), as `_Framer.commit_frame`.
    private mutating func commitFrame(force: Bool = false) {
        guard force || frame.count >= Self.frameSizeTarget else { return }
        if frame.count >= Self.frameSizeMin { output += [0x95] + Self.littleEndian(UInt64(frame.count)) }
        output += frame
        frame = []
    }

    private mutating func save(_ object: PythonObject) {
        commitFrame()
        if let identity = object.memoIdentity, let index = memo[identity] {
            write(Self.get(index))
            return
        }
        switch object {
        case .none: write([0x4E])
        case .bool(let value): write([value ? 0x88 : 0x89])
        case .int(let value): saveInt(value)
        case .float(let value): write([0x47] + Self.bigEndian(value.bitPattern))
        case .string(let value, let identity): saveString(value, identity)
        case .list(let items, let identity):
            write([0x5D])  // EMPTY_LIST
            memoize(identity)
            batch(items.map { [$0] }, one: 0x61, many: 0x65)  // APPEND, APPENDS
        case .dict(let items, let identity):
            write([0x7D])  // EMPTY_DICT
            memoize(identity)
            batch(items.map { [$0.0, $0.1] }, one: 0x73, many: 0x75)  // SETITEM, SETITEMS
        case .tuple(let items, let identity): saveTuple(items, identity)
        case .instance(let module, let className, let state, let identity):
            saveGlobal(module: module, name: className)
            save(.tuple([], .fresh))  // no arguments
            write([0x81])  // NEWOBJ
            memoize(identity)
            save(state)
            write([0x62])  // BUILD
        }
    }

    private mutating func saveInt(_ value: Int) {
        if (0...0xFF).contains(value) {
            write([0x4B, UInt8(value)])  // BININT1
        } else if (0...0xFFFF).contains(value) {
            write([0x4D] + Self.littleEndian(UInt16(value)))  // BININT2
        } else if let small = Int32(exactly: value) {
            write([0x4A] + Self.littleEndian(UInt32(bitPattern: small)))  // BININT
        } else {
            let encoded = Self.encodeLong(value)
            write([0x8A, UInt8(encoded.count)] + encoded)  // LONG1
        }
    }

    private mutating func saveString(_ value: String, _ identity: PythonObject.Identity) {
        let encoded = Array(value.utf8)
        if encoded.count <= 0xFF {
            write([0x8C, UInt8(encoded.count)] + encoded)  // SHORT_BINUNICODE
        } else if encoded.count < Self.frameSizeTarget {
            write([0x58] + Self.littleEndian(UInt32(encoded.count)) + encoded)  // BINUNICODE
        } else {
            // Large payloads go outside any frame, after the current one is committed.
            commitFrame(force: true)
            let header: [UInt8] = encoded.count > 0xFFFF_FFFF
                ? [0x8D] + Self.littleEndian(UInt64(encoded.count))  // BINUNICODE8
                : [0x58] + Self.littleEndian(UInt32(encoded.count))
            output += header + encoded
        }
        memoize(identity)
    }

    private mutating func saveTuple(_ items: [PythonObject], _ identity: PythonObject.Identity) {
        guard !items.isEmpty else { write([0x29]); return }  // EMPTY_TUPLE, never memoized
        if items.count <= 3 {
            for item in items { save(item) }
            write([[0x85, 0x86, 0x87][items.count - 1]])  // TUPLE1, TUPLE2, TUPLE3
        } else {
            write([0x28])  // MARK
            for item in items { save(item) }
            write([0x74])  // TUPLE
        }
        memoize(identity)
    }

    /// A class by module and name (`STACK_GLOBAL`), memoized as the class object.
    private mutating func saveGlobal(module: String, name: String) {
        commitFrame()
        let identity = PythonObject.Identity.shared("class \(module).\(name)")
        if let index = memo[identity] {
            write(Self.get(index))
            return
        }
        save(.string(module, .fresh))
        save(.string(name, .fresh))
        write([0x93])  // STACK_GLOBAL
        memoize(identity)
    }

    /// The items of a list or dict as CPython's C pickler writes them (`batch_list_exact`, `batch_dict_exact`): a
    /// lone element with the single opcode, otherwise MARKed batches of 1,000 — a last batch of one included, where
    /// `pickle.py` would use the single opcode.
    private mutating func batch(_ elements: [[PythonObject]], one: UInt8, many: UInt8) {
        if elements.count == 1 {
            for part in elements[0] { save(part) }
            write([one])
            return
        }
        for start in stride(from: 0, to: elements.count, by: Self.batchSize) {
            write([0x28])  // MARK
            for element in elements[start..<min(start + Self.batchSize, elements.count)] {
                for part in element { save(part) }
            }
            write([many])
        }
    }

    private mutating func memoize(_ identity: PythonObject.Identity) {
        if identity != .fresh { memo[identity] = memoCount }
        memoCount += 1
        write([0x94])  // MEMOIZE
    }

    private static func get(_ index: Int) -> [UInt8] {
        index < 256 ? [0x68, UInt8(index)] : [0x6A] + littleEndian(UInt32(index))  // BINGET, LONG_BINGET
    }

    /// `pickle.encode_long`: the shortest little-endian two's complement bytes.
    static func encodeLong(_ value: Int) -> [UInt8] {
        var bytes = littleEndian(UInt64(bitPattern: Int64(value)))
        let fill: UInt8 = value < 0 ? 0xFF : 0x00
        while bytes.count > 1, bytes[bytes.count - 1] == fill, (bytes[bytes.count - 2] & 0x80) == (fill & 0x80) {
            bytes.removeLast()
        }
        return bytes
    }

    private static func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        (0..<(T.bitWidth / 8)).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
    }

    private static func bigEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] { littleEndian(value).reversed() }
}

extension PythonObject {
    /// The identity pickle's memo looks up, for the cases it memoizes.
    var memoIdentity: Identity? {
        switch self {
        case .string(_, let identity), .list(_, let identity), .dict(_, let identity), .tuple(_, let identity),
             .instance(_, _, _, let identity):
            identity == .fresh ? nil : identity
        case .none, .bool, .int, .float: nil
        }
    }
}
