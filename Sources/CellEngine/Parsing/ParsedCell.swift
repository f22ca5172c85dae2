/// A cell split into what the generated library needs: top-level declarations, statements (run in order by
/// the cell's entry point), stored variables (which outlive the cell) and a trailing expression.
struct ParsedCell: Sendable, Equatable {
    /// One top-level piece of the cell, with its source text and where it starts in the cell.
    struct Item: Sendable, Equatable {
        var kind: Kind
        /// The item's exact source text.
        var text: String
        /// 1-based line and column of the item's first character in the cell.
        var line: Int
        var column: Int
        /// 1-based line of the item's last character.
        var endLine: Int
    }

    enum Kind: Sendable, Equatable {
        /// `import X`: applies to this and every later cell.
        case importDeclaration
        /// A declaration kept at the library's top level (func, type, extension, operator, computed var).
        case declaration([DeclaredName])
        /// A stored `let`/`var`, run as a statement and kept in storage that later cells see.
        case storedVariable(StoredVariable)
        /// Any other statement.
        case statement
        /// The last item, an expression whose value is the cell's result.
        case trailingExpression
    }

    var items: [Item]
    /// Whether the cell's own statements suspend (`await`, `for await`, `async let`), so its body must be async.
    var suspends = false

    /// Every name the cell declares at top level, in order.
    var declaredNames: [DeclaredName] {
        items.flatMap { item -> [DeclaredName] in
            switch item.kind {
            case .declaration(let names): names
            case .storedVariable(let variable): variable.names.map { DeclaredName(name: $0, kind: .variable) }
            default: []
            }
        }
    }

    /// Whether the cell declares something later cells can only see by importing it whole (extensions,
    /// operators, conformances).
    var hasAnonymousDeclarations: Bool {
        items.contains { item in
            if case .declaration(let names) = item.kind { return names.isEmpty || names.contains { !$0.kind.isImportable } }
            return false
        }
    }

    /// The stored variables, in order.
    var storedVariables: [StoredVariable] {
        items.compactMap { item in
            if case .storedVariable(let variable) = item.kind { return variable }
            return nil
        }
    }
}

/// A name a cell declares at top level, with the kind a scoped import of it needs.
struct DeclaredName: Sendable, Hashable, Codable {
    enum Kind: String, Sendable, Codable {
        case variable = "var", function = "func", structure = "struct", classType = "class", enumeration = "enum",
             protocolType = "protocol", typeAlias = "typealias"
        /// An extension member, conformance or operator: not importable by name, but named (`String.shout`,
        /// `operator <+>(Endpoint, Endpoint)`) so that a newer cell declaring the same one shadows it.
        case anonymous

        /// Whether a scoped import (`import func Cell1.f`) can name it.
        var isImportable: Bool { self != .anonymous }
    }

    var name: String
    var kind: Kind
}

/// A stored `let`/`var` binding: the names it binds and the types written for them, if any.
struct StoredVariable: Sendable, Equatable {
    var isLet: Bool
    /// The bound names, in pattern order.
    var names: [String]
    /// The type written for each name; nil where the compiler has to infer it.
    var annotatedTypes: [String: String]
    /// Whether the binding has an initial value (`let x: Int` alone has none).
    var hasInitializer: Bool
    /// Whether every initial value is free of `try` and `await`, so the declaration can stay a plain global
    /// whose type the compiler infers (a global's initializer can neither throw nor suspend).
    var isPlainGlobal: Bool = false
    /// Where the initial value starts, for a plain global with a single binding: its value is computed
    /// through `CellEntry.initial` so that it is never silently recomputed after a worker restart.
    var initialValue: SourceAnchor?
}

/// A position inside an item's text: the UTF-8 offset from the item's start, and the cell line and column.
struct SourceAnchor: Sendable, Equatable {
    var offset: Int
    var line: Int
    var column: Int
}
