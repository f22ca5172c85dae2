/// Cell sequences covering statements, declarations of every kind, persistence, redefinition, async and
/// throwing cells, compile errors and the preloaded modules.
enum CellSequences {
    static let all: [CellSequence] = basics + declarations + redefinitions + concurrency + errors + outputs + magics

    static let basics: [CellSequence] = [
        .init("trailing expression is the result", [("1 + 2", .result("3"))]),
        .init("strings show as Swift literals", [("\"hi\"", .result("\"hi\""))]),
        .init("print goes to stdout and shows no result", [("print(\"hello\")", .stdout("hello\n")), ("print(1)", .noResult)]),
        .init("optional chaining to a Void call shows no result, as IPython shows nothing for None",
              [("final class Server { func stop() {} }", .noResult), ("let server: Server? = Server()", .noResult),
               ("server?.stop()", .noResult)]),
        .init("let persists", [("let x = 41", .noResult), ("x + 1", .result("42"))]),
        .init("var assignment", [("var n = 1", .noResult), ("n = 5", .noResult), ("n", .result("5"))]),
        .init("var mutation in place", [("var a = [1]", .noResult), ("a.append(2)", .noResult), ("a", .result("[1, 2]"))]),
        .init("tuple keeps its type", [("let t = (1, \"a\")", .noResult), ("t.1", .result("\"a\""))]),
        .init("tuple destructuring", [("let (p, q) = (3, 4.5)", .noResult), ("Double(p) + q", .result("7.5"))]),
        .init("closure in a let", [("let double = { (x: Int) in x * 2 }", .noResult), ("double(21)", .result("42"))]),
        .init("closure in a var reassigned", [("var op: (Int) -> Int = { $0 + 1 }", .noResult), ("op = { $0 * 10 }", .noResult), ("op(3)", .result("30"))]),
        .init("several statements then a value", [("let q1 = 2\nlet q2 = 3\nq1 * q2", .result("6"))]),
        .init("optional nil result", [("let o: Int? = nil", .noResult), ("o", .result("nil"))]),
        .init("Foundation is preloaded", [("\"a,b\".components(separatedBy: \",\")", .result("[\"a\", \"b\"]"))]),
        .init("DSPy is preloaded", [("Interruption.isRequested", .result("false"))]),
        .init("user imports carry over", [("import RegexBuilder", .noResult), ("let digits = Regex { OneOrMore(.digit) }", .noResult), ("\"ab123\".firstMatch(of: digits).map { String($0.output) }", .result("Optional(\"123\")"))]),
        .init("multiple bindings in one declaration", [("let b1 = 1, b2 = \"two\"", .noResult), ("\"\\(b1) \\(b2)\"", .result("\"1 two\""))]),
        .init("declared type without initial value", [("var later: Int", .noResult), ("later = 9", .noResult), ("later * 2", .result("18"))]),
        .init("control flow at top level", [("var total = 0\nfor i in 1...10 { total += i }\nif total > 50 { print(\"big\", total) }", .stdout("big 55"))]),
        .init("computed global variable", [("var base = 2", .noResult), ("var doubled: Int { base * 2 }", .noResult), ("base = 5", .noResult), ("doubled", .result("10"))]),
    ]

