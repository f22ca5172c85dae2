import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Starts programs with `posix_spawn`: Foundation's `Process.waitUntilExit` polls its run loop and costs
/// tens of milliseconds per compile, more than lld's whole link of a cell.
enum ChildProcess {
    /// Starts `executable`; `descriptors` maps each child fd to the parent fd it duplicates (fd 0 is
    /// `/dev/null` unless mapped). `environment` is added to this process's environment. Returns the errno
    /// of a failed start as the error's code.
    static func spawn(_ executable: String, arguments: [String], descriptors: [Int32: Int32],
                      environment: [String: String] = [:]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if descriptors[0] == nil { posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0) }
        for (child, parent) in descriptors.sorted(by: { $0.key < $1.key }) {
            posix_spawn_file_actions_adddup2(&actions, parent, child)
        }
        let highest = descriptors.keys.max() ?? 0
        for parent in Set(descriptors.values) where parent > highest {
            posix_spawn_file_actions_addclose(&actions, parent)
        }
        var merged = ProcessInfo.processInfo.environment
        merged.merge(environment) { $1 }
        var pid: pid_t = 0
        let status = withCStrings([executable] + arguments) { argv in
            withCStrings(merged.map { "\($0.key)=\($0.value)" }) { envp in
                posix_spawn(&pid, executable, &actions, nil, argv, envp)
            }
        }
        guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EINVAL) }
        return pid
    }

    /// Waits for `pid` to end and returns its raw wait status.
    static func wait(for pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return status
    }

    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        var pointers = strings.map { strdup($0) }
        pointers.append(nil)
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }
}
