import Foundation

/// Debian's `cmake`, installed with apt when missing (the PyPI cmake wheel is not needed).
enum CMakeTool {
    /// Makes sure `cmake` is on PATH, installing Debian's package as root when it is not.
    static func ensureInstalled(log: URL) throws {
        guard InstallStep.which("cmake") == nil else { return }
        guard getuid() == 0, InstallStep.which("apt-get") != nil else {
            throw LlamaServerError.missingTool(name: "cmake", hint: "run `apt-get install cmake` (as root) and start again")
        }
        progress("installing cmake with apt-get")
        try InstallStep(title: "apt-get update", executable: "apt-get", arguments: ["update", "-qq"]).run(log: log)
        try InstallStep(title: "apt-get install cmake", executable: "apt-get",
                        arguments: ["install", "-y", "-qq", "cmake"]).run(log: log)
    }
}
