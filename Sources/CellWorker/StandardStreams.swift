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
