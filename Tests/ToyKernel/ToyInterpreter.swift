import Foundation
import JSON
import KernelInterpreter
import Synchronization

/// One command per line:
/// `print TEXT`, `eprint TEXT`, `html MARKUP`, `markdown TEXT`, `display ID TEXT`, `update ID TEXT`, `clear`,
/// `input PROMPT`, `password PROMPT`, `sleep SECONDS`, `fail MESSAGE`, `bump` (adds one to `counter`),
/// `let NAME = EXPR`; a last line that is an expression (integers, + - * /, parentheses, names, a "string")
/// becomes the execute_result.
final class ToyInterpreter: Interpreter {
    private let variables = Mutex<[String: Int]>(["counter": 0])
    private let interrupted = Atomic<Bool>(false)

    static let commands = ["print", "eprint", "html", "markdown", "display", "update", "clear", "input",
                           "password", "sleep", "fail", "bump", "let"]

    var languageInfo: LanguageInfo {
        LanguageInfo(name: "toy", version: "1.0", mimetype: "text/x-toy", fileExtension: ".toy",
                     pygmentsLexer: "text", codemirrorMode: "null")
    }

    var banner: String { "Toy kernel for protocol tests" }

    func execute(_ request: ExecutionRequest, output: any ExecutionOutput) -> ExecutionOutcome {
        interrupted.store(false, ordering: .relaxed)
        let lines = request.code.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        do {
            var result: MimeBundle?
            for (index, line) in lines.enumerated() {
                result = try run(line, isLast: index == lines.count - 1, output: output)
            }
            var expressions: [String: JSONValue] = [:]
            for (name, expression) in request.userExpressions {
                expressions[name] = (try? evaluate(expression)).map {
                    ["status": "ok", "data": ["text/plain": .string($0)], "metadata": [:]]
                } ?? ["status": "error", "ename": "NameError", "evalue": .string(expression), "traceback": []]
            }
            return .ok(result: result, userExpressions: expressions)
        } catch let error as ToyError {
            return .error(name: error.name, value: error.message, traceback: ["\(error.name): \(error.message)"])
        } catch {
            return .error(name: "Error", value: "\(error)", traceback: ["\(error)"])
        }
    }

    private func run(_ line: String, isLast: Bool, output: any ExecutionOutput) throws -> MimeBundle? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: " ", maxSplits: 1).map(String.init)
        let rest = parts.count > 1 ? parts[1] : ""
        switch parts.first ?? "" {
        case "print": output.stream(.stdout, text: rest + "\n")
        case "eprint": output.stream(.stderr, text: rest + "\n")
        case "html": output.display(["text/html": .string(rest), "text/plain": .string(rest)], metadata: [:],
                                    displayID: nil, update: false)
        case "markdown": output.display(["text/markdown": .string(rest), "text/plain": .string(rest)], metadata: [:],
                                        displayID: nil, update: false)
        case "display", "update":
            let idAndText = rest.split(separator: " ", maxSplits: 1).map(String.init)
            output.display(["text/plain": .string(idAndText.count > 1 ? idAndText[1] : "")], metadata: [:],
                           displayID: idAndText.first, update: parts[0] == "update")
        case "clear": output.clearOutput(wait: false)
        case "input", "password":
            guard let value = output.requestInput(prompt: rest, password: parts[0] == "password") else {
                throw ToyError(name: "StdinNotImplementedError", message: "input is not available")
            }
            output.stream(.stdout, text: "got: \(value)\n")
        case "sleep":
            let deadline = Date().addingTimeInterval(Double(rest) ?? 0)
            while Date() < deadline {
                if interrupted.load(ordering: .relaxed) {
                    throw ToyError(name: "Interrupted", message: "execution interrupted")
                }
                Thread.sleep(forTimeInterval: 0.01)
            }
        case "fail": throw ToyError(name: "ToyError", message: rest)
        case "bump": variables.withLock { $0["counter", default: 0] += 1 }
        case "let":
            let binding = rest.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard binding.count == 2, !binding[0].isEmpty else { throw ToyError(name: "SyntaxError", message: line) }
            var expression = ToyExpression(binding[1], variables: variables.withLock { $0 })
            let value = try expression.integer()
            variables.withLock { $0[binding[0]] = value }
        default:
            guard isLast else { throw ToyError(name: "SyntaxError", message: "unknown command: \(trimmed)") }
            return ["text/plain": .string(try evaluate(trimmed))]
        }
        return nil
    }

    private func evaluate(_ expression: String) throws -> String {
        let trimmed = expression.trimmingCharacters(in: .whitespaces)
        if trimmed.count >= 2, trimmed.hasPrefix("\""), trimmed.hasSuffix("\"") { return trimmed }
        var parsed = ToyExpression(trimmed, variables: variables.withLock { $0 })
        return String(try parsed.integer())
    }

    func complete(code: String, cursor: Int) -> CompletionResult {
        let scalars = Array(code.unicodeScalars.prefix(cursor))
        var start = scalars.count
        while start > 0, CharacterSet.alphanumerics.contains(scalars[start - 1]) { start -= 1 }
        let prefix = String(String.UnicodeScalarView(scalars[start...]))
        let names = Self.commands + variables.withLock { Array($0.keys) }
        return CompletionResult(matches: names.filter { $0.hasPrefix(prefix) }.sorted(), cursorStart: start,
                                cursorEnd: scalars.count)
    }

    func inspect(code: String, cursor: Int, detailLevel: Int) -> MimeBundle? {
        let word = code.split(whereSeparator: { !$0.isLetter }).first.map(String.init) ?? ""
        if Self.commands.contains(word) { return ["text/plain": .string("\(word): a toy command")] }
        if let value = variables.withLock({ $0[word] }) { return ["text/plain": .string("\(word) = \(value)")] }
        return nil
    }

    func isComplete(code: String) -> CodeCompleteness {
        var depth = 0
        for character in code {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if depth < 0 { return .invalid }
        }
        return depth > 0 ? .incomplete(indent: "  ") : .complete
    }

    func interrupt() { interrupted.store(true, ordering: .relaxed) }

    func shutdown(restart: Bool) {}
}

struct ToyError: Error {
    var name: String
    var message: String
}
