import Foundation
import Testing

/// Re-running cells behaves like running them once, the newest definitions winning.
@Suite(.serialized)
struct RerunTests {
    /// The repro, verbatim: its `g` returns its own `E`, so each run's `g` has another signature.
    static let repro = "struct E { let v: Int }\nfunc g(_ k: Int) -> E? { k > 0 ? E(v: k) : nil }\nlet e1 = g(1)"

    @Test func theSameCellThreeTimes() throws {
        let fixture = try EngineFixture()
        defer { fixture.close() }
        for run in 1...3 {
            let (outcome, _) = fixture.run(Self.repro)
            #expect(outcome.succeeded, "run \(run): \(outcome.errorText)")
        }
        #expect(fixture.run("g(7)!.v + e1!.v").0.plainResult == "8")
    }

    /// Run All twice over cells that build on each other: types, functions using them, extensions,
    /// operators, and a value computed with `try`.
    @Test func runAllTwice() throws {
        let fixture = try EngineFixture()
        defer { fixture.close() }
        let cells = [
            "struct Endpoint { let url: String }\nfunc configured(_ url: String, model: String = \"m\") -> Endpoint { Endpoint(url: url + model) }",
            "extension String { var shout: String { uppercased() } }\ninfix operator <+>\nfunc <+> (a: Endpoint, b: Endpoint) -> Endpoint { Endpoint(url: a.url + b.url) }",
            "enum Failure: Error { case bad }\nfunc check(_ e: Endpoint) throws -> Endpoint { if e.url.isEmpty { throw Failure.bad }; return e }\nlet endpoint = try check(configured(\"a\"))",
            "let both = endpoint <+> configured(\"b\".shout)\nboth.url",
        ]
        for round in 1...2 {
            for (index, cell) in cells.enumerated() {
                let (outcome, _) = fixture.run(cell)
                #expect(outcome.succeeded, "round \(round), cell \(index + 1): \(outcome.errorText)")
                if index == cells.count - 1 { #expect(outcome.plainResult == "\"amBm\"") }
            }
        }
        // Redefining one function keeps the others of its cell.
        #expect(fixture.run("func configured(_ url: String, model: String = \"z\") -> Endpoint { Endpoint(url: model + url) }").0.succeeded)
        #expect(fixture.run("(configured(\"a\") <+> endpoint).url").0.plainResult == "\"zaam\"")
    }
}
