import Foundation

/// Markdown code fences around generated SQL.
///
/// Chat models, coder models most of all, often answer with the query inside a fence (` ```sql … ``` `), sometimes
/// with a sentence before or after it. DSPy keeps the field's text as the model wrote it, and so does this
/// project's DSPy: the prediction, the judge's input and the history show the fence. Going beyond DSPy, the SQL
/// toolkit runs the code inside the fence, since SQLite cannot run the backticks and the query in them is what the
/// model meant (seen on Qwen2.5-Coder-0.5B through llama.cpp's server).
public enum CodeFence {
    /// The text of the first fenced block in `text` (its info string, e.g. `sql`, dropped), or `text` itself when
    /// it holds no complete fence. An opening fence without a closing one (a completion cut by `max_tokens` or a
    /// stop sequence) yields everything after the opening line.
    public static func unwrapped(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let open = lines.firstIndex(where: isFence) else { return text }
        let body = lines[(open + 1)...]
        let close = body.firstIndex(where: isFence) ?? body.endIndex
        return body[..<close].joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A line of three or more backticks, optionally followed by an info string (` ```sql `).
    private static func isFence(_ line: Substring) -> Bool {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        return trimmed.hasPrefix("```")
    }
}
