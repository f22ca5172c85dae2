import Foundation
import SQLite

/// A result value normalized for comparison: integers and reals are one kind of number, text that spells a number
/// compares as that number when the other side is a number.
enum ComparableValue: Comparable {
    case null
    case number(Double)
    case text(String)
    case blob([UInt8])

    init(_ value: SQLiteValue) {
        switch value {
        case .null: self = .null
        case .integer(let number): self = .number(Double(number))
        case .real(let number): self = .number(number)
        case .text(let text): self = .text(text)
        case .blob(let bytes): self = .blob(bytes)
        }
    }

    private var rank: Int {
        switch self {
        case .null: 0
        case .number: 1
        case .text: 2
        case .blob: 3
        }
    }

    static func < (lhs: ComparableValue, rhs: ComparableValue) -> Bool {
        switch (lhs, rhs) {
        case (.number(let a), .number(let b)): a < b
        case (.text(let a), .text(let b)): a < b
        case (.blob(let a), .blob(let b)): a.lexicographicallyPrecedes(b)
        default: lhs.rank < rhs.rank
        }
    }

    /// Equality under the documented tolerances (see `ResultComparison`).
    func matches(_ other: ComparableValue) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.number(let a), .number(let b)): return Self.numbersMatch(a, b)
        case (.text(let a), .text(let b)): return a == b
        case (.blob(let a), .blob(let b)): return a == b
        case (.number(let a), .text(let b)), (.text(let b), .number(let a)):
            guard let parsed = Double(b.trimmingCharacters(in: .whitespaces)) else { return false }
            return Self.numbersMatch(a, parsed)
        default: return false
        }
    }

    /// Relative tolerance for floating-point noise (sums in a different order, AVG vs SUM/COUNT).
    static let relativeTolerance = 1e-6

    static func numbersMatch(_ a: Double, _ b: Double) -> Bool {
        if a == b { return true }
        if abs(a - b) <= relativeTolerance * max(1, abs(a), abs(b)) { return true }
        // A value rounded to 2–4 decimals (ROUND(x, 2)) matches the unrounded value.
        let (rounded, exact) = decimals(a) <= decimals(b) ? (a, b) : (b, a)
        let places = decimals(rounded)
        guard (2...4).contains(places), decimals(exact) > places else { return false }
        let scale = pow10(places)
        return abs((exact * scale).rounded() / scale - rounded) <= relativeTolerance * max(1, abs(rounded))
    }

    /// Decimal places in the shortest text of `value` (up to 17).
    static func decimals(_ value: Double) -> Int {
        guard value.isFinite, value != value.rounded() else { return 0 }
        let text = "\(value)"
        if text.contains("e") { return 17 }
        guard let dot = text.firstIndex(of: ".") else { return 0 }
        return text.distance(from: dot, to: text.endIndex) - 1
    }

    private static func pow10(_ places: Int) -> Double { (0..<places).reduce(1) { value, _ in value * 10 } }
}

extension ComparableValue: CustomStringConvertible {
    var description: String {
        switch self {
        case .null: "NULL"
        case .number(let number): number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .text(let text): "'\(text)'"
        case .blob(let bytes): "<blob \(bytes.count) bytes>"
        }
    }
}
