import SwiftParser
import SwiftSyntax

/// Reads the types the compiler inferred for top-level variables from `swiftc -frontend -typecheck
/// -print-ast`, which prints each as `internal let name: Type = ...`.
enum InferredTypes {
    /// The type of each top-level variable named in `names`.
    static func parse(printedAST: String, names: Set<String>) -> [String: String] {
        var types: [String: String] = [:]
        for statement in Parser.parse(source: printedAST).statements {
            guard let variable = statement.item.as(VariableDeclSyntax.self) else { continue }
            for binding in variable.bindings {
                guard let type = binding.typeAnnotation?.type else { continue }
                for (name, text) in CellParser.typedNames(binding.pattern, type) where names.contains(name) {
                    types[name] = text
                }
            }
        }
        return types
    }
}
