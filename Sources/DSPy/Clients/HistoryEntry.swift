import Foundation
import JSON

/// One recorded LM call, with what DSPy's history entries hold.
public struct HistoryEntry: Sendable {
    /// The prompt, for calls made with a prompt string.
    public let prompt: String?
    /// The messages, for calls made with messages.
    public let messages: [ChatMessage]?
    /// The call's own generation arguments (without `api_*` ones).
    public let kwargs: [String: JSONValue]
    /// The completions returned.
    public let outputs: [String]
    /// Token usage as the server reported it; empty for cache hits, which cost nothing.
    public let usage: [String: JSONValue]
    /// Local time of the call, as Python's `datetime.now().isoformat()` writes it.
    public let timestamp: String
    /// A unique id for the entry.
    public let uuid = UUID()
    /// The LM's model string.
    public let model: String
    /// The model the server said answered.
    public let responseModel: String?
    /// The endpoint kind.
    public let modelType: ModelType
    /// Whether the completions came from the cache.
    public let cacheHit: Bool

    /// The current local time in Python's `isoformat()` layout (`2026-11-22T11:06:50.917315`).
    static func now() -> String {
        var time = timeval()
        gettimeofday(&time, nil)
        var parts = tm()
        var seconds = time.tv_sec
        localtime_r(&seconds, &parts)
        // Written digit by digit into bytes: string formatting costs more than the rest of the call's bookkeeping.
        var text: [UInt8] = []
        text.reserveCapacity(26)
        func append(_ value: Int, digits: Int, after separator: Unicode.Scalar? = nil) {
            if let separator { text.append(UInt8(ascii: separator)) }
            var divisor = 1
            for _ in 1..<digits { divisor *= 10 }
            while divisor > 0 {
                text.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
        }
        append(Int(parts.tm_year) + 1900, digits: 4)
        append(Int(parts.tm_mon) + 1, digits: 2, after: "-")
        append(Int(parts.tm_mday), digits: 2, after: "-")
        append(Int(parts.tm_hour), digits: 2, after: "T")
        append(Int(parts.tm_min), digits: 2, after: ":")
        append(Int(parts.tm_sec), digits: 2, after: ":")
        // Python leaves the fraction out when it is zero.
        if time.tv_usec != 0 { append(Int(time.tv_usec), digits: 6, after: ".") }
        return String(decoding: text, as: UTF8.self)
    }
}

extension HistoryEntry {
    /// The last `n` entries laid out exactly as DSPy's `pretty_print_history` prints them, with its ANSI colours
    /// when `colors` is true (blue timestamps, red roles, the response in green).
    public static func prettyPrinted(_ history: [HistoryEntry], n: Int = 1, colors: Bool = true) -> String {
        func paint(_ code: String, _ text: String, end: String = "\n") -> String {
            colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m\(end)" : text + end
        }
        var out = ""
        func line(_ text: String) { out += text + "\n" }
        for entry in history.suffix(max(0, n)) {
            let messages = entry.messages ?? [ChatMessage(role: "user", content: entry.prompt ?? "")]
            line("\n\n\n")
            line(paint("34", "[\(entry.timestamp)]"))
            for message in messages {
                line(paint("31", "\(capitalized(message.role)) message:"))
                line(message.content.trimmingCharacters(in: .whitespacesAndNewlines))
                line("\n")
            }
            if let first = entry.outputs.first {
                line(paint("31", "Response:"))
                line(paint("32", first.trimmingCharacters(in: .whitespacesAndNewlines)))
            }
            if entry.outputs.count > 1 {
                line(paint("31", " \t (and \(entry.outputs.count - 1) other completions)", end: ""))
            }
        }
        line("\n\n\n")
        return out
    }

    /// Python's `str.capitalize()`: the first character upper-cased, the rest lower-cased.
    private static func capitalized(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst().lowercased()
    }
}
