import Foundation
import KernelInterpreter
import SwiftParser
import SwiftSyntax

/// Whether a console should run the code or wait for more lines: open brackets mean more is coming.
enum CompletenessCheck {
    static func check(_ code: String) -> CodeCompleteness {
        if code.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("%") { return .complete }
        var depth = 0
        for token in Parser.parse(source: code).tokens(viewMode: .sourceAccurate) {
            switch token.tokenKind {
            case .leftBrace, .leftParen, .leftSquare: depth += 1
            case .rightBrace, .rightParen, .rightSquare: depth -= 1
            default: break
            }
            if depth < 0 { return .invalid }
        }
        if depth > 0 { return .incomplete(indent: String(repeating: "    ", count: depth)) }
        return .complete
    }
}
