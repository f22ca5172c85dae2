import Foundation

/// Where the kernel reports what it drops or cannot do; Jupyter shows a kernel's stderr in the server log.
package enum KernelLog {
    package static func warning(_ text: String) {
        FileHandle.standardError.write(Data("[swift-dspy kernel] \(text)\n".utf8))
    }
}
