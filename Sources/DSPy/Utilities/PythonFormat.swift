import Foundation

/// Python's number formatting where DSPy's printed output depends on it, so logs read the same as DSPy's.
enum PythonFormat {
    /// `round(value, digits)` for floats: correctly rounded from the exact binary value, ties to even —
    /// which is what C's `%.*f` does too.
    static func round(_ value: Double, _ digits: Int) -> Double {
        guard value.isFinite else { return value }
        return Double(String(format: "%.\(digits)f", value)) ?? value
    }

    /// `repr(float)`: the shortest text that reads back as the same double, always with a fraction or exponent.
    static func repr(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        let magnitude = abs(value)
        if magnitude != 0, magnitude < 1e-4 || magnitude >= 1e16 {
            // Python writes exponents with at least two digits and an explicit sign: 1e-05, 1e+16.
            let text = "\(value)"
            guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return text }
            var mantissa = String(text[..<e])
            if mantissa.hasSuffix(".0") { mantissa.removeLast(2) }
            var exponent = String(text[text.index(after: e)...])
            var sign = "+"
            if exponent.hasPrefix("-") { sign = "-"; exponent.removeFirst() } else if exponent.hasPrefix("+") { exponent.removeFirst() }
            if exponent.count < 2 { exponent = "0" + exponent }
            return "\(mantissa)e\(sign)\(exponent)"
        }
        let text = "\(value)"
        return text.contains(".") || text.contains("e") ? text : text + ".0"
    }

    /// A list of floats as Python prints it: `[72.0, 80.0]`.
    static func list(_ values: [Double]) -> String {
        "[" + values.map(repr).joined(separator: ", ") + "]"
    }
}
