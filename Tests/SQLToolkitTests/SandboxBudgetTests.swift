import Dispatch
import Foundation
import SQLite
import SQLToolkit
import Testing

/// The time budget holds for statements whose steps are long, and the memory budget belongs to each sandbox.
@Suite(.serialized) struct SandboxBudgetTests {
    /// How far past its time budget a statement may end: no instruction runs long, so this is slack for a machine
    /// shared with other work, not for SQLite.
    static let tolerance: Duration = .milliseconds(400)

    static func timed<T>(_ body: () throws -> T) -> (Result<T, any Error>, Duration) {
        let start = ContinuousClock.now
        let result = Result { try body() }
        return (result, ContinuousClock.now - start)
    }

    /// A million rows sorted (ORDER BY) or grouped (GROUP BY): with the sort kept in memory SQLite sorts them in one
    /// instruction of a second or more, which no interrupt reaches; spilled to (in-memory) temporary files, each
    /// run is sorted in its own short step. Budgets across the statement's life all hold.
    @Test func timeBudgetHoldsDuringABigSort() throws {
        let context = "CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('a'), ('b'), ('c'), ('d'), ('e'), ('f'), ('g'), ('h'), ('i'), ('j');"
        let queries = [
            "SELECT a.v FROM t a, t b, t c, t d, t e, t f ORDER BY random()",
            "SELECT random() AS r, count(*) FROM t a, t b, t c, t d, t e, t f GROUP BY r",
        ]
        for query in queries {
            for milliseconds in stride(from: 200, through: 1_400, by: 300) {
                let budget = Duration.milliseconds(milliseconds)
                let limits = SandboxLimits(timeBudget: budget, instructionBudget: .max, rowBudget: 10, memoryBudget: 1 << 30)
                let sandbox = try SQLSandbox(context: context, limits: limits)
                let (result, elapsed) = Self.timed { try sandbox.run(query) }
                #expect(elapsed < budget + Self.tolerance, "\(query) with \(budget): \(elapsed), \(result)")
                if case .failure(let error as SandboxError) = result {
                    #expect(error == .timeBudgetExceeded(budget) || error == .rowBudgetExceeded(10), "\(error)")
                } else {
                    Issue.record("\(query) returned more rows than its row budget: \(result)")
                }
            }
        }
    }

    /// `instr()` of a 30,000-byte needle that never matches in a 60,000-byte text compares about 10^9 bytes, in one
    /// instruction; a hundred rows take a few hundred instructions, so the progress handler (every 1000
    /// instructions) would not run at all. The watchdog interrupts the statement at its deadline.
    @Test func timeBudgetHoldsWhenEachInstructionIsSlow() throws {
        let context = """
            CREATE TABLE t (x TEXT);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)
            INSERT INTO t SELECT replace(hex(zeroblob(30000)), '0', 'a') FROM n;
            """
        let budget = Duration.milliseconds(300)
        let sandbox = try SQLSandbox(context: context, limits: SandboxLimits(timeBudget: budget))
        #expect(sandbox.loadReport.isComplete, "\(sandbox.loadReport.failed)")
        let (result, elapsed) = Self.timed { try sandbox.run("SELECT sum(instr(x, substr(x, 1, 30000) || 'b')) FROM t") }
        #expect(throws: SandboxError.timeBudgetExceeded(budget)) { try result.get() }
        #expect(elapsed < budget + Self.tolerance, "took \(elapsed)")
    }

    /// Functions that could spin in one instruction for longer than any budget are refused or bounded.
    @Test func slowSingleInstructionsAreRefused() throws {
        let sandbox = try SQLSandbox(context: "CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('  a  ');")
        #expect(try sandbox.run("SELECT trim(v), trim(v, ' '), ltrim(v, ' a'), rtrim(v) FROM t").rows == [[.text("a"), .text("a"), .text(""), .text("  a")]])
        let refused = [
            "SELECT trim(v, (SELECT group_concat(v) FROM t)) FROM t",
            "SELECT rtrim(v, '\(String(repeating: "x", count: 101))') FROM t",
            "SELECT printf /* a comment between the name and its arguments */ ('%.*c', 1000000000, 'x')",
        ]
        for query in refused {
            #expect(throws: SandboxError.self, "\(query)") { try sandbox.run(query) }
            do {
                _ = try sandbox.run(query)
            } catch {
                guard case .denied = error else { Issue.record("\(query): \(error)"); continue }
            }
        }
        let longPattern = "'%" + String(repeating: "a%", count: 600) + "'"
        #expect(throws: SandboxError.self) { try sandbox.run("SELECT v LIKE \(longPattern) FROM t") }
        #expect(throws: SandboxError.memoryBudgetExceeded("a value longer than 65536 bytes")) {
            try sandbox.run("SELECT length(zeroblob(65537))")
        }
    }

    /// The budget covers what a sandbox holds across its statements, not each statement alone.
    @Test func memoryBudgetCoversTheSandboxAcrossStatements() throws {
        let sandbox = try SQLSandbox(limits: SandboxLimits(memoryBudget: 16 << 20))
        let tenMB = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 175) SELECT zeroblob(60000) AS v FROM n"
        _ = try sandbox.run("CREATE TABLE a AS \(tenMB)")
        #expect(throws: SandboxError.memoryBudgetExceeded("the sandbox would hold more than 16777216 bytes")) {
            try sandbox.run("CREATE TABLE b AS \(tenMB)")
        }
        #expect(try sandbox.run("SELECT count(*) FROM a").rows == [[.integer(175)]])
    }

    /// Sandboxes on two threads each fill most of their budget at the same time, three times over: neither counts
    /// the other's memory (the deterministic check of the per-thread count is in NativeTests' SQLiteMemoryTests).
    @Test(arguments: 1...3) func concurrentSandboxesDoNotShareTheBudget(round: Int) throws {
        let limits = SandboxLimits(memoryBudget: 64 << 20)
        let fortyMB = "CREATE TABLE big AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 700) SELECT zeroblob(60000) AS v FROM n"
        let outcomes = Outcomes()
        let start = DispatchGroup()
        for _ in 0..<2 { start.enter() }
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            start.leave()
            start.wait()
            outcomes.append(Result {
                let sandbox = try SQLSandbox(limits: limits)
                _ = try sandbox.run(fortyMB)
                return try sandbox.run("SELECT count(*) FROM big").rows
            })
        }
        #expect(outcomes.all.count == 2)
        for outcome in outcomes.all {
            switch outcome {
            case .success(let rows): #expect(rows == [[.integer(700)]])
            case .failure(let error): Issue.record("\(error)")
            }
        }
    }
}

/// Results gathered from several threads.
private final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<[[SQLiteValue]], any Error>] = []
    func append(_ result: Result<[[SQLiteValue]], any Error>) { lock.withLock { results.append(result) } }
    var all: [Result<[[SQLiteValue]], any Error>] { lock.withLock { results } }
}
