import Foundation

/// A cell compiled into a shared library the worker can load.
struct CompiledCell: Sendable, Codable, Equatable {
    /// The cell's module name (`Cell7`), which later cells import.
    var module: String
    /// The shared library's path.
    var libraryPath: String
    /// The exported C entry point that runs the cell.
    var entrySymbol: String
    /// The type of each stored variable the cell declares.
    var variableTypes: [String: String]
    /// Warnings about the user's code.
    var warnings: [Diagnostic]
    /// The compiled-cell cache's key for this cell, which later cells' keys include.
    var cacheKey: String?
}

/// How compiling a cell ended.
enum CompilationResult: Sendable {
    case compiled(CompiledCell)
    /// The user's code has errors (with any warnings and notes, in order).
    case failed([Diagnostic])
}

/// Turns a parsed cell into a shared library: a type-check pass for inferred variable types when needed,
/// then one frontend job that emits the object and the module, and lld linking the object.
struct CellCompiler: Sendable {
    let toolchain: Toolchain
    /// Where sources, modules and libraries of the session go.
    let directory: URL
    /// Changes whenever the way cells are compiled changes, so cached libraries of an older way are not reused.
    static let pipelineVersion = 4

    let moduleFlags: [String]
    let librarySearchFlags: [String]

    init(toolchain: Toolchain, directory: URL) {
        self.toolchain = toolchain
        self.directory = directory
        self.moduleFlags = toolchain.moduleFlags()
        self.librarySearchFlags = toolchain.librarySearchPaths().map { "-L\($0)" } + ["-rpath", toolchain.swiftLibraryDirectory]
    }

    /// Flags shared by both passes. Cells are user code written REPL-style, so Swift 5 mode: top-level
    /// globals and non-Sendable captures are fine in a notebook.
    var commonFlags: [String] {
        ["-swift-version", "5", "-Onone", "-diagnostic-style", "llvm", "-I", directory.path] + moduleFlags
    }

    /// Flags of every frontend job (the driver's `-frontend` mode takes the same).
    var frontendFlags: [String] { ["-frontend"] + toolchain.pluginFlags }

    /// Compiles `cell`; `extraFlags` make installed packages importable.
    ///
    /// The diagnostics users see are those of the cell as top-level script code (`typeCheckSource`), exactly
    /// what `swiftc` says about the same code in a `main.swift`: the library's wrapper moves code around, which
    /// can change a message ("closure result type") or its column. The script pass runs first when variable
    /// types must be inferred, else only when the library compile said anything.
    func compile(_ cell: ParsedCell, source: String, module: String, header: [String],
                 extraFlags: [String] = [], lostVariables: [String] = []) throws -> CompilationResult {
        let declared = Set(cell.declaredNames.map(\.name))
        let lostVariables = lostVariables.filter { !declared.contains($0) }
        var variableTypes: [String: String] = [:]
        let inferred = Set(cell.storedVariables.filter { !$0.isPlainGlobal }.flatMap { variable in
            variable.names.filter { variable.annotatedTypes[$0] == nil }
        })
        for variable in cell.storedVariables { variableTypes.merge(variable.annotatedTypes) { $1 } }
        let checkScript = {
            try scriptCheck(cell, source: source, module: module, header: header, extraFlags: extraFlags,
                            lostVariables: lostVariables)
        }
        var script: ScriptCheck?
        if !inferred.isEmpty {
            let check = try checkScript()
            if check.failed { return .failed(check.diagnostics) }
            variableTypes.merge(InferredTypes.parse(printedAST: check.printedAST, names: inferred)) { $1 }
            script = check
        }
        let entrySymbol = "swift_dspy_\(module.lowercased())_entry"
        let library = directory.appendingPathComponent("lib\(module).so")
        let file = directory.appendingPathComponent("\(module).swift")
        try write(CellSourceGenerator.librarySource(cell: cell, header: header, module: module, entrySymbol: entrySymbol,
                                                    variableTypes: variableTypes, lostVariables: lostVariables), to: file)
        let object = directory.appendingPathComponent("\(module).o")
        let result = try CompilerProcess.run(toolchain.frontend, frontendFlags + [
            "-c", file.path, "-enable-testing", "-parse-as-library", "-module-name", module,
            "-emit-module-path", directory.appendingPathComponent("\(module).swiftmodule").path,
            "-o", object.path, "-gline-tables-only",
        ] + commonFlags + extraFlags)
        let libraryDiagnostics = userDiagnostics(result.output, cell: cell, generatedLayout: true)
        if !result.succeeded {
            let check = try script ?? checkScript()
            if check.failed { return .failed(check.diagnostics) }
            // The wrapper alone fails: its diagnostics are the only ones there are.
            guard libraryDiagnostics.contains(where: { $0.severity == .error }) else {
                throw CellEngineError.internalCompilerFailure(output: result.output)
            }
            return .failed(libraryDiagnostics)
        }
        try link(object, into: library)
        var warnings: [Diagnostic] = []
        if !libraryDiagnostics.isEmpty || script != nil {
            let check = try script ?? checkScript()
            warnings = check.failed ? libraryDiagnostics : check.diagnostics
        }
        return .compiled(CompiledCell(module: module, libraryPath: library.path, entrySymbol: entrySymbol,
                                      variableTypes: variableTypes, warnings: warnings))
    }

    /// What the script-mode type-check of a cell printed and said about the user's code.
    struct ScriptCheck {
        var failed: Bool
        /// The printed AST.
        var printedAST: String
        var diagnostics: [Diagnostic]
    }

