import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the compiler or linker and collects what it prints.
enum CompilerProcess {
    struct Result {
        var succeeded: Bool
        var output: String
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> Result {
        var pipeFDs: [Int32] = [0, 0]
        guard pipe(&pipeFDs) == 0 else {
            throw CellEngineError.toolchainNotFound("cannot start \(executable): \(String(cString: strerror(errno)))")
        }
        _ = fcntl(pipeFDs[0], F_SETFD, FD_CLOEXEC)
        let pid: pid_t
        do {
            pid = try ChildProcess.spawn(executable, arguments: arguments, descriptors: [1: pipeFDs[1], 2: pipeFDs[1]])
        } catch {
            close(pipeFDs[0])
            close(pipeFDs[1])
            throw CellEngineError.toolchainNotFound("cannot start \(executable): \(error)")
        }
        close(pipeFDs[1])
        // Read before waiting: a compiler printing more than a pipe holds would otherwise never exit.
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(pipeFDs[0], &buffer, buffer.count)
            if count > 0 { output += buffer[0..<count] } else if count == 0 || errno != EINTR { break }
        }
        close(pipeFDs[0])
        let status = ChildProcess.wait(for: pid)
        return Result(succeeded: status == 0, output: String(decoding: output, as: UTF8.self))
    }
}
