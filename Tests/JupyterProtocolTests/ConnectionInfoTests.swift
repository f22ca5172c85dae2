import Foundation
import JupyterProtocol
import Testing

@Suite struct ConnectionInfoTests {
    func write(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("conn-\(UUID().uuidString).json")
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test func readsAJupyterClientConnectionFile() throws {
        let url = try write("""
            {"shell_port": 5001, "iopub_port": 5002, "stdin_port": 5003, "control_port": 5004, "hb_port": 5005,
             "ip": "127.0.0.1", "key": "k", "transport": "tcp", "signature_scheme": "hmac-sha256", "kernel_name": "x"}
            """)
        let info = try ConnectionInfo(contentsOf: url)
        #expect(info.shellPort == 5001 && info.hbPort == 5005 && info.key == "k")
        #expect(info.endpoint(port: info.shellPort) == "tcp://127.0.0.1:5001")
        var ipc = info
        ipc.transport = "ipc"
        ipc.ip = "/tmp/kernel"
        #expect(ipc.endpoint(port: 3) == "ipc:///tmp/kernel-3")
    }

    @Test func namesTheMissingField() throws {
        let url = try write(#"{"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4}"#)
        #expect {
            try ConnectionInfo(contentsOf: url)
        } throws: { error in
            "\(error)".contains("hb_port") && "\(error)".contains(url.path)
        }
    }
}
