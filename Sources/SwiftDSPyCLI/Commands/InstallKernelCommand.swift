import ArgumentParser
import CellEngine
import Foundation

/// `swift-dspy install-kernel`: writes the "Swift (DSPy)" kernelspec where Jupyter looks for kernels, the way
/// `python -m ipykernel install` does, with argv pointing at this very executable.
struct InstallKernelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install-kernel",
        abstract: "Installs (or with --uninstall removes) the Swift (DSPy) kernelspec for Jupyter.",
        discussion: """
            Without --user or --prefix the kernelspec goes to /usr/local/share/jupyter/kernels/NAME.
            The kernelspec runs `<this executable> kernel -f {connection_file}`.
            """
    )

    @Flag(help: "Install for the current user (~/.local/share/jupyter/kernels).")
    var user = false

    @Option(help: ArgumentHelp("Install under DIR/share/jupyter/kernels (e.g. a venv).", valueName: "DIR"))
    var prefix: String?

    @Option(help: "The kernelspec's folder name, which clients use to pick the kernel.")
    var name = "swift-dspy"

    @Option(help: "The name Jupyter shows for the kernel.")
    var displayName = "Swift (DSPy)"

    @Flag(help: "Remove the kernelspec instead of installing it.")
    var uninstall = false

    func validate() throws {
        if user && prefix != nil { throw ValidationError("--user and --prefix cannot be combined.") }
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw ValidationError("--name may only hold letters, digits, '-', '_' and '.': \"\(name)\"")
        }
    }

    func run() throws {
        let destination = kernelsDirectory.appendingPathComponent(name)
        if uninstall {
            guard FileManager.default.fileExists(atPath: destination.path) else {
                throw KernelspecError.notInstalled(destination.path)
            }
            try FileManager.default.removeItem(at: destination)
            print("Removed kernelspec \(name) from \(destination.path)")
            return
        }
        let executable = try Self.executablePath()
        // The compiler found now goes into the kernelspec: a kernel launched by a gateway or a hub may not get this PATH.
        let swiftc = try? Toolchain.discover(binDirectory: URL(fileURLWithPath: executable).deletingLastPathComponent()).swiftc
        try Kernelspec(executable: executable, displayName: displayName, swiftc: swiftc).write(to: destination)
        print("Installed kernelspec \(name) in \(destination.path)")
    }

    private var kernelsDirectory: URL {
        if let prefix {
            return URL(fileURLWithPath: prefix).appendingPathComponent("share/jupyter/kernels")
        }
        if user {
            #if os(macOS)
            return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent("Library/Jupyter/kernels")
            #else
            let dataHome = ProcessInfo.processInfo.environment["XDG_DATA_HOME"].map { URL(fileURLWithPath: $0) }
                ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share")
            return dataHome.appendingPathComponent("jupyter/kernels")
            #endif
        }
        return URL(fileURLWithPath: "/usr/local/share/jupyter/kernels")
    }

    /// The absolute, symlink-free path of the running executable, so the kernelspec works from any directory.
    static func executablePath() throws -> String {
        guard let path = Bundle.main.executableURL?.resolvingSymlinksInPath().path else {
            throw KernelspecError.executableUnknown
        }
        return path
    }
}
