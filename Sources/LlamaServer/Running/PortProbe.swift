import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Checks a port on 127.0.0.1 before llama-server is started, so a taken port is a clear error up front rather
/// than a line deep in llama-server's log, and picks a free one for port 0.
enum PortProbe {
    /// `port` when it can be bound now; for 0, a port the kernel says is free.
    /// - Throws: `LlamaServerError.portInUse` when something else holds it.
    static func claim(_ port: Int) throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw LlamaServerError.fileSystem(path: "socket", message: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        // Without SO_REUSEADDR a port still in TIME_WAIT from an earlier server would look taken.
        var one: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            if errno == EADDRINUSE { throw LlamaServerError.portInUse(port: port) }
            throw LlamaServerError.fileSystem(path: "127.0.0.1:\(port)", message: "bind: \(String(cString: strerror(errno)))")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) {
            _ = $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