    static let declarations: [CellSequence] = [
        .init("function", [("func sq(_ x: Int) -> Int { x * x }", .noResult), ("sq(7)", .result("49"))]),
        .init("struct", [("struct P { var x: Int }", .noResult), ("P(x: 3)", .resultContaining("P(x: 3)"))]),
        .init("class with state", [("class C { var v = 0; func inc() { v += 1 } }", .noResult), ("let c = C()", .noResult), ("c.inc(); c.inc()", .noResult), ("c.v", .result("2"))]),
        .init("enum", [("enum Color { case red, green }", .noResult), ("Color.green", .resultContaining("green"))]),
        .init("protocol and conformance", [("protocol Shape { func area() -> Double }", .noResult), ("struct Sq: Shape { var s: Double; func area() -> Double { s * s } }", .noResult), ("let shapes: [any Shape] = [Sq(s: 3)]\nshapes[0].area()", .result("9.0"))]),
        .init("extension in a later cell", [("struct V { var x = 2 }", .noResult), ("extension V { var twice: Int { x * 2 } }", .noResult), ("V().twice", .result("4"))]),
        .init("extension of a standard type", [("extension Int { var squared: Int { self * self } }", .noResult), ("7.squared", .result("49"))]),
        .init("extension applies to existing values", [("struct W { var n = 1 }", .noResult), ("let w = W()", .noResult), ("extension W { func describe() -> String { \"W\\(n)\" } }", .noResult), ("w.describe()", .result("\"W1\""))]),
        .init("typealias", [("typealias Pair = (Int, Int)", .noResult), ("let pr: Pair = (1, 2)", .noResult), ("pr.0 + pr.1", .result("3"))]),
        .init("custom operator", [("infix operator **: MultiplicationPrecedence\nfunc ** (a: Int, b: Int) -> Int { (0..<b).reduce(1) { acc, _ in acc * a } }", .noResult), ("2 ** 10", .result("1024"))]),
        .init("generic function", [("func firstOf<T>(_ a: [T]) -> T? { a.first }", .noResult), ("firstOf([\"a\", \"b\"])", .result("Optional(\"a\")"))]),
        .init("generic struct keeps its inferred type", [("struct Box<T> { var value: T }", .noResult), ("let box = Box(value: 3)", .noResult), ("box.value + 1", .result("4")), ("%who", .stdout("Box<Int>"))]),
        .init("nested types and static members", [("enum Config { struct Limits { static let max = 7 } }", .noResult), ("Config.Limits.max", .result("7"))]),
        .init("closure capturing an earlier variable", [("var counter = 0", .noResult), ("let bump = { counter += 1 }", .noResult), ("bump(); bump(); bump()", .noResult), ("counter", .result("3"))]),
        .init("function sees assignments from later cells", [("var cnt = 0", .noResult), ("func tick() { cnt += 1 }", .noResult), ("tick(); tick()", .noResult), ("cnt = 10", .noResult), ("tick()", .noResult), ("cnt", .result("11"))]),
        .init("doc-commented function inspected later", [("/// Adds one.\nfunc addOne(_ x: Int) -> Int { x + 1 }", .noResult), ("addOne(1)", .result("2"))]),
    ]

    static let redefinitions: [CellSequence] = [
        .init("variable redefined with a new type", [("let r = 1", .noResult), ("let r = \"s\"", .noResult), ("r", .result("\"s\""))]),
        .init("redefinition keeps values computed from the old one", [("let base = 10", .noResult), ("let base2 = base * 2", .noResult), ("let base = 1", .noResult), ("base2 + base", .result("21"))]),
        .init("let redefined as var", [("let lv = 1", .noResult), ("var lv = 2", .noResult), ("lv += 1", .noResult), ("lv", .result("3"))]),
        .init("let cannot be assigned", [("let fixed = 1", .noResult), ("fixed = 2", .error("CompilationError")), ("fixed", .result("1"))]),
        .init("function redefined", [("func f() -> String { \"one\" }", .noResult), ("func f() -> String { \"two\" }", .noResult), ("f()", .result("\"two\""))]),
        .init("struct redefined", [("struct S { var a = 1 }", .noResult), ("struct S { var b = \"x\" }", .noResult), ("S().b", .result("\"x\""))]),
        .init("class redefined", [("class K { func name() -> String { \"old\" } }", .noResult), ("class K { func name() -> String { \"new\" } }", .noResult), ("K().name()", .result("\"new\""))]),
        .init("enum redefined with new cases", [("enum Mode { case a }", .noResult), ("enum Mode { case a, b }", .noResult), ("Mode.b", .resultContaining("b"))]),
        .init("protocol redefined", [("protocol Named { var name: String { get } }", .noResult), ("protocol Named { var title: String { get } }", .noResult), ("struct Doc: Named { var title = \"t\" }\nDoc().title", .result("\"t\""))]),
        .init("typealias redefined", [("typealias Num = Int", .noResult), ("typealias Num = Double", .noResult), ("let number: Num = 1.5\nnumber", .result("1.5"))]),
        .init("actor redefined", [("actor Acc { func v() -> Int { 1 } }", .noResult), ("actor Acc { func v() -> Int { 2 } }", .noResult), ("await Acc().v()", .result("2"))]),
        .init("extension of a redefined type", [("struct T2 { var a = 1 }", .noResult), ("struct T2 { var b = 2 }", .noResult), ("extension T2 { var c: Int { b * 10 } }", .noResult), ("T2().c", .result("20"))]),
        .init("redefinition in the same cell as use", [("var s1 = 1", .noResult), ("var s1 = \"one\"\ns1 += \"!\"\ns1", .result("\"one!\""))]),
        .init("variable redefined three times", [("var v3 = 1", .noResult), ("var v3 = 2.5", .noResult), ("var v3 = [1, 2]", .noResult), ("v3.count", .result("2"))]),
    ]

