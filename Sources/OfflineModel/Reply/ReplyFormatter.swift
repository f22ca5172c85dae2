/// Writes output values in the layout the prompt asked for.
///
/// Fields are separated by single newlines, never a blank line, so a `stop: ["\n\n"]` setting (the study's) does not
/// cut a multi-field answer short; DSPy's parsers do not need the blank lines.
struct ReplyFormatter {
    let prompt: ParsedPrompt

    func reply(_ values: [String: String]) -> String {
        switch prompt.layout {
        case .freeText:
            return values["text"] ?? ""
        case .chatAdapter:
            var lines: [String] = []
            for field in prompt.outputFields {
                lines.append("[[ ## \(field.name) ## ]]")
                lines.append(oneParagraph(values[field.name] ?? ""))
            }
            lines.append("[[ ## completed ## ]]")
            return lines.joined(separator: "\n")
        case .jsonAdapter:
            var object: [String: JSONValue] = [:]
            for field in prompt.outputFields {
                let value = values[field.name] ?? ""
                switch field.kind {
                case .bool: object[field.name] = .bool(value == "True")
                case .int: object[field.name] = .int(Int(value) ?? 0)
                case .float: object[field.name] = .double(Double(value) ?? 0)
                case .list: object[field.name] = .array([])
                case .dictionary: object[field.name] = .object((try? JSONValue(parsing: Data(value.utf8)))?.objectValue ?? [:])
                case .text, .literal: object[field.name] = .string(value)
                }
            }
            return JSONValue.object(object).serialized()
        case .legacyTemplate(let prefixes):
            // The completion continues the query's last, empty prefix; later fields come with their own prefix.
            var lines: [String] = []
            for (index, field) in prompt.outputFields.enumerated() {
                let value = oneParagraph(values[field.name] ?? "")
                if index == 0 {
                    let started = prompt.text.split(separator: "\n").last.map(String.init) ?? ""
                    let prefix = (prefixes[field.name] ?? field.name) + ":"
                    let written = started.hasPrefix(prefix) ? started.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces) : ""
                    if written.hasSuffix("in order to") {
                        // DSPy 2.4's ChainOfThought prefix "Reasoning: Let's think step by step in order to".
                        let target = prompt.outputFields.last?.name ?? "answer"
                        lines.append(" produce the \(target). \(value)")
                    } else {
                        lines.append(written.isEmpty ? " " + value : " " + value.removingPrefix(written))
                    }
                } else {
                    lines.append("\(prefixes[field.name] ?? field.name): \(value)")
                }
            }
            return lines.joined(separator: "\n")
        }
    }

    private func oneParagraph(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: true).joined(separator: "\n")
    }
}

extension String {
    fileprivate func removingPrefix(_ prefix: String) -> String {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces) : self
    }
}

import Foundation
import JSON
