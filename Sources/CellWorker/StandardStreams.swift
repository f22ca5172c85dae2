import Foundation

/// C stdio's `stdout` and `stderr`, which Swift's `print` writes through.
enum StandardStreams {
    /// Makes `stdout` line-buffered and `stderr` unbuffered, so that text reaches the host's pipes as it is
    /// printed, and one `print` with several items is one write (one stream message, not several).
    ///
    /// Swift 6 refuses to touch C's mutable globals `stdout`/`stderr` by name, so their `FILE *` values are
    /// read through the dynamic linker; this runs once, before any other thread exists.
    static func configure() {
        for (name, mode) in [("stdout", _IOLBF), ("stderr", _IONBF)] {
            guard let variable = dlsym(nil, name) else { continue }
            let stream = variable.assumingMemoryBound(to: UnsafeMutablePointer<FILE>?.self).pointee
            setvbuf(stream, nil, mode, 0)
        }
    }
}

extension StandardStreams {
    /// Flushes a partial line (`print("working", terminator: "")`) every `interval`, as ipykernel does, so it
    /// shows while the cell runs.
    static func flushPeriodically(every interval: TimeInterval = 0.2) {
        Thread.detachNewThread {
            while true {
                Thread.sleep(forTimeInterval: interval)
                fflush(nil)
            }
        }
    }

    /// Waits (up to `limit`) until the host has read everything written to fds 1 and 2. The host takes outputs
    /// from the pipes and messages from the socket; a message sent only once the pipes are empty reaches it after
    /// the text printed before it, so the host can keep the two in the order the cell produced them.
    static func waitUntilRead(limit: Duration = .milliseconds(500)) {
        fflush(nil)  // a partial line still in stdout's buffer was printed before, too
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
