import Foundation
import JSON
import JupyterKernel
import JupyterProtocol
import KernelInterpreter
import KernelTesting
import Testing

@Suite struct HistoryTests {
    let client = Session(username: "client")

    func kernelAfterRunning(_ cells: [String], historyFile: String? = nil) -> (Kernel, RecordingTransport) {
        let transport = RecordingTransport()
        let kernel = Kernel(interpreter: ScriptedInterpreter { request, _ in
            .ok(result: ["text/plain": .string("out \(request.code)")])
        }, transport: transport, historyFile: historyFile)
        for code in cells { _ = kernel.handle(client.message("execute_request", content: ["code": .string(code)]), on: .shell) }
        return (kernel, transport)
    }

    func history(_ kernel: Kernel, _ transport: RecordingTransport, _ content: [String: JSONValue]) -> [JSONValue] {
        _ = kernel.handle(client.message("history_request", content: content), on: .shell)
        return transport.last("history_reply")?.content["history"]?.arrayValue ?? []
    }

    @Test func tailRangeAndOutputs() {
        let (kernel, transport) = kernelAfterRunning(["a = 1", "b = 2", "a + b"])
        let tail = history(kernel, transport, ["hist_access_type": "tail", "n": 2, "output": false, "raw": true])
        #expect(tail == [[1, 2, "b = 2"], [1, 3, "a + b"]])
        let withOutput = history(kernel, transport, ["hist_access_type": "tail", "n": 1, "output": true, "raw": true])
        #expect(withOutput == [[1, 3, ["a + b", "out a + b"]]])
        let range = history(kernel, transport, ["hist_access_type": "range", "session": 1, "start": 1, "stop": 3,
                                                "output": false, "raw": true])
        #expect(range.count == 2)
        let current = history(kernel, transport, ["hist_access_type": "range", "session": 0, "start": 3,
                                                  "output": false, "raw": true])
        #expect(current == [[1, 3, "a + b"]])
    }

    @Test func searchWithGlobsUniqueAndN() {
        let (kernel, transport) = kernelAfterRunning(["a = 1", "print(a)", "a = 1", "b = [2]", "a = 1"])
        #expect(history(kernel, transport, ["hist_access_type": "search", "pattern": "a = *", "output": false,
                                            "raw": true]).count == 3)
        #expect(history(kernel, transport, ["hist_access_type": "search", "pattern": "a = *", "unique": true,
                                            "output": false, "raw": true]) == [[1, 5, "a = 1"]])
        #expect(history(kernel, transport, ["hist_access_type": "search", "pattern": "?rint(?)", "output": false,
                                            "raw": true]).count == 1)
        #expect(history(kernel, transport, ["hist_access_type": "search", "pattern": "b = [[]2]", "output": false,
                                            "raw": true]).count == 1)
        #expect(history(kernel, transport, ["hist_access_type": "search", "pattern": "*", "n": 2, "output": false,
                                            "raw": true]).count == 2)
    }

    /// History lives in a SQLite file as IPython's does: a restarted kernel is a new session that still sees
    /// the earlier ones.
    @Test func historyOutlivesTheKernelInItsFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("history-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("nested/history.sqlite").path
        _ = kernelAfterRunning(["a = 1", "print(a)"], historyFile: file)
        let (kernel, transport) = kernelAfterRunning(["b = 2"], historyFile: file)
        let tail = history(kernel, transport, ["hist_access_type": "tail", "n": 3, "output": false, "raw": true])
        #expect(tail == [[1, 1, "a = 1"], [1, 2, "print(a)"], [2, 1, "b = 2"]])
        let previous = history(kernel, transport, ["hist_access_type": "range", "session": -1, "start": 1,
                                                   "output": true, "raw": true])
        #expect(previous == [[1, 1, ["a = 1", "out a = 1"]], [1, 2, ["print(a)", "out print(a)"]]])
        let current = history(kernel, transport, ["hist_access_type": "range", "session": 0, "start": 1,
                                                  "output": false, "raw": true])
        #expect(current == [[2, 1, "b = 2"]])
        #expect(history(kernel, transport, ["hist_access_type": "search", "pattern": "? = *", "output": false,
                                            "raw": true]).count == 2)
    }

    /// A history file that cannot be opened costs persistence, not the kernel: history stays in memory.
    @Test func anUnusableHistoryFileFallsBackToMemory() throws {
        let blocker = FileManager.default.temporaryDirectory.appendingPathComponent("history-\(UUID().uuidString)")
        try Data("not a folder".utf8).write(to: blocker)
        defer { try? FileManager.default.removeItem(at: blocker) }
        let (kernel, transport) = kernelAfterRunning(["x = 1"], historyFile: blocker.appendingPathComponent("h.sqlite").path)
        #expect(history(kernel, transport, ["hist_access_type": "tail", "n": 5, "output": false, "raw": true])
            == [[1, 1, "x = 1"]])
    }
}
