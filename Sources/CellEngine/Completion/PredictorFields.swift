import DSPy
import SwiftParser
import SwiftSyntax

/// The input fields of the predictor a call is made on, `predict(|` → `sql_prompt:`, `sql_context:`, read from
/// the source that defined it: the language server only sees `@dynamicCallable`'s `withArguments:`.
///
/// A predictor's signature is a run-time value, but in a notebook it is almost always written out: a string
/// literal (`Predict("question -> answer")`), or a signature declared in a cell (`let TextToSql = Signature(...)
/// { InputField("sql_prompt") ... }`, `try Signature("a, b -> c")`) and passed by name, possibly through other
/// modules or bindings. Following the bindings in the cells' source answers instantly, even while a cell runs,
/// without asking the worker. Signatures computed at run time (`signature.append(...)`, loaded programs) are
/// not followed; the call then gets the language server's completions.
enum PredictorFields {
    /// One input field offered as an argument label.
    struct Field: Equatable, Sendable {
        var name: String
        /// The field's type as DSPy writes it (`str`, `list[str]`), or the builder's `type:` argument.
        var type: String
        var description: String?
    }

    /// The call whose argument list the cursor (a UTF-8 offset into `code`) is in: the called name (`predict`
    /// for `predict(` and `self.predict(`) and the labels its arguments already have.
    static func enclosingCall(in code: String, utf8Offset: Int) -> (callee: String, givenLabels: Set<String>)? {
        let tree = Parser.parse(source: code)
        let position = AbsolutePosition(utf8Offset: max(0, utf8Offset - 1))
        guard let token = tree.token(at: position) else { return nil }
        var node: Syntax? = Syntax(token)
        while let current = node {
            if let call = current.as(FunctionCallExprSyntax.self), let open = call.leftParen,
               open.endPositionBeforeTrailingTrivia.utf8Offset <= utf8Offset,
               call.rightParen.map({ $0.presence == .missing || $0.positionAfterSkippingLeadingTrivia.utf8Offset >= utf8Offset }) ?? true {
                guard let callee = calledName(call.calledExpression) else { return nil }
                return (callee, Set(call.arguments.compactMap { $0.label?.text }))
            }
            node = current.parent
        }
        return nil
    }

    /// The input fields of the value bound to `name`, following bindings through `sources` (the code being
    /// edited first, then earlier cells, newest first); nil when it is not a predictor built from a signature
    /// written in the source.
    static func inputFields(of name: String, in sources: [String]) -> [Field]? {
        let bindings = Bindings(sources: sources)
        guard let value = bindings.value(of: name) else { return nil }
        return signatureFields(constructedBy: value, bindings: bindings, depth: 0)
    }

    /// The fields of the signature a module constructor call (`Predict(sig)`, `ChainOfThought(sig)`) was given.
    private static func signatureFields(constructedBy expression: ExprSyntax, bindings: Bindings, depth: Int) -> [Field]? {
        guard depth < 6, let call = unwrapped(expression).as(FunctionCallExprSyntax.self),
              calledName(call.calledExpression) != "Signature",
              let first = call.arguments.first, first.label == nil else { return nil }
        return signature(first.expression, bindings: bindings, depth: depth + 1)
    }

    /// The input fields of a signature expression: a string literal, a `Signature(...)` call, or a name bound to one.
    private static func signature(_ expression: ExprSyntax, bindings: Bindings, depth: Int) -> [Field]? {
        let expression = unwrapped(expression)
        if let literal = stringValue(expression) {
            return (try? Signature(literal))?.inputFields.map { Field(name: $0.name, type: $0.type.annotationName) }
        }
        if let reference = expression.as(DeclReferenceExprSyntax.self), depth < 6,
           let value = bindings.value(of: reference.baseName.text) {
            return signature(value, bindings: bindings, depth: depth + 1)
        }
        guard let call = expression.as(FunctionCallExprSyntax.self) else { return nil }
        if calledName(call.calledExpression) != "Signature" {
            // `TextToSql.withInstructions("...")` keeps the fields of its base.
            if let member = call.calledExpression.as(MemberAccessExprSyntax.self), member.declName.baseName.text == "withInstructions",
               let base = member.base {
                return signature(base, bindings: bindings, depth: depth + 1)
            }
            return nil
        }
        if let closure = call.trailingClosure {
            return closure.statements.compactMap { builderField($0.item) }
        }
        guard let first = call.arguments.first, first.label == nil else { return nil }
        return signature(first.expression, bindings: bindings, depth: depth + 1)
    }

    /// An `InputField("name", desc: "...", type: .int)` line of a signature builder.
    private static func builderField(_ item: CodeBlockItemSyntax.Item) -> Field? {
        guard let call = item.as(ExprSyntax.self)?.as(FunctionCallExprSyntax.self),
              calledName(call.calledExpression) == "InputField",
              let first = call.arguments.first, let name = stringValue(first.expression) else { return nil }
        let argument = { (label: String) in call.arguments.first { $0.label?.text == label }?.expression }
        return Field(name: name, type: argument("type").map { String($0.trimmedDescription.trimmingPrefix(".")) } ?? "str",
                     description: argument("desc").flatMap(stringValue))
    }

    private static func unwrapped(_ expression: ExprSyntax) -> ExprSyntax {
        if let tried = expression.as(TryExprSyntax.self) { return unwrapped(tried.expression) }
        if let awaited = expression.as(AwaitExprSyntax.self) { return unwrapped(awaited.expression) }
        return expression
    }

    private static func calledName(_ expression: ExprSyntax) -> String? {
        if let reference = expression.as(DeclReferenceExprSyntax.self) { return reference.baseName.text }
        return expression.as(MemberAccessExprSyntax.self)?.declName.baseName.text
    }

    /// The text of a string literal without interpolation.
    private static func stringValue(_ expression: ExprSyntax) -> String? {
        guard let literal = expression.as(StringLiteralExprSyntax.self) else { return nil }
        var text = ""
        for segment in literal.segments {
            guard let plain = segment.as(StringSegmentSyntax.self) else { return nil }
            text += plain.content.text
        }
        return text
    }

    /// The initial values of the variables `sources` declare, newest declaration first.
    private struct Bindings {
        let trees: [SourceFileSyntax]

        init(sources: [String]) { trees = sources.map { Parser.parse(source: $0) } }

        func value(of name: String) -> ExprSyntax? {
            for tree in trees {
                let finder = BindingFinder(name: name)
                finder.walk(tree)
                if let value = finder.value { return value }
            }
            return nil
        }
    }

    /// Finds the last `let`/`var` binding of one name in a source file (top level, or a type's stored property).
    private final class BindingFinder: SyntaxVisitor {
        let name: String
        var value: ExprSyntax?

        init(name: String) {
            self.name = name
            super.init(viewMode: .sourceAccurate)
        }

        override func visit(_ node: PatternBindingSyntax) -> SyntaxVisitorContinueKind {
            if node.pattern.as(IdentifierPatternSyntax.self)?.identifier.text == name, let initial = node.initializer?.value {
                value = initial
            }
            return .visitChildren
        }
    }
}
