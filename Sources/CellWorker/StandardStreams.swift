import Foundation

/// C stdio's `stdout` and `stderr`, which Swift's `print` writes through.
enum StandardStreams {
    /// Makes `stdout` and `stderr` unbuffered, so every write reaches the host's pipes at once.
    ///
    /// Swift 6 refuses to touch C's mutable globals `stdout`/`stderr` by name, so their `FILE *` values are
    /// read through the dynamic linker; this runs once, before any other thread exists.
    static func unbuffer() {
        for name in ["stdout", "stderr"] {
            guard let variable = dlsym(nil, name) else { continue }
            let stream = variable.assumingMemoryBound(to: UnsafeMutablePointer<FILE>?.self).pointee
            setvbuf(stream, nil, _IONBF, 0)
        }
    }
}

extension StandardStreams {
    /// Waits (up to `limit`) until the host has read everything written to fds 1 and 2. The host takes outputs
    /// from the pipes and messages from the socket; a message sent only once the pipes are empty reaches it after
    /// the text printed before it, so the host can keep the two in the order the cell produced them.
    static func waitUntilRead(limit: Duration = .milliseconds(500)) {
        let deadline = ContinuousClock.now + limit
        var pause: useconds_t = 20
        while hasUnreadOutput(), ContinuousClock.now < deadline {
            usleep(pause)
            pause = min(pause * 2, 2_000)
        }
    }

    /// Whether the pipe behind fd 1 or 2 still holds bytes (false when they are not pipes).
    private static func hasUnreadOutput() -> Bool {
        [Int32(1), 2].contains { fd in
            var unread: Int32 = 0
            return ioctl(fd, UInt(FIONREAD), &unread) == 0 && unread > 0
        }
    }
}
