import SwiftParser
import SwiftSyntax

/// Splits a cell's source into `ParsedCell` items with swift-syntax.
enum CellParser {
    /// Parses `source`; syntax errors are left for the compiler, which reports them with positions.
    static func parse(_ source: String) -> ParsedCell {
        let file = Parser.parse(source: source)
        let converter = SourceLocationConverter(fileName: "", tree: file)
        var items: [ParsedCell.Item] = []
        for statement in file.statements {
            let start = statement.positionAfterSkippingLeadingTrivia
            let end = statement.endPositionBeforeTrailingTrivia
            let startLocation = converter.location(for: start)
            let endLocation = converter.location(for: end)
            let text = statement.trimmedDescription
            items.append(ParsedCell.Item(kind: kind(of: statement.item, start: start, converter: converter), text: text, line: startLocation.line,
                                         column: startLocation.column, endLine: endLocation.line))
        }
        if let last = items.indices.last, items[last].kind == .statement,
           let expression = file.statements.last?.item.as(ExprSyntax.self), !isAssignment(expression) {
            items[last].kind = .trailingExpression
        }
        return ParsedCell(items: items, suspends: SuspensionFinder.suspends(file))
    }

    private static func kind(of item: CodeBlockItemSyntax.Item, start: AbsolutePosition,
                             converter: SourceLocationConverter) -> ParsedCell.Kind {
        guard let declaration = item.as(DeclSyntax.self) else { return .statement }
        if declaration.is(ImportDeclSyntax.self) { return .importDeclaration }
        if let variable = declaration.as(VariableDeclSyntax.self) {
            if var stored = storedVariable(variable) {
                if stored.isPlainGlobal, variable.bindings.count == 1, let value = variable.bindings.first?.initializer?.value {
                    let position = value.positionAfterSkippingLeadingTrivia
                    let location = converter.location(for: position)
                    stored.initialValue = SourceAnchor(offset: position.utf8Offset - start.utf8Offset,
                                                       line: location.line, column: location.column)
                }
                return .storedVariable(stored)
            }
            let names = variable.bindings.flatMap { boundNames($0.pattern) }
            return .declaration(names.map { DeclaredName(name: $0, kind: .variable) })
        }
        return .declaration(declaredNames(declaration))
    }

    private static func declaredNames(_ declaration: DeclSyntax) -> [DeclaredName] {
        func named(_ token: TokenSyntax, _ kind: DeclaredName.Kind) -> [DeclaredName] {
            [DeclaredName(name: token.text.trimmingBackticks, kind: kind)]
        }
        if let decl = declaration.as(FunctionDeclSyntax.self) {
            // Operator functions are found through their operator, not their name.
            guard decl.name.tokenKind == .identifier(decl.name.text) else {
                let parameters = decl.signature.parameterClause.parameters.map(\.type.trimmedDescription)
                return [DeclaredName(name: "operator \(decl.name.text)(\(parameters.joined(separator: ", ")))", kind: .anonymous)]
            }
            return named(decl.name, .function)
        }
        if let decl = declaration.as(OperatorDeclSyntax.self) {
            return [DeclaredName(name: "\(decl.fixitySpecifier.text) operator \(decl.name.text)", kind: .anonymous)]
        }
        if let decl = declaration.as(ExtensionDeclSyntax.self) { return extensionNames(decl) }
        if let decl = declaration.as(StructDeclSyntax.self) { return named(decl.name, .structure) }
        if let decl = declaration.as(ClassDeclSyntax.self) { return named(decl.name, .classType) }
        if let decl = declaration.as(ActorDeclSyntax.self) { return named(decl.name, .classType) }
        if let decl = declaration.as(EnumDeclSyntax.self) { return named(decl.name, .enumeration) }
        if let decl = declaration.as(ProtocolDeclSyntax.self) { return named(decl.name, .protocolType) }
        if let decl = declaration.as(TypeAliasDeclSyntax.self) { return named(decl.name, .typeAlias) }
        return []
    }