    static let concurrency: [CellSequence] = [
        .init("actor", [("actor Counter { var n = 0; func inc() -> Int { n += 1; return n } }", .noResult), ("let counter = Counter()", .noResult), ("await counter.inc()", .result("1")), ("await counter.inc()", .result("2"))]),
        .init("async function awaited at top level", [("func slow() async -> Int { try? await Task.sleep(for: .milliseconds(10)); return 5 }", .noResult), ("await slow()", .result("5"))]),
        .init("await in a let", [("func later() async -> String { \"done\" }", .noResult), ("let done = await later()", .noResult), ("done", .result("\"done\""))]),
        .init("task group", [("let sum = await withTaskGroup(of: Int.self) { group in\n  for i in 1...4 { group.addTask { i * i } }\n  return await group.reduce(0, +)\n}", .noResult), ("sum", .result("30"))]),
        .init("main actor work", [("let onMain = await MainActor.run { Thread.isMainThread }", .noResult), ("onMain", .result("true"))]),
    ]

    static let errors: [CellSequence] = [
        .init("thrown error is an error output", [("struct Oops: Error {}", .noResult), ("throw Oops()", .errorContaining("Oops")), ("1", .result("1"))]),
        .init("try at top level", [("enum Bad: Error { case bad }\nfunc boom() throws -> Int { throw Bad.bad }", .noResult), ("try boom()", .errorContaining("bad")), ("2", .result("2"))]),
        .init("failed let leaves no name", [("enum Bad2: Error { case x }\nfunc fail() throws -> Int { throw Bad2.x }", .noResult), ("let z = try fail()", .errorContaining("x")), ("z", .error("CompilationError"))]),
        .init("compile error then a working cell", [("let y = undefinedName", .errorContaining("cannot find 'undefinedName'")), ("1", .result("1"))]),
        .init("compile error on the right line", [("let a1 = 1\nlet b1 = 2\nlet c1 = a1 + nope", .errorContaining("line 3"))]),
        .init("failed cell changes no state", [("let keep = 1", .noResult), ("let keep = \"x\"\nlet bad: Int = \"no\"", .error("CompilationError")), ("keep", .result("1"))]),
        .init("syntax error", [("let = 5", .error("CompilationError")), ("3", .result("3"))]),
        .init("type error in a statement", [("print(1 + \"a\")", .error("CompilationError"))]),
        .init("error in a function body", [("func broken() -> Int {\n  return \"text\"\n}", .errorContaining("line 2"))]),
    ]

    static let outputs: [CellSequence] = [
        .init("display HTML", [("display(HTML(\"<b>x</b>\"))", .noResult)]),
        .init("Markdown result", [("Markdown(\"# Title\")", .resultContaining("# Title"))]),
        .init("C stdio and raw fd writes are captured", [("fputs(\"from C\\n\", stdout)\n_ = \"raw\\n\".withCString { write(1, $0, 4) }", .stdout("from C\nraw\n"))]),
        .init("child process output is captured", [("let p = Process()\np.executableURL = URL(fileURLWithPath: \"/bin/sh\")\np.arguments = [\"-c\", \"echo from child\"]\ntry p.run()\np.waitUntilExit()", .stdout("from child"))]),
        .init("unicode output", [("print(\"héllo ✓ 🚀\")", .stdout("héllo ✓ 🚀"))]),
        .init("custom mime representation", [("struct Badge: MimeRepresentable { var mimeBundle: [String: JSONValue] { [\"text/html\": \"<i>b</i>\"] } }", .noResult), ("Badge()", .resultContaining("Badge"))]),
    ]

    static let magics: [CellSequence] = [
        .init("%who lists variables with types", [("let wa = 1\nvar wb = \"s\"\nlet wc = (1, 2.0)", .noResult), ("%who", .stdout("wc  (Int, Double)"))]),
        .init("%reset forgets everything", [("let gone = 1", .noResult), ("%reset", .noResult), ("gone", .error("CompilationError"))]),
        .init("%who knows thrown, awaited and plain variables", [("func make() throws -> [String: Int] { [:] }\nfunc fetch() async -> Set<Int> { [] }", .noResult), ("let made = try make()\nlet fetched = await fetch()\nlet plain = [1.5]", .noResult), ("%who", .stdout("fetched  Set<Int>\nmade     [String : Int]\nplain    [Double]"))]),
        .init("%timeit times code", [("%timeit _ = (1...100).reduce(0, +)", .stdout("per loop"))]),
        .init("unknown magic", [("%nope", .error("UsageError"))]),
    ]
}
