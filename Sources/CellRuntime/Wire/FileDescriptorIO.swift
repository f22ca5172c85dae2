import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Raw reads and writes on a file descriptor, retried on EINTR and partial writes.
package enum FileDescriptorIO {
    /// Writes all of `data`; false when the other end is gone.
    @discardableResult
    package static func writeAll(_ fd: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { raw -> Bool in
            guard var pointer = raw.baseAddress else { return true }
            var remaining = raw.count
            while remaining > 0 {
                let written = write(fd, pointer, remaining)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                pointer += written
                remaining -= written
            }
            return true
        }
    }

    /// Reads what is available (blocking until something is); nil at end of file or on error.
    package static func readSome(_ fd: Int32, max: Int = 65536) -> Data? {
        var buffer = [UInt8](repeating: 0, count: max)
        while true {
            let count = read(fd, &buffer, max)
            if count > 0 { return Data(buffer[0..<count]) }
            if count < 0 && errno == EINTR { continue }
            return nil
        }
    }
}
