import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the compiler or linker and collects what it prints.
enum CompilerProcess {
    struct Result {
        var succeeded: Bool
        /// Standard output and standard error, as they arrived.
        var output: String
        /// Standard output alone: what `-print-ast` prints, free of diagnostics, whose source excerpts would
        /// otherwise parse as code.
        var standardOutput: String
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> Result {
        var outPipe: [Int32] = [0, 0], errorPipe: [Int32] = [0, 0]
        guard pipe(&outPipe) == 0 else {
            throw CellEngineError.toolchainNotFound("cannot start \(executable): \(String(cString: strerror(errno)))")
        }
        guard pipe(&errorPipe) == 0 else {
            let reason = String(cString: strerror(errno))
            outPipe.forEach { close($0) }
            throw CellEngineError.toolchainNotFound("cannot start \(executable): \(reason)")
        }
        for fd in [outPipe[0], errorPipe[0]] { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        let pid: pid_t
        do {
            pid = try ChildProcess.spawn(executable, arguments: arguments, descriptors: [1: outPipe[1], 2: errorPipe[1]])
        } catch {
            (outPipe + errorPipe).forEach { close($0) }
            throw CellEngineError.toolchainNotFound("cannot start \(executable): \(error)")
        }
        close(outPipe[1])
        close(errorPipe[1])
        // Read both until they close, before waiting: a compiler printing more than a pipe holds would otherwise
        // never exit.
        var output: [UInt8] = [], standardOutput: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        var open = [pollfd(fd: outPipe[0], events: Int16(POLLIN), revents: 0),
                    pollfd(fd: errorPipe[0], events: Int16(POLLIN), revents: 0)]
        while !open.isEmpty {
            guard poll(&open, nfds_t(open.count), -1) >= 0 || errno == EINTR else { break }
            for index in open.indices.reversed() where open[index].revents != 0 {
                let count = read(open[index].fd, &buffer, buffer.count)
                if count > 0 {
                    output += buffer[0..<count]
                    if open[index].fd == outPipe[0] { standardOutput += buffer[0..<count] }
                } else if count == 0 || errno != EINTR {
                    open.remove(at: index)
                }
            }
        }
        close(outPipe[0])
        close(errorPipe[0])
        let status = ChildProcess.wait(for: pid)
        return Result(succeeded: status == 0, output: String(decoding: output, as: UTF8.self),
                      standardOutput: String(decoding: standardOutput, as: UTF8.self))
    }
}
