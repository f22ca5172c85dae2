import Foundation
import Testing

/// Each kind of trap kills only the worker: the error carries the trap message, the next cell works, and
/// `%rerun` restores the lost values.
@Suite(.serialized)
struct CrashIsolationTests {
    static let crashes: [(name: String, code: String, message: String)] = [
        ("fatalError", "fatalError(\"boom here\")", "boom here"),
        ("nil unwrap", "let missing: Int? = nil\nprint(missing!)", "Unexpectedly found nil"),
        ("index out of range", "let small = [1, 2]\nprint(small[5])", "Index out of range"),
        ("integer overflow", "var big = Int.max\nbig += Int(\"1\")!", "overflow"),
        ("stack overflow", "func down(_ n: Int) -> Int { n == -1 ? 0 : 1 + down(n + 1) }\nprint(down(0))", "SIGSEGV"),
        ("SIGSEGV", "let pointer = UnsafeMutablePointer<Int>(bitPattern: 8)!\npointer.pointee = 1", "SIGSEGV"),
    ]

    @Test(arguments: crashes.map(\.name))
    func crashThenWorkingCell(_ name: String) throws {
        let crash = try #require(Self.crashes.first { $0.name == name })
        let fixture = try EngineFixture()
        defer { fixture.close() }
        #expect(fixture.run("var kept = 42\nfunc helper() -> Int { 7 }").0.succeeded)
        let (outcome, output) = fixture.run(crash.code)
        #expect(outcome.errorName == "WorkerCrashed", "\(outcome)")
        #expect(outcome.errorText.contains(crash.message), "\(outcome)\nstderr: \(output.text(.stderr))")
        #expect(outcome.errorText.contains("kept"), "names the lost variable: \(outcome)")
        #expect(outcome.errorText.contains("%rerun"))
        // Declarations survive the restart; values come back with %rerun.
        #expect(fixture.run("helper() * 6").0.plainResult == "42")
        #expect(fixture.run("%rerun").0.succeeded)
        #expect(fixture.run("kept + 1").0.plainResult == "43")
    }

    @Test func readingALostValueNamesIt() throws {
        let fixture = try EngineFixture()
        defer { fixture.close() }
        #expect(fixture.run("let lost = 5").0.succeeded)
        #expect(fixture.run("fatalError(\"x\")").0.errorName == "WorkerCrashed")
        let (outcome, _) = fixture.run("lost")
        #expect(outcome.errorName == "CompilationError", "\(outcome)")
        #expect(outcome.errorText.contains("'lost' is unavailable: its value was lost when the worker restarted; run %rerun"), "\(outcome)")
        #expect(fixture.run("%rerun").0.succeeded)
        #expect(fixture.run("lost").0.plainResult == "5")
    }

    /// A function compiled before the crash reads a plain global: after the restart it must not see the
    /// global's initial value recomputed as if nothing happened, but an error naming the lost variable.
    @Test func aFunctionReadingALostGlobalReportsItInsteadOfRecomputingIt() throws {
        let fixture = try EngineFixture()
        defer { fixture.close() }
        #expect(fixture.run("var counter = 5").0.succeeded)
        #expect(fixture.run("counter += 1\nfunc current() -> Int { counter }").0.succeeded)
        #expect(fixture.run("current()").0.plainResult == "6")
        #expect(fixture.run("fatalError(\"x\")").0.errorName == "WorkerCrashed")
        let (outcome, _) = fixture.run("current()")
        #expect(outcome.errorName == "WorkerCrashed", "\(outcome)")
        #expect(outcome.errorText.contains("'counter' has no value in this worker"), "\(outcome)")
        #expect(fixture.run("%rerun").0.succeeded)
        #expect(fixture.run("current()").0.plainResult == "6")
    }
}