    /// What an extension adds, by the extended type: its conformances and its members' names.
    private static func extensionNames(_ decl: ExtensionDeclSyntax) -> [DeclaredName] {
        let type = decl.extendedType.trimmedDescription
        let conformances = decl.inheritanceClause?.inheritedTypes.map { "\(type): \($0.type.trimmedDescription)" } ?? []
        let members = decl.memberBlock.members.flatMap { member -> [String] in
            if let initializer = member.decl.as(InitializerDeclSyntax.self) {
                let parameters = initializer.signature.parameterClause.parameters.map { "\($0.firstName.text):" }
                return ["\(type).init(\(parameters.joined()))"]
            }
            let variables = member.decl.as(VariableDeclSyntax.self)?.bindings.flatMap { boundNames($0.pattern) } ?? []
            return (declaredNames(member.decl).map(\.name) + variables).map { "\(type).\($0)" }
        }
        return (conformances + members).map { DeclaredName(name: $0, kind: .anonymous) }
    }

    /// A `let`/`var` whose bindings all store a value (no accessors, observers or wrappers).
    private static func storedVariable(_ variable: VariableDeclSyntax) -> StoredVariable? {
        guard variable.attributes.isEmpty,
              variable.bindings.allSatisfy({ $0.accessorBlock == nil }) else { return nil }
        var names: [String] = []
        var types: [String: String] = [:]
        for binding in variable.bindings {
            let bound = boundNames(binding.pattern)
            names += bound
            if let annotation = binding.typeAnnotation?.type {
                types.merge(typedNames(binding.pattern, annotation)) { $1 }
            }
        }
        let hasInitializer = variable.bindings.allSatisfy { $0.initializer != nil }
        let suspendsOrThrows = variable.bindings.contains { binding in
            binding.initializer?.value.tokens(viewMode: .sourceAccurate).contains {
                $0.tokenKind == .keyword(.try) || $0.tokenKind == .keyword(.await)
            } ?? false
        }
        return StoredVariable(isLet: variable.bindingSpecifier.tokenKind == .keyword(.let), names: names,
                              annotatedTypes: types, hasInitializer: hasInitializer,
                              isPlainGlobal: hasInitializer && !suspendsOrThrows)
    }

    /// The names a pattern binds, left to right (`(a, (b, _))` binds a and b).
    static func boundNames(_ pattern: PatternSyntax) -> [String] {
        if let identifier = pattern.as(IdentifierPatternSyntax.self) {
            return [identifier.identifier.text.trimmingBackticks]
        }
        if let tuple = pattern.as(TuplePatternSyntax.self) {
            return tuple.elements.flatMap { boundNames($0.pattern) }
        }
        return []
    }

    /// The type of each name a pattern binds, matching tuple patterns with tuple types element by element.
    static func typedNames(_ pattern: PatternSyntax, _ type: TypeSyntax) -> [String: String] {
        if let identifier = pattern.as(IdentifierPatternSyntax.self) {
            return [identifier.identifier.text.trimmingBackticks: type.trimmedDescription]
        }
        guard let tuple = pattern.as(TuplePatternSyntax.self), let tupleType = type.as(TupleTypeSyntax.self),
              tuple.elements.count == tupleType.elements.count else { return [:] }
        var types: [String: String] = [:]
        for (element, elementType) in zip(tuple.elements, tupleType.elements) {
            types.merge(typedNames(element.pattern, elementType.type)) { $1 }
        }
        return types
    }

    /// `x = 1` and `x += 1` are statements, not values to show.
    private static func isAssignment(_ expression: ExprSyntax) -> Bool {
        if let infix = expression.as(InfixOperatorExprSyntax.self) {
            if infix.operator.is(AssignmentExprSyntax.self) { return true }
            if let binary = infix.operator.as(BinaryOperatorExprSyntax.self) {
                let text = binary.operator.text
                return text.hasSuffix("=") && !["==", "!=", "<=", ">=", "===", "!=="].contains(text)
            }
        }
        if let sequence = expression.as(SequenceExprSyntax.self) {
            return sequence.elements.contains { element in
                if element.is(AssignmentExprSyntax.self) { return true }
                if let binary = element.as(BinaryOperatorExprSyntax.self) {
                    let text = binary.operator.text
                    return text.hasSuffix("=") && !["==", "!=", "<=", ">=", "===", "!=="].contains(text)
                }
                return false
            }
        }
        return false
    }
}

extension String {
    fileprivate var trimmingBackticks: String {
        hasPrefix("`") && hasSuffix("`") && count > 1 ? String(dropFirst().dropLast()) : self
    }
}
