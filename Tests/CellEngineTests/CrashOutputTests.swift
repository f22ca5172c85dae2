import Testing
@testable import CellEngine

/// The runtime's backtrace report is cut from what a crashing cell shows, however its output is chunked.
struct CrashOutputTests {
    static let stderr = """
        Cell3/<cell>:1: Fatal error: boom
        swift-runtime: failed to suspend thread 28813 while processing a crash; backtraces will be missing information

        *** Signal 4: Backtracing from 0x7f25ebef9361... done ***

        *** Program crashed: Illegal instruction at 0x00007f25ebef9361 ***

        Thread 5 "oot.default-qos" crashed:

          0              0x00007f25ebef9361 _assertionFailure(_:_:file:line:flags:) + 225 in libswiftCore.so
          1 [ra]         0x00007f25e74210d3 explode() + 98 in libCell3.so at //<cell>:1:18
          2 [ra]         0x00007f25e7420ec1 __cellBody() + 16 in libCell4.so at //<cell>:2:19
          3 [ra] [thunk] 0x00007f25e7420f00 thunk for @escaping @callee_guaranteed () + 31 in libCell4.so at //<compiler-generated>

        Backtrace took 0.62s

        """

    @Test(arguments: [1, 4, 5, 13, 1000])
    func theReportIsCutInChunksOfAnySize(_ size: Int) {
        var filter = CrashOutput(showsFull: false)
        let characters = Array(Self.stderr)
        var shown = ""
        for start in stride(from: 0, to: characters.count, by: size) {
            shown += filter.visible(String(characters[start..<min(start + size, characters.count)]))
        }
        shown += filter.flush()
        #expect(shown == "Cell3/<cell>:1: Fatal error: boom\n\n")
    }

    @Test func ordinaryErrorOutputPassesAtOnceAndTheFlagShowsAll() {
        var filter = CrashOutput(showsFull: false)
        #expect(filter.visible("progress: 1") == "progress: 1")
        #expect(filter.visible("*** note") == "")
        #expect(filter.visible(" kept ***\n") == "*** note kept ***\n")
        var full = CrashOutput(showsFull: true)
        #expect(full.visible(Self.stderr) == Self.stderr)
    }

    @Test func framesInTheUsersCellsAreNamedWithTheirCellAndLine() {
        #expect(CellEngine.cellFrames(in: Self.stderr) == ["  in explode() at Cell3, line 1", "  in top-level code at Cell4, line 2"])
    }
}
