/// Writes the Swift sources compiled for a cell.
///
/// The library source keeps the cell's declarations at top level and runs its statements in order from an
/// exported entry point. Stored variables become globals that later cells import: plain ones as written
/// (touched in order by the entry point, as globals initialize lazily; a single binding's initial value goes
/// through `CellEntry.initial`, which refuses to compute it in a worker where the cell did not run), those whose initial value throws or
/// suspends as optional storage behind a computed variable of the inferred type (`let` as get-only), set by
/// the entry point. Every piece of user code is copied verbatim under a `#sourceLocation` directive naming the cell, so
/// diagnostics point at the user's line and column, never at generated code.
enum CellSourceGenerator {
    /// The file name diagnostics carry for the user's code.
    static let userFileName = "<cell>"

    /// The prefix of every generated identifier; diagnostics that mention it are about generated code.
    static let generatedPrefix = "__cell"

    /// The cell as top-level script code, as `swiftc` would compile it in a `main.swift`: its `-print-ast` gives
    /// the inferred types of the cell's variables, and its diagnostics are the ones users see.
    static func typeCheckSource(cell: String, header: [String], lostVariables: [String] = []) -> String {
        (header + lostVariables.map(lostShadow) + ["#sourceLocation(file: \"\(userFileName)\", line: 1)", cell, ""])
            .joined(separator: "\n")
    }

    /// The line of `typeCheckSource`'s file the cell starts on: the compiler places errors at the end of the
    /// file (an unclosed bracket) in the file itself, not under the directive.
    static func typeCheckCellLine(header: [String], lostVariables: [String]) -> Int {
        header.count + lostVariables.count + 2
    }

    /// A variable whose value a worker restart lost: using it, calling it or reading a member of it is a
    /// compile error that says what to do (a `Never` variable would make `lost()` "not a function" instead).
    static func lostShadow(_ name: String) -> String {
        "@available(*, unavailable, message: \"its value was lost when the worker restarted; run %rerun to re-run the earlier cells\") "
            + "var `\(name)`: CellEntry.LostValue { CellEntry.unavailable(\"\(name)\") }"
    }

    /// The library source for a cell.
    ///
    /// - Parameters:
    ///   - cell: the parsed cell.
    ///   - header: import lines (preloaded modules, earlier cells, scoped imports for redefined names).
    ///   - module: the cell's module name.
    ///   - entrySymbol: the C name of the entry point the worker calls.
    ///   - variableTypes: the type of every stored variable the cell declares.
    ///   - lostVariables: variables whose values a worker restart lost; the cell sees them as unavailable,
    ///     so using one is a compile error that says what to do.
    static func librarySource(cell: ParsedCell, header: [String], module: String, entrySymbol: String,
                              variableTypes: [String: String], lostVariables: [String] = []) -> String {
        var top: [String] = header
        let declared = Set(cell.declaredNames.map(\.name))
        top += lostVariables.filter { !declared.contains($0) }.map(lostShadow)
        if cell.hasAnonymousDeclarations { top.append("enum \(Namespace.extensionsMarker) {}") }
        var body: [String] = []
        for item in cell.items {
            switch item.kind {
            case .importDeclaration:
                top.append(located(item))
            case .declaration:
                top.append(located(item))
            case .storedVariable(let variable) where variable.isPlainGlobal:
                // A global initialized lazily on first access: touching it here keeps source order.
                top.append(variable.initialValue.map { located(item, guardingValueAt: $0, names: variable.names, module: module) }
                    ?? located(item))
                body.append(variable.names.map { "_ = \($0)" }.joined(separator: "; "))
            case .storedVariable(let variable):
                for name in variable.names {
                    top.append(contentsOf: storage(name: name, type: variableTypes[name] ?? "Any", isLet: variable.isLet && variable.hasInitializer))
                }
                guard variable.hasInitializer else { continue }
                // The binding runs verbatim in its own scope, then its values move to the globals.
                body.append("do {")
                body.append(located(item))
                body.append(variable.names.map { "\(storageName($0)) = \($0)" }.joined(separator: "; "))
                body.append("}")
            case .statement:
                body.append(located(item))
            case .trailingExpression:
                body.append(located(item, prefix: trailingPrefix))
                body.append("return CellEntry.present(\(generatedPrefix)Value)")
            }
        }
        if cell.items.last?.kind != .trailingExpression { body.append("return nil") }
        // A body that never suspends is synchronous, so APIs unavailable from async contexts (`Thread.sleep`)
        // do not warn where top-level code would not.
        let effects = cell.suspends ? "async throws" : "throws"
        return (top + [
            "@_cdecl(\"\(entrySymbol)\") public func \(generatedPrefix)Entry() { CellEntry.run(cell: \"\(module)\", \(generatedPrefix)Body) }",
            "private func \(generatedPrefix)Body() \(effects) -> [String: JSONValue]? {",
        ] + body + ["}", ""]).joined(separator: "\n")
    }

    /// What precedes the trailing expression in the library source; on its first line, columns after it
    /// are shifted when the expression starts too far left to pad.
    static let trailingPrefix = "let \(generatedPrefix)Value = "

    /// How many columns the library source shifts the first line of `item` by.
    static func columnShift(of item: ParsedCell.Item) -> Int {
        item.kind == .trailingExpression ? max(0, trailingPrefix.count - (item.column - 1)) : 0
    }

    static func storageName(_ name: String) -> String { "\(generatedPrefix)Storage_\(name)" }

    /// A global that survives the cell: optional storage behind a computed variable of the real type.
    private static func storage(name: String, type: String, isLet: Bool) -> [String] {
        let storage = storageName(name)
        let missing = "CellEntry.unavailable(\"\(name)\")"
        let read = "get { guard let value = \(storage) else { \(missing) }; return value }"
        let accessors = isLet
            ? read
            : "\(read) set { \(storage) = newValue } _modify { if \(storage) == nil { \(missing) }; yield &\(storage)! }"
        return [
            "nonisolated(unsafe) private var \(storage): (\(type))? = nil",
            "var `\(name)`: \(type) { \(accessors) }",
        ]
    }

    /// A plain global whose initial value is computed by `CellEntry.initial`: the value keeps its own line and
    /// column (the call wraps it in a closure on the lines around it), so it type-checks and reports as written.
    private static func located(_ item: ParsedCell.Item, guardingValueAt value: SourceAnchor, names: [String],
                                module: String) -> String {
        let utf8 = Array(item.text.utf8)
        let declaration = String(decoding: utf8[..<value.offset], as: UTF8.self)
        let initialValue = String(decoding: utf8[value.offset...], as: UTF8.self)
        let padding = String(repeating: " ", count: max(0, value.column - 1))
        let call = "CellEntry.initial(\"\(names.joined(separator: ", "))\", cell: \"\(module)\") {"
        return [
            "#sourceLocation(file: \"\(userFileName)\", line: \(item.line))",
            String(repeating: " ", count: max(0, item.column - 1)) + declaration + call,
            "#sourceLocation(file: \"\(userFileName)\", line: \(value.line))",
            padding + initialValue,
            "#sourceLocation()",
            "}",
        ].joined(separator: "\n")
    }

    /// The item's text under a directive naming its place in the cell; the first line is padded so that
    /// columns match too.
    private static func located(_ item: ParsedCell.Item, prefix: String = "") -> String {
        let padding = String(repeating: " ", count: max(0, item.column - 1 - prefix.count))
        return "#sourceLocation(file: \"\(userFileName)\", line: \(item.line))\n\(padding)\(prefix)\(item.text)\n#sourceLocation()"
    }
}
