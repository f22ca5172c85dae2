import Testing
@testable import CellEngine

/// How cells split into declarations, stored variables, statements and a trailing expression.
struct CellParserTests {
    @Test func splitsKinds() {
        let cell = CellParser.parse("import Foundation\nstruct A {}\nlet x = 1\nprint(x)\nx + 1")
        #expect(cell.items.map(\.kind) == [
            .importDeclaration, .declaration([DeclaredName(name: "A", kind: .structure)]),
            .storedVariable(StoredVariable(isLet: true, names: ["x"], annotatedTypes: [:], hasInitializer: true, isPlainGlobal: true,
                                           initialValue: SourceAnchor(offset: 8, line: 3, column: 9))),
            .statement, .trailingExpression,
        ])
        #expect(cell.items[2].line == 3 && cell.items[2].column == 1)
    }

    @Test func assignmentsAreNotResults() {
        for code in ["x = 1", "x += 1", "a.b = c"] {
            #expect(CellParser.parse(code).items.last?.kind == .statement, "\(code)")
        }
        #expect(CellParser.parse("x == 1").items.last?.kind == .trailingExpression)
    }

    @Test func tuplePatternsBindEachNameWithItsType() {
        let cell = CellParser.parse("let (a, (b, _)): (Int, (String, Double)) = (1, (\"s\", 2))")
        #expect(cell.storedVariables.first?.names == ["a", "b"])
        #expect(cell.storedVariables.first?.annotatedTypes == ["a": "Int", "b": "String"])
    }

    @Test func initialValuesThatThrowOrSuspendNeedStorage() {
        #expect(CellParser.parse("let a = f()").storedVariables.first?.isPlainGlobal == true)
        #expect(CellParser.parse("let a = try f()").storedVariables.first?.isPlainGlobal == false)
        #expect(CellParser.parse("let a = await f()").storedVariables.first?.isPlainGlobal == false)
        #expect(CellParser.parse("var a: Int").storedVariables.first?.isPlainGlobal == false)
    }

    @Test func computedAndObservedVariablesAreDeclarations() {
        #expect(CellParser.parse("var c: Int { 1 }").items.first?.kind == .declaration([DeclaredName(name: "c", kind: .variable)]))
        #expect(CellParser.parse("extension Int {}").hasAnonymousDeclarations)
        #expect(CellParser.parse("actor Q {}").declaredNames == [DeclaredName(name: "Q", kind: .classType)])
    }

    @Test func inferredTypesComeFromThePrintedAST() {
        let printed = "@MainActor @_hasInitialValue internal let f: (_ x: Int) -> Int = { (x: Int) in\n  x\n}\n@MainActor @_hasInitialValue internal let (p, q): (Int, Double) = (1, 2.5)"
        #expect(InferredTypes.parse(printedAST: printed, names: ["f", "p", "q"]) == ["f": "(_ x: Int) -> Int", "p": "Int", "q": "Double"])
    }

    /// Extension members, conformances and operators get names a newer cell's same declarations shadow.
    @Test func anonymousDeclarationsAreNamedForShadowing() {
        let cell = CellParser.parse("""
            extension String: Identifiable { var shout: String { uppercased() }; func twice() -> String { self + self }; init(n: Int) { self = "" } }
            infix operator <+>
            func <+> (a: Int, b: Int) -> Int { a + b }
            """)
        #expect(Set(cell.declaredNames.map(\.name)) == ["String: Identifiable", "String.init(n:)", "String.shout", "String.twice",
                                                        "infix operator <+>", "operator <+>(Int, Int)"])
        #expect(cell.declaredNames.allSatisfy { $0.kind == .anonymous } && cell.hasAnonymousDeclarations)
    }

    /// The body is async only where top-level code itself suspends.
    @Test func suspendsOnlyForTopLevelAwaits() {
        #expect(CellParser.parse("let x = await f()").suspends)
        #expect(CellParser.parse("for await line in lines { print(line) }").suspends)
        #expect(CellParser.parse("async let y = f()").suspends)
        #expect(!CellParser.parse("Thread.sleep(forTimeInterval: 1)\nTask { await f() }\nfunc g() async { await f() }").suspends)
    }
}