    /// Type-checks the cell as top-level script code, printing the AST (for inferred types).
    private func scriptCheck(_ cell: ParsedCell, source: String, module: String, header: [String],
                             extraFlags: [String], lostVariables: [String]) throws -> ScriptCheck {
        let file = directory.appendingPathComponent("\(module)-types.swift")
        try write(CellSourceGenerator.typeCheckSource(cell: source, header: header, lostVariables: lostVariables), to: file)
        let result = try CompilerProcess.run(toolchain.frontend, frontendFlags + ["-typecheck", "-print-ast", file.path,
                                                                "-module-name", module] + commonFlags + extraFlags)
        let cellLine = CellSourceGenerator.typeCheckCellLine(header: header, lostVariables: lostVariables)
        let output = Diagnostic.relocating(result.output, from: file.path, firstLine: cellLine,
                                           to: CellSourceGenerator.userFileName)
        let diagnostics = userDiagnostics(output, cell: cell)
        return ScriptCheck(failed: !result.succeeded || diagnostics.contains { $0.severity == .error },
                           printedAST: result.standardOutput, diagnostics: diagnostics)
    }

    /// Links a cell's object into a shared library. Symbols of DSPy and earlier cells stay undefined (the
    /// worker resolves them against itself); libraries the cell's imports ask for, such as
    /// `libswiftRegexBuilder`, are linked as the driver would.
    private func link(_ object: URL, into library: URL) throws {
        defer { try? FileManager.default.removeItem(at: object) }
        let libraries = try AutolinkEntries.read(objectAt: object.path)
        let linked = try CompilerProcess.run(toolchain.linker, ["-shared", "--eh-frame-hdr", "-o", library.path]
            + librarySearchFlags + [toolchain.runtimeImageObject, object.path] + libraries)
        guard linked.succeeded else { throw CellEngineError.internalCompilerFailure(output: linked.output) }
    }

    /// The types of `names` (variables of earlier cells) as a new cell with `header` sees them.
    func inferTypes(of names: [String], header: [String]) throws -> [String: String] {
        let probes = names.map { "let \(CellSourceGenerator.generatedPrefix)Type_\($0) = \($0)" }
        let file = directory.appendingPathComponent("types.swift")
        try write(CellSourceGenerator.typeCheckSource(cell: probes.joined(separator: "\n"), header: header), to: file)
        let result = try CompilerProcess.run(toolchain.frontend, frontendFlags + ["-typecheck", "-print-ast", file.path,
                                                                "-module-name", "Types"] + commonFlags)
        let prefix = "\(CellSourceGenerator.generatedPrefix)Type_"
        let types = InferredTypes.parse(printedAST: result.standardOutput, names: Set(names.map { prefix + $0 }))
        return Dictionary(uniqueKeysWithValues: types.map { (String($0.key.dropFirst(prefix.count)), $0.value) })
    }

    /// Type-checks an empty cell with `header`: loads the preloaded modules once so later compiles find them
    /// in the file cache.
    func typeCheck(header: [String]) throws -> Bool {
        let file = directory.appendingPathComponent("warmup.swift")
        try write(CellSourceGenerator.typeCheckSource(cell: "", header: header), to: file)
        return try CompilerProcess.run(toolchain.frontend, frontendFlags + ["-typecheck", file.path, "-module-name", "Warmup"] + commonFlags).succeeded
    }

    /// The diagnostics about the user's code, without the ones only generated code can cause (unused
    /// results of the trailing expression, which the engine shows, and generated names).
    private func userDiagnostics(_ output: String, cell: ParsedCell, generatedLayout: Bool = false) -> [Diagnostic] {
        let trailing = cell.items.last.flatMap { $0.kind == .trailingExpression ? $0 : nil }
        let trailingLines = trailing.map { $0.line...$0.endLine }
        var diagnostics = Diagnostic.parse(compilerOutput: output, file: CellSourceGenerator.userFileName)
        if generatedLayout, let trailing {
            let shift = CellSourceGenerator.columnShift(of: trailing)
            for index in diagnostics.indices where diagnostics[index].line == trailing.line {
                diagnostics[index].column = max(1, diagnostics[index].column - shift)
            }
        }
        // A note belongs to the diagnostic before it, so it goes wherever that one goes.
        var keepsPrevious = true
        return diagnostics.filter { diagnostic in
            if diagnostic.severity == .note { return keepsPrevious }
            keepsPrevious = isUsers(diagnostic, trailingLines: trailingLines)
            return keepsPrevious
        }
    }

    private func isUsers(_ diagnostic: Diagnostic, trailingLines: ClosedRange<Int>?) -> Bool {
        if diagnostic.message.contains(CellSourceGenerator.generatedPrefix) { return false }
        // Later cells may mutate or read what this cell declares, so these are not the user's mistakes.
        if diagnostic.severity == .warning,
           diagnostic.message.contains("was never mutated") || diagnostic.message.contains("was never used") {
            return false
        }
        if diagnostic.severity == .warning, let lines = trailingLines, lines.contains(diagnostic.line),
           diagnostic.message.contains("unused") || diagnostic.message.contains("inferred to have type") {
            return false
        }
        return true
    }

    private func write(_ text: String, to file: URL) throws {
        do {
            try text.write(to: file, atomically: false, encoding: .utf8)
        } catch {
            throw CellEngineError.sessionStorage(path: file.path, reason: "\(error)")
        }
    }
}
